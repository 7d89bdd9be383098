"""`smtrainer check`: report every problem in a content folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from smtrainer.content.errors import ContentFolderError
from smtrainer.content.loader import ContentTree, load_tree
from smtrainer.content.location import bundled_content_dir
from smtrainer.content.migration import migration_steps
from smtrainer.domain.problems import Problem
from smtrainer.i18n import _, ngettext

COUNT_LABELS = {
    "modules": lambda n: ngettext("{n} module", "{n} modules", n),
    "key_points": lambda n: ngettext("{n} key point", "{n} key points", n),
    "scenarios": lambda n: ngettext("{n} scenario", "{n} scenarios", n),
    "steps": lambda n: ngettext("{n} step", "{n} steps", n),
    "questions": lambda n: ngettext("{n} assessment question", "{n} assessment questions", n),
    "check_questions": lambda n: ngettext("{n} check question", "{n} check questions", n),
    "self_check": lambda n: ngettext("{n} self-check item", "{n} self-check items", n),
}


def run_check(content_dir: Path | None, *, strict: bool, as_json: bool) -> int:
    root = content_dir if content_dir is not None else bundled_content_dir()
    try:
        tree = load_tree(root, cues=True)
    except ContentFolderError as error:
        print(_("smtrainer check: error: {message}").format(message=error), file=sys.stderr)
        return 2
    problems = tree.problems
    failed = problems.errors > 0 or (strict and problems.warnings > 0)
    if as_json:
        print(json.dumps(_json_report(tree, ok=not failed), ensure_ascii=False, indent=2))
    else:
        _print_report(tree, strict=strict)
    return 1 if failed else 0


def _json_report(tree: ContentTree, *, ok: bool) -> dict[str, object]:
    problems = tree.problems
    return {
        "ok": ok,
        "errors": problems.errors,
        "warnings": problems.warnings,
        "problems": [p.to_json() for p in problems.sorted()],
        "policies": [
            {
                "id": policy_id,
                "languages": languages,
                "formats": tree.formats()[policy_id],
                "migration": _migrations(tree, policy_id),
            }
            for policy_id, languages in tree.counts().items()
        ],
    }


def _migrations(tree: ContentTree, policy_id: str) -> dict[str, list[str]]:
    """For each language still in an older format, the steps to the newest one."""
    steps = {language: migration_steps(pack) for language, pack in tree.packs[policy_id].items()}
    return {language: found for language, found in sorted(steps.items()) if found}


def format_problem(problem: Problem) -> str:
    """One problem as `file:line: severity: key: message`, the form editors can jump to."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    severity = _("error") if problem.is_error else _("warning")
    if problem.code:
        severity += f" [{problem.code}]"
    key = f"{problem.key}: " if problem.key else ""
    return f"{where}: {severity}: {key}{problem.message}"


def _print_migration(tree: ContentTree, policy_id: str) -> None:
    """How to move each older-format language of a policy, once per distinct list of steps."""
    grouped: dict[tuple[str, ...], list[str]] = {}
    for language, found in _migrations(tree, policy_id).items():
        grouped.setdefault(tuple(found), []).append(language)
    for steps, in_languages in grouped.items():
        print(
            _(
                "{policy} [{languages}] is in content format 1, which is still read. "
                "To move it to format 2:"
            ).format(policy=policy_id, languages=", ".join(in_languages))
        )
        for number, step in enumerate(steps, start=1):
            print(f"  {number}. {step}")


def _print_report(tree: ContentTree, *, strict: bool) -> None:
    problems = tree.problems
    for problem in problems.sorted():
        print(format_problem(problem))
    for policy_id, languages in tree.counts().items():
        for language, counts in languages.items():
            parts = ", ".join(COUNT_LABELS[name](n).format(n=n) for name, n in counts.items())
            print(f"{policy_id} [{language}]: {parts}")
    for policy_id in tree.packs:
        _print_migration(tree, policy_id)
    errors = ngettext("{n} error", "{n} errors", problems.errors).format(n=problems.errors)
    warnings = ngettext("{n} warning", "{n} warnings", problems.warnings).format(
        n=problems.warnings
    )
    if not problems.items:
        print(_("No problems found."))
    else:
        print(f"{errors}, {warnings}" + (" " + _("(strict: warnings count)") if strict else ""))
