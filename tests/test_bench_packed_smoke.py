"""A small run of bench/packed_buckets.py: every tree is measured, ours and BTrees' own."""

import os
import sys

BENCH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH_DIR)

import packed_buckets as bench  # noqa: E402  (bench/packed_buckets.py)


def test_packed_buckets_benchmark_figures(tmp_path):
    figures = bench.run(5000, 1, str(tmp_path))
    assert [f["tree"] for f in figures] == ["PackedTreeSet", "LLTreeSet", "PackedTree", "LLBTree"]
    assert all(f["buckets"] > 10 and f["load_us"] > 0 and f["write_us"] > 0 for f in figures)
    lines = []
    bench.report(figures, lines.append)
    assert len(lines) == 4 and "peer (BTrees)" in lines[1]
