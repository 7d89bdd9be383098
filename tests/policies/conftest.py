"""Content trees with several packs: the tiny pack, a second school made from it, a broken one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TINY


def add_pack(root: Path, policy_id: str, school: str, *, broken: bool = False) -> None:
    """A copy of the tiny pack under `root` as another school's pack (or a broken one)."""
    for language in ("en", "fr"):
        target = root / language / policy_id
        shutil.copytree(TINY / language / "tiny", target)
        policy = target / "policy.toml"
        text = policy.read_text(encoding="utf-8").replace('id = "tiny"', f'id = "{policy_id}"', 1)
        lines = [
            f'school = "{school}"' if line.startswith("school = ") else line
            for line in text.splitlines()
        ]
        policy.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if broken:
            module = next(target.glob("0*.toml"))
            module.write_text("this is [not valid TOML\n", encoding="utf-8")


@pytest.fixture
def two_schools(tiny: Path) -> Path:
    """The tiny pack and a second school's pack side by side."""
    add_pack(tiny, "second", "Second School")
    return tiny


@pytest.fixture
def good_and_broken(tiny: Path) -> Path:
    """The tiny pack beside a pack whose module file cannot be read."""
    add_pack(tiny, "wrecked", "Wrecked School", broken=True)
    return tiny
