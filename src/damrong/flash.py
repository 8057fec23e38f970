"""Flash messages, bounded so they always fit the cookie session.

The session lives in a signed cookie of at most 4 KB, where a Thai letter takes eight bytes
(JSON's \\uXXXX, then base64). A message naming a 3,000-character file name, or one message
per file of a 40-file attach, made the cookie too large *after* the transaction had committed:
the clerk saw an error page although the files were stored. So a message is cut to
``MAX_CHARS`` and at most ``MAX_MESSAGES`` wait in the session; a longer list ends with a count.
"""

from .i18n import _

MAX_CHARS = 100
MAX_MESSAGES = 3


def _short(text):
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1] + "…"


def flash(request, message):
    """Queue one message (a ``_()`` string or text) for the next page, translated and cut."""
    flash_all(request, [message])


def flash_all(request, messages):
    """Queue several messages; those beyond the room left are summed up in one last line."""
    room = MAX_MESSAGES - len(request.session.peek_flash())
    if room <= 0 or not messages:
        return
    shown = messages if len(messages) <= room else messages[:room - 1]
    for message in shown:
        request.session.flash(_short(request.display.translate(message)))
    if len(shown) < len(messages):
        request.session.flash(request.display.translate(
            _("และอีก ${count} รายการ", mapping={"count": len(messages) - len(shown)})))
