"""Atomic file writes: a temporary file in the same folder, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from smtrainer.domain.os_errors import os_reason


class StorageError(Exception):
    """A file could not be written; the message says which and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # Not every platform or filesystem allows it.
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(
    path: Path,
    data: bytes | Sequence[bytes],
    *,
    mode: int = 0o644,
    exclusive: bool = False,
    sync: bool = True,
) -> None:
    """Write `data` (bytes, or parts written one after the other, never joined in memory) to
    `path` so readers see the old file or the new one, never a part.

    With `exclusive`, fail if `path` already exists (create-only), without replacing it.
    `sync=False` skips the fsyncs, for bulk files that can be made again (the demo school).
    A missing folder is made; owner-only (0700, whatever the umask) for a file that is
    (`mode` 0600): a folder already there keeps its mode.
    """
    folder = path.parent
    try:
        if not folder.is_dir():
            private = (mode & 0o077) == 0
            folder.mkdir(parents=True, exist_ok=True, mode=0o700 if private else 0o777)
            if private:
                folder.chmod(0o700)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise StorageError(path, os_reason(error)) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in (data,) if isinstance(data, bytes) else data:
                handle.write(part)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        temp.chmod(mode)
        if exclusive:
            # link() fails if the target exists, so an existing file is never replaced.
            os.link(temp, path)
            temp.unlink()
        else:
            temp.replace(path)
        if sync:
            _fsync_folder(folder)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageError(path, os_reason(error)) from error
