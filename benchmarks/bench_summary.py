"""The head teacher's side on a demo school, every figure beside a baseline measured in this run.

    python benchmarks/bench_summary.py [--staff 2000] [--years 5] [--seed 2] [--store DIR]
                                       [--runs 5] [--quick]

Builds (or reuses) a demo store, damages five files, then measures:
- record size: the median record of the store, and of 20-question assessments, beside the same
  records written in the version 1 layout;
- a plain loop, on one core, that reads, parses (tomli, as smtrainer does) and verifies every
  record file, nothing else; the same loop split in two halves run at once by two processes
  (the most two cores give on this machine in this run); then `summary --json` with no scan
  cache (cold), against the loop;
- `summary --json` again with nothing changed (warm), against a bare os.scandir + stat loop over
  the records folder and against starting Python;
- peak memory of the cold summary (the largest of its processes);
- the dashboard: first paint from the warm cache; with no cache, the first progress line and the
  end of the scan.
The baselines, the summaries and the dashboard are each run five times (`--runs`): the median is
given, with the slowest and the fastest run (one start of a few tenths of a second varies by a
tenth from run to run, and a loop of seconds by more on a busy machine: on a shared host, what
the second core gives moves from one run to the next). Each summary is run just after
its baselines, and a ratio is the median of the runs' own ratios. The cold summary's baseline
is the mean of the plain loop run just before it and just after it (this machine's speed drifts
over seconds: one loop alone is often a quarter faster or slower than the next); it is also
given against the two halves, run just before it: how near it comes to what two cores give
with no overhead at all.
`--quick` measures a tiny store and skips the dashboard (a smoke test of the script itself).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import tomli

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smtrainer.domain import sshsig  # noqa: E402
from smtrainer.domain.record import NAMESPACE, SCHEMA, signed_message  # noqa: E402
from smtrainer.domain.record_v2 import content_hash, final_questions, walked_steps  # noqa: E402

TODAY = dt.date(2026, 11, 21)
RUNS = 5
"""Runs of each baseline, summary and dashboard figure, by default (the median is steadier than
one run)."""


def plain_loop(records: Path) -> int:
    return loop_over(sorted(records.rglob("*.toml")))


def loop_over(paths: list[Path]) -> int:
    good = 0
    for path in paths:
        try:
            document = tomli.loads(path.read_bytes().decode("utf-8"))
            signature = sshsig.parse(document["signature"]["value"])
            good += sshsig.verify(signature, NAMESPACE, signed_message(document["record"]))
        except Exception:  # the baseline only counts what verifies
            pass
    return good


def two_cores(records: Path) -> float:
    """The plain loop's files in two halves, verified at once by two processes started
    beforehand: what two cores give on this machine at this moment, with no other overhead."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(abs, [1, 2]))  # Both processes started.
        start = time.perf_counter()
        files = sorted(records.rglob("*.toml"))
        list(pool.map(loop_over, [files[0::2], files[1::2]]))
        return time.perf_counter() - start


def stat_loop(folder: Path) -> int:
    """The least any scan must do: list the folder and stat every file."""
    count = 0
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    entry.stat()
                    count += 1
    return count


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


def v1_layout(record: dict[str, Any]) -> dict[str, Any]:
    """The same facts in the version 1 layout (one table per module, question and step)."""
    questions = final_questions(record)
    tallies = {module: [0, 0] for module, _hash in record["modules"]}
    for question in questions:
        tallies[question.module][1] += 1
        tallies[question.module][0] += question.outcome == "correct"
    head = {k: v for k, v in record.items() if k not in ("modules", "scenarios", "attempts")}
    return {
        **head,
        "schema": SCHEMA,
        "attempts": len(record["attempts"]),
        "modules": [
            {
                "id": module,
                "content_hash": content_hash(integrity),
                "correct": tallies[module][0],
                "total": tallies[module][1],
                "score_pct": tallies[module][0] * 100 // max(tallies[module][1], 1),
            }
            for module, integrity in record["modules"]
        ],
        "assessment": {
            "seed": record["attempts"][-1]["seed"],
            "questions": [
                {"id": q.question, "module": q.module, "outcome": q.outcome, "answer": [*q.answer]}
                for q in questions
            ],
        },
        "scenario_choices": [
            {
                "module": s.module,
                "scenario": s.scenario,
                "step": s.step,
                "choice": s.choice,
                "verdict": s.verdict,
            }
            for s in walked_steps(record)
        ],
    }


