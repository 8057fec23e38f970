"""Synthetic complaints in bulk, for load testing and demos of scale. Synthetic data only.

``load_synthetic`` fills a database with as many complaints as a test of scale needs (a million
takes minutes, not hours), so that listings, counts and reports can be measured at the size the
ministry will run at. Every record is invented: people's names come from a short list, their
national IDs from ``thai.national_id.generate`` (valid checksum, never a real person's), and the
subjects are generic. Nothing here is meant to be mistaken for, or mixed with, real petitions:
load it into a database made for the test (``damrong -c INI bulk-load COUNT`` on a throw-away
var/, or the benchmark in bench/intake.py), never into one that holds real work.

Complaints go through ``complaints.register_complaints`` like any other, a batch per commit, so
receipt numbers, tracking codes, the listing index and the summary counters are exactly what the
web form would have produced. There
are no scans (no uploads, so no document jobs); with ``pages`` each complaint has its petition's
text as a document already read, for rebuilding the search index at scale. Times received are spread evenly over the last
three years and registered oldest first, so receipt numbers follow the dates as they do at a
real counter; that order also keeps the index inserts at the end of each key set, which is most
of why loading is fast.

The caller opens the connection and makes the Pyramid registry current (``scripts.cli.open_site``
does both); the registry's taxonomy gives the category codes of each center's level.
"""

import datetime
import hashlib
import time

import transaction
from pyramid.threadlocal import get_current_registry

from .collector import fewer_collections
from .complaints import Registration, register_complaints
from .resources.document import Page, ScannedDocument
from .thai import national_id
from .thai.dates import BANGKOK, format_date
from .thai.digits import to_thai_digits

#: Channels a synthetic complaint arrives by (codes of config/taxonomy.yaml), with weights.
CHANNELS = {"walk-in": 45, "letter": 15, "hotline-1567": 25, "phone": 10, "website": 5}
#: Initial statuses (states of config/workflow.yaml), with weights: most are just received.
STATUSES = {"received": 60, "screening": 10, "forwarded": 10, "in-progress": 8, "closed": 12}
URGENCIES = {"normal": 85, "urgent": 10, "very-urgent": 3, "most-urgent": 2}
#: How far back the times received go.
SPAN = datetime.timedelta(days=3 * 365)
#: Category codes per center level if no registry taxonomy is at hand.
DEFAULT_CATEGORIES = {
    "district": [f"d{n:02d}" for n in range(1, 6)],
    "province": [f"p{n:02d}" for n in range(1, 14)],
}
DEFAULT_CATEGORIES["ministry"] = DEFAULT_CATEGORIES["province"]

SUBJECTS = (
    "ขอให้ตรวจสอบการปล่อยน้ำเสียลงลำห้วย",
    "ขอความช่วยเหลือค่ารักษาพยาบาล",
    "ร้องเรียนเสียงดังจากสถานบันเทิงยามวิกาล",
    "ขอให้ไกล่เกลี่ยข้อพิพาทแนวเขตที่ดิน",
    "แจ้งเบาะแสบ่อนการพนัน",
    "ขอให้ซ่อมแซมถนนในหมู่บ้าน",
    "ร้องเรียนการเก็บดอกเบี้ยเงินกู้นอกระบบเกินอัตรา",
    "ขอให้ตรวจสอบการก่อสร้างอาคารรุกล้ำทางสาธารณะ",
    "นายจ้างค้างจ่ายค่าจ้าง",
    "ขอรับการช่วยเหลือผู้ประสบอุทกภัย",
    "ร้องเรียนกลิ่นเหม็นจากฟาร์มสุกร",
    "ขอให้ตรวจสอบการจัดซื้อจัดจ้างของหน่วยงานท้องถิ่น",
)
TITLES = ("นาย", "นาง", "นางสาว")
FIRST_NAMES = ("สมชาย", "สมศรี", "วิชัย", "มาลี", "ประยุทธ", "บุญมี", "สุดา", "อนันต์", "จันทร์เพ็ญ",
               "ธนพล", "กาญจนา", "สมบัติ")
