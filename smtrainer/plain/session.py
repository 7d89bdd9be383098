"""The plain session: the welcome, who you are, the journey's stages, the certificate, and the
word commands, as a loop of prompts and answers."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from smtrainer.documents.certificate import contacts_text
from smtrainer.documents.school_notes import introduction_text, policy_notes, who_to_tell_text
from smtrainer.documents.wording import long_date
from smtrainer.domain.inert_text import inert
from smtrainer.domain.model import StaffIdRule
from smtrainer.domain.progress import Stage
from smtrainer.i18n import (
    SUPPORTED_LANGUAGES,
    _,
    current_language,
    next_language,
    ngettext,
    set_language,
)
from smtrainer.plain.commands import MEANINGS, Command, command_in, word
from smtrainer.plain.console import Console, InputEnded
from smtrainer.plain.stages import stage_view
from smtrainer.plain.stages import where as journey_where
from smtrainer.plain.views import Ask, View, choice_question, one_of, pick_problem
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.storage.settings import load_settings, save_settings
from smtrainer.workflows.journey_controller import JourneyController, RefresherOffer, Signing

if TYPE_CHECKING:
    from smtrainer.workflows.journey_controller import Finished


class Mode(StrEnum):
    WELCOME = "welcome"
    RESTART = "restart"
    NAME = "name"
    STAFF_ID = "staff-id"
    ROLE = "role"
    REFRESHER = "refresher"
    JOURNEY = "journey"
    PASSPHRASE = "passphrase"
    DONE = "done"
    ENDED = "ended"


class PlainSession:
    """One run of `smtrainer --plain`: prompts out, answers in, until the end or `quit`."""

    def __init__(
        self, journey: JourneyController, console: Console, *, remember_language: bool = True
    ) -> None:
        self.journey = journey
        self.console = console
        self.remember_language = remember_language
        self.mode = Mode.WELCOME
        self.notes: list[str] = []
        journey.on_problem = self.notes.append
        remembered = journey.remembered_identity()
        self.name = remembered.name if remembered else ""
        self.staff_id = remembered.staff_id if remembered else ""
        self.role = remembered.role if remembered else ""
        self.offer: RefresherOffer | None = None
        self.signature = ""
        self.finished: Finished | None = None
        self.shown: tuple[object, ...] | None = None

    def run(self) -> int:
        problem = self.journey.load()
        if problem:
            self.notes.append(problem)
        self.console.say(
            _("smtrainer, plain text mode. Type {help} at any prompt for the commands.").format(
                help=word(Command.HELP)
            )
        )
        while self.mode is not Mode.ENDED:
            view = self.view()
            self.show(view)
            self.console.say(
                _("{where}: {question}").format(where=view.where, question=view.question)
            )
            try:
                answer = self.console.ask(secret=view.ask is Ask.SECRET)
            except InputEnded:
                self.end(_("Input ended."))
                break
            command = None if view.ask is Ask.SECRET else command_in(answer)
            if command is not None:
                self.command(command)
                continue
            problem = view.act(answer)
            if problem:
                self.console.say(problem)
        return 0

    def show(self, view: View) -> None:
        """Say a step when it is reached; once it is answered, say only what follows."""
        key = (*view.key, self.mode)
        answered = bool(view.after)
        if self.shown is not None and self.shown[:-1] == key:
            if answered and not self.shown[-1]:
                self._paragraphs(view.after)
        else:
            self.console.say()
            self._paragraphs(view.lines)
            for number, choice in enumerate(view.choices, start=1):
                self.console.say(f"{number}. {choice}", indent="  ")
            self._paragraphs(view.after)
        self.shown = (*key, answered)
        self._say_notes()

    def _say_notes(self) -> None:
        """What happened meanwhile (a save that failed…), once."""
        for note in self.notes:
            self.console.say(note)
        self.notes.clear()

    def _paragraphs(self, texts: list[str]) -> None:
        for text in texts:
            self.console.say(text)

    def end(self, why: str) -> None:
        if self.mode is Mode.DONE or self.journey.progress is None:
            self.console.say(why)
        elif self.journey.all_saved():
            self.console.say(
                why + " " + _("Your progress is saved: run smtrainer again to resume.")
            )
        else:
            self._say_notes()  # The problem, if it is not said yet.
            self.console.say(
                why
                + " "
                + _(
                    "Your latest progress could not be saved, as said when it failed: what you "
                    "did since it was last saved is lost."
                )
            )
        self.mode = Mode.ENDED

    # Commands

    def command(self, command: Command) -> None:
        if command is Command.REPEAT:
            self.shown = None
        elif command is Command.HELP:
            self.console.say(_("Commands you can type at any prompt:"))
            for each, meaning in MEANINGS.items():
                self.console.say(
                    _("{command}: {meaning}").format(command=word(each), meaning=_(meaning)),
                    indent="  ",
                )
            self.console.say(
                _(
                    "To answer, type the number of a choice. Where several answers may be "
                    "right, type each number, separated by spaces."
                )
            )
        elif command is Command.BACK:
            self.back()
        elif command is Command.LANGUAGE:
            self.switch_language()
        elif command is Command.CONTACTS:
            policy = self.journey.policy
            self.console.say(_("Who to tell at {school}").format(school=policy.school))
            self.console.say(who_to_tell_text(policy))
        else:
            self.end(_("Stopped."))

    def back(self) -> None:
        previous = {
            Mode.RESTART: Mode.WELCOME,
            Mode.NAME: Mode.WELCOME,
            Mode.STAFF_ID: Mode.NAME,
            Mode.ROLE: Mode.STAFF_ID if self._asks_staff_id() else Mode.NAME,
            Mode.REFRESHER: Mode.ROLE,
            Mode.PASSPHRASE: Mode.JOURNEY,
        }
        if self.mode in previous:
            self.mode = previous[self.mode]
        elif self.mode is Mode.JOURNEY:
            if not self.journey.back():
                self.mode = Mode.WELCOME
        else:
            self.console.say(_("There is no step before this one."))

    def switch_language(self) -> None:
        languages = [lang for lang in SUPPORTED_LANGUAGES if lang in self.journey.policies]
        if len(languages) < 2:
            self.console.say(_("This training is available in one language only."))
            return
        set_language(next_language(languages))
        if self.remember_language:
            settings = load_settings()
            settings.language = current_language()
            try:
                save_settings(settings)
            except StorageError as error:
                self.notes.append(
                    _("Could not save your settings: {reason}").format(reason=error.reason)
                )
        # TRANSLATORS: said after switching language: name the language of this catalog.
        self.console.say(_("Language: English."))

    # Views before and after the journey

    def view(self) -> View:
        if self.mode is Mode.JOURNEY:
            if self.journey.progress is None:
                self.mode = Mode.WELCOME
            else:
                return stage_view(self.journey, self)
        builders = {
            Mode.WELCOME: self._welcome,
            Mode.RESTART: self._restart,
            Mode.NAME: self._name,
            Mode.STAFF_ID: self._staff_id,
            Mode.ROLE: self._role,
            Mode.REFRESHER: self._refresher,
            Mode.PASSPHRASE: self._passphrase,
            Mode.DONE: self._done,
        }
        return builders[self.mode]()

    def _key(self, *extra: object) -> tuple[object, ...]:
        return (self.mode, current_language(), *extra)

    def _resume_place(self) -> str:
        progress = self.journey.progress
        assert progress is not None
        module = self.journey.policy.module(progress.position.module or "")
        if module is not None:
            return module.title
        stage = progress.position.stage
        if stage in (Stage.ASSESSMENT, Stage.REVIEW):
            return _("final assessment")
        if stage is Stage.MAP:
            return _("module map")
        return _("last steps")

    def _welcome(self) -> View:
        policy = self.journey.policy
        total = sum(module.minutes for module in policy.modules)
        modules = "\n".join(
            f"{number}. {module.title} ({module.minutes} min)"
            for number, module in enumerate(policy.modules, start=1)
        )
        lines = [
            policy.school,
            _("{title} (version {version})").format(title=policy.title, version=policy.version),
            *([introduction_text(policy)] if policy.introduction else []),
            *policy_notes(policy),
            ngettext(
                "{count} module, about {minutes} minutes in all:",
                "{count} modules, about {minutes} minutes in all:",
                len(policy.modules),
            ).format(count=len(policy.modules), minutes=total)
            + "\n"
            + modules,
        ]
        if self.journey.progress is not None:
            choices = [
                _("Resume where you stopped ({where})").format(where=self._resume_place()),
                _("Start again from the beginning"),
            ]
        else:
            choices = [_("Start the training")]

        def act(answer: str) -> str | None:
            number = one_of(answer, len(choices))
            if number is None:
                return pick_problem(len(choices))
            if self.journey.progress is None:
                self.mode = Mode.NAME
            else:
                self.mode = Mode.JOURNEY if number == 1 else Mode.RESTART
            return None

        return View(
            self._key(self.journey.progress is not None),
            _("Welcome"),
            choice_question(len(choices)),
            Ask.CHOICE,
            act,
            lines,
            choices,
        )

    def _restart(self) -> View:
        choices = [_("Yes"), _("No")]

        def act(answer: str) -> str | None:
            number = one_of(answer, 2)
            if number is None:
                return pick_problem(2)
            if number == 1:
                self.journey.forget()
                self.mode = Mode.NAME
            else:
                self.mode = Mode.WELCOME
            return None

        lines = [_("Start again? The answers saved so far will be replaced.")]
        return View(self._key(), _("Welcome"), choice_question(2), Ask.CHOICE, act, lines, choices)

    def _asks_staff_id(self) -> bool:
        return self.journey.policy.staff_id is not StaffIdRule.NONE

    def _kept(self, question: str, value: str) -> str:
        if value:
            return question + " " + _("Enter alone keeps: {value}").format(value=inert(value))
        return question

    def _name(self) -> View:
        def act(answer: str) -> str | None:
            if answer.strip():
                self.name = answer
            if not self.name.strip():
                return _("Please type your full name.")
            self.mode = Mode.STAFF_ID if self._asks_staff_id() else Mode.ROLE
            return None

        question = self._kept(_("Type your full name, as you will sign it."), self.name)
        return View(self._key(), _("Who you are, full name"), question, Ask.TEXT, act)

    def _staff_id(self) -> View:
        required = self.journey.policy.staff_id is StaffIdRule.REQUIRED

        def act(answer: str) -> str | None:
            if answer.strip():
                self.staff_id = answer
            if required and not self.staff_id.strip():
                return _("Please type your staff id.")
            self.mode = Mode.ROLE
            return None

        label = (
            _("Type your staff id.")
            if required
            else _("Type your staff id, if you have one; Enter alone leaves it out.")
        )
        question = self._kept(label, self.staff_id)
        return View(self._key(), _("Who you are, staff id"), question, Ask.TEXT, act)

    def _role(self) -> View:
        roles = self.journey.roles()
        choices = [label for _role_id, label in roles]
        known = dict(roles).get(self.role)
        question = self._kept(choice_question(len(choices)), known or "")

        def act(answer: str) -> str | None:
            if answer.strip() or not known:
                number = one_of(answer, len(choices))
                if number is None:
                    return pick_problem(len(choices))
                self.role = roles[number - 1][0]
            return self._identified()

        return View(
            self._key(),
            _("Who you are, role"),
            question,
            Ask.CHOICE,
            act,
            [_("Your role")],
            choices,
        )

    def _identified(self) -> str | None:
        identity = self.journey.identity(self.name, self.role, self.staff_id)
        problem = self.journey.identity_problem(identity)
        if problem:
            self.mode = Mode.NAME
            return problem
        self.offer = self.journey.refresher_offer(identity)
        if self.offer is None:
            self.journey.start(identity)
            self.mode = Mode.JOURNEY
        else:
            self.mode = Mode.REFRESHER
        return None

    def _refresher(self) -> View:
        offer = self.offer
        assert offer is not None
        lines = [
            _(
                "You completed this training on {date}. Take the shorter refresher: a "
                "test-out quiz first, then only what you missed or what has changed?"
            ).format(date=long_date(offer.last_completed))
        ]
        choices = [_("Yes, take the refresher"), _("No, do the full training")]

        def act(answer: str) -> str | None:
            number = one_of(answer, 2)
            if number is None:
                return pick_problem(2)
            identity = self.journey.identity(self.name, self.role, self.staff_id)
            self.journey.start(identity, offer if number == 1 else None)
            self.mode = Mode.JOURNEY
            return None

        return View(
            self._key(),
            _("Refresher or full training"),
            choice_question(2),
            Ask.CHOICE,
            act,
            lines,
            choices,
        )

    # Signing and the certificate

    def signed(self, signing: Signing, typed: str) -> str | None:
        """What signing gave: the certificate, a passphrase to ask for, or a problem."""
        if signing.finished is not None:
            self.finished = signing.finished
            self.mode = Mode.DONE
            return None
        if signing.passphrase_prompt is not None:
            self.signature = typed
            self.notes.append(signing.passphrase_prompt)
            self.mode = Mode.PASSPHRASE
            return None
        return signing.problem

    def _passphrase(self) -> View:
        def act(answer: str) -> str | None:
            self.mode = Mode.JOURNEY
            if not answer:
                return None
            return self.signed(self.journey.sign(self.signature, answer), self.signature)

        question = _("Passphrase of your signing key (Enter alone goes back):")
        return View(self._key(), journey_where(self.journey), question, Ask.SECRET, act)

    def _done(self) -> View:
        finished = self.finished
        assert finished is not None
        certificate, delivery = finished.certificate, finished.delivery
        lines = [certificate.heading]
        lines.append(
            "\n".join(
                _("{label}: {value}").format(label=label, value=value)
                for label, value in certificate.rows
            )
        )
        extras = contacts_text(certificate)
        if extras:
            lines.append(extras)
        lines.append(certificate.note)
        lines.append(
            _("Your signed record is saved on this computer: {path}").format(
                path=_path_text(delivery.local)
            )
        )
        if delivery.shared is not None:
            lines.append(
                _("It has been handed in to the shared folder: {path}").format(
                    path=_path_text(delivery.shared)
                )
            )
        elif delivery.outbox is not None:
            lines.append(
                _(
                    "The shared folder could not be reached ({problem}). "
                    "The record waits in {path}; run `smtrainer deliver` later, "
                    "or give the file to your head teacher."
                ).format(problem=delivery.problem, path=delivery.outbox)
            )
        else:
            lines.append(
                _(
                    "Hand it in by giving this file to your head teacher (for example on a USB "
                    "stick), or set a shared folder with `smtrainer deliver --to FOLDER`."
                )
            )
        choices = [_("Save a printable certificate (HTML)"), _("Finish")]

        def act(answer: str) -> str | None:
            if not answer.strip():
                self.end(_("Finished."))
                return None
            number = one_of(answer, 2)
            if number is None:
                return pick_problem(2)
            if number == 2:
                self.end(_("Finished."))
                return None
            return self._save_certificate()

        return View(
            self._key(), _("Certificate"), choice_question(2), Ask.CHOICE, act, lines, choices
        )

    def _save_certificate(self) -> str:
        from smtrainer.documents.certificate import certificate_html

        assert self.finished is not None
        path = self.finished.delivery.local.with_suffix(".html")
        try:
            save_document(path, certificate_html(self.finished.certificate))
        except StorageError as error:
            return _("The certificate could not be saved: {reason}").format(reason=error)
        return _("Printable certificate saved to {path}").format(path=_path_text(path))


def _path_text(path: Path) -> str:
    """A path to read out: a long one has its file name on a line of its own."""
    text = str(path)
    if len(text) <= 60:
        return text
    return f"{path.parent}{os.sep}\n{path.name}"
