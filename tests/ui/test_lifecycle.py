"""Deterministic tests of the races the random-key runs found, one each.

Pilot's `press` waits until the app is idle after every key, which hides these races; here keys
are posted the way a real terminal sends them, without waiting, or handlers are made to overlap.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Input

from smtrainer.domain.progress import Stage
from smtrainer.i18n import current_language, set_language
from smtrainer.ui.app import TrainerApp
from smtrainer.ui.dialogs import ConfirmDialog
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.content_problems import ContentProblemsScreen
from smtrainer.ui.screens.identity import IdentityScreen
from smtrainer.ui.screens.welcome import WelcomeScreen
from tests.ui.driver import fill_identity, step

CHARACTERS = {"enter": "\r", "escape": "\x1b", "tab": "\t", "space": " "}


def app_on(content: Path) -> TrainerApp:
    app = make_app(content)
    assert app is not None
    return app


def send_at_once(app: TrainerApp, *keys: str) -> None:
    """Keys posted back to back, as a terminal sends them: nothing waits for the app."""
    for key in keys:
        character = CHARACTERS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def settle(pilot: Pilot[int]) -> None:
    for _ in range(5):
        await pilot.pause(0.05)


async def test_escape_twice_while_the_identity_screen_opens(tiny: Path) -> None:
    """The second Escape used to pop the welcome screen too: "Can't pop screen"."""
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        send_at_once(app, "1", "escape", "escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert len(app.screen_stack) == 1


async def test_keys_typed_during_a_change_of_screen_reach_the_new_screen(tiny: Path) -> None:
    """Keys sent while the identity screen is still being built wait for it, in order."""
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        send_at_once(app, "1", *"Zoé")
        await settle(pilot)
        assert isinstance(app.screen, IdentityScreen)
        assert app.screen.query_one("#name", Input).value == "Zoé"


async def test_identity_sent_during_a_language_redraw_waits_for_it(tiny: Path) -> None:
    """F2 redraws the form; a submit arriving meanwhile used to find no '#name' field."""
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IdentityScreen)
        redraw = asyncio.create_task(screen.refresh_language())
        for _ in range(1000):  # Until the redraw has removed the old fields.
            if not screen.query("#name"):
                break
            await asyncio.sleep(0)
        assert not screen.query("#name"), "the redraw was never caught half-way"
        screen.action_submit()  # Skipped while the redraw runs, instead of failing half-way.
        await redraw
        await settle(pilot)
        assert screen.query_one("#name", Input)
        assert app.screen is screen


async def test_enter_held_down_on_the_module_map(tiny: Path) -> None:
    """Enter repeated while the map is replaced by the module: each Enter acts once, in turn."""
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.MAP:
            await step(pilot)
        send_at_once(app, "enter", "3", "enter", "enter", "enter")
        await settle(pilot)
        assert app.progress.position.stage is Stage.SCENARIO
        module = app.progress.module(app.progress.position.module or "")
        assert module.confidence == 3


async def test_a_digit_then_enter_typed_fast_keeps_the_tick(tiny: Path) -> None:
    """A digit then Enter, sent together: the digit is handled first, so the answer counts."""
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.CONFIDENCE:
            await step(pilot)
        send_at_once(app, "2", "enter")
        await settle(pilot)
        assert app.progress.module(app.progress.position.module or "").confidence == 2
        assert app.progress.position.stage is Stage.KEY_POINT


def single_choice_check(content: Path) -> None:
    """Make the check question a single-choice one whose choices the French file lists in the
    other order (content may do so: only ids have to match)."""
    for language, module, prompt, right, wrong in [
        ("en", "01-basics.toml", "Who do you tell?", "The head teacher", "Nobody"),
        ("fr", "01-bases.toml", "Qui prévenez-vous ?", "Le chef d'établissement", "Personne"),
    ]:
        path = content / language / "tiny" / module
        text = path.read_text(encoding="utf-8")
        start = text.index("[[check_questions]]")
        end = text.index("[[questions]]")
        choices = [
            f'  [[check_questions.choices]]\n  id = "a"\n  text = "{right}"\n  correct = true\n',
            f'  [[check_questions.choices]]\n  id = "b"\n  text = "{wrong}"\n',
        ]
        if language == "fr":
            choices.reverse()
        block = (
            '[[check_questions]]\nid = "cq-one"\nkind = "single"\n'
            f'prompt = "{prompt}"\nexplanation = "Rule two."\nsection = "s2"\n\n'
            + "\n".join(choices)
            + "\n"
        )
        path.write_text(text[:start] + block + text[end:], encoding="utf-8")


async def test_selection_is_kept_by_choice_id_across_a_language_switch(tiny: Path) -> None:
    """The French file lists the choices in the other order: picking "Nobody" (b) in English,
    then F2 and Enter, records b, the choice made, not whatever is now in that position.

    (Options are now also shown in one order in every language; the selection is kept by id
    all the same: kept by position, the choice now in that place would be recorded.)"""
    single_choice_check(tiny)
    app = app_on(tiny)
    assert not app.problems, app.problems
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.CHECK:
            await step(pilot)
        shown = [option.id for option in app.journey.options(app.journey.question())]
        await pilot.press(str(shown.index("b") + 1), "f2")
        await pilot.pause()
        assert current_language() == "fr"
        await pilot.press("enter")
        await pilot.pause()
        module = app.progress.module(app.progress.position.module or "")
        assert module.checks["cq-one"] == ["b"]


async def test_language_switch_on_the_content_problems_screen(tiny: Path) -> None:
    """F2 on the problems screen used to fail: its redraw was not awaitable."""
    module = tiny / "fr" / "tiny" / "01-bases.toml"
    module.write_text(module.read_text(encoding="utf-8").replace("minutes = 5", "minutes = = 5"))
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ContentProblemsScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert current_language() == "fr"
        heading = str(app.screen.query_one("#problems-heading").render())
        assert "problème" in heading


async def test_confirm_dialog_keys(tiny: Path) -> None:
    """The focused button is the default; arrows move; y/n answer in English, o/n in French;
    Escape cancels."""
    app = app_on(tiny)
    answers: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        async def ask(keys: list[str], *, default: bool = False) -> None:
            app.push_screen(ConfirmDialog("?", default=default), answers.append)
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()

        await ask(["enter"])
        await ask(["enter"], default=True)
        await ask(["left", "enter"])
        await ask(["right", "enter"], default=True)
        await ask(["y"])
        await ask(["n"], default=True)
        await ask(["escape"], default=True)
        set_language("fr")
        await ask(["o"])
        await ask(["y", "n"], default=True)
    assert answers == [False, True, True, False, True, False, None, True, False]


async def test_confirm_dialog_shows_which_button_is_the_default(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ConfirmDialog("?", default=True))
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "yes"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "yes"
        assert str(app.focused.label) == "Oui"


async def test_enter_on_a_role_continues(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.click("#name")
        await pilot.press(*"Zoé Lefèvre", "tab", "tab", "enter")
        await pilot.pause()
        assert app.progress is not None
        assert app.progress.identity.role == "teacher"
        assert app.progress.position.stage is Stage.MAP


async def test_fill_identity_helper_still_reaches_the_map(tiny: Path) -> None:
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await fill_identity(pilot)
        assert app.progress is not None and app.progress.position.stage is Stage.MAP


async def test_the_school_name_follows_the_language(tiny: Path) -> None:
    """After F2 the title bar names the school as the other language's pack does."""
    policy = tiny / "fr" / "tiny" / "policy.toml"
    assert "École de test" in policy.read_text(encoding="utf-8")
    app = app_on(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.title == "École de test"
        await fill_identity(pilot)
        assert app.screen.title == "École de test"
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.title == "Test School"
