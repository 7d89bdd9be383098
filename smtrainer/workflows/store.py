"""The head teacher's store: collected records, verified once and remembered by file."""

from __future__ import annotations

from pathlib import Path

from smtrainer.domain.record_facts import RecordDetail, RecordFacts
from smtrainer.storage.listing import RECORDS
from smtrainer.storage.paths import default_store
from smtrainer.workflows.record_scan import (
    ScanResult,
    prepare_parallel_scan,
    scan_store,
)

__all__ = [
    "RECORDS",
    "RecordDetail",
    "RecordFacts",
    "ScanResult",
    "default_store",
    "facts_of",
    "prepare_parallel_scan",
    "scan",
    "scan_store",
]


def facts_of(file: str, data: bytes) -> RecordFacts:
    """Verify one record file's bytes: its status and, when valid, the facts the views show."""
    from smtrainer.domain.record_reading import facts_and_detail

    return facts_and_detail(file, data)[0]


def scan(store: Path) -> list[RecordFacts]:
    """Every record file in the store, verified (unchanged files come from the scan cache)."""
    return scan_store(store).facts
