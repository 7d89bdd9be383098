"""Writing documents people keep or pass on: the printable certificate, CSV exports."""

from __future__ import annotations

from pathlib import Path

from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.private import PRIVATE_FILE


def save_document(path: Path, text: str) -> Path:
    """Write a document (replacing an older copy of the same file), owner-only: it names
    people (a staff list, a certificate, an inspection log); its owner passes it on."""
    atomic_write(path, text.encode("utf-8"), mode=PRIVATE_FILE)
    return path
