"""The last steps: private practice check, action list, acknowledgement, and the record."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Label, Static

from smtrainer.documents.certificate import certificate_html, contacts_text
from smtrainer.domain.model import AcknowledgementMode
from smtrainer.i18n import N_, _
from smtrainer.storage.action_list import save_action_list
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.ui.dialogs import PassphraseDialog
from smtrainer.ui.formatting import long_date
from smtrainer.ui.screens.base import JourneyScreen
from smtrainer.ui.widgets import FactTable, Hint, NumberedChoices, Plain, focus_after_text

if TYPE_CHECKING:
    from smtrainer.workflows.journey_controller import Finished, Signing


class SelfCheckScreen(JourneyScreen):
    """One statement about the person's own accounts: yes or no. Private."""

    def heading(self) -> str:
        return _("Practice check (private)")

    def body(self) -> ComposeResult:
        items = self.journey.self_check_items()
        index = self.progress.position.index
        if not items:
            yield Plain(_("This policy has no practice check."))
            return
        item = items[index]
        yield Plain(
            _("Statement {number} of {total}").format(number=index + 1, total=len(items)),
            classes="counter",
        )
        yield Plain(item.prompt, classes="prompt")
        answer = self.journey.self_check_answer()
        picked = set() if answer is None else {1 if answer else 2}
        yield NumberedChoices(
            [_("Yes, that is true for me"), _("No, not yet")], picked, id="choices"
        )
        yield Hint(
            _(
                "Your answers stay on this computer: they are never part of your record. "
                "Press 1 or 2, then Enter."
            )
        )

    async def action_pick(self, number: int) -> None:
        if number in (1, 2) and self.journey.self_check_items():
            self.journey.answer_self_check(number == 1)
            self.query_one("#choices", NumberedChoices).show_picked({number})

    async def action_continue(self) -> None:
        await self.trainer.advance()


def action_list_text(screen: JourneyScreen) -> str | None:
    """The action list as a small text document, or None when there is nothing to do."""
    actions = screen.journey.action_list()
    if not actions:
        return None
    policy = screen.policy
    lines = [
        _("Your action list (private)"),
        f"{policy.school} — {policy.title}",
        long_date(screen.trainer.now().date()),
        "",
        *(f"☐ {item.action}" for item in actions),
        "",
        _("This list is for you only. It is not saved in your record."),
    ]
    return "\n".join(lines) + "\n"


def keep_action_list(screen: JourneyScreen, text: str | None) -> Path | None:
    """Save the action list's `text` in the learner's own folder (nothing when there is no
    list); a failure is shown, never fatal."""
    if text is None:
        return None
    try:
        return save_action_list(screen.policy.id, text)
    except StorageError as error:
        screen.notify(
            _("Your action list could not be saved: {reason}").format(reason=error.reason),
            severity="error",
            markup=False,
        )
        return None


