"""Issue 14.7: security headers on every response, and pages the policy lets work (nothing
inline: no script element without src, no on…= handler, no style attribute)."""

import re

from damrong.headers import HEADERS
from helpers import fill, user_app

INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)


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
    for response in responses:
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (response.request.url, name)
        if response.content_type == "text/html":
            assert not INLINE.findall(response.text), (response.request.url,
                                                       INLINE.findall(response.text))
    assert "frame-ancestors 'none'" in HEADERS["Content-Security-Policy"]
    assert "'unsafe-inline'" not in HEADERS["Content-Security-Policy"]
