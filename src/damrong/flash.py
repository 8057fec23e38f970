"""Messages shown once on the next page: what was done, and what went wrong; bounded in size.

Two queues, because a reader must tell them apart at a glance (issue 13: "please give details"
in the same green box as "closure proposed"): the layout shows problems first, in their own
style, as ``role="alert"`` so a screen reader announces them; notices keep ``role="status"``.

Bounded, because the session lives in a signed cookie of at most 4 KB, where a Thai letter
takes eight bytes (JSON's \\uXXXX, then base64). A message naming a 3,000-character file name,
or one message per file of a 40-file attach, made the cookie too large *after* the transaction
had committed: the clerk saw an error page although the files were stored (issue 14.9). So a
message is cut to ``MAX_CHARS`` and at most ``MAX_MESSAGES`` wait in the session, both queues
together; a longer list ends with a line counting the rest.
"""

from .i18n import _

#: The session's flash queue of problems; notices use Pyramid's default queue.
PROBLEMS = "problem"
NOTICES = ""
MAX_CHARS = 100
MAX_MESSAGES = 3


def notice(request, message):
    """Something done: ``message`` (a ``_()`` message or text) in the reader's language."""
    report(request, notices=[message])


def problem(request, message):
    """Something refused or gone wrong, which the reader has to act on."""
    report(request, problems=[message])


def report(request, notices=(), problems=()):
    """Queue several messages at once (one per file of an attach). Problems come first; those
    beyond the room left are summed up in one last line, in the problems' queue if any problem
    is among them (so a refusal is never counted in a green box)."""
    session = request.session
    waiting = len(session.peek_flash(NOTICES)) + len(session.peek_flash(PROBLEMS))
    room = MAX_MESSAGES - waiting
    messages = [(PROBLEMS, m) for m in problems] + [(NOTICES, m) for m in notices]
    if room <= 0 or not messages:
        return
    shown = messages if len(messages) <= room else messages[:room - 1]
    for queue, message in shown:
        session.flash(_short(request.display.translate(message)), queue=queue)
    left = messages[len(shown):]
    if left:
        queue = PROBLEMS if any(q == PROBLEMS for q, _m in left) else NOTICES
        session.flash(request.display.translate(
            _("และอีก ${count} รายการ", mapping={"count": len(left)})), queue=queue)


def _short(text):
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1] + "…"