class ActionsScreen(JourneyScreen):
    """The person's own action list from the practice check; S keeps a copy on this computer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,S", "save", N_("Save my list"), id="save-actions", priority=True),
    ]

    def heading(self) -> str:
        return _("Your action list (private)")

    def body(self) -> ComposeResult:
        actions = self.journey.action_list()
        if actions:
            yield Plain(_("Things to do on your own accounts:"), classes="heading")
            yield Plain("\n".join(f"☐ {item.action}" for item in actions), classes="actions")
        else:
            yield Plain(
                "✓ " + _("Nothing to do: your answers show good practice."),
                classes="heading",
            )
        yield Plain(_("This list is for you only. It is not saved in your record."))
        if actions:
            yield Hint(
                _(
                    "S: save this list on this computer (only you can read it; it is also kept "
                    "when you sign). Enter: continue to the acknowledgement."
                )
            )
        else:
            yield Hint(_("Enter: continue to the acknowledgement."))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """S is offered only when there is something on the list."""
        if action == "save" and self.is_shown:
            return bool(self.journey.action_list())
        return super().check_action(action, parameters)

    async def action_save(self) -> None:
        path = keep_action_list(self, action_list_text(self))
        if path is not None:
            self.notify(
                _("Your action list is saved in {path}").format(path=path),
                timeout=10,
                markup=False,
            )

    async def action_continue(self) -> None:
        await self.trainer.advance()


class AcknowledgeScreen(JourneyScreen):
    """The policy's acknowledgement; typing your full name signs it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "continue", N_("Sign"), id="continue"),
    ]
    signing = False
    """True while the record is being signed and handed in (Enter is then ignored)."""

    def __init__(self) -> None:
        super().__init__()
        self.typed = ""

    def heading(self) -> str:
        return _("Acknowledgement")

    def body(self) -> ComposeResult:
        policy = self.policy
        yield Plain(policy.acknowledgement.text, classes="reading")
        if policy.acknowledgement.mode is AcknowledgementMode.SIGNATURE:
            yield Label(
                _("Type your full name, {name}, to sign:").format(name=self.progress.identity.name),
                classes="prompt",
                markup=False,
            )
        else:
            yield Label(
                _(
                    "This policy is accepted by default. "
                    "Type your full name to confirm you have read it:"
                ),
                classes="prompt",
                markup=False,
            )
        yield Input(self.typed, id="signature")
        yield Plain("", id="sign-problem")
        yield Hint(_("Enter: sign and write your record. Escape: back."))

    def on_mount(self) -> None:
        super().on_mount()
        if not self.standby:
            self.query_one("#signature", Input).focus()

    def reset(self) -> None:
        self.typed = ""

    async def show_moved(self) -> None:
        await super().show_moved()
        self.query_one("#signature", Input).focus()

    async def refresh_language(self) -> None:
        self.typed = self.query_one("#signature", Input).value
        await super().refresh_language()
        focus_after_text(self.query_one("#signature", Input))

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_continue()

    async def _with_passphrase(self, passphrase: str | None) -> None:
        if passphrase:
            await self.action_continue(passphrase)

    async def action_continue(self, passphrase: str | None = None) -> None:
        if self.signing:
            return
        self.typed = self.query_one("#signature", Input).value
        if not self.journey.signature_matches(self.typed):
            signing = self.journey.sign(self.typed, passphrase)  # Says what is wrong, at once.
            self.query_one("#sign-problem", Static).update(f"✗ {signing.problem}")
            return
        self.signing = True
        self.query_one("#sign-problem", Static).update(
            "⋯ " + _("Signing your record and handing it in…")
        )
        self._sign(self.typed, passphrase)

    @work(thread=True, exclusive=True, group="sign")
    def _sign(self, typed: str, passphrase: str | None) -> None:
        """Opening a protected key, signing and handing in take time (a shared folder may not
        answer): away from the screen, which stays responsive."""
        signing = self.journey.sign(typed, passphrase, forget=False)
        self.app.call_from_thread(self._signed, signing)

    def _signed(self, signing: Signing) -> None:
        self.signing = False
        if not self.is_attached or self not in self.app.screen_stack:  # Left (or kept aside).
            if signing.finished is not None:
                self.journey.forget()  # The record exists, whatever screen shows now.
            return
        self.query_one("#sign-problem", Static).update("")
        if signing.passphrase_prompt is not None:
            self.app.push_screen(PassphraseDialog(signing.passphrase_prompt), self._with_passphrase)
        elif signing.finished is None:
            self.query_one("#sign-problem", Static).update(f"✗ {signing.problem}")
        else:
            # Before the progress the list comes from is cleared.
            kept = keep_action_list(self, action_list_text(self))
            self.journey.forget()
            self.app.switch_screen(DoneScreen(signing.finished, action_list=kept))


class DoneScreen(JourneyScreen):
    """The certificate, where the record is, and how to hand it in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,S", "save", N_("Printable copy"), id="save-certificate"),
        Binding("escape", "home", N_("Welcome screen"), id="back"),
        Binding("enter", "home", N_("Welcome screen"), id="continue", priority=True),
    ]

    def __init__(self, finished: Finished, *, action_list: Path | None = None) -> None:
        super().__init__()
        self.finished = finished
        self.action_list = action_list

    def heading(self) -> str:
        return self.finished.certificate.heading

    def body(self) -> ComposeResult:
        certificate = self.finished.certificate
        delivery = self.finished.delivery
        yield Plain("✓ " + certificate.heading, classes="heading")
        yield FactTable(certificate.rows, id="certificate-rows")
        extras = contacts_text(certificate)
        if extras:
            yield Plain(extras, id="certificate-contacts")
        # Paths and commands each start a line of their own, so the words around them never
        # break them; the folder and the file name are shown apart.
        lines = [
            _("Your signed record is saved on this computer, in the folder:"),
            f"  {delivery.local.parent}",
            _("as the file:"),
            f"  {delivery.local.name}",
        ]
        if delivery.shared is not None:
            lines += [_("It has been handed in to the shared folder:"), f"  {delivery.shared}"]
        elif delivery.outbox is not None:
            lines += [
                _("The shared folder could not be reached ({problem}).").format(
                    problem=delivery.problem
                ),
                _("The record waits in the folder:"),
                f"  {delivery.outbox}",
                _("Hand it in later with this command, or give the file to your head teacher:"),
                "  smtrainer deliver",
            ]
        else:
            lines += [
                _(
                    "Hand it in by giving this file to your head teacher (for example on a USB "
                    "stick), or set a shared folder with this command:"
                ),
                "  smtrainer deliver --to " + _("FOLDER"),
            ]
        if self.action_list is not None:
            lines += [
                _("Your private action list (not in the record) is kept in:"),
                f"  {self.action_list}",
            ]
        yield Plain("\n".join(lines), classes="delivery")
        yield Hint(_("S: save a printable certificate. Enter: back to the welcome screen."))

    def certificate_path(self) -> Path:
        return self.finished.delivery.local.with_suffix(".html")

    async def action_save(self) -> None:
        try:
            path = save_document(
                self.certificate_path(), certificate_html(self.finished.certificate)
            )
        except StorageError as error:
            self.notify(
                _("The certificate could not be saved: {reason}").format(reason=error),
                severity="error",
                markup=False,
            )
            return
        self.notify(
            _("Printable certificate saved to {path}").format(path=path), timeout=10, markup=False
        )

    async def action_home(self) -> None:
        self.app.pop_screen()

    async def action_back(self) -> None:
        await self.action_home()
