"""Where a letter is issued: numbered in the issuing center's register, kept in the complaint,
recorded in its history and (through the ObjectAdded event) queued for the search index."""

import datetime

from ..complaints import as_utc
from ..i18n import _
from ..numbering import next_letter_number
from .drafts import discard_draft
from .letterhead import update_letterhead
from ..resources.letter import Letter
from ..thai.normalize import normalize_text

#: What the officer writes (the rest of a letter comes from the register and the request).
WRITTEN = ("addressee", "subject", "reference", "enclosures", "body", "signer_name",
           "signer_position")


def issue_letter(site, complaint, center, kind, fields, letterhead, who, submission_id=None,
                 now=None):
    """Issue a letter of ``kind`` from ``center`` about ``complaint``; returns
    ``(letter, created)``.

    ``fields`` maps ``WRITTEN`` to the officer's text; ``letterhead`` is ``center``'s (its prefix
    is kept in the letter). A ``submission_id`` seen before returns the letter it issued, so a
    double-clicked submit takes one number, not two. Taking the number writes the register's
    counter, which has no conflict resolution: two letters issued at once conflict and one is
    retried, so numbers have neither gaps nor repeats (see numbering.py). A draft of that kind
    kept on the complaint for ``center`` (drafts.py) is used up.
    """
    if submission_id and submission_id in site.submissions:
        return site.submissions[submission_id], False
    issued_at = as_utc(now or datetime.datetime.now(datetime.timezone.utc))
    year, number = next_letter_number(center, issued_at)
    letter = Letter(kind=kind, center_code=center.code, year=year, number=number,
                    prefix=letterhead.prefix, issued_by=who, issued_at=issued_at,
                    **{name: normalize_text(fields.get(name) or "").strip() for name in WRITTEN})
    complaint.letter_folder().add(f"{center.code}-{year}-{number}", letter)
    if submission_id:
        site.submissions[submission_id] = letter
    discard_draft(complaint, kind, center.code)
    complaint.history.record(who, _("ออกหนังสือ"),
                             note=f"{letter.number_text()} เรื่อง {letter.subject}")
    update_letterhead(center, signer_name=letter.signer_name,
                      signer_position=letter.signer_position)  # the next draft's signer
    return letter, True
