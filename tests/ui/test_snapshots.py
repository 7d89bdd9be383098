"""Snapshots of every screen at 80×24, in English and French.

Each test's docstring says what the picture should show. Run `pytest --snapshot-update` after a
deliberate change of layout or wording, look at `snapshot_report.html`, and commit the new SVGs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from textual.pilot import Pilot

from smtrainer.domain.progress import Stage
from smtrainer.i18n import set_language
from smtrainer.ui.app import TrainerApp
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.closing import DoneScreen
from smtrainer.ui.screens.identity import IdentityScreen
from smtrainer.ui.screens.question import QuestionScreen
from tests.conftest import TINY
from tests.ui.driver import step

LANGUAGES = pytest.mark.parametrize("language", ["en", "fr"])
Before = Callable[[Pilot[int]], Awaitable[None]]


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Content and home folders in this test's own folder, named by relative paths from there
    (so the pictures do not depend on the temporary folder's name, and runs at once do not
    collide), and a fixed clock, seed, key and record id."""
    shutil.copytree(TINY, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SMTRAINER_HOME", "home")
    monkeypatch.setattr(TrainerApp, "new_seed", lambda self: 1234)
    monkeypatch.setattr(
        TrainerApp, "now", lambda self: dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.UTC)
    )
    key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"snapshot key").digest())
    monkeypatch.setattr(
        "smtrainer.workflows.finish.load_or_create_key", lambda passphrase=None: key
    )
    monkeypatch.setattr(
        "smtrainer.workflows.finish.new_record_id",
        lambda: "5a1f0c3e-8b2d-4e6f-9a7b-1c2d3e4f5a6b",
    )
    return Path("content")


def app_for(content: Path, language: str) -> TrainerApp:
    set_language(language)
    app = make_app(content)
    assert app is not None
    return app


def until(done: Callable[[TrainerApp], bool], *, wrong: int = 0) -> Before:
    async def run(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, TrainerApp)
        for _ in range(200):
            if done(app):
                return
            await step(pilot, wrong_assessment=wrong)
        raise AssertionError("never reached")

    return run


def at(stage: Stage, *, chosen: bool = False) -> Callable[[TrainerApp], bool]:
    def check(app: TrainerApp) -> bool:
        progress = app.progress
        if progress is None or progress.position.stage is not stage:
            return False
        if stage is Stage.SCENARIO:
            walked = progress.module(progress.position.module or "").choices
            return bool(walked) == chosen
        return True

    return check


