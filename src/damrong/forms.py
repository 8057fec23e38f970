"""deform set-up: our templates first, messages in the reader's language, and two widgets.

deform's own templates assume Bootstrap and jQuery; ours (templates/deform/) render plain,
keyboard-friendly HTML styled by our CSS, and list every error at the top of the form.
"""

import datetime
import uuid

import colander
import deform
from pyramid.settings import asbool
from pyramid.threadlocal import get_current_registry, get_current_request

from .i18n import _
from .thai.dates import (BANGKOK, BE_OFFSET, TypedDateError, format_typed_date,
                         format_typed_datetime, parse_typed_date)
from .thai.normalize import normalize_text
from .uploads import UploadError


def _translate(term):
    """deform's translator: the request's, so numbers in messages follow the locale too."""
    return get_current_request().display.translate(term)


def includeme(config):
    deform.Form.set_zpt_renderer(
        ["damrong:templates/deform", "deform:templates"], translator=_translate,
        auto_reload=asbool(config.get_settings().get("pyramid.reload_templates")))


class Node(colander.SchemaNode):
    """A schema node whose 'required' message is ours (colander's says only "Required")."""

    missing_msg = _("กรุณากรอกช่องนี้")


def normalized(value):
    """Preparer: typed text in its canonical form (see thai/normalize.py), trimmed."""
    return normalize_text(value).strip() if isinstance(value, str) else value


def max_length(maximum):
    return colander.Length(max=maximum, max_err=_("ยาวเกิน ${max} ตัวอักษร"))


def csrf_token_node():
    """The hidden CSRF token every form posts (Pyramid checks it before any view runs)."""
    return Node(colander.String(), widget=deform.widget.HiddenWidget(), default=colander.deferred(
        lambda node, kw: kw["request"].session.get_csrf_token()))


@colander.deferred
def _new_submission_id(node, kw):
    return uuid.uuid4().hex


def submission_id_node():
    """A hidden id made when the form is shown: what the form creates is kept under it
    (``site.submissions``), so a double-clicked or re-sent submit creates it once."""
    return Node(colander.String(), widget=deform.widget.HiddenWidget(),
                default=_new_submission_id, missing="")


#: The example every date message and field shows (a date, then a date and time).
DATE_EXAMPLE = "25/06/2568"
DATETIME_EXAMPLE = "25/06/2568 14:30"


def date_problem(error, example=DATE_EXAMPLE):
    """What is wrong with a typed date (a ``thai.dates.TypedDateError``), as a message."""
    if error.reason == "christian-era":
        return _("ปี ${year} เป็นปีคริสต์ศักราช กรุณาพิมพ์ปีพุทธศักราช (${be_year})",
                 mapping={"year": str(error.year), "be_year": str(error.year + BE_OFFSET)})
    if error.reason == "no-such-date":
        return _("ไม่มีวันที่นี้ในปฏิทิน กรุณาตรวจวันและเดือน (วัน/เดือน/ปี พ.ศ.)")
    return _("กรุณาพิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น ${example}", mapping={"example": example})


class TypedDateWidget(deform.widget.Widget):
    """A text field for วัน/เดือน/ปี พ.ศ. (the browser's own picker writes Christian-era years
    in the browser's order); what was typed stays as typed when the form comes back."""

    template = "typed_date"
    readonly_template = "readonly/textinput"
    example = DATETIME_EXAMPLE

    def serialize(self, field, cstruct, **kw):
        value = "" if cstruct in (colander.null, None) else cstruct
        return field.renderer(self.template, field=field, cstruct=value, **kw)

    def deserialize(self, field, pstruct):
        if pstruct in (colander.null, None) or not pstruct.strip():
            return colander.null
        return pstruct.strip()


