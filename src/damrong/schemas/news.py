"""The form an officer fills in for a news item of the center's field work."""

import colander
import deform

from ..forms import (BuddhistEraDate, DATE_EXAMPLE, Node, ScanFiles, ScanFilesWidget,
                     TypedDateWidget, csrf_token_node, max_length, normalized, submission_id_node)
from ..i18n import _

PHOTO_ACCEPT = "image/jpeg,image/png,.jpg,.jpeg,.png"
MAX_PHOTOS = 8


def _text(title, maximum, **kw):
    return Node(colander.String(), title=title, preparer=normalized, validator=max_length(maximum), **kw)


def _photos_only(node, uploads):
    if len(uploads) > MAX_PHOTOS:
        raise colander.Invalid(node, _("แนบภาพได้ไม่เกิน ${count} ภาพ", mapping={"count": MAX_PHOTOS}))
    if any(upload.mimetype not in ("image/jpeg", "image/png") for upload in uploads):
        raise colander.Invalid(node, _("ภาพข่าวต้องเป็นไฟล์ JPEG หรือ PNG"))


class NewsSchema(colander.MappingSchema):
    csrf_token = csrf_token_node()
    submission_id = submission_id_node()
    title = _text(_("หัวข้อข่าว"), 200)
    team = _text(_("ชุดปฏิบัติการ/ทีม"), 200, missing="")
    leader = _text(_("หัวหน้าชุด"), 200, missing="")
    participants = _text(_("ผู้ร่วมกิจกรรม"), 1000, missing="",
                         widget=deform.widget.TextAreaWidget(rows=2))
    day = Node(BuddhistEraDate(), title=_("วันที่ (วัน/เดือน/ปี พ.ศ.)"),
               widget=TypedDateWidget(example=DATE_EXAMPLE))
    time = _text(_("เวลา (เช่น ๐๙.๐๐–๑๒.๐๐ น.)"), 50, missing="")
    place = _text(_("สถานที่"), 300)
    text = _text(_("รายละเอียดกิจกรรม"), 10000, widget=deform.widget.TextAreaWidget(rows=8))
    photos = Node(ScanFiles(), title=_("ภาพกิจกรรม (JPEG หรือ PNG ไม่เกิน ๘ ภาพ)"),
                  widget=ScanFilesWidget(accept=PHOTO_ACCEPT), missing=[], validator=_photos_only)


def news_schema(request):
    return NewsSchema().bind(request=request)
