"""The safe alphabets for ids: content and record ids, and the school's staff ids.

Content and record ids (policies, modules, questions, scenarios, steps, choices, options) are
lower-case letters and digits, separated by single `-` or `.`, at most 64 characters. Staff ids
come from the school's information system: letters (either case) and digits separated by single
`-`, `_` or `.`, at most 64 characters, and matched without regard to case. Neither alphabet holds
anything a terminal, a file system or an OpenSSH `allowed_signers` pattern could read specially.
"""

from __future__ import annotations

import re

SAFE_ID_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*\Z"
r"""Content and record ids, as a pattern for checkers that take one (`\Z`, not `$`, which
would also let a trailing line break through)."""
MAX_ID_LENGTH = 64

_SAFE_ID = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")
_STAFF_ID = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*")


def is_safe_id(text: str) -> bool:
    """Whether `text` is a content or record id from the safe alphabet."""
    return len(text) <= MAX_ID_LENGTH and _SAFE_ID.fullmatch(text) is not None


def is_staff_id(text: str) -> bool:
    """Whether `text` is a staff id from the documented alphabet."""
    return len(text) <= MAX_ID_LENGTH and _STAFF_ID.fullmatch(text) is not None


def staff_key(staff_id: str) -> str:
    """The form staff ids are compared in: `s-0006` and `S-0006` are the same person."""
    return staff_id.casefold()
