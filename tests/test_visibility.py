"""One rule for who may see a complaint, checked in the three places that apply it: the ACL
(pages and the workflow), the listing's lineage sets and the search index's center terms.

The matrix is every role × a user at each level (district, province, ministry; inside and
outside the complaint's province) × a complaint at each level. The expectation is written
here from the DOPA codes, independently of the tree walk the code uses: staff see their own
center's complaints and those of the centers below it, and the ministry sees all."""

from pyramid.traversal import find_resource

from damrong.security import ROLE_PERMISSIONS, Actor
from damrong.searching import search_complaints
from helpers import new_complaint

COMPLAINT_CENTERS = ("7001", "7002", "70", "5001", "50", "moi")
USER_CENTERS = ("7001", "70", "moi", "7002", "50")


def expected(user_center, complaint_center):
    return user_center == "moi" or complaint_center.startswith(user_center)


def test_the_acl_the_listing_and_search_agree_with_the_rule(app, site, make_user, indexed):
    with site() as s:
        paths = {code: new_complaint(s, code, f"เรื่องของศูนย์ {code}")
                 for code in COMPLAINT_CENTERS}
    users = {(role, code): make_user(role, code) for role in ROLE_PERMISSIONS
             for code in USER_CENTERS}
    indexed()  # the search index, built by the worker
    index = app.registry.indexer.index
    wrong = []
    with site() as s:
        complaints = {code: find_resource(s, path) for code, path in paths.items()}
        for (role, user_center), login_id in users.items():
            actor = Actor.of(s.users[login_id])
            center = s.centers[user_center]
            listed = s.listing.query(user_center, limit=100)
            results, found = search_complaints(s, index, center, "", can_see_personal=False,
                                               limit=100)
            searched = {item.complaint for item in found}
            want = {code for code in COMPLAINT_CENTERS if expected(user_center, code)}
            for code, complaint in complaints.items():
                seen = {"acl": actor.may("view", complaint),
                        "listing": complaint in listed.complaints,
                        "search": complaint in searched}
                wrong += [(role, user_center, code, where) for where, got in seen.items()
                          if got != (code in want)]
            # what the user is told: totals and the center facet count the same complaints
            if (results.total, listed.total, set(results.facets["center"])) != (
                    len(want), len(want), want):
                wrong.append((role, user_center, "totals", results.total, listed.total))
    assert wrong == []


def test_no_one_sees_anything_before_changing_the_initial_password(site, make_user):
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องของศูนย์ 7001")
    login_id = make_user("officer", "moi", must_change=True)
    with site() as s:
        assert not Actor.of(s.users[login_id]).may("view", find_resource(s, path))
