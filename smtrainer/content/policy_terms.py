"""What the record gate needs to know of every policy pack: its refresher interval and its
languages, read from each pack's `policy.toml` alone (no module is loaded or checked)."""

from __future__ import annotations

from pathlib import Path

import tomli as tomllib  # The compiled parser: much faster on big files.

from smtrainer.content.location import bundled_content_dir
from smtrainer.domain.record_judgement import PolicyTerms


def policy_terms(content_dir: Path | None = None) -> dict[str, PolicyTerms]:
    """Policy id → its terms, for every pack under `content_dir` (default: the bundled content).
    A pack whose `policy.toml` cannot be read is left out: its records show as "unknown policy"
    and `smtrainer check` says what is wrong with it."""
    root = content_dir or bundled_content_dir()
    months: dict[str, int] = {}
    languages: dict[str, set[str]] = {}
    for path in sorted(root.glob("*/*/policy.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        policy_id, language, interval = (
            data.get("id"),
            data.get("language"),
            data.get("refresher_months"),
        )
        if not (isinstance(policy_id, str) and isinstance(language, str)):
            continue
        if isinstance(interval, int) and not isinstance(interval, bool):
            months.setdefault(policy_id, interval)
        languages.setdefault(policy_id, set()).add(language)
    return {
        policy_id: PolicyTerms(months[policy_id], frozenset(languages[policy_id]))
        for policy_id in months
    }
