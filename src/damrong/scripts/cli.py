"""``damrong -c INI COMMAND``: set-up and maintenance from the shell.

Commands open the same application (settings, registry, subscribers) as the web process, but
never start the worker thread: ``worker`` runs the queue in the foreground instead.
"""

import argparse
import contextlib
import itertools
import json
import os
import random
import sys
import time

import transaction
from pyramid.paster import get_appsettings, setup_logging
from pyramid.threadlocal import manager as threadlocal_manager

from .. import main as make_app, personal
from ..accounts import AccountError, add_user
from ..evolve import bootstrap
from ..importing import BATCH, count_lines, import_file
from ..indexing import current_stamps, reindex, reindex_start
from ..letters.letterhead import update_letterhead
from ..numbering import format_letter_number
from ..resources.site import get_site
from ..scans.hotfolder import HotFolder
from ..search.drift import drift
from ..searching import search_complaints
from ..security import Actor
from ..worker import WorkerThread, until_idle


@contextlib.contextmanager
def open_site(config_uri, replace_outdated_index=False):
    """Yield ``(site, registry, db)`` with the registry current; aborts on the way out.

    ``replace_outdated_index``: a search index built by another analyzer is moved aside and a
    new one started instead of refusing to open (``reindex`` is how such an index is rebuilt).
    """
    settings = dict(get_appsettings(config_uri))
    settings["damrong.worker"] = "none"
    if replace_outdated_index:
        settings["damrong.search.replace_outdated"] = "true"
    settings["damrong.warm_templates"] = "false"  # a command renders no pages
    app = make_app({}, **settings)
    registry = app.registry
    db = registry._zodb_databases[""]
    threadlocal_manager.push({"registry": registry, "request": None})
    connection = db.open()
    try:
        yield get_site(connection), registry, db
    finally:
        transaction.abort()
        connection.close()
        threadlocal_manager.pop()
        registry.indexer.close()
        db.close()


def cmd_init(args):
    with open_site(args.config) as (site, registry, db):
        connection = site._p_jar
        site, created = bootstrap(connection)
        print(f"ฐานข้อมูลพร้อมใช้งาน: {len(site.centers)} ศูนย์, evolve steps done {len(site.evolved)}")
        if args.demo_if_new and len(site.users) == 0:
            if registry.app_settings.development:
                _load_demo(site, registry)
            else:
                print(NOT_IN_PRODUCTION)


#: Demo data brings five active accounts with printed passwords: never by default outside
#: development (``make run`` says ``init --demo-if-new`` whatever the .ini).
NOT_IN_PRODUCTION = ("ไม่ได้ใส่ข้อมูลตัวอย่าง: ไฟล์ตั้งค่านี้ไม่ใช่โหมดพัฒนา (damrong.development = false) "
                     "หากต้องการจริง ใช้คำสั่ง demo --production")


def cmd_demo(args):
    with open_site(args.config) as (site, registry, db):
        if not (registry.app_settings.development or args.production):
            print(NOT_IN_PRODUCTION)
            return 1
        _load_demo(site, registry)


def _load_demo(site, registry):
    from ..demo.loader import load_demo
    from ..thai.digits import format_number
    from ..tracking import format_code

    credentials = load_demo(site, registry, progress=lambda text: print(text, flush=True))
    # The scans are read by the worker once the app runs, so the first start is not held up by
    # OCR and the complaint pages show the reading progress.
    print(f"เอกสารสแกน {format_number(len(site.jobs.pending))} ฉบับรออ่านด้วย OCR โดยงานเบื้องหลัง")
    if registry.app_settings.development:
        print("\nผู้ใช้ตัวอย่าง (แสดงเฉพาะโหมดพัฒนา / development mode only):")
        for role, login, password, center in credentials:
            print(f"  {role:<11} {login}  รหัสผ่าน {password}  ({center})")
        print("\nรหัสติดตามเรื่องตัวอย่าง (เว็บไซต์ประชาชน /track/<รหัส>):")
        for code in itertools.islice(site.tracking.keys(), 3):
            print(f"  {format_code(code)}  {site.tracking[code].subject}")
        print()


def cmd_adduser(args):
    with open_site(args.config) as (site, registry, db):
        try:
            user, password = add_user(site, args.national_id, args.name, args.role, args.center,
                                      password=args.password, position=args.position)
        except AccountError as error:
            print(f"ผิดพลาด: {error}", file=sys.stderr)
            return 2
        transaction.commit()
        print(f"เพิ่มผู้ใช้ {user.full_name} ({user.role}) ที่ศูนย์ {user.center_code} แล้ว")
        if not args.password:
            print(f"รหัสผ่านชั่วคราว: {password} (ต้องเปลี่ยนเมื่อเข้าระบบครั้งแรก)")


