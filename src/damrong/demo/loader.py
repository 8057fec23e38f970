"""The demo database: staff accounts to try, and complaints that look like a year of real work.

``damrong -c INI init --demo-if-new`` (and ``damrong -c INI demo``) call ``load_demo`` inside an
open connection whose registry is current. Everything goes through the same code as the web
pages: accounts through ``accounts.add_user``, complaints through ``register_complaint``, scans
through the upload store's checks, status changes through the workflow, so the demo also shows
that those paths work together.

All people are invented (see demo.people); the places are real DOPA codes.
"""

import datetime
import os
import random
import tempfile
from dataclasses import dataclass, field

import transaction

from .. import areas
from ..accounts import add_user, temporary_password
from ..approvals import PROPOSE, propose
from ..complaints import register_complaint
from ..security import Actor
from ..thai import national_id
from ..thai.dates import BANGKOK, format_date
from ..thai.digits import to_thai_digits
from ..uploads import UploadError
from ..workdays import due_in
from . import scans
from .outreach import load_outreach
from .people import admin_parts, fake_person, full_name
from .petitions import fake_petition, petition_text
from .year import backdate, load_year

#: One account per role: (role, center code, position).
DEMO_USERS = (
    ("clerk", "7001", "เจ้าพนักงานปกครองปฏิบัติงาน"),
    ("officer", "7001", "ปลัดอำเภอ"),
    ("supervisor", "7001", "ปลัดอำเภอหัวหน้ากลุ่มงานศูนย์ดำรงธรรมอำเภอ"),
    ("executive", "70", "รองผู้ว่าราชการจังหวัด"),
    ("admin", "70", "นักวิชาการคอมพิวเตอร์"),
)

#: Where the demo complaints are registered, and how many of each hundred go there. Most go to
#: the district whose staff have demo accounts, so that a clerk logging in has work to see.
CENTER_WEIGHTS = (("7001", 40), ("7002", 12), ("7003", 12), ("70", 14), ("5001", 12), ("50", 10))

#: Rough GPS positions of district seats, for the few complaints a mobile unit geotagged.
_DISTRICT_SEATS = {"7001": (13.536, 99.817), "7002": (13.622, 99.591), "7003": (13.551, 99.357),
                   "5001": (18.788, 98.985)}

DISTRICT_CATEGORIES = {
    "social-conflict": "d01", "unfair-treatment": "d02", "tip-off": "d03", "help": "d04",
    "mediation": "d05",
}
#: Province centers file under 13 categories; the petition's category hint gives the default,
#: and a few topics have a category of their own (informal debt, corrupt officials) or are not
#: about a state official although their hint says unfair treatment (wages an employer owes).
PROVINCE_CATEGORIES = {
    "social-conflict": "p03", "unfair-treatment": "p04", "tip-off": "p02", "help": "p01",
    "mediation": "p03",
}
PROVINCE_TOPIC_CATEGORIES = {"informal-debt": "p06", "headman-bribe": "p13", "unpaid-wages": "p03"}

#: Channels of complaints that arrive on paper (they get a scanned petition) and of those that
#: do not (a call to 1567, a web form): code → weight.
PAPER_CHANNELS = {"walk-in": 50, "letter": 18, "mobile-unit": 8, "transferred": 8, "website": 4,
                  "newspaper": 2}
PAPERLESS_CHANNELS = {"hotline-1567": 40, "phone": 25, "website": 15, "social": 15, "radio": 5}
URGENCY = {"normal": 80, "urgent": 12, "very-urgent": 5, "most-urgent": 3}

#: Share of complaints per stage of work, in the order work goes; older complaints get the later
#: stages (see ``_assign_stages``).
STAGES = (("waiting", 35), ("working", 40), ("closure-proposed", 10), ("closed", 15))

#: Scan formats with how the scanner was set: grey JPEG/PDF, black-and-white TIFF and PNG (a
#: grey PNG of a noisy 300 dpi page is ~6 MB, over the upload limit the tests use).
SCAN_FORMATS = ("jpeg", "jpeg", "pdf", "pdf", "tiff", "png")
_EXTENSIONS = {"jpeg": "jpg", "png": "png", "tiff": "tif", "pdf": "pdf"}
_BATCH = 5


@dataclass
class _Plan:
    """One complaint to register, decided before any is registered so receipt numbers follow
    the dates they were received."""

    center_code: str
    received_at: datetime.datetime
    channel: str
    scanned: bool
    anonymous: bool
    stage: str = "waiting"
    staff: dict = field(default_factory=dict)


