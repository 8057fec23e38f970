"""``damrong import FILE``: complaints from another system (a center's old records), in the
interchange format of the README: JSON Lines of the five data groups, or CSV with the same field
names written ``group.field``.

Every line is checked whole before anything of it is stored (known center, category of that
center's level, channel, urgency and status; a date that exists; the required fields; a national
ID with a valid checksum; area codes that exist and a position within Thailand; no field longer
than the intake form allows, ``FIELD_LIMITS``); a bad line is reported with its number and the
reason in Thai and skipped. Good lines are registered through
``register_complaints`` like any other complaint, a batch at a time, with their original status
and time received, so they are numbered, listed, searchable and counted in the summaries the
same way. The source system's own id (``source_id``) is remembered (``site.imported``) in the
batch's transaction, so running the same file again, or again after a crash, adds nothing twice.
"""

import csv
import datetime
import json
from dataclasses import dataclass, field
from typing import NamedTuple

from . import areas
from .collector import fewer_collections
from .complaints import Registration, register_complaints
from .i18n import _
from .resources.complaint import GROUPS
from .schemas.complaint import FIELD_LIMITS, LAT_RANGE, LON_RANGE
from .thai import national_id
from .thai.dates import BANGKOK, TypedDateError, parse_typed_date
from .thai.normalize import normalize_text

#: Who the history names as having registered an imported complaint, and what it calls that.
IMPORTER = "import"
IMPORTED = _("นำเข้าจากระบบเดิม")
REQUIRED = (("complaint", "subject"),)
#: Characters a source system's id may have: an id, not a record.
SOURCE_ID_LIMIT = 200
#: Records registered and committed together: each batch writes every bucket it touches (of the
#: listing's sets, the tracking codes, the summary counters, the centers' folders) once, which
#: is most of what makes an import fast; a crash loses at most the batch being written. Old
#: records spread over years touch a different bucket of each set almost every record unless a
#: batch holds more records than such a set has buckets (some 20,000 in a set of 1.2 million
#: keys), so the batch is as large as memory comfortably allows: 50,000 records took 0.8 GB in
#: all, importing into 1.2 million complaints, where 20,000 wrote twice as many set buckets.
BATCH = 50000
FIELDS = {
    "type": ("category", "category_other", "channel"),
    "complaint": ("subject", "details", "urgency"),
    "place": ("province", "district", "subdistrict", "address", "lat", "lon"),
    "complainant": ("anonymous", "title", "first_name", "last_name", "national_id", "phone",
                    "address"),
    "respondent": ("name", "position", "agency"),
}


class BadRecord(ValueError):
    """A line that cannot be imported; the message (Thai) says why."""


@dataclass
class ImportReport:
    created: int = 0
    skipped: int = 0
    problems: list = field(default_factory=list)  # (line number, reason)


