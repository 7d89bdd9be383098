"""Writing record files: create-only with unique names, a local copy first, then delivery."""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.record_signing import MAX_RECORD_BYTES
from smtrainer.domain.record_v2 import SCHEMA_V2
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.listing import read_regular
from smtrainer.storage.paths import data_dir
from smtrainer.storage.record_toml import compact_record_text

_UNSAFE = re.compile(r"[^a-z0-9]+")


def record_text(record: Mapping[str, Any], signature: Mapping[str, str]) -> str:
    """The record file's TOML: the compact layout for v2, the table-per-entry layout for v1."""
    if record.get("schema") == SCHEMA_V2:
        return compact_record_text(record, signature)
    return tomli_w.dumps({"record": record, "signature": signature}, multiline_strings=True)


def _slug(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return _UNSAFE.sub("-", ascii_text).strip("-")[:40] or "staff"


def record_file_name(record: Mapping[str, Any]) -> str:
    """Unique and readable: policy, person, completion time and the record id."""
    who = _slug(str(record.get("staff_id") or record.get("staff_name", "")))
    when = str(record.get("completed_at", "")).replace("-", "").replace(":", "")
    return f"{_slug(str(record['policy_id']))}_{who}_{when}_{record['record_id']}.toml"


def local_records_dir() -> Path:
    return data_dir() / "records"


def outbox_dir() -> Path:
    return data_dir() / "outbox"


@dataclass(frozen=True)
class Delivery:
    """Where a record went: always the local copy; the shared folder, or the outbox and why."""

    local: Path
    shared: Path | None = None
    outbox: Path | None = None
    problem: str | None = None


def write_record_file(
    folder: Path, name: str, text: str, *, sync: bool = True, mode: int = 0o644
) -> Path:
    """Create `folder/name` with permissions `mode`; never replaces a file. StorageError when it
    cannot be written."""
    path = folder / name
    data = text.encode("utf-8")
    if len(data) > MAX_RECORD_BYTES:
        raise StorageError(
            path, _("record is larger than {limit} bytes").format(limit=MAX_RECORD_BYTES)
        )
    atomic_write(path, data, exclusive=True, sync=sync, mode=mode)
    return path


def save_record(
    name: str,
    text: str,
    *,
    local: Path | None = None,
    shared: Path | None = None,
    outbox: Path | None = None,
) -> Delivery:
    """Keep the record locally, then hand it to the shared folder or leave it in the outbox.

    The local copy must succeed (StorageError otherwise); a shared folder that cannot be written
    only delays delivery.
    """
    local_path = write_record_file(local or local_records_dir(), name, text)
    if shared is None:
        return Delivery(local_path)
    try:
        return Delivery(local_path, shared=hand_in(shared, name, text))
    except StorageError as error:
        queued = write_record_file(outbox or outbox_dir(), name, text)
        return Delivery(local_path, outbox=queued, problem=str(error))


HAND_IN_SECONDS = 4.0
"""How long a shared folder may take to accept a record before it waits in the outbox."""


def hand_in(shared: Path, name: str, text: str, timeout: float | None = None) -> Path:
    """Write the record into the shared folder; StorageError if it cannot, or does not answer
    within `timeout` seconds (a network folder can hang: the write then goes on in the
    background, and a later delivery from the outbox sees the identical file and stops)."""
    outcome: list[Path | StorageError] = []

    def write() -> None:
        try:
            if not shared.is_dir():
                raise StorageError(shared, _("the shared folder is not reachable"))
            outcome.append(write_record_file(shared, name, text))
        except StorageError as error:
            outcome.append(error)
        except OSError as error:
            outcome.append(StorageError(shared, os_reason(error)))

    seconds = HAND_IN_SECONDS if timeout is None else timeout
    worker = threading.Thread(target=write, name="hand-in", daemon=True)
    worker.start()
    worker.join(seconds)
    if not outcome:
        raise StorageError(
            shared,
            _("the shared folder did not answer within {seconds} seconds").format(
                seconds=f"{seconds:g}"
            ),
        )
    result = outcome[0]
    if isinstance(result, StorageError):
        raise result
    return result


def deliver_outbox(shared: Path, outbox: Path | None = None) -> tuple[list[Path], list[str]]:
    """Copy queued records into `shared`; those delivered leave the outbox. (delivered, problems)"""
    folder = outbox or outbox_dir()
    delivered: list[Path] = []
    problems: list[str] = []
    if not folder.is_dir():
        return delivered, problems
    for queued in sorted(folder.glob("*.toml")):
        try:
            text = queued.read_text(encoding="utf-8")
            target = shared / queued.name
            if target.exists() and target.read_text(encoding="utf-8") == text:
                queued.unlink()
                continue
            delivered.append(write_record_file(shared, queued.name, text))
            queued.unlink()
        except (OSError, StorageError, UnicodeDecodeError) as error:
            problems.append(f"{queued.name}: {error}")
    return delivered, problems


def read_limited(path: str | Path, limit: int = MAX_RECORD_BYTES) -> bytes:
    """At most `limit` + 1 bytes of `path`, so an oversized file is detected without reading it;
    OSError if it is not a regular file (a named pipe would never end its read)."""
    return read_regular(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), limit)[0]
