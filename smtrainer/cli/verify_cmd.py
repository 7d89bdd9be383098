"""`smtrainer verify PATH...`: one line per record file, and an exit status for scripts."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from smtrainer.domain.inert_text import inert, shown_name
from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.record import verification_code
from smtrainer.domain.record_signing import message_of
from smtrainer.domain.record_status import Status
from smtrainer.i18n import _
from smtrainer.storage.records import read_limited
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.verify import STATUS_WORDS, FileVerification, verify_paths


def _describe(item: FileVerification) -> str:
    result = item.result
    if result.record is None:
        return inert(result.reason)
    record = result.record
    who = " ".join(part for part in (record["staff_id"], record["staff_name"]) if part)
    return _("{who} — {policy} {version} — {score} % — {fingerprint} — code {code}").format(
        who=inert(who),
        policy=record["policy_id"],
        version=record["policy_version"],
        score=record["score_pct"],
        fingerprint=result.fingerprint,
        code=verification_code(record),
    )


def run_verify(paths: list[Path], *, as_json: bool, content_dir: Path | None = None) -> int:
    """One line per record file; `content_dir` holds the policies records may belong to."""
    missing = [path for path in paths if not path.exists()]
    if missing:
        for path in missing:
            print(
                _("smtrainer verify: error: no such file or folder: {path}").format(
                    path=shown_name(path)
                ),
                file=sys.stderr,
            )
        return 2
    context = RecordContext.load(content_dir, clock=False)  # Checked, not counted: no clock.
    results = list(verify_paths(paths, context))
    counts = Counter(item.result.status.value for item in results)
    if as_json:
        print(json.dumps(_json(results, counts), ensure_ascii=False, indent=2))
    else:
        width = max((len(_(word)) for word in STATUS_WORDS.values()), default=10)
        for item in results:
            word = _(STATUS_WORDS[item.result.status])
            print(f"{word:<{width}}  {shown_name(item.path)}  {_describe(item)}")
        if not results:
            print(_("No record files found."))
    return 0 if results and all(item.result.valid for item in results) else 1


def _json(results: list[FileVerification], counts: Counter[str]) -> dict[str, object]:
    return {
        "ok": bool(results) and all(item.result.valid for item in results),
        "counts": {status.value: counts.get(status.value, 0) for status in Status},
        "records": [
            {
                "file": inert(item.path),
                "status": item.result.status.value,
                "reason": item.result.reason,
                "record_id": item.result.record["record_id"] if item.result.record else None,
                "staff_id": item.result.record["staff_id"] if item.result.record else None,
                "fingerprint": item.result.fingerprint,
            }
            for item in results
        ],
    }


def run_message(path: Path) -> int:
    """Print the exact bytes the record's signature covers (for `ssh-keygen -Y verify`)."""
    try:
        message = message_of(read_limited(path))
    except OSError as error:
        reason = os_reason(error)
        print(
            _("smtrainer verify: error: {path}: {reason}").format(
                path=shown_name(path), reason=reason
            ),
            file=sys.stderr,
        )
        return 2
    except ValueError as error:
        print(
            _("smtrainer verify: error: {path}: {reason}").format(
                path=shown_name(path), reason=error
            ),
            file=sys.stderr,
        )
        return 1
    sys.stdout.buffer.write(message)
    return 0
