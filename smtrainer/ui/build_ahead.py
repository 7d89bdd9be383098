"""Screens mounted before they are shown, so that showing one only lays it out and draws it.

Textual has no public way to do this; the parts of it used here, all read with `getattr` so
that a Textual without them only means screens built when first needed, are: `App._register`
(mounting a screen unseen), `Screen._refresh_layout` and its `_layout_required` flag (laying
one out), and the flags a screen keeps for work still to draw (`PENDING`). `resume_drawing`
is called from `TrainerApp._end_batch`, an override of Textual's own step.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Any

from textual.app import App, ScreenStackError
from textual.screen import Screen
from textual.widget import AwaitMount

SETTLED_FOR = 0.05
"""Seconds the screen shown must have had nothing left to draw before others are built ahead."""
POLL = 0.01
LAYOUT_POLLS = 5
"""Polls (`POLL` apart) for a layout asked for by a screen built ahead once it is laid out."""
FOOTER_WAIT = 1.0
"""Seconds to wait for a screen built ahead to build its footer."""


async def build_unseen(app: App[Any], screen: Screen[Any]) -> bool:
    """Mount `screen` without showing it, build its footer and lay it out at the app's size,
    so that showing it later only lays out and draws what changed (a screen laid out for the
    first time is laid out twice by Textual). False if this version of Textual cannot."""
    from smtrainer.ui.widgets import KeyFooter

    mounted = mount_unseen(app, screen)
    lay_out = getattr(screen, "_refresh_layout", None)
    if mounted is None or lay_out is None:
        return False
    await mounted
    for footer in screen.query(KeyFooter):
        built = asyncio.Event()
        footer.call_later(footer.build_now, built)
        with contextlib.suppress(TimeoutError):  # Removed meanwhile: nothing to wait for.
            await asyncio.wait_for(built.wait(), FOOTER_WAIT)
    lay_out(app.size)
    # Widgets that size themselves once idle (a table measures its rows) ask for another
    # layout, which Textual does not do for a screen not shown: done here, so that showing
    # the screen does not lay it out twice.
    for _ in range(LAYOUT_POLLS):
        await asyncio.sleep(POLL)
        if getattr(screen, "_layout_required", False):
            screen._layout_required = False
            lay_out(app.size)
    return True


def mount_unseen(app: App[Any], screen: Screen[Any]) -> Awaitable[None] | None:
    """Start mounting `screen` (composing it and styling its widgets) without showing it, as
    Textual does when a screen is first pushed; what to await for it to be mounted. None if
    this version of Textual has no such step (the screen is then built when first shown)."""
    register = getattr(app, "_register", None)
    if register is None or screen.is_running:
        return None
    return AwaitMount(screen, register(app, screen))


def resume_drawing(app: App[Any]) -> None:
    """Call once the app's batch of updates is over. Textual holds back a screen's redraw if
    its update timer fires during a batch, and resumes it at that screen's next idle moment.
    Building a screen ahead batches updates (its footer is built under a batch) while another
    screen is shown, which may then have no message of its own to come: it would show its old
    state until the next key. Prompted here, it draws what it holds back."""
    with contextlib.suppress(ScreenStackError):
        app.screen.check_idle()


PENDING = ("_layout_required", "_scroll_required", "_repaint_required", "_recompose_required")
"""A screen's flags for work Textual has still to do on it (drawn at its next update)."""


async def until_settled(app: App[Any]) -> bool:
    """Until the screen shown has had nothing left to lay out, draw or call after drawing for
    `SETTLED_FOR`: what is built ahead then never delays a screen being drawn. False if the app
    is ending (it shows no screen)."""
    since: float | None = None
    loop = asyncio.get_running_loop()
    while since is None or loop.time() - since < SETTLED_FOR:
        try:
            screen = app.screen
        except ScreenStackError:
            return False
        busy = not screen.is_mounted or any(getattr(screen, flag, False) for flag in PENDING)
        busy = busy or bool(getattr(screen, "_dirty_widgets", None))
        busy = busy or bool(getattr(screen, "_callbacks", None))
        since = None if busy else (since or loop.time())
        await asyncio.sleep(POLL)
    return True
