"""The learner's path through a policy: which screen comes next, and what each answer changes.

Everything here works on ids, so a language switch changes no position, and every function is
plain data in, plain data out: the UI calls these and shows the position they return.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smtrainer.domain.assessment import RetryPlan, draw_blueprint, plan_retry
from smtrainer.domain.dates import parse_timestamp, utc_timestamp
from smtrainer.domain.model import Module, Policy, Question
from smtrainer.domain.progress import (
    AssessmentProgress,
    Identity,
    Position,
    Progress,
    Stage,
)
from smtrainer.domain.record_values import RecordKind
from smtrainer.domain.scoring import Tally, has_passed, is_correct

if TYPE_CHECKING:
    from smtrainer.domain.completion import Session

CONFIDENCE_LEVELS = 4
"""The confidence check runs from 1 (not sure at all) to 4 (very sure)."""


class JourneyError(ValueError):
    """An action that does not fit the current position (a bug in the caller)."""


def start_induction(policy: Policy, identity: Identity, now: dt.datetime) -> Progress:
    return Progress(
        policy_id=policy.id,
        kind=RecordKind.INDUCTION.value,
        started_at=utc_timestamp(now),
        identity=identity,
        position=Position(Stage.MAP),
    )


@dataclass(frozen=True)
class LastRecord:
    """What a refresher needs from the person's previous record."""

    module_hashes: Mapping[str, str]
    wrong_modules: frozenset[str]


def last_record_facts(record: Mapping[str, Any]) -> LastRecord:
    """The module hashes and the modules with wrong answers in a (verified) record."""
    from smtrainer.domain.record_v2 import final_questions, module_hashes  # only for a refresher

    wrong = frozenset(q.module for q in final_questions(record) if q.outcome == "wrong")
    return LastRecord(module_hashes(record), wrong)


def changed_modules(policy: Policy, last: LastRecord) -> list[str]:
    """Modules that are new or whose content changed since the last record."""
    return [m.id for m in policy.modules if last.module_hashes.get(m.id) != m.content_hash]


def start_refresher(
    policy: Policy, identity: Identity, last: LastRecord, now: dt.datetime, seed: int
) -> Progress:
    """A refresher starts with a test-out assessment over the whole pool."""
    progress = Progress(
        policy_id=policy.id,
        kind=RecordKind.REFRESHER.value,
        started_at=utc_timestamp(now),
        identity=identity,
        position=Position(Stage.ASSESSMENT, index=0),
        changed=changed_modules(policy, last),
        plan=[],
    )
    progress.assessment = AssessmentProgress(
        seed, draw_blueprint(policy.modules, policy.assessment, seed)
    )
    return progress


def planned_modules(policy: Policy, progress: Progress) -> list[Module]:
    """The modules this person works through: all of them, or a refresher's plan."""
    if progress.plan is None:
        return list(policy.modules)
    return [m for m in policy.modules if m.id in progress.plan]


def all_modules_done(policy: Policy, progress: Progress) -> bool:
    return all(progress.module(m.id).done for m in planned_modules(policy, progress))


def _module(policy: Policy, module_id: str | None) -> Module:
    module = policy.module(module_id or "")
    if module is None:
        raise JourneyError(module_id)
    return module


def open_module(policy: Policy, progress: Progress, module_id: str) -> None:
    _module(policy, module_id)
    progress.position = Position(Stage.CONFIDENCE, module_id)


def answer_confidence(progress: Progress, level: int) -> None:
    """Record how sure the person is; `advance` then opens the first key point."""
    position = progress.position
    if position.stage is not Stage.CONFIDENCE or not 1 <= level <= CONFIDENCE_LEVELS:
        raise JourneyError(level)
    progress.module(position.module or "").confidence = level


def _after_key_points(module: Module) -> Position:
    if module.scenarios:
        return Position(Stage.SCENARIO, module.id, 0, module.scenarios[0].start)
    return _after_scenarios(module)


def _after_scenarios(module: Module) -> Position:
    if module.check_questions:
        return Position(Stage.CHECK, module.id, 0)
    return Position(Stage.MODULE_DONE, module.id)


def choose(policy: Policy, progress: Progress, choice_id: str) -> None:
    """Record a choice at the current scenario step (choosing again replaces what followed)."""
    position = progress.position
    if position.stage is not Stage.SCENARIO:
        raise JourneyError(choice_id)
    module = _module(policy, position.module)
    scenario = module.scenarios[position.index]
    step = scenario.step(position.step or scenario.start)
    if choice_id not in {c.id for c in step.choices}:
        raise JourneyError(choice_id)
    walked = progress.module(module.id).choices.setdefault(scenario.id, {})
    steps = list(walked)
    if step.id in walked:
        for later in steps[steps.index(step.id) + 1 :]:
            del walked[later]
    walked[step.id] = choice_id