def load_demo(site, registry, progress=print, rng=None, count=40, year=300):
    """Create the demo accounts, ``count`` complaints with scans and ``year`` more without,
    spread over the last twelve months for the summaries (demo/year.py); returns the
    accounts to print.

    Returns ``[(role, login, password, center title), ...]``. Commits after the accounts and
    every few complaints, so progress is real and the transaction stays small.
    """
    rng = rng or random.Random()
    now = datetime.datetime.now(BANGKOK)
    manager = _transaction_manager(site)

    credentials, staff = _create_users(site, rng)
    manager.commit()
    progress(f"สร้างผู้ใช้ตัวอย่าง {to_thai_digits(str(len(credentials)))} บัญชีแล้ว")

    try:
        font = scans.find_thai_font()
    except RuntimeError as error:
        font = None
        progress(f"ไม่มีแบบอักษรภาษาไทยสำหรับทำภาพสแกน จึงไม่แนบเอกสาร ({error})")

    plans = _plan_complaints(rng, count, now, staff)
    total = to_thai_digits(str(len(plans)))
    pending_uids, documents = [], 0
    with tempfile.TemporaryDirectory(prefix="damrong-demo-") as workdir:
        try:
            for number, plan in enumerate(plans, 1):
                complaint, uids = _register(site, registry, rng, plan, font, workdir, now,
                                            progress)
                pending_uids += uids
                documents += len(uids)
                progress(f"ข้อมูลตัวอย่าง {to_thai_digits(str(number))}/{total}: {complaint.subject}")
                if number % _BATCH == 0 or number == len(plans):
                    manager.commit()
                    _discard(registry, pending_uids)
        finally:
            _discard(registry, pending_uids)
    progress(f"บันทึกข้อมูลตัวอย่างครบ {total} เรื่อง เอกสารสแกน "
             f"{to_thai_digits(str(documents))} ไฟล์รอประมวลผลหน้าเอกสาร")
    news, answers = load_outreach(site, staff["7001"]["officer"], staff["7001"]["supervisor"])
    manager.commit()
    progress(f"ข่าวกิจกรรมตัวอย่าง {to_thai_digits(str(news))} ข่าว "
             f"คำถามที่ตอบแล้ว {to_thai_digits(str(answers))} ข้อ บนเว็บไซต์ประชาชน")
    if year:
        closed = load_year(site, registry, rng, year, now, manager.commit)
        progress(f"ข้อมูลตัวอย่างสำหรับสรุปผลรอบปี {to_thai_digits(str(year))} เรื่อง "
                 f"ยุติแล้ว {to_thai_digits(str(closed))} เรื่อง")
    return credentials


def _transaction_manager(site):
    """The manager of the site's connection: the CLI's is the thread's default one, but a
    connection may be opened with its own (tests do), and ``transaction.commit()`` would then
    commit nothing of this work."""
    jar = site._p_jar
    return jar.transaction_manager if jar is not None else transaction.manager


def _discard(registry, uids):
    for uid in uids:
        registry.uploads.discard(uid)
    uids.clear()


# -- accounts -------------------------------------------------------------------------------


def _create_users(site, rng):
    """The five demo accounts, plus invented staff IDs that sign the work at the other centers.

    Returns ``(credentials, staff)`` where ``staff`` maps a center code to {role: login}.
    """
    credentials, staff = [], {}
    for role, center_code, position in DEMO_USERS:
        center = site.centers[center_code]
        person = fake_person(rng, _place_names(_home_subdistrict(rng, center_code)))
        login = _new_login(site, rng)
        user, password = add_user(site, login, full_name(person), role, center_code,
                                  password=temporary_password(), position=position)
        user.must_change_password = False  # demo accounts are meant to be tried at once
        credentials.append((role, login, password, center.title))
        staff.setdefault(center_code, {})[role] = login
    for center_code, _ in CENTER_WEIGHTS:
        people = staff.setdefault(center_code, {})
        for role in ("clerk", "officer", "supervisor"):
            people.setdefault(role, national_id.generate(rng))
    return credentials, staff


def _new_login(site, rng):
    while True:
        login = national_id.generate(rng)
        if login not in site.users:
            return login


# -- planning -------------------------------------------------------------------------------


