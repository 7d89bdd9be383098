"""Shared fixtures: an isolated home folder, English by default, and the tiny content tree."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from smtrainer.i18n import set_language

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny"


@pytest.fixture(autouse=True)
def isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Keep settings out of the real home folder, and start every test in English."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SMTRAINER_HOME", str(home))
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    set_language("en")
    yield home
    set_language("en")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A writable copy of the tiny, valid content tree."""
    target = tmp_path / "content"
    shutil.copytree(TINY, target)
    return target
