"""The complaint listing index: filter and page through millions of complaints without a scan.

Every complaint gets a *listing key*, a 64-bit integer whose high bits are the second it was
received and whose low 16 bits are random. Sets of keys are kept per field value (the centers
above it, its own center, category, channel, status). Because keys sort by time received:

* a date range or a fiscal year is a key range, not another index;
* the intersection of the filter sets (done in C by BTrees) is already in date order, so a page
  of newest-first results is a slice from its end.

A listing at the ministry over 3.3 million complaints is one lookup, or a few C intersections
when filters are set, plus the 25 complaints of the page.

Records imported from an older system arrive spread over years, so each of their keys lands in
the middle of every set it joins, and each such set has one bucket loaded and written again per
record. A set that another structure already holds is therefore not stored, and ``keys_of``
derives it: the ministry's (every key, ``ids``), a center's ``lineage`` (its ``owners`` and the
few cases ``sent`` to it for action), a district's own ``center`` set (its ``owners``: nothing
lies below it), the ``district`` level (every key but the other levels') and the public states
(unions of status sets). Into 1.2 million complaints, an import of 45,000 district records
spread over two years wrote 6.5 set buckets a record with those sets stored, 2.7 without them
(batches of 20,000).
"""

import datetime
import random
from collections import defaultdict

from BTrees.LLBTree import difference, intersection, multiunion, union
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.threadlocal import get_current_registry

from .packed import PackedTree, PackedTreeSet, id_number, object_of
from .resources.center import MINISTRY_CODE
from .thai.fiscal import fiscal_year_bounds
from .visibility import complaint_seen_from, seen_from

FIELDS = ("lineage", "owners", "sent", "center", "category", "channel", "status", "todo", "level",
          "public", "working", "responsible", "due", "team")
#: The ``responsible`` value of an open complaint nobody is responsible for yet.
UNASSIGNED = "-"
#: The ``todo`` value of a back-captured record a clerk still has to complete.
TO_COMPLETE = "to-complete"
_RANDOM_BITS = 16
#: Field values whose keys are never stored as a set of their own (``keys_of`` derives them).
_ALWAYS_DERIVED = {("owners", MINISTRY_CODE), ("level", "district")}
#: Field values every listed complaint has: filtering by them narrows nothing.
_EVERY_KEY = {("owners", MINISTRY_CODE), ("lineage", MINISTRY_CODE)}


def key_bounds(start=None, end=None):
    """Listing-key range for received times in ``[start, end)`` (aware datetimes)."""
    low = int(start.timestamp()) << _RANDOM_BITS if start else None
    high = (int(end.timestamp()) << _RANDOM_BITS) - 1 if end else None
    return low, high


def indexed_values(complaint):
    """The values a complaint is found under, per field. ``owners`` (its owner's lineage),
    ``level`` (of its center) and ``public`` (its public state) are what a summary's cell is
    counted by, so every figure of a summary drills down to exactly its complaints."""
    workflow = get_current_registry().workflow
    owners = seen_from(complaint.center)
    return {
        # the owner's lineage: what a summary counts a complaint under; with ``sent`` (the
        # center a case was sent to for action, when not already among them) it makes the
        # ``lineage``, every center that sees the complaint
        "owners": owners,
        "sent": [code for code in complaint_seen_from(complaint) if code not in owners],
        "center": [complaint.center.code],
        "category": [complaint.type["category"]],
        "channel": [complaint.type["channel"]],
        "status": [complaint.status],
        "todo": [TO_COMPLETE] if complaint.to_complete else [],
        "level": [complaint.center.level],
        "public": [workflow.states[complaint.status]["public"]],
        "working": [complaint.working_center] if complaint.working_center else [],
        "responsible": ([] if complaint.read_only else [complaint.responsible or UNASSIGNED]),
        "due": ([complaint.due_date.isoformat()] if complaint.due_date and complaint.awaiting
                else []),
        "team": [complaint.team] if complaint.team and complaint.awaiting else [],
    }


class ListingPage:
    """One page of a listing: ``total`` matches, the ``complaints`` shown, and where it starts."""

    def __init__(self, total, complaints, offset, limit):
        self.total = total
        self.complaints = complaints
        self.offset = offset
        self.limit = limit

    @property
    def has_previous(self):
        return self.offset > 0

    @property
    def has_next(self):
        return self.offset + len(self.complaints) < self.total


