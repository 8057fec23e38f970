"""The complaint folder: the record (five groups), its documents and its history."""

import datetime

from BTrees.LOBTree import LOBTree
from persistent import Persistent
from pyramid.threadlocal import get_current_registry

from ..i18n import MessageError, _
from ..security import read_only_acl
from .events import ObjectModified, notify
from .folder import Folder
from .letter import LETTERS, LetterFolder

#: The groups of a complaint's record, named here once: the record's attributes, the edit form's
#: sections and what the history compares. (The exchange standard's fifth group, the status
#: updates, is the ``status`` and the ``history``.)
GROUPS = ("type", "complaint", "place", "complainant", "respondent")
#: What a complaint says about the matter: its record, when it was received, its status and
#: whether a clerk still has to complete it. Only ``Complaint.change`` sets them after creation,
#: so no change can skip the history or the event the indexes follow.
RECORDED = GROUPS + ("received_at", "status", "to_complete")


#: The history's name for a change to a closed complaint by someone with the right to correct it.
CORRECTION = _("แก้ไขข้อมูลเรื่องที่ยุติแล้ว")


class UnrecordedChange(AttributeError):
    """A recorded attribute was assigned directly instead of through ``Complaint.change``."""


class ComplaintClosed(MessageError):
    """A change to a closed complaint's record that is neither a transition (reopening) nor a
    correction by someone with the right to make one."""


class History(Persistent):
    """Every change of a complaint, oldest first: who, when, what, before → after.

    Entries are plain dicts in a BTree keyed by their sequence number, so a long-running case
    with hundreds of follow-ups never rewrites one large list.
    """

    def __init__(self):
        self.entries = LOBTree()

    def record(self, who, action, changes=(), note="", when=None):
        """Append an entry; ``changes`` is a sequence of ``(field label, before, after)``.

        Text is stored as plain Thai (a ``_()`` label becomes its msgid): the history is the
        official record, and a page translates what it can when it shows it.
        """
        number = (self.entries.maxKey() + 1) if self.entries else 1
        self.entries[number] = {
            "when": when or datetime.datetime.now(datetime.timezone.utc),
            "who": who,
            "action": str(action),
            "changes": tuple(tuple(str(part) for part in change) for change in changes),
            "note": str(note),
        }
        return number

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self):
        return len(self.entries)


class DocumentFolder(Folder):
    """A folder of scanned documents named ``d1``, ``d2``… with a history: a complaint, or an
    unfiled scan waiting for a clerk (see unfiled.py), so documents move between the two as is."""

    def documents(self):
        return [self.data[name] for name in sorted(self.data.keys(), key=_document_order)]

    def next_document_name(self):
        numbers = [int(name[1:]) for name in self.data.keys() if name[1:].isdigit()]
        return f"d{max(numbers, default=0) + 1}"


class Complaint(DocumentFolder):
    """One complaint (เรื่องร้องเรียน). Its children are its documents, named ``d1``, ``d2``…

    The record is kept as the five groups agreed for exchange between agencies; each group is a
    plain dict that is replaced as a whole on edit, so ZODB notices every change.

    ``to_complete`` marks a record captured from old paper (``damrong ingest``) that a clerk
    still has to complete; the listing index lists such records per center.

    ``letters`` holds the letters issued about it (see letter.py), outside the documents; it is
    made with the first letter, so a complaint without letters (and every complaint older than
    letters) needs no upgrade, and reading never writes.
    """

    to_complete = False
    letters = None

    def __init__(self, *, tracking_code, receipt_year, receipt_number, received_at,
                 type, complaint, place, complainant, respondent, status, registered_by,
                 to_complete=False):
        super().__init__()
        self.tracking_code = tracking_code
        self.receipt_year = receipt_year
        self.receipt_number = receipt_number
        self.registered_at = datetime.datetime.now(datetime.timezone.utc)
        self.registered_by = registered_by
        self.listing_key = None
        self.history = History()
        self._set(received_at=received_at, type=dict(type), complaint=dict(complaint),
                  place=dict(place), complainant=dict(complainant), respondent=dict(respondent),
                  status=status)
        if to_complete:
            self._set(to_complete=True)

    def __setattr__(self, name, value):
        if name in RECORDED:
            raise UnrecordedChange(
                f"Complaint.{name} changes only through Complaint.change (complaints.py, "
                "workflow.py), which records the history and sends ObjectModified")
        super().__setattr__(name, value)

    def change(self, who, action, changes=(), note="", correction=False, **values):
        """The one door for the record: set ``values`` (names of ``RECORDED``; a group as a whole
        new dict), record one history entry and send ``ObjectModified``, which the listing,
        the search outbox and whatever else follows complaints subscribe to.

        A closed complaint is kept as it was closed: only a transition (reopening) changes it,
        or a ``correction`` (the caller checked ``security.CORRECT_CLOSED``), which the history
        names as such. Everything else raises ``ComplaintClosed``, whoever calls.
        """
        if "status" not in values and self.read_only:
            if not correction:
                raise ComplaintClosed(_("เรื่องนี้ยุติแล้ว จึงแก้ไขไม่ได้ "
                                        "ต้องให้ผู้บังคับบัญชาเปิดเรื่องใหม่ก่อน"))
            action = CORRECTION
        self._set(**values)
        self.history.record(who, action, changes=changes, note=note)
        notify(ObjectModified(self))

    @property
    def read_only(self):
        """Whether the complaint's state keeps its record as it is (config/workflow.yaml's
        ``read_only``, ยุติเรื่อง)."""
        workflow = getattr(get_current_registry(), "workflow", None)
        if workflow is None:  # not an AttributeError: ``__acl__`` below must not fail open
            raise RuntimeError("a complaint's state is read with no application registry current")
        return workflow.read_only(self.status)

    @property
    def __acl__(self):
        """Only while closed: the center's ACL with ``edit`` kept for those who may correct a
        closed complaint (security.read_only_acl). Derived from the status, so it cannot drift
        from it; otherwise there is none and the center's ACL applies as is."""
        if not self.read_only:
            raise AttributeError("__acl__")
        return read_only_acl(self.center)

    def _set(self, **values):
        unknown = set(values) - set(RECORDED)
        if unknown:
            raise TypeError(f"not part of a complaint's record: {sorted(unknown)}")
        for name, value in values.items():
            super().__setattr__(name, value)

    def __getitem__(self, name):
        if name == LETTERS and self.letters is not None:
            return self.letters
        return super().__getitem__(name)

    def issued_letters(self):
        """The letters issued about the complaint, oldest first."""
        return self.letters.issued() if self.letters is not None else []

    def letter_folder(self):
        """The letters folder, made now if this is the complaint's first letter (a write)."""
        if self.letters is None:
            self.letters = LetterFolder()
            self.letters.__parent__, self.letters.__name__ = self, LETTERS
        return self.letters

    @property
    def subject(self):
        return self.complaint.get("subject", "")

    @property
    def center(self):
        """The center that registered the complaint (complaint → complaints folder → center)."""
        return self.__parent__.__parent__


def _document_order(name):
    return int(name[1:]) if name[1:].isdigit() else 0