LAST_NAMES = ("ใจดี", "ทองดี", "ศรีสุข", "แก้วมณี", "บุญประเสริฐ", "สุขสวัสดิ์", "มั่นคง", "พรหมมา",
              "รักไทย", "วงศ์สวัสดิ์")
AGENCIES = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "สำนักงานที่ดินจังหวัด", "บริษัทเอกชน", "")
#: Sentences of a petition's body, picked at random (``--pages``; bench/search.py too).
SENTENCES = [
    "ข้าพเจ้าได้รับความเดือดร้อนเป็นอย่างมากและได้แจ้งผู้ใหญ่บ้านแล้วแต่ยังไม่ได้รับการแก้ไข",
    "จึงขอความอนุเคราะห์ให้ศูนย์ดำรงธรรมอำเภอตรวจสอบข้อเท็จจริงและดำเนินการตามอำนาจหน้าที่",
    "เหตุดังกล่าวเกิดขึ้นต่อเนื่องมาเป็นเวลาหลายเดือนโดยเฉพาะในเวลากลางคืน",
    "ผู้ถูกร้องเรียนได้เรียกรับเงินค่าดำเนินการโดยไม่มีใบเสร็จรับเงิน",
    "ที่ดินแปลงดังกล่าวเป็นที่สาธารณประโยชน์ที่ชาวบ้านใช้ร่วมกันมาตั้งแต่ปีก่อน",
    "ชาวบ้านในหมู่บ้านได้รับผลกระทบจากกลิ่นเหม็นและน้ำเสียที่ไหลลงสู่ลำคลองสาธารณะ",
    "ขอให้หน่วยงานที่เกี่ยวข้องเข้ามาไกล่เกลี่ยเพื่อให้คู่กรณีสามารถตกลงกันได้",
    "ข้าพเจ้าได้กู้ยืมเงินนอกระบบและถูกข่มขู่ทวงถามหนี้ด้วยวิธีการที่ไม่เป็นธรรม",
    "ถนนสายดังกล่าวชำรุดเสียหายเป็นหลุมบ่อทำให้เกิดอุบัติเหตุบ่อยครั้ง",
    "น้ำประปาไม่ไหลมาเป็นเวลากว่าสองสัปดาห์ทำให้ประชาชนไม่มีน้ำใช้ในการอุปโภคบริโภค",
    "โครงการก่อสร้างดังกล่าวล่าช้ากว่ากำหนดและผู้รับจ้างได้ทิ้งงานไปแล้ว",
    "เจ้าหน้าที่ได้ปฏิบัติหน้าที่โดยมิชอบและเลือกปฏิบัติต่อผู้ร้อง",
    "ข้าพเจ้ามีฐานะยากจนและมีภาระต้องดูแลบิดามารดาที่ป่วยติดเตียง",
    "ทั้งนี้ข้าพเจ้ายินดีให้ข้อมูลเพิ่มเติมและเป็นพยานในการตรวจสอบข้อเท็จจริง",
    "มีการลักลอบเล่นการพนันและจำหน่ายยาเสพติดในพื้นที่เป็นประจำ",
    "ไฟฟ้าดับบ่อยครั้งทำให้เครื่องใช้ไฟฟ้าภายในบ้านได้รับความเสียหาย",
]

#: Agency prefixes of the letter numbers petitions quote ("อ้างถึงหนังสือที่ …").
UNITS = ["มท ๐๒๐๕.๓", "มท ๐๓๑๐.๒", "ชม ๐๐๑๘.๔", "รบ ๐๐๒๓.๑", "ขก ๐๐๑๗.๕", "นม ๐๐๑๑.๓"]
#: What OCR of a poor scan loses (marks above the line) and confuses (look-alikes).
TONE_MARKS, UPPER_VOWELS = "่้๊๋", "ัิีึื"
LOOK_ALIKE = dict(zip("ดตบปขชผพฝฟรธถภ", "ตดปบชขพผฟฝธรภถ")) | dict(zip("๓๘๑๙0815", "๘๓๙๑8051"))