def cmd_worker(args):
    with open_site(args.config) as (site, registry, db):
        if args.until_idle:
            taken, ran = until_idle(db, HotFolder.from_registry(registry), registry.indexer)
            print(f"รับไฟล์สแกน {taken} รายการ ทำงานเสร็จ {ran} งาน")
            return 0
        worker = WorkerThread(db, registry)
        worker.start()
        try:
            worker.join()
        except KeyboardInterrupt:
            worker.stop()
            worker.join()


def cmd_ingest(args):
    from ..scans.ingest import describe_progress, ingest

    with open_site(args.config) as (site, registry, db):
        if args.center not in site.centers:
            print(f"ผิดพลาด: ไม่พบศูนย์รหัส {args.center}", file=sys.stderr)
            return 2
        if not os.path.isdir(args.directory):
            print(f"ผิดพลาด: ไม่พบโฟลเดอร์ {args.directory}", file=sys.stderr)
            return 2
        report = ingest(db, registry, args.center, args.directory,
                        progress=lambda report, elapsed: print(
                            describe_progress(report, elapsed), flush=True))
        for name, reason in report.failed:
            print(f"ไม่สำเร็จ: {name}: {reason}", file=sys.stderr)
        print(f"เสร็จแล้ว: เรื่องใหม่ {report.created} เรื่อง, นำเข้าไว้แล้ว {report.skipped} ชุด, "
              f"ไม่สำเร็จ {len(report.failed)} ชุด (เอกสารจะถูกอ่านด้วย OCR โดย worker)")
        return 1 if report.failed else 0


def cmd_bulk_load(args):
    from ..bulk import load_synthetic

    codes = [code.strip() for code in args.centers.split(",") if code.strip()]
    with open_site(args.config) as (site, registry, db):
        unknown = [code for code in codes if code not in site.centers]
        if unknown or not codes:
            print(f"ผิดพลาด: ไม่พบศูนย์ {', '.join(unknown) or '(ไม่ได้ระบุ)'}", file=sys.stderr)
            return 2
        began = time.perf_counter()

        def progress(done, count):
            rate = done / max(time.perf_counter() - began, 1e-9)
            print(f"ข้อมูลสังเคราะห์ {done:,}/{count:,} เรื่อง ({rate:,.0f} เรื่อง/วินาที)",
                  flush=True)

        rate = load_synthetic(site, codes, args.count, random.Random(), progress=progress,
                              pages=args.pages)
        print(f"บันทึกข้อมูลสังเคราะห์ครบ {args.count:,} เรื่อง ใน {len(codes)} ศูนย์: "
              f"{rate:,.0f} เรื่อง/วินาที")


def cmd_ocr(args):
    """Print each file's recognized text, pages separated by a form feed."""
    from ..ocr import ocr_file

    first = True
    for path in args.files:
        for page in ocr_file(path):
            sys.stdout.write(("" if first else "\f") + page.text + "\n")
            sys.stdout.flush()
            first = False


def cmd_reindex(args):
    """Rebuild the search index from the database (``indexing.reindex``), resuming where an
    interrupted run stopped unless ``--restart``."""
    with open_site(args.config, replace_outdated_index=True) as (site, registry, db):
        if not registry.indexer.lock.claimed():
            print("ผิดพลาด: มีโปรเซสอื่นกำลังเขียนดัชนีอยู่ (หยุด worker ก่อน)", file=sys.stderr)
            return 2
        index = registry.indexer.index
        start = reindex_start(index)
        if start and not args.restart:
            print(f"ทำต่อจากเรื่อง {start[1]} ของศูนย์ {start[0]}")
        progress = Progress("ทำดัชนีค้นหา")
        phantoms = reindex(site, index, batch=args.batch, processes=args.processes,
                           restart=args.restart, progress=progress.show)
        progress.finish()
        print(f"ทำดัชนีครบ {progress.done:,} เรื่อง ลบรายการที่ไม่มีในฐานข้อมูลแล้ว {phantoms:,} รายการ")


