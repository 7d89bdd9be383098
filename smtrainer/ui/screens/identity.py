"""Who you are: full name, staff id (if the school uses them) and role. Remembered."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Label, Static

from smtrainer.domain.model import StaffIdRule
from smtrainer.domain.progress import Identity
from smtrainer.i18n import N_, _
from smtrainer.ui.formatting import long_date
from smtrainer.ui.screens.base import GuardedScreen, trainer_of
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import (
    Hint,
    KeyFooter,
    MoreBelow,
    Plain,
    RoleChoices,
    ScrollingBody,
    TitleBar,
    focus_after_text,
)

if TYPE_CHECKING:
    from smtrainer.ui.app import TrainerApp
    from smtrainer.workflows.journey_controller import RefresherOffer


class IdentityScreen(GuardedScreen[None]):
    """Name, staff id and role, filled in from last time when known."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="back"),
        Binding("ctrl+s", "submit", N_("Continue"), id="continue"),
    ]

    def __init__(self) -> None:
        super().__init__()
        remembered = self.trainer_identity()
        self.name_value = remembered.name if remembered else ""
        self.staff_id_value = remembered.staff_id if remembered else ""
        self.role_value = remembered.role if remembered else ""

    @staticmethod
    def trainer_identity() -> Identity | None:
        from smtrainer.storage.profile import load_identity

        return load_identity()

    @property
    def trainer(self) -> TrainerApp:
        return trainer_of(self)

    def compose(self) -> ComposeResult:
        policy = self.trainer.policy
        assert policy is not None
        yield TitleBar()
        with ScrollingBody(id="body") as body:
            yield Plain(_("Who you are"), classes="heading")
            yield Label(_("Full name (as you will sign it)"), markup=False)
            yield Input(self.name_value, id="name")
            if policy.staff_id is not StaffIdRule.NONE:
                label = (
                    _("Staff id")
                    if policy.staff_id is StaffIdRule.REQUIRED
                    else _("Staff id (optional)")
                )
                yield Label(label, markup=False)
                yield Input(self.staff_id_value, id="staff-id")
            yield Label(_("Role"), markup=False)
            yield RoleChoices(self.trainer.journey.roles(), chosen=self.role_value, id="role")
            yield Plain("", id="identity-problem")
            yield Hint(
                _(
                    "Tab moves between fields. Enter continues; on a role, Enter chooses it and "
                    "continues. Ctrl+S continues from any field."
                )
            )
        yield MoreBelow(body)
        yield KeyFooter()

    def on_mount(self) -> None:
        retranslate(self)
        policy = self.trainer.policy
        self.title = policy.school if policy else ""
        self.sub_title = _("Who you are")
        # Built ahead (see `TrainerApp.build_identity_ahead`) while the app ends, it may be
        # mounted without its fields: nothing to focus then.
        for field in self.query("#name").results(Input):
            field.focus()

    looking_up = False
    """True while the last-record lookup runs (Enter is then ignored)."""

    def _remember_fields(self) -> None:
        self.name_value = self.query_one("#name", Input).value
        staff = self.query("#staff-id")
        if staff:
            self.staff_id_value = staff.first(Input).value
        self.role_value = self.query_one("#role", RoleChoices).chosen or self.role_value

    async def refresh_language(self) -> None:
        self._remember_fields()
        focused = self.focused.id if self.focused is not None else None
        retranslate(self)
        policy = self.trainer.policy
        self.title = policy.school if policy else ""  # Schools name themselves per language.
        self.sub_title = _("Who you are")
        await self.recompose()
        for field in self.query(f"#{focused or 'name'}"):  # The field typed in keeps the focus.
            focus_after_text(field)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def on_role_choices_chosen(self, event: RoleChoices.Chosen) -> None:
        self.action_submit()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_submit(self) -> None:
        self._remember_fields()
        journey = self.trainer.journey
        identity = journey.identity(self.name_value, self.role_value, self.staff_id_value)
        problem = journey.identity_problem(identity)
        if problem:
            self.query_one("#identity-problem", Static).update(f"✗ {problem}")
            return
        if self.looking_up:
            return
        self.looking_up = True
        self.query_one("#identity-problem", Static).update(
            "⋯ " + _("Looking for your last record on this computer…")
        )
        self._look_up(identity)

    @work(thread=True, exclusive=True, group="last-record")
    def _look_up(self, identity: Identity) -> None:
        """The last-record lookup reads files: away from the screen, which stays responsive."""
        offer = self.trainer.journey.refresher_offer(identity)
        self.app.call_from_thread(self.call_later, self._offer_in_turn, identity, offer)

    async def _offer_in_turn(self, identity: Identity, offer: RefresherOffer | None) -> None:
        """Once any redraw under way is over (a language switch builds the form again)."""
        self.looking_up = False
        await self.while_shown(self._offer, identity, offer)

    async def _offer(self, identity: Identity, offer: RefresherOffer | None) -> None:
        self.query_one("#identity-problem", Static).update("")
        journey = self.trainer.journey
        if offer is None:
            journey.start(identity)
            await self.trainer.open_position()
            return

        from smtrainer.ui.dialogs import ConfirmDialog

        async def answer(refresher: bool | None) -> None:
            if refresher is None:
                return  # Cancelled: stay on this screen.
            journey.start(identity, offer if refresher else None)
            await self.trainer.open_position()

        self.ask(
            ConfirmDialog(
                _(
                    "You completed this training on {date}. Take the shorter refresher: a "
                    "test-out quiz first, then only what you missed or what has changed?"
                ).format(date=long_date(offer.last_completed)),
                default=True,
            ),
            answer,
        )
