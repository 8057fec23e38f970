"""Messages shown once on the next page: what was done, and what went wrong.

They are two queues because a reader must tell them apart at a glance (issue 13: "please give
details" in the same green box as "closure proposed"): the layout shows problems first, in their
own style, as ``role="alert"`` so a screen reader announces them.
"""

#: The session's flash queue of problems; notices use Pyramid's default queue.
PROBLEMS = "problem"


def notice(request, message):
    """Something done: ``message`` (a ``_()`` message or text) in the reader's language."""
    request.session.flash(request.display.translate(message))


def problem(request, message):
    """Something refused or gone wrong, which the reader has to act on."""
    request.session.flash(request.display.translate(message), queue=PROBLEMS)