def chosen(progress: Progress, position: Position, policy: Policy) -> str | None:
    """The choice already made at a scenario position, if any."""
    module = _module(policy, position.module)
    scenario = module.scenarios[position.index]
    walked = progress.module(module.id).choices.get(scenario.id, {})
    return walked.get(position.step or scenario.start)


def answer_question(progress: Progress, question_id: str, answer: Iterable[str]) -> None:
    """Record an answer to the check or assessment question at the current position."""
    chosen_ids = sorted(set(answer))
    position = progress.position
    if position.stage is Stage.CHECK:
        progress.module(position.module or "").checks[question_id] = chosen_ids
    elif position.stage is Stage.ASSESSMENT and progress.assessment is not None:
        progress.assessment.answers[question_id] = chosen_ids
    else:
        raise JourneyError(question_id)


def current_question(policy: Policy, progress: Progress) -> Question:
    position = progress.position
    if position.stage is Stage.CHECK:
        return _module(policy, position.module).check_questions[position.index]
    if position.stage is Stage.ASSESSMENT and progress.assessment is not None:
        question_id = progress.assessment.asked[position.index]
        return find_question(policy, question_id)
    raise JourneyError(position.stage)


def find_question(policy: Policy, question_id: str) -> Question:
    for module in policy.modules:
        question = module.question(question_id)
        if question is not None:
            return question
    raise JourneyError(question_id)


def is_answered(policy: Policy, progress: Progress) -> bool:
    """Whether the current position has what it needs to move on."""
    position = progress.position
    if position.stage is Stage.SCENARIO:
        return chosen(progress, position, policy) is not None
    if position.stage is Stage.CHECK:
        question = current_question(policy, progress)
        return question.id in progress.module(position.module or "").checks
    if position.stage is Stage.ASSESSMENT and progress.assessment is not None:
        return current_question(policy, progress).id in progress.assessment.answers
    if position.stage is Stage.CONFIDENCE:
        return progress.module(position.module or "").confidence is not None
    if position.stage is Stage.SELF_CHECK:
        items = self_check_items(policy)
        if not items:
            return True  # Nothing to answer: straight on to the action list.
        return position.index < len(items) and items[position.index][1].id in progress.self_check
    return True


def self_check_items(policy: Policy) -> list[tuple[Module, Any]]:
    return [(module, item) for module in policy.modules for item in module.self_check]


def assessment_tally(policy: Policy, progress: Progress) -> Tally:
    tally = Tally(0, 0)
    assessment = progress.assessment
    if assessment is None:
        return tally
    for question_id in assessment.questions:
        answer = assessment.answers.get(question_id, [])
        tally = tally.add(is_correct(find_question(policy, question_id), answer))
    return tally


def wrong_questions(policy: Policy, progress: Progress) -> list[str]:
    assessment = progress.assessment
    if assessment is None:
        return []
    return [
        q
        for q in assessment.questions
        if not is_correct(find_question(policy, q), assessment.answers.get(q, []))
    ]


def passed(policy: Policy, progress: Progress) -> bool:
    tally = assessment_tally(policy, progress)
    return has_passed(tally.correct, tally.total, policy.pass_mark)


def start_assessment(policy: Policy, progress: Progress, seed: int) -> None:
    """From the module map once every module is done: draw the questions, or go on to retry."""
    if progress.assessment is None:
        questions = draw_blueprint(policy.modules, policy.assessment, seed)
        progress.assessment = AssessmentProgress(seed, questions)
        progress.position = Position(Stage.ASSESSMENT, index=0)
    elif passed(policy, progress):
        progress.position = Position(Stage.SELF_CHECK, index=0)
    else:
        retry(policy, progress)


UNSEEN_RETRY_FORMAT = 2
"""Packs of this content format and newer retry with unseen questions."""


def retry_seed(seed: int, attempt: int) -> int:
    """The seed of attempt number `attempt`, derived from the first attempt's."""
    return random.Random(f"{seed}/attempt/{attempt}").getrandbits(32)


