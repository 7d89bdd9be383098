"""Labels the screens share: verdicts and results in words and symbols, never colour alone."""

from __future__ import annotations

from smtrainer.domain.model import Verdict
from smtrainer.i18n import N_, _

VERDICTS = {
    Verdict.BEST: ("✓", N_("Best choice")),
    Verdict.ACCEPTABLE: ("~", N_("Acceptable, but not the best")),
    Verdict.UNSAFE: ("✗", N_("Unsafe")),
}


def verdict_label(verdict: Verdict) -> str:
    symbol, words = VERDICTS[verdict]
    return f"{symbol} {_(words)}"


def result_label(right: bool) -> str:
    return "✓ " + _("Correct") if right else "✗ " + _("Not correct")
