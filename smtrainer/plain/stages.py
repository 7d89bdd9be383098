"""The plain view of each stage of the journey: what is said, what is asked, what an answer does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from smtrainer.documents.wording import (
    CONFIDENCE_LABELS,
    MODULE_STATES,
    option_label,
    percent,
    result_words,
    score_sentence,
    verdict_words,
)
from smtrainer.domain.model import AcknowledgementMode, Question, QuestionKind
from smtrainer.domain.progress import Stage
from smtrainer.i18n import _, current_language, ngettext
from smtrainer.plain.text import unmark
from smtrainer.plain.views import (
    Ask,
    View,
    choice_question,
    enter_question,
    numbers,
    one_of,
    pick_problem,
)
from smtrainer.workflows.journey_controller import AfterReview, JourneyController, Signing


class Front(Protocol):
    """What a stage may ask of the plain session around it."""

    def signed(self, signing: Signing, typed: str) -> str | None: ...


def stage_view(journey: JourneyController, front: Front) -> View:
    position = journey.position
    builder: Callable[[JourneyController, Front], View] = BUILDERS[position.stage]
    return builder(journey, front)


def where(journey: JourneyController) -> str:
    """Where the learner is, in words: "Module 3 of 10, scenario 1 of 2, step 2"."""
    position = journey.position
    stage = position.stage
    if stage is Stage.MAP:
        return _("Module map")
    if stage in _MODULE_STAGES:
        number, total = journey.module_number()
        module = _("Module {number} of {total}").format(number=number, total=total)
        return module + ", " + _module_part(journey)
    if stage is Stage.ASSESSMENT:
        if journey.testing_out():
            text = _("Test-out quiz, question {number} of {total}")
        elif journey.asking_again():
            text = _("Final assessment, question {number} of {total}, asked again")
        else:
            text = _("Final assessment, question {number} of {total}")
        return text.format(number=position.index + 1, total=journey.assessment_length())
    if stage is Stage.REVIEW:
        return _("Final assessment, results")
    if stage is Stage.PLAN:
        return _("Refresher, what to revisit")
    if stage is Stage.SELF_CHECK:
        total = len(journey.self_check_items())
        return _("Practice check, statement {number} of {total}").format(
            number=min(position.index + 1, total), total=total
        )
    if stage is Stage.ACTIONS:
        return _("Practice check, your action list")
    return _("Acknowledgement")


_MODULE_STAGES = {
    Stage.CONFIDENCE,
    Stage.KEY_POINT,
    Stage.SCENARIO,
    Stage.CHECK,
    Stage.MODULE_DONE,
}


def _module_part(journey: JourneyController) -> str:
    position = journey.position
    module = journey.module()
    if position.stage is Stage.CONFIDENCE:
        return _("before you start")
    if position.stage is Stage.KEY_POINT:
        return _("key point {number} of {total}").format(
            number=position.index + 1, total=len(module.key_points)
        )
    if position.stage is Stage.SCENARIO:
        return _("scenario {number} of {total}, step {step}").format(
            number=position.index + 1, total=len(module.scenarios), step=journey.step_number()
        )
    if position.stage is Stage.CHECK:
        return _("check question {number} of {total}").format(
            number=position.index + 1, total=journey.check_length()
        )
    return _("end of the module")


def _key(journey: JourneyController, *extra: object) -> tuple[object, ...]:
    return (journey.position, current_language(), *extra)


def _cited(journey: JourneyController, section_id: str) -> str:
    section = journey.policy.section(section_id)
    return _("Policy: {section}").format(section=section.title if section else section_id)


def _map(journey: JourneyController, front: Front) -> View:
    modules = journey.modules()
    done = sum(1 for m in modules if journey.module_state(m.id) == "done")
    lines = [_("{done} of {total} modules done.").format(done=done, total=len(modules))]
    if journey.state.plan is not None:
        lines.append(_("Refresher: only these modules need another look."))
    choices = [
        _("{title}, {minutes} min, {state}").format(
            title=m.title, minutes=m.minutes, state=_(MODULE_STATES[journey.module_state(m.id)])
        )
        for m in modules
    ]
    reread = journey.modules_to_reread()
    if reread:
        lines.append(
            _("Read these modules again before the next attempt:")
            + "\n"
            + "\n".join(f"- {module.title}" for module in reread)
        )
    ready = journey.all_modules_done()
    if ready:
        lines.append(_("Every module is done: the final assessment is the last choice."))
        choices.append(_("Final assessment"))

    def act(answer: str) -> str | None:
        number = one_of(answer, len(choices))
        if number is None:
            return pick_problem(len(choices))
        if number <= len(modules):
            journey.open_module(modules[number - 1].id)
        else:
            journey.start_assessment()
        return None

    return View(
        _key(journey, done),
        where(journey),
        _("Which module? {ask}").format(ask=choice_question(len(choices))),
        Ask.CHOICE,
        act,
        lines=[_("Module map"), *lines],
        choices=choices,
    )


def _confidence(journey: JourneyController, front: Front) -> View:
    module = journey.module()
    chosen = journey.confidence()
    labels = [_(label) for label in CONFIDENCE_LABELS]
    lines = [module.title, unmark(module.summary), unmark(module.confidence_prompt)]
    question = _("Type a number from 1 to {last}. There is no wrong answer here.").format(
        last=len(labels)
    )
    if chosen is not None:
        lines.append(_("Your answer so far: {answer}").format(answer=labels[chosen - 1]))
        question += " " + _("Enter alone keeps your answer.")

    def act(answer: str) -> str | None:
        if not answer.strip() and chosen is not None:
            journey.advance()
            return None
        number = one_of(answer, len(labels))
        if number is None:
            return pick_problem(len(labels))
        journey.rate_confidence(number)
        journey.advance()
        return None

    return View(_key(journey), where(journey), question, Ask.CHOICE, act, lines, labels)


def _continue(journey: JourneyController) -> Callable[[str], str | None]:
    def act(answer: str) -> str | None:
        if answer.strip():
            return _("Press Enter alone to continue, or type a command such as {help}.").format(
                help=_("help")
            )
        if not journey.advance():
            return _("Please answer first.")
        return None

    return act


def _key_point(journey: JourneyController, front: Front) -> View:
    module = journey.module()
    point = module.key_points[journey.position.index]
    lines = [
        _("{module}: {title}").format(module=module.title, title=point.title),
        unmark(point.body),
        _cited(journey, point.section),
    ]
    return View(
        _key(journey), where(journey), enter_question(), Ask.ENTER, _continue(journey), lines
    )


def _scenario(journey: JourneyController, front: Front) -> View:
    module = journey.module()
    scenario, step = journey.scenario()
    index = journey.position.index
    lines = [
        _("Scenario {number} of {total}: {title}").format(
            number=index + 1, total=len(module.scenarios), title=scenario.title
        ),
        unmark(step.text),
    ]
    choices = [choice.text for choice in step.choices]
    picked = journey.chosen()
    if picked is not None:
        number, choice = next((n, c) for n, c in enumerate(step.choices, 1) if c.id == picked)
        after = [
            _("You chose {number}: {verdict}.").format(
                number=number, verdict=verdict_words(choice.verdict)
            ),
            unmark(choice.feedback),
            _cited(journey, choice.section),
        ]
        return _answered(journey, lines, choices, after)

    def act(answer: str) -> str | None:
        number = one_of(answer, len(choices))
        if number is None:
            return pick_problem(len(choices))
        journey.choose(number)
        return None

    question = _("What would you do? {ask}").format(ask=choice_question(len(choices)))
    return View(_key(journey), where(journey), question, Ask.CHOICE, act, lines, choices)


def _answers(question: Question, ids: list[str] | tuple[str, ...], one: str, many: str) -> str:
    labels = {o.id: option_label(question, o) for o in question.options}
    given = [labels.get(i, i) for i in ids]
    if len(given) <= 1:
        return one.format(answer=given[0] if given else "—")
    return many + "\n" + "\n".join(f"- {answer}" for answer in given)


def _right_answers(journey: JourneyController, question: Question) -> str:
    right = [o.id for o in journey.options(question) if o.correct]
    return _answers(question, right, _("Right answer: {answer}"), _("Right answers:"))


def _question(journey: JourneyController, front: Front) -> View:
    question = journey.question()
    options = journey.options(question)
    multiple = question.kind is QuestionKind.MULTIPLE
    saved = journey.saved_answer()
    in_assessment = journey.in_assessment()
    if in_assessment:
        heading = _("Test-out quiz") if journey.testing_out() else _("Final assessment")
    else:
        heading = _("Check question {number} of {total}").format(
            number=journey.position.index + 1, total=journey.check_length()
        )
    lines = [heading, *_introduction(journey), unmark(question.prompt)]
    choices = [option_label(question, option) for option in options]
    if multiple:
        ask = _(
            "More than one answer may be right: type each right number, separated by spaces, "
            "then Enter."
        )
    else:
        ask = choice_question(len(choices))
    if saved is not None and not in_assessment:
        after = [
            result_words(journey.is_right(question, saved)),
            _right_answers(journey, question),
            unmark(question.explanation),
            _cited(journey, question.section),
        ]
        return _answered(journey, lines, choices, after)
    if saved is not None:
        lines.append(
            _answers(question, saved, _("Your answer so far: {answer}"), _("Your answers so far:"))
        )
        ask += " " + _("Enter alone keeps your answer.")

    def act(answer: str) -> str | None:
        if not answer.strip() and saved is not None:
            journey.advance()
            return None
        picked = numbers(answer)
        if picked is None or not picked or not all(1 <= n <= len(choices) for n in picked):
            return pick_problem(len(choices))
        if not multiple and len(picked) > 1:
            return _("Only one answer is right here: type one number.")
        journey.answer(picked)
        return None

    return View(
        _key(journey),
        where(journey),
        ask,
        Ask.CHOICES if multiple else Ask.CHOICE,
        act,
        lines,
        choices,
    )


def _introduction(journey: JourneyController) -> list[str]:
    """Before an assessment's first question: how long it is, the pass mark, what follows."""
    state = journey.state
    if (
        not journey.in_assessment()
        or journey.asking_again()
        or journey.position.index != 0
        or state.assessment is None
        or state.assessment.answers
    ):
        return []
    total = journey.assessment_length()
    lines = [
        ngettext(
            "{count} question, drawn from every module.",
            "{count} questions, drawn from every module.",
            total,
        ).format(count=total)
        + " "
        + _("To pass: {mark} or more.").format(mark=percent(journey.policy.pass_mark))
    ]
    if journey.testing_out():
        lines.append(
            _(
                "Afterwards you see what you got wrong, then revisit only the modules you "
                "missed questions in or whose content has changed."
            )
        )
    else:
        lines.append(
            _(
                "Afterwards you see every wrong answer with its explanation; if you have not "
                "passed, you answer again questions on what you got wrong."
            )
        )
    return lines