def record_sizes(work: Path, staff: int, policy_id: str) -> tuple[int, int, int]:
    """Median sizes of 20-question records of the store's policy, v2 and v1 layouts of the same
    records, and how many records."""
    import msgspec
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from smtrainer.content.policies import load_policy_set
    from smtrainer.domain.model import Blueprint
    from smtrainer.domain.record_signing import sign_record
    from smtrainer.storage.records import record_text
    from smtrainer.workflows.demo import build_demo

    policies = load_policy_set(None, policy_id).policies
    twenty = {
        language: msgspec.structs.replace(
            policy, assessment=Blueprint(20, None, policy.assessment.essential_sections)
        )
        for language, policy in policies.items()
    }
    out = work / "twenty"
    build_demo(out, twenty, staff=staff, years=2, seed=7, today=TODAY)
    key = Ed25519PrivateKey.generate()
    v2_sizes, v1_sizes = [], []
    for path in sorted((out / "records").glob("*.toml")):
        data = path.read_bytes()
        record = tomli.loads(data.decode("utf-8"))["record"]
        if record["total"] != 20:
            continue
        v2_sizes.append(len(data))
        old = v1_layout(record)
        v1_sizes.append(len(record_text(old, sign_record(old, key)).encode("utf-8")))
    return int(statistics.median(v2_sizes)), int(statistics.median(v1_sizes)), len(v2_sizes)


PEAK_WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n"
    "sys.stdout.buffer.write(done.stdout)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(peak, done.returncode, file=sys.stderr)\n"
)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall time, peak resident memory (KiB) of the largest process the command ran, and its
    standard output (a small wrapper process waits for it and reads its resource usage)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, *command], env=env, capture_output=True, check=True
    )
    elapsed = time.perf_counter() - start
    peak, returncode = done.stderr.decode().split()[-2:]
    if int(returncode) not in (0, 1):
        raise RuntimeError(f"{command} failed with {returncode}")
    return elapsed, int(peak), done.stdout.decode("utf-8")


DASHBOARD_CHILD = """
import asyncio, json, sys, time
start = time.perf_counter()
import datetime as dt
from pathlib import Path
from smtrainer.ui.dashboard.launch import make_dashboard
app = make_dashboard(Path(sys.argv[1]), dt.date(2026, 11, 21))  # As `smtrainer dashboard` does.
from smtrainer.ui.dashboard.app import DashboardScreen
marks = {}
def staff_rows():
    table = app.screen.query("#staff")
    return table.first().row_count if table else 0
def progress_shown():
    label = app.screen.query("#scan-progress")
    return app.scan_progress is not None and bool(label) and label.first().display
# The first paint is the first frame the screen composes with staff rows in it, and progress
# is shown in the first frame with the progress line: Textual's compositor refresh, watched.
composed = DashboardScreen._compositor_refresh
def watched(screen):
    composed(screen)
    now = time.perf_counter() - start
    if "paint" not in marks and app.summary is not None and staff_rows():
        marks["paint"] = now
    if "progress" not in marks and progress_shown():
        marks["progress"] = now
DashboardScreen._compositor_refresh = watched
async def watch(pilot):
    while True:
        # Not pilot.pause: it lays the screen out again each time, work the app would not do.
        await asyncio.sleep(0.01)
        now = time.perf_counter() - start
        rows = staff_rows()
        if "paint" in marks and rows == len(app.screen.shown_rows) and "rows" not in marks:
            marks["rows"] = now
        if "rows" in marks and app.scan_progress is None and not any(
            w.is_running for w in app.workers
        ):
            marks["done"] = now
            break
    print(json.dumps(marks))
    app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=watch)
"""


def spread(runs: list[dict[str, float]], mark: str) -> str:
    """A figure's median over runs, with its slowest and fastest."""
    values = [run.get(mark, float("nan")) for run in runs]
    return f"{statistics.median(values):8.2f} s ({max(values):.2f}–{min(values):.2f})"


