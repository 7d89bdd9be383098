"""The word commands accepted at every prompt, in the active language (English always works)."""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from smtrainer.i18n import N_, _


class Command(StrEnum):
    REPEAT = "repeat"
    HELP = "help"
    BACK = "back"
    LANGUAGE = "language"
    CONTACTS = "contacts"
    QUIT = "quit"


WORDS = {
    # TRANSLATORS: a command word typed in the plain text mode: one word, lower case.
    Command.REPEAT: N_("repeat"),
    # TRANSLATORS: a command word typed in the plain text mode: one word, lower case.
    Command.HELP: N_("help"),
    # TRANSLATORS: a command word typed in the plain text mode: one word, lower case.
    Command.BACK: N_("back"),
    # TRANSLATORS: a command word typed in the plain text mode: one word, lower case.
    Command.LANGUAGE: N_("language"),
    # TRANSLATORS: a command word typed in the plain text mode: one word, lower case; it shows
    # the people the school's policy says to go to ("prevenir" style word in French).
    Command.CONTACTS: N_("who"),
    # TRANSLATORS: a command word typed in the plain text mode: one word, lower case.
    Command.QUIT: N_("quit"),
}

MEANINGS = {
    Command.REPEAT: N_("show this step again"),
    Command.HELP: N_("list these commands"),
    Command.BACK: N_("go back one step; your answers are kept"),
    Command.LANGUAGE: N_("switch between English and French, staying where you are"),
    Command.CONTACTS: N_("who to tell: the people your school's policy says to go to"),
    Command.QUIT: N_("stop now; your progress is saved and you can resume later"),
}


def word(command: Command) -> str:
    return _(WORDS[command])


def _fold(text: str) -> str:
    """Lower case without accents, so "repeter" and "Répéter" both match "répéter"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def command_in(answer: str) -> Command | None:
    """The command an answer names, if it is one."""
    typed = _fold(answer)
    if not typed:
        return None
    for command, source in WORDS.items():
        if typed in {_fold(_(source)), _fold(source)}:
            return command
    return None
