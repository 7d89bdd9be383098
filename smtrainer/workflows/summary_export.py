"""The staff summary in words: the table shared by the terminal, the CSV export and the
dashboard, and the totals sentence."""

from __future__ import annotations

from collections.abc import Callable

from smtrainer.documents.spreadsheet import csv_text
from smtrainer.domain.inert_text import inert
from smtrainer.domain.roles import role_label
from smtrainer.domain.roster import Trust
from smtrainer.domain.status import STATUS_LABELS, StaffStatus
from smtrainer.i18n import N_, _, ngettext
from smtrainer.workflows.summary import StaffRow, Summary, pending_keys


def staff_header(summary: Summary | None = None) -> list[str]:
    """The column names; with a summary of several policies, one more column per policy."""
    return [
        _("Staff id"),
        _("Name"),
        _("Role"),
        _("Status"),
        _("Last completed"),
        _("Score %"),
        _("Refresher due"),
        *policy_header(summary),
    ]


def policy_header(summary: Summary | None) -> list[str]:
    """One column per policy when people are judged on more than one."""
    if summary is None or len(summary.policies) < 2:
        return []
    return [inert(policy_id) for policy_id in summary.policies]


def policy_cells(summary: Summary, row: StaffRow, blank: str = "") -> list[str]:
    """The person's status for each policy (with the date it was last completed)."""
    if len(summary.policies) < 2:
        return []
    cells = []
    for standing in row.policies:
        text = _(STATUS_LABELS[standing.status])
        if standing.last_completed:
            text += f" ({standing.last_completed})"
        cells.append(text)
    return cells or [blank] * len(summary.policies)


def staff_rows(summary: Summary, blank: str = "") -> list[list[str]]:
    """One row per person, in the active language; `blank` stands for "nothing yet"."""
    return [staff_line(summary, row, blank) for row in summary.staff]


def staff_line(
    summary: Summary,
    row: StaffRow,
    blank: str = "",
    status: Callable[[StaffStatus], str] | None = None,
) -> list[str]:
    """One person's row, every value inert; `status` puts a status in words."""
    return [
        inert(row.id),
        inert(row.name),
        inert(role_label(row.role)),
        status_text(row, status),
        row.last_completed or blank,
        blank if row.score_pct is None else str(row.score_pct),
        row.refresher_due or blank,
        *policy_cells(summary, row, blank),
    ]


def status_text(row: StaffRow, status: Callable[[StaffStatus], str] | None = None) -> str:
    """The status in words (by default its label; `status` for other words), with "last
    attempt failed" when a pass still keeps them in date."""
    text = status(row.status) if status else _(STATUS_LABELS[row.status])
    if row.last_attempt_failed:
        text += " — " + _("last attempt failed")
    return text


def staff_csv(summary: Summary) -> str:
    """The staff table for a spreadsheet (UTF-8 with BOM, formula-like cells neutralised)."""
    return csv_text(staff_header(summary), staff_rows(summary))


def totals_sentence(summary: Summary) -> str:
    text = ngettext(
        "{records} record: {verified} verified, {unverified} awaiting key approval, "
        "{changed} signed by a changed key, {invalid} invalid.",
        "{records} records: {verified} verified, {unverified} awaiting key approval, "
        "{changed} signed by a changed key, {invalid} invalid.",
        summary.records,
    ).format(
        records=summary.records,
        verified=summary.verified,
        unverified=summary.unverified,
        changed=summary.key_changed,
        invalid=summary.invalid,
    )
    set_aside = (
        summary.records
        - summary.verified
        - summary.unverified
        - summary.key_changed
        - summary.invalid
        - summary.later
    )
    if set_aside > 0:  # Copies of a record, reused record ids: listed with the problems.
        text += " " + ngettext(
            "{count} copy of a record is set aside (its record id is in another file too).",
            "{count} copies of records are set aside (their record ids are in other files too).",
            set_aside,
        ).format(count=set_aside)
    if summary.later:
        text += " " + ngettext(
            "{count} record made after {day} is left out.",
            "{count} records made after {day} are left out.",
            summary.later,
        ).format(count=summary.later, day=summary.today.isoformat())
    return text


def trust_lines(summary: Summary) -> list[str]:
    """Keys waiting for approval, changed keys and keys used by several people, one line each
    (inert: names come from records)."""
    lines = []
    for key in pending_keys(summary):
        who = inert(f"{key.staff_id or '—'} {key.staff_name}".strip())
        if key.trust is Trust.KEY_CHANGED:
            line = ngettext(
                "Changed key for {who}: {fingerprint} ({count} record)",
                "Changed key for {who}: {fingerprint} ({count} records)",
                key.records,
            )
        else:
            line = ngettext(
                "Key waiting for approval for {who}: {fingerprint} ({count} record)",
                "Key waiting for approval for {who}: {fingerprint} ({count} records)",
                key.records,
            )
        lines.append(line.format(who=who, fingerprint=key.fingerprint, count=key.records))
    for fingerprint, ids in summary.shared_keys.items():
        lines.append(
            _("Key used by several people: {fingerprint} ({ids})").format(
                fingerprint=fingerprint, ids=inert(", ".join(ids))
            )
        )
    return lines


REASON_WORDS = {
    "tampered": N_("tampered"),
    "unreadable": N_("unreadable"),
    "unsigned": N_("unsigned"),
    "unsupported": N_("unsupported version"),
    "conflict": N_("conflict"),
    "invalid": N_("invalid"),
    "reused": N_("record id reused by another key"),
    "copy": N_("copy"),
}


def reason_label(reason: str) -> str:
    """A problem's reason word in the active language."""
    word = REASON_WORDS.get(reason)
    return _(word) if word else reason
