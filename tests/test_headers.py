"""Issue 14.7: security headers on every response, and pages the policy lets work (nothing
inline: no script element without src, no on…= handler, no style attribute)."""

import io
import re

import webtest
from PIL import Image

from damrong.headers import HEADERS
from helpers import GOOD_ID, fill, user_app

INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)


def _assert_policy(responses):
    """Every response has the headers, and no HTML page has anything inline."""
    for response in responses:
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (response.request.url, name)
        if response.content_type == "text/html":
            assert not INLINE.findall(response.text), (response.request.url,
                                                       INLINE.findall(response.text))


def test_every_response_has_the_headers_and_no_page_has_inline_script(app, make_user, testapp):
    responses = [testapp.get("/@@login"), testapp.get("/moi/70/7001/", status=303),
                 testapp.get("/no/such/page", status="*")]
    clerk = user_app(app, make_user, "clerk", "7001")
    registered = fill(clerk.get("/moi/70/7001/@@register").forms["intake"]).submit("register")
    complaint = registered.location.split("?")[0]
    responses += [registered, clerk.get(registered.location), clerk.get(complaint + "@@edit"),
                  clerk.get("/moi/70/7001/"), clerk.get("/moi/70/7001/@@search", {"q": "ถนน"}),
                  clerk.get("/moi/70/7001/@@register"), clerk.get("/@@password"),
                  clerk.get("/moi/70/7001/@@search.json", {"q": "ถนน"}),
                  clerk.get("/static/app.js")]
    admin = user_app(app, make_user, "admin", "70")
    responses.append(admin.get("/moi/70/@@users"))
    _assert_policy(responses)
    assert "frame-ancestors 'none'" in HEADERS["Content-Security-Policy"]
    assert "'unsafe-inline'" not in HEADERS["Content-Security-Policy"]


def _png(shade):
    buffer = io.BytesIO()
    Image.new("L", (40, 40), shade).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_pages_of_issue_13_keep_the_policy_no_store_and_no_personal_data(app, make_user):
    """After merging issue 13 into issue 14's policy: the phone menu, the queue place, the
    letter's agency field and the letterhead page write nothing inline; pages are both
    no-store (13) and under the headers (14), static files keep their caching; the letterhead
    page and a document's status.json carry no complainant data."""
    clerk = user_app(app, make_user, "clerk", "7001")
    registered = fill(clerk.get("/moi/70/7001/@@register").forms["intake"]).submit("register")
    complaint = registered.location.split("?")[0]
    page = clerk.get(complaint)
    form = next(f for f in page.forms.values() if f.action.endswith("@@attach"))
    form["file"] = [webtest.Upload(f"หน้า-{n}.png", _png(n * 40), "image/png") for n in range(2)]
    page = form.submit(status=303).follow()  # one document of two pages, waiting to be read
    assert page.html.select_one("input#menu-toggle[type=checkbox]") is not None
    assert page.html.select_one("label.menu-button[for=menu-toggle]") is not None
    status = clerk.get(page.html.select_one("li[data-status]")["data-status"])
    admin = user_app(app, make_user, "admin", "7001")
    letterhead = admin.get("/moi/70/7001/@@letterhead")
    responses = [page, status, letterhead, clerk.get(complaint + "@@issue-letter"),
                 clerk.get(complaint + "@@issue-letter", {"kind": "forward"}),
                 clerk.get("/moi/70/7001/@@to-complete"), clerk.get("/moi/70/7001/unfiled/"),
                 clerk.get("/moi/70/7001/", {"from": "01/10/2568", "to": "31/12/2568"})]
    for response in responses:
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (response.request.url, name)
        if response.content_type == "text/html":
            assert response.cache_control.no_store, response.request.url
            assert not INLINE.findall(response.text), (response.request.url,
                                                       INLINE.findall(response.text))
    static = clerk.get("/static/app.css")
    assert static.headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]
    assert not static.cache_control.no_store and static.cache_control.max_age
    assert set(status.json) == {"state", "label", "error", "pages_read", "page_count", "queue"}
    for response in (status, letterhead):
        for personal in ("มาลีวรรณ", "ทองประเสริฐสุข", "081-234-5678", GOOD_ID):
            assert personal not in response.text, (response.request.url, personal)


def test_the_citizens_site_keeps_the_policy_and_has_no_inline_script(app, make_user, testapp, site):
    """Issue 17: every public page and the staff pages behind them."""
    from damrong.demo.outreach import load_outreach

    with site() as s:
        load_outreach(s, "3100100123458", "3100100123466")
        news = next(iter(s.news))
    responses = [testapp.get(path, status="*") for path in (
        "/", "/track", "/track/ACDE-FGHJ", "/track.json?code=x", "/file", "/news",
        f"/news/{news}", f"/news/{news}/thumb/0", "/faq", "/faq?q=%E0%B9%80%E0%B8%AD%E0%B8%81%E0%B8%AA%E0%B8%B2%E0%B8%A3", "/ask",
        "/summary", "/summary/70", "/summary/99", "/static/public.css")]
    officer = user_app(app, make_user, "officer", "7001")
    responses += [officer.get("/moi/70/7001/@@outreach"), officer.get("/moi/70/7001/@@news-post")]
    _assert_policy(responses)
    assert all(r.cache_control.no_store for r in responses if r.content_type == "text/html")
