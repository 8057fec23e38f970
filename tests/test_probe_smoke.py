"""bench/probe.py, the repeatable security probe of issue 14, run once against a server of its
own (loopback, production configuration): every check passes, and it refuses other hosts."""

import os
import sys

import pytest

BENCH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH_DIR)

import probe  # noqa: E402  (bench/probe.py)


def test_every_check_of_the_probe_passes():
    lines = []
    assert probe.probe_local(out=lines.append) == 0, "\n".join(lines)
    assert len(lines) == len(probe.CHECKS) and not any(line.startswith("skip") for line in lines)


def test_the_probe_only_targets_this_machine():
    with pytest.raises(SystemExit):
        probe.main(["--url", "http://example.org:6543", "--accounts", "none.json"])
