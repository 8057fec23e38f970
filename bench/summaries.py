"""Summaries benchmark (issue 15): our figures and the peer's, side by side, in one run.

    .venv/bin/python bench/summaries.py [--complaints 1200000] [--imports 30000] [--var DIR]

a. The ministry's summary over ``--complaints`` synthetic complaints spread over all 1,006
   centers (``damrong.bulk``, three years back): both national tables and one row per province
   for the last full fiscal year, built from the maintained counters (``reports.summary``),
   repeated in-process on a warm cache; p50/p95. Target p95 <= 20 ms.
   Peer: the same cells counted from the listing index (C intersections of the lineage, level,
   category and public-state key sets within the fiscal year's key range, and per province the
   lineage and public state), in-process on the same database; its figures are compared with
   ours cell by cell.
b. Import: ``--imports`` synthetic records written as JSON Lines, then ``importing.import_file``
   (validation included, registered and committed in batches) into the same database;
   records/s. Target >= 3,000/s. Peer: as many other records, validated the same way and
   registered one at a time (each its own listing, counter and outbox updates), committed every
   batch: how import ran before registration was batched. Both start from a drained search
   outbox, as a running system's is (``drain_search_outbox``). Both are wall-clock rates, with
   the rate per second of the process's own CPU time beside them (the machine may be shared).
   Then ours once more, as ``damrong import`` runs it: in a process of its own, just started,
   whose cache holds nothing yet (the in-process figures come after the peer has warmed it).
   Last, the evaluation set: an old system's records from ``bench/legacy_records.py``, a
   generator written apart from this one and never tuned on (every level, times spread over
   three fiscal years, fuller records), ``--imports`` of them for the peer and then as many
   others for ours, each in a fresh process.
c. Month-end freeze of all 1,006 centers (``reports.freeze.freeze_month``); target <= 10 s.
d. ``verify-counters`` (``reports.verify.verify``) over every complaint; target <= 5 min.

Data.fs lives in a temporary directory deleted at the end unless ``--var DIR`` is given (then it
is kept and reused by the next run with the same ``--complaints``). A kept database is measured
on a copy, so every run starts from the same bulk load: run in the kept one, a second run's
imports would find their source ids imported already and add nothing.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from intake import (OpenSite, bulk_progress, in_work_dir, keep_facts,  # noqa: E402
                    kept_facts, percentile)  # (bench/intake.py)
from legacy_records import write_legacy_file  # noqa: E402

TARGET_P95_MS = 20.0
TARGET_IMPORT_RATE = 3000.0
TARGET_FREEZE_S = 10.0
TARGET_VERIFY_S = 300.0


def prepare(var_dir, complaints, seed=2569, log=print):
    """Bulk-load ``complaints`` over every center (unless ``var_dir`` holds them already)."""
    facts = kept_facts(var_dir, "bench-summaries.json", complaints)
    if facts:
        return facts
    from damrong.bulk import load_synthetic

    with OpenSite(var_dir) as opened:
        codes = list(opened.site.centers.keys())
        rate = load_synthetic(opened.site, codes, complaints, random.Random(seed),
                              batch=min(20000, max(complaints // 4, 500)),
                              progress=bulk_progress(log, 30), commit=opened.tm.commit)
    return keep_facts(var_dir, "bench-summaries.json",
                      {"complaints": complaints, "bulk_rate": rate})


def last_full_fiscal_year():
    from damrong.thai.fiscal import fiscal_year
    return fiscal_year(datetime.date.today()) - 1


def ours(site, taxonomy, period):
    """The ministry's summary from the counters: ``{(table, category, state): n}`` and
    ``{province: {state: n}}``."""
    from damrong.reports.summary import summarize

    summary = summarize(site, site.centers["moi"], period, taxonomy)
    cells = {(t.level, row.category, state): n for t in summary.tables for row in t.rows
             for state, n in (("closed", row.counts.closed), ("in-progress", row.counts.in_progress))}
    rows = {r.center.code: {"closed": r.counts.closed, "in-progress": r.counts.in_progress}
            for r in summary.breakdown}
    return cells, rows


def peer(site, taxonomy, period):
    """The same figures counted from the listing index's key sets."""
    from BTrees.LLBTree import intersection

    from damrong.listing import key_bounds

    listing = site.listing
    low, high = key_bounds(*period.bounds())

    def count(*idents):
        sets = [listing.keys_of(*ident) for ident in idents]
        if any(s is None for s in sets):
            return 0
        result = sets[0]
        for keys in sets[1:]:
            result = intersection(result, keys)
        return len(result.keys(low, high))

    cells = {}
    for level in ("province", "district", "ministry"):
        for category, _label in taxonomy.categories(level):
            for state in ("closed", "in-progress"):
                n = count(("level", level), ("category", category), ("public", state),
                          ("lineage", "moi"))
                if n or level != "ministry":
                    cells[(level, category, state)] = n
    rows = {province.code: {state: count(("lineage", province.code), ("public", state))
                            for state in ("closed", "in-progress")}
            for province in site.centers["moi"].subcenters()}
    return cells, rows


