"""The inspection log's facts: the summary's staff table in words, and the policies trained on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_date

from smtrainer.documents.inspection_log import InspectionLog, LogRow
from smtrainer.domain.dates import parse_date
from smtrainer.domain.roles import role_label
from smtrainer.domain.status import STATUS_LABELS, StaffStatus
from smtrainer.i18n import _, current_language
from smtrainer.workflows.summary import summarize
from smtrainer.workflows.summary_export import totals_sentence


def _day(text: str) -> str:
    if not text:
        return "—"
    try:
        day = parse_date(text[:10])
    except ValueError:
        return text
    return str(format_date(day, format="medium", locale=current_language()))


def inspection_log(store: Path, today: dt.date, content_dir: Path | None = None) -> InspectionLog:
    summary = summarize(store, today)
    rows, never = [], []
    for person in summary.staff:
        row = LogRow(
            name=person.name,
            staff_id=person.id,
            role=role_label(person.role),
            last_completed=_day(person.last_completed),
            score="—" if person.score_pct is None else str(person.score_pct),
            next_refresher=_day(person.refresher_due),
            status=_(STATUS_LABELS[person.status]),
        )
        rows.append(row)
        if person.status is StaffStatus.NEVER:
            never.append(row)
    policies, schools = set(), set()
    for policy_id in sorted({fact.policy_id for p in summary.staff for fact in p.history}):
        label, school = _policy(policy_id, content_dir)
        policies.add(label)
        if school:
            schools.add(school)
    school = ", ".join(sorted(schools)) or _("(school not named in the installed policies)")
    return InspectionLog(
        school=school,
        policies=sorted(policies),
        today=today,
        rows=rows,
        never_started=never,
        totals=totals_sentence(summary),
    )


def _policy(policy_id: str, content_dir: Path | None) -> tuple[str, str]:
    """A policy as "title, version N" and its school, from the installed pack if there is one."""
    from smtrainer.content.errors import ContentFolderError
    from smtrainer.content.policies import load_policy_set

    try:
        loaded = load_policy_set(content_dir, policy_id)
    except ContentFolderError:
        return policy_id, ""
    policy = loaded.policies.get(current_language()) or next(iter(loaded.policies.values()), None)
    if policy is None:
        return policy_id, ""
    label = _("{title}, version {version}").format(title=policy.title, version=policy.version)
    return label, policy.school
