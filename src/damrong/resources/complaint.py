"""The complaint folder: the record (five groups), its documents and its history."""

import datetime
import io
import pickle

from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.threadlocal import get_current_registry
from pyramid.traversal import resource_path

from ..i18n import MessageError, _
from ..security import read_only_acl, receiver_acl, team_acl
from .events import CenterChanged, ObjectModified, notify
from .folder import Folder
from .letter import LETTERS, LetterFolder

#: The groups of a complaint's record, named here once: the record's attributes, the edit form's
#: sections and what the history compares. (The exchange standard's fifth group, the status
#: updates, is the ``status`` and the ``history``.)
GROUPS = ("type", "complaint", "place", "complainant", "respondent")
#: What a complaint says about the matter: its record, when it was received, its status and
#: whether a clerk still has to complete it; its receipt number and the numbers it had at the
#: centers it was transferred from (``origins``); the center it was last sent to for action
#: (``working_center``) and when a report or reply is due (``due_date``); the login of the
#: officer responsible for it (``responsible``); the outside agency it was last forwarded to
#: (``agency``, its name in the directory); the tambon team it is assigned to (``team``, a
#: subdistrict code); the result as the public may read it once the case is closed
#: (``public_result``, public_result.py), proposed with the closure. Only
#: ``Complaint.change`` sets them after creation, so no change can skip the history or the event
#: the indexes (and summaries) follow.
RECORDED = GROUPS + ("received_at", "status", "to_complete", "receipt_year", "receipt_number",
                     "origins", "working_center", "due_date", "responsible", "agency", "team",
                     "public_result")
_GUARDED = frozenset(RECORDED)  # the same names, for the check on every assignment


#: The history's name for a change to a closed complaint by someone with the right to correct it.
CORRECTION = _("แก้ไขข้อมูลเรื่องที่ยุติแล้ว")


class UnrecordedChange(AttributeError):
    """A recorded attribute was assigned directly instead of through ``Complaint.change``."""


class ComplaintClosed(MessageError):
    """A change to a closed complaint's record that is neither a transition (reopening) nor a
    correction by someone with the right to make one."""


#: Entries a history keeps inside its holder's own record; the next one moves them all into a
#: ``History`` of their own (see ``ShortHistory``).
SHORT_HISTORY = 32


def history_entry(who, action, changes=(), note="", when=None, center=""):
    """One entry of a history: who, when, what, before → after; ``changes`` is a sequence of
    ``(field label, before, after)``; ``center`` the code of the center the step was taken from
    (empty: the complaint's own).

    Text is stored as plain Thai (a ``_()`` label becomes its msgid): the history is the
    official record, and a page translates what it can when it shows it.
    """
    return {
        "when": when or datetime.datetime.now(datetime.timezone.utc),
        "who": who,
        "action": str(action),
        "changes": tuple(tuple(str(part) for part in change) for change in changes),
        "note": str(note),
        "center": center,
    }


class History(Persistent):
    """A long history, oldest first, in a record of its own: every complaint's history before
    short ones were kept inline, and a history that outgrew ``SHORT_HISTORY`` since.

    Entries are plain dicts in a BTree keyed by their sequence number, so a long-running case
    with hundreds of follow-ups never rewrites one large list.
    """

    def __init__(self, entries=()):
        self.entries = LOBTree()
        self.entries.update(dict(enumerate(entries, start=1)))

    def record(self, *args, **kw):
        """Append an entry (``history_entry``'s arguments); returns its number, from 1."""
        number = (self.entries.maxKey() + 1) if self.entries else 1
        self.entries[number] = history_entry(*args, **kw)
        return number

    def latest(self, count):
        """The last ``count`` entries, oldest first."""
        if not self.entries:
            return []
        return list(self.entries.values(max(self.entries.maxKey() - count + 1,
                                             self.entries.minKey())))

    def restamp(self, number, when):
        """Give entry ``number`` the time the step really happened (loading old work)."""
        self.entries[number] = dict(self.entries[number], when=when)

    def __iter__(self):
        return iter(self.entries.values())

    def __reversed__(self):
        return reversed(self.entries.values())

    def __len__(self):
        return len(self.entries)


