"""Pilot tests of the app on the tiny content, in both languages."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer, Static

from smtrainer.i18n import current_language, set_language
from smtrainer.storage.settings import load_settings
from smtrainer.ui.app import TrainerApp
from smtrainer.ui.dialogs import ConfirmDialog
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.content_problems import ContentProblemsScreen
from smtrainer.ui.screens.welcome import WelcomeScreen


def app_on(content: Path) -> TrainerApp:
    app = make_app(content)
    assert app is not None
    return app


def footer_labels(app: TrainerApp) -> set[str]:
    return {
        binding.description for binding in (b.binding for b in app.screen.active_bindings.values())
    }


async def test_welcome_shows_school_policy_and_modules(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Test School" in str(app.screen.query_one("#school", Static).content)
        modules = str(app.screen.query_one("#modules", Static).render())
        assert modules == " 1. The basics (5 min)"
        assert "Quit" in footer_labels(app)


async def test_welcome_in_french(tiny: Path) -> None:
    set_language("fr")
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        modules = str(app.screen.query_one("#modules", Static).render())
        assert modules == " 1. Les bases (5 min)"
        assert "Quitter" in footer_labels(app)
        assert "Quit" not in footer_labels(app)


async def test_switching_language_keeps_the_screen_and_row(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("f2")
        await pilot.pause()
        assert current_language() == "fr"
        assert app.screen is screen
        assert "Les bases" in str(app.screen.query_one("#modules", Static).render())
        assert "Quitter" in footer_labels(app)
        assert load_settings().language == "fr"
        await pilot.press("f2")
        await pilot.pause()
        assert current_language() == "en"
        assert "The basics" in str(app.screen.query_one("#modules", Static).render())


async def test_broken_content_shows_the_problems_not_a_traceback(tiny: Path) -> None:
    module = tiny / "fr/tiny/01-bases.toml"
    module.write_text(module.read_text(encoding="utf-8").replace("minutes = 5", "minutes = = 5"))
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ContentProblemsScreen)
        text = str(app.screen.query_one("#problems-list", Static).content)
        assert f"{module.as_posix()}:5" in text
        assert "TOML syntax error" in text
        assert app.screen.query_one(Footer)


async def test_quit_key_exits(tiny: Path) -> None:
    """Ctrl+Q asks first; "y" quits with status 0 while the test still runs the app (leaving
    `run_test` would stop it anyway, so the exit is checked inside)."""
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0, "exit(0) was called: None until then"


async def test_content_with_brackets_is_shown_as_written(tiny: Path) -> None:
    """Policy text is written by schools: "[name]" or "[/b]" are words, not styling."""
    policy = tiny / "en" / "tiny" / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("Test School", "Test School [North] [/b]"), encoding="utf-8")
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        shown = str(app.screen.query_one("#school", Static).render())
        assert shown == "Test School [North] [/b]"
