"""`smtrainer summary`: who is trained, due, overdue, failed or never started."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from smtrainer.domain.status import STATUS_LABELS
from smtrainer.i18n import _, ngettext
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.storage.roster import RosterError
from smtrainer.workflows.summary import Summary, summarize
from smtrainer.workflows.summary_export import (
    reason_label,
    staff_csv,
    staff_header,
    staff_rows,
    totals_sentence,
)


def summary_json(summary: Summary) -> dict[str, object]:
    return {
        "today": summary.today.isoformat(),
        "totals": {
            "records": summary.records,
            "verified": summary.verified,
            "unverified": summary.unverified,
            "invalid": summary.invalid,
        },
        "staff": [
            {
                "id": row.id,
                "name": row.name,
                "role": row.role,
                "status": row.status.value,
                "last_completed": row.last_completed or None,
                "score_pct": row.score_pct,
                "refresher_due": row.refresher_due or None,
            }
            for row in summary.staff
        ],
        "problems": [
            {"file": p.file, "reason": p.reason, "detail": p.detail} for p in summary.problems
        ],
        "pending": [
            {
                "file": p.file,
                "staff_id": p.staff_id,
                "fingerprint": p.fingerprint,
                "trust": p.trust.value,
            }
            for p in summary.pending
        ],
    }


def run_summary(
    store: Path, *, today: dt.date, due_soon_days: int, as_json: bool, csv_path: Path | None
) -> int:
    if not store.is_dir():
        print(
            _("smtrainer summary: error: no such store folder: {path}").format(path=store),
            file=sys.stderr,
        )
        return 2
    try:
        summary = summarize(store, today, due_soon_days)
    except RosterError as error:
        print(_("smtrainer summary: error: {message}").format(message=error), file=sys.stderr)
        return 1
    if csv_path is not None:
        try:
            save_document(csv_path, staff_csv(summary))
        except StorageError as error:
            print(_("smtrainer summary: error: {message}").format(message=error), file=sys.stderr)
            return 1
        print(_("Staff summary written to {path}").format(path=csv_path))
        return 0
    if as_json:
        print(json.dumps(summary_json(summary), ensure_ascii=False, indent=2))
        return 0
    _print(summary)
    return 0


def _print(summary: Summary) -> None:
    print(totals_sentence(summary))
    counts: dict[str, int] = {}
    for row in summary.staff:
        counts[row.status.value] = counts.get(row.status.value, 0) + 1
    print(
        "  ".join(
            f"{_(label)}: {counts.get(status.value, 0)}" for status, label in STATUS_LABELS.items()
        )
    )
    print()
    table = [staff_header(), *staff_rows(summary, blank="—")]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
    if summary.problems:
        print()
        print(_("Files that cannot be trusted:"))
        for problem in summary.problems:
            print(f"  {problem.file}: {reason_label(problem.reason)} {problem.detail}".rstrip())
    if summary.pending:
        print()
        print(
            ngettext(
                "{count} record is signed by a key not approved yet: see "
                "`smtrainer roster pending`.",
                "{count} records are signed by keys not approved yet: see "
                "`smtrainer roster pending`.",
                len(summary.pending),
            ).format(count=len(summary.pending))
        )
