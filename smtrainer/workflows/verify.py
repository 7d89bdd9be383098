"""Checking record files found in files and folders."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from smtrainer.domain.record_signing import Status, Verification, verify_record_bytes
from smtrainer.i18n import _
from smtrainer.storage.records import read_limited


@dataclass(frozen=True)
class FileVerification:
    path: Path
    result: Verification


def record_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Each path that is a file, and every ``*.toml`` below each path that is a folder."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.toml") if p.is_file())
        else:
            yield path


def verify_file(path: Path) -> FileVerification:
    """Check one record file; unreadable files are reported, never raised."""
    try:
        data = read_limited(path)
    except OSError as error:
        reason = _("cannot read: {reason}").format(reason=error.strerror or error)
        return FileVerification(path, Verification(Status.UNREADABLE, reason))
    return FileVerification(path, verify_record_bytes(data))