class Progress:
    """A one-line progress report: done/total, rate and time left, rewritten in place."""

    def __init__(self, label):
        self.label, self.done, self.total = label, 0, 0
        self.began = time.perf_counter()

    def show(self, done, total):
        self.done, self.total = done, total
        elapsed = max(time.perf_counter() - self.began, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        print(f"\r{self.label} {self.done:,}/{self.total:,} ({rate:,.0f} เรื่อง/วินาที, "
              f"เหลืออีกประมาณ {left / 60:,.1f} นาที)", end="", flush=True)

    def finish(self):
        print()


def cmd_check_index(args):
    with open_site(args.config) as (site, registry, db):
        found = drift(registry.indexer.index.ids_and_stamps(), current_stamps(site))
        for label, paths in (("ขาดจากดัชนี (missing)", found.missing),
                             ("ดัชนีไม่เป็นปัจจุบัน (stale)", found.stale),
                             ("อยู่ในดัชนีแต่ไม่มีในฐานข้อมูล (phantom)", found.phantom)):
            print(f"{label}: {len(paths):,}")
            for path in paths[:args.show]:
                print(f"  {path}")
        pending = len(site.index_outbox.pending)
        print(f"รอทำดัชนี (outbox): {pending:,}")
        if found.clean:
            print("ดัชนีตรงกับฐานข้อมูล")
            return 0
        print("แก้ไขได้ด้วย: damrong -c INI reindex")
        return 1


def cmd_search(args):
    with open_site(args.config) as (site, registry, db):
        user = site.users.get(args.user)
        if user is None or not user.active:
            print("ผิดพลาด: ไม่พบผู้ใช้นี้", file=sys.stderr)
            return 2
        center = site.centers[user.center_code]
        actor = Actor.of(user)
        if not actor.may("view", center):
            print("ผิดพลาด: ผู้ใช้นี้ยังไม่มีสิทธิ์ค้นหา (ต้องเปลี่ยนรหัสผ่านครั้งแรกก่อน)", file=sys.stderr)
            return 2
        results, found = search_complaints(
            site, registry.indexer.index, center, args.query,
            can_see_personal=actor.may(personal.RIGHT, center), limit=args.limit)
        rows = [{"tracking_code": item.complaint.tracking_code,
                 "receipt": f"{item.complaint.receipt_number}/{item.complaint.receipt_year}",
                 "subject": item.complaint.subject,
                 "score": round(item.score, 3),
                 "snippet": item.snippet,
                 "page": ({"document": item.document.__name__, "number": item.page_number}
                          if item.document is not None else None)} for item in found]
        if args.json:
            print(json.dumps({"total": results.total, "hits": rows}, ensure_ascii=False, indent=1))
        else:
            print(f"พบ {results.total:,} เรื่อง")
            for row in rows:
                print(f"{row['tracking_code']}  {row['receipt']}  {row['score']:.2f}  {row['subject']}")


def cmd_letter_prefix(args):
    """Show a center's agency prefix for letter numbers, or set it (``""`` restores the default
    of config/letters.yaml)."""
    with open_site(args.config) as (site, registry, db):
        center = site.centers.get(args.center)
        if center is None:
            print(f"ผิดพลาด: ไม่พบศูนย์รหัส {args.center}", file=sys.stderr)
            return 2
        if args.prefix is not None:
            update_letterhead(center, prefix=args.prefix)
            transaction.commit()
        prefix = registry.letter_kinds.letterhead(center).prefix
        source = "ของศูนย์" if center.agency_prefix else "ค่าเริ่มต้นจาก config/letters.yaml"
        print(f"{center.title}: เลขที่หนังสือ {format_letter_number(prefix, 1)} ({source})")


def cmd_verify_counters(args):
    """Recount the summary cells from the records; print every cell that differs."""
    from ..reports.verify import verify

    with open_site(args.config) as (site, registry, db):
        if args.center and args.center not in site.centers:
            print(f"ผิดพลาด: ไม่พบศูนย์รหัส {args.center}", file=sys.stderr)
            return 2
        began = time.perf_counter()
        drifts = verify(site, registry.workflow, args.center, repair=args.repair)
        for drift in drifts[:args.show]:
            print(f"ไม่ตรง {drift.tree} {drift.key}: นับไว้ {drift.maintained} นับใหม่ {drift.recounted}")
        elapsed = time.perf_counter() - began
        if drifts and args.repair:
            transaction.commit()
            print(f"แก้ไขแล้ว {len(drifts)} ช่อง ({elapsed:.1f} วินาที)")
            return 0
        print(f"ตรวจแล้ว ไม่ตรง {len(drifts)} ช่อง ({elapsed:.1f} วินาที)")
        return 1 if drifts else 0


def cmd_freeze(args):
    """Freeze a month's figures now (the worker does it on the 1st by itself)."""
    from ..reports.freeze import freeze_month, previous_month
    from ..thai.dates import now_bangkok

    with open_site(args.config) as (site, registry, db):
        if args.month:
            be_year, number = (int(part) for part in args.month.split("-"))
            month = (be_year - 543) * 100 + number
        else:
            month = previous_month(now_bangkok().date())
        frozen = freeze_month(site, month)
        transaction.commit()
        print(f"ข้อมูล ณ สิ้นเดือน {month}: {len(frozen.centers)} ศูนย์มีเรื่อง")


def cmd_import(args):
    """Complaints from another system (JSON Lines or CSV, see the README)."""
    with open_site(args.config) as (site, registry, db):
        if not os.path.isfile(args.file):
            print(f"ผิดพลาด: ไม่พบไฟล์ {args.file}", file=sys.stderr)
            return 2
        began = time.perf_counter()
        lines = count_lines(args.file)
        progress = Progress("นำเข้าถึงบรรทัดที่")
        report = import_file(site, args.file, registry.taxonomy, registry.workflow,
                             transaction.commit, batch=args.batch or BATCH,
                             progress=lambda line: progress.show(min(line, lines), lines))
        progress.finish()
        elapsed = time.perf_counter() - began
        for number, reason in report.problems:
            print(f"บรรทัดที่ {number}: {reason}", file=sys.stderr)
        print(f"นำเข้าเรื่องใหม่ {report.created} เรื่อง, มีอยู่แล้ว {report.skipped} เรื่อง, "
              f"ไม่ผ่านการตรวจ {len(report.problems)} บรรทัด ({elapsed:.1f} วินาที)")
        return 1 if report.problems else 0


def build_parser():
    parser = argparse.ArgumentParser(prog="damrong", description="ระบบงานศูนย์ดำรงธรรม")
    parser.add_argument("-c", "--config", required=True, help="ไฟล์ตั้งค่า เช่น development.ini")
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="สร้างหรือปรับรุ่นฐานข้อมูล (ทำซ้ำได้)")
    init.add_argument("--demo-if-new", action="store_true", help="ใส่ข้อมูลตัวอย่างถ้ายังไม่มีผู้ใช้")
    init.set_defaults(func=cmd_init)

    demo = commands.add_parser("demo", help="ใส่ข้อมูลตัวอย่าง")
    demo.add_argument("--production", action="store_true",
                      help="ใส่ข้อมูลตัวอย่างแม้ไฟล์ตั้งค่าไม่ใช่โหมดพัฒนา")
    demo.set_defaults(func=cmd_demo)

    adduser = commands.add_parser("adduser", help="เพิ่มผู้ใช้")
    adduser.add_argument("national_id")
    adduser.add_argument("name")
    adduser.add_argument("role", choices=["clerk", "officer", "supervisor", "executive", "admin"])
    adduser.add_argument("center", help="รหัสศูนย์: moi, รหัสจังหวัด ๒ หลัก หรือรหัสอำเภอ ๔ หลัก")
    adduser.add_argument("--password", help="ถ้าไม่ระบุ ระบบสร้างรหัสผ่านชั่วคราวให้")
    adduser.add_argument("--position", default="")
    adduser.set_defaults(func=cmd_adduser)

    bulk = commands.add_parser("bulk-load",
                               help="ใส่เรื่องสังเคราะห์จำนวนมากเพื่อทดสอบภาระงาน (ข้อมูลสมมติเท่านั้น)")
    bulk.add_argument("count", type=int, help="จำนวนเรื่อง")
    bulk.add_argument("--centers", default="7001,7002,7003,70,5001,50",
                      help="รหัสศูนย์คั่นด้วยจุลภาค (ค่าเริ่มต้น 7001,7002,7003,70,5001,50)")
    bulk.add_argument("--pages", action="store_true",
                      help="แนบข้อความคำร้องที่อ่านแล้ว (หนึ่งหน้า) ให้ทุกเรื่อง สำหรับทดสอบดัชนีค้นหา")
    bulk.set_defaults(func=cmd_bulk_load)

    ocr = commands.add_parser("ocr", help="อ่านข้อความจากไฟล์สแกน (PDF, TIFF, ภาพ) แล้วพิมพ์ออกมา")
    ocr.add_argument("files", nargs="+", metavar="FILE")
    ocr.set_defaults(func=cmd_ocr)

    reindex = commands.add_parser("reindex", help="สร้างดัชนีค้นหาใหม่จากฐานข้อมูล (ทำต่อได้ถ้าหยุดกลางคัน)")
    reindex.add_argument("--restart", action="store_true", help="เริ่มใหม่ ไม่ทำต่อจากครั้งก่อน")
    reindex.add_argument("--batch", type=int, default=1000, help="จำนวนเรื่องต่อรอบ")
    reindex.add_argument("--processes", type=int, default=None,
                         help="จำนวนโปรเซสที่ตัดคำ (ค่าเริ่มต้น: เท่าจำนวนแกน CPU)")
    reindex.set_defaults(func=cmd_reindex)

    check = commands.add_parser("check-index", help="ตรวจว่าดัชนีค้นหาตรงกับฐานข้อมูล")
    check.add_argument("--show", type=int, default=10, help="แสดงตัวอย่างกี่รายการต่อกลุ่ม")
    check.set_defaults(func=cmd_check_index)

    search = commands.add_parser("search", help="ค้นหาเรื่องในฐานะผู้ใช้คนหนึ่ง")
    search.add_argument("query")
    search.add_argument("--user", required=True, help="เลขประจำตัวประชาชนของผู้ใช้")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=10)
    search.set_defaults(func=cmd_search)

    worker = commands.add_parser("worker", help="ทำงานเบื้องหลัง (ประมวลผลเอกสาร, รับไฟล์จากโฟลเดอร์สแกน)")
    worker.add_argument("--until-idle", action="store_true",
                        help="หยุดเมื่อไม่มีงานค้างและโฟลเดอร์รับไฟล์สแกนว่าง")
    worker.set_defaults(func=cmd_worker)

    prefix = commands.add_parser(
        "letter-prefix", help="ดูหรือตั้งอักษรย่อและเลขประจำหน่วยงานของเลขที่หนังสือส่งของศูนย์")
    prefix.add_argument("center", help="รหัสศูนย์ เช่น 7001")
    prefix.add_argument("prefix", nargs="?", help='เช่น "รบ 0023.1"; "" = กลับไปใช้ค่าเริ่มต้น')
    prefix.set_defaults(func=cmd_letter_prefix)

    ingest = commands.add_parser("ingest", help="นำเข้าเอกสารสแกนย้อนหลัง: หนึ่งโฟลเดอร์ย่อย (หรือหนึ่งไฟล์) เป็นหนึ่งเรื่อง")
    ingest.add_argument("directory", help="โฟลเดอร์ที่มีโฟลเดอร์ย่อยหรือไฟล์ของแต่ละเรื่อง")
    ingest.add_argument("--center", required=True, help="รหัสศูนย์ (DOPA) ที่รับเรื่อง เช่น 7001")
    ingest.set_defaults(func=cmd_ingest)

    verify = commands.add_parser("verify-counters",
                                 help="นับตัวเลขสรุปใหม่จากเรื่องร้องเรียน แล้วแสดงช่องที่ไม่ตรง")
    verify.add_argument("--center", help="เฉพาะศูนย์นี้และศูนย์ในสังกัด")
    verify.add_argument("--repair", action="store_true", help="แก้ตัวเลขที่ไม่ตรงตามที่นับใหม่")
    verify.add_argument("--show", type=int, default=50, help="แสดงกี่ช่อง")
    verify.set_defaults(func=cmd_verify_counters)

    freeze = commands.add_parser("freeze", help="เก็บตัวเลข ณ สิ้นเดือน (worker ทำเองทุกวันที่ ๑)")
    freeze.add_argument("--month", help="ปี พ.ศ.-เดือน เช่น 2568-09 (ค่าเริ่มต้น: เดือนก่อน)")
    freeze.set_defaults(func=cmd_freeze)

    importing = commands.add_parser(
        "import", help="นำเข้าเรื่องจากระบบอื่น (JSON Lines หรือ CSV ตามรูปแบบใน README) ทำซ้ำได้")
    importing.add_argument("file", help="ไฟล์ .jsonl หรือ .csv")
    importing.add_argument("--batch", type=int,
                           help=f"บันทึกลงฐานข้อมูลทุกกี่เรื่อง (ค่าปกติ {BATCH:,})")
    importing.set_defaults(func=cmd_import)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    setup_logging(args.config)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
