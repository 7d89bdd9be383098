"""Print, per language, how far a pack's answer key gives itself away.

    python scripts/item_report.py [CONTENT_DIR] [--policy ID] [--draws 5000] [--section ID ...]
                                  [--as-written]

Measures (scored questions): how often the correct option is the longest (target at most 35 %),
the share of true statements among true/false questions (40-60 %), absolute words in right and
wrong answers, near-duplicate questions and check questions copying scored ones. Then a
simulation: attempts drawn to the pack's blueprint and shuffled exactly as the app does, answered
by three cue-only strategies (the longest option; avoiding absolute words; both), with the pass
rate of each (target at most 0.5 %). The rules are in docs/content-format.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smtrainer.content.policies import load_policy_set
from smtrainer.domain.item_stats import Rate, measure, simulate
from smtrainer.domain.model import Policy

MAX_PASS_RATE = 0.005


def pct(rate: Rate | float) -> str:
    share = rate.share if isinstance(rate, Rate) else rate
    return f"{100 * share:.1f} %"


def of(rate: Rate) -> str:
    return f"{rate.part}/{rate.whole} = {pct(rate)}"


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def report(policy: Policy, draws: int, sections: tuple[str, ...], shuffle: bool) -> bool:
    """Print one language's figures; whether every target is met."""
    stats = measure(policy)
    longest_ok = stats.correct_longest.share <= 0.35
    true_ok = stats.true_statements.whole == 0 or 0.40 <= stats.true_statements.share <= 0.60
    print(f"## {policy.id} [{policy.language}], content format {policy.format}")
    print(f"correct option is the longest:   {of(stats.correct_longest)}  {verdict(longest_ok)}")
    print(f"best scenario choice longest:    {of(stats.best_longest)}")
    positions = ", ".join(
        f"{'ABCDEF'[n - 1]} {count}" for n, count in sorted(stats.written_position.items())
    )
    print(f"correct option as written:       {positions} (the app shuffles them)")
    print(f"true statements (true/false):    {of(stats.true_statements)}  {verdict(true_ok)}")
    print(f"absolute words in right answers: {of(stats.restrictive_right)}")
    print(f"absolute words in wrong answers: {of(stats.restrictive_wrong)}")
    print(f"near-duplicate scored questions: {len(stats.near_duplicates)} {stats.near_duplicates}")
    print(f"check questions copying scored:  {len(stats.check_copies)} {stats.check_copies}")
    blueprint = policy.assessment
    watched = sections or blueprint.essential_sections
    started = time.perf_counter()
    results = simulate(policy, draws, watched, shuffle=shuffle)
    elapsed = time.perf_counter() - started
    print(
        f"simulation: {draws} attempts, size {blueprint.size}, per module "
        f"{blueprint.per_module or 'even'}, pass mark {policy.pass_mark} %, options "
        f"{'shuffled' if shuffle else 'as written'} ({elapsed:.1f} s)"
    )
    all_ok = longest_ok and true_ok
    for name, result in results.items():
        ok = result.pass_rate <= MAX_PASS_RATE
        all_ok = all_ok and ok
        print(
            f"  {name:<18} mean {result.mean_correct:5.1f}/{result.mean_asked:.0f}, "
            f"passes {pct(result.pass_rate)}  {verdict(ok)}"
        )
    first = next(iter(results.values()))
    for section in watched:
        missed = first.missed_sections[section] / first.attempts if first.attempts else 0.0
        print(f"  attempts asking nothing on {section}: {pct(missed)}")
    print()
    return all_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path)
    parser.add_argument("--policy")
    parser.add_argument("--draws", type=int, default=5000)
    parser.add_argument(
        "--section",
        action="append",
        default=[],
        help="also count attempts that ask nothing on this section (default: essential ones)",
    )
    parser.add_argument(
        "--as-written",
        action="store_true",
        help="show options in their written order, as the app did before it shuffled them",
    )
    args = parser.parse_args()
    loaded = load_policy_set(args.content, args.policy)
    if loaded.errors:
        print("the content has errors; run smtrainer check", file=sys.stderr)
        return 2
    results = [
        report(policy, args.draws, tuple(args.section), not args.as_written)
        for _language, policy in sorted(loaded.policies.items())
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
