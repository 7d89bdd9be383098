"""What an author does to move a format 1 pack to format 2, told by `smtrainer check`."""

from __future__ import annotations

from smtrainer.content.pack import QUESTION_LISTS, PackSource, items
from smtrainer.content.schema import FORMAT_VERSION
from smtrainer.domain.assessment import DEFAULT_SIZE
from smtrainer.domain.model import QuestionKind
from smtrainer.i18n import _, ngettext


def migration_steps(pack: PackSource) -> list[str]:
    """The steps to bring `pack` to the newest format; empty when it is already there."""
    if pack.format >= FORMAT_VERSION:
        return []
    policy = pack.policy_data or {}
    size = policy.get("assessment_size")
    steps = [
        _("write 'format = 2' in policy.toml and in every module file"),
        _(
            "give policy.toml an [assessment] table instead of 'assessment_size': "
            "size = {size}, and optionally per_module (questions from each module) and "
            "essential_sections (sections every draw asks about)"
        ).format(size=size if size is not None else DEFAULT_SIZE),
    ]
    missing = _wrong_options_without_feedback(pack)
    if missing:
        steps.append(
            ngettext(
                "give the {n} wrong option of single- and multiple-answer questions a "
                "'feedback' (why not this one; 'section' may cite another section)",
                "give each of the {n} wrong options of single- and multiple-answer questions "
                "a 'feedback' (why not this one; 'section' may cite another section)",
                missing,
            ).format(n=missing)
        )
    steps.append(
        _("optionally add translation, introduction, full_policy and [[roles]] to policy.toml")
    )
    steps.append(
        _(
            "run 'smtrainer check --strict': format 2 packs are also checked for answer cues "
            "(see the item-writing rules in docs/content-format.md)"
        )
    )
    return steps


def _wrong_options_without_feedback(pack: PackSource) -> int:
    count = 0
    for _source, module in pack.valid_modules():
        for list_key in QUESTION_LISTS:
            for _key, question in items(module, list_key):
                if question["kind"] == QuestionKind.TRUE_FALSE:
                    continue
                count += sum(
                    1
                    for _k, option in items(question, "choices")
                    if not option.get("correct", False) and "feedback" not in option
                )
    return count
