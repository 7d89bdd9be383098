"""`smtrainer summary`: who is trained, due, overdue, failed or never started."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import msgspec

from smtrainer.cli.text import no_store
from smtrainer.domain.inert_text import inert, shown_name
from smtrainer.domain.roster import Trust
from smtrainer.domain.status import STATUS_LABELS
from smtrainer.i18n import _, ngettext
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.storage.roster import RosterError
from smtrainer.workflows.printed_summary import printed_summary
from smtrainer.workflows.summary import PendingKey, Summary, pending_keys
from smtrainer.workflows.summary_export import (
    reason_label,
    staff_csv,
    staff_header,
    staff_rows,
    totals_sentence,
    trust_lines,
)


def _key_json(key: PendingKey) -> dict[str, object]:
    return {
        "staff_id": key.staff_id,
        "staff_name": key.staff_name,
        "fingerprint": key.fingerprint,
        "records": key.records,
    }


def summary_json(summary: Summary) -> dict[str, object]:
    waiting = pending_keys(summary)
    return {
        "today": summary.today.isoformat(),
        "policies": summary.policies,
        "totals": {
            "records": summary.records,
            "verified": summary.verified,
            "unverified": summary.unverified,
            "key_changed": summary.key_changed,
            "invalid": summary.invalid,
            "left_out_after_today": summary.later,
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
                "last_attempt_failed": row.last_attempt_failed,
                "policies": {
                    standing.policy_id: {
                        "status": standing.status.value,
                        "last_completed": standing.last_completed or None,
                        "score_pct": standing.score_pct,
                        "refresher_due": standing.refresher_due or None,
                        "last_attempt_failed": standing.last_attempt_failed,
                    }
                    for standing in row.policies
                },
            }
            for row in summary.staff
        ],
        "keys": {
            "pending": [_key_json(k) for k in waiting if k.trust is not Trust.KEY_CHANGED],
            "changed": [_key_json(k) for k in waiting if k.trust is Trust.KEY_CHANGED],
            "shared": [
                {"fingerprint": fingerprint, "staff_ids": ids}
                for fingerprint, ids in summary.shared_keys.items()
            ],
        },
        "problems": [
            {"file": inert(p.file), "reason": p.reason, "detail": p.detail}
            for p in summary.problems
        ],
        "pending": [
            {
                "file": inert(p.file),
                "staff_id": p.staff_id,
                "fingerprint": p.fingerprint,
                "trust": p.trust.value,
            }
            for p in summary.pending
        ],
    }


def run_summary(
    store: Path,
    *,
    today: dt.date,
    due_soon_days: int,
    as_json: bool,
    csv_path: Path | None,
    policies: Sequence[str] = (),
) -> int:
    if not store.is_dir():
        return no_store("summary", store)
    try:
        summary = printed_summary(store, today, due_soon_days, policies=policies)
    except RosterError as error:
        print(_("smtrainer summary: error: {message}").format(message=error), file=sys.stderr)
        return 1
    if csv_path is not None:
        try:
            save_document(csv_path, staff_csv(summary))
        except StorageError as error:
            print(_("smtrainer summary: error: {message}").format(message=error), file=sys.stderr)
            return 1
        print(_("Staff summary written to {path}").format(path=shown_name(csv_path)))
        return 0
    if as_json:
        text = msgspec.json.format(msgspec.json.encode(summary_json(summary)), indent=2)
        print(text.decode("utf-8"))
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
            _("{status}: {count}").format(status=_(label), count=counts.get(status.value, 0))
            for status, label in STATUS_LABELS.items()
        )
    )
    print()
    table = [staff_header(summary), *staff_rows(summary, blank="—")]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
    if summary.problems:
        print()
        print(_("Files that cannot be trusted:"))
        for problem in summary.problems:
            name, reason = shown_name(problem.file), reason_label(problem.reason)
            text = (
                _("{file}: {reason} — {detail}").format(
                    file=name, reason=reason, detail=problem.detail
                )
                if problem.detail
                else _("{file}: {reason}").format(file=name, reason=reason)
            )
            print("  " + inert(text))
    trust = trust_lines(summary)
    if trust:
        print()
        print(_("Signing keys that need a decision:"))
        for text in trust:
            print(f"  {text}")
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
