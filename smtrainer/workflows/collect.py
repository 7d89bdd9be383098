"""Collecting records from a shared folder or USB stick into the head teacher's store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.records import read_limited, write_record_file
from smtrainer.workflows.store import RECORDS, RecordFacts, facts_of, scan
from smtrainer.workflows.verify import record_files


@dataclass
class CollectReport:
    new: list[Path] = field(default_factory=list)
    already: list[Path] = field(default_factory=list)
    invalid: list[tuple[Path, str]] = field(default_factory=list)
    conflicts: list[tuple[Path, str]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def collect(source: Path, store: Path) -> CollectReport:
    """Copy every valid record from `source` that the store lacks. Nothing at the source is
    changed or deleted; a record id seen before with different content is kept and flagged."""
    known: dict[str, RecordFacts] = {f.record_id: f for f in scan(store) if f.valid}
    report = CollectReport()
    target = store / RECORDS
    for path in record_files([source]):
        try:
            data = read_limited(path)
        except OSError as error:
            report.invalid.append((path, error.strerror or str(error)))
            continue
        fact = facts_of(path.name, data)
        if not fact.valid:
            report.invalid.append((path, fact.reason or fact.status))
            continue
        existing = known.get(fact.record_id)
        if existing is not None and existing.digest == fact.digest:
            report.already.append(path)
            continue
        name = path.name if existing is None else f"{path.stem}.conflict-{fact.digest}.toml"
        if (target / name).exists():
            name = f"{fact.record_id}.toml" if existing is None else name
        try:
            write_record_file(target, name, data.decode("utf-8"))
        except StorageError as error:
            report.failed.append((path, error.reason))
            continue
        if existing is None:
            report.new.append(path)
            known[fact.record_id] = fact
        else:
            report.conflicts.append(
                (
                    path,
                    _(
                        "record id {id} is already in the store as {file} with different content"
                    ).format(id=fact.record_id, file=existing.file),
                )
            )
    return report