def _plan_complaints(rng, count, now, staff):
    """Centers, dates, channels and final stages for ``count`` complaints, oldest first."""
    centers = _spread(rng, CENTER_WEIGHTS, count)
    rng.shuffle(centers)
    plans = []
    for center_code in centers:
        scanned = rng.random() >= 1 / 6
        anonymous = not scanned and rng.random() < 0.75  # ~1 in 8 overall: callers who give no name
        channels = PAPER_CHANNELS if scanned else PAPERLESS_CHANNELS
        plans.append(_Plan(center_code, _received_at(rng, now), _weighted(rng, channels), scanned,
                           anonymous, staff=staff[center_code]))
    plans.sort(key=lambda plan: plan.received_at)
    _assign_stages(rng, plans, now)
    return plans


def _spread(rng, weights, count):
    """``count`` items shared out in proportion to ``weights`` (largest remainder), so even a
    handful of complaints covers several centers."""
    total = sum(weight for _, weight in weights)
    shares = [(key, count * weight / total) for key, weight in weights]
    result = {key: int(share) for key, share in shares}
    leftover = count - sum(result.values())
    by_remainder = sorted(shares, key=lambda item: (int(item[1]) - item[1], rng.random()))
    for key, _ in by_remainder[:leftover]:
        result[key] += 1
    return [key for key, _ in weights for _ in range(result[key])]


def _received_at(rng, now):
    """Office hours on a working day within the last ~14 months (never today, never ahead)."""
    day = (now - datetime.timedelta(days=rng.randint(1, 425))).date()
    while day.weekday() >= 5:  # the counter is closed at weekends: Friday's mail
        day -= datetime.timedelta(days=1)
    minutes = rng.randint(8 * 60 + 30, 16 * 60 + 15)
    return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), BANGKOK)


def _assign_stages(rng, plans, now):
    """Share out the stages, the oldest complaints getting the furthest ones (with some mixing:
    a simple case closes in weeks, a land dispute stays open for a year), and nothing received
    in the last week closed or nearly closed."""
    stages = _spread(rng, STAGES, len(plans))
    order = {name: level for level, (name, _) in enumerate(STAGES)}
    stages.sort(key=lambda stage: -(order[stage] + rng.uniform(-1.5, 1.5)))
    for plan, stage in zip(plans, stages):
        if now - plan.received_at < datetime.timedelta(days=7) and order[stage] > 1:
            stage = "working"
        plan.stage = stage


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# -- one complaint --------------------------------------------------------------------------


def _register(site, registry, rng, plan, font, workdir, now, progress):
    center = site.centers[plan.center_code]
    subdistrict = _home_subdistrict(rng, plan.center_code)
    place_names = _place_names(subdistrict)
    person = fake_person(rng, place_names)
    letter_date = plan.received_at.date()
    if plan.channel == "letter":
        letter_date -= datetime.timedelta(days=rng.randint(2, 6))  # written before it was posted
    petition = fake_petition(rng, person, place_names, letter_date)
    record = _record(rng, plan, center, subdistrict, person, petition)

    uploads = []
    if plan.scanned and font:
        text = petition_text(petition, person, place_names, letter_date)
        uploads = _scan(registry, rng, text, font, workdir, plan, progress)
    complaint, _ = register_complaint(site, center, record, uploads, plan.staff["clerk"],
                                      registry.workflow.initial, background=True)
    registered = plan.received_at + datetime.timedelta(minutes=rng.randint(5, 50))
    complaint.registered_at = registered.astimezone(datetime.timezone.utc)
    for document in complaint.documents():
        document.uploaded_at = complaint.registered_at
    backdate(complaint, 1, [registered] * len(complaint.history))
    _move(registry.workflow, rng, complaint, plan, petition, place_names, registered, now)
    return complaint, [upload.uid for upload in uploads]


def _home_subdistrict(rng, center_code):
    """A real subdistrict code: in the center's district, or anywhere in a province center's
    province."""
    district = center_code if len(center_code) == 4 else rng.choice(areas.districts(center_code))[0]
    return rng.choice(areas.subdistricts(district))[0]


def _place_names(subdistrict):
    """The names demo.people and demo.petitions write an address with."""
    return {
        "province_name": areas.name_of(subdistrict[:2]),
        "district_name": areas.name_of(subdistrict[:4]),
        "subdistrict_name": areas.name_of(subdistrict),
    }


