"""What a record file is, once checked: valid, tampered, unsigned, unreadable, unsupported or
invalid."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    VALID = "valid"
    TAMPERED = "tampered"
    UNSIGNED = "unsigned"
    UNREADABLE = "unreadable"
    UNSUPPORTED = "unsupported"
    INVALID = "invalid"
    """Signed correctly, but a value is outside its domain or the record contradicts itself."""
