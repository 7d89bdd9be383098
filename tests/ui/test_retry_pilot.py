"""Pilot: after a failed attempt on a format 2 pack, the retry asks only questions never shown,
and the signed record keeps both attempts."""

from __future__ import annotations

import shutil
from pathlib import Path

from smtrainer.domain.record_v2 import attempt_questions, attempt_scores
from smtrainer.ui.launch import make_app
from tests.content.conftest import TINY_V2
from tests.ui.driver import run_to_done
from tests.ui.test_journey import records


async def test_a_retry_never_shows_a_revealed_question(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(TINY_V2, content)
    app = make_app(content)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await run_to_done(pilot, wrong_assessment=2)
    (record,) = records()
    first, second = record["attempts"]  # type: ignore[misc]
    asked_first = {q.question for q in attempt_questions(record, first)}
    asked_second = {q.question for q in attempt_questions(record, second)}
    assert len(asked_first) == len(asked_second) == 2
    assert not asked_first & asked_second, "both wrong answers were revealed in the review"
    assert first["seed"] != second["seed"]
    assert attempt_scores(record) == [0, 100]
    assert record["passed"] is True
