"""`smtrainer export xapi` and `smtrainer push`: statements for a learning record store."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from smtrainer.cli.text import print_error as _error
from smtrainer.documents.xapi import ActorError
from smtrainer.domain.inert_text import inert, shown_name
from smtrainer.domain.os_errors import os_reason
from smtrainer.i18n import _, ngettext
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.issuer import IssuerError, load_profile
from smtrainer.storage.roster import RosterError
from smtrainer.workflows.xapi_export import (
    LrsError,
    jsonl,
    ledger_path,
    legacy_ledger_path,
    push,
    statements_url,
    store_statements,
)


def _home_page(args: argparse.Namespace) -> str:
    if args.home_page:
        return str(args.home_page)
    try:
        return load_profile().url
    except IssuerError:
        return ""


def _statements(args: argparse.Namespace, store: Path) -> list[dict[str, Any]]:
    return store_statements(
        store,
        dt.date.today(),
        _home_page(args),
        detail=args.detail,
        content_dir=getattr(args, "content", None),
    )


def _actor_message(error: ActorError) -> str:
    return _(
        "{who} has no e-mail address in the staff list, and the school has no home page to "
        "name them by: give --home-page URL, or set the issuer's --url"
    ).format(who=error)


def run_export(args: argparse.Namespace, store: Path) -> int:
    try:
        text = jsonl(_statements(args, store))
        if args.out is None:
            sys.stdout.write(text)
            return 0
        atomic_write(args.out, text.encode("utf-8"))
    except ActorError as error:
        return _error("export", _actor_message(error))
    except (RosterError, StorageError) as error:
        return _error("export", error)
    count = text.count("\n")
    print(
        ngettext(
            "{count} statement written to {file}", "{count} statements written to {file}", count
        ).format(count=count, file=inert(args.out)),
        file=sys.stderr,
    )
    return 0


def _auth(args: argparse.Namespace) -> tuple[str, str] | None:
    text = args.auth
    if args.auth_file is not None:
        try:
            text = args.auth_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise LrsError(
                _("cannot read {file}: {reason}").format(
                    file=shown_name(args.auth_file),
                    reason=os_reason(error),
                )
            ) from error
    if text is None:
        return None
    user, colon, password = text.partition(":")
    if not colon:
        raise LrsError(_("credentials must look like USER:PASSWORD"))
    return user, password


def run_push(args: argparse.Namespace, store: Path) -> int:
    try:  # What is wrong with the command itself: nothing was tried, exit 2.
        auth = _auth(args)
        statements_url(args.lrs)
    except LrsError as error:
        _error("push", error)
        return 2
    try:
        statements = _statements(args, store)
        report = push(
            statements,
            args.lrs,
            auth,
            ledger_path(store, args.lrs),
            earlier=legacy_ledger_path(store, args.lrs),
        )
    except ActorError as error:
        return _error("push", _actor_message(error))
    except LrsError as error:
        _error("push", error)
        print(_("Nothing is lost: the next push sends what did not arrive."), file=sys.stderr)
        return 1
    except (RosterError, StorageError) as error:
        return _error("push", error)
    print(
        _(
            "New statements sent: {sent}. Already in the LRS: {already}. "
            "Delivered by an earlier push: {skipped}."
        ).format(sent=report.sent, already=report.already, skipped=report.skipped)
    )
    if report.conflicts:
        print(
            ngettext(
                "{count} statement is held by the LRS with other content (not overwritten):",
                "{count} statements are held by the LRS with other content (not overwritten):",
                len(report.conflicts),
            ).format(count=len(report.conflicts))
        )
        for statement_id in report.conflicts:
            print(f"  {statement_id}")
        return 1
    return 0