class ComplaintListing(Persistent):
    """Key sets per field value, the complaint behind each key, and a count per field value."""

    def __init__(self):
        self.sets = OOBTree()   # (field, value) -> PackedTreeSet of listing keys, unless derived
        self.counts = OOBTree()  # (field, value) -> Length, so counts need no set walk
        self.ids = PackedTree()  # listing key -> the complaint's id in the database (its oid)

    # -- maintenance ------------------------------------------------------------------------

    def new_key(self, received_at):
        base = int(received_at.timestamp()) << _RANDOM_BITS
        while True:
            key = base | random.getrandbits(_RANDOM_BITS)
            if key not in self.ids:
                return key

    def index(self, complaint):
        """Index a new complaint, or re-index one whose fields or received time changed."""
        self.index_many([complaint])

    def index_many(self, complaints):
        """``index`` for many complaints at once (a batch of registrations): their keys are
        gathered per field value first, so each key set and its count is written once for the
        batch, in one C-level update, instead of once per complaint."""
        keys_by_ident = defaultdict(list)
        derived = set(_ALWAYS_DERIVED)
        for complaint in complaints:
            if complaint.listing_key is not None:
                self.unindex(complaint)
            key = complaint.listing_key = self.new_key(complaint.received_at)
            self.ids[key] = id_number(complaint, self)
            values = complaint._listed_values = {
                field: field_values for field, field_values in indexed_values(complaint).items()
                if field_values}  # remembered on the complaint: no empty lists to store
            for field, field_values in values.items():
                for value in field_values:
                    keys_by_ident[(field, value)].append(key)
            if values["level"] == ["district"]:  # nothing lies below a district
                derived.add(("center", values["center"][0]))
        for ident, keys in keys_by_ident.items():
            self._add(ident, keys, store=ident not in derived and ident[0] != "public")

    def unindex(self, complaint):
        key = complaint.listing_key
        if key is None:
            return
        for field, field_values in _upgraded(getattr(complaint, "_listed_values", {})).items():
            for value in field_values:
                self._discard((field, value), key)
        self.ids.pop(key, None)
        complaint.listing_key = None

    def _add(self, ident, keys, store=True):
        if store:
            found = self.sets.get(ident)
            if found is None:
                found = self.sets[ident] = PackedTreeSet()
            added = found.update(keys)
        else:
            added = len(keys)
        if added:
            length = self.counts.get(ident)
            if length is None:
                length = self.counts[ident] = Length(0)
            length.change(added)

    def _discard(self, ident, key):
        keys = self.sets.get(ident)
        if keys is not None:
            if key not in keys:
                return
            keys.remove(key)
        self.counts[ident].change(-1)

    def size(self):
        """How many complaints are listed."""
        return self.count("owners", MINISTRY_CODE)

    def complaint(self, key):
        """The complaint listed under ``key``."""
        return object_of(self.ids[key], self)

    def keys_of(self, field, value):
        """The keys listed under ``value`` of ``field``, stored or derived (a C set or tree,
        or ``None`` when there are none)."""
        if field == "lineage":
            owners, sent = self.keys_of("owners", value), self.sets.get(("sent", value))
            return owners if sent is None else union(owners, sent)
        if (field, value) == ("owners", MINISTRY_CODE):
            return self.ids
        if field == "public":
            return multiunion([self.sets[ident] for ident in self._partition(field).get(value, ())
                               if ident in self.sets])
        if (field, value) == ("level", "district"):
            others = [self.sets[ident] for ident in self._others(field, value)
                      if ident in self.sets]
            return difference(self.ids, multiunion(others)) if others else self.ids
        found = self.sets.get((field, value))
        if found is None and field == "center" and self.count("center", value):
            return self.keys_of("owners", value)  # a district's: all it owns
        return found

    def _complement(self, field, value):
        """The stored sets holding every key *but* those of a value of ``field`` whose keys
        are all others' (each complaint has one level and one status), when they hold fewer
        keys than the value itself: a query then subtracts them from its result rather than
        build that value's keys (the district level, the public state in progress)."""
        if field not in ("level", "public"):
            return None
        siblings = [ident for ident in self._others(field, value) if self.count(*ident)]
        if (sum(self.count(*ident) for ident in siblings) >= self.count(field, value)
                or any(ident not in self.sets for ident in siblings)):
            return None
        return [self.sets[ident] for ident in siblings]

    def _partition(self, field):
        """For a field every complaint has exactly one value of (``level``, ``public``): each
        value → the field values whose keys make it up (a level itself; a public state, its
        statuses)."""
        if field == "level":
            return {level: [("level", level)]
                    for _, level in self.counts.keys(("level", ""), ("level", "\uffff"))}
        parts = {}
        for state, spec in get_current_registry().workflow.states.items():
            parts.setdefault(spec["public"], []).append(("status", state))
        return parts

    def _others(self, field, value):
        """The field values making up every value of ``field`` but ``value``."""
        return [ident for other, idents in self._partition(field).items() if other != value
                for ident in idents]

    # -- queries ----------------------------------------------------------------------------

    def count(self, field, value):
        if field == "lineage":
            return self.count("owners", value) + self.count("sent", value)
        length = self.counts.get((field, value))
        return length() if length is not None else 0

    def due_between(self, first=None, after=None):
        """Keys of complaints awaiting a report or reply due on a day in ``[first, after)``
        (dates; ``None``: unbounded): one union of the few day sets in the range."""
        low = ("due", first.isoformat() if first else "")
        high = ("due", after.isoformat()) if after else ("due", "\uffff")
        return multiunion(list(self.sets.values(low, high, excludemax=True)))

    def query(self, center_code, *, own_only=False, filters=None, start=None, end=None,
              due=None, offset=0, limit=25):
        """Complaints of a center (and, unless ``own_only``, the centers below it), newest first.

        ``filters`` maps field names (owners, category, channel, status, todo, level, public,
        working, responsible) to one value each; ``start`` and ``end`` bound the time received (aware
        datetimes, end exclusive); ``due`` is ``(first, after)`` dates bounding the due date
        (``due_between``).
        """
        wanted = [("center" if own_only else "lineage", center_code)]
        wanted += [(field, value) for field, value in (filters or {}).items() if value]
        if any(field not in FIELDS for field, _ in wanted):
            raise ValueError(f"unknown filter in {wanted}")
        narrowing, excluded = [], []
        for ident in wanted:
            if ident in _EVERY_KEY:
                continue
            complement = self._complement(*ident)
            if complement is None:
                narrowing.append(ident)
            else:
                excluded.extend(complement)
        narrowing.sort(key=lambda ident: self.count(*ident))
        sets = [self.keys_of(*ident) for ident in narrowing]
        if any(keys is None for keys in sets):
            return ListingPage(0, [], offset, limit)
        if due is not None:
            sets.append(self.due_between(*due))
        result = sets[0] if sets else self.ids
        for keys in sets[1:]:
            result = intersection(result, keys)
        if excluded:
            result = difference(result, multiunion(excluded))
        low, high = key_bounds(start, end)
        if low is None and high is None:
            keys = result.keys()
            total = (self.count(*wanted[0]) if len(wanted) == 1 and due is None
                     else len(result))
        else:
            keys = result.keys(low, high)
            total = len(keys)
        stop = total - offset
        page_keys = [keys[i] for i in range(stop - 1, max(stop - limit, 0) - 1, -1)]
        return ListingPage(total, [self.complaint(key) for key in page_keys], offset, limit)


def _upgraded(listed):
    """The listed values a complaint was indexed under, in today's fields: one indexed before
    ``sent`` was listed apart has its ``lineage`` instead (evolve.list_fewer_key_sets)."""
    if "lineage" not in listed:
        return listed
    owners = listed.get("owners", [])
    upgraded = {field: values for field, values in listed.items() if field != "lineage"}
    sent = [code for code in listed["lineage"] if code not in owners]
    if sent:
        upgraded["sent"] = sent
    return upgraded


def fiscal_year_range(fiscal_year, tz):
    """Aware datetimes bounding a fiscal year (Buddhist era), as the listing's date filter takes."""
    first, after = fiscal_year_bounds(fiscal_year)
    return (datetime.datetime.combine(first, datetime.time(), tz),
            datetime.datetime.combine(after, datetime.time(), tz))
