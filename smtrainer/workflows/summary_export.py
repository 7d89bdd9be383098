"""The staff summary as a spreadsheet for governors and inspectors."""

from __future__ import annotations

from smtrainer.documents.spreadsheet import csv_text
from smtrainer.domain.roles import role_label
from smtrainer.domain.status import STATUS_LABELS
from smtrainer.i18n import _
from smtrainer.workflows.summary import Summary


def staff_csv(summary: Summary) -> str:
    header = [
        _("Staff id"),
        _("Name"),
        _("Role"),
        _("Status"),
        _("Last completed"),
        _("Score %"),
        _("Refresher due"),
    ]
    rows = [
        [
            row.id,
            row.name,
            role_label(row.role),
            _(STATUS_LABELS[row.status]),
            row.last_completed,
            "" if row.score_pct is None else row.score_pct,
            row.refresher_due,
        ]
        for row in summary.staff
    ]
    return csv_text(header, rows)
