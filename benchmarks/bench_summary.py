"""The head teacher's summary on a demo store, against a plain loop over the same files.

    python benchmarks/bench_summary.py [--staff 2000] [--years 5] [--store DIR]

Builds (or reuses) a demo store, then measures in one run:
- baseline: a plain loop that reads, parses (with tomli, as smtrainer does) and verifies every
  record file, nothing else;
- cold summary: the same store with no scan cache;
- warm summary: again, nothing changed;
- peak memory of the cold summary (ru_maxrss of a separate process);
- the dashboard showing the store (headless, until its staff table is filled).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smtrainer.domain import sshsig  # noqa: E402
from smtrainer.domain.record import NAMESPACE, signed_message  # noqa: E402

TODAY = dt.date(2026, 11, 21)


def plain_loop(records: Path) -> int:
    good = 0
    for path in sorted(records.rglob("*.toml")):
        try:
            document = tomli.loads(path.read_bytes().decode("utf-8"))
            signature = sshsig.parse(document["signature"]["value"])
            good += sshsig.verify(signature, NAMESPACE, signed_message(document["record"]))
        except Exception:  # the baseline only counts what verifies
            pass
    return good


def damage_five(records: Path) -> list[str]:
    """Two records with a changed value, one random bytes, one truncated, one empty."""
    files = sorted(records.glob("*.toml"))[-5:]
    changed, renamed, rubbish, truncated, empty = files
    changed.write_text(changed.read_text().replace("score_pct = ", "score_pct = 1", 1))
    renamed.write_text(renamed.read_text().replace('staff_name = "', 'staff_name = "X', 1))
    rubbish.write_bytes(os.urandom(4096))
    truncated.write_bytes(truncated.read_bytes()[:1000])
    empty.write_bytes(b"")
    return [f"records/{f.name}" for f in files]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of a child process."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, check=True, env=env, capture_output=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - start, max(peak, before)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--store", type=Path, help="reuse (or create) the demo store here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    store = args.store or work / "store"
    env = {**os.environ, "SMTRAINER_HOME": str(work / "home")}
    smtrainer = [sys.executable, "-m", "smtrainer"]
    if not (store / "records").is_dir():
        subprocess.run(
            [
                *smtrainer,
                "demo",
                "--out",
                str(store),
                "--staff",
                str(args.staff),
                "--years",
                str(args.years),
                "--today",
                TODAY.isoformat(),
            ],
            check=True,
            env=env,
        )
    count = sum(1 for _ in (store / "records").rglob("*.toml"))
    damaged = damage_five(store / "records")
    start = time.perf_counter()
    plain_loop(store / "records")
    baseline = time.perf_counter() - start
    shutil.rmtree(store / ".cache", ignore_errors=True)
    summary = [*smtrainer, "summary", "--store", str(store), "--json", "--today", TODAY.isoformat()]
    cold, peak = timed(summary, env)
    warm, _peak = timed(summary, env)
    report = json.loads(
        subprocess.run(summary, check=True, env=env, capture_output=True, text=True).stdout
    )
    invalid = sorted(p["file"] for p in report["problems"])
    print(
        f"{count} records; summary counts {report['totals']['records']}, "
        f"invalid {report['totals']['invalid']}: "
        + ("exactly the five damaged files" if invalid == sorted(damaged) else f"{invalid}")
    )
    print(f"plain loop (parse + verify)   {baseline:7.2f} s")
    print(f"summary, cold                 {cold:7.2f} s   {cold / baseline:.2f}× the plain loop")
    print(f"summary, warm (no change)     {warm:7.2f} s   {warm / cold:.2f}× the cold run")
    print(f"peak memory, cold summary     {peak / 1024:7.0f} MB")
    dashboard_child = (
        "import sys, time, datetime as dt\n"
        "from pathlib import Path\n"
        "from smtrainer.ui.dashboard.app import DashboardApp\n"
        "start = time.perf_counter()\n"
        "app = DashboardApp(Path(sys.argv[1]), dt.date(2026, 11, 21))\n"
        "async def ready(pilot):\n"
        "    await app.workers.wait_for_complete()\n"
        "    await pilot.pause()\n"
        "    assert app.summary is not None\n"
        "    print(time.perf_counter() - start)\n"
        "    app.exit()\n"
        "app.run(headless=True, size=(120, 40), auto_pilot=ready)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", dashboard_child, str(store)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = float(shown.stdout.strip().splitlines()[-1])
    print(f"dashboard showing the store   {seconds:7.2f} s (warm scan cache)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
