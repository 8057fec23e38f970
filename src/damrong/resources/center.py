"""Damrongdhama centers: the ministry, 77 provinces and 928 districts, named by DOPA code."""

from BTrees.OOBTree import OOBTree

from ..security import center_acl
from .folder import Folder
from .unfiled import UnfiledScans

MINISTRY_CODE = "moi"
LEVELS = ("ministry", "province", "district")


class ComplaintFolder(Folder):
    """A center's complaints, named ``<BE year>-<receipt number>`` (e.g. ``2569-42``)."""


class Center(Folder):
    """One center. Child centers are named by DOPA code; ``complaints`` holds its own records.

    ``receipt_counters`` maps a Buddhist-era calendar year to the counter its receipt numbers
    come from (numbers restart every 1 January), and ``letter_counters`` likewise for the numbers
    of the letters it sends. ``agency_prefix`` is the agency letters and unit number its letters
    are numbered under (``มท 0205.3``); empty means the default of config/letters.yaml, which an
    administrator replaces with the unit's real number (its letterhead page, or ``damrong
    letter-prefix``); ``signer_name`` and ``signer_position`` are who usually signs its letters
    (empty: nobody yet, and the position of config/letters.yaml). ``unfiled``
    holds scans the hot folder could not match to a complaint; ``received_scans`` maps the SHA-256
    of every file the hot folder or back-capture took in to its document, and ``ingested_batches``
    the SHA-256 of a back-captured batch to its complaint, so a file or batch that comes again is
    recognized, never duplicated. ``proposer_may_approve``: see below.
    """

    agency_prefix = ""
    signer_name = ""
    signer_position = ""
    #: Whether whoever proposed a closure may also approve it (a center too small for two
    #: people to sign); off by default (workflow.yaml's ``not_by``). Its administrators set it
    #: on ``@@approval-rule``, which keeps who changed it, when and why here.
    proposer_may_approve = False
    approval_rule_changed = None

    def __init__(self, code, level, name_th, name_en, province_code=None):
        super().__init__()
        if level not in LEVELS:
            raise ValueError(level)
        self.code = code
        self.level = level
        self.name_th = name_th
        self.name_en = name_en
        self.province_code = province_code
        self.receipt_counters = OOBTree()
        self.add("complaints", ComplaintFolder(), send_events=False)
        add_scan_intake(self)
        add_letter_register(self)

    @property
    def __acl__(self):
        return center_acl(self)

    @property
    def complaints(self):
        return self["complaints"]

    @property
    def unfiled(self):
        return self["unfiled"]

    @property
    def title(self):
        """The center's official Thai name, as it heads letters and pages."""
        if self.level == "ministry":
            return "ศูนย์ดำรงธรรมกระทรวงมหาดไทย"
        if self.level == "province":
            if self.code == "10":
                return "ศูนย์ดำรงธรรมกรุงเทพมหานคร"
            return f"ศูนย์ดำรงธรรมจังหวัด{self.name_th}"
        if self.name_th.startswith("เขต"):
            return f"ศูนย์ดำรงธรรม{self.name_th}"
        return f"ศูนย์ดำรงธรรมอำเภอ{self.name_th}"

    @property
    def title_en(self):
        """The center's name for the English UI, built from the DOPA English names."""
        if self.level == "ministry":
            return "Ministry of Interior Damrongdhama Center"
        if self.code == "10":
            return "Bangkok Damrongdhama Center"
        kind = "Province" if self.level == "province" else "District"
        return f"Damrongdhama Center, {self.name_en} {kind}"

    @property
    def lineage_codes(self):
        """Codes from the ministry down to this center: ``['moi', '70', '7001']``.

        Centers never move, so the walk up is remembered in a volatile attribute (not stored,
        gone when the center leaves the cache): a batch of registrations asks it three times
        per complaint."""
        lineage = getattr(self, "_v_lineage", None)
        if lineage is None:
            codes = []
            node = self
            while isinstance(node, Center):
                codes.append(node.code)
                node = node.__parent__
            lineage = self._v_lineage = tuple(reversed(codes))
        return list(lineage)

    def subcenters(self):
        return [child for child in self.values() if isinstance(child, Center)]


def add_scan_intake(center):
    """Give ``center`` what scan intake needs (also the evolve step for existing centers)."""
    if "unfiled" not in center:
        center.add("unfiled", UnfiledScans(), send_events=False)
    if not hasattr(center, "received_scans"):
        center.received_scans = OOBTree()
        center.ingested_batches = OOBTree()


def add_letter_register(center):
    """Give ``center`` its register of letters sent (also the evolve step for existing centers)."""
    if not hasattr(center, "letter_counters"):
        center.letter_counters = OOBTree()
