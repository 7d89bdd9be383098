"""The learner's private action list: a text file on this computer that only its owner can read.

It comes from the practice check, whose answers never go into the record; the list is kept here
so that it survives signing (which clears the saved progress).
"""

from __future__ import annotations

from pathlib import Path

from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.paths import data_dir


def action_list_path(policy_id: str) -> Path:
    return data_dir() / "private" / f"action-list-{policy_id}.txt"


def save_action_list(policy_id: str, text: str) -> Path:
    """Write (or replace) the list, owner-only; StorageError if it cannot be written."""
    path = action_list_path(policy_id)
    atomic_write(path, text.encode("utf-8"), mode=0o600)
    return path
