"""The summary benchmark script runs end to end on a tiny store (its figures are not judged)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_summary_benchmark_runs(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path), "SMTRAINER_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_summary.py"), "--quick"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "exactly the five damaged files" in done.stdout
    assert "20 questions (median)" in done.stdout