def ocr_noise(text, rng):
    """What a poor scan does to Thai: marks lost, look-alike letters and digits swapped, spaces."""
    out = []
    for char in text:
        roll = rng.random()
        if char in TONE_MARKS and roll < 0.3 or char in UPPER_VOWELS and roll < 0.05:
            continue
        if char in LOOK_ALIKE and roll < 0.03:
            char = LOOK_ALIKE[char]
        out.append(char)
        if roll > 0.995:
            out.append(" ")
    return "".join(out)


def load_synthetic(site, center_codes, count, rng, batch=5000, progress=None,
                   commit=transaction.commit, pages=False):
    """Register ``count`` synthetic complaints spread over ``center_codes``; returns the rate.

    ``rng`` (a ``random.Random``) decides everything but the tracking codes and listing keys,
    which come from their own generators as at the counter. Commits every ``batch``
    complaints with ``commit`` (pass the connection's own ``transaction_manager.commit`` if it
    has one), then calls ``progress(done, count)`` and lets the connection's cache shrink back,
    so memory stays bounded whatever ``count`` is. Returns complaints per second.

    ``pages``: each complaint also gets its petition as a document of one page already read
    (see ``attach_petition``), so the search index can be rebuilt at scale with page texts.
    """
    if count <= 0:
        return 0.0
    registry = get_current_registry()
    workflow = getattr(registry, "workflow", None)
    if workflow is not None:
        unknown = set(STATUSES) - set(workflow.states)
        if unknown:
            raise ValueError(f"statuses not in the workflow: {sorted(unknown)}")
    centers = [_CenterPlan(site.centers[code], getattr(registry, "taxonomy", None), rng)
               for code in center_codes]
    if not centers:
        raise ValueError("no centers given")
    channels, channel_weights = _cumulative(CHANNELS)
    statuses, status_weights = _cumulative(STATUSES)
    urgencies, urgency_weights = _cumulative(URGENCIES)
    now = datetime.datetime.now(BANGKOK).replace(microsecond=0)
    first = now - SPAN
    step = SPAN.total_seconds() / count  # one slot per complaint, oldest first
    jar = site._p_jar
    began = time.perf_counter()
    pending = []
    with fewer_collections():
        for done in range(1, count + 1):
            plan = rng.choice(centers)
            seconds = (done - 1 + rng.random()) * step
            received_at = first + datetime.timedelta(seconds=int(seconds))
            record = {
                "received_at": received_at,
                "type": {"category": rng.choice(plan.categories), "category_other": "",
                         "channel": rng.choices(channels, cum_weights=channel_weights)[0]},
                "complaint": {"subject": rng.choice(SUBJECTS),
                              "details": "ข้อมูลสังเคราะห์สำหรับทดสอบระบบ (synthetic)",
                              "urgency": rng.choices(urgencies, cum_weights=urgency_weights)[0]},
                "place": plan.place(rng),
                "complainant": _complainant(rng),
                "respondent": {"name": "", "position": "", "agency": rng.choice(AGENCIES)},
            }
            status = rng.choices(statuses, cum_weights=status_weights)[0]
            pending.append((plan, Registration(plan.center, record, plan.clerk, status)))
            if done % batch == 0 or done == count:
                complaints = register_complaints(site, [entry for _, entry in pending])
                if pages:
                    for (plan, _), complaint in zip(pending, complaints):
                        attach_petition(complaint, petition_text(complaint, plan.center, rng),
                                        plan.clerk)
                pending = []
                commit()
                if jar is not None:
                    jar.cacheGC()
                if progress is not None:
                    progress(done, count)
    return count / max(time.perf_counter() - began, 1e-9)