def read_lines(path):
    """``(line number, raw dict or BadRecord)`` of a .jsonl/.json file or a .csv file."""
    if path.lower().endswith(".csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for number, row in enumerate(csv.DictReader(f), start=2):
                try:
                    nested = _nest(row)
                except BadRecord as problem:  # reported as the line's, like a JSON error
                    nested = problem
                yield number, nested
        return
    with open(path, encoding="utf-8-sig") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, BadRecord(f"อ่าน JSON ไม่ได้ ({error.msg} ตำแหน่งที่ {error.pos})")
                continue
            yield number, raw if isinstance(raw, dict) else BadRecord("แต่ละบรรทัดต้องเป็นออบเจกต์ JSON")


def _nest(row):
    """CSV columns ``group.field`` into the JSON shape."""
    nested = {}
    for name, value in row.items():
        if name is None:
            raise BadRecord("จำนวนช่องมากกว่าหัวตาราง")
        group, _dot, key = name.partition(".")
        if key:
            nested.setdefault(group, {})[key] = value
        else:
            nested[name] = value
    return nested


class Validator:
    """Checks one raw record against the site's centers and the taxonomy and workflow."""

    def __init__(self, site, taxonomy, workflow):
        self.centers = site.centers
        self.workflow = workflow
        self.categories = {level: {code for code, _ in taxonomy.categories(level)}
                           for level in ("district", "province", "ministry")}
        self.channels = {code for code, _ in taxonomy.choices("channel")}
        self.urgencies = {code for code, _ in taxonomy.choices("urgency")}
        self.other = taxonomy.other_category
        self.area_codes = {}

    def __call__(self, raw):
        """The record as ``Checked``; raises ``BadRecord``."""
        source_id = str(raw.get("source_id") or "").strip()
        if not source_id:
            raise BadRecord("ไม่มีรหัสเรื่องของระบบเดิม (source_id)")
        if len(source_id) > SOURCE_ID_LIMIT:
            raise BadRecord(f"source_id ยาวเกิน {SOURCE_ID_LIMIT:,} ตัวอักษร")
        center = self.centers.get(str(raw.get("center") or "").strip())
        if center is None:
            raise BadRecord(f"ไม่รู้จักรหัสศูนย์ {raw.get('center')!r}")
        status = raw.get("status") or self.workflow.initial
        if status not in self.workflow.states:
            raise BadRecord(f"ไม่รู้จักสถานะ {status!r}")
        record = {group: self._group(raw, group) for group in GROUPS}
        record["received_at"] = _moment(raw.get("received_at"))
        kind = record["type"]
        if kind["category"] not in self.categories[center.level]:
            raise BadRecord(f"ประเภทเรื่อง {kind['category']!r} ไม่ใช่ประเภทของศูนย์ระดับนี้")
        if kind["category"] == self.other and not kind["category_other"]:
            raise BadRecord("เรื่องอื่นๆ ต้องระบุประเภทย่อย (type.category_other)")
        kind["channel"] = kind["channel"] or "walk-in"
        if kind["channel"] not in self.channels:
            raise BadRecord(f"ไม่รู้จักช่องทาง {kind['channel']!r}")
        urgency = record["complaint"]["urgency"] = record["complaint"]["urgency"] or "normal"
        if urgency not in self.urgencies:
            raise BadRecord(f"ไม่รู้จักความเร่งด่วน {urgency!r}")
        for group, name in REQUIRED:
            if not record[group][name]:
                raise BadRecord(f"ไม่มีข้อมูลที่ต้องมี ({group}.{name})")
        self._complainant(record["complainant"])
        self._place(record["place"])
        return Checked(source_id, center, status, record)

    def _place(self, place):
        """Area codes that exist and nest (the intake form's rule; a place is optional in old
        records), a latitude and longitude within Thailand."""
        province, district, subdistrict = place["province"], place["district"], place["subdistrict"]
        if province and province not in self._areas(areas.provinces):
            raise BadRecord(f"ไม่รู้จักรหัสจังหวัด {province!r} (place.province)")
        if district and district not in self._areas(areas.districts, province):
            raise BadRecord(f"อำเภอ {district!r} ไม่อยู่ในจังหวัด {province!r} (place.district)")
        if subdistrict and subdistrict not in self._areas(areas.subdistricts, district):
            raise BadRecord(f"ตำบล {subdistrict!r} ไม่อยู่ในอำเภอ {district!r} (place.subdistrict)")
        for name, (low, high) in (("lat", LAT_RANGE), ("lon", LON_RANGE)):
            if not place[name]:
                continue
            try:
                number = float(place[name])
            except ValueError:
                raise BadRecord(f"place.{name} ต้องเป็นตัวเลข เช่น 13.7563") from None
            if not low <= number <= high:
                raise BadRecord(f"place.{name} อยู่นอกประเทศไทย ({low}–{high})")

    def _areas(self, listing, *within):
        """The codes ``listing`` (areas.py) gives, as a set kept for the whole file."""
        key = (listing, *within)
        if key not in self.area_codes:
            self.area_codes[key] = {code for code, _name in listing(*within)}
        return self.area_codes[key]

    @staticmethod
    def _group(raw, group):
        given = raw.get(group) or {}
        if not isinstance(given, dict):
            raise BadRecord(f"{group} ต้องเป็นออบเจกต์")
        values = {}
        for name in FIELDS[group]:
            value = given.get(name)
            if isinstance(value, bool):
                values[name] = value
            elif value is None or value == "":  # most fields are empty: nothing to normalize
                values[name] = ""
            else:
                values[name] = text = normalize_text(str(value)).strip()
                limit = FIELD_LIMITS.get((group, name))
                if limit is not None and len(text) > limit:
                    raise BadRecord(f"{group}.{name} ยาวเกิน {limit:,} ตัวอักษร "
                                    f"(มี {len(text):,} ตัวอักษร)")
        return values

    @staticmethod
    def _complainant(person):
        flag = person["anonymous"]
        person["anonymous"] = flag is True or str(flag).strip().lower() in ("1", "true", "yes", "ใช่")
        if person["anonymous"]:
            return
        if not person["first_name"]:
            raise BadRecord("ต้องมีชื่อผู้ร้อง (complainant.first_name) "
                            "หรือระบุว่าไม่ประสงค์ออกนาม (complainant.anonymous = true)")
        if person["national_id"]:
            person["national_id"] = national_id.clean(person["national_id"])
            if not national_id.is_valid(person["national_id"]):
                raise BadRecord("เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้ายไม่ผ่าน)")


def _moment(text):
    """ISO 8601 (Christian era; without a zone: Bangkok) or วัน/เดือน/ปี พ.ศ. เวลา."""
    text = str(text or "").strip()
    if not text:
        raise BadRecord("ไม่มีวันเวลาที่รับเรื่อง (received_at)")
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        try:
            day, clock = parse_typed_date(text)
        except TypedDateError:
            raise BadRecord(f"วันเวลาที่รับเรื่อง {text!r} ไม่ถูกต้อง "
                            "(เช่น 2025-03-10T10:00:00+07:00 หรือ 10/03/2568 10:00)") from None
        moment = datetime.datetime.combine(day, clock or datetime.time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BANGKOK)
    if moment > datetime.datetime.now(BANGKOK) + datetime.timedelta(minutes=5):
        raise BadRecord("วันเวลาที่รับเรื่องต้องไม่เป็นเวลาในอนาคต")
    return moment


class Checked(NamedTuple):
    """A record that passed the ``Validator``: ready to register."""

    source_id: str
    center: object  # a resources.center.Center
    status: str
    record: dict


def import_checked(site, checked):
    """Register ``checked`` records (a batch, from ``Validator``) in the current transaction;
    returns the complaints created. A source id imported before, or twice in the batch, adds
    nothing."""
    new = {}
    for item in checked:
        if item.source_id not in site.imported and item.source_id not in new:
            new[item.source_id] = item
    complaints = register_complaints(site, [
        Registration(item.center, item.record, IMPORTER, item.status, action=IMPORTED,
                     origin=source_id) for source_id, item in new.items()])
    site.imported.update(dict(zip(new, complaints)))
    return complaints


def import_file(site, path, taxonomy, workflow, commit, batch=BATCH, progress=None):
    """Import every good line of ``path``, registering and committing ``batch`` at a time;
    ``progress(line number)`` is told the last line read after each commit.

    A crash keeps every batch committed before it; the next run skips their source ids and
    imports the rest."""
    check = Validator(site, taxonomy, workflow)
    report = ImportReport()
    pending, number = {}, 0
    with fewer_collections():
        for number, raw in read_lines(path):
            try:
                if isinstance(raw, BadRecord):
                    raise raw
                checked = check(raw)
            except BadRecord as problem:
                report.problems.append((number, str(problem)))
                continue
            if checked.source_id in site.imported or checked.source_id in pending:
                report.skipped += 1
                continue
            pending[checked.source_id] = checked
            if len(pending) >= batch:
                report.created += len(import_checked(site, pending.values()))
                commit()
                pending = {}
                if progress:
                    progress(number)
        report.created += len(import_checked(site, pending.values()))
        commit()
        if progress:
            progress(number)
    return report


def count_lines(path):
    """Lines of ``path``, counted fast: what an import's progress is reckoned against (a CSV
    field holding a line break makes it a little more than the records)."""
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