class ShortHistory:
    """The history of a complaint (or unfiled scan) with few entries, kept as a tuple in the
    holder's own record (``_history``) rather than in two records of its own.

    Registering a complaint then stores one record instead of three, which is most of what an
    import of millions costs; a complaint's entries are written with it anyway, since nearly
    every step that records one also changes the record. Past ``SHORT_HISTORY`` entries they
    move into a ``History`` (as every history was before), which the holder keeps as its
    ``history`` attribute from then on: a long case never rewrites a long tuple.
    """

    def __init__(self, holder):
        self._holder = holder

    def record(self, *args, **kw):
        """``History.record``."""
        entries = self._holder._history + (history_entry(*args, **kw),)
        if len(entries) > SHORT_HISTORY:
            self._holder.history = History(entries)
            del self._holder._history
        else:
            self._holder._history = entries
        return len(entries)

    def latest(self, count):
        """``History.latest``."""
        return list(self._holder._history[-count:])

    def restamp(self, number, when):
        """``History.restamp``."""
        entries = list(self._holder._history)
        entries[number - 1] = dict(entries[number - 1], when=when)
        self._holder._history = tuple(entries)

    def __iter__(self):
        return iter(self._holder._history)

    def __reversed__(self):
        return reversed(self._holder._history)

    def __len__(self):
        return len(self._holder._history)


class _HistoryOf:
    """``holder.history``: a ``ShortHistory`` over the holder's own entries, unless the holder
    keeps a ``History`` under that name (a non-data descriptor: the instance's attribute wins)."""

    def __get__(self, holder, owner=None):
        return self if holder is None else ShortHistory(holder)


#: The children of a document folder that has none yet: an empty BTree that is never stored
#: (a class attribute is not part of any record) and never written to.
_NO_DOCUMENTS = OOBTree()


class DocumentFolder(Folder):
    """A folder of scanned documents named ``d1``, ``d2``… with a history: a complaint, or an
    unfiled scan waiting for a clerk (see unfiled.py), so documents move between the two as is.

    Its BTree is made with its first document, and it keeps no separate count (a handful of
    documents are counted at once): a complaint registered without scans (an import, the bulk
    loader, a phone call) is stored as two records fewer. Folders made before keep theirs.
    """

    data = _NO_DOCUMENTS
    history = _HistoryOf()
    _history = ()  # a short history's entries (ShortHistory)

    def __init__(self):  # not Folder's: no BTree and no count until the first document
        Persistent.__init__(self)

    def __len__(self):
        return len(self.data)

    def _put_child(self, name, obj):
        if self.data is _NO_DOCUMENTS:
            self.data = OOBTree()
        self.data[name] = obj

    def _drop_child(self, name):
        del self.data[name]

    def documents(self):
        return [self.data[name] for name in sorted(self.data.keys(), key=_document_order)]

    def next_document_name(self):
        numbers = [int(name[1:]) for name in self.data.keys() if name[1:].isdigit()]
        return f"d{max(numbers, default=0) + 1}"


#: The key of a complaint's stored record under which its plain data is pickled apart
#: (``Complaint.__getstate__``).
_PLAIN = "_plain"


class _NotPlain(Exception):
    """A persistent object inside data meant to be plain."""


class _PlainPickler(pickle.Pickler):
    """Pickles plain data only: a persistent object must stay a reference in the outer record
    (pickled here it would be copied by value), so meeting one stops it."""

    def reducer_override(self, obj):  # not called for str, int, dict, list, tuple: no cost
        if isinstance(obj, Persistent):
            raise _NotPlain
        return NotImplemented


