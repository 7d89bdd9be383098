"""The rules a record is judged by beyond itself: the school's policies and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from smtrainer.content.policy_terms import policy_terms
from smtrainer.domain.record_judgement import PolicyTerms, RecordTerms, judge, judge_values
from smtrainer.workflows.store import RecordFacts


@dataclass(frozen=True)
class RecordContext:
    """The policies records may belong to, and the moment "now" (for "dated in the future";
    None where records are only checked, not counted: `verify`)."""

    policies: Mapping[str, PolicyTerms] | None
    now: dt.datetime | None

    @classmethod
    def load(
        cls, content_dir: Path | None = None, now: dt.datetime | None = None, *, clock: bool = True
    ) -> RecordContext:
        """The policies of `content_dir` (default: the bundled ones) and the current time."""
        policies = policy_terms(content_dir)  # None when there are none: the clock still counts.
        moment = (now or dt.datetime.now(dt.UTC)) if clock else None
        return cls(policies or None, moment)

    def terms(self) -> list[tuple[str, int, list[str]]]:
        """Each policy's terms, in a fixed order: what a kept result made under them is kept
        by."""
        return sorted(
            (policy_id, t.refresher_months, sorted(t.languages))
            for policy_id, t in (self.policies or {}).items()
        )

    def problem(self, fact: RecordFacts) -> str | None:
        """Why a record that passed the gate still cannot count here, or None."""
        return judge_values(
            fact.policy_id,
            fact.language,
            fact.completed_at,
            fact.refresher_due,
            self.policies,
            self.now,
        )

    def judge(self, terms: RecordTerms) -> str | None:
        """The same, for a record's values."""
        return judge(terms, self.policies, self.now)
