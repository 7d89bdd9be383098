"""Pilot tests of the whole learner journey, in English and French."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from smtrainer.domain.progress import Stage
from smtrainer.domain.record_status import Status
from smtrainer.i18n import current_language, set_language
from smtrainer.storage.progress import load_progress
from smtrainer.storage.records import local_records_dir
from smtrainer.ui.dialogs import TooSmallScreen
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.closing import DoneScreen
from smtrainer.ui.screens.question import QuestionScreen
from smtrainer.ui.widgets import FactTable
from smtrainer.workflows.verify import record_files, verify_file
from tests.ui.driver import NAME, on_identity_screen, run_to_done, step


def app_on(content: Path):  # type: ignore[no-untyped-def]
    app = make_app(content)
    assert app is not None
    return app


def records() -> list[dict[str, object]]:
    found = []
    for path in record_files([local_records_dir()]):
        result = verify_file(path).result
        assert result.status is Status.VALID, result.reason
        assert result.record is not None
        found.append(dict(result.record))
    return found


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_induction_ends_in_a_valid_record(tiny: Path, language: str) -> None:
    set_language(language)
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        done = await run_to_done(pilot)
        certificate = done.finished.certificate
        table = done.query_one("#certificate-rows", FactTable)
        assert table.rows == list(certificate.rows)
        assert table.rows[0] == ("Name" if language == "en" else "Nom", NAME)
        await pilot.press("s")
        await pilot.pause()
    assert certificate.heading == (
        "Certificate of completion" if language == "en" else "Certificat de formation"
    )
    printable = done.certificate_path().read_text(encoding="utf-8")
    assert certificate.heading in printable
    (record,) = records()
    assert record["language"] == language
    assert record["kind"] == "induction"
    assert record["staff_name"] == NAME
    assert record["passed"] is True
    assert record["score_pct"] == 100
    assert sum(len(walk) - 2 for walk in record["scenarios"]) == 2  # type: ignore[attr-defined]
    assert load_progress("tiny").progress is None, "progress is cleared once the record exists"


async def test_failed_assessment_is_retried_on_the_wrong_questions(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_to_done(pilot, wrong_assessment=2)
    (record,) = records()
    first, second = record["attempts"]  # type: ignore[misc]
    assert first["score_pct"] < record["pass_mark"] <= second["score_pct"] == record["score_pct"]
    assert record["passed"] is True


async def test_refresher_after_a_record(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_to_done(pilot)
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await step(pilot)  # identity: the app offers the refresher
        await pilot.press("enter")  # "Yes", the refresher, is the focused default
        await pilot.pause()
        assert app.progress is not None
        assert app.progress.kind == "refresher"
        assert app.progress.position.stage is Stage.ASSESSMENT
        await run_to_done(pilot)
    kinds = sorted(str(r["kind"]) for r in records())
    assert kinds == ["induction", "refresher"]


async def test_switching_language_mid_scenario_keeps_the_position(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.SCENARIO:
            await step(pilot)
        await pilot.press("1", "enter")  # choose and confirm: feedback shown
        await pilot.pause()
        before = app.progress.position
        text_en = str(app.screen.query_one(".feedback").render())
        await pilot.press("f2")
        await pilot.pause()
        assert current_language() == "fr"
        assert app.progress.position == before
        text_fr = str(app.screen.query_one(".feedback").render())
        assert text_fr != text_en
        assert "règle un" in text_fr


async def test_switching_language_mid_question_keeps_ticks(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.ASSESSMENT:
            await step(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await pilot.press("1")
        await pilot.pause()
        ticked = set(app.screen.selected)  # type: ignore[attr-defined]
        position = app.progress.position
        await pilot.press("f2")
        await pilot.pause()
        assert app.progress.position == position
        assert app.screen.selected == ticked  # type: ignore[attr-defined]


async def type_across_a_language_switch(pilot: Pilot[int]) -> None:
    """Type "Zo", switch language, type "é" (in the field that has the focus)."""
    await pilot.press("Z", "o", "f2")
    await pilot.pause()
    await pilot.press("é")
    await pilot.pause()


@pytest.mark.parametrize("field", ["name", "staff-id"])
async def test_switching_language_on_the_form_about_you_keeps_the_field_typed_in(
    tiny: Path, field: str
) -> None:
    """F2 while typing: the form is drawn in French with what was typed, and the next letters
    go into the same field."""
    async with on_identity_screen(tiny) as (_app, pilot, screen):
        if field == "staff-id":
            await pilot.press("tab")
        await type_across_a_language_switch(pilot)
        assert current_language() == "fr"
        typed = screen.query_one(f"#{field}", Input)
        assert typed.has_focus
        assert typed.value == "Zoé"


async def test_switching_language_while_signing_keeps_what_was_typed(tiny: Path) -> None:
    """F2 while typing one's name to sign: the next letters follow it."""
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.ACKNOWLEDGE:
            await step(pilot)
        await pilot.pause()
        await type_across_a_language_switch(pilot)
        typed = app.screen.query_one("#signature", Input)
        assert typed.has_focus
        assert typed.value == "Zoé"


