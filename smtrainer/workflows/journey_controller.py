"""The learner's journey as one object that every front end drives.

The controller owns the position and every decision (induction or refresher, when the
assessment ends, what a retry asks, when the record may be signed); it saves the progress after
every action that changes it. Front ends (the Textual screens, the plain text mode) only show
its state and send it what the learner did, so the rules exist once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from smtrainer.domain import journey
from smtrainer.domain.assessment import shuffled_options
from smtrainer.domain.dates import parse_timestamp
from smtrainer.domain.ids import is_staff_id
from smtrainer.domain.model import (
    AnswerOption,
    Contact,
    Module,
    Policy,
    Question,
    Scenario,
    SelfCheckItem,
    StaffIdRule,
    Step,
)
from smtrainer.domain.progress import Identity, Position, Progress, Stage
from smtrainer.domain.record_gate import MAX_NAME_LENGTH
from smtrainer.domain.record_values import RecordKind, clean_text, text_problem
from smtrainer.domain.roles import ROLES
from smtrainer.domain.scoring import Tally, is_correct
from smtrainer.domain.signature_name import same_name
from smtrainer.i18n import _, current_language
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.profile import load_identity, save_identity
from smtrainer.storage.progress import ProgressWriter, load_progress, save_progress

if TYPE_CHECKING:
    from smtrainer.workflows.finish import Finished as Finished

SEED_VARIABLE = "SMTRAINER_TEST_SEED"
"""Tests fix the assessment draw with this variable; learners have no option for it."""


def new_seed() -> int:
    """A fresh random draw seed, or the one a test fixed in the environment."""
    fixed = os.environ.get(SEED_VARIABLE, "").strip()
    if fixed.isdigit():
        return int(fixed)
    import secrets  # Not at start-up: its hmac import is slow, and a seed is needed later.

    return secrets.randbits(48)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AfterReview(StrEnum):
    """What follows the review of an assessment attempt."""

    PLAN = "plan"
    """A refresher's test-out: see which modules to revisit."""
    PRACTICE = "practice"
    """Passed: on to the private practice check."""
    RETRY = "retry"
    """Not passed: answer the missed questions again, or stop here."""


@dataclass(frozen=True)
class RefresherOffer:
    """This person has a passed record here: they may take the shorter refresher."""

    last_completed: dt.date
    facts: journey.LastRecord


@dataclass(frozen=True)
class ReviewItem:
    question: Question
    given: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """An attempt's result: score, pass or not, every wrong answer, and what comes next."""

    tally: Tally
    pass_mark: int
    passed: bool
    wrong: tuple[ReviewItem, ...]
    after: AfterReview


@dataclass(frozen=True)
class PlanEntry:
    """A module a refresher revisits, and why."""

    module: Module
    missed: bool
    changed: bool


@dataclass(frozen=True)
class Signing:
    """The outcome of signing: the finished record, a passphrase to ask for, or a problem."""

    finished: Finished | None = None
    passphrase_prompt: str | None = None
    problem: str | None = None


UNREADABLE = "\ufffd"
"""The replacement character: what a byte that could not be decoded became."""


