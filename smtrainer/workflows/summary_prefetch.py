"""A store's summary made in a second process while the dashboard starts.

Starting a terminal app and summarising a big store both take a moment; on a machine with two
cores they can take it at the same time. The second process is forked before the app starts,
before even the modules of either are imported (one thread then, nothing on the screen yet). It
summarises the store only when every record is already in the scan cache (a store with records
to verify is scanned by the app itself, which shows its progress). For a very big store it only
reads the summary kept from before, when nothing changed since, for the app to show while it
makes the summary itself. Anything that goes wrong there only means the app makes the summary
itself.

The summary comes back in two parts through memory the two processes share (a pipe would hand
it over 64 KB at a time, each time waiting for the app's busy thread): first the summary without
each person's records, small and quick to read, which the dashboard shows at once; then those
records, read while the first paint is drawn. Only the two parts' sizes go through a pipe.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import mmap
import multiprocessing
import pickle
import struct
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from smtrainer.storage.scan_cache import CACHE_FILE

if TYPE_CHECKING:
    from smtrainer.workflows.summary import StaffRow, Summary


LARGEST_CACHE = 8_000_000
"""Bytes of scan cache (some 16,000 records) beyond which handing the summary over would cost
more than making it in the app: the app then makes it itself, and only a summary kept from
before (without each person's records) is handed over, to be shown meanwhile."""
SHARED_BYTES = 8 * LARGEST_CACHE
"""Room for the summary handed over (only the pages written take memory)."""
_SIZES = struct.Struct("<QQ")
PROCESS_END_WAIT = 0.5
"""Seconds to wait for the second process to end once it has handed its summary over (it ends
at once; one that does not is left to end when the app does)."""


class SummaryPrefetch:
    """The summary being made in a second process: `result` waits for it, `histories` then
    reads each person's records."""

    def __init__(self, store: Path, today: dt.date, policies: Sequence[str] = ()) -> None:
        self._receiver: Connection | None = None
        self._shared: mmap.mmap | None = None
        self._parts: tuple[int, int] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if threading.active_count() != 1 or "fork" not in multiprocessing.get_all_start_methods():
            return  # Forking is only safe with one thread.
        try:
            kept_only = (store / CACHE_FILE).stat().st_size > LARGEST_CACHE
        except OSError:
            return  # No scan cache: the app verifies the records, and shows its progress.
        context = multiprocessing.get_context("fork")
        try:
            shared = mmap.mmap(-1, SHARED_BYTES)  # Anonymous and shared with the forked process.
        except OSError:
            return  # No memory to share: the app makes the summary itself.
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_summarise,
            args=(sender, shared, store, today, list(policies), kept_only),
            daemon=True,
        )
        try:
            process.start()
        except OSError:
            receiver.close()
            shared.close()
            return
        finally:
            sender.close()
        self._receiver, self._shared, self._process = receiver, shared, process

    def result(self) -> Summary | None:
        """The summary, each person's records not yet in it (see `histories`), or None when the
        app must make it itself (records to verify, a failure)."""
        receiver, self._receiver = self._receiver, None
        if receiver is None or self._shared is None:
            return None
        try:
            message = receiver.recv_bytes(_SIZES.size)
            first, second = _SIZES.unpack(message)
            with memoryview(self._shared) as view, view[:first] as part:
                summary = _unpack_summary(part)
        except (EOFError, OSError, struct.error, pickle.UnpicklingError, AttributeError):
            summary = None  # The second process stopped, or sent what cannot be read.
        except (TypeError, ValueError, IndexError):
            summary = None  # Likewise.
        finally:
            receiver.close()
        if summary is None:
            self._release()
            return None
        self._parts = (first, second)
        return summary

    def histories(self, summary: Summary) -> list[StaffRow] | None:
        """The summary's staff rows with each person's records (`summary` is what `result`
        gave), or None when they cannot be read (the app then makes the summary itself)."""
        from smtrainer.domain.record_facts import RecordFacts

        parts, self._parts = self._parts, None
        if parts is None or self._shared is None or not parts[1]:
            self._release()
            return None  # None sent: a summary kept from before.
        first, second = parts
        try:
            with memoryview(self._shared) as view, view[first : first + second] as part:
                sizes, facts = msgspec.msgpack.decode(
                    part, type=tuple[list[int], list[RecordFacts]]
                )
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        finally:
            self._release()
        if len(sizes) != len(summary.staff) or sum(sizes) != len(facts):
            return None
        rows, start = [], 0
        for row, size in zip(summary.staff, sizes, strict=True):
            rows.append(dataclasses.replace(row, history=tuple(facts[start : start + size])))
            start += size
        return rows

    def _release(self) -> None:
        """Free the shared memory, and wait for the second process to end (it has sent all
        it had to, or failed), so that it does not linger as a zombie while the app runs."""
        shared, self._shared = self._shared, None
        if shared is not None:
            shared.close()
        process, self._process = self._process, None
        if process is not None:
            process.join(timeout=PROCESS_END_WAIT)


