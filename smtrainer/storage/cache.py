"""A cache of checked content, so the app starts without parsing and checking every file."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.paths import APP_NAME, HOME_VARIABLE


def cache_dir() -> Path:
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def read_cache(name: str, signature: str) -> bytes | None:
    """The cached data if it was written for `signature`; None otherwise or if unreadable."""
    try:
        data = (cache_dir() / name).read_bytes()
    except OSError:
        return None
    first, _, rest = data.partition(b"\n")
    return rest if first == signature.encode() else None


def write_cache(name: str, signature: str, data: bytes) -> None:
    """Store `data` for `signature` (StorageError if the cache folder cannot be written)."""
    atomic_write(cache_dir() / name, signature.encode() + b"\n" + data, sync=False)
