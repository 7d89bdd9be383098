"""What every screen of the app shares: the lifecycle guard, header and footer, keys, language.

The lifecycle guard: a key, a widget message or a dialog's answer can reach a screen after it was
replaced, while it is still being mounted, or while it is being redrawn (a real terminal does
not wait for one key to be handled before sending the next). Every action, message handler and
language refresh of a `GuardedScreen` therefore runs only while the screen is the one shown and
fully mounted, and one at a time: a handler that arrives in the middle of a redraw waits for it,
then finds the screen as it now is. Subclasses get this without writing anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input

from smtrainer.domain.model import Policy
from smtrainer.domain.progress import Progress
from smtrainer.i18n import N_
from smtrainer.ui.build_ahead import lay_out_now
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import KeyFooter, MoreBelow, ScrollingBody, TitleBar

if TYPE_CHECKING:
    from smtrainer.ui.app import TrainerApp
    from smtrainer.workflows.journey_controller import JourneyController


def trainer_of(screen: Screen[Any]) -> TrainerApp:
    """The running training app (screens of the journey only run inside it)."""
    from smtrainer.ui.app import TrainerApp

    app = screen.app
    assert isinstance(app, TrainerApp)
    return app


LIFECYCLE_HANDLERS = frozenset(
    {
        "on_mount",
        "on_unmount",
        "on_show",
        "on_hide",
        "on_resize",
        "on_screen_resume",
        "on_screen_suspend",
        "on_compose",
        "on_focus",
        "on_blur",
    }
)
"""Handlers that belong to the screen's own life, not to the learner's input: never guarded."""

Result = TypeVar("Result")
Answer = TypeVar("Answer")


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method`, run only while its screen is shown and settled (see the module docstring).

    A coroutine waits for its turn; a plain method cannot wait, so it is skipped while another
    handler of the screen is running (it cannot be caught half-way by one, being synchronous).
    """
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def run_in_turn(screen: GuardedScreen[Any], *args: Any, **kwargs: Any) -> Any:
            return await screen.while_shown(method, screen, *args, **kwargs)

        wrapper: Callable[..., Any] = run_in_turn
    else:

        @functools.wraps(method)
        def run_now(screen: GuardedScreen[Any], *args: Any, **kwargs: Any) -> Any:
            if screen.is_settled or screen.in_turn():
                return method(screen, *args, **kwargs)
            return None

        wrapper = run_now
    wrapper.__dict__["guarded"] = True
    return wrapper


