"""The root of the database: the center tree, staff accounts and the site-wide indexes."""

from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow, Authenticated, Everyone

from ..jobs import JobQueue
from ..listing import ComplaintListing
from ..tracking import TrackingCodes
from .folder import Folder

ROOT_KEY = "damrong"


class Site(Folder):
    """Children: ``moi`` (the ministry center, with provinces and districts below) and ``users``.

    Site-wide indexes live as attributes, not children, so traversal never exposes them:
    ``centers`` (DOPA code → center), ``tracking`` (tracking code → complaint), ``submissions``
    (form submission id → the complaint or letter it made, which makes a double-clicked submit
    register a complaint or issue a letter once),
    ``listing`` (the complaint listing index), ``jobs`` (the background work outbox),
    and, made by their evolve steps, ``index_outbox``, ``summaries`` (the summary counters,
    reports/counters.py), ``frozen`` (the month-end figures, reports/freeze.py), and ``news``
    and ``questions`` (what the citizens' site shows once published, resources/posts.py).
    """

    #: ``read-published``: the citizens' site (the published summaries, following a case by its
    #: code, filing online, the news and the answered questions) is for everyone.
    __acl__ = [(Allow, Authenticated, "authenticated"), (Allow, Everyone, "read-published")]
    #: Names of the evolve steps finished (evolve.py), with when; ``None`` in a database made
    #: before steps had names, until ``damrong init`` upgrades it.
    evolved = None

    def __init__(self):
        super().__init__()
        self.evolved = OOBTree()
        self.centers = OOBTree()
        self.tracking = TrackingCodes()
        self.submissions = OOBTree()
        self.listing = ComplaintListing()
        self.jobs = JobQueue()

    @property
    def users(self):
        return self["users"]


def get_site(connection):
    """The site object of an open ZODB connection, or ``None`` before ``damrong init``."""
    return connection.root().get(ROOT_KEY)
