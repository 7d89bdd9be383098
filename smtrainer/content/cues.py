"""Answer cues in a pack: the item-writing rules `smtrainer check` warns about.

Each warning has a code and a target id, so a pack can acknowledge one of them with a reason.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_percent

from smtrainer.content.build import plain, question_from_data
from smtrainer.content.pack import PackSource, items
from smtrainer.content.sources import Problems, SourceFile
from smtrainer.content.validate import join
from smtrainer.content.warning_codes import WarningCode
from smtrainer.domain import cues
from smtrainer.domain.assessment import DEFAULT_SIZE
from smtrainer.domain.model import Question, QuestionKind, Verdict
from smtrainer.i18n import _, current_language

CUE_FORMAT = 2
"""Cue warnings apply to packs of this format and newer: format 1 packs predate the rules."""

MAX_LONGEST_SHARE = 0.35
MAX_BEST_LONGEST_SHARE = 0.50
MAX_RESTRICTIVE_GAP = 0.10
"""How much more often (in points) absolute words may mark wrong answers than right ones: the
other way round they mislead a guesser instead of helping."""
MAX_FALSE_WORDED = 0.75
MIN_WORDED = 3
"""True/false statements holding an absolute word: at most 75 % false, once there are three."""
TRUE_SHARE = (0.40, 0.60)
MIN_COUNTED = 2
"""Rates are judged once there are at least this many items to count."""
SPARE_PER_MODULE = 4
MIN_PER_SECTION = 2
LISTED = 8
"""Ids named in one pack-level warning before "…"."""


@dataclass(frozen=True)
class Item:
    """A question with where it is written."""

    source: SourceFile
    key: str
    module: str
    question: Question


def check_cues(pack: PackSource, problems: Problems) -> None:
    """Warn about every answer cue in the valid files of `pack`."""
    policy, policy_file = pack.policy_data, pack.policy
    if policy is None or policy_file is None:
        return
    language = pack.language
    scored, checks = _items(pack, "questions"), _items(pack, "check_questions")
    report = _Reporter(problems, policy_file, policy["id"])
    for item in scored:
        _much_longer(item, report)
    for item in (*scored, *checks):
        _refers_to_others(item, language, report)
    _longest(scored, report)
    _best_longest(pack, report)
    _restrictive(scored, language, report)
    _true_false(scored, language, report)
    _duplicates(scored, checks, language, report)
    _pools(pack, policy, scored, report)


class _Reporter:
    def __init__(self, problems: Problems, policy_file: SourceFile, policy_id: str) -> None:
        self.problems, self.policy_file, self.policy_id = problems, policy_file, policy_id

    def item(self, item: Item, code: WarningCode, message: str, target: str = "") -> None:
        item.source.warn(self.problems, item.key, message, code, target or item.question.id)

    def pack(self, code: WarningCode, message: str, key: str = "") -> None:
        self.policy_file.warn(self.problems, key, message, code, self.policy_id)


def _items(pack: PackSource, list_key: str) -> list[Item]:
    return [
        Item(source, key, module["id"], question_from_data(question))
        for source, module in pack.valid_modules()
        for key, question in items(module, list_key)
        if _well_formed(question)
    ]


def _well_formed(question: dict[str, Any]) -> bool:
    """Questions the basic checks accept; their other problems are reported already."""
    if question["kind"] == QuestionKind.TRUE_FALSE:
        return "answer" in question
    return len(question.get("choices", [])) >= 2


def _share(part: int, whole: int) -> str:
    """`part` of `whole` as a whole percentage in the active language ("67%", "67 %")."""
    return str(format_percent(part / whole if whole else 0, locale=current_language()))


def _listed(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:LISTED])
    return shown + (", …" if len(ids) > LISTED else "")


def _much_longer(item: Item, report: _Reporter) -> None:
    if cues.correct_much_longer(item.question):
        report.item(
            item,
            WarningCode.CORRECT_MUCH_LONGER,
            _(
                "the correct option is much longer than the wrong ones, which gives it away; "
                "make the wrong options as long and as specific"
            ),
        )


def _refers_to_others(item: Item, language: str, report: _Reporter) -> None:
    question = item.question
    if question.kind is not QuestionKind.TRUE_FALSE:
        referring = [o.id for o in question.options if cues.refers_to_others(o.text, language)]
        if referring:
            report.item(
                item,
                WarningCode.OPTION_REFERS_TO_OTHERS,
                _(
                    "options {options} refer to other options or their position; options are "
                    "shuffled, so each must stand on its own"
                ).format(options=", ".join(referring)),
            )


def _longest(scored: list[Item], report: _Reporter) -> None:
    singles = [i for i in scored if i.question.kind is QuestionKind.SINGLE]
    longest = [i.question.id for i in singles if cues.correct_is_longest(i.question)]
    if len(singles) >= MIN_COUNTED and len(longest) > MAX_LONGEST_SHARE * len(singles):
        report.pack(
            WarningCode.CORRECT_LONGEST,
            _(
                "the correct option is the longest in {count} of {total} single-answer "
                "questions ({share}; at most 35 %): {questions}"
            ).format(
                count=len(longest),
                total=len(singles),
                share=_share(len(longest), len(singles)),
                questions=_listed(longest),
            ),
        )


def _best_longest(pack: PackSource, report: _Reporter) -> None:
    counted, longest = 0, []
    for _source, module in pack.valid_modules():
        for _key, scenario in items(module, "scenarios"):
            for _step_key, step in items(scenario, "steps"):
                choices = step["choices"]
                best = [c for c in choices if c["verdict"] == Verdict.BEST]
                others = [c for c in choices if c["verdict"] != Verdict.BEST]
                if not best or not others:
                    continue
                counted += 1
                top = max(cues.length(plain(c["text"])) for c in best)
                if top > max(cues.length(plain(c["text"])) for c in others):
                    longest.append(f"{scenario['id']}/{step['id']}")
    if counted >= MIN_COUNTED and len(longest) > MAX_BEST_LONGEST_SHARE * counted:
        report.pack(
            WarningCode.BEST_LONGEST,
            _(
                "a best choice is the longest in {count} of {total} scenario steps ({share}; "
                "at most 50 %): {steps}"
            ).format(
                count=len(longest),
                total=counted,
                share=_share(len(longest), counted),
                steps=_listed(longest),
            ),
        )


def _restrictive(scored: list[Item], language: str, report: _Reporter) -> None:
    right: list[bool] = []
    wrong: list[bool] = []
    for item in scored:
        question = item.question
        if question.kind is QuestionKind.TRUE_FALSE:
            target = right if cues.statement_truth(question) else wrong
            target.append(cues.has_restrictive(question.prompt, language))
            continue
        for option in question.options:
            target = right if option.correct else wrong
            target.append(cues.has_restrictive(option.text, language))
    if min(len(right), len(wrong)) < MIN_COUNTED:
        return
    right_share, wrong_share = sum(right) / len(right), sum(wrong) / len(wrong)
    if wrong_share - right_share > MAX_RESTRICTIVE_GAP:
        report.pack(
            WarningCode.RESTRICTIVE_WORDS,
            _(
                "absolute words (such as {words}) are in {wrong} of wrong options and false "
                "statements but only {right} of right ones and true statements; use them as "
                "often in both"
            ).format(
                words=", ".join(cues.RESTRICTIVE_WORDS.get(language, ())[:4]),
                wrong=_share(sum(wrong), len(wrong)),
                right=_share(sum(right), len(right)),
            ),
        )


def _true_false(scored: list[Item], language: str, report: _Reporter) -> None:
    statements = [i.question for i in scored if i.question.kind is QuestionKind.TRUE_FALSE]
    if len(statements) < MIN_COUNTED:
        return
    true = [q for q in statements if cues.statement_truth(q)]
    low, high = TRUE_SHARE
    if not low <= len(true) / len(statements) <= high:
        report.pack(
            WarningCode.TRUE_FALSE_BALANCE,
            _(
                "{true} of {total} true/false statements are true ({share}); keep it between "
                "40 and 60 %"
            ).format(
                true=len(true), total=len(statements), share=_share(len(true), len(statements))
            ),
        )
    worded = [q for q in statements if cues.has_restrictive(q.prompt, language)]
    false_worded = [q for q in worded if not cues.statement_truth(q)]
    if len(worded) >= MIN_WORDED and len(false_worded) > MAX_FALSE_WORDED * len(worded):
        report.pack(
            WarningCode.RESTRICTIVE_TRUE_FALSE,
            _(
                "{false} of the {total} true/false statements with an absolute word are false "
                "({share}; at most 75 %): a learner can guess from the wording"
            ).format(
                false=len(false_worded),
                total=len(worded),
                share=_share(len(false_worded), len(worded)),
            ),
        )


def _duplicates(scored: list[Item], checks: list[Item], language: str, report: _Reporter) -> None:
    by_id = {i.question.id: i for i in (*scored, *checks)}
    questions = [i.question for i in scored]
    for first, second, _score in cues.near_duplicates(questions, language):
        report.item(
            by_id[second.id],
            WarningCode.NEAR_DUPLICATE,
            _("question nearly repeats '{other}'; test something else").format(other=first.id),
        )
    check_questions = [i.question for i in checks]
    for scored_question, check, _score in cues.near_duplicates(
        questions, language, check_questions
    ):
        report.item(
            by_id[check.id],
            WarningCode.CHECK_COPIES_QUESTION,
            _(
                "check question nearly repeats scored question '{other}', whose answer it "
                "would show during the module"
            ).format(other=scored_question.id),
        )


def _pools(pack: PackSource, policy: dict[str, Any], scored: list[Item], report: _Reporter) -> None:
    modules = list(pack.valid_modules())
    if not modules:
        return
    assessment = policy.get("assessment", {})
    size = assessment.get("size", DEFAULT_SIZE)
    per_module = assessment.get("per_module") or math.ceil(size / len(modules))
    for source, module in modules:
        count = len(module.get("questions", []))
        if count < per_module + SPARE_PER_MODULE:
            source.warn(
                report.problems,
                "questions",
                _(
                    "module has {count} scored questions; a draw takes {drawn}, and retries "
                    "need {spare} more unseen: write at least {needed}"
                ).format(
                    count=count,
                    drawn=per_module,
                    spare=SPARE_PER_MODULE,
                    needed=per_module + SPARE_PER_MODULE,
                ),
                WarningCode.SMALL_MODULE_POOL,
                module["id"],
            )
    cited = {section["id"]: 0 for section in policy["sections"]}
    for item in scored:
        if item.question.section in cited:
            cited[item.question.section] += 1
    for key, section in items(policy, "sections"):
        count = cited[section["id"]]
        if count < MIN_PER_SECTION:
            report.policy_file.warn(
                report.problems,
                join(key, "id"),
                _(
                    "section '{section}' is cited by {count} scored questions; at least "
                    "{minimum} make a draw on it meaningful"
                ).format(section=section["id"], count=count, minimum=MIN_PER_SECTION),
                WarningCode.SMALL_SECTION_POOL,
                section["id"],
            )
