"""The first screen: the school, its policy, the language, and start or resume."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from smtrainer.documents.school_notes import introduction_text, policy_notes
from smtrainer.domain.progress import Stage
from smtrainer.i18n import _, ngettext
from smtrainer.ui.screens.base import GuardedScreen, trainer_of
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import ActionMenu, Hint, KeyFooter, Plain, TitleBar

if TYPE_CHECKING:
    from smtrainer.ui.app import TrainerApp


class WelcomeScreen(GuardedScreen[None]):
    """School name, policy title, the modules with their minutes, and what to do next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n})", show=False) for n in range(1, 4)
    ]

    highlighted: str | None = None
    """The menu option highlighted, by id, kept across a language switch."""

    @property
    def trainer(self) -> TrainerApp:
        return trainer_of(self)

    def compose(self) -> ComposeResult:
        policy = self.trainer.policy
        assert policy is not None
        yield TitleBar()
        with VerticalScroll(id="welcome"):
            yield Plain(policy.school, id="school")
            yield Plain(
                _("{title} (version {version})").format(title=policy.title, version=policy.version),
                id="policy-title",
            )
            yield ActionMenu(self._options(), highlighted=self.highlighted, id="actions")
            yield Hint(_("Press a number, or use the arrows and Enter."))
            notes = self._notes()
            if notes:
                yield Plain(notes, id="school-notes")
            total = sum(module.minutes for module in policy.modules)
            yield Plain(
                ngettext(
                    "{count} module, about {minutes} minutes in all:",
                    "{count} modules, about {minutes} minutes in all:",
                    len(policy.modules),
                ).format(
                    count=len(policy.modules),
                    minutes=total,
                ),
                id="intro",
            )
            yield Plain(self._module_lines(), id="modules")
        yield KeyFooter()

    def _notes(self) -> str:
        """The school's introduction, where the full policy is, and whether this language
        version is the reference."""
        policy = self.trainer.policy
        assert policy is not None
        intro = introduction_text(policy)
        parts = [intro] if intro else []
        parts.extend(policy_notes(policy))
        return "\n\n".join(parts)

    def _options(self) -> list[tuple[str, str]]:
        progress = self.trainer.progress
        if progress is not None:
            options = [
                (
                    "resume",
                    _("1  Resume where you stopped ({where})").format(where=self._where()),
                ),
                ("restart", _("2  Start again from the beginning")),
            ]
        else:
            options = [("start", _("1  Start the training"))]
        if len(self.trainer.policy_choices) > 1:
            options.append(
                (
                    "policies",
                    _("{number}  Another school's policy").format(number=len(options) + 1),
                )
            )
        return options

    def _where(self) -> str:
        progress = self.trainer.progress
        policy = self.trainer.policy
        assert progress is not None and policy is not None
        position = progress.position
        module = policy.module(position.module or "")
        if module is not None:
            return module.title
        if position.stage in (Stage.ASSESSMENT, Stage.REVIEW):
            return _("final assessment")
        if position.stage is Stage.MAP:
            return _("module map")
        return _("last steps")

    def _module_lines(self) -> str:
        policy = self.trainer.policy
        assert policy is not None
        return "\n".join(
            _("{number:>2}. {title} ({minutes} min)").format(
                number=number, title=module.title, minutes=module.minutes
            )
            for number, module in enumerate(policy.modules, start=1)
        )

    def on_mount(self) -> None:
        retranslate(self)
        self._titles()
        self.query_one("#actions", ActionMenu).focus()

    def _titles(self) -> None:
        policy = self.trainer.policy
        assert policy is not None
        self.title = policy.school
        self.sub_title = policy.title

    async def refresh_language(self) -> None:
        self.highlighted = self.query_one("#actions", ActionMenu).highlighted_id
        retranslate(self)
        await self.recompose()
        self._titles()
        self.query_one("#actions", ActionMenu).focus()

    def on_screen_resume(self) -> None:
        """Back from the journey: the progress may have changed (or be finished)."""
        menu = self.query_one("#actions", ActionMenu)
        menu.set_options(self._options())
        menu.focus()
        if self.trainer.warm_up.done.is_set():  # Else built once the warm-up is over.
            self.trainer.build_identity_ahead()

    def action_pick(self, number: int) -> None:
        self.query_one("#actions", ActionMenu).choose_number(number)

    async def on_action_menu_chosen(self, event: ActionMenu.Chosen) -> None:
        choice = event.option_id
        if choice == "resume":
            await self.trainer.open_position()
        elif choice == "start":
            self._identity()
        elif choice == "policies":
            self.trainer.action_choose_policy()
        elif choice == "restart":
            from smtrainer.ui.dialogs import ConfirmDialog

            def answer(yes: bool | None) -> None:
                if yes:
                    self.trainer.progress = None
                    self._identity()

            self.ask(
                ConfirmDialog(_("Start again? The answers saved so far will be replaced.")),
                answer,
            )

    def _identity(self) -> None:
        self.app.push_screen(self.trainer.identity_screen())