def _pickle_plain(values):
    out = io.BytesIO()
    _PlainPickler(out, protocol=5).dump(values)
    return out.getvalue()


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
    #: Letter drafts waiting for an officer, by kind (letters/drafts.py); made with the first.
    drafts = None
    origins = ()
    working_center = None
    due_date = None
    responsible = None
    agency = ""
    team = ""
    public_result = ""

    def __init__(self, *, tracking_code, receipt_year, receipt_number, received_at,
                 type, complaint, place, complainant, respondent, status, registered_by,
                 to_complete=False):
        super().__init__()
        self.tracking_code = tracking_code
        self.registered_at = datetime.datetime.now(datetime.timezone.utc)
        self.registered_by = registered_by
        self.listing_key = None
        self._set(receipt_year=receipt_year, receipt_number=receipt_number,
                  received_at=received_at, type=dict(type), complaint=dict(complaint),
                  place=dict(place), complainant=dict(complainant), respondent=dict(respondent),
                  status=status)
        if to_complete:
            self._set(to_complete=True)

    def __getstate__(self):
        """The stored record: the persistent objects it refers to (its folder, documents,
        letters, a long history) as ZODB stores them, and all the rest, the plain data, as one
        inner pickle under ``_plain``.

        ZODB's pickler asks a Python function of every object it writes whether it is a
        reference; a complaint's plain data (the groups' keys and values, dates, the history's
        first entry, the listing's and the summaries' marks) is some 150 such objects, which
        made its record the costliest part of registering one. Pickled apart, in C, they cost
        one question. Records stored before are read as they are (``__setstate__``)."""
        state = super().__getstate__()
        plain = {name: value for name, value in state.items()
                 if not isinstance(value, Persistent)}
        try:
            packed = _pickle_plain(plain)
        except _NotPlain:  # a persistent object inside plain data: store the record as is
            return state
        kept = {name: value for name, value in state.items() if name not in plain}
        kept[_PLAIN] = packed
        return kept

    def __setstate__(self, state):
        packed = state.get(_PLAIN)
        if packed is not None:
            state = {name: value for name, value in state.items() if name != _PLAIN}
            state.update(pickle.loads(packed))
        super().__setstate__(state)

    def __setattr__(self, name, value):
        if name in _GUARDED:
            raise UnrecordedChange(
                f"Complaint.{name} changes only through Complaint.change (complaints.py, "
                "workflow.py), which records the history and sends ObjectModified")
        super().__setattr__(name, value)

    def change(self, who, action, changes=(), note="", correction=False, move_to=None,
               where="", **values):
        """The one door for the record: set ``values`` (names of ``RECORDED``; a group as a whole
        new dict), record one history entry and send ``ObjectModified``, which the listing,
        the search outbox and whatever else follows complaints subscribe to. ``where`` is the
        code of the center the step was taken from, for the history.

        ``move_to`` (a transfer, casework.py) hands the complaint to another center, filed there
        under its new ``receipt_year`` and ``receipt_number`` (both in ``values``); after
        ``ObjectModified``, ``CenterChanged`` tells the summaries it is now counted there.

        A closed complaint is kept as it was closed: only a transition (reopening) changes it,
        or a ``correction`` (the caller checked ``security.CORRECT_CLOSED``), which the history
        names as such. Everything else raises ``ComplaintClosed``, whoever calls.
        """
        if "status" not in values and self.read_only:
            if not correction:
                raise ComplaintClosed(_("เรื่องนี้ยุติแล้ว จึงแก้ไขไม่ได้ "
                                        "ต้องให้ผู้บังคับบัญชาเปิดเรื่องใหม่ก่อน"))
            action = CORRECTION
        before = self.center if move_to is not None else None
        old_path = resource_path(self) if move_to is not None else None
        self._set(**values)
        if move_to is not None:
            self.__parent__.remove(self.__name__, send_events=False)
            move_to.complaints.add(f"{self.receipt_year}-{self.receipt_number}", self,
                                   send_events=False)
        self.history.record(who, action, changes=changes, note=note, center=where)
        notify(ObjectModified(self))
        if move_to is not None:
            notify(CenterChanged(self, before, move_to, old_path))

    @property
    def awaiting(self):
        """Whether the complaint's state waits for someone else's report or reply by its due
        date (config/workflow.yaml's ``awaits``), which makes it overdue after that date."""
        return _workflow().awaits(self.status)

    @property
    def read_only(self):
        """Whether the complaint's state keeps its record as it is (config/workflow.yaml's
        ``read_only``, ยุติเรื่อง)."""
        return _workflow().read_only(self.status)

    @property
    def __acl__(self):
        """What differs from the center's ACL, derived from the record so it cannot drift:
        the grants of the center it was sent to for action (security.receiver_acl), of the
        tambon team it waits for (security.team_acl), and while
        closed, ``edit`` kept for those who may correct a closed complaint
        (security.read_only_acl). With neither there is none and the center's ACL applies."""
        acl = receiver_acl(self.working_center) if self.working_center else []
        if self.team and self.awaiting:
            acl += team_acl(self.team)
        if self.read_only:
            acl += read_only_acl(self.center)
        if not acl:
            raise AttributeError("__acl__")
        return acl

    def _set(self, **values):
        unknown = values.keys() - _GUARDED
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


def _workflow():
    """The application's workflow, which knows what a state means."""
    workflow = getattr(get_current_registry(), "workflow", None)
    if workflow is None:  # not an AttributeError: ``__acl__`` must not fail open
        raise RuntimeError("a complaint's state is read with no application registry current")
    return workflow


def _document_order(name):
    return int(name[1:]) if name[1:].isdigit() else 0
