"""The hot folder: scanners drop files into ``scans/inbox``; the worker loop files them.

A top-level file is one item; a subfolder is one batch: every file in it, in name order, becomes a
document of ONE complaint (or one unfiled scan). A scanner's batch is one stack of paper, a
petition and its attachments behind one cover sheet, so it belongs to one case; splitting it into
a scan per file would leave the clerk to put the stack back together.

Like paperless-ngx's consumer, an item is only taken once it has stopped changing (size and
modification time of all its files the same for ``settle_seconds``), it is checked by content
before anything is stored, and a bad item is moved aside with its reason instead of retried
forever. The order of events makes a crash harmless:

1. the files are checked and hashed where they lie (nothing is copied yet);
2. one transaction stores them as blobs and remembers their SHA-256 at the center;
3. only after that commit is the item moved to ``done/``.

A crash between 2 and 3 leaves the item in the inbox; next time its SHA-256 is known, so it goes
to ``failed/`` with a reason naming where the first copy was filed, and nothing is stored twice.
Large files are never read into memory: hashing and blob copies stream, a PDF's pages are only
counted, and only the first page is rasterized to look for a cover sheet.
"""

import datetime
import hashlib
import logging
import os
import shutil
import stat
import time

from pyramid.threadlocal import manager as threadlocal_manager

from ..i18n import thai_text
from ..locks import ProcessLock
from ..thai.dates import format_datetime
from ..txn import commit_in_own_connection
from ..uploads import Upload, UploadError, check_file
from .coversheet import code_on_first_page
from .filing import SCANNER, Batch, ScanRefused, describe_holder, file_batch
from .names import hints_from_name

log = logging.getLogger(__name__)

#: Names scanners and copy tools give files they are still writing, and our own reason files.
_IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload", ".reason.txt")
_LOCK_NAME = ".damrong-watcher.lock"
#: A file with such a name that has not changed for this long was left behind, not being
#: written: it goes to failed/ with a reason rather than sit in the inbox unnoticed forever.
ABANDONED_AFTER = 3600


def ignored(name):
    return name.startswith((".", "~")) or name.lower().endswith(_IGNORED_SUFFIXES)


def kind_problem(path):
    """Why ``path`` is no scan to take although it is in the inbox (a symbolic link, which
    could pull in any file the worker can read; a device, pipe or socket), or ``None``."""
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return "เป็นลิงก์ (symbolic link) ระบบไม่รับลิงก์ กรุณาวางไฟล์จริงแทน"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "ไม่ใช่ไฟล์หรือโฟลเดอร์ธรรมดา ระบบไม่รับ"
    return None


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class HotFolder:
    """One inbox, the center it files for, and where finished items go."""

    def __init__(self, registry, inbox, done, failed, center_code, settle_seconds,
                 limits, clock=time.time):
        self.registry = registry
        self.inbox, self.done, self.failed = inbox, done, failed
        self.center_code = center_code
        self.settle_seconds = settle_seconds
        self.limits = limits
        self.clock = clock
        self._seen = {}     # path -> (signature, when it was first seen with that signature)
        self._stuck = set()  # items that could not be moved out (reported once, then skipped)
        for folder in (inbox, done, failed):
            os.makedirs(folder, exist_ok=True)
        self.abandoned_after = ABANDONED_AFTER
        self._lock = ProcessLock(os.path.join(inbox, _LOCK_NAME))

    @classmethod
    def from_registry(cls, registry):
        """The configured hot folder, or ``None`` when ``damrong.scans.center`` is not set."""
        settings = registry.app_settings
        if not settings.scans_center:
            return None
        return cls(registry, settings.scans_inbox, settings.scans_done, settings.scans_failed,
                   settings.scans_center, settings.scans_settle_seconds,
                   settings.upload_limits)

    # -- watching ---------------------------------------------------------------------------

    def items(self):
        """Paths of the dropped files and non-empty batch folders, in name order; also what
        ``take`` will refuse: links and special files, and hidden or temporary names left
        unchanged for ``abandoned_after`` seconds."""
        paths = []
        now = self.clock()
        for name in sorted(os.listdir(self.inbox)):
            path = os.path.join(self.inbox, name)
            try:
                if name == _LOCK_NAME or path in self._stuck or (
                        ignored(name) and now - os.lstat(path).st_mtime < self.abandoned_after):
                    continue
                if kind_problem(path) or os.path.isfile(path) or batch_files(path):
                    paths.append(path)
            except OSError:  # gone while we looked
                continue
        return paths

    def waiting(self):
        """Whether anything is in the inbox that this watcher will take once it has settled."""
        return self.claimed() and bool(self.items())

    def claimed(self):
        """Whether this watcher owns the inbox. Several worker processes (on ZEO) each run a
        watcher; only the first to lock the inbox takes files, so no file is taken twice."""
        return self._lock.claimed()

    def close(self):
        """Let another watcher take over the inbox (the lock also goes when the process ends)."""
        self._lock.release()

    def poll(self, db):
        """Take every item that has settled; returns how many were taken."""
        if not self.claimed():
            return 0
        now = self.clock()
        present = self.items()
        self._seen = {path: seen for path, seen in self._seen.items() if path in present}
        taken = 0
        for path in present:
            try:
                settled = self._settled(path, now)
            except OSError:  # taken away while we looked (the scanner's own temp file moved)
                continue
            if settled:
                self.take(db, path)
                self._seen.pop(path, None)
                taken += 1
        return taken

    def _settled(self, path, now):
        signature = self._signature(path)
        seen = self._seen.get(path)
        if seen is None or seen[0] != signature:
            self._seen[path] = (signature, now)
            return self.settle_seconds <= 0
        return now - seen[1] >= self.settle_seconds

    def _signature(self, path):
        files = batch_files(path) if os.path.isdir(path) and not os.path.islink(path) else [path]
        return tuple((file, os.lstat(file).st_size, os.lstat(file).st_mtime_ns) for file in files)

    # -- taking -----------------------------------------------------------------------------

    def take(self, db, path):
        """Check, file and move one item; whatever happens, it leaves the inbox."""
        name = os.path.basename(path)
        try:
            batch = self.check(path)
            where = self.file(db, batch)
        except ScanRefused as refusal:
            log.info("hot folder: %s refused: %s", name, refusal)
            self._move(path, self.failed, reason=str(refusal))
            return
        except Exception as error:  # a bug or a broken file must not stop the inbox
            log.exception("hot folder: %s failed", name)
            self._move(path, self.failed, reason=f"เกิดข้อผิดพลาดในระบบขณะรับไฟล์ ({error!r}) "
                                                 "กรุณาแจ้งผู้ดูแลระบบ แล้ววางไฟล์ใหม่อีกครั้ง")
            return
        log.info("hot folder: %s filed in %s", name, where)
        self._move(path, self.done)

    def check(self, path):
        """The ``Batch`` of a dropped item, or ``ScanRefused`` listing every bad file in it."""
        name = os.path.basename(path)
        problem = kind_problem(path)
        if problem:
            raise ScanRefused(problem)
        if ignored(name):
            raise ScanRefused("ชื่อขึ้นต้นด้วยจุดหรือเป็นชื่อไฟล์ชั่วคราว และไม่มีการเขียนต่อเป็นเวลานาน "
                              "หากเป็นเอกสารสแกน กรุณาเปลี่ยนชื่อแล้ววางใหม่")
        is_batch = os.path.isdir(path)
        files = batch_files(path) if is_batch else [path]
        uploads = checked_uploads(files, self.inbox, self.limits)
        first = uploads[0]
        cover_code = self._cover_code(first)
        return Batch(
            name=name,
            uploads=uploads,
            hints=hints_from_name(name if is_batch else os.path.splitext(name)[0]),
            cover_code=cover_code,
            cover_only_first=bool(cover_code) and first.page_count == 1,
        )

    def _cover_code(self, upload):
        try:
            return code_on_first_page(upload.path, upload.mimetype)
        except Exception:  # an unreadable first page is simply not a cover sheet
            log.warning("hot folder: could not look for a cover sheet in %s", upload.path,
                        exc_info=True)
            return None

    def file(self, db, batch):
        """Store ``batch`` in one committed transaction; returns where it went, in Thai."""
        def work(site):
            return describe_holder(file_batch(site, site.centers[self.center_code], batch))
        threadlocal_manager.push({"registry": self.registry, "request": None})
        try:
            return commit_in_own_connection(db, work, user=SCANNER)
        finally:
            threadlocal_manager.pop()

    def _move(self, path, folder, reason=None):
        target = _free_path(folder, os.path.basename(path))
        try:
            if reason:
                with open(target + ".reason.txt", "w", encoding="utf-8") as note:
                    note.write(f"ไฟล์: {os.path.basename(path)}\n"
                               f"เวลา: {format_datetime(datetime.datetime.now(datetime.timezone.utc))}\n"
                               f"เหตุผล: {reason}\n")
            shutil.move(path, target)
        except OSError:
            log.exception("hot folder: cannot move %s to %s", path, folder)
            self._stuck.add(path)


