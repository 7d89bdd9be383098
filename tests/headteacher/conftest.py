"""A small demo store shared by the head-teacher tests (copied before each test changes it)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from smtrainer.content.policies import load_policy_set
from smtrainer.workflows.demo import build_demo

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "store"
    policies = load_policy_set(None, "kingsworth").policies
    build_demo(out, policies, staff=40, years=3, seed=11, today=TODAY)
    return out


@pytest.fixture
def store(demo_master: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(demo_master, copy)
    return copy
