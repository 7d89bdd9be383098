"""Start the plain front end: load the content, then run the session on standard input/output."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from smtrainer.content.catalog import PackEntry
from smtrainer.content.errors import ContentFolderError
from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem
from smtrainer.i18n import _, ngettext
from smtrainer.plain.commands import Command, command_in, word
from smtrainer.plain.console import Console, InputEnded
from smtrainer.plain.session import PlainSession
from smtrainer.plain.views import choice_question
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.settings import load_settings, save_settings
from smtrainer.workflows.content import UnknownPolicyError, label, load_and_choose
from smtrainer.workflows.journey_controller import JourneyController, new_seed, utc_now


def run_plain(
    content_dir: Path | None = None,
    *,
    language_forced: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
    policy: str | None = None,
    add_to_bundled: bool = False,
) -> int:
    """The whole journey as plain lines; 0 when it ends or is stopped, 2 if it cannot start.

    The pack is chosen as in the app (`choose_policy`); when several can be used and none is
    chosen, the learner is asked which, first."""
    out = stdout or sys.stdout
    if stdin is None and stdout is None:
        _tolerate_encoding_errors()
    only = content_dir is not None and not add_to_bundled
    try:
        chosen = load_and_choose(
            content_dir, content_only=only, requested=policy, saved=load_settings().policy
        )
    except (ContentFolderError, UnknownPolicyError) as error:
        print(_("smtrainer: error: {message}").format(message=error), file=sys.stderr)
        return 2
    console = Console(stdin or sys.stdin, out)
    if chosen.skipped and not chosen.problems:
        console.say(
            _("Left out because its files have problems (run smtrainer check): {ids}").format(
                ids=", ".join(entry.policy_id for entry in chosen.skipped)
            )
        )
    policies = chosen.policies
    if chosen.pick:
        try:
            policies = pick_policy(console, chosen.choices)
        except InputEnded:
            return 0
    if chosen.problems or not policies:
        _report_problems(chosen.problems, out)
        return 2
    journey = JourneyController(policies, seeds=new_seed, clock=clock)
    return PlainSession(journey, console, remember_language=not language_forced).run()


def _tolerate_encoding_errors() -> None:
    """An answer file in another encoding, or a terminal that cannot show a character, gives a
    replacement character instead of stopping the session."""
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def pick_policy(console: Console, choices: list[PackEntry]) -> dict[str, Policy]:
    """Ask which school's pack to use (by number) and remember the answer."""
    listed = False
    while True:
        if not listed:
            console.say(_("Which school's policy is yours?"))
            for number, entry in enumerate(choices, start=1):
                console.say(f"{number}. {label(entry)}", indent="  ")
            listed = True
        console.say(
            _("{where}: {question}").format(
                where=_("Your school"), question=choice_question(len(choices))
            )
        )
        answer = console.ask().strip()
        command = command_in(answer)
        if command is Command.QUIT:
            console.say(_("Stopped."))
            raise InputEnded
        if command is not None:  # The others mean nothing before a school is chosen.
            listed = command is not Command.REPEAT
            if command is Command.HELP:
                console.say(
                    _("Type the number of your school, or {quit} to stop.").format(
                        quit=word(Command.QUIT)
                    )
                )
            continue
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            entry = choices[int(answer) - 1]
            settings = load_settings()
            settings.policy = entry.policy_id
            with contextlib.suppress(StorageError):  # Only a preference: asked again next time.
                save_settings(settings)
            return dict(entry.policies)
        console.say(_("Please type a number from 1 to {last}.").format(last=len(choices)))


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
