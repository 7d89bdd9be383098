"""Loading the policy for the app: from the checked-content cache when nothing has changed."""

from __future__ import annotations

import contextlib
from pathlib import Path

from smtrainer.content.policies import (
    PolicySet,
    content_signature,
    load_policy_set,
    policy_set_from_checked,
)
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.cache import read_cache, write_cache

CACHE_NAME = "checked-content.json"


def load_for_app(content_dir: Path | None = None) -> PolicySet:
    """The default policy, checked; ContentFolderError if the folder cannot be used.

    The cache is keyed by every file's path, size and modification time, so any edit of the
    content means a full check again.
    """
    signature = content_signature(content_dir)
    cached = read_cache(CACHE_NAME, signature)
    if cached is not None:
        loaded = policy_set_from_checked(cached)
        if loaded is not None:
            return loaded
    loaded = load_policy_set(content_dir)
    if loaded.checked is not None and not loaded.errors:
        with contextlib.suppress(StorageError):  # A cache that cannot be written is only slower.
            write_cache(CACHE_NAME, signature, loaded.checked)
    return loaded
