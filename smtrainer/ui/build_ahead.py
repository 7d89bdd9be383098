"""Screens mounted before they are shown, so that showing one only lays it out and draws it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widget import AwaitMount

BUILD_AHEAD_GAP = 0.01
"""Seconds between two screens built ahead: a key that comes while they are built is answered
between two of them, not after all."""
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
    return True


def mount_unseen(app: App[Any], screen: Screen[Any]) -> Awaitable[None] | None:
    """Start mounting `screen` (composing it and styling its widgets) without showing it, as
    Textual does when a screen is first pushed; what to await for it to be mounted. None if
    this version of Textual has no such step (the screen is then built when first shown)."""
    register = getattr(app, "_register", None)
    if register is None or screen.is_running:
        return None
    return AwaitMount(screen, register(app, screen))