def retry(policy: Policy, progress: Progress) -> None:
    """Test again what was wrong, with questions never asked before in this journey.

    When a module has no unseen question left, the learner first reads it again (back to the
    module map with that module to do). A question nothing unseen can replace keeps its wrong
    answer. With nothing at all to ask, the learner stays on the review. Format 1 packs, whose
    pools were not written for this, ask the wrong questions again (options shuffled afresh).
    """
    assessment = progress.assessment
    if assessment is None:
        raise JourneyError("no assessment")
    wrong = wrong_questions(policy, progress)
    first_seed = assessment.past_seeds[0] if assessment.past_seeds else assessment.seed
    seed = retry_seed(first_seed, assessment.attempts + 1)
    if policy.format >= UNSEEN_RETRY_FORMAT:
        plan = plan_retry(policy.modules, wrong, assessment.seen, seed)
    else:
        plan = RetryPlan({question_id: question_id for question_id in wrong})
    reread = [m for m in plan.reread if m not in assessment.reread]
    if reread:
        assessment.reread.extend(reread)
        for module_id in reread:
            progress.module(module_id).done = False
            if progress.plan is not None and module_id not in progress.plan:
                progress.plan.append(module_id)
        progress.position = Position(Stage.MAP)
        return
    if not plan.asked:
        progress.position = Position(Stage.REVIEW)
        return
    assessment.past_answers.append({q: list(a) for q, a in assessment.answers.items()})
    assessment.past_seeds.append(assessment.seed)
    assessment.past_questions.append(list(assessment.questions))
    assessment.questions = plan.questions(assessment.questions)
    for question_id in plan.replacements:
        assessment.answers.pop(question_id, None)
    assessment.retry = plan.asked
    assessment.seed = seed
    assessment.reread = []
    assessment.attempts += 1
    progress.position = Position(Stage.ASSESSMENT, index=0)


def give_up(progress: Progress) -> None:
    """Stop retrying: the attempt is recorded as not passed."""
    progress.position = Position(Stage.SELF_CHECK, index=0)


def answer_self_check(policy: Policy, progress: Progress, yes: bool) -> None:
    position = progress.position
    items = self_check_items(policy)
    if position.stage is not Stage.SELF_CHECK or position.index >= len(items):
        raise JourneyError(yes)
    progress.self_check[items[position.index][1].id] = yes


def action_list(policy: Policy, progress: Progress) -> list[Any]:
    """The self-check items answered "no": the person's own things to do."""
    return [
        item for _m, item in self_check_items(policy) if progress.self_check.get(item.id) is False
    ]


def advance(policy: Policy, progress: Progress) -> None:
    """Move on from the current position (its question, if any, must be answered)."""
    if not is_answered(policy, progress):
        raise JourneyError(progress.position)
    position = progress.position
    stage = position.stage
    if stage is Stage.CONFIDENCE:
        progress.position = Position(Stage.KEY_POINT, position.module, 0)
    elif stage is Stage.KEY_POINT:
        module = _module(policy, position.module)
        if position.index + 1 < len(module.key_points):
            progress.position = Position(Stage.KEY_POINT, module.id, position.index + 1)
        else:
            progress.position = _after_key_points(module)
    elif stage is Stage.SCENARIO:
        module = _module(policy, position.module)
        scenario = module.scenarios[position.index]
        step = scenario.step(position.step or scenario.start)
        choice = next(c for c in step.choices if c.id == chosen(progress, position, policy))
        if choice.next is not None:
            progress.position = Position(Stage.SCENARIO, module.id, position.index, choice.next)
        elif position.index + 1 < len(module.scenarios):
            following = module.scenarios[position.index + 1]
            progress.position = Position(
                Stage.SCENARIO, module.id, position.index + 1, following.start
            )
        else:
            progress.position = _after_scenarios(module)
    elif stage is Stage.CHECK:
        module = _module(policy, position.module)
        if position.index + 1 < len(module.check_questions):
            progress.position = Position(Stage.CHECK, module.id, position.index + 1)
        else:
            progress.position = Position(Stage.MODULE_DONE, module.id)
    elif stage is Stage.MODULE_DONE:
        progress.module(position.module or "").done = True
        progress.position = Position(Stage.MAP)
    elif stage is Stage.ASSESSMENT:
        assessment = progress.assessment
        assert assessment is not None
        if position.index + 1 < len(assessment.asked):
            progress.position = Position(Stage.ASSESSMENT, index=position.index + 1)
        else:
            progress.position = Position(Stage.REVIEW)
    elif stage is Stage.REVIEW:
        _after_review(policy, progress)
    elif stage is Stage.PLAN:
        progress.position = (
            Position(Stage.MAP) if progress.plan else Position(Stage.SELF_CHECK, index=0)
        )
    elif stage is Stage.SELF_CHECK:
        if position.index + 1 < len(self_check_items(policy)):
            progress.position = Position(Stage.SELF_CHECK, index=position.index + 1)
        else:
            progress.position = Position(Stage.ACTIONS)
    elif stage is Stage.ACTIONS:
        progress.position = Position(Stage.ACKNOWLEDGE)
    else:
        raise JourneyError(stage)


def _after_review(policy: Policy, progress: Progress) -> None:
    if progress.kind == RecordKind.REFRESHER.value and not progress.testout_reviewed:
        progress.testout_reviewed = True
        wrong = {find_module_of(policy, q) for q in wrong_questions(policy, progress)}
        progress.plan = [m.id for m in policy.modules if m.id in wrong or m.id in progress.changed]
        progress.position = Position(Stage.PLAN)
    elif passed(policy, progress):
        progress.position = Position(Stage.SELF_CHECK, index=0)
    else:
        retry(policy, progress)