def _module_done(journey: JourneyController, front: Front) -> View:
    lines = [_("Module finished: {title}").format(title=journey.module().title)]
    question = _("Press Enter to mark it done and go back to the module map.")
    return View(_key(journey), where(journey), question, Ask.ENTER, _continue(journey), lines)


def _review(journey: JourneyController, front: Front) -> View:
    review = journey.review()
    tally = review.tally
    lines = [
        _("Your results"),
        score_sentence(tally.correct, tally.total, tally.percent, review.pass_mark),
        _("Passed") if review.passed else _("Not passed yet"),
    ]
    for item in review.wrong:
        question = item.question
        lines.append(
            "\n".join(
                [
                    _("Not correct: {question}").format(question=unmark(question.prompt)),
                    _answers(question, item.given, _("Your answer: {answer}"), _("Your answers:")),
                    _right_answers(journey, question),
                    unmark(question.explanation),
                    _cited(journey, question.section),
                ]
            )
        )
    if review.after is not AfterReview.RETRY:
        next_step = (
            _("Press Enter to see what to revisit.")
            if review.after is AfterReview.PLAN
            else _("Press Enter to continue to the practice check.")
        )
        return View(_key(journey), where(journey), next_step, Ask.ENTER, _continue(journey), lines)
    choices = [
        _("Answer again the questions you got wrong"),
        _("Stop here: your record will say not passed"),
    ]

    def act(answer: str) -> str | None:
        number = one_of(answer, 2)
        if number is None:
            return pick_problem(2)
        if number == 1:
            before = journey.position
            journey.advance()
            if journey.position == before:
                return _("No question is left to ask again: choose 2 to stop here.")
        else:
            journey.stop_here()
        return None

    return View(_key(journey), where(journey), choice_question(2), Ask.CHOICE, act, lines, choices)


