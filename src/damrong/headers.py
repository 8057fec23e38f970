"""Security headers on every response (issue 14.7).

The pages load their one script and one stylesheet from /static and write no inline script,
style attribute or event handler (``onclick=``): so the Content-Security-Policy allows nothing
inline, and a stored payload that ever slipped past escaping would still not run. Pages may
not be framed (clickjacking), content types are not sniffed, and no URL (which may hold a
search for a person's name) leaves in a Referer.
"""

from pyramid.events import NewResponse

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def add_security_headers(event):
    for name, value in HEADERS.items():
        event.response.headers.setdefault(name, value)


def includeme(config):
    config.add_subscriber(add_security_headers, NewResponse)