async def test_resume_after_restart(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.KEY_POINT:
            await step(pilot)
        position = app.progress.position
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")  # Resume
        await pilot.pause()
        assert app.progress is not None
        assert app.progress.position == position


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 7])
async def test_random_keys_never_crash(tiny: Path, seed: int) -> None:
    """Keys, typing, the palette, quit and help dialogs, and too-small resizes, at random."""
    rng = random.Random(seed)
    keys = [
        *"0123456789as?xé[]",
        *("enter", "escape", "tab", "shift+tab", "f2", "f3", "up", "down", "left", "right"),
        *("space", "backspace", "delete", "home", "end", "pageup", "pagedown"),
        *("ctrl+p", "ctrl+q", "ctrl+s"),
    ]
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(400):
            await pilot.press(rng.choice(keys))
            if rng.random() < 0.02:
                await pilot.resize_terminal(rng.choice([40, 80, 100]), rng.choice([12, 24, 30]))
        await pilot.pause()
    # run_test re-raises any exception the app hit; reaching here means none.


@pytest.mark.slow
async def test_full_kingsworth_induction(isolated: Path) -> None:
    app = make_app(None, policy="kingsworth")
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        done = await run_to_done(pilot, limit=2000)
        assert isinstance(done, DoneScreen)
    (record,) = records()
    assert record["policy_id"] == "kingsworth"
    assert record["total"] == 30  # the pack's blueprint: 3 questions from each of 10 modules
    assert len(record["modules"]) == 10  # type: ignore[arg-type]


async def test_too_small_over_dialogs_then_back(tiny: Path) -> None:
    """The palette, a shrink, Ctrl+Q and Ctrl+P again: one palette, and the warning goes away."""
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.resize_terminal(40, 12)
        await pilot.press("ctrl+q", "ctrl+p", "question_mark")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.showing(TooSmallScreen)
        assert sum(isinstance(screen, CommandPalette) for screen in app.screen_stack) == 1


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_quit_question_fits_a_tiny_window(tiny: Path, language: str) -> None:
    """Ctrl+Q in a window too small for the rest: the question and both answers are seen."""
    from textual.widgets import Button

    from smtrainer.ui.dialogs import ConfirmDialog

    set_language(language)
    app = app_on(tiny)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        screen = dialog.region
        for widget in [dialog.query_one(".dialog-text"), *dialog.query(Button)]:
            assert screen.contains_region(widget.region), widget
        assert dialog.query_one(".dialog").has_class("-tight")


async def test_the_help_scrolls_with_the_arrows_when_taller_than_the_window(tiny: Path) -> None:
    from smtrainer.ui.dialogs import HelpScreen

    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        dialog = app.screen.query_one(".dialog")
        assert dialog.max_scroll_y > 0  # Taller than 24 rows: the last lines are reached so.
        await pilot.press("pagedown")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y
        await pilot.press("up")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y - 1


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_quit_question_does_not_claim_unsaved_progress_is_saved(
    tiny: Path, isolated: Path, language: str
) -> None:
    import shutil

    from smtrainer.ui.dialogs import ConfirmDialog

    set_language(language)
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.KEY_POINT:
            await step(pilot)
        folder = isolated / "data" / "progress"
        shutil.rmtree(folder)
        folder.write_text("a file where the folder should be", encoding="utf-8")
        while app.progress.position.stage is Stage.KEY_POINT:
            await step(pilot)  # Each step's save fails, and says so.
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = " ".join(app.screen.question.split())
        assert ("could not be saved" if language == "en" else "n'a pas pu") in question
        assert ("Your progress is saved" if language == "en" else "est enregistrée") not in question
