"""Collecting records from a shared folder or USB stick into the head teacher's store.

The share is writable by every member of staff, so anything may be there: links are not
followed, hidden files are left alone, names that cannot be stored safely are refused, and every
record goes through the record gate before it is copied. Nothing at the source is changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.record_signing import MAX_RECORD_BYTES
from smtrainer.domain.roster import Roster, Trust
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.listing import SKIP_REASONS, Skipped, open_no_follow, record_entries
from smtrainer.storage.private import PRIVATE_FILE, private_folder
from smtrainer.storage.records import write_record_file
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.store import RECORDS, RecordFacts, facts_of, scan


@dataclass
class CollectReport:
    new: list[Path] = field(default_factory=list)
    already: list[Path] = field(default_factory=list)
    invalid: list[tuple[Path, str]] = field(default_factory=list)
    """Files refused: unreadable, tampered, unsigned, invalid, or a name that cannot be stored."""
    conflicts: list[tuple[Path, str]] = field(default_factory=list)
    """Copied, but another record in the store has the same id: the summary decides by trust."""
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Hidden files, left alone on purpose."""
    failed: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Nothing was invalid, conflicting or impossible to copy."""
        return not (self.invalid or self.conflicts or self.failed)


def collect(
    source: Path, store: Path, roster: Roster | None = None, context: RecordContext | None = None
) -> CollectReport:
    """Copy every valid record from `source` that the store lacks.

    A record id already in the store with other content is copied too (the store keeps every
    piece of evidence) and reported: "record id reused by another key" when another key signed
    it. Which copy counts is decided by the summary, by trust, never by file name or order.
    """
    roster = roster or Roster()
    context = context or RecordContext.load()
    known: dict[str, RecordFacts] = {f.record_id: f for f in scan(store) if f.valid}
    report = CollectReport()
    target = store / RECORDS
    for found in record_entries(source):
        if found.skipped is Skipped.HIDDEN:
            report.skipped.append((found.path, _(SKIP_REASONS[found.skipped])))
            continue
        if found.skipped is not None:
            report.invalid.append((found.path, _(SKIP_REASONS[found.skipped])))
            continue
        try:
            data = open_no_follow(found.path, MAX_RECORD_BYTES)
        except OSError as error:
            reason = _("cannot read: {reason}").format(reason=os_reason(error))
            report.invalid.append((found.path, reason))
            continue
        fact = facts_of(found.path.name, data)
        problem = fact.reason or fact.status if not fact.valid else context.problem(fact)
        if problem:
            report.invalid.append((found.path, problem))
            continue
        existing = known.get(fact.record_id)
        if existing is not None and existing.digest == fact.digest:
            report.already.append(found.path)
            continue
        name = found.path.name
        if existing is not None:
            name = f"{fact.record_id}.conflict-{fact.digest}.toml"
        elif (target / name).exists():
            name = f"{fact.record_id}.toml"
        try:
            private_folder(store)
            private_folder(target)
            write_record_file(target, name, data.decode("utf-8"), mode=PRIVATE_FILE)
        except StorageError as error:
            report.failed.append((found.path, error.reason))
            continue
        if existing is None:
            report.new.append(found.path)
            known[fact.record_id] = fact
        else:
            report.conflicts.append((found.path, _conflict(fact, existing, roster)))
    return report


def _conflict(fact: RecordFacts, existing: RecordFacts, roster: Roster) -> str:
    if fact.fingerprint == existing.fingerprint:
        return _(
            "record id {id} is already in the store as {file}, signed by the same key with "
            "different content"
        ).format(id=fact.record_id, file=existing.file)
    trusted = roster.trust(fact.staff_id, fact.fingerprint) is Trust.VERIFIED
    if trusted:
        return _(
            "record id {id} was reused by another key in {file}; this copy is signed by the "
            "approved key and is the one that counts"
        ).format(id=fact.record_id, file=existing.file)
    return _(
        "record id reused by another key: {id} is already in the store as {file}; this copy "
        "never counts unless its key is approved"
    ).format(id=fact.record_id, file=existing.file)