def _record(rng, plan, center, subdistrict, person, petition):
    """The five groups as the intake form hands them to ``register_complaint``."""
    lat = lon = ""
    seat = _DISTRICT_SEATS.get(subdistrict[:4])
    if seat and (plan.channel == "mobile-unit" or rng.random() < 0.15):
        lat, lon = (f"{coordinate + rng.uniform(-0.03, 0.03):.5f}" for coordinate in seat)
    if plan.anonymous:
        complainant = {"anonymous": True, "title": "", "first_name": "", "last_name": "",
                       "national_id": "", "phone": "", "address": ""}
    else:
        complainant = {"anonymous": False, "title": person["title"],
                       "first_name": person["first_name"], "last_name": person["last_name"],
                       "national_id": person["national_id"], "phone": person["phone"],
                       "address": person["address"]}
    return {
        "received_at": plan.received_at,
        "type": {"category": _category(center.level, petition), "category_other": "",
                 "channel": plan.channel},
        "complaint": {"subject": petition["subject"], "details": petition["details"],
                      "urgency": _weighted(rng, URGENCY)},
        "place": {"province": subdistrict[:2], "district": subdistrict[:4],
                  "subdistrict": subdistrict, "address": f"หมู่ที่ {person['moo']}",
                  "lat": lat, "lon": lon},
        "complainant": complainant,
        "respondent": dict(petition["respondent"]),
    }


def _category(level, petition):
    if level == "district":
        return DISTRICT_CATEGORIES[petition["category_hint"]]
    return PROVINCE_TOPIC_CATEGORIES.get(petition["topic"],
                                         PROVINCE_CATEGORIES[petition["category_hint"]])


def _scan(registry, rng, text, font, workdir, plan, progress):
    """Print, scan and upload the petition; returns the checked uploads (one per file)."""
    fmt = rng.choice(SCAN_FORMATS)
    bilevel = fmt in ("tiff", "png")
    pages = [scans.degrade(page, rng, jpeg=not bilevel)
             for page in scans.render_pages(text, font, rng)]
    if fmt == "png":
        pages = [page.point(lambda value: 0 if value < 160 else 255) for page in pages]
    stem = rng.choice(("scan", "SCAN", "หนังสือร้องเรียน", "img"))
    name = f"{stem}_{plan.received_at:%Y%m%d}_{rng.randint(1, 999):03d}.{_EXTENSIONS[fmt]}"
    uploads = []
    for path in scans.save_scan(pages, os.path.join(workdir, name), fmt):
        try:
            with open(path, "rb") as stream:
                uploads.append(registry.uploads.add(stream, path.name))
        except UploadError as error:
            progress(f"ไม่แนบไฟล์ตัวอย่าง: {error.message.interpolate()}")
        finally:
            os.unlink(path)
    return uploads


# -- status and history ---------------------------------------------------------------------


def _move(workflow, rng, complaint, plan, petition, place_names, registered, now):
    """Apply the transitions that bring ``complaint`` to its planned stage, signed by the
    center's staff, and date them as the work would have happened."""
    tambon, amphoe, changwat = admin_parts(place_names)
    topic = petition["topic"]
    outcome = _OUTCOMES[topic]
    staff = plan.staff  # role -> login
    agency = ""
    if topic in _MEDIATION_TOPICS or rng.random() < 0.25:
        hand_over = ("assign", f"มอบหมายชุดปฏิบัติการประจำ{tambon} ลงพื้นที่ตรวจสอบข้อเท็จจริง"
                               "และรายงานผลภายใน ๑๕ วัน")
    else:
        agency = _AGENCIES[topic].format(tambon=tambon, amphoe=amphoe, changwat=changwat)
        hand_over = ("forward", f"ส่งเรื่องให้{agency} พิจารณาดำเนินการ และแจ้งผลให้ศูนย์ทราบ")
    steps = [("screen", "clerk", rng.choice(_SCREEN_NOTES), (0.1, 2))]
    if plan.stage == "waiting":
        steps = steps[:rng.randint(0, 1)]
    elif plan.stage == "working":
        steps += [(hand_over[0], "officer", hand_over[1], (1, 5))]
        if rng.random() < 0.5:
            steps += [("work", "officer", rng.choice(_WORK_NOTES), (3, 20))]
    else:
        steps += [(hand_over[0], "officer", hand_over[1], (1, 5)),
                  ("work", "officer", rng.choice(_WORK_NOTES), (3, 20))]
        if plan.stage == "closed" and rng.random() < 0.3:
            steps += [("propose", "officer", "ดำเนินการแล้ว เห็นควรยุติเรื่อง", (10, 40)),
                      ("reject", "supervisor", rng.choice(_REJECT_NOTES), (1, 5))]
        steps += [("propose", "officer", f"{outcome} เห็นควรยุติเรื่อง", (10, 60))]
        if plan.stage == "closed":
            steps += [("close", "supervisor", _closing_summary(complaint, outcome), (1, 10))]
    if plan.stage == "working" and complaint.center.level == "province" and rng.random() < 0.5:
        steps = steps[:1] + [("send", "officer", f"ส่งให้ศูนย์ดำรงธรรม{amphoe} ตรวจสอบข้อเท็จจริง"
                                                 "และรายงานผล", (1, 5))]
    times = _timeline(rng, registered, now, [days for *_, days in steps])
    first = len(complaint.history) + 1
    for (name, role, note, _), when in zip(steps, times):
        actor = Actor.staff(staff[role], role, plan.center_code)
        if name == PROPOSE:  # the outcome, without names, is what the tracking page shows
            propose(workflow, complaint, actor, note, outcome)
        else:
            workflow.apply(complaint, name, actor, note,
                           **_hand_over_values(name, complaint, when, agency))
    backdate(complaint, first, times)


