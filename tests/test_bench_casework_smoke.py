"""A small run of bench/casework.py: every figure is produced, and the counts agree (the
overdue cases the job notes on its first run are those the naive scan finds)."""

import os
import sys

import pytest

BENCH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH_DIR)

import casework as bench  # noqa: E402  (bench/casework.py)

pytestmark = pytest.mark.slow


def test_casework_figures(tmp_path):
    figures = bench.run(str(tmp_path), 2000, repeats=3, log=lambda *args: None)
    assert figures["approvals"]["approved"] == 30
    assert 0 < figures["approvals"]["ours_s"] and 0 < figures["approvals"]["peer_s"]
    assert set(figures["queues"]) == {"work 7001", "work 70", "inbox 70", "approvals 7001"}
    assert all(q["p95_ms"] > 0 for q in figures["queues"].values())
    deadlines = figures["deadlines"]
    assert deadlines["first_run_cases"] == deadlines["naive_cases"] > 0
    assert deadlines["day_run_cases"] <= deadlines["first_run_cases"]
    lines = []
    bench.report(figures, lines.append)
    assert any(line.startswith("approve 30 closures") for line in lines)
