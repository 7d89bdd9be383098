"""`smtrainer collect` and `smtrainer roster …`: the head teacher's store from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from smtrainer.domain.record import NAMESPACE
from smtrainer.domain.roster import ApprovedKey, Roster, Trust
from smtrainer.i18n import _, ngettext
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.storage.roster import RosterError, load_roster, save_roster
from smtrainer.workflows.collect import collect
from smtrainer.workflows.roster_import import import_staff
from smtrainer.workflows.summary import pending_keys, summarize


def _error(command: str, message: object) -> None:
    print(
        _("smtrainer {command}: error: {message}").format(command=command, message=message),
        file=sys.stderr,
    )


def run_collect(source: Path, store: Path) -> int:
    if not source.is_dir():
        _error("collect", _("no such folder: {path}").format(path=source))
        return 2
    report = collect(source, store)
    print(
        _(
            "{new} new, {already} already collected, {invalid} invalid, {conflicts} conflicting."
        ).format(
            new=len(report.new),
            already=len(report.already),
            invalid=len(report.invalid),
            conflicts=len(report.conflicts),
        )
    )
    for path, reason in report.invalid:
        print(_("invalid: {path}: {reason}").format(path=path, reason=reason))
    for path, reason in report.conflicts:
        print(_("conflict: {path}: {reason}").format(path=path, reason=reason))
    for path, reason in report.failed:
        print(_("not copied: {path}: {reason}").format(path=path, reason=reason), file=sys.stderr)
    return 1 if report.failed else 0


def run_roster(args: argparse.Namespace, store: Path) -> int:
    """Dispatch `smtrainer roster ACTION` with the roster loaded."""
    try:
        roster = load_roster(store)
    except RosterError as error:
        _error("roster", error)
        return 1
    if args.roster_action == "import":
        return _import(store, roster, args.file)
    if args.roster_action == "pending":
        return _pending(store, roster)
    if args.roster_action == "approve":
        return _approve(store, roster, args.staff_id, args.fingerprint)
    return _allowed_signers(roster, args.out)


def _save(store: Path, roster: Roster) -> bool:
    try:
        save_roster(store, roster)
    except StorageError as error:
        _error("roster", error)
        return False
    return True


def _import(store: Path, roster: Roster, path: Path) -> int:
    try:
        data = path.read_bytes()
    except OSError as error:
        _error("roster", f"{path}: {error.strerror or error}")
        return 2
    result = import_staff(data, roster)
    for problem in result.problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if (result.added or result.updated) and not _save(store, roster):
        return 1
    print(
        _("{added} staff added, {updated} updated.").format(
            added=result.added, updated=result.updated
        )
    )
    return 1 if result.problems else 0


def _pending(store: Path, roster: Roster) -> int:
    waiting = pending_keys(summarize(store, dt.date.today(), roster=roster))
    if not waiting:
        print(_("No records are waiting for key approval."))
    for item in waiting:
        if item.trust is Trust.KEY_CHANGED:
            why = _("KEY CHANGED for a known person: check with them before approving")
        elif not item.staff_id:
            why = _("no staff id in the record: approve the key for the person it belongs to")
        elif item.staff_id not in roster.staff:
            why = _("staff id not in the staff list")
        else:
            why = _("no key approved yet")
        records = ngettext("{count} record", "{count} records", item.records).format(
            count=item.records
        )
        print(f"{item.staff_id or '—'}  {item.staff_name}  {item.fingerprint}  {records}  ({why})")
    return 0


def _approve(store: Path, roster: Roster, staff_id: str, fingerprint: str) -> int:
    member = roster.staff.get(staff_id)
    if member is None:
        _error("roster", _("{id} is not in the staff list; import it first").format(id=staff_id))
        return 1
    summary = summarize(store, dt.date.today(), roster=roster)
    match = next(  # A record without a staff id can be approved for whoever the key is.
        (
            p
            for p in summary.pending
            if p.staff_id in (staff_id, "") and p.fingerprint == fingerprint
        ),
        None,
    )
    if match is None:
        _error(
            "roster",
            _("no record from {id} is signed by {fingerprint}").format(
                id=staff_id, fingerprint=fingerprint
            ),
        )
        return 1
    member.keys.append(ApprovedKey(fingerprint, match.public_key, dt.date.today().isoformat()))
    if not _save(store, roster):
        return 1
    print(
        _("Key {fingerprint} approved for {id} ({name}).").format(
            fingerprint=fingerprint, id=staff_id, name=member.name
        )
    )
    return 0


def _allowed_signers(roster: Roster, out: Path | None) -> int:
    lines = "".join(
        f'{member.id} namespaces="{NAMESPACE}" {key.public_key}\n'
        for member in sorted(roster.staff.values(), key=lambda m: m.id)
        for key in member.keys
    )
    if out is None:
        sys.stdout.write(lines)
        return 0
    try:
        save_document(out, lines)
    except StorageError as error:
        _error("roster", error)
        return 1
    return 0