#: Working days the demo's agencies, districts and teams are given to report back.
_REPORT_DAYS = 15


def _hand_over_values(name, complaint, when, agency):
    """What a hand-over records beside its state: whom it went to and when the report is due
    (older cases of the demo are therefore overdue)."""
    due = {"due_date": due_in(_REPORT_DAYS, today=when.astimezone(BANGKOK).date())}
    if name == "forward":
        return dict(due, agency=agency)
    if name == "assign" and complaint.center.level == "district":
        return dict(due, team=complaint.place["subdistrict"])
    if name == "send":
        return dict(due, working_center=complaint.place["district"])
    return {}


def _timeline(rng, start, now, day_ranges):
    """A time for each step, each some days after the last, in office hours where possible,
    squeezed to end before ``now``."""
    offsets, total = [], 0.0
    for low, high in day_ranges:
        total += rng.uniform(low, high)
        offsets.append(total)
    room = (now - start).total_seconds() / 86400 - 0.05
    scale = min(1.0, room / total) if total else 1.0
    times, previous = [], start
    for offset in offsets:
        moment = _office_hours(start + datetime.timedelta(days=offset * scale), rng)
        previous = min(max(moment, previous + datetime.timedelta(minutes=10)), now)
        times.append(previous)
    return times


def _office_hours(moment, rng):
    """The same day between 09:00 and 16:00, where the work would have been done."""
    local = moment.astimezone(BANGKOK)
    if 9 <= local.hour < 16:
        return local
    return local.replace(hour=rng.randint(9, 15), minute=rng.randint(0, 59))


def _closing_summary(complaint, outcome):
    received = format_date(complaint.received_at)
    return f"สรุปผลการดำเนินการ: เรื่องที่รับไว้เมื่อ {received} {outcome} จึงอนุมัติให้ยุติเรื่อง"


