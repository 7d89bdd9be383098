"""The head teacher's store is private: folders 0700 and files 0600, whatever the umask.

The store holds staff names, e-mail addresses and scores; nobody else on the computer needs to
read it.
"""

from __future__ import annotations

from pathlib import Path

from smtrainer.domain.os_errors import os_reason
from smtrainer.storage.atomic import StorageError

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(folder: Path) -> Path:
    """Create `folder` (and its parents) if needed, owner-only; StorageError if it cannot be.
    A folder already there keeps the mode its owner gave it: a store made read-only stays so
    (a write into it then fails, and says why)."""
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
            folder.chmod(PRIVATE_FOLDER)  # Whatever the umask.
    except OSError as error:
        raise StorageError(folder, os_reason(error)) from error
    return folder