def dashboard(store: Path, env: dict[str, str]) -> dict[str, float]:
    shown = subprocess.run(
        [sys.executable, "-c", DASHBOARD_CHILD, str(store)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    marks: dict[str, float] = json.loads(shown.stdout.strip().splitlines()[-1])
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--store", type=Path, help="reuse (or create) the demo store here")
    parser.add_argument("--quick", action="store_true", help="a tiny store, no dashboard")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of each figure (median)")
    args = parser.parse_args()
    runs = max(args.runs, 1)
    if args.quick:
        args.staff, args.years = 30, 2
    work = Path(tempfile.mkdtemp())
    store = args.store or work / "store"
    env = {**os.environ, "SMTRAINER_HOME": str(work / "home")}
    # Measured as installed: with bytecode (pip writes it), even where it is not written.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "smtrainer")], check=True)
    smtrainer = [sys.executable, "-m", "smtrainer"]
    if not (store / "records").is_dir():
        demo = [*smtrainer, "demo", "--out", str(store), "--staff", str(args.staff)]
        demo += ["--years", str(args.years), "--seed", str(args.seed)]
        subprocess.run([*demo, "--today", TODAY.isoformat()], check=True, env=env)
    records = store / "records"
    sizes = [p.stat().st_size for p in records.rglob("*.toml")]
    count = len(sizes)
    damaged = damage_five(records)
    policy_id = tomli.loads(min(records.glob("*.toml")).read_text("utf-8"))["record"]["policy_id"]
    v2_twenty, v1_twenty, sample = record_sizes(work, 20 if args.quick else 200, policy_id)

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    python_start = time.perf_counter() - start

    summary = [*smtrainer, "summary", "--store", str(store), "--json", "--today", TODAY.isoformat()]
    loops, halves, stats, colds, peaks, warms = [], [], [], [], [], []
    brackets = []
    for _ in range(runs):  # Each run's figures beside the baselines measured just before them.
        start = time.perf_counter()
        plain_loop(records)
        loops.append(time.perf_counter() - start)
        halves.append(two_cores(records))
        start = time.perf_counter()
        stat_loop(records)
        stats.append(time.perf_counter() - start)
        shutil.rmtree(store / ".cache", ignore_errors=True)
        cold_run, peak_run, _out = timed(summary, env)
        colds.append(cold_run)
        peaks.append(peak_run)
        start = time.perf_counter()
        plain_loop(records)
        brackets.append((loops[-1] + time.perf_counter() - start) / 2)
        start = time.perf_counter()  # The command alone (no process between to read its memory).
        out = subprocess.run(summary, env=env, capture_output=True, check=False).stdout.decode()
        warms.append(time.perf_counter() - start)
    baseline, cold, peak, warm = (
        statistics.median(loops),
        statistics.median(colds),
        max(peaks),
        statistics.median(warms),
    )
    two, stat_baseline = statistics.median(halves), statistics.median(stats)
    cold_ratio = statistics.median(c / b for c, b in zip(colds, brackets, strict=True))
    cold_halves = statistics.median(c / h for c, h in zip(colds, halves, strict=True))
    two_ratio = statistics.median(h / b for h, b in zip(halves, loops, strict=True))
    warm_ratio = statistics.median(w / b for w, b in zip(warms, stats, strict=True))
    report = json.loads(out)
    invalid = sorted(p["file"] for p in report["problems"] if p["reason"] != "conflict")
    print(
        f"{count} records; summary counts {report['totals']['records']}, "
        f"invalid {report['totals']['invalid']}: "
        + ("exactly the five damaged files" if invalid == sorted(damaged) else f"{invalid}")
    )
    print(f"record size, median of the store     {statistics.median(sizes):8.0f} B")
    print(
        f"record size, 20 questions (median)    {v2_twenty:8d} B   "
        f"v1 layout of the same {sample} records: {v1_twenty} B "
        f"({v2_twenty / v1_twenty:.2f}×)"
    )
    print(
        f"plain loop (parse + verify), one core {baseline:8.2f} s   "
        f"({max(loops):.2f}–{min(loops):.2f} s)"
    )
    print(
        f"the same loop in two halves at once   {two:8.2f} s   "
        f"{two_ratio:.2f}× the loop   (what two cores give here now)"
    )
    print(
        f"summary --json, cold                  {cold:8.2f} s   {cold_ratio:.2f}× the loop"
        f" (before and after it), {cold_halves:.2f}× the two halves"
        f"   ({max(colds):.2f}–{min(colds):.2f} s)"
    )
    print(
        f"summary --json, nothing changed       {warm:8.3f} s   "
        f"{warm_ratio:.1f}× a scandir+stat loop ({stat_baseline:.3f} s); "
        f"python start-up {python_start:.3f} s   ({max(warms):.3f}–{min(warms):.3f} s)"
    )
    print(f"peak memory, cold summary             {peak / 1024:8.0f} MB   (the most of any run)")
    if not args.quick:
        warm_runs = [dashboard(store, env) for _ in range(runs)]
        cold_runs = []
        for _ in range(runs):
            shutil.rmtree(store / ".cache", ignore_errors=True)
            cold_runs.append(dashboard(store, env))
        paint, rows = spread(warm_runs, "paint"), spread(warm_runs, "rows")
        print(
            f"dashboard, warm cache: first paint    {paint}   "
            f"every staff row in {rows} (summary --json warm: {warm:.2f} s)"
        )
        print(
            f"dashboard, no cache: progress shown   {spread(cold_runs, 'progress')}"
            f"   all verified {spread(cold_runs, 'done')} (cold summary {cold:.2f} s)"
        )
    print(f"(median of {runs} runs each, slowest–fastest in brackets;")
    print(" a ratio is the median of each run's figure over its baseline in that run)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
