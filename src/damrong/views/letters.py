"""Letters about a complaint: issuing one (kind first, then the drafted form), reading it, and
printing it as a หนังสือภายนอก (PDF).

A letter is written by the user's own center, which numbers it in its register: a district
officer's letter is the district's, a province officer's about the same complaint the
province's. Reading a letter needs ``view-personal``: a letter to the complainant names them.
"""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import personal
from ..flash import notice
from ..i18n import _
from ..letters.drafts import stored_draft
from ..letters.issuing import issue_letter
from ..letters.printing import letter_pdf
from ..pdf import pdf_response
from ..resources.complaint import Complaint
from ..resources.letter import Letter
from ..schemas.letter import letter_schema
from ..thai.dates import format_date
from ..txn import write_with_retries


def letter_rows(request, complaint):
    """The complaint page's list of letters. The addressee of a letter to the complainant is
    their name, so a reader who may not see personal data sees whom it went to instead."""
    kinds = request.registry.letter_kinds
    can_see_personal = personal.may_see(request, complaint)
    rows = []
    for letter in complaint.issued_letters():
        kind = kinds.get(letter.kind)
        shown = can_see_personal or (kind is not None and kind.to_agency)
        rows.append({
            "url": request.resource_url(letter) if can_see_personal else None,
            "number": request.display.digits(f"{letter.prefix}/{letter.number}"),
            "date": request.display.format_date(letter.issued_at, short=True),
            "kind": kind.label_in(request.locale_name) if kind else letter.kind,
            "to": letter.addressee if shown else request.display.translate(_("ผู้ร้องเรียน")),
            "subject": letter.subject,
        })
    return rows


@view_config(context=Complaint, name="issue-letter", permission="write-letters",
             renderer="damrong:templates/letter_form.pt")
def issue(request):
    complaint = request.context
    kinds = request.registry.letter_kinds
    center = request.user_center
    form = deform.Form(letter_schema(request, kinds), formid="letter",
                       buttons=(deform.Button("issue", _("ออกเลขที่หนังสือและบันทึก")),))
    if request.method == "POST" and "issue" in request.POST:
        try:
            data = form.validate(request.POST.items())
        except deform.ValidationFailure as failure:
            request.response.status = 400
            return _form_page(request, complaint, failure.field.cstruct.get("kind"),
                              failure.render())
        letterhead = kinds.letterhead(center)
        letter, created = write_with_retries(request, lambda: issue_letter(
            request.root, complaint, center, data["kind"], data, letterhead,
            request.identity.national_id, submission_id=data["submission_id"]))
        notice(request, _("ออกหนังสือ ${number} แล้ว", mapping={"number": letter.number_text()})
               if created
               else _("แบบฟอร์มนี้ถูกส่งไปแล้ว ระบบแสดงหนังสือที่ออกไว้ครั้งแรก ไม่ได้ออกเลขซ้ำ"))
        return HTTPSeeOther(request.resource_url(letter))
    kind = request.GET.get("kind")
    if kind not in kinds:
        kind = next(iter(kinds.kinds))
    agency = request.GET.get("agency")
    stored = stored_draft(complaint, kind, center.code) if agency is None else None
    if stored is not None:
        draft, agency = stored.fields, stored.fields.get("addressee", "")
    else:
        agency = kinds.agency_for(complaint) if agency is None else agency.strip()
        draft = kinds.draft(kind, complaint, center, agency=agency)
    return _form_page(request, complaint, kind, form.render(dict(draft, kind=kind)), agency,
                      stored)


def _form_page(request, complaint, kind, form, agency="", stored=None):
    """``stored``: the draft kept on the complaint the form shows (letters/drafts.py)."""
    return {"c": complaint, "form": form, "kind": kind, "agency": agency, "stored": stored,
            "kinds": request.registry.letter_kinds.choices(request.locale_name)}


@view_config(context=Letter, permission=personal.RIGHT, renderer="damrong:templates/letter.pt")
def show(request):
    letter = request.context
    kind = request.registry.letter_kinds.get(letter.kind)
    return {"letter": letter, "c": letter.complaint, "date": format_date(letter.issued_at),
            "kind": kind.label_in(request.locale_name) if kind else letter.kind}


@view_config(context=Letter, name="letter.pdf", permission=personal.RIGHT)
def pdf(request):
    """The letter as printed and signed: A4, the official หนังสือภายนอก layout."""
    letter = request.context
    return pdf_response(letter_pdf(letter, request), f"หนังสือ-{letter.__name__}.pdf")
