"""Rules a pack must follow beyond the shape of each file: ids, branches, answers, citations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from smtrainer.content.pack import QUESTION_LISTS, PackSource, items
from smtrainer.content.sources import Problems, SourceFile
from smtrainer.content.validate import join, suggest
from smtrainer.content.warning_codes import CODES, WarningCode
from smtrainer.domain.model import QuestionKind, Verdict
from smtrainer.domain.problems import Severity
from smtrainer.domain.scenario_walk import find_cycle, reachable
from smtrainer.i18n import _

LONG_BODY = 1500
"""Characters beyond which a key point no longer reads comfortably on an 80×24 screen."""


def check_pack(pack: PackSource, problems: Problems) -> None:
    """Report every rule the valid files of `pack` break."""
    policy = pack.policy_data
    if policy is None or pack.policy is None:
        return
    _check_policy(pack, pack.policy, policy, problems)
    sections = [entry["id"] for entry in policy["sections"]]
    cited: set[str] = set()
    seen: dict[str, dict[str, tuple[SourceFile, str]]] = {
        "module": {},
        "key point": {},
        "scenario": {},
    }
    seen["question"] = {}
    seen["self-check item"] = {}
    for source, module in pack.valid_modules():
        _unique_across_pack(source, module, seen, problems)
        for key, section in _citations(module):
            cited.add(section)
            if section not in sections:
                hint = suggest(section, sections)
                message = _("cites section '{section}', which the policy does not list").format(
                    section=section
                )
                if hint:
                    message += " " + _("(did you mean '{suggestion}'?)").format(suggestion=hint)
                source.report(problems, key, message)
        for key, scenario in items(module, "scenarios"):
            _check_scenario(source, key, scenario, problems)
        for list_key in QUESTION_LISTS:
            for key, question in items(module, list_key):
                _check_question(source, key, question, problems)
                if pack.format >= 2:
                    _check_feedback(source, key, question, problems)
        for key, point in items(module, "key_points"):
            if len(point["body"]) > LONG_BODY:
                source.report(
                    problems,
                    join(key, "body"),
                    _(
                        "key point is {length} characters long; over {limit} it will not fit "
                        "on one screen"
                    ).format(length=len(point["body"]), limit=LONG_BODY),
                    Severity.WARNING,
                )
        if not module.get("questions"):
            source.report(
                problems,
                "questions",
                _("module adds no questions to the assessment pool"),
                Severity.WARNING,
            )
    if pack.is_valid and pack.modules:
        for index, section in enumerate(sections):
            if section not in cited:
                pack.policy.report(
                    problems,
                    f"sections[{index}]",
                    _("section '{section}' is never cited by any module").format(section=section),
                    Severity.WARNING,
                )
    if not pack.modules:
        pack.policy.report(problems, "", _("the pack has no module files"))
    elif pack.format >= 2 and pack.is_valid:
        _check_blueprint(pack.policy, policy, len(pack.modules), problems)


def _check_policy(
    pack: PackSource, source: SourceFile, policy: dict[str, Any], problems: Problems
) -> None:
    if policy["id"] != pack.policy_id:
        source.report(
            problems,
            "id",
            _("policy id '{id}' does not match its folder name '{folder}'").format(
                id=policy["id"], folder=pack.policy_id
            ),
        )
    if policy["language"] != pack.language:
        source.report(
            problems,
            "language",
            _("language '{language}' does not match its folder '{folder}'").format(
                language=policy["language"], folder=pack.language
            ),
        )
    _duplicates(source, policy, "sections", "id", problems)
    _duplicates(source, policy, "contacts", "role", problems)
    _duplicates(source, policy, "roles", "id", problems)
    sections = [entry["id"] for entry in policy["sections"]]
    essential = policy.get("assessment", {}).get("essential_sections", [])
    for index, section in enumerate(essential):
        if section not in sections:
            _unknown(
                source,
                f"assessment.essential_sections[{index}]",
                _("essential section '{section}' is not one the policy lists").format(
                    section=section
                ),
                section,
                sections,
                problems,
            )
    for key, entry in items(policy, "acknowledged"):
        if entry["warning"] not in CODES:
            _unknown(
                source,
                join(key, "warning"),
                _("'{code}' is not a warning code the checker gives").format(code=entry["warning"]),
                entry["warning"],
                CODES,
                problems,
            )


def _unknown(
    source: SourceFile,
    key: str,
    message: str,
    value: str,
    candidates: Sequence[str],
    problems: Problems,
) -> None:
    hint = suggest(value, candidates)
    if hint:
        message += " " + _("(did you mean '{suggestion}'?)").format(suggestion=hint)
    source.report(problems, key, message)


def _check_blueprint(
    source: SourceFile, policy: dict[str, Any], modules: int, problems: Problems
) -> None:
    assessment = policy.get("assessment")
    if assessment is None or "per_module" not in assessment:
        return
    per_module, size = assessment["per_module"], assessment["size"]
    if per_module * modules > size:
        source.report(
            problems,
            "assessment.per_module",
            _(
                "{per_module} questions from each of {modules} modules is {total}, more than "
                "the assessment size {size}"
            ).format(per_module=per_module, modules=modules, total=per_module * modules, size=size),
        )


def _duplicates(
    source: SourceFile, data: dict[str, Any], list_key: str, id_key: str, problems: Problems
) -> None:
    entries = items(data, list_key)
    counts = Counter(entry[id_key] for _key, entry in entries)
    for key, entry in entries:
        if counts[entry[id_key]] > 1:
            source.report(
                problems,
                join(key, id_key),
                _("duplicate {field} '{value}' in {table}").format(
                    field=id_key, value=entry[id_key], table=list_key
                ),
            )
            counts[entry[id_key]] = 0


def _unique_across_pack(
    source: SourceFile,
    module: dict[str, Any],
    seen: dict[str, dict[str, tuple[SourceFile, str]]],
    problems: Problems,
) -> None:
    entries: list[tuple[str, str, str]] = [("module", "id", module["id"])]
    for kind, list_key in (
        ("key point", "key_points"),
        ("scenario", "scenarios"),
        ("question", "check_questions"),
        ("question", "questions"),
        ("self-check item", "self_check"),
    ):
        entries.extend((kind, join(k, "id"), e["id"]) for k, e in items(module, list_key))
    for kind, key, value in entries:
        first = seen[kind].get(value)
        if first is not None:
            first_source, first_key = first
            line = first_source.line(first_key)
            place = f"{first_source.display}:{line}" if line else first_source.display
            source.report(
                problems,
                key,
                _("duplicate id '{id}': already used in {place}").format(id=value, place=place),
            )
        else:
            seen[kind][value] = (source, key)


def _citations(module: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for list_key in ("key_points", "scenarios", *QUESTION_LISTS, "self_check"):
        for key, entry in items(module, list_key):
            found.append((join(key, "section"), entry["section"]))
    for key, scenario in items(module, "scenarios"):
        for step_key, step in items(scenario, "steps"):
            for choice_key, choice in items(step, "choices"):
                found.append((f"{key}.{step_key}.{choice_key}.section", choice["section"]))
    for list_key in QUESTION_LISTS:
        for key, question in items(module, list_key):
            for option_key, option in items(question, "choices"):
                if "section" in option:
                    found.append((f"{key}.{option_key}.section", option["section"]))
    return found


def _check_scenario(
    source: SourceFile, key: str, scenario: dict[str, Any], problems: Problems
) -> None:
    steps = items(scenario, "steps")
    step_ids = [step["id"] for _k, step in steps]
    counts = Counter(step_ids)
    edges: dict[str, list[str]] = {}
    for step_key, step in steps:
        if counts[step["id"]] > 1:
            source.report(
                problems,
                f"{key}.{step_key}.id",
                _("duplicate step id '{id}' in scenario '{scenario}'").format(
                    id=step["id"], scenario=scenario["id"]
                ),
            )
        choices = items(step, "choices")
        choice_counts = Counter(choice["id"] for _k, choice in choices)
        targets = edges.setdefault(step["id"], [])
        for choice_key, choice in choices:
            where = f"{key}.{step_key}.{choice_key}"
            if choice_counts[choice["id"]] > 1:
                source.report(
                    problems,
                    join(where, "id"),
                    _("duplicate choice id '{id}' in step '{step}'").format(
                        id=choice["id"], step=step["id"]
                    ),
                )
            target = choice.get("next")
            if target is None:
                continue
            if target not in counts:
                hint = suggest(target, step_ids)
                message = _("'next' points to step '{target}', which this scenario lacks").format(
                    target=target
                )
                if hint:
                    message += " " + _("(did you mean '{suggestion}'?)").format(suggestion=hint)
                source.report(problems, join(where, "next"), message)
            else:
                targets.append(target)
        if not any(choice["verdict"] == Verdict.BEST for _k, choice in choices):
            source.report(
                problems,
                f"{key}.{step_key}",
                _("step '{step}' has no choice with verdict 'best'").format(step=step["id"]),
                Severity.WARNING,
            )
    start = scenario.get("start", step_ids[0])
    if start not in counts:
        source.report(
            problems,
            join(key, "start"),
            _("'start' names step '{step}', which this scenario lacks").format(step=start),
        )
        return
    reached = reachable(start, edges)
    for step_key, step in steps:
        if step["id"] not in reached:
            source.report(
                problems,
                f"{key}.{step_key}",
                _("step '{step}' can never be reached from the start step '{start}'").format(
                    step=step["id"], start=start
                ),
            )
    cycle = find_cycle(start, edges)
    if cycle:
        source.report(
            problems,
            key,
            _("scenario '{scenario}' can loop for ever: {path}").format(
                scenario=scenario["id"], path=" → ".join(cycle)
            ),
        )


def _check_question(
    source: SourceFile, key: str, question: dict[str, Any], problems: Problems
) -> None:
    kind = question["kind"]
    choices = items(question, "choices")
    if kind == QuestionKind.TRUE_FALSE:
        if "answer" not in question:
            source.report(
                problems, key, _("a true/false question needs 'answer = true' or 'answer = false'")
            )
        if choices:
            source.report(
                problems,
                join(key, "choices"),
                _("a true/false question takes 'answer', not 'choices'"),
            )
        return
    if "answer" in question:
        source.report(
            problems,
            join(key, "answer"),
            _("'answer' is only for true/false questions; mark the right choices 'correct'"),
        )
    if len(choices) < 2:
        source.report(
            problems,
            join(key, "choices"),
            _("a question needs at least 2 choices, found {found}").format(found=len(choices)),
        )
        return
    ids = Counter(choice["id"] for _k, choice in choices)
    for choice_key, choice in choices:
        if ids[choice["id"]] > 1:
            source.report(
                problems,
                f"{key}.{choice_key}.id",
                _("duplicate choice id '{id}' in question '{question}'").format(
                    id=choice["id"], question=question["id"]
                ),
            )
    correct = sum(1 for _k, choice in choices if choice.get("correct", False))
    if kind == QuestionKind.SINGLE and correct != 1:
        source.report(
            problems,
            join(key, "choices"),
            _("a single-answer question needs exactly one correct choice, found {found}").format(
                found=correct
            ),
        )
    elif kind == QuestionKind.MULTIPLE and correct == 0:
        source.report(
            problems,
            join(key, "choices"),
            _("a multiple-answer question needs at least one correct choice, found none"),
        )
    elif kind == QuestionKind.MULTIPLE and correct == len(choices):
        source.report(
            problems,
            join(key, "choices"),
            _("every choice is correct, so the question tests nothing"),
            Severity.WARNING,
        )


def _check_feedback(
    source: SourceFile, key: str, question: dict[str, Any], problems: Problems
) -> None:
    """Format 2: every wrong option says why it is wrong."""
    missing = [
        option["id"]
        for _k, option in items(question, "choices")
        if not option.get("correct", False) and "feedback" not in option
    ]
    if missing:
        source.warn(
            problems,
            join(key, "choices"),
            _("wrong options without 'feedback' (why not this one): {options}").format(
                options=", ".join(missing)
            ),
            WarningCode.MISSING_FEEDBACK,
            question["id"],
        )
