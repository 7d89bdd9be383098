"""Writing documents people keep: the printable certificate."""

from __future__ import annotations

from pathlib import Path

from smtrainer.storage.atomic import atomic_write


def save_certificate(path: Path, html: str) -> Path:
    """Write the certificate page (replacing an older copy of the same file)."""
    atomic_write(path, html.encode("utf-8"))
    return path
