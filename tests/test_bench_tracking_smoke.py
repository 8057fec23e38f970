"""A small run of bench/tracking.py: both lookups answer every code right, ours from the index.

The real benchmark loads 1.2 million complaints; this runs the same functions on 1,500 so a
broken bench is noticed with the tests."""

import os
import sys

BENCH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH_DIR)

import tracking as bench  # noqa: E402  (bench/tracking.py)


def test_tracking_benchmark_figures(tmp_path):
    figures = bench.run(tmp_path / "var", 1500, lookups=40, peer_lookups=5, log=lambda *a: None)
    assert figures["indexed"] == 1500
    assert figures["ours"]["right"] == figures["ours"]["runs"] == 40
    assert figures["peer"]["right"] == figures["peer"]["runs"] == 5
    assert 0 < figures["ours"]["p50"] <= figures["ours"]["p95"]
    lines = []
    bench.report(figures, lines.append)
    assert any(line.startswith("  ours (code index") for line in lines)
    assert any(line.startswith("  peer (listing pages") for line in lines)
