"""The complaint form: the five groups of the exchange standard, plus the scans.

Choices depend on where the form is used (a province center files under 13 categories, a
district under 5), so they are deferred and bound with ``center`` and ``taxonomy``.
"""

import datetime

import colander
import deform

from .. import areas
from ..complaints import PENDING_SUBJECT
from ..forms import (BuddhistEraDateTime, Node, ScanFiles, ScanFilesWidget, TypedDateWidget,
                     csrf_token_node, max_length, normalized, submission_id_node)
from ..i18n import _
from ..resources.complaint import GROUPS
from ..thai import national_id
from ..thai.dates import BANGKOK

#: A received time this far ahead of the server clock is still accepted (clock drift).
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)
LAT_RANGE = (5.0, 21.0)
LON_RANGE = (97.0, 106.0)
#: The longest each typed field of the record may be, in characters (after normalizing): the
#: intake and edit forms check them (``limited``), and so does ``damrong import``
#: (importing.py), so a record from another system holds nothing a clerk could not have typed.
FIELD_LIMITS = {
    ("type", "category_other"): 200,
    ("complaint", "subject"): 300,
    ("complaint", "details"): 20000,
    ("place", "address"): 500,
    ("complainant", "title"): 60,
    ("complainant", "first_name"): 100,
    ("complainant", "last_name"): 100,
    ("complainant", "phone"): 40,
    ("complainant", "address"): 500,
    ("respondent", "name"): 200,
    ("respondent", "position"): 200,
    ("respondent", "agency"): 300,
}


def limited(group, field):
    """The form's check of the field's ``FIELD_LIMITS``."""
    return max_length(FIELD_LIMITS[(group, field)])


def _choices(pairs, prompt=_("— เลือก —")):
    return [("", prompt)] + list(pairs)


@colander.deferred
def category_widget(node, kw):
    return deform.widget.SelectWidget(values=_choices(
        kw["taxonomy"].categories(kw["center"].level, kw["request"].locale_name)))


@colander.deferred
def category_validator(node, kw):
    codes = [code for code, label in kw["taxonomy"].categories(kw["center"].level)]
    return colander.OneOf(codes, msg_err=_("ประเภทเรื่องไม่อยู่ในรายการของศูนย์นี้"))


@colander.deferred
def channel_widget(node, kw):
    return deform.widget.SelectWidget(
        values=_choices(kw["taxonomy"].choices("channel", kw["request"].locale_name)))


@colander.deferred
def channel_validator(node, kw):
    return colander.OneOf([code for code, label in kw["taxonomy"].choices("channel")],
                          msg_err=_("ช่องทางไม่ถูกต้อง"))


@colander.deferred
def urgency_widget(node, kw):
    return deform.widget.SelectWidget(
        values=kw["taxonomy"].choices("urgency", kw["request"].locale_name))


@colander.deferred
def title_widget(node, kw):
    return deform.widget.SelectWidget(
        values=_choices(kw["taxonomy"].choices("title", kw["request"].locale_name), "—"))


@colander.deferred
def now_default(node, kw):
    return datetime.datetime.now(BANGKOK).replace(second=0, microsecond=0)


class TypeGroup(colander.MappingSchema):
    category = Node(colander.String(), title=_("ประเภทเรื่อง"), widget=category_widget,
                    validator=category_validator)
    category_other = Node(colander.String(), title=_("ประเภทย่อย (กรณีเรื่องอื่นๆ)"), missing="",
                          preparer=normalized, validator=limited("type", "category_other"))
    channel = Node(colander.String(), title=_("ช่องทางที่รับเรื่อง"), widget=channel_widget,
                   validator=channel_validator, default="walk-in")

    def validator(self, node, value):
        other = self.bindings["taxonomy"].other_category
        if value["category"] == other and not value["category_other"]:
            error = colander.Invalid(node)
            error["category_other"] = _("เรื่องอื่นๆ ต้องระบุประเภทย่อย")
            raise error


