"""Letter drafts kept on a complaint for an officer to review and issue.

The daily deadline job (deadlines.py) prepares the follow-up letter of a case that is overdue
while it waits for someone outside its own center (an agency it was forwarded to, a center it
was sent to): the existing ``follow-up`` kind, drafted from the case as the letter form would
draft it, kept on the complaint. Nothing is issued by the job: the officer opens the letter
form, finds the draft there, edits it and issues it through the one letter path
(letters/issuing.py), which takes the number from the outgoing register and discards the draft.

A case keeps at most one stored draft per kind: a job run again (or a case overdue again before
its draft was issued) leaves the waiting draft as it is, so nothing is drafted twice.
"""

import datetime

from persistent.mapping import PersistentMapping

from ..resources.letter import LetterDraft

FOLLOW_UP = "follow-up"


def stored_draft(complaint, kind, center_code):
    """The draft of ``kind`` kept on ``complaint`` for the center coded ``center_code``, or
    ``None``: a draft written in one center's name is not issued by another."""
    draft = (complaint.drafts or {}).get(kind)
    return draft if draft is not None and draft.center_code == center_code else None


def discard_draft(complaint, kind, center_code):
    """Forget the stored draft once its letter is issued from that center."""
    if stored_draft(complaint, kind, center_code) is not None:
        del complaint.drafts[kind]


def follow_up_addressee(site, complaint):
    """Whom an overdue case's follow-up letter goes to: the agency it was forwarded to, or the
    center it was sent to for action; ``None`` for a case its own people work on (a tambon
    team is followed up by the note alone, not by a letter)."""
    if complaint.status == "forwarded" and complaint.agency:
        return complaint.agency
    if complaint.status == "sent" and complaint.working_center in site.centers:
        return site.centers[complaint.working_center].title
    return None


def prepare_follow_up(site, kinds, complaint, now=None):
    """Keep a follow-up letter draft on the overdue ``complaint``, from its own center; returns
    the draft waiting for the officer (the one already kept, if any: never a second), or
    ``None`` when the case needs no letter."""
    addressee = follow_up_addressee(site, complaint)
    if addressee is None or FOLLOW_UP not in kinds:
        return None
    waiting = (complaint.drafts or {}).get(FOLLOW_UP)
    if waiting is not None:
        return waiting
    center = complaint.center
    draft = LetterDraft(kind=FOLLOW_UP, center_code=center.code,
                        fields=kinds.draft(FOLLOW_UP, complaint, center, agency=addressee),
                        prepared_at=now or datetime.datetime.now(datetime.timezone.utc))
    if complaint.drafts is None:
        complaint.drafts = PersistentMapping()   # at most one entry per letter kind
    complaint.drafts[FOLLOW_UP] = draft
    return draft
