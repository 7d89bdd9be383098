"""A writable copy of the tiny pack written in content format 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TINY_V2 = Path(__file__).parents[1] / "data" / "tiny_v2"


@pytest.fixture
def tiny_v2(tmp_path: Path) -> Path:
    target = tmp_path / "content-v2"
    shutil.copytree(TINY_V2, target)
    return target
