"""The daily deadline job: cases that became overdue since the last run get a note to their
responsible officer and, when they wait for an agency or another center, a follow-up letter
draft kept on the case for the officer to review and issue (letters/drafts.py).

It reads the listing index's due-date sets for the days since the last run only
(``ComplaintListing.due_between``), so a run touches the cases whose deadline passed since
yesterday, not the million others; the last day done is kept in ``site.deadline_watch``, so a
day the worker was down is caught up on the next run and no case is noted twice.
"""

import datetime

import transaction
from persistent import Persistent
from pyramid.traversal import resource_path
from ZODB.POSException import ConflictError

from .assignment import RESPONSIBLE_ROLES
from .letters.drafts import prepare_follow_up
from .notifications import send_mail
from .resources.site import get_site
from .thai.dates import BANGKOK, format_date


class DeadlineWatch(Persistent):
    """The last due date whose overdue cases were noted (``None``: never run)."""

    def __init__(self):
        self.checked_through = None


def today_in_bangkok():
    return datetime.datetime.now(BANGKOK).date()


def needs_run(site, today):
    """Whether today's run is still to do (one read: the worker asks this every loop)."""
    checked = site.deadline_watch.checked_through
    return checked is None or checked < today - datetime.timedelta(days=1)


def run_daily(db, settings, kinds, today=None):
    """The worker's daily run, in a transaction of its own; the e-mails go after the commit,
    so a run retried after a conflict (another worker ran it) mails nobody twice. Returns how
    many cases were noted, or ``None`` if there was nothing to do today. ``kinds``: the letter
    kinds (config/letters.yaml) the follow-up drafts are written from."""
    today = today or today_in_bangkok()
    tm = transaction.TransactionManager()
    connection = db.open(transaction_manager=tm)
    try:
        site = get_site(connection)
        if not needs_run(site, today):
            tm.abort()
            return None
        noted, mails = note_overdue(site, today, kinds)
        tm.commit()
    except ConflictError:
        tm.abort()
        return None
    finally:
        connection.close()
    for address, text in mails:
        send_mail(settings, address, "เรื่องเกินกำหนดรายงานผล", text)
    return noted


def note_overdue(site, today, kinds):
    """Note every case whose due date fell in the days since the last run and before ``today``,
    and keep its follow-up letter draft; returns how many cases were noted and the
    ``(address, text)`` of the e-mails to send."""
    watch = site.deadline_watch
    first = watch.checked_through + datetime.timedelta(days=1) if watch.checked_through else None
    listing = site.listing
    noted, mails = 0, []
    for key in listing.due_between(first, today):
        complaint = listing.complaint(key)
        drafted = prepare_follow_up(site, kinds, complaint) is not None
        text = (f"เรื่อง {complaint.subject} เกินกำหนดรายงานผล "
                f"({format_date(complaint.due_date)}) กรุณาติดตามเรื่อง"
                + (" ระบบเตรียมร่างหนังสือติดตามไว้ให้ตรวจและออกเลขแล้ว" if drafted else ""))
        path = resource_path(complaint)
        for user in _recipients(site, complaint):
            site.notifications.inbox(user.national_id).add(text, path)
            if user.email:
                mails.append((user.email, text))
        noted += 1
    watch.checked_through = today - datetime.timedelta(days=1)
    return noted, mails


def _recipients(site, complaint):
    """The responsible officer; with none yet, the officers and supervisors of its center."""
    users = site.users
    if complaint.responsible and complaint.responsible in users:
        return [users[complaint.responsible]]
    return [u for u in users.of_centers([complaint.center.code])
            if u.active and u.role in RESPONSIBLE_ROLES]
