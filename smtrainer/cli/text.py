"""Error lines of the commands, worded alike and made inert before they are printed."""

from __future__ import annotations

import sys

from smtrainer.domain.inert_text import inert
from smtrainer.i18n import _


def print_error(command: str, message: object) -> int:
    """Say `smtrainer COMMAND: error: MESSAGE` on standard error; the exit status 1."""
    print(
        _("smtrainer {command}: error: {message}").format(command=command, message=inert(message)),
        file=sys.stderr,
    )
    return 1
