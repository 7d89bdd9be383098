"""Start the plain front end: load the content, then run the session on standard input/output."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from smtrainer.content.errors import ContentFolderError
from smtrainer.domain.problems import Problem
from smtrainer.i18n import _, ngettext
from smtrainer.plain.console import Console
from smtrainer.plain.session import PlainSession
from smtrainer.workflows.content import load_for_app
from smtrainer.workflows.journey_controller import JourneyController, new_seed, utc_now


def run_plain(
    content_dir: Path | None = None,
    *,
    language_forced: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
) -> int:
    """The whole journey as plain lines; 0 when it ends or is stopped, 2 if it cannot start."""
    out = stdout or sys.stdout
    try:
        loaded = load_for_app(content_dir)
    except ContentFolderError as error:
        print(_("smtrainer: error: {message}").format(message=error), file=sys.stderr)
        return 2
    if loaded.errors or not loaded.policies:
        _report_problems(loaded.errors, out)
        return 2
    journey = JourneyController(loaded.policies, seeds=new_seed, clock=clock)
    console = Console(stdin or sys.stdin, out)
    return PlainSession(journey, console, remember_language=not language_forced).run()


def _report_problems(problems: list[Problem], out: TextIO) -> None:
    count = len(problems)
    if count:
        heading = ngettext(
            "The training content has {count} problem, so the training cannot start.",
            "The training content has {count} problems, so the training cannot start.",
            count,
        ).format(count=count)
    else:
        heading = _("No policy pack was found in the active language.")
    out.write(heading + "\n" + _("Run `smtrainer check` for the full report.") + "\n")
    for problem in problems:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        key = f" [{problem.key}]" if problem.key else ""
        out.write(f"- {where}{key}: {problem.message}\n")
