"""Print, for each section of a policy, the key points, scenarios and questions that cite it.

    python scripts/coverage_table.py [CONTENT_DIR] [--policy ID] [--lang en]

A Markdown table: used to show that a pack teaches and tests every part of its policy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smtrainer.content.policies import load_policy_set


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path)
    parser.add_argument("--policy")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    loaded = load_policy_set(args.content, args.policy)
    if loaded.errors:
        print("the content has errors; run smtrainer check", file=sys.stderr)
        return 1
    policy = loaded.policies[args.lang]
    rows = {s.id: ([], [], []) for s in policy.sections}
    for module in policy.modules:
        for point in module.key_points:
            rows[point.section][0].append(point.id)
        for scenario in module.scenarios:
            cited = {scenario.section} | {c.section for st in scenario.steps for c in st.choices}
            for section in cited:
                rows[section][1].append(scenario.id)
        for question in (*module.questions, *module.check_questions):
            rows[question.section][2].append(question.id)
    print("| section | key points | scenarios | questions |")
    print("|---|---|---|---|")
    for section in policy.sections:
        points, scenarios, questions = rows[section.id]
        print(
            f"| `{section.id}` {section.title} | {', '.join(points) or '—'} | "
            f"{', '.join(sorted(set(scenarios))) or '—'} | {', '.join(questions) or '—'} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
