"""A small demo store and the school's issuer, for the evidence tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from smtrainer.content.policies import load_policy_set
from smtrainer.storage.issuer import IssuerProfile, init_issuer
from smtrainer.workflows.demo import build_demo

TODAY = dt.date(2026, 11, 21)
NAMES = {"en": "Kingsworth International School", "fr": "École internationale Kingsworth"}


@pytest.fixture(scope="session")
def evidence_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("evidence-demo") / "store"
    build_demo(
        out, load_policy_set(None, "kingsworth").policies, staff=12, years=2, seed=5, today=TODAY
    )
    return out


@pytest.fixture
def store(evidence_master: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(evidence_master, copy)
    return copy


@pytest.fixture
def issuer() -> IssuerProfile:
    return init_issuer(NAMES, "https://kingsworth.example")