def _plan(journey: JourneyController, front: Front) -> View:
    lines = [_("What changed since your last record")]
    changed = journey.changed_modules()
    if changed:
        lines.append("\n".join("- " + m.title for m in changed))
    else:
        lines.append(_("Nothing has changed in the training content."))
    lines.append(_("Modules to revisit"))
    plan = journey.plan()
    if plan:
        entries = []
        for entry in plan:
            why = [_("questions missed")] * entry.missed + [_("content changed")] * entry.changed
            entries.append(f"- {entry.module.title} ({', '.join(why)})")
        lines.append("\n".join(entries))
        question = _("Press Enter to go to the module map.")
    else:
        lines.append(_("None: you answered everything correctly and nothing changed."))
        question = _("Press Enter to continue to the practice check.")
    return View(_key(journey), where(journey), question, Ask.ENTER, _continue(journey), lines)


def _self_check(journey: JourneyController, front: Front) -> View:
    items = journey.self_check_items()
    heading = _("Practice check (private)")
    if not items:
        lines = [heading, _("This policy has no practice check.")]
        return View(
            _key(journey), where(journey), enter_question(), Ask.ENTER, _continue(journey), lines
        )
    item = items[journey.position.index]
    lines = [
        heading,
        _("Your answers stay on this computer: they are never part of your record."),
        unmark(item.prompt),
    ]
    choices = [_("Yes, that is true for me"), _("No, not yet")]
    saved = journey.self_check_answer()
    question = choice_question(2)
    if saved is not None:
        lines.append(_("Your answer so far: {answer}").format(answer=choices[0 if saved else 1]))
        question += " " + _("Enter alone keeps your answer.")

    def act(answer: str) -> str | None:
        if not answer.strip() and saved is not None:
            journey.advance()
            return None
        number = one_of(answer, 2)
        if number is None:
            return pick_problem(2)
        journey.answer_self_check(number == 1)
        journey.advance()
        return None

    return View(_key(journey), where(journey), question, Ask.CHOICE, act, lines, choices)


