"""`smtrainer`: start the training app, or run one of the commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from smtrainer import __version__
from smtrainer.cli import argparse_i18n
from smtrainer.cli.check_cmd import run_check
from smtrainer.i18n import SUPPORTED_LANGUAGES, _, choose_language, set_language
from smtrainer.storage.settings import load_settings


def _requested_language(argv: Sequence[str]) -> str | None:
    """The `--lang` value, read before the full parser so its help is in that language."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(argv)
    value = known.lang
    return value if value in SUPPORTED_LANGUAGES else None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smtrainer",
        description=_("Social media policy training for school staff."),
        add_help=False,
    )
    _common_options(parser)
    parser.add_argument(
        "--version",
        action="version",
        version=f"smtrainer {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar=_("DIR"),
        help=_("use the policy packs in DIR instead of the bundled content"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    check = commands.add_parser(
        "check",
        help=_("check policy content and report every problem"),
        description=_(
            "Check policy content: every file, every rule, and that all languages match."
        ),
        add_help=False,
    )
    _common_options(check)
    check.add_argument(
        "content_dir",
        nargs="?",
        type=Path,
        metavar="CONTENT_DIR",
        help=_("folder holding <lang>/<policy>/ packs (default: the bundled content)"),
    )
    check.add_argument("--strict", action="store_true", help=_("fail on warnings too"))
    check.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    return parser


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    parser.add_argument(
        "--lang",
        choices=SUPPORTED_LANGUAGES,
        help=_("language of the app and messages (default: saved choice, then the system's)"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    language = choose_language(_requested_language(args_list), load_settings().language)
    set_language(language)
    argparse_i18n.install()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command == "check":
        return run_check(args.content_dir, strict=args.strict, as_json=args.json)
    from smtrainer.ui.launch import run_app  # Textual loads only when the app is wanted.

    return run_app(content_dir=args.content, language_forced=args.lang is not None)