def time_runs(function, repetitions, budget=None):
    times, result = [], None
    began = time.perf_counter()
    for _ in range(repetitions):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
        if budget and time.perf_counter() - began > budget:
            break
    return times, result


def summary_benchmark(opened, repetitions=200, peer_budget=60.0):
    from damrong.reports import periods

    site, taxonomy = opened.site, opened.app.registry.taxonomy
    period = periods.fiscal_year(last_full_fiscal_year())
    ours(site, taxonomy, period)  # warm the cache: the figure is for a running server
    our_times, our_figures = time_runs(lambda: ours(site, taxonomy, period), repetitions)
    peer_times, peer_figures = time_runs(lambda: peer(site, taxonomy, period), repetitions,
                                         budget=peer_budget)
    our_cells, our_rows = our_figures
    peer_cells, peer_rows = peer_figures
    wrong = [key for key in set(our_cells) | set(peer_cells)
             if our_cells.get(key, 0) != peer_cells.get(key, 0)]
    wrong += [code for code in peer_rows if our_rows.get(code) != peer_rows[code]]
    total = sum(our_cells.values())
    return {"ours_p50_ms": percentile(our_times, 50), "ours_p95_ms": percentile(our_times, 95),
            "peer_p50_ms": percentile(peer_times, 50), "peer_p95_ms": percentile(peer_times, 95),
            "ours_runs": len(our_times), "peer_runs": len(peer_times),
            "complaints_in_period": total, "mismatches": len(wrong)}


def write_import_file(path, count, site, seed=15):
    """``count`` synthetic records in the interchange format, over the district centers."""
    from damrong.bulk import SUBJECTS
    from damrong.thai import national_id

    rng = random.Random(seed)
    districts = [code for code, center in site.centers.items() if center.level == "district"]
    first = datetime.datetime(2024, 10, 1, 8, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            code = rng.choice(districts)
            record = {
                "source_id": f"legacy-{seed}-{number}", "center": code,
                "status": rng.choice(("received", "in-progress", "closed")),
                "received_at": (first + datetime.timedelta(minutes=number)).isoformat(),
                "type": {"category": f"d0{rng.randint(1, 5)}", "channel": "walk-in"},
                "complaint": {"subject": rng.choice(SUBJECTS), "details": "synthetic"},
                "place": {"province": code[:2], "district": code},
                "complainant": {"title": "นาย", "first_name": "สมชาย", "last_name": "ทดสอบ",
                                "national_id": national_id.generate(rng)},
                "respondent": {"agency": "เทศบาลตำบล"},
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def import_benchmark(opened, work_dir, count):
    """Ours: ``import_file`` (batches of ``importing.BATCH``). Peer: the same kind of records
    (other source ids) registered one at a time, each with its own listing, counter and outbox
    updates, committed every ``BATCH`` as before batching; it runs first, so ours loads into the
    larger database."""
    from damrong.importing import import_file

    registry = opened.app.registry
    peer_path = os.path.join(str(work_dir), "import-peer.jsonl")
    write_import_file(peer_path, count, opened.site, seed=16)
    peer = timed_import_one_at_a_time(opened, peer_path)

    path = os.path.join(str(work_dir), "import.jsonl")
    write_import_file(path, count, opened.site)
    ours = timed_import(opened, path)
    again = import_file(opened.site, path, registry.taxonomy, registry.workflow,
                        opened.tm.commit)
    return dict(ours, records=count, peer_rate=peer["rate"],
                peer_cpu_rate=peer["cpu_rate"], rerun_created=again.created,
                load=os.getloadavg()[0])


def timed_import(opened, path):
    """``import_file`` of ``path``: records created, problems, and the rates per second of
    wall-clock and of this process's CPU time."""
    from damrong.importing import import_file

    registry = opened.app.registry
    began, cpu = time.perf_counter(), time.process_time()
    report = import_file(opened.site, path, registry.taxonomy, registry.workflow,
                         opened.tm.commit)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"created": report.created, "problems": len(report.problems),
            "rate": report.created / seconds, "cpu_rate": report.created / cpu}


def timed_import_one_at_a_time(opened, path):
    """The peer's import of ``path``: validated like ours, registered one record at a time,
    committed every ``BATCH``; the same figures as ``timed_import``."""
    from damrong.importing import BATCH, Validator, import_checked, read_lines

    registry = opened.app.registry
    check = Validator(opened.site, registry.taxonomy, registry.workflow)
    began, cpu, created = time.perf_counter(), time.process_time(), 0
    for number, (_line, raw) in enumerate(read_lines(path), start=1):
        created += len(import_checked(opened.site, [check(raw)]))
        if number % BATCH == 0:
            opened.tm.commit()
    opened.tm.commit()
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"created": created, "problems": 0, "rate": created / seconds,
            "cpu_rate": created / cpu}