@LANGUAGES
def test_welcome(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """School, policy title and version, "1 Start the training" in a framed menu, the keys hint,
    the module count and minutes over the numbered module list, and the footer keys (Quit, the
    other language's name on F2, Help)."""
    assert snap_compare(app_for(content, language))


@LANGUAGES
def test_identity(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """Full name, optional staff id and the eight roles, none chosen, with the
    hint on Tab, Enter and Ctrl+S."""
    assert snap_compare(app_for(content, language), press=["1"])


@LANGUAGES
def test_module_map(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "0 of 1 modules done", the row with number, "○ Not started", minutes under "Min" and the
    title, and the key hints including A for the final assessment."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.MAP)))


@LANGUAGES
def test_confidence(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """Module title and summary, the confidence question and the four levels numbered 1–4."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.CONFIDENCE)))


@LANGUAGES
def test_key_point(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "Key point 1 of 1", its title, the Markdown body with bold text, and the cited section."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.KEY_POINT)))


@LANGUAGES
def test_scenario(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "Scenario 1 of 1" with its title, the situation, two numbered choices, none picked."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.SCENARIO)))


@LANGUAGES
def test_scenario_feedback(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """Choice 2 picked and marked "✗ Unsafe" in words and symbol, the feedback and the cited
    section."""
    assert snap_compare(
        app_for(content, language), run_before=until(at(Stage.SCENARIO)), press=["2", "enter"]
    )


@LANGUAGES
def test_check_question_answered(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """A true/false check question answered wrongly: "✗ Not correct", the right answer marked
    "✓ right answer", the explanation and the section."""
    assert snap_compare(
        app_for(content, language), run_before=until(at(Stage.CHECK)), press=["2", "enter"]
    )


@LANGUAGES
def test_module_done(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "✓ Module finished" with the module's title, and Enter to go back to the map."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.MODULE_DONE)))


@LANGUAGES
def test_assessment_question(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "Question 1 of 3" of the final assessment, its prompt and options, nothing picked."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.ASSESSMENT)))


@LANGUAGES
def test_review_not_passed(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "1 of 3 correct: 33%. The pass mark is 80%", "✗ Not passed yet", both wrong answers
    with the answer given, the right answer, the explanation and the section; S to stop."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.REVIEW), wrong=2))


@LANGUAGES
def test_self_check(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "Statement 1 of 1" of the private practice check, Yes / No with neither picked yet, and
    the note that answers never go into the record and that 1 or 2 is confirmed with Enter."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.SELF_CHECK)))


@LANGUAGES
def test_action_list(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """The private action list with the one action (☐) from the "No" answer."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.ACTIONS)))


@LANGUAGES
def test_acknowledgement(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """The policy's acknowledgement text and the field to type your full name to sign."""
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.ACKNOWLEDGE)))


@LANGUAGES
def test_done_certificate(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "✓ Certificate of completion" with name, role, school, policy, date (21 November 2026),
    score, refresher date, key fingerprint and verification code, then where the record is
    saved and how to hand it in."""
    assert snap_compare(
        app_for(content, language),
        run_before=until(lambda app: isinstance(app.screen, DoneScreen)),
    )


@LANGUAGES
def test_help(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """The help dialog over the welcome screen: every key and what it does, key names in the
    language (Entrée, Échap in French), Ctrl+S for the form about you."""
    assert snap_compare(app_for(content, language), press=["question_mark"])


@LANGUAGES
def test_quit_dialog(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """ "Quit now? Your progress is saved…" with Yes and No, No focused and highlighted as the
    default, and the line naming the keys: y/n (o/n in French), Enter, Esc."""
    assert snap_compare(app_for(content, language), press=["ctrl+q"])


@LANGUAGES
def test_identity_refused(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """The identity form sent empty: "✗ Please type your full name." under the fields."""

    async def before(pilot: Pilot[int]) -> None:
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, IdentityScreen)
        await pilot.press("ctrl+s")

    assert snap_compare(app_for(content, language), run_before=before)


@LANGUAGES
def test_too_small(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """At 50×14 the app says the window is too small and the size it needs (60×18), alone on
    a plain background: nothing of the screen beneath shows through."""
    assert snap_compare(app_for(content, language), terminal_size=(50, 14))


@LANGUAGES
def test_content_problems(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """Broken content: the count of problems, `smtrainer check` to run, and the French file
    with its line and the TOML syntax error."""
    module = content / "fr" / "tiny" / "01-bases.toml"
    module.write_text(module.read_text(encoding="utf-8").replace("minutes = 5", "minutes = = 5"))
    assert snap_compare(app_for(content, language))


def long_titles(content: Path) -> None:
    """Give the module titles as long as Kingsworth's longest, in both languages."""
    for path, old, new in [
        (
            content / "en" / "tiny" / "01-basics.toml",
            '"The basics"',
            '"Social media in your professional life and beyond"',
        ),
        (
            content / "fr" / "tiny" / "01-bases.toml",
            '"Les bases"',
            '"Les médias sociaux dans votre vie professionnelle et au-delà"',
        ),
    ]:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@LANGUAGES
def test_module_map_long_titles(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """With a long module title the status column ("○ Not started" / "○ Non commencé") is still
    on screen at 80 columns, before the title, and the header says "Min"."""
    long_titles(content)
    assert snap_compare(app_for(content, language), run_before=until(at(Stage.MAP)))


@LANGUAGES
def test_assessment_introduction(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """Before the first question: how many questions, the pass mark, what happens afterwards,
    and what the head teacher receives (never the private practice check); Enter starts."""

    async def before(pilot: Pilot[int]) -> None:
        await until(at(Stage.ASSESSMENT))(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QuestionScreen) and screen.introducing

    assert snap_compare(app_for(content, language), run_before=before)


@LANGUAGES
def test_refresher_offer(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """After a first record: the refresher offer with that record's date, and Yes focused and
    highlighted as the default, since Enter takes the refresher."""

    async def before(pilot: Pilot[int]) -> None:
        await until(lambda app: isinstance(app.screen, DoneScreen))(pilot)
        await pilot.press("enter")  # Back to the welcome screen.
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await step(pilot)  # The form about you, as before: the offer opens.
        await pilot.pause()

    assert snap_compare(app_for(content, language), run_before=before)


@LANGUAGES
def test_action_list_saved(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """The action list after S: the list, the S hint, and the note saying where it was saved."""
    assert snap_compare(
        app_for(content, language), run_before=until(at(Stage.ACTIONS)), press=["s"]
    )


@LANGUAGES
def test_scenario_feedback_at_60_by_18(snap_compare, content: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """At the smallest size, 60×18: the choice's feedback scrolled into view, the title bar
    still naming school and module, and every footer key whole (Esc, Ctrl+Q and ? shown
    without their labels, which the help lists)."""
    assert snap_compare(
        app_for(content, language),
        run_before=until(at(Stage.SCENARIO)),
        press=["2", "enter"],
        terminal_size=(60, 18),
    )