class ComplaintGroup(colander.MappingSchema):
    received_at = Node(BuddhistEraDateTime(), title=_("วันเวลาที่รับเรื่อง (วัน/เดือน/ปี พ.ศ. เวลา)"),
                       default=now_default, widget=TypedDateWidget())
    subject = Node(colander.String(), title=_("เรื่อง"), preparer=normalized,
                   validator=limited("complaint", "subject"))
    details = Node(colander.String(), title=_("รายละเอียด"), preparer=normalized, missing="",
                   widget=deform.widget.TextAreaWidget(rows=5),
                   validator=limited("complaint", "details"))
    urgency = Node(colander.String(), title=_("ความเร่งด่วน"), widget=urgency_widget, default="normal")

    def validator(self, node, value):
        error = colander.Invalid(node)
        if value["received_at"] > datetime.datetime.now(BANGKOK) + FUTURE_TOLERANCE:
            error["received_at"] = _("วันเวลาที่รับเรื่องต้องไม่เป็นเวลาในอนาคต")
        if value["subject"] == PENDING_SUBJECT:
            error["subject"] = _("กรุณากรอกเรื่องแทนข้อความ '${placeholder}'",
                                 mapping={"placeholder": PENDING_SUBJECT})
        if error.children:
            raise error


def _coordinate(bounds, not_a_number, outside):
    """A latitude or longitude check; the two messages are whole sentences for translators."""
    def validate(node, value):
        if value == "":
            return
        try:
            number = float(value)
        except ValueError:
            raise colander.Invalid(node, not_a_number)
        if not bounds[0] <= number <= bounds[1]:
            raise colander.Invalid(node, _(outside, mapping={"low": bounds[0], "high": bounds[1]}))
    return validate


def _area_widget(level):
    """A select of one area level, listing the areas inside the level above as chosen now."""
    def make(node, kw):
        chosen = kw.get("place") or {}
        locale = kw["request"].locale_name
        values = {
            "province": lambda: _choices(areas.provinces(locale)),
            "district": lambda: _choices(areas.districts(chosen.get("province"), locale), "—"),
            "subdistrict": lambda: _choices(areas.subdistricts(chosen.get("district"), locale), "—"),
        }[level]()
        return deform.widget.SelectWidget(values=values, css_class=f"area {level}")
    return colander.deferred(make)


class PlaceGroup(colander.MappingSchema):
    province = Node(colander.String(), title=_("จังหวัด"), widget=_area_widget("province"))
    district = Node(colander.String(), title=_("อำเภอ/เขต"), missing="",
                    widget=_area_widget("district"))
    subdistrict = Node(colander.String(), title=_("ตำบล/แขวง"), missing="",
                       widget=_area_widget("subdistrict"))
    address = Node(colander.String(), title=_("สถานที่/ที่อยู่ที่เกิดเหตุ"), missing="",
                   preparer=normalized, validator=limited("place", "address"))
    lat = Node(colander.String(), title=_("ละติจูด"), missing="", oid="lat",
               validator=_coordinate(LAT_RANGE, _("ละติจูดต้องเป็นตัวเลข เช่น 13.7563"),
                                     _("ละติจูดอยู่นอกประเทศไทย (${low}–${high})")))
    lon = Node(colander.String(), title=_("ลองจิจูด"), missing="", oid="lon",
               validator=_coordinate(LON_RANGE, _("ลองจิจูดต้องเป็นตัวเลข เช่น 100.5018"),
                                     _("ลองจิจูดอยู่นอกประเทศไทย (${low}–${high})")))

    def validator(self, node, value):
        error = colander.Invalid(node)
        if value["province"] not in dict(areas.provinces()):
            error["province"] = _("ไม่พบจังหวัดนี้")
        elif value["district"] and value["district"] not in dict(areas.districts(value["province"])):
            error["district"] = _("อำเภอนี้ไม่อยู่ในจังหวัดที่เลือก")
        elif value["subdistrict"] and (
                value["subdistrict"] not in dict(areas.subdistricts(value["district"]))):
            error["subdistrict"] = _("ตำบลนี้ไม่อยู่ในอำเภอที่เลือก")
        if error.children:
            raise error