def _actions(journey: JourneyController, front: Front) -> View:
    actions = journey.action_list()
    lines = [_("Your action list (private)")]
    if actions:
        lines.append(_("Things to do on your own accounts:"))
        lines.append("\n".join(f"- {unmark(item.action)}" for item in actions))
    else:
        lines.append(_("Nothing to do: your answers show good practice."))
    lines.append(_("This list is for you only. It is not saved in your record."))
    question = _("Press Enter to continue to the acknowledgement.")
    return View(_key(journey), where(journey), question, Ask.ENTER, _continue(journey), lines)


def _acknowledge(journey: JourneyController, front: Front) -> View:
    policy = journey.policy
    name = journey.state.identity.name
    if policy.acknowledgement.mode is AcknowledgementMode.SIGNATURE:
        question = _("Type your full name, {name}, to sign:").format(name=name)
    else:
        question = _(
            "This policy is accepted by default. Type your full name to confirm you have read it:"
        )
    lines = [_("Acknowledgement"), unmark(policy.acknowledgement.text)]

    def act(answer: str) -> str | None:
        return front.signed(journey.sign(answer), answer)

    return View(_key(journey), where(journey), question, Ask.TEXT, act, lines)


BUILDERS: dict[Stage, Callable[[JourneyController, Front], View]] = {
    Stage.MAP: _map,
    Stage.CONFIDENCE: _confidence,
    Stage.KEY_POINT: _key_point,
    Stage.SCENARIO: _scenario,
    Stage.CHECK: _question,
    Stage.MODULE_DONE: _module_done,
    Stage.ASSESSMENT: _question,
    Stage.REVIEW: _review,
    Stage.PLAN: _plan,
    Stage.SELF_CHECK: _self_check,
    Stage.ACTIONS: _actions,
    Stage.ACKNOWLEDGE: _acknowledge,
}


def _answered(
    journey: JourneyController, lines: list[str], choices: list[str], after: list[str]
) -> View:
    """A step already answered: its feedback is shown and Enter goes on."""
    return View(
        _key(journey),
        where(journey),
        enter_question(),
        Ask.ENTER,
        _continue(journey),
        lines,
        choices,
        after,
    )
