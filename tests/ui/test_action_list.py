"""The private action list can be saved, and is kept (outside the record) when signing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from smtrainer.domain.progress import Stage
from smtrainer.storage.action_list import action_list_path
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.closing import DoneScreen
from tests.ui.driver import run_to_done, step


@pytest.mark.parametrize("key", ["s", "S"])  # The footer names it S, as keyboards print it.
async def test_s_saves_the_action_list_and_signing_keeps_it(tiny: Path, key: str) -> None:
    app = make_app(tiny)
    assert app is not None
    path = action_list_path("tiny")
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.ACTIONS:
            await step(pilot)
        await pilot.press(key)
        await pilot.pause()
        text = path.read_text(encoding="utf-8")
        assert "☐ Review your personal accounts against rule one." in text
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        path.unlink()
        done = await run_to_done(pilot)
        assert isinstance(done, DoneScreen)
        assert done.action_list == path
        assert path.exists(), "signing kept the list although the progress is cleared"
        delivery = str(done.query_one(".delivery").render())
        assert str(path) in delivery
    record = next(Path(done.finished.delivery.local).parent.glob("*.toml")).read_text()
    assert "Review your personal accounts" not in record, "the list never goes in the record"