class JourneyController:
    """The journey of one learner through one policy, in whichever language is active."""

    def __init__(
        self,
        policies: Mapping[str, Policy],
        *,
        seeds: Callable[[], int] = new_seed,
        clock: Callable[[], dt.datetime] = utc_now,
        on_problem: Callable[[str], None] | None = None,
        save_in_background: bool = False,
    ) -> None:
        """`save_in_background`: saves are written by a thread of their own, in order (see
        `ProgressWriter`), and a failure reaches `on_problem` from that thread."""
        self.policies = policies
        self.progress: Progress | None = None
        self.seeds = seeds
        self.clock = clock
        self.on_problem = on_problem or (lambda _message: None)
        self.writer = ProgressWriter(self._not_saved) if save_in_background else None
        self._save_failed = False

    @property
    def policy(self) -> Policy:
        """The policy in the active language (the first one if that language has none)."""
        policy = self.policies.get(current_language())
        return policy if policy is not None else next(iter(self.policies.values()))

    @property
    def policy_id(self) -> str:
        return self.policy.id

    def roles(self) -> list[tuple[str, str]]:
        """The roles to choose from, (id, name in the active language): the school's own list
        when its pack has one, else the app's."""
        if self.policy.roles:
            return [(role.id, role.title) for role in self.policy.roles]
        return [(role_id, _(label)) for role_id, label in ROLES.items()]

    def contacts(self) -> tuple[Contact, ...]:
        """Whom staff tell, as the school's pack names them, in the active language."""
        return self.policy.contacts

    def use_policy(self, policies: Mapping[str, Policy]) -> str | None:
        """Follow another school's pack (the learner chose it): its own saved progress is
        resumed; the problem with a damaged progress file, if there was one."""
        self.policies = policies
        self.progress = None
        return self.load()

    @property
    def state(self) -> Progress:
        """The progress of a journey under way (callers check `progress` first)."""
        if self.progress is None:
            raise journey.JourneyError("no journey under way")
        return self.progress

    @property
    def position(self) -> Position:
        return self.state.position

    # Saving and resuming

    def load(self) -> str | None:
        """Resume saved progress, if any; the problem with a damaged file, if there was one."""
        self.flush()
        loaded = load_progress(self.policy_id)
        self.progress = loaded.progress
        return loaded.problem

    def save(self) -> None:
        """Save after every change; a failure is reported, never fatal."""
        if self.progress is None:
            return
        if self.writer is not None:
            self.writer.save(self.progress)
            return
        try:
            save_progress(self.progress)
        except StorageError as error:
            self._save_failed = True
            self._not_saved(error)
        else:
            self._save_failed = False

    def flush(self) -> None:
        """Return once every save made so far is written (saves in the background)."""
        if self.writer is not None:
            self.writer.flush()

    def all_saved(self) -> bool:
        """Whether the journey's latest state is on disk (waiting for saves under way): False
        when the last save failed, so that nobody is told their progress is kept when it is
        not."""
        self.flush()
        return not (self.writer.failed if self.writer is not None else self._save_failed)

    def _not_saved(self, error: StorageError) -> None:
        self.on_problem(_("Your progress could not be saved: {reason}").format(reason=error.reason))

    def forget(self) -> None:
        """Start again: the saved answers are replaced once a new journey begins."""
        self.progress = None

    # Who the learner is, and which journey they take

    @staticmethod
    def remembered_identity() -> Identity | None:
        return load_identity()

    @staticmethod
    def identity(name: str, role: str, staff_id: str = "") -> Identity:
        return Identity(clean_text(name), role, clean_text(staff_id))

    def identity_problem(self, identity: Identity) -> str | None:
        """What is wrong with the identity given, in words; None when it can be used."""
        if not identity.name:
            return _("Please type your full name.")
        if UNREADABLE in identity.name or UNREADABLE in identity.staff_id:
            # What an input in another encoding gives: it would be signed as it is.
            return _(
                "The name or staff id has characters that could not be read (is the input "
                "UTF-8?): please type it again."
            )
        if len(identity.name) > MAX_NAME_LENGTH:
            # The record gate's limit: a longer name could never be signed.
            return _("A name is at most {limit} characters.").format(limit=MAX_NAME_LENGTH)
        if text_problem(identity.name) or text_problem(identity.staff_id):
            return _("The name or staff id contains characters that cannot be used.")
        if identity.staff_id and not is_staff_id(identity.staff_id):
            # The record gate's alphabet (domain.ids): what the head teacher's tools accept.
            return _("A staff id is letters and digits, separated by '-', '_' or '.'.")
        if self.policy.staff_id is StaffIdRule.REQUIRED and not identity.staff_id:
            return _("Please type your staff id.")
        if not identity.role:
            return _("Please choose your role.")
        return None

    def refresher_offer(self, identity: Identity) -> RefresherOffer | None:
        """The shorter refresher, when this person has a passed record of this policy here."""
        from smtrainer.workflows.finish import last_record

        previous = last_record(self.policy_id, identity)
        if previous is None:
            return None
        completed = parse_timestamp(str(previous["completed_at"])).date()
        return RefresherOffer(completed, journey.last_record_facts(previous))

    def start(self, identity: Identity, refresher: RefresherOffer | None = None) -> None:
        """Begin an induction, or the refresher offered; saved straight away."""
        if refresher is None:
            self.progress = journey.start_induction(self.policy, identity, self.clock())
        else:
            self.progress = journey.start_refresher(
                self.policy, identity, refresher.facts, self.clock(), self.seeds()
            )
        with contextlib.suppress(StorageError):  # A convenience; the progress is what matters.
            save_identity(identity)
        self.save()

    # What the current position shows

    def modules(self) -> list[Module]:
        """The modules this learner works through, in order."""
        return journey.planned_modules(self.policy, self.state)

    def all_modules_done(self) -> bool:
        return journey.all_modules_done(self.policy, self.state)

    def module(self) -> Module:
        module = self.policy.module(self.position.module or "")
        if module is None:
            raise journey.JourneyError(self.position)
        return module

    def module_number(self) -> tuple[int, int]:
        """The current module's place among the learner's modules: (number, total)."""
        modules = self.modules()
        ids = [m.id for m in modules]
        current = self.position.module or ""
        return (ids.index(current) + 1 if current in ids else 0), len(modules)

    def scenario(self) -> tuple[Scenario, Step]:
        position = self.position
        scenario = self.module().scenarios[position.index]
        return scenario, scenario.step(position.step or scenario.start)

    def step_number(self) -> int:
        """Which step of the scenario this is, counting the steps walked to reach it."""
        scenario, step = self.scenario()
        walked = list(self.state.module(self.module().id).choices.get(scenario.id, {}))
        return walked.index(step.id) + 1 if step.id in walked else len(walked) + 1

    def chosen(self) -> str | None:
        """The choice made at the current scenario step, if any (the first one counts)."""
        return journey.chosen(self.state, self.position, self.policy)

    def confidence(self) -> int | None:
        return self.state.module(self.module().id).confidence

    def question(self) -> Question:
        return journey.current_question(self.policy, self.state)

    def options(self, question: Question) -> tuple[AnswerOption, ...]:
        """A question's options in the order shown (numbered from 1): shuffled by the attempt's
        seed in the assessment, by the journey's start otherwise; the same in every language."""
        assessment = self.state.assessment
        if assessment is not None and question.id in assessment.questions:
            seed = assessment.seed
        else:
            seed = zlib.crc32(self.state.started_at.encode())
        return shuffled_options(question, seed)

    def saved_answer(self) -> list[str] | None:
        """The confirmed answer to the current question, if any."""
        question, state = self.question(), self.state
        if self.position.stage is Stage.ASSESSMENT:
            assert state.assessment is not None
            return state.assessment.answers.get(question.id)
        return state.module(self.position.module or "").checks.get(question.id)

    def in_assessment(self) -> bool:
        return self.position.stage is Stage.ASSESSMENT

    def testing_out(self) -> bool:
        """Whether this is a refresher's first quiz, before the plan of what to revisit."""
        state = self.state
        return (
            self.in_assessment()
            and state.kind == RecordKind.REFRESHER.value
            and not state.testout_reviewed
        )

    def asking_again(self) -> bool:
        """Whether this assessment attempt asks again what was missed."""
        assessment = self.state.assessment
        return assessment is not None and bool(assessment.retry)

    def assessment_length(self) -> int:
        assessment = self.state.assessment
        return len(assessment.asked) if assessment is not None else 0

    def check_length(self) -> int:
        return len(self.module().check_questions)

    def review(self) -> Review:
        policy, state = self.policy, self.state
        assessment = state.assessment
        answers = assessment.answers if assessment is not None else {}
        wrong = tuple(
            ReviewItem(journey.find_question(policy, q), tuple(answers.get(q, [])))
            for q in journey.wrong_questions(policy, state)
        )
        passed = journey.passed(policy, state)
        if state.kind == RecordKind.REFRESHER.value and not state.testout_reviewed:
            after = AfterReview.PLAN
        else:
            after = AfterReview.PRACTICE if passed else AfterReview.RETRY
        return Review(
            journey.assessment_tally(policy, state), policy.pass_mark, passed, wrong, after
        )

    def may_stop(self) -> bool:
        """Stopping with a record that says "not passed" is offered only while not passed."""
        return self.position.stage is Stage.REVIEW and self.review().after is AfterReview.RETRY

    def modules_to_reread(self) -> list[Module]:
        """Modules to read again before the next attempt: their unseen questions ran out."""
        assessment = self.state.assessment
        wanted = set(assessment.reread) if assessment is not None else set()
        return [
            m for m in self.policy.modules if m.id in wanted and not self.state.module(m.id).done
        ]

    def changed_modules(self) -> list[Module]:
        return [m for m in self.policy.modules if m.id in self.state.changed]

    def plan(self) -> list[PlanEntry]:
        policy, state = self.policy, self.state
        missed = {journey.find_module_of(policy, q) for q in journey.wrong_questions(policy, state)}
        return [
            PlanEntry(module, module.id in missed, module.id in state.changed)
            for module in journey.planned_modules(policy, state)
        ]

    def self_check_items(self) -> list[SelfCheckItem]:
        return [item for _module, item in journey.self_check_items(self.policy)]

    def self_check_answer(self) -> bool | None:
        items = self.self_check_items()
        index = self.position.index
        return self.state.self_check.get(items[index].id) if index < len(items) else None

    def action_list(self) -> list[Any]:
        return journey.action_list(self.policy, self.state)

    def module_state(self, module_id: str) -> str:
        """ "done", "started" or "not-started"."""
        state = self.state.module(module_id)
        if state.done:
            return "done"
        return "started" if state.confidence is not None else "not-started"

    # The learner's actions; each one that changes something is saved before it returns

    def open_module(self, module_id: str) -> None:
        journey.open_module(self.policy, self.state, module_id)
        self.save()

    def rate_confidence(self, level: int) -> None:
        journey.answer_confidence(self.state, level)
        self.save()

    def choose(self, number: int) -> bool:
        """Choose option `number` (from 1) at a scenario step; the first choice is the one kept."""
        _scenario, step = self.scenario()
        if self.chosen() is not None or not 1 <= number <= len(step.choices):
            return False
        journey.choose(self.policy, self.state, step.choices[number - 1].id)
        self.save()
        return True

    def answer(self, numbers: Iterable[int]) -> bool:
        """Confirm the options numbered `numbers` for the current question.

        An assessment answer moves straight on (at the last question, to the review); a check
        question stays to show its explanation, and its answer cannot be changed afterwards.
        """
        question = self.question()
        options = self.options(question)
        picked = sorted(set(numbers))
        if not picked or not all(1 <= n <= len(options) for n in picked):
            return False
        if not self.in_assessment() and self.saved_answer() is not None:
            return False
        journey.answer_question(self.state, question.id, [options[n - 1].id for n in picked])
        if self.in_assessment():
            journey.advance(self.policy, self.state)
        self.save()
        return True

    def is_right(self, question: Question, answer: Iterable[str]) -> bool:
        return is_correct(question, answer)

    def answer_self_check(self, yes: bool) -> None:
        journey.answer_self_check(self.policy, self.state, yes)
        self.save()

    def advance(self) -> bool:
        """Move on from the current position; False when it still needs an answer."""
        try:
            journey.advance(self.policy, self.state)
        except journey.JourneyError:
            return False
        self.save()
        return True

    def back(self) -> bool:
        """One step back, answers kept; False where there is nowhere to go (the module map)."""
        before = self.position
        journey.go_back(self.policy, self.state)
        if self.position == before:
            return False
        self.save()
        return True

    def start_assessment(self) -> bool:
        """From the module map once every module is done; False before that."""
        if not self.all_modules_done():
            return False
        journey.start_assessment(self.policy, self.state, self.seeds())
        self.save()
        return True

    def stop_here(self) -> bool:
        """Stop retrying: the record will say not passed."""
        if not self.may_stop():
            return False
        journey.give_up(self.state)
        self.save()
        return True

    def signature_matches(self, typed: str) -> bool:
        return same_name(typed, self.state.identity.name)

    def sign(self, typed: str, passphrase: str | None = None, *, forget: bool = True) -> Signing:
        """Sign, save and hand in the record once the typed name matches; progress kept if not.

        Slow (a protected key, a shared folder that may not answer): a screen calls it from a
        worker thread with `forget=False`, then `forget()` on its own thread once it shows the
        result, so the journey's state never changes under the screen.
        """
        from smtrainer.storage.keys import KeyFileError, PassphraseNeeded
        from smtrainer.workflows.finish import finish

        name = self.state.identity.name
        if not typed.strip():
            return Signing(problem=_("Type your full name to sign: {name}").format(name=name))
        if not same_name(typed, name):
            return Signing(
                problem=_("The name typed is not the name you gave: {name}").format(name=name)
            )
        self.flush()  # The progress file is removed once signed: no save may land after that.
        try:
            finished = finish(self.policy, self.state, now=self.clock(), passphrase=passphrase)
        except PassphraseNeeded as error:
            return Signing(passphrase_prompt=str(error))
        except (KeyFileError, StorageError, ValueError) as error:
            return Signing(
                problem=_(
                    "Your record could not be written: {reason}. Your progress is kept."
                ).format(reason=error)
            )
        if forget:
            self.progress = None
        return Signing(finished=finished)
