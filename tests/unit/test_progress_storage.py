"""Saved progress: round trip, owner-only file, and damaged files set aside, never lost."""

from __future__ import annotations

import stat
from pathlib import Path

from smtrainer.domain.progress import (
    AssessmentProgress,
    Identity,
    ModuleProgress,
    Position,
    Progress,
    Stage,
)
from smtrainer.storage.progress import load_progress, progress_path, save_progress


def sample() -> Progress:
    return Progress(
        policy_id="tiny",
        kind="induction",
        started_at="2026-11-21T09:00:00Z",
        identity=Identity("Zoé", "teacher", ""),
        position=Position(Stage.SCENARIO, "basics", 0, "then"),
        modules={"basics": ModuleProgress(3, {"sc-one": {"start": "a"}}, {"cq-one": ["true"]})},
        plan=["basics"],
        changed=["basics"],
        assessment=AssessmentProgress(
            7, ["q-single", "q-multiple"], {"q-single": ["a"]}, 2, ["q-multiple"]
        ),
        testout_reviewed=True,
        self_check={"sa-one": False},
    )


def test_round_trip(isolated: Path) -> None:
    save_progress(sample())
    assert load_progress("tiny").progress == sample()
    mode = stat.S_IMODE(progress_path("tiny").stat().st_mode)
    assert mode == 0o600


def test_missing_progress_is_none(isolated: Path) -> None:
    loaded = load_progress("tiny")
    assert loaded.progress is None
    assert loaded.problem is None


def test_damaged_progress_is_kept_aside_and_reported(isolated: Path) -> None:
    path = progress_path("tiny")
    path.parent.mkdir(parents=True)
    path.write_text("format = 1\nposition = 'nonsense'\n")
    loaded = load_progress("tiny")
    assert loaded.progress is None
    assert loaded.problem is not None
    assert "could not be read" in loaded.problem
    kept = list(path.parent.glob("tiny.damaged-*.toml"))
    assert len(kept) == 1
    assert kept[0].read_text() == "format = 1\nposition = 'nonsense'\n"
