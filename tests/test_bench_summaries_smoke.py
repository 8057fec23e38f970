"""A small run of bench/summaries.py: every figure is produced and ours agrees with the peer's.

The real benchmark loads 1.2 million complaints; this runs the same functions on 1,500 so a
broken bench is noticed with the tests."""

import os
import sys

import pytest

BENCH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH_DIR)

import summaries as bench  # noqa: E402  (bench/summaries.py)

pytestmark = pytest.mark.slow


def test_summary_benchmark_figures(tmp_path):
    figures = bench.run(tmp_path / "var", tmp_path, complaints=1500, imports=300, repetitions=5,
                        log=lambda *args: None)
    summary = figures["summary"]
    assert summary["mismatches"] == 0 and summary["complaints_in_period"] > 0
    assert 0 < summary["ours_p50_ms"] <= summary["ours_p95_ms"]
    assert figures["import"]["created"] == 300 and figures["import"]["rerun_created"] == 0
    assert figures["import"]["rate"] > 0 and figures["import"]["peer_rate"] > 0
    assert figures["cold_import"]["created"] == 300 and figures["cold_import"]["rate"] > 0
    assert figures["legacy"]["created"] == figures["legacy_peer"]["created"] == 300
    assert figures["freeze"]["centers"] == 1006
    assert figures["verify"]["drifts"] == 0
    lines = []
    bench.report(figures, lines.append)
    assert any(line.startswith("  ours (counters)") for line in lines)
    assert any(line.startswith("  peer (listing index)") for line in lines)
    assert any(line.startswith("  ours (batches)") for line in lines)
    assert any(line.startswith("  peer (one at a time)") for line in lines)
    assert any(line.startswith("  ours, fresh process") for line in lines)
    assert any("legacy_records.py" in line for line in lines)


def test_a_kept_database_is_measured_on_a_copy(tmp_path):
    """A second run must import into the same database as the first, not into one that holds
    its records already (a re-import adds nothing, and the rates would read 0/s)."""
    kept, work = tmp_path / "kept", tmp_path / "work"
    kept.mkdir(), work.mkdir()
    (kept / "Data.fs").write_bytes(b"bulk load")
    (kept / "Data.fs.lock").write_text("1")
    copy = bench.measured_copy(str(kept), str(work))
    assert copy.startswith(str(work))
    assert open(os.path.join(copy, "Data.fs"), "rb").read() == b"bulk load"
    assert not os.path.exists(os.path.join(copy, "Data.fs.lock"))
    assert bench.measured_copy(str(work / "var"), str(work)) == str(work / "var")