def petition_text(complaint, center, rng):
    """What OCR read from a typed petition of about 1,000 characters about ``complaint``:
    addressed to ``center``, signed by its complainant, quoting a letter number and a date in
    Thai or Arabic digits; a third of them with OCR noise."""
    digits = to_thai_digits if rng.random() < 0.6 else str
    person = complaint.complainant
    signer = "" if person["anonymous"] else \
        f"{person['title']}{person['first_name']} {person['last_name']} "
    respondent = complaint.respondent["agency"] or "เจ้าหน้าที่ในพื้นที่"
    text = (f"เรียน ผู้อำนวยการ{center.title}\nข้าพเจ้า{signer}"
            f"อยู่บ้านเลขที่ {digits(str(rng.randrange(1, 400)))} "
            f"หมู่ที่ {digits(str(rng.randrange(1, 15)))} ขอร้องเรียน{respondent} "
            f"เรื่อง{complaint.subject} " + " ".join(rng.sample(SENTENCES, 5))
            + f" อ้างถึงหนังสือที่ {rng.choice(UNITS)}/ว {digits(str(rng.randrange(1, 10000)))} "
            f"ลงวันที่ {format_date(complaint.received_at, thai_digits=digits is not str)} "
            "จึงเรียนมาเพื่อโปรดพิจารณา ขอแสดงความนับถือ")
    return ocr_noise(text, rng) if rng.random() < 1 / 3 else text


def attach_petition(complaint, text, who):
    """Attach ``text`` as the complaint's petition, a document of one page already read.

    The original is the text itself (UTF-8), marked synthetic in its name; the page has no
    image, since nothing reads one back at load-test scale: what is measured is the record,
    the documents folder and the page text as search and listings load them.
    """
    data = text.encode()
    document = ScannedDocument(filename="petition-synthetic.txt", mimetype="text/plain",
                               sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                               page_count=1, uploaded_by=who)
    with document.original.open("w") as original:
        original.write(data)
    page = Page(1, 0, 0)
    page.text = page.machine_text = text
    page.source = "synthetic"
    document.pages[1] = page
    document.state, document.pages_read = "ready", 1
    complaint.add(complaint.next_document_name(), document)
    return document


class _CenterPlan:
    """What stays the same for every complaint of one center: its categories, places, clerk."""

    def __init__(self, center, taxonomy, rng):
        self.center = center
        level = center.level
        if taxonomy is not None:
            other = taxonomy.other_category
            self.categories = [code for code, _ in taxonomy.categories(level) if code != other]
        else:
            self.categories = DEFAULT_CATEGORIES[level]
        self.clerk = national_id.generate(rng)  # the synthetic member of staff who registers
        if level == "district":
            self.districts = [center.code]
            self.province = center.province_code or center.code[:2]
        elif level == "province":
            from . import areas

            self.districts = [code for code, _ in areas.districts(center.code)] or [""]
            self.province = center.code
        else:
            self.districts = [""]
            self.province = "10"

    def place(self, rng):
        return {"province": self.province, "district": rng.choice(self.districts),
                "subdistrict": "", "address": "", "lat": "", "lon": ""}


def _complainant(rng):
    if rng.random() < 0.08:
        return {"anonymous": True, "title": "", "first_name": "", "last_name": "",
                "national_id": "", "phone": "", "address": ""}
    return {"anonymous": False, "title": rng.choice(TITLES),
            "first_name": rng.choice(FIRST_NAMES), "last_name": rng.choice(LAST_NAMES),
            "national_id": national_id.generate(rng),
            "phone": f"08{rng.randrange(10)}-{rng.randrange(1000):03d}-{rng.randrange(10000):04d}",
            "address": ""}


def _cumulative(weights):
    names, cumulative, total = [], [], 0
    for name, weight in weights.items():
        total += weight
        names.append(name)
        cumulative.append(total)
    return names, cumulative