class ComplainantGroup(colander.MappingSchema):
    anonymous = Node(colander.Boolean(), title=_("ไม่ประสงค์ออกนาม"), missing=False,
                     widget=deform.widget.CheckboxWidget())
    title = Node(colander.String(), title=_("คำนำหน้า"), missing="", widget=title_widget,
                 validator=limited("complainant", "title"))
    first_name = Node(colander.String(), title=_("ชื่อ"), missing="", preparer=normalized,
                      validator=limited("complainant", "first_name"))
    last_name = Node(colander.String(), title=_("นามสกุล"), missing="", preparer=normalized,
                     validator=limited("complainant", "last_name"))
    national_id = Node(colander.String(), title=_("เลขประจำตัวประชาชน"), missing="",
                       preparer=lambda v: national_id.clean(v) if isinstance(v, str) else v)
    phone = Node(colander.String(), title=_("โทรศัพท์"), missing="", preparer=normalized,
                 validator=limited("complainant", "phone"))
    address = Node(colander.String(), title=_("ที่อยู่"), missing="", preparer=normalized,
                   widget=deform.widget.TextAreaWidget(rows=2),
                   validator=limited("complainant", "address"))

    def validator(self, node, value):
        check_complainant(node, value, (
            ("first_name", _("กรุณากรอกชื่อผู้ร้อง หรือเลือก 'ไม่ประสงค์ออกนาม'")),
            ("national_id", _("กรุณากรอกเลขประจำตัวประชาชน หรือเลือก 'ไม่ประสงค์ออกนาม'"))))


def check_complainant(node, value, needed):
    """What every complainant group checks (the counter's and the citizens' site's): a national
    ID, when typed, passes the checksum; unless anonymous, each field of ``needed`` (pairs of a
    field and its message) is filled in."""
    error = colander.Invalid(node)
    if value["national_id"] and not national_id.is_valid(value["national_id"]):
        error["national_id"] = _("เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้ายไม่ผ่าน)")
    if not value["anonymous"]:
        for name, message in needed:
            if not value[name]:
                error[name] = message
    if error.children:
        raise error


class RespondentGroup(colander.MappingSchema):
    name = Node(colander.String(), title=_("ชื่อผู้ถูกร้องเรียน"), missing="", preparer=normalized,
                validator=limited("respondent", "name"))
    position = Node(colander.String(), title=_("ตำแหน่ง"), missing="", preparer=normalized,
                    validator=limited("respondent", "position"))
    agency = Node(colander.String(), title=_("หน่วยงาน"), missing="", preparer=normalized,
                  validator=limited("respondent", "agency"))


class ComplaintSchema(colander.MappingSchema):
    """Everything a clerk enters at the counter, in the order of the paper petition."""

    csrf_token = csrf_token_node()
    submission_id = submission_id_node()
    type = TypeGroup(title=_("๑. ประเภทเรื่อง"))
    complaint = ComplaintGroup(title=_("๒. เรื่องร้องเรียน"))
    place = PlaceGroup(title=_("๓. สถานที่เกิดเหตุ"))
    scans = Node(ScanFiles(), title=_("๔. เอกสารสแกน (เลือกได้หลายไฟล์: JPEG, PNG, TIFF, PDF)"),
                 widget=ScanFilesWidget(), missing=[])
    scans_as_one = Node(colander.Boolean(), title=_("ภาพหลายไฟล์เป็นหน้าของเอกสารเดียวกัน"),
                        default=True, missing=False, widget=deform.widget.CheckboxWidget())
    complainant = ComplainantGroup(title=_("๕. ผู้ร้องเรียน"))
    respondent = RespondentGroup(title=_("๖. ผู้ถูกร้องเรียน"))


def complaint_schema(request, center, place, for_edit=False, with_scans=True):
    """The bound schema. ``place`` holds the province and district chosen so far, which decide
    what the cascading area selects list. The edit form has no scans (documents are attached
    from the complaint page) and needs no submission id; registering from an unfiled scan has
    no scans either (the scan's documents are moved over)."""
    schema = ComplaintSchema()
    if for_edit or not with_scans:
        del schema["scans"]
        del schema["scans_as_one"]
    if for_edit:
        del schema["submission_id"]
    return schema.bind(request=request, center=center, place=place,
                       taxonomy=request.registry.taxonomy)


def record_from_appstruct(data):
    """The five groups and the received time, as ``complaints.register_complaint`` takes them."""
    record = {group: dict(data[group]) for group in GROUPS}
    record["received_at"] = record["complaint"].pop("received_at")
    return record
