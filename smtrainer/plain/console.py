"""Reading answers and writing lines, nothing else: no escapes, no redraws."""

from __future__ import annotations

import getpass
from typing import TextIO

from smtrainer.domain.inert_text import inert
from smtrainer.plain.text import wrap

PROMPT_MARK = "> "


class InputEnded(Exception):
    """Standard input is closed (end of an answer file, or Ctrl+D)."""


class Console:
    """Lines out, answers in. Answers read from a file are echoed, so a log reads as a dialogue."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = _is_terminal(stdin)

    def say(self, text: str = "", indent: str = "") -> None:
        """A paragraph (or several), wrapped; an empty text is an empty line."""
        lines = wrap(text, indent) if text.strip() else [""]
        self.stdout.write("\n".join(lines) + "\n")

    def ask(self, *, secret: bool = False) -> str:
        """The next answer line, without its line ending; InputEnded at end of input."""
        self.stdout.write(PROMPT_MARK)
        self.stdout.flush()
        if secret and self.interactive:
            try:
                return getpass.getpass("", stream=self.stdout)
            except EOFError:
                raise InputEnded from None
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            raise InputEnded
        answer = line.rstrip("\r\n")
        if not self.interactive:
            self.stdout.write(("" if secret else inert(answer)) + "\n")  # As typed, inert.
        return answer


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
