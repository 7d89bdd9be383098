"""Screens mounted before they are shown, so that showing one only lays it out and draws it;
screens laid out at once, so that a key's change is drawn in one frame.

Textual has no public way to do this; the parts of it used here, all read with `getattr` so
that a Textual without them only means screens built when first needed and laid out when
Textual gets to it, are: `App._register` (mounting a screen unseen), `Screen._refresh_layout`
and the `_layout_required` flag of a screen and of its widgets (laying one out), what a widget
does with a request to lay it out or draw it (`_take_layout_request`, `_take_repaint_request`),
the scroll bars a widget holds (`SCROLL_BARS`), and the flags a screen keeps for work still to
draw (`PENDING`). `resume_drawing` is called from `TrainerApp._end_batch`, an override of
Textual's own step.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Iterable
from typing import Any

from textual.app import App, ScreenStackError
from textual.screen import Screen
from textual.widget import AwaitMount, Widget

SETTLED_FOR = 0.05
"""Seconds the screen shown must have had nothing left to draw before others are built ahead."""
POLL = 0.01
LAYOUT_POLLS = 5
"""Polls (`POLL` apart) for a layout asked for by a screen built ahead once it is laid out."""
LAYOUT_PASSES = 3
"""Layouts `lay_out_now` makes at most: one, and one more for each that changes what is placed
(a scroll bar that comes or goes, a line that shows only when the text does not fit)."""
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


def lay_out_now(screen: Screen[Any]) -> None:
    """Lay `screen` out now with everything its widgets have asked for, again while a layout
    asks for another, so that it is drawn in one frame: at once if it is shown, else when it
    is. Textual lays a screen out at its next update, with what reached it by then: each
    widget's request reaches it only once that widget is idle, and a screen about to be shown
    is first drawn as it was last laid out, then laid out again, a frame or two later."""
    lay_out = getattr(screen, "_refresh_layout", None)
    known = all(
        hasattr(screen, name)
        for name in ("_clear_arrangement_cache", "_layout_updates", "_dirty_widgets")
    )
    if lay_out is None or not known or not screen.is_mounted:
        return
    for _ in range(LAYOUT_PASSES):
        widgets = _with_scroll_bars(screen.walk_children(Widget))
        asked = [widget for widget in widgets if getattr(widget, "_layout_required", False)]
        if not asked and not getattr(screen, "_layout_required", False):
            break
        for widget in asked:
            _take_layout_request(widget)
        for widget in widgets:  # Drawn with this layout, not in a frame of their own after it.
            _take_repaint_request(screen, widget)
        screen._layout_required = False
        lay_out(screen.app.size)
    try:
        shown = screen.app.screen
    except ScreenStackError:  # The app is ending.
        return
    if screen is not shown:
        # A screen is drawn whole when shown: with what the last layout asked to draw too (a
        # scroll bar's new length), not in a frame of its own after that.
        for widget in _with_scroll_bars(screen.walk_children(Widget)):
            _take_repaint_request(screen, widget)


SCROLL_BARS = ("_vertical_scrollbar", "_horizontal_scrollbar", "_scrollbar_corner")
"""Where a widget keeps its scroll bars, once it has them: widgets, but not its children."""


def _with_scroll_bars(widgets: Iterable[Widget]) -> list[Widget]:
    found = []
    for widget in widgets:
        found.append(widget)
        found.extend(bar for name in SCROLL_BARS if (bar := getattr(widget, name, None)))
    return found


def _take_layout_request(widget: Widget) -> None:
    """What Textual does with a widget's layout request when the widget is idle (in
    `Widget._check_refresh`), but for telling the screen: the widget's containers arrange it
    again."""
    widget._layout_required = False
    for ancestor in widget.ancestors:
        if not isinstance(ancestor, Widget):
            break
        ancestor._clear_arrangement_cache()
        ancestor._layout_updates += 1
        if not ancestor.styles.auto_dimensions:
            break


def _take_repaint_request(screen: Screen[Any], widget: Widget) -> None:
    """What Textual does with a widget's repaint request when the widget is idle, then the
    screen when told (`Screen._on_update`): the widget is drawn again with the screen's next
    layout."""
    if getattr(widget, "_repaint_required", False):
        widget._repaint_required = False
        if widget.display:
            screen._dirty_widgets.add(widget)


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
