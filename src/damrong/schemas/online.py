"""The complaint form of the citizens' site: a few plain questions, checked like the counter's.

It reuses the counter's place group (province, district, subdistrict, the point on a map) and
its upload widget (the same ``uploads.Limits`` and content sniffing), and asks who to contact
instead of the counter's full complainant group: a name and a phone, or nobody (anonymous). A
national ID is optional here, but when given it must pass the checksum as anywhere else.
"""

import colander
import deform

from ..forms import (Node, ScanFiles, ScanFilesWidget, csrf_token_node, max_length, normalized,
                     submission_id_node)
from ..i18n import _
from ..thai import national_id
from .complaint import PlaceGroup, check_complainant, limited

#: At most this many files (photos or PDFs) go with one complaint filed online.
MAX_FILES = 5
#: The name of the field people never see and bots fill in (the honeypot).
HONEYPOT = "homepage"
PHOTO_ACCEPT = "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"


class OnlineMatter(colander.MappingSchema):
    subject = Node(colander.String(), title=_("เรื่องที่ต้องการร้องเรียน (สั้น ๆ)"), preparer=normalized,
                   validator=limited("complaint", "subject"))
    details = Node(colander.String(), title=_("เกิดอะไรขึ้น"), preparer=normalized,
                   widget=deform.widget.TextAreaWidget(rows=6), validator=max_length(5000))


class OnlinePlace(PlaceGroup):
    """Where it happened; the district decides the center that receives it."""

    def validator(self, node, value):
        super().validator(node, value)
        if not value["district"]:
            error = colander.Invalid(node)
            error["district"] = _("กรุณาเลือกอำเภอ/เขตที่เกิดเหตุ เรื่องจะส่งถึงศูนย์ดำรงธรรมอำเภอนั้น")
            raise error


class OnlineContact(colander.MappingSchema):
    anonymous = Node(colander.Boolean(), title=_("ไม่ประสงค์ออกนาม (เจ้าหน้าที่จะติดต่อกลับไม่ได้)"),
                     missing=False, widget=deform.widget.CheckboxWidget())
    first_name = Node(colander.String(), title=_("ชื่อ"), missing="", preparer=normalized,
                      validator=limited("complainant", "first_name"))
    last_name = Node(colander.String(), title=_("นามสกุล"), missing="", preparer=normalized,
                     validator=limited("complainant", "last_name"))
    phone = Node(colander.String(), title=_("โทรศัพท์ที่ติดต่อได้"), missing="", preparer=normalized,
                 validator=limited("complainant", "phone"))
    national_id = Node(colander.String(), title=_("เลขประจำตัวประชาชน (ไม่บังคับ)"), missing="",
                       preparer=lambda v: national_id.clean(v) if isinstance(v, str) else v)

    def validator(self, node, value):
        check_complainant(node, value, (
            ("first_name", _("กรุณากรอกชื่อ หรือเลือก 'ไม่ประสงค์ออกนาม'")),
            ("phone", _("กรุณากรอกโทรศัพท์ที่ติดต่อได้ หรือเลือก 'ไม่ประสงค์ออกนาม'"))))


def _at_most_files(node, uploads):
    if len(uploads) > MAX_FILES:
        raise colander.Invalid(node, _("แนบไฟล์ได้ไม่เกิน ${count} ไฟล์", mapping={"count": MAX_FILES}))


class OnlineComplaintSchema(colander.MappingSchema):
    csrf_token = csrf_token_node()
    submission_id = submission_id_node()
    complaint = OnlineMatter(title=_("๑. เรื่องที่ร้องเรียน"))
    place = OnlinePlace(title=_("๒. สถานที่เกิดเหตุ"))
    files = Node(ScanFiles(), title=_("๓. ภาพถ่ายหรือเอกสาร PDF ประกอบ (ไม่บังคับ ไม่เกิน ๕ ไฟล์)"),
                 widget=ScanFilesWidget(accept=PHOTO_ACCEPT), missing=[], validator=_at_most_files)
    contact = OnlineContact(title=_("๔. ผู้ร้องเรียน"))
    homepage = Node(colander.String(), title=_("เว้นว่างช่องนี้"), missing="",
                    widget=deform.widget.TextInputWidget(
                        item_css_class="trap", attributes={"autocomplete": "off", "tabindex": "-1"}))


def online_schema(request, place):
    return OnlineComplaintSchema().bind(request=request, place=place)


def record_from_online(data, received_at, taxonomy):
    """The five groups ``complaints.register_complaint`` takes, from the online form: channel
    website, filed under the taxonomy's "other" category until a clerk screens it."""
    contact = data["contact"]
    return {
        "received_at": received_at,
        "type": {"category": taxonomy.other_category, "category_other": "ยื่นทางเว็บไซต์ รอคัดกรอง",
                 "channel": "website"},
        "complaint": {"subject": data["complaint"]["subject"],
                      "details": data["complaint"]["details"], "urgency": "normal"},
        "place": dict(data["place"]),
        "complainant": {"anonymous": contact["anonymous"], "title": "",
                        "first_name": "" if contact["anonymous"] else contact["first_name"],
                        "last_name": "" if contact["anonymous"] else contact["last_name"],
                        "national_id": "" if contact["anonymous"] else contact["national_id"],
                        "phone": "" if contact["anonymous"] else contact["phone"],
                        "address": ""},
        "respondent": {"name": "", "position": "", "agency": ""},
    }
