"""Running the plain front end on an answer file, and making its transcript comparable."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from smtrainer.i18n import set_language
from smtrainer.plain.launch import run_plain

HERE = Path(__file__).parent
CONTENT = HERE / "content"
ANSWERS = HERE / "answers"
GOLDEN = HERE / "golden"
SEED = "1234"
NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)

_VARIABLE = [
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<record-id>"),
    (re.compile(r"SHA256:[A-Za-z0-9+/]{43}"), "<fingerprint>"),
    (re.compile(r"\b[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}\b"), "<verification-code>"),
]


def run(answers: str, language: str, *, now: dt.datetime = NOW) -> tuple[int, str]:
    """The exit code and the transcript of a plain run fed with `answers`."""
    set_language(language)
    out = io.StringIO()
    code = run_plain(
        CONTENT, language_forced=True, stdin=io.StringIO(answers), stdout=out, clock=lambda: now
    )
    return code, out.getvalue()


def answers(name: str) -> str:
    return (ANSWERS / f"{name}.txt").read_text(encoding="utf-8")


def comparable(transcript: str, home: Path) -> str:
    """The transcript with what differs from run to run (folders, ids, keys) named instead."""
    text = transcript.replace(str(home), "<home>")
    for pattern, name in _VARIABLE:
        text = pattern.sub(name, text)
    return text
