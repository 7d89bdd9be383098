"""Where the bundled policy packs are."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_content_dir() -> Path:
    """The content shipped with smtrainer: inside the installed package, or the source tree."""
    packaged = Path(str(resources.files("smtrainer"))) / "bundled_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"
