"""Where a document waiting to be read stands in the job queue, as its pages tell the clerk.

"รอประมวลผล 0/1" for fourteen minutes said nothing (issue 13); the place and an estimate from
the run times of the jobs finished last say how long to wait.
"""

import datetime
import math

from pyramid.traversal import resource_path_tuple

from ..i18n import _
from ..jobs import PLACE_LIMIT


def queue_note(request, document):
    """``ลำดับที่ ๓ ในคิว · อ่านเสร็จในประมาณ ๒ นาที`` for a document waiting to be read,
    else ``""`` (it is being read, done, or failed)."""
    if document.state != "queued":
        return ""
    now = datetime.datetime.now(datetime.timezone.utc)
    place = request.root.jobs.place(resource_path_tuple(document), now)
    if place is None:
        return ""
    ahead, seconds = place
    if ahead >= PLACE_LIMIT:
        parts = [_("มีงานรอก่อนหน้ามากกว่า ${count} งาน", mapping={"count": PLACE_LIMIT})]
    else:
        parts = [_("ลำดับที่ ${place} ในคิว", mapping={"place": ahead + 1})]
    if seconds is not None:
        parts.append(_("อ่านเสร็จในประมาณ ${minutes} นาที",
                       mapping={"minutes": max(1, math.ceil(seconds / 60))}))
    return " · ".join(request.display.translate(part) for part in parts)
