"""`smtrainer`: start the training app, or run one of the commands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from smtrainer import __version__
from smtrainer.cli import argparse_i18n
from smtrainer.i18n import SUPPORTED_LANGUAGES, _, choose_language, set_language
from smtrainer.storage.settings import load_settings


def _requested_language(argv: Sequence[str]) -> str | None:
    """The `--lang` value, read before the full parser so its help is in that language."""
    if not argv:
        return None
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
        "--plain",
        action="store_true",
        help=_(
            "the training as plain lines of text, for screen readers and scripts "
            "(automatic when the output is not a terminal)"
        ),
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar=_("DIR"),
        help=_(
            "add the policy packs in DIR to the bundled ones (a pack there replaces a bundled "
            "pack with the same id)"
        ),
    )
    parser.add_argument(
        "--content-only",
        action="store_true",
        help=_("with --content: use only the packs in DIR, not the bundled ones"),
    )
    parser.add_argument(
        "--policy",
        metavar="ID",
        help=_(
            "the policy pack to train on (default: the one chosen last time; "
            "asked when several are installed)"
        ),
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
        metavar=_("CONTENT_DIR"),
        help=_("folder holding <lang>/<policy>/ packs (default: the bundled content)"),
    )
    check.add_argument("--strict", action="store_true", help=_("fail on warnings too"))
    check.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    _verify_parser(commands)
    _key_parser(commands)
    _demo_parser(commands)
    certificate = _subparser(
        commands,
        "certificate",
        _("show the certificate of a signed record"),
        _("Show the certificate of a signed completion record, and save a printable copy."),
    )
    certificate.add_argument("record", type=Path, metavar=_("RECORD"), help=_("a record file"))
    certificate.add_argument(
        "--html", type=Path, metavar=_("FILE"), help=_("also write a printable HTML page")
    )
    deliver = _subparser(
        commands,
        "deliver",
        _("hand in records waiting in the outbox"),
        _(
            "Copy finished records that could not reach the shared folder into it now. "
            "--to sets the shared folder and remembers it."
        ),
    )
    deliver.add_argument("--to", type=Path, metavar=_("FOLDER"), help=_("the shared folder"))
    _head_teacher_parsers(commands)
    from smtrainer.cli.evidence_cmds import add_parsers

    add_parsers(commands, _subparser, _store_option, _day)
    return parser


def _store_option(parser: argparse.ArgumentParser, *, inner: bool = False) -> None:
    """`--store`; on an action's own parser (`inner`) it leaves the value given before the
    action alone unless it is given again, so the option works in any position."""
    parser.add_argument(
        "--store",
        type=Path,
        default=argparse.SUPPRESS if inner else None,
        metavar=_("DIR"),
        help=_("the head teacher's store (default: in your data folder)"),
    )


def _action(actions: Any, name: str, summary: str) -> argparse.ArgumentParser:
    """One `roster` action, with --help, --lang and --store of its own."""
    parser: argparse.ArgumentParser = actions.add_parser(
        name, help=summary, description=summary, add_help=False
    )
    _common_options(parser)
    _store_option(parser, inner=True)
    return parser


def _head_teacher_parsers(commands: Any) -> None:
    collect = _subparser(
        commands,
        "collect",
        _("copy records from a shared folder or USB stick into your store"),
        _(
            "Copy valid records into the store, skipping those already there; nothing at the "
            "source is changed or deleted. A record id seen before with other content is flagged. "
            "Links are never followed and hidden files are skipped. Exit status: 0 when "
            "everything was collected or already there, 1 when any file was invalid, "
            "conflicting or could not be copied, 2 when SOURCE is not a folder."
        ),
    )
    collect.add_argument("source", type=Path, metavar=_("SOURCE"), help=_("folder to collect from"))
    _store_option(collect)
    _content_option(collect)

    roster = _subparser(
        commands,
        "roster",
        _("the staff list and approved signing keys"),
        _("Import the staff list, see and approve signing keys, export allowed_signers."),
    )
    _store_option(roster)
    actions = roster.add_subparsers(dest="roster_action", metavar=_("ACTION"), required=True)
    import_ = _action(actions, "import", _("import a staff list (CSV or .xlsx)"))
    import_.add_argument("file", type=Path, metavar=_("FILE"))
    import_.add_argument(
        "--replace",
        action="store_true",
        help=_("the list is the whole staff: anyone missing from it is marked as having left"),
    )
    _action(actions, "pending", _("records signed by keys not approved yet"))
    approve = _action(actions, "approve", _("approve a key for a member of staff"))
    approve.add_argument("staff_id", metavar=_("STAFF_ID"))
    approve.add_argument("fingerprint", metavar=_("FINGERPRINT"))
    change = approve.add_mutually_exclusive_group()
    change.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the key already approved (the old one is kept as revoked)"),
    )
    change.add_argument(
        "--add",
        action="store_true",
        help=_("approve this key as well as the one already approved (a second computer)"),
    )
    leave = _action(actions, "leave", _("mark a member of staff as having left"))
    leave.add_argument("staff_id", metavar=_("STAFF_ID"))
    leave.add_argument(
        "--on", type=_day, default=None, metavar=_("DATE"), help=_("the day they left (today)")
    )
    signers = _action(actions, "allowed-signers", _("export an OpenSSH allowed_signers file"))
    signers.add_argument("--out", type=Path, metavar=_("FILE"), help=_("write to FILE"))

    summary = _subparser(
        commands,
        "summary",
        _("who is trained, due, overdue, failed or never started"),
        _("Status per person from verified records, the totals, and files that cannot be trusted."),
    )
    _store_option(summary)
    output = summary.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    output.add_argument(
        "--csv", type=Path, metavar=_("FILE"), help=_("write the staff table as CSV")
    )
    summary.add_argument(
        "--due-soon-days",
        type=_due_soon_days,
        default=30,
        metavar="N",
        help=_("days before the refresher date that count as due soon (30)"),
    )
    summary.add_argument(
        "--today",
        type=_day,
        default=None,
        metavar=_("DATE"),
        help=_("the day to judge from (default: today)"),
    )
    _policy_filter(summary)

    dashboard = _subparser(
        commands,
        "dashboard",
        _("the head teacher's dashboard"),
        _(
            "Staff table with filters, a person's history, completion by role, and what staff "
            "get wrong."
        ),
    )
    _store_option(dashboard)
    dashboard.add_argument(
        "--today",
        type=_day,
        default=None,
        metavar=_("DATE"),
        help=_("the day to judge from (default: today)"),
    )
    _policy_filter(dashboard)


def _policy_filter(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="ID",
        help=_(
            "judge staff on this policy only; repeat for each policy the school requires "
            "(default: every policy with a record)"
        ),
    )


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=argparse.SUPPRESS,
        metavar=_("DIR"),
        help=_("the policy packs records may belong to (default: the bundled content)"),
    )


def _subparser(commands: Any, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, add_help=False
    )
    _common_options(parser)
    return parser


def _verify_parser(commands: Any) -> None:
    verify = _subparser(
        commands,
        "verify",
        _("check the signatures of completion records"),
        _(
            "Check completion records: one line per file (valid, tampered, unsigned, unreadable, "
            "unsupported version, or invalid: signed, but a value breaks a rule). Exit 0 when all "
            "are valid, 1 otherwise."
        ),
    )
    verify.add_argument(
        "paths", nargs="*", type=Path, metavar=_("PATH"), help=_("record files or folders")
    )
    verify.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    _content_option(verify)
    verify.add_argument(
        "--message",
        type=Path,
        metavar=_("FILE"),
        help=_("print the exact bytes a record's signature covers, for ssh-keygen -Y verify"),
    )


def _key_parser(commands: Any) -> None:
    key = _subparser(
        commands,
        "key",
        _("show or export your signing key"),
        _("Your signing key is created on first use and kept in your data folder."),
    )
    key.add_argument(
        "action",
        choices=["show", "export"],
        help=_("show: the fingerprint; export: the public key in OpenSSH form"),
    )
    key.add_argument(
        "--passphrase",
        action="store_true",
        help=_("protect a new key with a passphrase (for shared computers)"),
    )


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("must be a whole number")) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be a whole number of 1 or more"))
    return value


FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2999, 12, 31)
"""The days a command may be asked to judge from or simulate up to: records a year or ten
either side must still have dates (a date beyond year 9999 cannot be written)."""
MOST_DEMO_YEARS = 50


def _day(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("must be a date like 2026-09-01")) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            _("must be a day from {first} to {last}").format(
                first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
            )
        )
    return day


def _one_to(most: int) -> Callable[[str], int]:
    """An argument type: a whole number from 1 to `most`."""

    def bounded(text: str) -> int:
        value = _positive(text)
        if value > most:
            raise argparse.ArgumentTypeError(
                _("must be a whole number from 1 to {most}").format(most=most)
            )
        return value

    return bounded


_demo_years = _one_to(MOST_DEMO_YEARS)
MOST_DUE_SOON_DAYS = 3650
"""Ten years: the longest a refresher may be set after a completion."""
_due_soon_days = _one_to(MOST_DUE_SOON_DAYS)


def _demo_parser(commands: Any) -> None:
    demo = _subparser(
        commands,
        "demo",
        _("build a demo school with signed records"),
        _(
            "Build a realistic head teacher's store: staff list, approved keys and signed "
            "records made through the real scoring code. The same seed and day give the same "
            "school."
        ),
    )
    demo.add_argument("--out", type=Path, required=True, metavar=_("DIR"), help=_("new folder"))
    demo.add_argument("--staff", type=_positive, default=60, metavar="N", help=_("staff members"))
    demo.add_argument(
        "--years", type=_demo_years, default=3, metavar="N", help=_("years of history")
    )
    demo.add_argument(
        "--seed", type=_whole_number, default=1, metavar=_("SEED"), help=_("random seed")
    )
    demo.add_argument(
        "--today", type=_day, default=None, metavar=_("DATE"), help=_("the day to simulate up to")
    )
    demo.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="ID",
        help=_(
            "a policy the staff train on; repeat for a school that requires several "
            "(default: the first installed pack by id)"
        ),
    )


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    parser.add_argument(
        "--lang",
        choices=SUPPORTED_LANGUAGES,
        help=_("language of the app and messages (default: saved choice, then the system's)"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; never ends in a traceback for a closed pipe or Ctrl+C."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    language = choose_language(_requested_language(args_list), load_settings().language)
    set_language(language)
    plain = "--plain" in args_list or plain_wanted()
    args_list = [arg for arg in args_list if arg != "--plain"]
    if not args_list or _only_language(args_list):
        # `smtrainer` (or with just --lang): straight to the training, with no parser to build.
        return _training(None, language_forced=bool(args_list), plain=plain)
    argparse_i18n.install()
    parser = build_parser()
    args = parser.parse_args(args_list)
    # Each command's module is imported only when that command runs, so that starting the app
    # does not pay for signing, checking or spreadsheets.
    if args.command == "check":
        from smtrainer.cli.check_cmd import run_check

        return run_check(args.content_dir, strict=args.strict, as_json=args.json)
    if args.command == "verify":
        from smtrainer.cli.verify_cmd import run_message, run_verify

        if args.message is not None:
            if args.paths or args.json:
                parser.error(
                    _("verify --message prints one file's signed bytes: give no PATH or --json")
                )
            return run_message(args.message)
        if not args.paths:
            parser.error(_("verify needs at least one record file or folder"))
        return run_verify(args.paths, as_json=args.json, content_dir=args.content)
    if args.command == "key":
        from smtrainer.cli.key_cmd import run_key

        return run_key(args.action, new_passphrase=args.passphrase)
    if args.command in {"collect", "roster", "summary", "dashboard"}:
        return _head_teacher(args)
    if args.command in {"issuer", "credential", "export", "push", "report"}:
        from smtrainer.cli.evidence_cmds import run_evidence
        from smtrainer.workflows.store import default_store

        store = getattr(args, "store", None) or default_store()
        return run_evidence(args, store, getattr(args, "today", None) or dt.date.today())
    if args.command == "deliver":
        from smtrainer.cli.deliver_cmd import run_deliver

        return run_deliver(args.to)
    if args.command == "certificate":
        from smtrainer.cli.certificate_cmd import run_certificate

        return run_certificate(args.record, args.html, args.content)
    if args.command == "demo":
        from smtrainer.cli.demo_cmd import run_demo

        today = args.today or dt.datetime.now(dt.UTC).date()
        return run_demo(
            args.out,
            staff=args.staff,
            years=args.years,
            seed=args.seed,
            today=today,
            content=args.content,
            policies=args.policy,
        )
    if args.content_only and args.content is None:
        parser.error(_("--content-only needs --content DIR"))
    return _training(
        args.content,
        language_forced=args.lang is not None,
        plain=plain,
        policy=args.policy,
        add_to_bundled=not args.content_only,
    )


def _only_language(args: Sequence[str]) -> bool:
    """Whether the arguments are a valid `--lang X` and nothing else."""
    if len(args) == 2 and args[0] == "--lang":
        return args[1] in SUPPORTED_LANGUAGES
    return len(args) == 1 and args[0].removeprefix("--lang=") in SUPPORTED_LANGUAGES


def plain_wanted() -> bool:
    """Whether the training must run as plain lines: no terminal to draw on, or a dumb one."""
    if os.environ.get("TERM") == "dumb":
        return True
    return not (_is_terminal(sys.stdout) and _is_terminal(sys.stdin))


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


def _training(
    content: Path | None,
    *,
    language_forced: bool,
    plain: bool,
    policy: str | None = None,
    add_to_bundled: bool = True,
) -> int:
    if plain:
        from smtrainer.plain.launch import run_plain

        return run_plain(
            content, language_forced=language_forced, policy=policy, add_to_bundled=add_to_bundled
        )
    from smtrainer.ui.launch import run_app

    return run_app(
        content_dir=content,
        language_forced=language_forced,
        policy=policy,
        add_to_bundled=add_to_bundled,
    )


def _unknown_policies(args: argparse.Namespace) -> bool:
    """Whether --policy names a policy no installed pack has, which is then said: a mistyped
    id would otherwise show everyone as never started."""
    if not args.policy:
        return False
    from smtrainer.content.policies import installed_policies
    from smtrainer.domain.inert_text import inert

    installed = installed_policies()
    unknown = [policy_id for policy_id in args.policy if policy_id not in installed]
    if unknown:
        print(
            _(
                "smtrainer {command}: error: no policy pack {policies} is installed; "
                "installed: {ids}"
            ).format(
                command=args.command,
                policies=", ".join(inert(repr(p)) for p in unknown),
                ids=", ".join(installed) or "-",
            ),
            file=sys.stderr,
        )
    return bool(unknown)


def _head_teacher(args: argparse.Namespace) -> int:
    from smtrainer.storage.paths import default_store

    store = args.store or default_store()
    today = getattr(args, "today", None) or dt.date.today()
    if args.command == "collect":
        from smtrainer.cli.store_cmds import run_collect

        return run_collect(args.source, store, args.content)
    if args.command == "roster":
        from smtrainer.cli.store_cmds import run_roster

        return run_roster(args, store)
    if args.command in {"summary", "dashboard"} and _unknown_policies(args):
        return 2
    if args.command == "summary":
        from smtrainer.cli.summary_cmd import run_summary

        return run_summary(
            store,
            today=today,
            due_soon_days=args.due_soon_days,
            as_json=args.json,
            csv_path=args.csv,
            policies=args.policy,
        )
    from smtrainer.ui.dashboard.launch import run_dashboard

    return run_dashboard(store, today, args.policy, remember_language=args.lang is None)
