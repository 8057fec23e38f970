"""Creating and upgrading the database: evolve steps, each recorded by name once it is done.

``damrong init`` (and the first start of the web app) calls ``bootstrap``: it creates the site
if the database is empty, then runs, in the order of ``STEPS``, every step whose name the
database has not recorded as finished (``site.evolved``: name -> when), committing after each.
As in Substance D's evolution, a step is known by its name, not by a position: two branches
can each add a step and, once merged, a database upgraded on either runs exactly the one it
lacks. A step's name (its function's name) must therefore never change. Steps must be
idempotent, since an interrupted upgrade is simply run again.
"""

import datetime
import logging

import geothai
import transaction
from BTrees.Length import Length
from BTrees.LLBTree import difference
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from pyramid.threadlocal import get_current_registry
from ZODB.utils import u64

from .deadlines import DeadlineWatch
from .indexing import IndexOutbox
from .reports.counters import NAMES, SummaryCounters, cell_of
from .reports.freeze import FrozenReports
from .notifications import Notifications
from .packed import PackedTree, PackedTreeSet
from .resources.agency import AgencyDirectory, seed_agencies
from .resources.posts import PostFolder
from .resources.center import MINISTRY_CODE, Center, add_letter_register, add_scan_intake
from .resources.site import ROOT_KEY, Site
from .resources.users import Users
from .tracking import TrackingCodes, tracking_by_id

log = logging.getLogger(__name__)


#: The steps of the numbered scheme this one replaced, in their order: a database of generation
#: N had finished the first N of them.
NUMBERED_STEPS = ("create_center_tree", "keep_finished_jobs", "add_scan_intake_to_centers",
                  "add_search_outbox", "add_letter_registers_to_centers")


def record_numbered_generation(site):
    """Record the steps a database of the numbered scheme had finished, by name, and drop its
    generation number."""
    generation = getattr(site, "evolve_generation", 0)
    for name in NUMBERED_STEPS[:generation]:
        site.evolved.setdefault(name, _now())
    if hasattr(site, "evolve_generation"):
        del site.evolve_generation


def create_center_tree(site):
    """Ministry → 77 province centers → 928 district centers, named by DOPA code."""
    if MINISTRY_CODE not in site:
        ministry = Center(MINISTRY_CODE, "ministry", "กระทรวงมหาดไทย", "Ministry of Interior")
        site.add(MINISTRY_CODE, ministry)
        site.centers[MINISTRY_CODE] = ministry
    ministry = site[MINISTRY_CODE]
    for province in geothai.provinces():
        if province.code not in ministry:
            center = Center(province.code, "province", province.name_th, province.name_en,
                            province_code=province.code)
            ministry.add(province.code, center)
            site.centers[province.code] = center
        province_center = ministry[province.code]
        for district in geothai.districts(province.code):
            if district.code not in province_center:
                center = Center(district.code, "district", district.name_th, district.name_en,
                                province_code=province.code)
                province_center.add(district.code, center)
                site.centers[district.code] = center


def keep_finished_jobs(site):
    """Give a job queue made before workers kept a record of finished jobs that record."""
    if not hasattr(site.jobs, "finished"):
        site.jobs.finished = LOBTree()
        site.jobs.finished_count = Length()


def add_scan_intake_to_centers(site):
    """Every center gets its unfiled scans folder and the checksums of what it received."""
    for center in site.centers.values():
        add_scan_intake(center)


def add_search_outbox(site):
    """The outbox of complaints waiting for the search index (``damrong reindex`` fills an
    index from the complaints that were there before)."""
    if not hasattr(site, "index_outbox"):
        site.index_outbox = IndexOutbox()


def add_letter_registers_to_centers(site):
    """Every center gets its register of outgoing letter numbers. (A complaint's letters folder
    needs no step: it is made with the complaint's first letter.)"""
    for center in site.centers.values():
        add_letter_register(center)


