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

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "file": self.file,
            "key": self.key,
            "line": self.line,
            "message": self.message,
        }