def _summarise(
    sender: Connection,
    shared: mmap.mmap,
    store: Path,
    today: dt.date,
    policies: list[str],
    kept_only: bool,
) -> None:
    """In the second process: the summary, with its statistics and without the scan it was
    made from (not needed once the statistics are made), written to the shared memory; its
    parts' sizes sent, or nothing when there is no summary to give. With `kept_only` (a store
    too big for the summary to be handed over quicker than the app makes it), only the summary
    kept from before is given, without records or statistics (the app makes them). (Its
    modules are imported here, while the app's are imported in the first process.)"""
    from smtrainer.storage.roster import RosterError

    try:
        try:
            summary = _kept(store, today, policies) if kept_only else _made(store, today, policies)
            if summary is None:
                return
            first, second = _pack(summary)
        except (RosterError, OSError):
            return  # The app makes the summary itself, and says what is wrong.
        except Exception:  # Likewise: nothing may be printed over the app as it starts.
            return
        if len(first) + len(second) > len(shared):
            return
        shared[: len(first)] = first
        shared[len(first) : len(first) + len(second)] = second
        sender.send_bytes(_SIZES.pack(len(first), len(second)))
    except OSError:
        pass  # The app stopped waiting.
    finally:
        sender.close()


def _made(store: Path, today: dt.date, policies: list[str]) -> Summary | None:
    """The summary made from the scan cache, with its statistics (None: records to verify)."""
    from smtrainer.storage.roster import load_roster
    from smtrainer.workflows.record_scan import ScanResult, plan_scan
    from smtrainer.workflows.summary import summarize_scan

    roster = load_roster(store)
    plan = plan_scan(store)
    if plan.todo:
        return None
    summary = summarize_scan(ScanResult.of(plan), today, roster, policies=policies)
    summary.statistics  # noqa: B018 (made here, sent with the summary)
    summary.scanned = None
    return summary


def _kept(store: Path, today: dt.date, policies: list[str]) -> Summary | None:
    from smtrainer.workflows.printed_summary import kept_summary
    from smtrainer.workflows.record_context import RecordContext

    return kept_summary(store, today, policies, RecordContext.load())


def _pack(summary: Summary) -> tuple[bytes, bytes]:
    """The summary without each person's records, pickled (with its statistics, made); then
    those records in MessagePack (far quicker to write and read than pickle), with how many
    each person has (nothing for a summary without them). The summary given loses its records
    (it is only packed once)."""
    if not summary.histories:
        return pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL), b""
    histories = [row.history for row in summary.staff]
    summary.staff = [dataclasses.replace(row, history=()) for row in summary.staff]
    summary.histories = False
    sizes = [len(history) for history in histories]
    facts = [fact for history in histories for fact in history]
    return (
        pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL),
        msgspec.msgpack.encode((sizes, facts)),
    )


def _unpack_summary(data: memoryview) -> Summary | None:
    from smtrainer.workflows.summary import Summary

    summary = pickle.loads(data)
    return summary if isinstance(summary, Summary) else None
