"""Writing documents people keep or pass on: the printable certificate, CSV exports."""

from __future__ import annotations

from pathlib import Path

from smtrainer.storage.atomic import atomic_write


def save_document(path: Path, text: str) -> Path:
    """Write a document (replacing an older copy of the same file)."""
    atomic_write(path, text.encode("utf-8"))
    return path
