"""The training app: the policy in each language, the learner's progress, and navigation.

Screens and dialogs that the welcome screen does not need are imported where they are first
used, which keeps start-up short.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Coroutine, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen

from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem
from smtrainer.domain.progress import Progress, Stage
from smtrainer.i18n import N_, SUPPORTED_LANGUAGES, _, current_language, next_language, set_language
from smtrainer.storage.settings import load_settings
from smtrainer.ui.build_ahead import build_unseen, resume_drawing, until_settled
from smtrainer.ui.garbage import IdleCollector
from smtrainer.ui.key_queue import KeyQueue
from smtrainer.ui.saved_settings import update_settings
from smtrainer.ui.screens.welcome import WelcomeScreen
from smtrainer.ui.themes import HIGH_CONTRAST, register_themes
from smtrainer.ui.translated_bindings import retranslate, show_in_active_language
from smtrainer.ui.warm_up import WarmUp
from smtrainer.workflows.journey_controller import JourneyController, new_seed

if TYPE_CHECKING:
    from smtrainer.content.catalog import PackEntry
    from smtrainer.ui.screens.base import JourneyScreen
    from smtrainer.ui.screens.identity import IdentityScreen

KEPT = "journey-"
"""Names of the journey's screens kept for reuse start with this."""
LEAVING = "leaving"
"""The name of the screen the journey replaced, until it is removed."""

MIN_SIZE = (60, 18)
"""Below this the screens cannot be read; 80×24 is the size everything is designed for."""


