"""A policy pack on disk: its metadata file and module files for one language."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smtrainer.content.sources import SourceFile

QUESTION_LISTS = ("check_questions", "questions")


@dataclass
class PackSource:
    """The files of one policy pack in one language."""

    policy_id: str
    language: str
    folder: Path
    policy: SourceFile | None = None
    modules: list[SourceFile] = field(default_factory=list)
    format: int = 1
    """The content format its policy.toml declares."""

    def valid_modules(self) -> Iterator[tuple[SourceFile, dict[str, Any]]]:
        for module in self.modules:
            if module.valid and module.data is not None:
                yield module, module.data

    @property
    def policy_data(self) -> dict[str, Any] | None:
        if self.policy is not None and self.policy.valid:
            return self.policy.data
        return None

    @property
    def is_valid(self) -> bool:
        return self.policy_data is not None and all(m.valid for m in self.modules)


def items(data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    """The entries of an array of tables with their key paths, e.g. ``("questions[3]", {...})``."""
    return [(f"{key}[{index}]", entry) for index, entry in enumerate(data.get(key, []))]


def counts(pack: PackSource) -> dict[str, int]:
    """How much teaching material the pack holds."""
    totals = {
        "modules": 0,
        "key_points": 0,
        "scenarios": 0,
        "steps": 0,
        "questions": 0,
        "check_questions": 0,
        "self_check": 0,
    }
    for _source, data in pack.valid_modules():
        totals["modules"] += 1
        totals["key_points"] += len(data.get("key_points", []))
        totals["scenarios"] += len(data.get("scenarios", []))
        totals["steps"] += sum(len(s.get("steps", [])) for s in data.get("scenarios", []))
        totals["questions"] += len(data.get("questions", []))
        totals["check_questions"] += len(data.get("check_questions", []))
        totals["self_check"] += len(data.get("self_check", []))
    return totals
