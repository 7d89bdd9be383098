"""`smtrainer collect` and `smtrainer roster …`: the head teacher's store from the command line.

Everything printed that came from a file, a file name or a record goes through `inert`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from smtrainer.cli.text import no_store
from smtrainer.cli.text import print_error as _error
from smtrainer.domain.ids import is_staff_id
from smtrainer.domain.inert_text import inert, shown_name
from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.record import NAMESPACE
from smtrainer.domain.roster import ApprovedKey, Roster, StaffMember, Trust
from smtrainer.domain.signature_name import same_name
from smtrainer.i18n import _, ngettext
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.storage.roster import RosterError, load_roster, save_roster
from smtrainer.workflows.collect import collect
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.roster_import import import_staff
from smtrainer.workflows.summary import pending_keys, summarize


def run_collect(source: Path, store: Path, content: Path | None = None) -> int:
    """Collect from `source`; exit 0 when everything found was collected or already there, 1
    when anything was invalid, conflicting or could not be copied, 2 for a missing folder."""
    if not source.is_dir():
        _error("collect", _("no such folder: {path}").format(path=shown_name(source)))
        return 2
    try:
        roster = load_roster(store)
    except RosterError as error:
        _error("collect", error)
        return 1
    report = collect(source, store, roster, RecordContext.load(content))
    print(
        _(
            "{new} new, {already} already collected, {invalid} invalid, {conflicts} conflicting, "
            "{skipped} hidden files skipped."
        ).format(
            new=len(report.new),
            already=len(report.already),
            invalid=len(report.invalid),
            conflicts=len(report.conflicts),
            skipped=len(report.skipped),
        )
    )
    for path, reason in report.invalid:
        print(_("invalid: {path}: {reason}").format(path=shown_name(path), reason=inert(reason)))
    for path, reason in report.conflicts:
        print(_("conflict: {path}: {reason}").format(path=shown_name(path), reason=inert(reason)))
    for path, reason in report.failed:
        print(
            _("not copied: {path}: {reason}").format(path=shown_name(path), reason=inert(reason)),
            file=sys.stderr,
        )
    return 0 if report.clean else 1


def run_roster(args: argparse.Namespace, store: Path) -> int:
    """Dispatch `smtrainer roster ACTION` with the roster loaded. Only `import` may start a
    store; every other action on a store folder that is not there says so."""
    if args.roster_action != "import" and not store.is_dir():
        return no_store("roster", store)
    try:
        roster = load_roster(store)
    except RosterError as error:
        _error("roster", error)
        return 1
    if args.roster_action == "import":
        return _import(store, roster, args.file, replace=args.replace)
    if args.roster_action == "pending":
        return _pending(store, roster)
    if args.roster_action == "approve":
        return _approve(
            store, roster, args.staff_id, args.fingerprint, replace=args.replace, add=args.add
        )
    if args.roster_action == "leave":
        return _leave(store, roster, args.staff_id, args.on or dt.date.today())
    return _allowed_signers(roster, args.out)


def _save(store: Path, roster: Roster) -> bool:
    try:
        save_roster(store, roster)
    except StorageError as error:
        _error("roster", error)
        return False
    return True


def _import(store: Path, roster: Roster, path: Path, *, replace: bool) -> int:
    try:
        data = path.read_bytes()
    except OSError as error:
        _error("roster", f"{shown_name(path)}: {os_reason(error)}")
        return 2
    result = import_staff(data, roster, name=path.name, replace=replace)
    for problem in result.problems:
        print(f"{shown_name(path)}: {inert(problem)}", file=sys.stderr)
    if result.changed and not _save(store, roster):
        return 1
    print(
        _("{added} staff added, {updated} updated, {left} marked as having left.").format(
            added=result.added, updated=result.updated, left=result.left
        )
    )
    return 1 if result.problems else 0


def _pending(store: Path, roster: Roster) -> int:
    summary = summarize(store, dt.date.today(), roster=roster)
    waiting = pending_keys(summary)
    if not waiting:
        print(_("No records are waiting for key approval."))
    for item in waiting:
        member = roster.member(item.staff_id)
        if item.trust is Trust.KEY_CHANGED:
            why = _("KEY CHANGED for a known person: check with them before approving")
        elif not item.staff_id:
            why = _("no staff id in the record: approve the key for the person it belongs to")
        elif member is None:
            why = _("staff id not in the staff list")
        else:
            why = _("no key approved yet")
        records = ngettext("{count} record", "{count} records", item.records).format(
            count=item.records
        )
        who = inert(f"{item.staff_id or '—'}  {item.staff_name}")
        print(f"{who}  {item.fingerprint}  {records}  ({why})")
    for fingerprint, ids in summary.shared_keys.items():
        print(
            _("Key {fingerprint} is used by several people: {ids}").format(
                fingerprint=fingerprint, ids=inert(", ".join(ids))
            )
        )
    return 0


def _approve(
    store: Path, roster: Roster, staff_id: str, fingerprint: str, *, replace: bool, add: bool
) -> int:
    """Approve a key; a person who already has one keeps it only with `add`, and loses it
    (kept as revoked) with `replace` or when they say so on a terminal."""
    member = roster.member(staff_id)
    if member is None:
        _error(
            "roster", _("{id} is not in the staff list; import it first").format(id=inert(staff_id))
        )
        return 1
    if any(key.fingerprint == fingerprint for key in member.active_keys):
        print(
            _("Key {fingerprint} is already approved for {id} ({name}): nothing to do.").format(
                fingerprint=inert(fingerprint), id=member.id, name=inert(member.name)
            )
        )
        return 0
    summary = summarize(store, dt.date.today(), roster=roster)
    match = next(  # A record without a staff id can be approved for whoever the key is.
        (
            p
            for p in summary.pending
            if p.staff_id.casefold() in (staff_id.casefold(), "") and p.fingerprint == fingerprint
        ),
        None,
    )
    if match is None:
        _error(
            "roster",
            _("no record from {id} is signed by {fingerprint}").format(
                id=inert(staff_id), fingerprint=inert(fingerprint)
            ),
        )
        return 1
    if not same_name(match.staff_name, member.name):
        print(
            _(
                "Note: the records signed by this key name {record_name}, not {name}: make "
                "sure the key is theirs."
            ).format(record_name=inert(match.staff_name), name=inert(member.name)),
            file=sys.stderr,
        )
    today = dt.date.today().isoformat()
    if member.active_keys and not add:
        if not (replace or _confirm_replace(member)):
            _error(
                "roster",
                _(
                    "{id} already has an approved key; it changes only with --replace (the old "
                    "key is kept as revoked, and the records it signed stop counting), or --add "
                    "to keep both"
                ).format(id=member.id),
            )
            return 1
        member.keys = [
            ApprovedKey(k.fingerprint, k.public_key, k.approved_on, k.revoked_on or today)
            for k in member.keys
        ]
    member.keys.append(ApprovedKey(fingerprint, match.public_key, today))
    if not _save(store, roster):
        return 1
    print(
        _("Key {fingerprint} approved for {id} ({name}).").format(
            fingerprint=fingerprint, id=member.id, name=inert(member.name)
        )
    )
    return 0


def _confirm_replace(member: StaffMember) -> bool:
    """Ask on a terminal whether a changed key replaces the approved one; never elsewhere."""
    if not sys.stdin.isatty():
        return False
    question = _(
        "{id} ({name}) already has an approved key. Replace it? The old one is kept as "
        "revoked, and the records it signed stop counting (--add keeps both). [y/N] "
    ).format(id=member.id, name=inert(member.name))
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().casefold() in {"y", "yes", _("y"), _("yes")}


def _leave(store: Path, roster: Roster, staff_id: str, day: dt.date) -> int:
    member = roster.member(staff_id)
    if member is None:
        _error("roster", _("{id} is not in the staff list").format(id=shown_name(staff_id)))
        return 1
    if day > dt.date.today():
        _error(
            "roster",
            _("{day} is after today: say that someone has left once they have").format(
                day=day.isoformat()
            ),
        )
        return 2
    if member.left_on and member.left_on != day.isoformat():
        print(
            _("{id} was recorded as leaving on {before}; now on {day}.").format(
                id=member.id, before=inert(member.left_on), day=day.isoformat()
            )
        )
    member.left_on = day.isoformat()
    if not _save(store, roster):
        return 1
    print(
        _("{id} ({name}) has left the school; their records are kept.").format(
            id=member.id, name=inert(member.name)
        )
    )
    return 0


def _allowed_signers(roster: Roster, out: Path | None) -> int:
    """OpenSSH reads the first field as a list of patterns (`*`, `?`, `!`, `,`): only ids from
    the safe alphabet are written; any other is refused and named."""
    lines: list[str] = []
    refused: list[str] = []
    for member in sorted(roster.staff.values(), key=lambda m: m.id):
        if not is_staff_id(member.id):
            refused.append(member.id)
            continue
        lines.extend(
            f'{member.id} namespaces="{NAMESPACE}" {key.public_key}\n' for key in member.active_keys
        )
    for staff_id in refused:
        _error(
            "roster",
            _(
                "staff id {id} left out: OpenSSH would read it as a pattern (ids use letters, "
                "digits, '-', '_' and '.')"
            ).format(id=inert(staff_id)),
        )
    text = "".join(lines)
    if out is None:
        sys.stdout.write(text)
    else:
        try:
            save_document(out, text)
        except StorageError as error:
            _error("roster", error)
            return 1
    return 1 if refused else 0
