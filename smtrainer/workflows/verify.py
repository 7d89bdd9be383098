"""Checking record files found in files and folders: the record gate, then the rules that need
the school's policies and the clock."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.record_judgement import RecordTerms
from smtrainer.domain.record_signing import Verification
from smtrainer.domain.record_signing import verify_record_bytes as gate
from smtrainer.domain.record_status import Status
from smtrainer.i18n import N_, _
from smtrainer.storage.listing import RECORDS, SKIP_REASONS, Found, Skipped, record_entries
from smtrainer.storage.records import read_limited
from smtrainer.storage.roster import ROSTER_FILE
from smtrainer.workflows.record_context import RecordContext

STATUS_WORDS = {
    Status.VALID: N_("valid"),
    Status.TAMPERED: N_("tampered"),
    Status.UNSIGNED: N_("unsigned"),
    Status.UNREADABLE: N_("unreadable"),
    Status.UNSUPPORTED: N_("unsupported version"),
    Status.INVALID: N_("invalid"),
}
"""Each status in words (translate with `_()` when shown)."""


@dataclass(frozen=True)
class FileVerification:
    path: Path
    result: Verification


def record_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Each path that is a file, and every ``*.toml`` below each path that is a folder (links
    and hidden files inside folders are left alone, as `collect` does); of a head teacher's
    store, only its records folder (its roster is not a record)."""
    yield from (found.path for found in _entries(paths) if found.skipped is None)


def verify_paths(
    paths: Sequence[Path], context: RecordContext | None = None
) -> Iterator[FileVerification]:
    """`verify_file` of each of `record_files(paths)`; besides, each file or folder inside a
    folder that is left alone unread (a link, not a regular file, an unsafe name, too deep)
    as unreadable, saying why, as `collect` reports it (hidden files stay silent)."""
    for found in _entries(paths):
        if found.skipped is None:
            yield verify_file(found.path, context)
        elif found.skipped is not Skipped.HIDDEN:
            reason = _(SKIP_REASONS[found.skipped])
            yield FileVerification(found.path, Verification(Status.UNREADABLE, reason))


def _entries(paths: Sequence[Path]) -> Iterator[Found]:
    """Each path that is not a folder, as it is; the entries of each folder (see
    `record_entries`), of a head teacher's store only its records folder."""
    for path in paths:
        if not path.is_dir():
            yield Found(path, path.name, None)
            continue
        if (path / ROSTER_FILE).is_file() and (path / RECORDS).is_dir():
            path = path / RECORDS
        yield from record_entries(path)


def verify_file(path: Path, context: RecordContext | None = None) -> FileVerification:
    """Check one record file; unreadable files are reported, never raised. With a context, a
    record for an unknown policy or dated in the future is invalid too."""
    try:
        data = read_limited(path)
    except OSError as error:
        reason = _("cannot read: {reason}").format(reason=os_reason(error))
        return FileVerification(path, Verification(Status.UNREADABLE, reason))
    result = gate(data)
    record = result.record
    if context is not None and record is not None:
        terms = RecordTerms(
            record["policy_id"], record["language"], record["completed_at"], record["refresher_due"]
        )
        problem = context.judge(terms)
        if problem:
            result = dataclasses.replace(
                result, status=Status.INVALID, reason=problem, record=None, typed=None
            )
    return FileVerification(path, result)