class BuddhistEraDateTime(colander.SchemaType):
    """A date and time typed วัน/เดือน/ปี พ.ศ. ชั่วโมง:นาที (thai/dates.py reads it), as an
    aware Asia/Bangkok datetime."""

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return colander.null
        return format_typed_datetime(appstruct)

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, ""):
            return colander.null
        try:
            day, clock = parse_typed_date(cstruct)
        except TypedDateError as error:
            raise colander.Invalid(node, date_problem(error, DATETIME_EXAMPLE))
        if clock is None:
            raise colander.Invalid(node, _("กรุณาระบุเวลาด้วย เช่น ${example}",
                                           mapping={"example": DATETIME_EXAMPLE}))
        return datetime.datetime.combine(day, clock, BANGKOK)


class BuddhistEraDate(colander.SchemaType):
    """A date typed วัน/เดือน/ปี พ.ศ. (a time typed after it is ignored), as a ``datetime.date``."""

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return colander.null
        return format_typed_date(appstruct)

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, ""):
            return colander.null
        try:
            return parse_typed_date(cstruct)[0]
        except TypedDateError as error:
            raise colander.Invalid(node, date_problem(error))


class ScanFilesWidget(deform.widget.Widget):
    """Several scans in one file input; accepted files are kept across a failed submission.

    The cstruct is a list of dicts describing uploads already in the temporary store; the
    appstruct is the list of ``Upload`` objects. A bad file is reported by name while the good
    ones stay attached, so the clerk only re-scans what was wrong.
    """

    template = "scan_files"
    accept = "image/jpeg,image/png,image/tiff,application/pdf,.jpg,.jpeg,.png,.tif,.tiff,.pdf"

    def serialize(self, field, cstruct, **kw):
        uploads = [] if cstruct in (colander.null, None) else cstruct
        return field.renderer(self.template, field=field, cstruct=uploads, **kw)

    def deserialize(self, field, pstruct):
        store = get_current_registry().uploads
        pstruct = pstruct or {}
        kept = [store.get(uid) for uid in pstruct.get("kept", [])]
        uploads = [upload for upload in kept if upload is not None]
        problems = []
        for item in pstruct.get("upload", []):
            if not hasattr(item, "file") or not getattr(item, "filename", ""):
                continue
            try:
                upload = store.add(item.file, item.filename)
            except UploadError as error:
                problems.append(error.message)
                continue
            if any(u.sha256 == upload.sha256 for u in uploads):
                store.discard(upload.uid)
                problems.append(_("ไฟล์ ${filename} ซ้ำกับไฟล์ที่แนบไว้แล้ว จึงแนบเพียงครั้งเดียว",
                                  mapping={"filename": upload.filename}))
                continue
            uploads.append(upload)
        cstruct = [describe_upload(upload) for upload in uploads]
        if problems:
            display = get_current_request().display
            raise colander.Invalid(field.schema, " ".join(map(display.translate, problems)), cstruct)
        return cstruct


def describe_upload(upload):
    """What the widget lists of a kept file, its numbers written in the reader's digits."""
    display = get_current_request().display
    return {
        "uid": upload.uid,
        "filename": upload.filename,
        "pages": display.count("pages", upload.page_count),
        "size": display.file_size(upload.size),
    }


class ScanFiles(colander.SchemaType):
    """cstruct: list of upload descriptions; appstruct: list of ``Upload`` from the store."""

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return colander.null
        return [describe_upload(upload) for upload in appstruct]

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None):
            return []
        store = get_current_registry().uploads
        uploads = [store.get(item["uid"]) for item in cstruct]
        return [upload for upload in uploads if upload is not None]


def posted(request, form, button="save"):
    """What a POST of ``form`` by its ``button`` holds: ``(data, None)`` when valid; ``(None,
    the form rendered again with its Thai errors)`` when not, the response then a 400; and
    ``(None, None)`` when it was not posted."""
    if request.method != "POST" or button not in request.POST:
        return None, None
    try:
        return form.validate(request.POST.items()), None
    except deform.ValidationFailure as failure:
        request.response.status = 400
        return None, failure.render()