def add_login_sessions(site):
    """Login cookies carry a revocable session key instead of the national ID (issue 14.6);
    cookies issued before carry an ID, which leads nowhere now: everyone logs in again."""
    if getattr(site.users, "by_session", None) is None:
        site.users.by_session = OOBTree()


def count_complaints_in_summaries(site):
    """The summary counters and the month-end freezes; every complaint already there is
    counted (``damrong verify-counters`` checks the result like any other day's) and listed
    again under the listing's new fields (its center's level, its public state), which a
    summary's figures drill down by."""
    if not hasattr(site, "summaries"):
        site.summaries = SummaryCounters()
        site.frozen = FrozenReports()
    list_fewer_key_sets(site)  # index() writes the listing in its present form
    workflow = get_current_registry().workflow
    done = 0
    for center in site.centers.values():
        for complaint in center.complaints.values():
            site.summaries.follow(complaint, cell_of(complaint, workflow))
            site.listing.index(complaint)
            done += 1
            if done % 10000 == 0:  # one transaction, but a million complaints stay on disk
                _spill(site)


def add_import_register(site):
    """The source ids of complaints imported from other systems (importing.py)."""
    if not hasattr(site, "imported"):
        site.imported = OOBTree()


def list_complaints_by_responsible_and_due(site):
    """Index every complaint again so the listing has its new fields: the responsible officer
    (open cases without one under ``-``) and the due date of a case awaiting a report. Commits
    every few thousand complaints; run again, it indexes them again to the same result."""
    list_fewer_key_sets(site)  # index() writes the listing in its present form
    for count, complaint in enumerate(
            c for center in site.centers.values() for c in center.complaints.values()):
        site.listing.index(complaint)
        if count % 5000 == 4999:
            transaction.commit()


def add_deadlines_and_notifications(site):
    """The daily deadline job's record of the last day it noted, and staff's notifications."""
    if not hasattr(site, "deadline_watch"):
        site.deadline_watch = DeadlineWatch()
    if not hasattr(site, "notifications"):
        site.notifications = Notifications()


def seed_agency_directory(site):
    """The directory of agencies complaints are forwarded to, seeded from config/agencies.yaml
    (administrators keep it from then on)."""
    if not hasattr(site, "agencies"):
        site.agencies = AgencyDirectory()
        site.agencies.__parent__, site.agencies.__name__ = site, "agencies"
    seed_agencies(site.agencies, get_current_registry().app_settings.config_dir)


def add_public_posts(site):
    """The citizens' site's news of field work and questions with their answers (issue 17)."""
    for name in ("news", "questions"):
        if not hasattr(site, name):
            folder = PostFolder()
            folder.__parent__, folder.__name__ = site, name
            setattr(site, name, folder)


def key_tracking_codes_by_number(site):
    """The tracking codes' map keyed by the number each code spells (tracking.TrackingCodes)
    instead of an OOBTree keyed by its letters: every code leads to the same complaint."""
    if not isinstance(site.tracking, TrackingCodes):
        site.tracking = TrackingCodes(site.tracking.items())


def track_complaints_by_id(site):
    """The tracking codes' map holds each complaint's id instead of the complaint
    (tracking.TrackingCodes): every code leads to the same complaint."""
    if hasattr(site.tracking, "_by_number"):
        site.tracking = tracking_by_id(site.tracking)


def list_fewer_key_sets(site):
    """The listing keeps no key set that another structure holds (listing.py): complaint ids
    by key (``ids``) instead of the complaints, the cases sent to a center for action
    (``sent``) instead of every center's ``lineage``, and no set for the ministry's owners, a
    district's own center, the district level or the public states. The counts stay."""
    listing = site.listing
    if not hasattr(listing, "complaints"):
        return
    ids = listing.ids = PackedTree()
    for done, (key, complaint) in enumerate(listing.complaints.items(), start=1):
        ids[key] = u64(complaint._p_oid)
        if done % 100_000 == 0:
            _spill(site)
    del listing.complaints
    districts = {code for code, center in site.centers.items() if center.level == "district"}
    for field, value in list(listing.sets.keys()):
        if field != "lineage":
            continue
        sent = difference(listing.sets[("lineage", value)], listing.sets.get(("owners", value)))
        if len(sent):
            listing.sets[("sent", value)] = PackedTreeSet(sent)
            listing.counts[("sent", value)] = Length(len(sent))
        del listing.sets[("lineage", value)]
        listing.counts.pop(("lineage", value), None)
    for ident in ([("owners", MINISTRY_CODE), ("level", "district")]
                  + [("center", code) for code in districts]
                  + [ident for ident in listing.sets.keys() if ident[0] == "public"]):
        listing.sets.pop(ident, None)


