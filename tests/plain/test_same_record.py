"""The plain front end and the TUI write the same record for the same answers and seed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from smtrainer.domain.record_status import Status
from smtrainer.i18n import set_language
from smtrainer.storage.records import local_records_dir
from smtrainer.ui.app import TrainerApp
from smtrainer.ui.dialogs import ConfirmDialog
from smtrainer.ui.launch import make_app
from smtrainer.workflows.journey_controller import SEED_VARIABLE
from smtrainer.workflows.verify import record_files, verify_file
from tests.plain.transcripts import CONTENT, NOW, SEED, answers, run
from tests.ui.driver import run_to_done, step

VARYING = ("record_id", "started_at", "completed_at")
"""What differs between two runs of the same journey: the record's id and its times."""


def records_by_kind() -> dict[str, dict[str, Any]]:
    found = {}
    for path in record_files([local_records_dir()]):
        result = verify_file(path).result
        assert result.status is Status.VALID, result.reason
        assert result.record is not None
        record = {k: v for k, v in result.record.items() if k not in VARYING}
        found[str(record["kind"])] = record
    return found


def tui() -> TrainerApp:
    app = make_app(CONTENT)
    assert app is not None
    return app


async def take_the_refresher(pilot: Pilot[int]) -> None:
    await pilot.press("1")
    await pilot.pause()
    await step(pilot)  # who you are: the refresher is offered
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmDialog)
    dialog.dismiss(True)
    await pilot.pause()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "fr"])
async def test_plain_and_tui_records_are_the_same(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEED_VARIABLE, SEED)
    monkeypatch.setattr(TrainerApp, "now", lambda self: NOW)
    monkeypatch.setenv("SMTRAINER_HOME", str(tmp_path / "plain"))
    for name in (f"induction-{language}", f"refresher-{language}"):
        code, _transcript = run(answers(name), language)
        assert code == 0
    plain = records_by_kind()

    monkeypatch.setenv("SMTRAINER_HOME", str(tmp_path / "tui"))
    set_language(language)
    # The answer files get the first assessment question wrong in English, and none in French.
    wrong = 1 if language == "en" else 0
    app = tui()
    async with app.run_test(size=(80, 24)) as pilot:
        await run_to_done(pilot, wrong_assessment=wrong)
    app = tui()
    async with app.run_test(size=(80, 24)) as pilot:
        await take_the_refresher(pilot)
        await run_to_done(pilot, wrong_assessment=wrong)
    assert records_by_kind() == plain
    assert sorted(plain) == ["induction", "refresher"]
