"""A pack's `[[acknowledged]]` entries: each silences one coded warning for one target."""

from __future__ import annotations

from smtrainer.content.pack import PackSource, items
from smtrainer.content.sources import Problems
from smtrainer.content.validate import join
from smtrainer.content.warning_codes import CODES, WarningCode
from smtrainer.i18n import _


def apply_acknowledgements(
    pack: PackSource, problems: Problems, start: int, *, report_unused: bool
) -> None:
    """Drop the warnings found since `problems.items[start]` that `pack` acknowledges.

    With `report_unused`, an acknowledgement that silenced nothing is itself a warning, so
    stale ones do not hide a future problem (only meaningful when every check has run).
    """
    source, policy = pack.policy, pack.policy_data
    if source is None or policy is None:
        return
    wanted = {
        (entry["warning"], entry["target"]): key for key, entry in items(policy, "acknowledged")
    }
    if not wanted:
        return
    used: set[tuple[str, str]] = set()
    kept = problems.items[:start]
    for problem in problems.items[start:]:
        pair = (problem.code, problem.target)
        if problem.code and not problem.is_error and pair in wanted:
            used.add(pair)
        else:
            kept.append(problem)
    problems.items[:] = kept
    if not report_unused:
        return
    for (code, target), key in wanted.items():
        if (code, target) not in used and code in CODES:
            source.warn(
                problems,
                join(key, "target"),
                _(
                    "acknowledges '{code}' for '{target}', but the checker gives no such "
                    "warning; remove the entry or correct its target"
                ).format(code=code, target=target),
                WarningCode.UNUSED_ACKNOWLEDGEMENT,
                target,
            )