def cold_import(var_dir, path, one_at_a_time=False):
    """``timed_import`` of ``path`` (the peer's, ``one_at_a_time``) in this process, just
    started (``--cold-import``)."""
    with OpenSite(var_dir) as opened:
        return (timed_import_one_at_a_time if one_at_a_time else timed_import)(opened, path)


def cold_import_benchmark(var_dir, path, one_at_a_time=False):
    """``cold_import`` in a new process, as the command line runs an import."""
    done = subprocess.run([sys.executable, os.path.abspath(__file__), "--cold-import",
                           str(var_dir), path] + (["--one-at-a-time"] if one_at_a_time else []),
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def freeze_benchmark(opened):
    from damrong.reports.counters import month_key
    from damrong.reports.freeze import freeze_month

    month = month_key(datetime.date.today().replace(day=1) - datetime.timedelta(days=1))
    opened.site.frozen.months.pop(month, None)
    began = time.perf_counter()
    frozen = freeze_month(opened.site, month)
    opened.tm.commit()
    return {"seconds": time.perf_counter() - began, "centers": len(opened.site.centers),
            "centers_with_figures": len(frozen.centers)}


def verify_benchmark(opened):
    from damrong.reports.verify import verify

    began = time.perf_counter()
    drifts = verify(opened.site, opened.app.registry.workflow)
    return {"seconds": time.perf_counter() - began, "drifts": len(drifts),
            "complaints": opened.site.listing.size()}


def drain_search_outbox(opened):
    """Forget the search marks the bulk load left: in a database of that size the worker has
    long indexed them, and an outbox of a million paths makes every import rewrite most of its
    tree (this bench builds no search index)."""
    opened.site.index_outbox.pending.clear()
    opened.tm.commit()


def measured_copy(var_dir, work_dir):
    """The database of ``var_dir`` to measure: itself when it lives in ``work_dir`` (deleted
    after the run), else a copy there, so a kept database stays as the bulk load left it."""
    if os.path.commonpath([str(var_dir), str(work_dir)]) == str(work_dir):
        return var_dir
    copy = os.path.join(str(work_dir), "var")
    shutil.copytree(str(var_dir), copy, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    return copy


def run(var_dir, work_dir, complaints, imports, repetitions=200, peer_budget=60.0, log=print):
    facts = prepare(var_dir, complaints, log=log)
    var_dir = measured_copy(var_dir, work_dir)
    with OpenSite(var_dir) as opened:
        drain_search_outbox(opened)
        figures = {"facts": facts,
                   "summary": summary_benchmark(opened, repetitions, peer_budget),
                   "import": import_benchmark(opened, work_dir, imports),
                   "freeze": freeze_benchmark(opened)}
        figures["verify"] = verify_benchmark(opened)
        cold_path = os.path.join(str(work_dir), "import-cold.jsonl")
        write_import_file(cold_path, imports, opened.site, seed=17)
        legacy_paths = [os.path.join(str(work_dir), f"legacy-{seed}.jsonl") for seed in (1, 2)]
        for seed, path in enumerate(legacy_paths, start=1):
            write_legacy_file(path, imports, opened.site, opened.app.registry.taxonomy, seed)
    figures["cold_import"] = cold_import_benchmark(var_dir, cold_path)
    figures["legacy_peer"] = cold_import_benchmark(var_dir, legacy_paths[1], one_at_a_time=True)
    figures["legacy"] = cold_import_benchmark(var_dir, legacy_paths[0])
    return figures


def report(figures, out=print):
    facts, s, i, f, v = (figures[k] for k in ("facts", "summary", "import", "freeze", "verify"))
    imports = i["records"]
    out(f"database: {facts['complaints']:,} synthetic complaints over all centers "
        f"(bulk-load {facts.get('bulk_rate', 0):,.0f}/s{', reused' if facts.get('reused') else ''})")
    out(f"ministry summary, last full FY ({s['complaints_in_period']:,} complaints), in-process, warm:")
    out(f"  ours (counters)      p50 {s['ours_p50_ms']:8.2f} ms  p95 {s['ours_p95_ms']:8.2f} ms  "
        f"({s['ours_runs']} runs; target p95 <= {TARGET_P95_MS:.0f} ms)")
    out(f"  peer (listing index) p50 {s['peer_p50_ms']:8.2f} ms  p95 {s['peer_p95_ms']:8.2f} ms  "
        f"({s['peer_runs']} runs)")
    out(f"  cells that differ between ours and the peer: {s['mismatches']}")
    out(f"import of {i['records']:,} JSON Lines records, validation included "
        f"(target >= {TARGET_IMPORT_RATE:,.0f}/s):")
    out(f"  ours (batches)       {i['rate']:8,.0f} records/s  ({i['cpu_rate']:,.0f}/s of its CPU "
        f"time; {i['created']:,} created, {i['problems']} problems; re-run created "
        f"{i['rerun_created']})")
    out(f"  peer (one at a time) {i['peer_rate']:8,.0f} records/s  ({i['peer_cpu_rate']:,.0f}/s "
        f"of its CPU time; machine load average {i['load']:.1f} on {os.cpu_count()} cores)")
    c = figures["cold_import"]
    out(f"  ours, fresh process  {c['rate']:8,.0f} records/s  ({c['cpu_rate']:,.0f}/s of its CPU "
        f"time; {c['created']:,} created; as `damrong import` runs, its cache empty)")
    out(f"import of {imports:,} records of an old system (bench/legacy_records.py, the "
        f"evaluation set, never tuned on), each in a fresh process:")
    for name, label in (("legacy", "ours (batches)      "), ("legacy_peer", "peer (one at a time)")):
        c = figures[name]
        out(f"  {label} {c['rate']:8,.0f} records/s  ({c['cpu_rate']:,.0f}/s of its CPU time; "
            f"{c['created']:,} created)")
    out(f"freeze of {f['centers']:,} centers: {f['seconds']:.2f} s "
        f"({f['centers_with_figures']} with figures; target <= {TARGET_FREEZE_S:.0f} s)")
    out(f"verify-counters over {v['complaints']:,} complaints: {v['seconds']:.1f} s, "
        f"{v['drifts']} drifted cells (target <= {TARGET_VERIFY_S:.0f} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_200_000)
    parser.add_argument("--imports", type=int, default=30_000)
    parser.add_argument("--repetitions", type=int, default=200)
    parser.add_argument("--var", help="keep the database here and reuse it")
    parser.add_argument("--cold-import", nargs=2, metavar=("VAR", "FILE"),
                        help=argparse.SUPPRESS)  # the fresh process of cold_import_benchmark
    parser.add_argument("--one-at-a-time", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_import:
        print(json.dumps(cold_import(*args.cold_import, one_at_a_time=args.one_at_a_time)))
        return
    in_work_dir("damrong-bench-summaries-", args.var, lambda work, var_dir: report(
        run(var_dir, work, args.complaints, args.imports, args.repetitions)))


if __name__ == "__main__":
    main()
