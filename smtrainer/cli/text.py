"""Error lines of the commands, worded alike and made inert before they are printed."""

from __future__ import annotations

import sys
from pathlib import Path

from smtrainer.domain.inert_text import inert, shown_name
from smtrainer.i18n import _


def print_error(command: str, message: object) -> int:
    """Say `smtrainer COMMAND: error: MESSAGE` on standard error; the exit status 1."""
    print(
        _("smtrainer {command}: error: {message}").format(command=command, message=inert(message)),
        file=sys.stderr,
    )
    return 1


def no_store(command: str, store: Path) -> int:
    """Say that the store folder `command` reads is not there; the exit status 2 (a mistyped
    path is never taken for an empty store)."""
    print(
        _("smtrainer {command}: error: no such store folder: {path}").format(
            command=command, path=shown_name(store)
        ),
        file=sys.stderr,
    )
    return 2
