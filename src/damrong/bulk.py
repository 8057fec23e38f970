"""Synthetic complaints in bulk, for load testing and demos of scale. Synthetic data only.

``load_synthetic`` fills a database with as many complaints as a test of scale needs (a million
takes minutes, not hours), so that listings, counts and reports can be measured at the size the
ministry will run at. Every record is invented: people's names come from a short list, their
national IDs from ``thai.national_id.generate`` (valid checksum, never a real person's), and the
subjects are generic. Nothing here is meant to be mistaken for, or mixed with, real petitions:
load it into a database made for the test (``damrong -c INI bulk-load COUNT`` on a throw-away
var/, or the benchmark in bench/intake.py), never into one that holds real work.

Complaints go through ``complaints.register_complaint`` like any other, so receipt numbers,
tracking codes and the listing index are exactly what the web form would have produced. There
are no scans (no uploads, so no document jobs). Times received are spread evenly over the last
three years and registered oldest first, so receipt numbers follow the dates as they do at a
real counter; that order also keeps the index inserts at the end of each key set, which is most
of why loading is fast.

The caller opens the connection and makes the Pyramid registry current (``scripts.cli.open_site``
does both); the registry's taxonomy gives the category codes of each center's level.
"""

import datetime
import time

import transaction
from pyramid.threadlocal import get_current_registry

from .complaints import register_complaint
from .thai import national_id
from .thai.dates import BANGKOK

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


def load_synthetic(site, center_codes, count, rng, batch=5000, progress=None,
                   commit=transaction.commit):
    """Register ``count`` synthetic complaints spread over ``center_codes``; returns the rate.

    ``rng`` (a ``random.Random``) decides everything but the tracking codes and listing keys,
    which come from their own generators as at the counter. Commits every ``batch``
    complaints with ``commit`` (pass the connection's own ``transaction_manager.commit`` if it
    has one), then calls ``progress(done, count)`` and lets the connection's cache shrink back,
    so memory stays bounded whatever ``count`` is. Returns complaints per second.
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
        register_complaint(site, plan.center, record, (), plan.clerk, status)
        if done % batch == 0 or done == count:
            commit()
            if jar is not None:
                jar.cacheGC()
            if progress is not None:
                progress(done, count)
    return count / max(time.perf_counter() - began, 1e-9)


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
