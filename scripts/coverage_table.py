"""The section → content map of policy packs: for each section of a policy, the key points,
scenarios and questions that cite it.

    python scripts/coverage_table.py [CONTENT_DIR] [--policy ID] [--lang en]   # print one table
    python scripts/coverage_table.py --write     # regenerate docs/packs/<id>.md for every pack
    python scripts/coverage_table.py --check     # exit 1 if a committed map is out of date

A reviewer uses the maps to see that a pack teaches and tests every part of its policy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smtrainer.content.catalog import load_catalog  # noqa: E402
from smtrainer.content.location import bundled_content_dir  # noqa: E402
from smtrainer.domain.model import Policy  # noqa: E402

DOCS = ROOT / "docs" / "packs"


def table(policy: Policy) -> str:
    """The Markdown table: one row per section, with what cites it."""
    rows: dict[str, tuple[list[str], list[str], list[str]]] = {
        s.id: ([], [], []) for s in policy.sections
    }
    for module in policy.modules:
        for point in module.key_points:
            rows[point.section][0].append(point.id)
        for scenario in module.scenarios:
            cited = {scenario.section} | {c.section for st in scenario.steps for c in st.choices}
            for section in cited:
                rows[section][1].append(scenario.id)
        for question in (*module.questions, *module.check_questions):
            rows[question.section][2].append(question.id)
    lines = ["| section | key points | scenarios | questions |", "|---|---|---|---|"]
    for section in policy.sections:
        points, scenarios, questions = rows[section.id]
        lines.append(
            f"| `{section.id}` {section.title} | {', '.join(points) or '—'} | "
            f"{', '.join(sorted(set(scenarios))) or '—'} | {', '.join(questions) or '—'} |"
        )
    untaught = [s.id for s in policy.sections if not rows[s.id][0]]
    untested = [s.id for s in policy.sections if not rows[s.id][2]]
    lines += [
        "",
        f"{len(policy.sections)} sections, {len(policy.modules)} modules; "
        f"sections without a key point: {', '.join(untaught) or 'none'}; "
        f"without a question: {', '.join(untested) or 'none'}.",
    ]
    return "\n".join(lines) + "\n"


def document(policy: Policy) -> str:
    """The committed page for one pack (English ids; the French pack has the same structure)."""
    return (
        f"# {policy.school}, {policy.title}: section → content map\n\n"
        f"Generated with `python scripts/coverage_table.py --write` from the English pack "
        f"`{policy.id}` (version {policy.version}); the French pack has the same structure, "
        "as `smtrainer check` proves.\n\n" + table(policy)
    )


def documents(content: Path | None = None) -> dict[str, str]:
    """Every usable pack's page, by file name."""
    catalog = load_catalog([content or bundled_content_dir()])
    return {f"{entry.policy_id}.md": document(entry.policies["en"]) for entry in catalog.usable()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path)
    parser.add_argument("--policy")
    parser.add_argument("--lang", default="en")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="regenerate docs/packs/<id>.md")
    mode.add_argument("--check", action="store_true", help="fail if docs/packs is out of date")
    args = parser.parse_args()
    if args.write or args.check:
        stale = []
        for name, text in documents(args.content).items():
            path = DOCS / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            stale.append(name)
            if args.write:
                DOCS.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        verb = "written" if args.write else "out of date"
        print(f"{verb}: {', '.join(stale)}" if stale else "every map is up to date")
        return 1 if stale and args.check else 0
    catalog = load_catalog([args.content or bundled_content_dir()])
    ids = [entry.policy_id for entry in catalog.usable()]
    policy_id = args.policy or (ids[0] if len(ids) == 1 else None)
    if policy_id not in ids:
        print(f"choose a usable pack with --policy: {', '.join(ids)}", file=sys.stderr)
        return 1
    print(table(catalog.packs[policy_id].policies[args.lang]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