def find_module_of(policy: Policy, question_id: str) -> str:
    for module in policy.modules:
        if module.question(question_id) is not None:
            return module.id
    raise JourneyError(question_id)


def go_back(policy: Policy, progress: Progress) -> None:
    """Step back one screen where that makes sense; answers already given are kept."""
    position = progress.position
    stage = position.stage
    if stage is Stage.CONFIDENCE:
        progress.position = Position(Stage.MAP)
    elif stage is Stage.KEY_POINT:
        progress.position = (
            Position(Stage.KEY_POINT, position.module, position.index - 1)
            if position.index > 0
            else Position(Stage.CONFIDENCE, position.module)
        )
    elif stage is Stage.SCENARIO:
        progress.position = _before_scenario_step(policy, progress)
    elif stage is Stage.CHECK:
        module = _module(policy, position.module)
        progress.position = (
            Position(Stage.CHECK, module.id, position.index - 1)
            if position.index > 0
            else _last_of_scenarios_or_points(progress, module)
        )
    elif stage is Stage.MODULE_DONE:
        module = _module(policy, position.module)
        if module.check_questions:
            progress.position = Position(Stage.CHECK, module.id, len(module.check_questions) - 1)
        else:
            progress.position = _last_of_scenarios_or_points(progress, module)
    elif stage is Stage.ASSESSMENT and position.index > 0:
        progress.position = Position(Stage.ASSESSMENT, index=position.index - 1)
    elif stage is Stage.SELF_CHECK and position.index > 0:
        progress.position = Position(Stage.SELF_CHECK, index=position.index - 1)
    elif stage is Stage.ACTIONS:
        progress.position = Position(
            Stage.SELF_CHECK, index=max(0, len(self_check_items(policy)) - 1)
        )
    elif stage is Stage.ACKNOWLEDGE:
        progress.position = Position(Stage.ACTIONS)


def _last_of_scenarios_or_points(progress: Progress, module: Module) -> Position:
    if module.scenarios:
        index = len(module.scenarios) - 1
        scenario = module.scenarios[index]
        walked = list(progress.module(module.id).choices.get(scenario.id, {}))
        return Position(Stage.SCENARIO, module.id, index, walked[-1] if walked else scenario.start)
    return Position(Stage.KEY_POINT, module.id, max(0, len(module.key_points) - 1))


def _before_scenario_step(policy: Policy, progress: Progress) -> Position:
    position = progress.position
    module = _module(policy, position.module)
    scenario = module.scenarios[position.index]
    walked = list(progress.module(module.id).choices.get(scenario.id, {}))
    step = position.step or scenario.start
    if step in walked and walked.index(step) > 0:
        return Position(Stage.SCENARIO, module.id, position.index, walked[walked.index(step) - 1])
    if step != scenario.start and walked:
        return Position(Stage.SCENARIO, module.id, position.index, walked[-1])
    if position.index > 0:
        previous = module.scenarios[position.index - 1]
        steps = list(progress.module(module.id).choices.get(previous.id, {}))
        return Position(
            Stage.SCENARIO, module.id, position.index - 1, steps[-1] if steps else previous.start
        )
    return Position(Stage.KEY_POINT, module.id, max(0, len(module.key_points) - 1))


def session_of(policy: Policy, progress: Progress, completed: dt.datetime) -> Session:
    """The facts a record states about this finished journey."""
    from smtrainer.domain.completion import Answer, ScenarioChoice, Session, Staff, attempt_of

    assessment = progress.assessment
    if assessment is None:
        raise JourneyError("no assessment")
    answers: Sequence[Answer] = [
        Answer(q, frozenset(assessment.answers.get(q, []))) for q in assessment.questions
    ]
    history = [
        attempt_of(policy, seed, [Answer(q, frozenset(past.get(q, []))) for q in questions])
        for seed, questions, past in zip(
            assessment.past_seeds, assessment.past_questions, assessment.past_answers, strict=True
        )
    ]
    history.append(attempt_of(policy, assessment.seed, answers))
    choices = [
        ScenarioChoice(module.id, scenario_id, step_id, choice_id)
        for module in policy.modules
        for scenario_id, walked in progress.module(module.id).choices.items()
        for step_id, choice_id in walked.items()
    ]
    identity = progress.identity
    done = [m.id for m in planned_modules(policy, progress) if progress.module(m.id).done]
    return Session(
        policy=policy,
        staff=Staff(identity.name, identity.role, identity.staff_id),
        kind=RecordKind(progress.kind),
        started=parse_timestamp(progress.started_at),
        completed=completed,
        seed=assessment.seed,
        answers=answers,
        choices=choices,
        attempts=assessment.attempts,
        modules_done=done,
        history=history,
    )
