"""Drives the app through the journey as a person would: keys only, right answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot

from smtrainer.domain import journey
from smtrainer.domain.model import Verdict
from smtrainer.domain.progress import Stage
from smtrainer.ui.app import TrainerApp
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.closing import DoneScreen
from smtrainer.ui.screens.identity import IdentityScreen
from smtrainer.ui.screens.welcome import WelcomeScreen

NAME = "Zoé Lefèvre"


async def fill_identity(pilot: Pilot[int], name: str = NAME, staff_id: str = "S-0042") -> None:
    screen = pilot.app.screen
    assert isinstance(screen, IdentityScreen)
    await pilot.click("#name")
    await pilot.press("ctrl+a", "ctrl+k", *name, "tab", *staff_id, "tab")
    await pilot.press("enter")  # On the roles: choose the highlighted one (the first: teacher)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def settled(pilot: Pilot[int]) -> None:
    """Until the app has done what it does by itself after start-up (importing the journey's
    modules, building the screens that follow ahead of time), as a learner reading the screen
    gives it time to."""
    app = pilot.app
    assert isinstance(app, TrainerApp)
    for _ in range(500):
        building = any(w.group.startswith("build-ahead") and w.is_running for w in app.workers)
        if app.warm_up.done.is_set() and not building:
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never settled")


@asynccontextmanager
async def on_identity_screen(
    content: Path,
) -> AsyncIterator[tuple[TrainerApp, Pilot[int], IdentityScreen]]:
    """The app on the form about you, its name field focused."""
    app = make_app(content)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IdentityScreen)
        yield app, pilot, screen


def option_keys(app: TrainerApp, wrong: bool = False) -> list[str]:
    """The digit keys for the right (or a wrong) answer to the current question."""
    question = journey.current_question(app.policy, app.progress)  # type: ignore[arg-type]
    shown = app.journey.options(question)  # shuffled: the order on screen
    if wrong:
        bad = next(n for n, o in enumerate(shown, 1) if not o.correct)
        return [str(bad)]
    return [str(n) for n, o in enumerate(shown, 1) if o.correct]


async def step(pilot: Pilot[int], *, wrong_assessment: int = 0) -> None:
    """Do whatever the current screen asks, correctly (or get some assessment answers wrong)."""
    app = pilot.app
    assert isinstance(app, TrainerApp)
    screen = app.screen
    if getattr(screen, "signing", False) or getattr(screen, "looking_up", False):
        await pilot.pause(0.05)  # A worker is busy (signing, finding the last record): wait.
        return
    if app.progress is None and not isinstance(screen, WelcomeScreen | IdentityScreen):
        await pilot.pause(0.05)  # Signed: the record's screen is on its way.
        return
    if isinstance(screen, WelcomeScreen):
        await pilot.press("1")
    elif isinstance(screen, IdentityScreen):
        await fill_identity(pilot)
    else:
        progress = app.progress
        assert progress is not None and app.policy is not None
        position = progress.position
        stage = position.stage
        if stage is Stage.MAP:
            await pilot.press("a" if journey.all_modules_done(app.policy, progress) else "enter")
        elif stage is Stage.CONFIDENCE:
            await pilot.press("3", "enter")
        elif stage is Stage.SCENARIO:
            if journey.chosen(progress, position, app.policy) is None:
                module = app.policy.module(position.module or "")
                assert module is not None
                scenario = module.scenarios[position.index]
                choices = scenario.step(position.step or scenario.start).choices
                best = next(n for n, c in enumerate(choices, 1) if c.verdict is Verdict.BEST)
                await pilot.press(str(best))
            await pilot.press("enter")
        elif stage is Stage.CHECK:
            await pilot.press(*option_keys(app), "enter", "enter")
        elif stage is Stage.ASSESSMENT:
            wrong = position.index < wrong_assessment and not progress.assessment.retry  # type: ignore[union-attr]
            await pilot.press(*option_keys(app, wrong), "enter")
        elif stage is Stage.SELF_CHECK:
            await pilot.press("2" if position.index == 0 else "1", "enter")
        elif stage is Stage.ACKNOWLEDGE:
            await pilot.press(*NAME, "enter")
        else:
            await pilot.press("enter")
    await pilot.pause()


async def run_to_done(
    pilot: Pilot[int], *, limit: int = 600, wrong_assessment: int = 0
) -> DoneScreen:
    for _ in range(limit):
        if isinstance(pilot.app.screen, DoneScreen):
            return pilot.app.screen
        await step(pilot, wrong_assessment=wrong_assessment)
    raise AssertionError(f"journey did not finish; stuck at {pilot.app.screen!r}")
