"""What the dashboard shows, worked out from a summary: rows, bars and rankings (no widgets)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from smtrainer.domain.model import Policy, Verdict
from smtrainer.domain.roles import role_label
from smtrainer.domain.signature_name import signature_key
from smtrainer.domain.status import STATUS_LABELS, StaffStatus
from smtrainer.i18n import _
from smtrainer.ui.words import verdict_label
from smtrainer.workflows.summary import StaffRow, Summary


@dataclass(frozen=True)
class Filters:
    text: str = ""
    status: StaffStatus | None = None
    role: str | None = None


_search_key = functools.lru_cache(maxsize=1 << 16)(signature_key)
"""A name or id as the search compares it (case, accents and spaces aside), each worked out
once however many letters are typed."""


def filtered(rows: list[StaffRow], filters: Filters) -> list[StaffRow]:
    """The rows that pass the filters; the search matches a name or id whatever its case and
    accents ("lefevre" finds Lefèvre)."""
    needle = _search_key(filters.text)
    return [
        row
        for row in rows
        if (not needle or needle in _search_key(row.name) or needle in _search_key(row.id))
        and (filters.status is None or row.status is filters.status)
        and (filters.role is None or row.role == filters.role)
    ]


_STATUS_ORDER = {status: index for index, status in enumerate(STATUS_LABELS)}


def sort_key(column: str) -> Callable[[StaffRow], tuple[object, str]]:
    """How the staff table sorts by `column` ("id", "name", "role", "status",
    "last_completed"), then by id: names and roles as read in the session's language, accents
    aside (É sorts with E), and statuses in the order the totals give them."""
    if column == "name":
        return lambda row: (_search_key(row.name), row.id)
    if column == "role":
        return lambda row: (_search_key(role_label(row.role)), row.id)
    if column == "status":
        return lambda row: (_STATUS_ORDER.get(row.status, len(_STATUS_ORDER)), row.id)
    return lambda row: (str(getattr(row, column)), row.id)


def shown_order(line: list[str]) -> list[str]:
    """A staff line (as exported: id, name, role, status…) in the table's order: the status
    before the role, so that it is seen at 80 columns, whatever the length of role names."""
    return [line[0], line[1], line[3], line[2], *line[4:]]


def roles_in_order(roles: Iterable[str]) -> list[str]:
    """Role codes in the order of their names in the session's language."""
    return sorted(roles, key=lambda role: (_search_key(role_label(role)), role))


def status_word(status: StaffStatus) -> str:
    symbol = {
        StaffStatus.CURRENT: "✓",
        StaffStatus.DUE_SOON: "◐",
        StaffStatus.OVERDUE: "✗",
        StaffStatus.NEVER: "○",
        StaffStatus.FAILED: "✗",
        StaffStatus.LEFT: "–",
    }[status]
    return f"{symbol} {_(STATUS_LABELS[status])}"


def bar(done: int, total: int, width: int = 30) -> str:
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def role_lines(summary: Summary) -> list[tuple[str, str, int, int]]:
    """(role label, bar, current, people) per role."""
    by_role = summary.by_role()
    return [
        (role_label(role), bar(*by_role[role]), *by_role[role]) for role in roles_in_order(by_role)
    ]


def question_rows(summary: Summary, policy: Policy | None) -> list[tuple[str, int, int, int]]:
    """(question text, % right, right, asked), worst first."""
    texts = {}
    if policy is not None:
        texts = {q.id: q.prompt for m in policy.modules for q in m.questions}
    rows = [
        (texts.get(qid, qid), right * 100 // asked if asked else 0, right, asked)
        for qid, (right, asked) in summary.question_results.items()
    ]
    return sorted(rows, key=lambda r: (r[1], -r[3], r[0]))


def wrong_turn_rows(summary: Summary, policy: Policy | None) -> list[tuple[str, str, str, int]]:
    """(scenario title, choice text, verdict words, times taken) for non-best choices, most
    common first."""
    titles: dict[str, str] = {}
    choices: dict[tuple[str, str, str], str] = {}
    if policy is not None:
        for module in policy.modules:
            for scenario in module.scenarios:
                titles[scenario.id] = scenario.title
                for step in scenario.steps:
                    for choice in step.choices:
                        choices[(scenario.id, step.id, choice.id)] = choice.text
    rows = []
    for (scenario_id, step_id), counts in summary.choice_counts.items():
        for (choice_id, verdict), count in counts.items():
            if verdict == Verdict.BEST.value:
                continue
            rows.append(
                (
                    titles.get(scenario_id, scenario_id),
                    choices.get((scenario_id, step_id, choice_id), choice_id),
                    verdict_label(Verdict(verdict)),
                    count,
                )
            )
    return sorted(rows, key=lambda r: (-r[3], r[0], r[1]))
