"""Problems found in user-written files, collected rather than raised one at a time."""

from __future__ import annotations

from enum import StrEnum

import msgspec


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(msgspec.Struct, frozen=True, order=True):
    """One thing wrong, with where it is: file, key path (``questions[2].choices``) and line."""

    file: str
    line: int | None
    key: str
    message: str
    severity: Severity = Severity.ERROR
    code: str = ""
    """For warnings a pack may acknowledge: the warning's code, e.g. ``correct-longest``."""
    target: str = ""
    """The id the coded warning is about (a question, module, section or the policy)."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "severity": self.severity.value,
            "file": self.file,
            "key": self.key,
            "line": self.line,
            "message": self.message,
        }
        if self.code:
            found |= {"code": self.code, "target": self.target}
        return found
