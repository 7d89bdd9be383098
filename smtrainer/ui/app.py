"""The training app: holds the loaded policy in each language and the active language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem
from smtrainer.i18n import N_, SUPPORTED_LANGUAGES, _, current_language, set_language
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.settings import load_settings, save_settings
from smtrainer.ui.screens.content_problems import ContentProblemsScreen
from smtrainer.ui.screens.welcome import WelcomeScreen
from smtrainer.ui.translated_bindings import retranslate


class TrainerApp(App[int]):
    """Social media policy training."""

    CSS_PATH = "smtrainer.tcss"
    TITLE = "smtrainer"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "switch_language", N_("Français / English"), id="language"),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
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
    ) -> None:
        super().__init__()
        self.policies = policies
        self.problems = problems
        self.remember_language = remember_language

    @property
    def policy(self) -> Policy | None:
        """The policy in the active language."""
        return self.policies.get(current_language())

    def on_mount(self) -> None:
        retranslate(self)
        if self.problems or self.policy is None:
            self.push_screen(ContentProblemsScreen(self.problems))
        else:
            self.push_screen(WelcomeScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            _("Switch language"),
            _("Show everything in the other language"),
            self.action_switch_language,
        )
        yield SystemCommand(_("Quit"), _("Quit the application"), self.action_quit)

    def action_switch_language(self) -> None:
        """Show everything in the next language, keeping the current screen and its state."""
        languages = [lang for lang in SUPPORTED_LANGUAGES if lang in self.policies] or list(
            SUPPORTED_LANGUAGES
        )
        current = current_language()
        index = languages.index(current) if current in languages else -1
        set_language(languages[(index + 1) % len(languages)])
        if self.remember_language:
            try:
                settings = load_settings()
                settings.language = current_language()
                save_settings(settings)
            except StorageError as error:
                self.notify(
                    _("Could not save your language choice: {reason}").format(reason=error.reason),
                    severity="warning",
                )
        retranslate(self)
        for screen in self.screen_stack:
            retranslate(screen)
            refresh = getattr(screen, "refresh_language", None)
            if refresh is not None:
                refresh()
        self.refresh_bindings()
