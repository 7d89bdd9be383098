"""Answer cues in a pack: ways to score without knowing the policy (filled in below)."""

from __future__ import annotations

from smtrainer.content.pack import PackSource
from smtrainer.content.sources import Problems

CUE_FORMAT = 2
"""Cue warnings apply to packs of this format and newer: format 1 packs predate the rules."""


def check_cues(pack: PackSource, problems: Problems) -> None:
    """Warn about every answer cue in the valid files of `pack`."""