_SCREEN_NOTES = (
    "ตรวจสอบแล้ว เป็นเรื่องในอำนาจหน้าที่ของศูนย์ รับไว้ดำเนินการ",
    "เอกสารครบถ้วน รับไว้พิจารณา",
    "กลั่นกรองแล้ว เป็นเรื่องร้องเรียนใหม่ ไม่ซ้ำกับเรื่องเดิม",
    "",
)
_WORK_NOTES = (
    "หน่วยงานรับเรื่องไว้แล้ว อยู่ระหว่างตรวจสอบข้อเท็จจริง",
    "ลงพื้นที่ตรวจสอบแล้ว อยู่ระหว่างประสานคู่กรณี",
    "เชิญผู้ร้องและผู้เกี่ยวข้องมาให้ข้อมูลเพิ่มเติมแล้ว",
    "ได้รับรายงานผลเบื้องต้นจากหน่วยงาน อยู่ระหว่างติดตามผล",
)
_REJECT_NOTES = (
    "ยังไม่ได้รับรายงานผลจากหน่วยงานเป็นลายลักษณ์อักษร ให้ติดตามผลก่อนเสนอใหม่",
    "ให้สอบถามผู้ร้องว่าพอใจผลการดำเนินการหรือไม่ แล้วเสนอใหม่",
)
_MEDIATION_TOPICS = {"land-boundary", "unpaid-loan"}
#: Who a district or province center forwards each kind of petition to.
_AGENCIES = {
    "factory-nuisance": "สำนักงานอุตสาหกรรม{changwat}",
    "road-repair": "องค์การบริหารส่วน{tambon}",
    "unpaid-wages": "สำนักงานสวัสดิการและคุ้มครองแรงงาน{changwat}",
    "land-boundary": "สำนักงานที่ดิน{changwat}",
    "informal-debt": "สถานีตำรวจภูธร{amphoe}",
    "headman-bribe": "ฝ่ายบริหารงานปกครอง ที่ทำการปกครอง{amphoe}",
    "flooding": "สำนักงานป้องกันและบรรเทาสาธารณภัย{changwat}",
    "stray-dogs": "สำนักงานปศุสัตว์{amphoe}",
    "garbage-burning": "องค์การบริหารส่วน{tambon}",
    "water-outage": "องค์การบริหารส่วน{tambon}",
    "gambling-den": "สถานีตำรวจภูธร{amphoe}",
    "unpaid-loan": "สำนักงานยุติธรรม{changwat}",
}
#: What came of each kind of petition, as the proposal to close and the closing summary say it.
_OUTCOMES = {
    "factory-nuisance": "สำนักงานอุตสาหกรรมจังหวัดตรวจสอบแล้ว สั่งให้โรงงานติดตั้งระบบดักฝุ่นและลดเวลาเดินเครื่องจักร "
                        "ผู้ร้องแจ้งว่าเสียงและฝุ่นลดลงแล้ว",
    "road-repair": "องค์กรปกครองส่วนท้องถิ่นนำหินคลุกเข้าซ่อมแซมถนนแล้ว และบรรจุการก่อสร้างถนนลาดยางไว้ในแผนพัฒนาท้องถิ่น",
    "unpaid-wages": "พนักงานตรวจแรงงานมีคำสั่งให้นายจ้างจ่ายค่าจ้างที่ค้าง นายจ้างชำระครบถ้วนแล้ว",
    "land-boundary": "ไกล่เกลี่ยแล้ว คู่กรณีตกลงให้สำนักงานที่ดินรังวัดสอบเขตและยอมรับแนวเขตตามผลการรังวัด "
                     "ได้ย้ายรั้วออกจากที่ดินของผู้ร้องแล้ว",
    "informal-debt": "ไกล่เกลี่ยหนี้แล้ว เจ้าหนี้ยอมคืนสมุดบัญชีและบัตรเอทีเอ็ม และปรับดอกเบี้ยให้เป็นไปตามกฎหมาย "
                     "ผู้ร้องผ่อนชำระเงินต้นเป็นงวด",
    "headman-bribe": "อำเภอตั้งกรรมการสอบข้อเท็จจริงแล้ว ผู้ใหญ่บ้านคืนเงินแก่ผู้ร้องและถูกลงโทษทางวินัย",
    "flooding": "องค์กรปกครองส่วนท้องถิ่นขุดลอกทางระบายน้ำและวางท่อเพิ่มแล้ว ไม่มีน้ำท่วมขังอีก",
    "stray-dogs": "ปศุสัตว์อำเภอฉีดวัคซีนป้องกันโรคพิษสุนัขบ้าและทำหมันสุนัขจรจัดแล้ว "
                  "และนำบางส่วนไปไว้ที่ศูนย์พักพิงสัตว์",
    "garbage-burning": "องค์กรปกครองส่วนท้องถิ่นตักเตือนผู้เผาขยะและจัดรถเก็บขยะเข้าพื้นที่สัปดาห์ละครั้ง "
                       "ไม่พบการเผาขยะอีก",
    "water-outage": "ซ่อมเครื่องสูบน้ำประปาหมู่บ้านเสร็จแล้ว น้ำประปาไหลตามปกติ",
    "gambling-den": "ตำรวจเข้าตรวจค้นและจับกุมผู้ลักลอบเล่นการพนันพร้อมของกลางแล้ว ส่งพนักงานสอบสวนดำเนินคดี",
    "unpaid-loan": "ไกล่เกลี่ยแล้ว ผู้กู้ตกลงผ่อนชำระคืนเป็นรายเดือน ทำบันทึกข้อตกลงต่อหน้าเจ้าหน้าที่",
}