def count_summaries_by_center_month(site):
    """The summary counters as one ``MonthCounts`` per center and month instead of one
    ``Length`` per cell (reports/counters.py): each cell's figure is copied as it is (the same
    figures, no recount), then the old trees are dropped. Some 10^5–10^6 cells on a national
    database: one transaction, but they do not all stay in memory."""
    summaries = site.summaries
    if not hasattr(summaries, "months"):
        summaries.months = OOBTree()
    for name in NAMES:
        old = getattr(summaries, name, None)
        if old is None:
            continue
        for done, (key, length) in enumerate(old.items(), start=1):
            summaries.set(name, key, length())
            if done % 10000 == 0:
                _spill(site)
        delattr(summaries, name)


def pack_integer_buckets(site):
    """The listing's key sets and ids and the tracking codes' map in trees whose buckets are
    stored packed (packed.py): the same keys and values, copied tree by tree."""
    _copy_integer_trees(site, lambda tree: not isinstance(tree, (PackedTreeSet, PackedTree)))


def widen_integer_buckets(site):
    """The same trees copied again, into buckets of up to ``packed.LEAF_SIZE`` integers: the
    buckets of 120 a tree already has would otherwise stay until they split, and an import
    spread over years would keep writing one for almost every record."""
    _copy_integer_trees(site, lambda tree: True)


def _copy_integer_trees(site, stale):
    """Copy each of the listing's key sets, its ids and the tracking map for which ``stale``
    says so into a tree of today's class (a set, ``PackedTreeSet``; a map, ``PackedTree``)."""
    listing = site.listing
    for ident, keys in list(listing.sets.items()):
        if stale(keys):
            listing.sets[ident] = PackedTreeSet(keys)
            _spill(site)
    if stale(listing.ids):
        listing.ids = PackedTree(listing.ids)
        _spill(site)
    if stale(site.tracking._ids):
        site.tracking._ids = PackedTree(site.tracking._ids)


def _spill(site):
    """Write what a long step changed so far to a savepoint and let it leave memory."""
    transaction.savepoint(optimistic=True)
    site._p_jar.cacheGC()


#: Evolve steps in the order they run; each is recorded in the database by its name. Add new
#: steps at the end.
STEPS = [record_numbered_generation, create_center_tree, keep_finished_jobs,
         add_scan_intake_to_centers, add_search_outbox, add_letter_registers_to_centers,
         add_login_sessions, count_complaints_in_summaries, add_import_register,
         list_complaints_by_responsible_and_due, add_deadlines_and_notifications,
         seed_agency_directory, add_public_posts,
         key_tracking_codes_by_number, track_complaints_by_id, list_fewer_key_sets,
         count_summaries_by_center_month, pack_integer_buckets,
         widen_integer_buckets]


def bootstrap(connection):
    """Create the site if missing and run every step it has not finished. Returns (site, created)."""
    root = connection.root()
    created = ROOT_KEY not in root
    if created:
        site = Site()
        root[ROOT_KEY] = site
        site.add("users", Users(), send_events=False)
        transaction.commit()
    site = root[ROOT_KEY]
    if site.evolved is None:  # a database of the numbered scheme
        site.evolved = OOBTree()
    for step in STEPS:
        if step.__name__ not in site.evolved:
            log.info("evolve step %s", step.__name__)
            step(site)
            site.evolved[step.__name__] = _now()
            transaction.commit()
    return site, created


def _now():
    return datetime.datetime.now(datetime.timezone.utc)