class TrainerApp(App[int]):
    """Social media policy training."""

    CSS_PATH = "smtrainer.tcss"
    TITLE = "smtrainer"
    BINDINGS: ClassVar[list[BindingType]] = [
        # TRANSLATORS: the F2 key's label names the language it switches to ("English" in French).
        Binding("f2", "switch_language", N_("Français"), id="language"),
        # "?" is typed into a text field, so there the footer shows F1 for help (in place).
        Binding("question_mark,f1", "help", N_("Help"), id="help"),
        # TRANSLATORS: the F4 key's label: the people the school's policy says to go to.
        Binding("f4", "who_to_tell", N_("Who to tell"), id="who-to-tell"),
        Binding("f3", "toggle_contrast", N_("High contrast"), id="contrast", show=False),
        Binding("ctrl+q", "request_quit", N_("Quit"), id="quit", priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("Commands"),
            show=False,
            priority=True,
            tooltip=N_("Open the command palette"),
            id="commands",
        ),
    ]

    def __init__(
        self,
        policies: dict[str, Policy],
        problems: list[Problem],
        *,
        remember_language: bool = True,
        choices: Sequence[PackEntry] = (),
        skipped: Sequence[PackEntry] = (),
    ) -> None:
        super().__init__()
        self.policies = policies
        self.problems = problems
        self.policy_choices = list(choices)
        """The usable packs; with no `policies`, the learner picks one of them first."""
        self.skipped_packs = list(skipped)
        """Broken packs left out (said once, not fatal)."""
        self.remember_language = remember_language
        self.journey = JourneyController(
            policies,
            seeds=lambda: self.new_seed(),
            clock=lambda: self.now(),
            on_problem=self._progress_not_saved,
            save_in_background=True,
        )
        self.saved_problem: str | None = None
        self.too_small = False
        self.keys = KeyQueue(self, super().on_event)
        self.collector = IdleCollector(self)
        self.warm_up = WarmUp()
        self._identity_ahead: tuple[IdentityScreen, tuple[str, str | None]] | None = None
        """The identity screen built ahead, and what it was built for (`_identity_made_for`)."""
        self._building: dict[Screen[Any], asyncio.Future[bool]] = {}
        """Journey screens being built ahead, and what to await for each to be mounted."""

    @property
    def policy(self) -> Policy | None:
        """The policy in the active language."""
        return self.policies.get(current_language())

    @property
    def progress(self) -> Progress | None:
        """The learner's progress, kept by the journey controller."""
        return self.journey.progress

    @progress.setter
    def progress(self, progress: Progress | None) -> None:
        self.journey.progress = progress

    @property
    def policy_id(self) -> str | None:
        return next(iter(self.policies.values())).id if self.policies else None

    def get_default_screen(self) -> Screen[Any]:
        """The welcome screen; the policy picker when several packs are installed and none is
        chosen yet; the content's problems when it cannot be used."""
        if not self.problems and not self.policies and self.policy_choices:
            from smtrainer.ui.screens.policy_picker import PolicyPickerScreen

            return PolicyPickerScreen()
        if self.problems or self.policy is None:
            from smtrainer.ui.screens.content_problems import ContentProblemsScreen

            return ContentProblemsScreen(self.problems)
        self.saved_problem = self.journey.load()
        return WelcomeScreen()

    def choose_policy(self, policy_id: str) -> None:
        """The learner chose a school's pack: remember it and show its welcome screen."""
        entry = next((e for e in self.policy_choices if e.policy_id == policy_id), None)
        if entry is None:
            return
        self.policies = dict(entry.policies)
        problem = self.journey.use_policy(self.policies)
        update_settings(self, policy=policy_id)
        self.push_screen(WelcomeScreen())
        if problem:
            self.notify(problem, severity="warning", timeout=15, markup=False)

    def action_choose_policy(self) -> None:
        """Back to the list of schools (offered on the welcome screen when there are several)."""
        from smtrainer.ui.screens.policy_picker import PolicyPickerScreen

        if len(self.policy_choices) < 2 or not isinstance(self.screen, WelcomeScreen):
            return
        if len(self.screen_stack) > 1 and isinstance(self.screen_stack[-2], PolicyPickerScreen):
            self.pop_screen()
        else:
            self.push_screen(PolicyPickerScreen())

    def on_mount(self) -> None:
        register_themes(self)
        if load_settings().high_contrast:
            self.theme = HIGH_CONTRAST
        retranslate(self)
        if self.saved_problem:
            self.notify(self.saved_problem, severity="warning", timeout=15, markup=False)
        if self.skipped_packs and not self.problems:
            self.notify(
                _("Left out because its files have problems (run smtrainer check): {ids}").format(
                    ids=", ".join(entry.policy_id for entry in self.skipped_packs)
                ),
                severity="warning",
                timeout=15,
                markup=False,
            )
        self.call_after_refresh(self.collector.start)
        self.call_after_refresh(self.warm_up.start, self.build_identity_ahead)

    def _end_batch(self) -> None:
        super()._end_batch()
        if not self._batch_count:
            resume_drawing(self)

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal go through the key queue (see `smtrainer.ui.key_queue`)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.collector.key_pressed()
            await self.keys.arrived(event)
            return
        await super().on_event(event)

    def get_key_display(self, binding: Binding) -> str:
        from smtrainer.ui.key_names import binding_key_name

        return binding_key_name(binding)

    async def release_held_keys(self) -> None:
        """A screen has finished handling something: keys that waited for it may go on."""
        await self.keys.release()

    def on_resize(self, event: Resize) -> None:
        small = event.size.width < MIN_SIZE[0] or event.size.height < MIN_SIZE[1]
        if small == self.too_small:
            return
        from smtrainer.ui.dialogs import TooSmallScreen

        self.too_small = small
        if small:
            self.push_screen(TooSmallScreen(MIN_SIZE))
            return
        while self.showing(TooSmallScreen):  # with anything opened over it (Ctrl+Q still works)
            self.pop_screen()

    def showing(self, kind: type[Screen[Any]]) -> bool:
        """Whether a screen of this kind is open, on top or under others."""
        return any(isinstance(screen, kind) for screen in self.screen_stack)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            _("Switch language"),
            _("Show everything in the other language"),
            self.action_switch_language,
        )
        yield SystemCommand(_("Help"), _("The keys and what they do"), self.action_help)
        if self.policies:
            yield SystemCommand(
                _("Who to tell"),
                _("The people your school's policy says to go to"),
                self.action_who_to_tell,
            )
        yield SystemCommand(
            _("High contrast"),
            _("Switch the high-contrast colours on or off"),
            self.action_toggle_contrast,
        )
        yield SystemCommand(_("Quit"), _("Quit the application"), self.action_request_quit)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if not self.too_small and not self.showing(CommandPalette):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def action_help(self) -> None:
        from smtrainer.ui.dialogs import HelpScreen

        if not self.too_small and not self.showing(HelpScreen):
            self.push_screen(HelpScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The "who to tell" view is offered once a school's pack is chosen."""
        if action == "who_to_tell":
            return bool(self.policies)
        return True

    def action_who_to_tell(self) -> None:
        from smtrainer.ui.screens.who_to_tell import WhoToTellScreen

        if not self.too_small and self.policies and not self.showing(WhoToTellScreen):
            self.push_screen(WhoToTellScreen(self.policies))

    def action_toggle_contrast(self) -> None:
        high = self.theme != HIGH_CONTRAST
        self.theme = HIGH_CONTRAST if high else "textual-dark"
        update_settings(self, high_contrast=high)

    def action_request_quit(self) -> None:
        from smtrainer.ui.dialogs import ConfirmDialog

        if self.showing(ConfirmDialog):
            return

        def answer(quit_now: bool | None) -> None:
            if quit_now:
                self.exit(0)

        if self.journey.progress is None or self.journey.all_saved():
            message = _("Quit now? Your progress is saved and you can resume later.")
        else:
            message = _(
                "Quit now? Your latest progress could not be saved: what you did since it "
                "was last saved will be lost."
            )
        self.push_screen(ConfirmDialog(message), answer)

    async def action_switch_language(self) -> None:
        """Show everything in the next language, keeping the current screen and its state."""
        languages = [lang for lang in SUPPORTED_LANGUAGES if lang in self.policies] or list(
            SUPPORTED_LANGUAGES
        )
        set_language(next_language(languages))
        if self.remember_language:
            update_settings(self, language=current_language())
        await show_in_active_language(self)

    # The journey: the controller changes and saves it; the app shows where it now is.

    def _progress_not_saved(self, message: str) -> None:
        """A failed autosave is shown, never fatal (called from the thread that saves)."""
        self.notify(message, severity="error", timeout=10, markup=False)

    def exit(self, result: int | None = None, return_code: int = 0, message: Any = None) -> None:
        """Quit once every answer given is saved."""
        self.journey.flush()
        super().exit(result, return_code, message)

    def new_seed(self) -> int:
        return new_seed()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    async def show_position(self) -> None:
        """Show the journey's current position: in place when the journey screen shown is of
        the kind the position needs, else on the screen of that kind kept from before (drawn
        for this position, then shown), or on a new one. Building a screen takes far longer
        than drawing a new body on one, so each kind is built once per journey."""
        from smtrainer.ui.screens.base import JourneyScreen
        from smtrainer.ui.screens.stages import SCREENS

        assert self.progress is not None
        shown = self.screen
        kind = SCREENS[self.progress.position.stage]
        if type(shown) is kind and isinstance(shown, JourneyScreen):
            await shown.show_moved()
            return
        building = self._called_off(kind)
        screen = self._journey_screen(kind)
        if screen.is_mounted:
            await screen.show_again()
        self._show_journey_screen(screen)
        if building:  # Go on with the others.
            self._run_alone(self._build_ahead, "build-ahead")

    async def open_position(self) -> None:
        """Show the journey's current position on a new screen (from the welcome or the
        identity screen: a journey starts or resumes, and screens kept from before go, but
        not those built ahead and never shown), then build the others ahead."""
        from smtrainer.ui.screens.stages import SCREENS

        assert self.progress is not None
        self.workers.cancel_group(self, "build-ahead")
        self._remove_left()
        for name in [name for name in self._installed_screens if name.startswith(KEPT)]:
            kept = self.get_screen(name)
            if kept not in self.screen_stack and not getattr(kept, "standby", False):
                self.uninstall_screen(name)
                kept.remove()
        kind = SCREENS[self.progress.position.stage]
        self._called_off(kind)
        screen = self._journey_screen(kind)
        if screen.standby and screen.is_mounted:
            await screen.show_again()
        self._show_journey_screen(screen)
        self._run_alone(self._build_ahead, "build-ahead")

    def _run_alone(self, work: Callable[[], Coroutine[Any, Any, None]], group: str) -> None:
        """Run `work` as the only worker of `group`. The worker is given the coroutine
        function, not a coroutine: one made beforehand and never started (replaced by the
        next, or cut short by the app's end) would never be awaited."""
        # Textual's WorkType cannot tell a coroutine function's result: it would infer Never.
        self.run_worker(work, group=group, exclusive=True)  # type: ignore[arg-type]

    async def _build_ahead(self) -> None:
        """Build the journey's other kinds of screen ahead, one at a time, while the learner
        reads: built when first needed, one took over 100 ms of a key's answer (a screen kept
        from before is drawn for its new position in a fraction of that). Each is mounted with
        an empty body (`JourneyScreen.standby`) and drawn when first shown. Each is begun once
        the screen shown is drawn, so as not to delay it."""
        from smtrainer.ui.screens.stages import SCREENS

        for kind in dict.fromkeys(SCREENS.values()):
            if not await until_settled(self) or not await self._build_one_ahead(kind):
                return
        self.collector.set_aside()  # They live as long as the journey.

    async def _build_one_ahead(self, kind: type[JourneyScreen]) -> bool:
        """Build the journey's screen of this kind ahead, unless there is one; False if
        Textual cannot build a screen unseen."""
        name = KEPT + kind.__name__
        if self.is_screen_installed(name):
            return True
        screen = kind()
        screen.standby = True
        self.install_screen(screen, name)
        building = asyncio.ensure_future(build_unseen(self, screen))
        self._building[screen] = building
        try:
            built = await building
        except asyncio.CancelledError:  # A new journey, or needed before it was built.
            self._drop(name, screen)
            raise
        finally:
            self._building.pop(screen, None)
        if not built:  # Each is built when first needed, then.
            self.uninstall_screen(name)
        return built

    def build_identity_ahead(self) -> None:
        """While the learner reads the welcome screen, build the identity screen unseen (see
        `smtrainer.ui.build_ahead`): built when needed, it took some 100 ms of the key's answer."""
        if self._identity_ahead is None and self.policy is not None:
            self._run_alone(self._build_identity_ahead, "build-ahead-identity")

    async def _build_identity_ahead(self) -> None:
        from smtrainer.ui.screens.identity import IdentityScreen

        if not await until_settled(self) or not isinstance(self.screen, WelcomeScreen):
            return
        screen = IdentityScreen()
        made_for = self._identity_made_for()
        try:
            built = await build_unseen(self, screen)
        except asyncio.CancelledError:
            screen.remove()
            raise
        if built:
            self._identity_ahead = (screen, made_for)
            from smtrainer.ui.screens.module_map import MapScreen

            if await until_settled(self):
                await self._build_one_ahead(MapScreen)  # The screen after it.
            self.collector.set_aside()  # With what the warm-up imported.

    def identity_screen(self) -> IdentityScreen:
        """The identity screen to show: the one built ahead when it was built for the language
        and the school's pack now in use, else a new one."""
        from smtrainer.ui.screens.identity import IdentityScreen

        self.workers.cancel_group(self, "build-ahead-identity")
        ahead, self._identity_ahead = self._identity_ahead, None
        if ahead is not None:
            screen, made_for = ahead
            if made_for == self._identity_made_for() and screen.is_mounted:
                return screen
            screen.remove()
        return IdentityScreen()

    def _identity_made_for(self) -> tuple[str, str | None]:
        """What the identity screen shows depends on: the language and the pack (its school,
        its roles, whether it asks for a staff id)."""
        return current_language(), self.policy_id

    def _called_off(self, kind: type[JourneyScreen]) -> bool:
        """If the journey's screen of this kind is still being built ahead, call that off and
        drop it (it is then built now, as a screen is when none was built ahead); whether one
        was. A screen half built ahead is never shown."""
        name = KEPT + kind.__name__
        if not self.is_screen_installed(name):
            return False
        screen = self.get_screen(name)
        building = self._building.pop(screen, None)
        if building is None:
            return False
        building.cancel()
        self._drop(name, screen)
        return True

    def _drop(self, name: str, screen: Screen[Any]) -> None:
        """Uninstall and remove a screen built ahead (once, whoever asks first)."""
        if self.is_screen_installed(name) and self.get_screen(name) is screen:
            self.uninstall_screen(name)
            screen.remove()

    def _journey_screen(self, kind: type[JourneyScreen]) -> JourneyScreen:
        """The journey's screen of this kind: built once, then kept (installed) and reused."""
        name = KEPT + kind.__name__
        if not self.is_screen_installed(name):
            self.install_screen(kind(), name)
        screen = self.get_screen(name)
        assert isinstance(screen, kind)
        return screen

    def _show_journey_screen(self, screen: JourneyScreen) -> None:
        if isinstance(self.screen, WelcomeScreen):
            self.push_screen(screen)
            return
        leaving = self.screen
        if not self.is_screen_installed(leaving):
            # The identity screen: kept aside until the next journey starts, not removed while
            # the journey's first screen is drawn (that took some 60 ms, and a redraw).
            self.install_screen(leaving, LEAVING)
        self.switch_screen(screen)

    def _remove_left(self) -> None:
        """Remove the screen left for the journey (see `_show_journey_screen`)."""
        if self.is_screen_installed(LEAVING):
            left = self.get_screen(LEAVING)
            if left not in self.screen_stack:
                self.uninstall_screen(LEAVING)
                left.remove()

    async def advance(self) -> None:
        if not self.journey.advance():
            self.bell()
            return
        await self.show_position()

    async def go_back(self) -> None:
        assert self.progress is not None
        stage = self.progress.position.stage
        if not self.journey.back():
            if stage is Stage.MAP:
                self.pop_screen()  # Back to the welcome screen.
            return
        await self.show_position()