class GuardedScreen(Screen[Result]):
    """A screen whose actions and message handlers never run after it stopped being shown."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As Textual's, without drawing the whole screen again when the focus moves: the widget
    that takes it and the one that loses it draw themselves again."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            entry = name.startswith(("action_", "on_")) or name == "refresh_language"
            if (
                entry
                and name not in LIFECYCLE_HANDLERS
                and inspect.isfunction(value)
                and not value.__dict__.get("guarded")
            ):
                setattr(cls, name, _guarded(value))

    def __init__(self) -> None:
        super().__init__()
        self._turn = asyncio.Lock()
        self._turn_owner: asyncio.Task[Any] | None = None
        self._focus_applied = False

    _styled_for: tuple[object, ...] | None = None
    """The app's theme and classes when this screen's widgets were last styled."""

    @on(events.ScreenResume)
    def _restyle_if_needed(self, event: events.ScreenResume) -> None:
        """Runs before Textual's own resume handler, which styles every widget of the screen
        again. That is needed only if the theme changed since the screen's widgets were styled:
        when it was mounted (just before it is first shown, or earlier when built ahead), or
        when it was last shown."""
        look = (self.app.theme, frozenset(self.app.classes))
        if self._styled_for in (None, look):
            event.refresh_styles = False
        self._styled_for = look
        self.refresh_bindings()  # The footer does not follow a screen while it is not shown.
        if not self._focus_applied:  # Shown again (`JourneyScreen.show_again`): keys after this.
            self.app.call_later(self._take_keys)

    @on(events.Mount)
    def _take_keys_after_focus(self) -> None:
        self._styled_for = (self.app.theme, frozenset(self.app.classes))
        # Runs after the subclasses' mount handlers; the focus they set is applied by the app
        # later, so the screen takes keys only after that (the first key goes to the field).
        self.app.call_later(self._take_keys)

    async def _take_keys(self) -> None:
        self._focus_applied = True
        self.refresh_bindings()  # Shown now: the footer shows its keys as they work.
        await _release_held_keys(self.app)

    @property
    def is_shown(self) -> bool:
        """Mounted, still in the app, and on top (not replaced, not under a dialog)."""
        return self.is_mounted and self.is_attached and self.app.screen is self

    @property
    def is_settled(self) -> bool:
        """Shown, and not in the middle of handling something (a redraw, a change of screen)."""
        return self.is_shown and self._focus_applied and not self._turn.locked()

    def in_turn(self) -> bool:
        """Whether the code running now is a handler of this screen (calling another one)."""
        return self._turn_owner is not None and self._turn_owner is asyncio.current_task()

    async def while_shown(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run `method` if this screen is shown, after any handler already running finishes."""
        task = asyncio.current_task()
        if self.in_turn():  # A handler calling another: already our turn.
            return await _result(method(*args, **kwargs))
        if not self.is_shown:
            return None
        async with self._turn:
            if not self.is_shown:
                return None  # Replaced while we waited.
            self._turn_owner = task
            try:
                return await _result(method(*args, **kwargs))
            finally:
                self._turn_owner = None
                self.app.call_later(_release_held_keys, self.app)

    def ask(self, dialog: ModalScreen[Answer], answer: Callable[[Answer | None], Any]) -> None:
        """Open `dialog`; `answer` gets its result only if this screen is shown again then."""

        async def guarded_answer(result: Answer | None) -> None:
            if self.is_attached:
                await self.while_shown(answer, result)

        self.app.push_screen(dialog, guarded_answer)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys do nothing on a screen that is not shown (so they are not swallowed either)."""
        return self.is_shown or None


async def _result(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def _release_held_keys(app: Any) -> None:
    release = getattr(app, "release_held_keys", None)
    if release is not None:
        await release()


def _took(before: Widget, after: Widget) -> bool:
    """Whether `before` now shows what `after`, a new widget of the same kind, would."""
    take = getattr(before, "take", None)
    if take is None or type(before) is not type(after):
        return False
    if before.id != after.id or before.classes != after.classes:
        return False
    take(after)
    return True


FOLLOW_UP_WAIT = 1.0
"""Seconds to wait at most for a widget to run what Textual left it to do (see `_followed_up`)."""


async def _followed_up(widget: Widget) -> None:
    """Until `widget` has run what Textual leaves it to do after a mount or a removal (ask for
    a layout, once more): asked after the screen is laid out, that would lay it out again."""
    if not widget.is_running:
        return
    done = asyncio.Event()
    widget.call_next(done.set)
    with contextlib.suppress(TimeoutError):  # Removed meanwhile: nothing to wait for.
        await asyncio.wait_for(done.wait(), FOLLOW_UP_WAIT)


class JourneyBody(ScrollingBody):
    """The changing part of a journey screen: recomposed alone, so header and footer stay."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Restyle the body alone when it takes or loses the focus: no rule styles what it
        holds by the body's focus, and restyling all of it each time a screen is shown is
        most of the time that takes."""
        self.app.stylesheet.update_nodes([self], animate=False)

    def compose(self) -> ComposeResult:
        screen = self.screen
        assert isinstance(screen, JourneyScreen)
        yield from screen.standby_body() if screen.standby else screen.body()


class JourneyScreen(GuardedScreen[None]):
    """A screen of the learner's journey. Subclasses compose `body()` from the current state."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "continue", N_("Continue"), id="continue", priority=True),
        Binding("escape", "back", N_("Back"), id="back", priority=True),
        # Priority, like Enter: a digit then Enter, typed fast, are handled in that order.
        *(Binding(str(n), f"pick({n})", show=False, priority=True) for n in range(1, 10)),
    ]

    standby = False
    """Built ahead of the journey reaching a position it shows (see `smtrainer.ui.build_ahead`):
    mounted with an empty body and no titles until it is first shown."""

    @property
    def trainer(self) -> TrainerApp:
        return trainer_of(self)

    @property
    def policy(self) -> Policy:
        policy = self.trainer.policy
        assert policy is not None
        return policy

    @property
    def progress(self) -> Progress:
        progress = self.trainer.progress
        assert progress is not None
        return progress

    @property
    def journey(self) -> JourneyController:
        """The journey's rules: screens show its state and send it the learner's actions."""
        return self.trainer.journey

    def compose(self) -> ComposeResult:
        body = JourneyBody(id="body")
        yield TitleBar()
        yield body
        yield MoreBelow(body)
        yield KeyFooter()

    def body(self) -> ComposeResult:
        yield from ()

    def standby_body(self) -> ComposeResult:
        """The body of a screen built ahead (see `standby`): empty, or for a screen whose body
        is the same kinds of widget wherever it is shown, those widgets, empty, which its first
        body then fills in place (see `refresh_body`) instead of mounting its own."""
        yield from ()

    def on_mount(self) -> None:
        retranslate(self)
        if not self.standby:
            self._titles()

    def _titles(self) -> None:
        self.title = self.policy.school if self.trainer.policy else ""
        self.sub_title = self.heading()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Digits go to a text field when one has the focus (a name may hold digits)."""
        if action == "pick" and isinstance(self.focused, Input):
            return False
        return super().check_action(action, parameters)

    def heading(self) -> str:
        return ""

    async def refresh_body(self) -> None:
        """Draw the body again from the current state. Widgets of the kind (class, id and
        classes) the new body has in the same place, counting from the top and from the
        bottom, take their new content, which is much quicker than new widgets; only those in
        between are replaced."""
        body = self.query_one(JourneyBody)
        old, new = list(body.children), list(self.body())
        # One layout once all is in place, not one for the widgets that took new content and
        # another once the new ones are mounted.
        with self.app.batch_update():
            top = 0
            while top < min(len(old), len(new)) and _took(old[top], new[top]):
                top += 1
            bottom = 0
            while bottom < min(len(old), len(new)) - top and _took(
                old[-1 - bottom], new[-1 - bottom]
            ):
                bottom += 1
            gone, added = old[top : len(old) - bottom], new[top : len(new) - bottom]
            if gone:
                await body.remove_children(gone)
            if added:
                await body.mount_all(added, before=old[len(old) - bottom] if bottom else None)
            if gone or added:
                await _followed_up(body)

    async def show_moved(self) -> None:
        """The journey moved to another position this screen shows: draw it, from the top."""
        self.moved()
        self._titles()
        await self.refresh_body()
        self.query_one(JourneyBody).scroll_home(animate=False, immediate=True)
        self.refresh_bindings()
        lay_out_now(self)  # Drawn in one frame, now or when shown.

    async def show_again(self) -> None:
        """This screen, kept from before, is about to be shown again: draw it as a new one
        would be, in the language now active."""
        self.standby = False
        # It takes keys once it is shown, as a new screen does, not before its resume is done.
        self._focus_applied = False
        self.reset()
        retranslate(self)
        await self.show_moved()

    def moved(self) -> None:
        """Forget what belonged to the position shown before (a choice not confirmed)."""

    def reset(self) -> None:
        """Forget everything a new screen would not know."""
        self.moved()

    async def refresh_language(self) -> None:
        """Show the same place in the new language."""
        retranslate(self)
        self._titles()
        await self.refresh_body()

    async def action_continue(self) -> None:
        """Enter: move on."""

    async def action_back(self) -> None:
        """Escape: go back one step."""
        await self.trainer.go_back()

    async def action_pick(self, number: int) -> None:
        """A digit key: pick that option."""
