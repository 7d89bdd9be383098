"""Route argparse's own words (usage, options, errors) through our catalog.

argparse looks up `_` and `ngettext` in its module namespace each time it builds a message, so
pointing those names at our translation functions makes its help and errors follow the active
language. The message ids are argparse's; they are listed here so extraction puts them in our
catalog.
"""

from __future__ import annotations

import argparse

from smtrainer.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("unexpected option string: %s"),
    N_("ignored explicit argument %r"),
)
# Plural forms argparse asks for; listed so that extraction finds them.
_PLURALS = (lambda n: ngettext("expected %s argument", "expected %s arguments", n),)


def install() -> None:
    """Make argparse translate through smtrainer's catalog from now on."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    argparse.HelpFormatter.start_section = _start_section  # type: ignore[method-assign, assignment]


_original_start_section = argparse.HelpFormatter.start_section


def _start_section(formatter: argparse.HelpFormatter, heading: str | None) -> None:
    """A section heading with the space the language puts before its colon (argparse adds the
    colon itself): "options:" in English, "options :" with a no-break space in French."""
    if heading:
        # TRANSLATORS: a help section's heading and its colon; French puts a no-break space
        # (U+00A0) before the colon.
        heading = _("{heading}:").format(heading=heading).removesuffix(":")
    _original_start_section(formatter, heading)
