"""`issuer`, `credential`, `export xapi`, `push` and `report`: evidence for outside the school."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smtrainer.cli.text import no_store
from smtrainer.cli.text import print_error as _error
from smtrainer.domain.inert_text import inert
from smtrainer.i18n import _, ngettext

ISSUER_PASSPHRASE = "SMTRAINER_ISSUER_PASSPHRASE"
EVIDENCE_COMMANDS = {"issuer", "credential", "export", "push", "report"}

Subparser = Callable[[Any, str, str, str], argparse.ArgumentParser]


def add_parsers(
    commands: Any,
    subparser: Subparser,
    store_option: Callable[..., None],
    day: Callable[[str], dt.date],
) -> None:
    """Register the evidence commands on the main parser (`day` reads a date argument)."""
    issuer = subparser(
        commands,
        "issuer",
        _("the school as the issuer of credentials"),
        _("Make or show the school's issuer key and profile (a did:key) for Open Badges."),
    )
    issuer_actions = issuer.add_subparsers(dest="issuer_action", metavar=_("ACTION"), required=True)
    init = subparser(
        issuer_actions,
        "init",
        _("make the school's issuer key"),
        _("Make the school's Ed25519 issuer key (owner-only file) and its profile."),
    )
    init.add_argument("--name", required=True, metavar=_("NAME"), help=_("the school's name"))
    init.add_argument(
        "--name-fr", metavar=_("NAME"), help=_("the school's name in French (default: --name)")
    )
    init.add_argument(
        "--url", default=None, type=web_address, metavar="URL", help=_("the school's web site")
    )
    init.add_argument(
        "--passphrase", action="store_true", help=_("protect the issuer key with a passphrase")
    )
    subparser(issuer_actions, "show", _("show the issuer"), _("Show the issuer's profile."))

    credential = subparser(
        commands,
        "credential",
        _("Open Badges 3.0 credentials for trained staff"),
        _("Issue Open Badges 3.0 credentials for verified records, or verify credential files."),
    )
    credential_actions = credential.add_subparsers(
        dest="credential_action", metavar=_("ACTION"), required=True
    )
    issue = subparser(
        credential_actions,
        "issue",
        _("issue credentials for verified, approved, passed records"),
        _(
            "Write one signed Open Badges 3.0 credential per verified, approved, passed record "
            "(or only one person's latest with --staff)."
        ),
    )
    store_option(issue)
    issue.add_argument("--staff", metavar=_("STAFF_ID"), help=_("only this person's latest record"))
    issue.add_argument(
        "--out", type=Path, default=Path("credentials"), metavar=_("DIR"), help=_("output folder")
    )
    issue.add_argument(
        "--today",
        type=day,
        default=None,
        metavar=_("DATE"),
        help=_("the day to judge from: records expired by then get no credential (today)"),
    )
    check = subparser(
        credential_actions,
        "verify",
        _("verify credential files offline"),
        _(
            "Check each credential's proof, issuer and dates, and its evidence hash when the "
            "records are given. Exit 0 only when all verify."
        ),
    )
    check.add_argument("files", nargs="+", type=Path, metavar=_("FILE"))
    check.add_argument(
        "--records",
        type=Path,
        action="append",
        metavar=_("DIR"),
        help=_("folder of record files to check the evidence against"),
    )
    check.add_argument("--json", action="store_true", help=_("print the results as JSON"))

    export = subparser(
        commands,
        "export",
        _("export records in other formats"),
        _("Export verified records for other systems."),
    )
    export_kinds = export.add_subparsers(dest="export_kind", metavar=_("FORMAT"), required=True)
    xapi = subparser(
        export_kinds,
        "xapi",
        _("xAPI statements, one JSON per line"),
        _("cmi5-shaped xAPI statements for every verified, approved record."),
    )
    _xapi_options(xapi, store_option)
    xapi.add_argument("--out", type=Path, metavar=_("FILE"), help=_("write to FILE (.jsonl)"))

    push = subparser(
        commands,
        "push",
        _("send xAPI statements to a learning record store"),
        _(
            "Send the statements the learning record store does not have yet, in batches. "
            "A second push sends nothing twice."
        ),
    )
    _xapi_options(push, store_option)
    push.add_argument("--lrs", required=True, metavar="URL", help=_("the LRS's xAPI endpoint"))
    auth = push.add_mutually_exclusive_group()
    auth.add_argument("--auth", metavar=_("USER:PASSWORD"), help=_("basic credentials"))
    auth.add_argument(
        "--auth-file", type=Path, metavar=_("FILE"), help=_("a file holding USER:PASSWORD")
    )

    report = subparser(
        commands,
        "report",
        _("a printable inspection log"),
        _(
            "A printable training log for inspectors and governors: each person's last "
            "completion, score, next refresher and status, and who has not started."
        ),
    )
    store_option(report)
    report.add_argument(
        "--html", type=Path, required=True, metavar=_("FILE"), help=_("the HTML file to write")
    )


def web_address(text: str) -> str:
    """An http:// or https:// address with a host (argparse type): it names the school in
    credentials and statements, where anything else would not resolve."""
    parts = urllib.parse.urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() or not c.isprintable() for c in text)
    ):
        raise argparse.ArgumentTypeError(
            _("must be a web address starting with https:// or http://")
        )
    return text


def _xapi_options(parser: argparse.ArgumentParser, store_option: Callable[..., None]) -> None:
    store_option(parser)
    parser.add_argument(
        "--detail", action="store_true", help=_("also one statement per assessment question")
    )
    parser.add_argument(
        "--home-page",
        type=web_address,
        metavar="URL",
        help=_("the school's home page, for staff without an e-mail address (default: issuer URL)"),
    )


def _passphrase(new: bool) -> str | None:
    if ISSUER_PASSPHRASE in os.environ:
        return os.environ[ISSUER_PASSPHRASE] or None
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(_("Passphrase for the issuer key: ")) or None
    if new and first is not None:
        again = getpass.getpass(_("The same passphrase again: ")) or None
        if again != first:
            raise ValueError(_("the two passphrases differ"))
    return first


def run_evidence(args: argparse.Namespace, store: Path, today: dt.date) -> int:
    if args.command == "issuer":
        return _run_issuer(args)
    if args.command == "credential" and args.credential_action != "issue":
        return _run_verify(args)
    if not store.is_dir():  # Every other command reads the store.
        return no_store(args.command, store)
    if args.command == "credential":
        return _run_issue(args, store, today)
    if args.command == "report":
        from smtrainer.cli.report_cmd import run_report

        return run_report(store, today, args.html)
    from smtrainer.cli.xapi_cmds import run_export, run_push

    if args.command == "export":
        return run_export(args, store)
    return run_push(args, store)


def _run_issuer(args: argparse.Namespace) -> int:
    from smtrainer.storage.issuer import IssuerError, init_issuer, issuer_dir, load_profile

    try:
        if args.issuer_action == "init":
            if args.passphrase and ISSUER_PASSPHRASE not in os.environ and not sys.stdin.isatty():
                return _error(
                    "issuer",
                    _("a new passphrase is asked only in a terminal (or give it in {var})").format(
                        var=ISSUER_PASSPHRASE
                    ),
                )
            passphrase = _passphrase(new=True) if args.passphrase else None
            names = {"en": args.name, "fr": args.name_fr or args.name}
            profile = init_issuer(names, args.url or "", passphrase)
        else:
            profile = load_profile()
    except (IssuerError, ValueError) as error:
        return _error("issuer", error)
    print(_("Issuer: {did}").format(did=profile.did))
    for language, name in sorted(profile.names.items()):
        print(f"  {language}: {inert(name)}")
    if profile.url:
        print(_("Web site: {url}").format(url=inert(profile.url)))
    print(_("Stored in {folder}").format(folder=inert(issuer_dir())))
    return 0


def _run_issue(args: argparse.Namespace, store: Path, today: dt.date) -> int:
    from smtrainer.storage.atomic import StorageError
    from smtrainer.storage.issuer import IssuerError, load_issuer_key, load_profile
    from smtrainer.workflows.credentials import issue_credentials, trusted_records

    try:
        profile = load_profile()
        key = load_issuer_key(profile, _passphrase(new=False))
        records = trusted_records(store, today, args.staff)
        report = issue_credentials(
            records,
            profile,
            key,
            args.out,
            now=dt.datetime.now(dt.UTC),
            today=today,
            content_dir=args.content,
        )
    except (IssuerError, StorageError, ValueError) as error:
        return _error("credential", error)
    if args.staff and report.expired:
        due = report.expired[-1].record["refresher_due"]
        return _error(
            "credential",
            _(
                "the latest passed record of {staff} expired on {day} (the refresher was due "
                "then): no credential is issued for it"
            ).format(staff=inert(args.staff), day=inert(str(due))),
        )
    if args.staff and not report.written:
        return _error(
            "credential",
            _("no verified, approved, passed record for {staff}").format(staff=inert(args.staff)),
        )
    count = len(report.written)
    print(
        ngettext(
            "{count} credential written to {folder}",
            "{count} credentials written to {folder}",
            count,
        ).format(count=count, folder=inert(args.out))
    )
    if report.expired:
        left = len(report.expired)
        print(
            ngettext(
                "{count} passed record left out: its refresher was due before today, so its "
                "credential would already be expired",
                "{count} passed records left out: their refresher was due before today, so "
                "their credentials would already be expired",
                left,
            ).format(count=left)
        )
    return 0


def _run_verify(args: argparse.Namespace) -> int:
    from smtrainer.workflows.credentials import record_hashes, verify_credential

    now = dt.datetime.now(dt.UTC)
    records = record_hashes(args.records) if args.records else None
    checks = [verify_credential(path, now, records) for path in args.files]
    if args.json:
        rows = [
            {
                "file": str(check.path),
                "valid": check.valid,
                "problems": list(check.problems),
                "issuer": check.issuer,
                "subject": check.subject,
                "achievement": check.achievement,
                "evidence": check.evidence,
            }
            for check in checks
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for check in checks:
            if check.valid:
                evidence = (
                    _("record checked") if check.evidence == "checked" else _("record not at hand")
                )
                print(
                    _(
                        "valid      {file}: {subject}, {achievement}; "
                        "issued by {issuer}; {evidence}"
                    ).format(
                        file=inert(check.path),
                        subject=inert(check.subject),
                        achievement=inert(check.achievement),
                        issuer=inert(check.issuer),
                        evidence=evidence,
                    )
                )
            else:
                print(
                    _("invalid    {file}: {reasons}").format(
                        file=inert(check.path), reasons=inert("; ".join(check.problems))
                    )
                )
    return 0 if all(check.valid for check in checks) else 1
