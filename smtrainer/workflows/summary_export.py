"""The staff summary in words: the table shared by the terminal, the CSV export and the
dashboard, and the totals sentence."""

from __future__ import annotations

from smtrainer.documents.spreadsheet import csv_text
from smtrainer.domain.roles import role_label
from smtrainer.domain.status import STATUS_LABELS
from smtrainer.i18n import N_, _, ngettext
from smtrainer.workflows.summary import Summary


def staff_header() -> list[str]:
    return [
        _("Staff id"),
        _("Name"),
        _("Role"),
        _("Status"),
        _("Last completed"),
        _("Score %"),
        _("Refresher due"),
    ]


def staff_rows(summary: Summary, blank: str = "") -> list[list[str]]:
    """One row per person, in the active language; `blank` stands for "nothing yet"."""
    return [
        [
            row.id,
            row.name,
            role_label(row.role),
            _(STATUS_LABELS[row.status]),
            row.last_completed or blank,
            blank if row.score_pct is None else str(row.score_pct),
            row.refresher_due or blank,
        ]
        for row in summary.staff
    ]


def staff_csv(summary: Summary) -> str:
    """The staff table for a spreadsheet (UTF-8 with BOM, formula-like cells neutralised)."""
    return csv_text(staff_header(), staff_rows(summary))


def totals_sentence(summary: Summary) -> str:
    return ngettext(
        "{records} record: {verified} verified, {unverified} awaiting key approval, "
        "{invalid} invalid.",
        "{records} records: {verified} verified, {unverified} awaiting key approval, "
        "{invalid} invalid.",
        summary.records,
    ).format(
        records=summary.records,
        verified=summary.verified,
        unverified=summary.unverified,
        invalid=summary.invalid,
    )


REASON_WORDS = {
    "tampered": N_("tampered"),
    "unreadable": N_("unreadable"),
    "unsigned": N_("unsigned"),
    "unsupported": N_("unsupported version"),
    "conflict": N_("conflict"),
}


def reason_label(reason: str) -> str:
    """A problem's reason word in the active language."""
    word = REASON_WORDS.get(reason)
    return _(word) if word else reason
