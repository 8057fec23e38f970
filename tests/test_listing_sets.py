"""The listing stores a key set only where no other structure holds its keys, and every field
value still lists exactly its complaints: stored or derived, on a new database and on one
upgraded from the form that stored them all (evolve.list_fewer_key_sets)."""

from BTrees.Length import Length
from BTrees.LLBTree import LLTreeSet
from BTrees.LOBTree import LOBTree

from damrong import evolve
from damrong.reports import periods
from damrong.reports.summary import table_counts, total_counts
from damrong.listing import indexed_values
from damrong.packed import PackedTreeSet
from damrong.visibility import complaint_seen_from
from helpers import complaint_at, new_complaint


def _listed(complaint):
    """Every (field, value) the complaint is found under, ``lineage`` included."""
    values = dict(indexed_values(complaint), lineage=complaint_seen_from(complaint))
    return {(field, value) for field, found in values.items() for value in found}


def _expected(s):
    """(field, value) -> the keys a scan of every complaint finds under it."""
    expected = {}
    for center in s.centers.values():
        for complaint in center.complaints.values():
            for ident in _listed(complaint):
                expected.setdefault(ident, set()).add(complaint.listing_key)
    return expected


def _assert_lists_exactly(s):
    expected = _expected(s)
    for (field, value), keys in expected.items():
        assert set(s.listing.keys_of(field, value) or ()) == keys, (field, value)
        assert s.listing.count(field, value) == len(keys), (field, value)
    assert s.listing.size() == len(expected[("lineage", "moi")])
    for key in expected[("lineage", "moi")]:
        assert s.listing.complaint(key).listing_key == key


def _some_complaints(s):
    for code in ("7001", "7001", "7002", "70", "moi", "1001"):
        new_complaint(s, code, "ขอให้ซ่อมถนน")
    sent = complaint_at(s, "7001", "ส่งให้อำเภอข้างเคียงตรวจสอบ")
    sent.change("system", "ส่งไปดำเนินการ", working_center="7002")
    closed = complaint_at(s, "7002", "เรื่องที่ยุติแล้ว")
    closed.change("system", "ยุติเรื่อง", status="closed")


def test_every_field_value_lists_exactly_its_complaints(site):
    with site() as s:
        _some_complaints(s)
    with site() as s:
        _assert_lists_exactly(s)
        stored = s.listing.sets
        assert ("sent", "7002") in stored and ("center", "70") in stored
        for derived in (("lineage", "70"), ("owners", "moi"), ("center", "7001"),
                        ("level", "district"), ("public", "closed")):
            assert derived not in stored
        assert s.listing.query("7001", own_only=True).total == 3
        assert s.listing.query("7002").total == 3  # its two and the one sent to it
        # built from the status sets, or subtracting the other states' (the fewer keys)
        assert s.listing.query("70", filters={"owners": "70", "public": "closed"}).total == 1
        assert s.listing.query("70", filters={"public": "in-progress"}).total == 5
        # every key but the other levels'; the ministry's own filter narrows nothing
        assert s.listing.query("moi", filters={"level": "district"}).total == 6
        assert s.listing.query("moi", filters={"owners": "moi", "level": "province"}).total == 1


def test_an_old_listing_is_upgraded_to_the_same_answers(site):
    with site() as s:
        _some_complaints(s)
    with site() as s:  # the form that stored every set, complaints by key, ``lineage`` listed
        listing, expected = s.listing, _expected(s)
        listing.complaints = LOBTree({key: listing.complaint(key) for key in listing.ids})
        del listing.ids
        for ident in list(listing.sets):
            if ident[0] == "sent":
                del listing.sets[ident], listing.counts[ident]
        for ident, keys in expected.items():
            listing.sets[ident] = LLTreeSet(keys)
            if ident[0] == "lineage":
                listing.counts[ident] = Length(len(keys))
        for center in s.centers.values():
            for complaint in center.complaints.values():
                listed = dict(complaint._listed_values)
                listed["lineage"] = listed.pop("owners") + listed.pop("sent", [])
                listed["owners"] = complaint.center.lineage_codes
                complaint._listed_values = listed
        evolve.list_fewer_key_sets(s)
        evolve.pack_integer_buckets(s)
        evolve.widen_integer_buckets(s)
    with site() as s:
        assert not hasattr(s.listing, "complaints")
        assert all(isinstance(keys, PackedTreeSet) for keys in s.listing.sets.values())
        assert ("lineage", "70") not in s.listing.sets and ("sent", "7002") in s.listing.sets
        _assert_lists_exactly(s)
        sent = next(c for c in s.centers["7001"].complaints.values() if c.working_center)
        sent.change("system", "รับรายงานผล", working_center=None)  # unlisted as it was listed
    with site() as s:
        _assert_lists_exactly(s)
        assert s.listing.count("sent", "7002") == 0


def test_a_summary_of_part_of_a_month_counts_what_the_center_owns(site):
    """Days outside whole months are counted from the listing: from its owners, as the counters
    count, not from every case a center sees (a case sent to it for action stays its sender's)."""
    with site() as s:
        _some_complaints(s)
    with site() as s:
        day = next(iter(s.centers["7002"].complaints.values())).received_at.date()
        period = periods.date_range(day, day)
        assert not period.whole_months()
        assert table_counts(s, "7002", "district", period) == {"d01": {"in-progress": 1,
                                                                         "closed": 1}}
        assert total_counts(s, "7002", period) == {"in-progress": 1, "closed": 1}
