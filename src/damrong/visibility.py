"""Who may see a complaint: one rule for the ACLs, the listing and the search index.

Staff see the complaints of their own center and of every center below it, so the ministry sees
them all. Seen from the complaint's side: it is visible from its center and from each center
above it. That list, ``seen_from(center)``, is

* whose role principals a center's ACL grants (``security.center_acl``), so the permission
  checks of every page and of the workflow follow it;
* the ``lineage`` values a complaint is listed under (listing.py); a center's listing asks for
  its own code;
* the ``centers`` terms of a complaint's search entry (indexing.py); a search is restricted to
  the searcher's center code (searching.py), inside the engine, so totals and facets obey it too.

A complaint sent to another center for action (casework.py) is also seen by that center's own
staff: ``complaint_seen_from`` adds its code, and ``security.receiver_acl`` grants it there.

tests/test_visibility.py checks all three against one matrix of roles, levels and centers.
"""


def seen_from(center):
    """Codes of the centers whose staff see what belongs to ``center``: the ministry's, then
    each center down to ``center`` itself (``['moi', '70', '7001']``)."""
    return center.lineage_codes


def sees(viewer_code, center):
    """Whether staff of the center coded ``viewer_code`` see what belongs to ``center``."""
    return viewer_code in seen_from(center)


def complaint_seen_from(complaint):
    """Codes of the centers whose staff see ``complaint``: those of its center, and the center it
    was sent to for action, if any."""
    codes = seen_from(complaint.center)
    working = complaint.working_center
    return codes + [working] if working and working not in codes else codes
