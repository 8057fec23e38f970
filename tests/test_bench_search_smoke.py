"""A small run of bench/search.py: both backends and the peer produce their figures.

The real benchmark indexes 200,000 complaints; 300 take seconds, enough to notice a broken bench
and to check that the oracle and the engines agree on a corpus this small.
"""

import os
import sys

import pytest

BENCH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH_DIR)

import search as bench  # noqa: E402  (bench/search.py)

pytestmark = pytest.mark.slow


def quiet(*args, **kwargs):
    pass


def test_search_bench_prints_ours_and_the_peers_figures(tmp_path):
    figures = bench.run(300, ["whoosh", "tantivy", "peer"], str(tmp_path), log=quiet, batch=100)
    assert figures["size"] == 300 and figures["queries"] > 50
    for name in ("whoosh", "tantivy", "peer"):
        side = figures["backends"][name]
        assert side["docs_per_s"] > 0
        assert 0 < side["p50_ms"] <= side["p95_ms"]
        assert set(side["kinds"]) == {"rare", "common", "phrase", "filtered"}
    for name in ("whoosh", "tantivy"):
        assert figures["backends"][name]["recall"] >= 0.9, name
    assert figures["backends"]["peer"]["recall"] < figures["backends"]["tantivy"]["recall"]
    lines = []
    bench.report(figures, lines.append)
    assert any(line.startswith("ours-whoosh") for line in lines)
    assert any(line.startswith("ours-tantivy") for line in lines)
    assert any(line.startswith("peer") for line in lines)


def test_rebuild_rate_is_measured_with_one_and_two_processes(tmp_path):
    rates = bench.rebuild_rates(400, str(tmp_path), batch=100)
    assert set(rates) == {1, 2} and all(rate > 0 for rate in rates.values())