def batch_files(folder):
    """The files of a batch folder (subfolders included), in name order: the scanning order.
    Links to folders are listed as entries, never followed (``checked_uploads`` refuses them)."""
    found = []
    for root, dirs, names in os.walk(folder):
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = sorted(d for d in dirs if not ignored(d) and d not in links)
        found.extend(os.path.join(root, name) for name in sorted(names + links)
                     if not ignored(name))
    return found


def checked_uploads(files, base, limits):
    """``Upload`` records for files checked and hashed where they lie (named relative to
    ``base`` in messages); ``ScanRefused`` lists every bad file, or two files alike."""
    uploads, problems = [], []
    for file in files:
        problem = kind_problem(file)
        if problem:
            problems.append(f"{os.path.relpath(file, base)}: {problem}")
            continue
        try:
            mimetype, pages = check_file(file, os.path.relpath(file, base), limits)
        except UploadError as error:
            problems.append(thai_text(error.message))
            continue
        uploads.append(Upload("", os.path.basename(file), mimetype, os.path.getsize(file),
                              file_sha256(file), pages, file))
    if problems:
        raise ScanRefused(" ".join(problems))
    if not uploads:
        raise ScanRefused("ไม่มีไฟล์เอกสาร")
    twins = _same_content(uploads)
    if twins:
        raise ScanRefused(f"มีไฟล์เนื้อหาซ้ำกันในชุดเดียวกัน: {twins} กรุณาลบไฟล์ที่ซ้ำแล้วส่งใหม่")
    return uploads


def _same_content(uploads):
    seen, twins = {}, []
    for upload in uploads:
        if upload.sha256 in seen:
            twins.append(f"{seen[upload.sha256]} กับ {upload.filename}")
        seen.setdefault(upload.sha256, upload.filename)
    return ", ".join(twins)


def _free_path(folder, name):
    """``folder/name``, or ``name-2``, ``name-3``… before the extension when that is taken."""
    stem, extension = os.path.splitext(name)
    candidate, number = os.path.join(folder, name), 1
    while os.path.exists(candidate) or os.path.exists(candidate + ".reason.txt"):
        number += 1
        candidate = os.path.join(folder, f"{stem}-{number}{extension}")
    return candidate
