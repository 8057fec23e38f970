"""Tracking page benchmark (issue 17): ours and the peer's, side by side, in one run.

    .venv/bin/python bench/tracking.py [--complaints 1200000] [--lookups 500] [--var DIR]

Over ``--complaints`` synthetic complaints spread over all 1,006 centers (``damrong.bulk``, the
database of bench/summaries.py, reused from ``--var`` when it holds the same number):

* ours: the whole public page ``GET /track/<code>`` through the WSGI application (traversal,
  the code index ``site.tracking``, the allow-listed view model, the template), in-process on a
  warm cache, for ``--lookups`` codes drawn at random, one wrong code in five (they must answer
  as fast: codes cannot be told apart by time). p50/p95; target p95 <= 50 ms.
* peer: what the staff listing's filters can do for a code without that index: page through
  the whole country's listing (``listing.query('moi')``, newest first, 100 a page) comparing
  each complaint's code, for the first ``--peer-lookups`` of the same codes, within
  ``--peer-budget`` seconds in all; a lookup the budget cuts off is reported with the time it
  had spent (a lower bound), not counted in the percentiles.

The rate limit of lookups is lifted for the run (it is per address, and the bench is one).
"""

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from intake import OpenSite, in_work_dir, percentile  # noqa: E402  (bench/intake.py)
from summaries import prepare  # noqa: E402  (bench/summaries.py: the same bulk-loaded database)

TARGET_P95_MS = 50.0
PAGE = 100


def sample_codes(site, count, rng):
    """``count`` codes to look up: existing ones picked at random positions of the code index,
    and one in five a well-formed code that (almost surely) names no complaint."""
    from damrong.tracking import new_code

    tracking = site.tracking
    total = len(tracking)
    codes = []
    for _ in range(count):
        if rng.random() < 0.2:
            codes.append((new_code(tracking), False))
        else:
            codes.append((tracking.keys()[rng.randrange(total)], True))
    return codes


def ours(opened, codes):
    """Milliseconds per ``GET /track/<code>`` (apart for existing and wrong codes), and how many
    answered as expected."""
    import webtest
    from limits import parse

    opened.app.registry.public_limits.limits["lookup"] = parse("1000000000/second")
    client = webtest.TestApp(opened.app, extra_environ={"HTTP_HOST": "localhost"})
    client.get(f"/track/{codes[0][0]}", status="*")  # compile the template, warm the cache
    times, right = {True: [], False: []}, 0
    for code, exists in codes:
        start = time.perf_counter()
        response = client.get(f"/track/{code}", status="*")
        times[exists].append((time.perf_counter() - start) * 1000)
        right += response.status_int == (200 if exists else 404)
    return times, right


def peer_lookup(site, code, deadline):
    """The complaint with ``code`` found by paging the national listing (``None`` if it has no
    such complaint), and whether the search finished before ``deadline`` (perf_counter)."""
    listing = site.listing
    offset = 0
    while time.perf_counter() < deadline:
        page = listing.query("moi", offset=offset, limit=PAGE)
        for complaint in page.complaints:
            if complaint.tracking_code == code:
                return complaint, True
        offset += PAGE
        if offset >= page.total:
            return None, True
        site._p_jar.cacheGC()
    return None, False


def peer(opened, codes, budget):
    """Milliseconds of each lookup finished within the ``budget`` (seconds, all lookups
    together), how many answered right, and the milliseconds spent on the one cut off."""
    times, right, cut_off = [], 0, None
    deadline = time.perf_counter() + budget
    for code, exists in codes:
        start = time.perf_counter()
        found, finished = peer_lookup(opened.site, code, deadline)
        spent = (time.perf_counter() - start) * 1000
        if not finished:
            cut_off = spent
            break
        times.append(spent)
        right += (found is not None) == exists
    return times, right, cut_off


def run(var_dir, complaints, lookups=500, peer_lookups=50, peer_budget=120.0, seed=17, log=print):
    facts = prepare(var_dir, complaints, log=log)
    rng = random.Random(seed)
    with OpenSite(var_dir) as opened:
        codes = sample_codes(opened.site, lookups, rng)
        by_kind, our_right = ours(opened, codes)
        our_times = by_kind[True] + by_kind[False]
        peer_times, peer_right, cut_off = peer(opened, codes[:peer_lookups], peer_budget)
        indexed = len(opened.site.tracking)
    return {"facts": facts, "indexed": indexed,
            "ours": {"p50": percentile(our_times, 50), "p95": percentile(our_times, 95),
                     "runs": len(our_times), "right": our_right,
                     "found_p50": percentile(by_kind[True], 50),
                     "wrong_p50": percentile(by_kind[False], 50)},
            "peer": {"p50": percentile(peer_times, 50), "p95": percentile(peer_times, 95),
                     "runs": len(peer_times), "right": peer_right, "cut_off_ms": cut_off,
                     "budget_s": peer_budget}}


def report(figures, out=print):
    facts, o, p = figures["facts"], figures["ours"], figures["peer"]
    out(f"database: {facts['complaints']:,} synthetic complaints over all centers, "
        f"{figures['indexed']:,} tracking codes (bulk-load {facts.get('bulk_rate', 0):,.0f}/s"
        f"{', reused' if facts.get('reused') else ''})")
    out("tracking page GET /track/<code>, one wrong code in five, in-process, warm:")
    out(f"  ours (code index, whole page)   p50 {o['p50']:9.2f} ms  p95 {o['p95']:9.2f} ms  "
        f"({o['runs']} lookups, {o['right']} answered right; target p95 <= {TARGET_P95_MS:.0f} ms)")
    out(f"  ours, existing codes p50 {o['found_p50']:.2f} ms, wrong codes p50 {o['wrong_p50']:.2f} ms")
    if p["runs"]:
        out(f"  peer (listing pages, lookup only) p50 {p['p50']:9.2f} ms  p95 {p['p95']:9.2f} ms  "
            f"({p['runs']} lookups, {p['right']} answered right)")
    else:
        out("  peer (listing pages, lookup only) no lookup finished")
    if p["cut_off_ms"] is not None:
        out(f"  peer: the budget of {p['budget_s']:.0f} s ran out {p['cut_off_ms']:,.0f} ms into "
            f"lookup {p['runs'] + 1} (still searching)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_200_000)
    parser.add_argument("--lookups", type=int, default=500)
    parser.add_argument("--peer-lookups", type=int, default=50)
    parser.add_argument("--peer-budget", type=float, default=120.0)
    parser.add_argument("--var", help="keep the database here and reuse it")
    args = parser.parse_args()
    in_work_dir("damrong-bench-tracking-", args.var, lambda _work, var_dir: report(
        run(var_dir, args.complaints, args.lookups, args.peer_lookups, args.peer_budget)))


if __name__ == "__main__":
    main()
