"""Where the bundled policy packs are."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def bundled_content_dir() -> Path:
    """The content shipped with smtrainer: inside the installed package, or the source tree."""
    packaged = PACKAGE / "bundled_content"
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent / "content"
