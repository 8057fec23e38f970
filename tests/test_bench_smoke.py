"""A small run of bench/intake.py: both parts produce their figures, and they are right.

The real benchmark takes many minutes; this runs the same functions at a size that takes seconds
(about 30 registrations, 2,000 complaints) so a broken bench is noticed with the tests.
"""

import os
import sys

import pytest

BENCH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH_DIR)

import intake as bench  # noqa: E402  (bench/intake.py)

pytestmark = pytest.mark.slow


def quiet(*args):
    pass


def test_registration_throughput_figures(tmp_path):
    figures = bench.intake_benchmark(tmp_path, clients=2, duration=20, max_registrations=30,
                                     log=quiet)
    ours, peer = figures["ours"], figures["peer"]
    for side in (ours, peer):
        assert 30 <= side["registrations"] <= 31  # each client checks the cap before a cycle
        assert side["errors"] == 0, side["error_samples"]
        assert side["rate"] > 0
        assert 0 < side["post_p50_ms"] <= side["post_p95_ms"]
        assert 0 < side["get_p50_ms"] <= side["get_p95_ms"]
    assert ours["duplicates"] == 0
    assert ours["duplicate_tracking_codes"] == 0
    assert ours["gaps"] == 0
    assert ours["complaints"] == ours["registrations"] == ours["distinct_locations"]
    lines = []
    bench.report_intake(figures, lines.append)
    assert any(line.startswith("registrations/s") for line in lines)


def brute_force_total(var_dir, center_code, params):
    """Count by looking at every complaint of the database, independently of the bench."""
    from damrong.listing import fiscal_year_range
    from damrong.thai.dates import BANGKOK

    start = end = None
    if params.get("fy"):
        start, end = fiscal_year_range(int(params["fy"]), BANGKOK)
    total = 0
    with bench.OpenSite(var_dir) as opened:
        for center in opened.site.centers.values():
            if center_code not in center.lineage_codes:
                continue
            for complaint in center.complaints.values():
                if params.get("category") and complaint.type["category"] != params["category"]:
                    continue
                if params.get("status") and complaint.status != params["status"]:
                    continue
                if start and not start <= complaint.received_at < end:
                    continue
                total += 1
    return total


def test_listing_figures_and_totals(tmp_path):
    figures = bench.listing_benchmark(tmp_path, 2000, repeats=2, naive_budget=None, log=quiet)
    facts, results = figures["facts"], figures["results"]
    assert facts["rate"] > 0 and facts["data_fs"] > 0
    assert len(results) == 18
    var_dir = os.path.join(str(tmp_path), "listing")
    for result in results:
        expected = brute_force_total(var_dir, result["code"], result["params"])
        assert result["total"] == expected, result["label"]
        assert result["naive_total"] == expected, result["label"]
        assert result["index_total"] == expected, result["label"]
        offset = int(result["params"].get("offset", 0))
        assert result["rows"] == max(0, min(25, expected - offset)), result["label"]
        assert len(result["ms"]) == 2 and all(ms > 0 for ms in result["ms"])
    assert results[0]["total"] > 0
    assert sum(r["total"] for r in results if r["label"].startswith("moi  all")) == 2000
    lines = []
    bench.report_listing(figures, lines.append)
    assert any(line.startswith("overall") for line in lines)
