"""Signing and writing a demo school's records, in this process or on every core.

The records are made one after the other by the caller (one random sequence decides them all);
only signing, rendering and writing are shared out, so the files are the same either way.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import TracebackType
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.domain.record_signing import sign_record
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.private import PRIVATE_FILE
from smtrainer.storage.records import record_file_name, record_text, write_record_file

BATCH = 200
"""Records handed to a worker at a time."""
QUEUED_PER_WORKER = 2
"""Batches waiting per worker: enough to keep it busy, few enough to bound memory."""

Item = tuple[str, Mapping[str, Any]]
"""A record to sign and write, with the staff id whose key signs it."""
Failure = tuple[str, str]
"""The file that could not be written, and why."""


class DemoWorkerError(Exception):
    """The processes writing the records could not start or stopped before finishing."""


def person_key(seed: int, staff_id: str) -> Ed25519PrivateKey:
    """A demo person's signing key, the same for the same seed and staff id."""
    digest = hashlib.sha256(f"smtrainer-demo:{seed}:{staff_id}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(digest)


def available_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def write_batch(folder: Path, seed: int, items: Sequence[Item]) -> Failure | None:
    """Sign and write `items` into `folder` (create-only, no fsync: a demo can be made again);
    the first file that could not be written, if any."""
    keys: dict[str, Ed25519PrivateKey] = {}
    for staff_id, record in items:
        key = keys.get(staff_id)
        if key is None:
            key = keys[staff_id] = person_key(seed, staff_id)
        text = record_text(record, sign_record(record, key))
        try:
            write_record_file(folder, record_file_name(record), text, sync=False, mode=PRIVATE_FILE)
        except StorageError as error:
            return str(error.path), error.reason
    return None


def _raise_failure(failure: Failure | None) -> None:
    if failure is not None:
        raise StorageError(Path(failure[0]), failure[1])


def _ignore_interrupts() -> None:
    """Ctrl+C is the parent's to handle; the workers stop when it shuts the pool down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class RecordWriter:
    """Takes records in order and writes them in batches on `workers` processes (1: here).

    StorageError for the first batch, in order, with a file that could not be written;
    DemoWorkerError if the worker processes fail.
    """

    def __init__(self, folder: Path, seed: int, workers: int) -> None:
        self._folder = folder
        self._seed = seed
        self._batch: list[Item] = []
        self._queued: deque[Future[Failure | None]] = deque()
        self._limit = QUEUED_PER_WORKER * workers
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                workers, mp_context=context, initializer=_ignore_interrupts
            )

    def add(self, staff_id: str, record: Mapping[str, Any]) -> None:
        self._batch.append((staff_id, record))
        if len(self._batch) >= BATCH:
            self._send()

    def finish(self) -> None:
        """Write what is left and wait until every record is written."""
        self._send()
        while self._queued:
            self._wait_oldest()

    def _send(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        if self._pool is None:
            _raise_failure(write_batch(self._folder, self._seed, batch))
            return
        try:
            self._queued.append(self._pool.submit(write_batch, self._folder, self._seed, batch))
        except (BrokenProcessPool, OSError) as error:
            raise DemoWorkerError(self._stopped(error)) from error
        while len(self._queued) > self._limit:
            self._wait_oldest()

    def _wait_oldest(self) -> None:
        try:
            failure = self._queued.popleft().result()
        except (BrokenProcessPool, OSError) as error:
            raise DemoWorkerError(self._stopped(error)) from error
        _raise_failure(failure)

    @staticmethod
    def _stopped(error: BaseException) -> str:
        return _("the processes writing the records stopped: {reason}").format(
            reason=str(error) or type(error).__name__
        )

    def close(self) -> None:
        """Stop the workers; records not yet written are dropped."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
