"""Reading content files from disk into parsed TOML with line positions and problems."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from smtrainer.content.toml_lines import line_for, locate_keys
from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.problems import Problem, Severity
from smtrainer.domain.toml_errors import describe as describe_toml_error
from smtrainer.i18n import _

MAX_FILE_BYTES = 1_000_000


def display_path(path: Path) -> str:
    """`path` relative to the working folder when it lies inside it, else absolute."""
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 - keep links as the user named them
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


@dataclass
class Problems:
    """Problems collected across a whole check run."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str,
        key: str,
        message: str,
        *,
        line: int | None = None,
        severity: Severity = Severity.ERROR,
        code: str = "",
        target: str = "",
    ) -> None:
        self.items.append(Problem(file, line, key, message, severity, code, target))

    @property
    def errors(self) -> int:
        return sum(1 for p in self.items if p.is_error)

    @property
    def warnings(self) -> int:
        return len(self.items) - self.errors

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.file, p.line or 0, p.key, p.message))


@dataclass
class SourceFile:
    """One TOML file: where it is, what it holds once parsed, and its key lines."""

    path: Path
    display: str
    data: dict[str, Any] | None = None
    text: str = ""
    valid: bool = False
    _lines: dict[str, int] | None = None

    @property
    def lines(self) -> dict[str, int]:
        """Key path → line, worked out only when a problem needs a line number."""
        if self._lines is None:
            self._lines = locate_keys(self.text)
        return self._lines

    def line(self, key: str) -> int | None:
        return line_for(self.lines, key)

    def report(
        self,
        problems: Problems,
        key: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        problems.add(self.display, key, message, line=self.line(key), severity=severity)

    def warn(self, problems: Problems, key: str, message: str, code: str, target: str) -> None:
        """A warning the pack may acknowledge for `target` by its `code`."""
        problems.add(
            self.display,
            key,
            message,
            line=self.line(key),
            severity=Severity.WARNING,
            code=code,
            target=target,
        )

    def reporter(self, problems: Problems) -> Callable[[str, str], None]:
        """A function that reports an error at a key path of this file."""

        def report(key: str, message: str) -> None:
            self.report(problems, key, message)

        return report


def read_toml(path: Path, problems: Problems) -> SourceFile:
    """Parse `path`, reporting unreadable files and syntax errors with their line."""
    source = SourceFile(path, display_path(path))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.add(
                source.display,
                "",
                _("file is too large ({size} bytes; the limit is {limit})").format(
                    size=size, limit=MAX_FILE_BYTES
                ),
            )
            return source
        raw = path.read_bytes()
    except OSError as error:
        problems.add(
            source.display,
            "",
            _("cannot read file: {reason}").format(reason=os_reason(error)),
        )
        return source
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(source.display, "", _("file is not valid UTF-8 text"), line=line)
        return source
    try:
        source.data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        syntax = describe_toml_error(error)
        problems.add(
            source.display,
            "",
            _("TOML syntax error: {detail}").format(detail=syntax.detail),
            line=syntax.line,
        )
        return source
    source.text = text
    return source
