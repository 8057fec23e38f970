"""Notes to a member of staff (a case became overdue), shown in the app and, when an SMTP
server is configured, sent by e-mail too.

Each user's notes are a BTree of their own under ``site.notifications``, so notes for
different people never make two transactions conflict; the unread count beside them is a
conflict-resolving ``Length``, read by every page's header without loading the notes.
"""

import datetime
import logging
import smtplib
from email.message import EmailMessage

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent

log = logging.getLogger(__name__)


class Inbox(Persistent):
    """One person's notes, newest last, and how many are unread."""

    def __init__(self):
        self.notes = LOBTree()
        self.unread = Length(0)

    def add(self, text, path):
        number = (self.notes.maxKey() + 1) if self.notes else 1
        self.notes[number] = {"when": datetime.datetime.now(datetime.timezone.utc),
                              "text": text, "path": path}
        self.unread.change(1)

    def newest(self, limit=50):
        keys = list(self.notes.keys())[-limit:]
        return [self.notes[key] for key in reversed(keys)]

    def mark_read(self):
        if self.unread():
            self.unread.change(-self.unread())


class Notifications(Persistent):
    """Every user's ``Inbox``, by login, made with their first note."""

    def __init__(self):
        self.inboxes = OOBTree()

    def inbox(self, login):
        inbox = self.inboxes.get(login)
        if inbox is None:
            inbox = self.inboxes[login] = Inbox()
        return inbox

    def unread(self, login):
        inbox = self.inboxes.get(login)
        return inbox.unread() if inbox is not None else 0


def send_mail(settings, to, subject, text):
    """E-mail a note when ``damrong.smtp_host`` is set (off by default); a mail server that is
    down never fails the job that noticed the deadline (the note is in the app anyway)."""
    if not settings.smtp_host or not to:
        return False
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.smtp_from, to, subject
    message.set_content(text)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            smtp.send_message(message)
    except OSError:
        log.exception("could not send a notification to %s", to)
        return False
    return True
