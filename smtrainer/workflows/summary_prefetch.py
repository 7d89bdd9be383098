"""A store's summary made in a second process while the dashboard starts.

Starting a terminal app and summarising a big store both take a moment; on a machine with two
cores they can take it at the same time. The second process is forked before the app starts,
before even the modules of either are imported (one thread then, nothing on the screen yet). It
summarises the store only when every record is already in the scan cache (a store with records
to verify is scanned by the app itself, which shows its progress) and sends the summary back,
statistics made. Anything that goes wrong there only means the app makes the summary itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import pickle
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from smtrainer.storage.scan_cache import CACHE_FILE

if TYPE_CHECKING:
    from smtrainer.workflows.summary import Summary


LARGEST_CACHE = 8_000_000
"""Bytes of scan cache (some 16,000 records) beyond which sending the summary back would cost
more than making it in the app: the app then makes it itself."""


class SummaryPrefetch:
    """The summary being made in a second process; `result` waits for it."""

    def __init__(self, store: Path, today: dt.date, policies: Sequence[str] = ()) -> None:
        self._receiver: Connection | None = None
        if threading.active_count() != 1 or "fork" not in multiprocessing.get_all_start_methods():
            return  # Forking is only safe with one thread.
        try:
            if (store / CACHE_FILE).stat().st_size > LARGEST_CACHE:
                return
        except OSError:
            return  # No scan cache: the app verifies the records, and shows its progress.
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        try:
            context.Process(
                target=_summarise, args=(sender, store, today, list(policies)), daemon=True
            ).start()
        except OSError:
            receiver.close()
            return
        finally:
            sender.close()
        self._receiver = receiver

    def result(self) -> Summary | None:
        """The summary, or None when the app must make it (records to verify, a failure)."""
        receiver, self._receiver = self._receiver, None
        if receiver is None:
            return None
        try:
            return _unpack(receiver.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
            return None
        finally:
            receiver.close()


def _summarise(sender: Connection, store: Path, today: dt.date, policies: list[str]) -> None:
    """In the second process: the summary, with its statistics and without the scan it was
    made from (not needed once the statistics are made), or None. (Its modules are imported
    here, while the app's are imported in the first process.)"""
    from smtrainer.storage.roster import RosterError, load_roster
    from smtrainer.workflows.record_scan import ScanResult, plan_scan
    from smtrainer.workflows.summary import summarize_scan

    summary: Summary | None = None
    try:
        roster = load_roster(store)
        plan = plan_scan(store)
        if not plan.todo:
            summary = summarize_scan(ScanResult.of(plan), today, roster, policies=policies)
            summary.statistics  # noqa: B018 (made here, sent with the summary)
            summary.scanned = None
    except (RosterError, OSError):
        summary = None  # The app makes the summary itself, and says what is wrong.
    except Exception:  # Likewise: nothing may be printed over the app as it starts.
        summary = None
    try:
        sender.send_bytes(_pack(summary))
    except OSError:
        pass  # The app stopped waiting.
    finally:
        sender.close()


def _pack(summary: Summary | None) -> bytes:
    """The summary as bytes: each person's records (most of it) in MessagePack, which is far
    quicker to write and read than pickle, the rest pickled."""
    if summary is None:
        return pickle.dumps(None)
    histories = [row.history for row in summary.staff]
    summary.staff = [dataclasses.replace(row, history=()) for row in summary.staff]
    records = msgspec.msgpack.encode([fact for history in histories for fact in history])
    sizes = [len(history) for history in histories]
    return pickle.dumps((summary, sizes, records), protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> Summary | None:
    from smtrainer.domain.record_facts import RecordFacts
    from smtrainer.workflows.summary import Summary

    packed = pickle.loads(data)
    if packed is None:
        return None
    summary, sizes, records = packed
    if not isinstance(summary, Summary) or len(sizes) != len(summary.staff):
        return None
    facts = msgspec.msgpack.decode(records, type=list[RecordFacts])
    rows, start = [], 0
    for row, size in zip(summary.staff, sizes, strict=True):
        rows.append(dataclasses.replace(row, history=tuple(facts[start : start + size])))
        start += size
    summary.staff = rows
    return summary
