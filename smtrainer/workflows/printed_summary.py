"""The summary a command prints, kept so that printing it again with nothing changed reads one
small file, not every record's facts.

A printed summary depends on exactly these: the record files (the scan cache's generation token,
which stays the same only while every file keeps its name, size, times and inode, and the files
named as records left alone: links, unsafe names…), the roster
file's bytes, the policies' terms, the day of the summary, the due-soon days, the policies asked
for, the session's language, and which valid records are dated after the clock's moment (a
record dated in the future counts once that moment has come). It is kept under a key made of
all but the last, with the two completion times either side of that moment; it is used again
only when the key is the same and the clock is still between them. The file is checked as the
scan cache is (a damaged one is ignored and written again).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

import msgspec

from smtrainer.domain.record_judgement import latest_time
from smtrainer.domain.record_status import Status
from smtrainer.domain.status import DUE_SOON_DAYS
from smtrainer.i18n import current_language
from smtrainer.storage.roster import RosterError, roster_digest
from smtrainer.storage.scan_cache import read_checked, write_checked
from smtrainer.workflows.evidence import Pending, Problem
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.record_scan import RULES, Listing, list_records
from smtrainer.workflows.summary import StaffRow, Summary, summarize

MEMO_FILE = Path(".cache") / "summary-v1.bin"


class _Memo(msgspec.Struct, frozen=True):
    rules: str
    """The key (see the module's description)."""
    after: str
    """The latest valid record's completion time at or before the clock's moment ("": none)."""
    before: str
    """The earliest valid record's completion time after that moment ("": none)."""
    records: int
    verified: int
    unverified: int
    key_changed: int
    invalid: int
    later: int
    shared_keys: dict[str, list[str]]
    staff: list[StaffRow]
    problems: list[Problem]
    pending: list[Pending]
    policies: list[str]

    def summary(self, today: dt.date) -> Summary:
        return Summary(
            today,
            records=self.records,
            verified=self.verified,
            unverified=self.unverified,
            key_changed=self.key_changed,
            invalid=self.invalid,
            later=self.later,
            shared_keys=self.shared_keys,
            staff=self.staff,
            problems=self.problems,
            pending=self.pending,
            policies=self.policies,
            histories=False,
        )


def printed_summary(
    store: Path,
    today: dt.date,
    due_soon_days: int = DUE_SOON_DAYS,
    policies: Sequence[str] = (),
    context: RecordContext | None = None,
) -> Summary:
    """`summarize`, without what only the dashboard shows (each person's history, the
    statistics): read from the last one kept when nothing it depends on changed since, made
    and kept otherwise. RosterError as `summarize`."""
    context = context or RecordContext.load()
    listing = list_records(store)
    inputs = inputs_digest(store, context, today, policies, due_soon_days)
    kept = _kept(store, today, context, listing, inputs)
    if kept is not None:
        return kept
    summary = summarize(
        store,
        today,
        due_soon_days,
        context=context,
        policies=policies,
        listing=listing,
        history=False,
    )
    keep_summary(store, summary, inputs, policies, context, due_soon_days)
    summary.scanned = None  # Its facts are not kept: neither are its statistics.
    summary.counted = []
    return summary


def kept_summary(
    store: Path, today: dt.date, policies: Sequence[str], context: RecordContext
) -> Summary | None:
    """The summary kept from before, without each person's records, when nothing it depends
    on changed since; None otherwise (nothing is made)."""
    inputs = inputs_digest(store, context, today, policies)
    return _kept(store, today, context, list_records(store), inputs)


def keep_summary(
    store: Path,
    summary: Summary,
    inputs: str | None,
    policies: Sequence[str],
    context: RecordContext,
    due_soon_days: int = DUE_SOON_DAYS,
) -> None:
    """Keep a summary made from every record file (as saved in the scan cache), for
    `kept_summary` and the summary command. `inputs`: `inputs_digest` taken before the roster
    was read; nothing is kept when it changed since (the roster read is not the one
    digested)."""
    now = inputs_digest(store, context, summary.today, policies, due_soon_days)
    if inputs is not None and inputs == now:
        _keep(store, summary, inputs, _moment(context))


def _kept(
    store: Path,
    today: dt.date,
    context: RecordContext,
    listing: Listing | None,
    inputs: str | None,
) -> Summary | None:
    if listing is None or listing.facts_key is None or inputs is None:
        return None
    key = f"{RULES}/{listing.facts_key}/{inputs}"
    memo = read_checked(store / MEMO_FILE, _Memo, key)
    moment = _moment(context)
    if memo is not None and memo.after <= moment and (not memo.before or moment < memo.before):
        return memo.summary(today)
    return None


def _moment(context: RecordContext) -> str:
    return latest_time(context.now) if context.now is not None else ""


def _keep(store: Path, summary: Summary, inputs: str, moment: str) -> None:
    """Keep a summary just made from every record file's facts, as saved in the scan cache."""
    scanned = summary.scanned
    if scanned is None or scanned.facts_key is None:
        return
    valid = Status.VALID.value
    dated = [fact.completed_at for fact in scanned.facts if fact.status == valid]
    after = max((time for time in dated if time <= moment), default="")
    before = min((time for time in dated if time > moment), default="")
    key = f"{RULES}/{scanned.facts_key}/{inputs}"
    write_checked(store / MEMO_FILE, _memo(key, after, before, summary))


def inputs_digest(
    store: Path,
    context: RecordContext,
    today: dt.date,
    policies: Sequence[str],
    due_soon_days: int = DUE_SOON_DAYS,
) -> str | None:
    """The digest of what a summary depends on besides the records; None when the roster
    cannot be read (the summary then says why)."""
    try:
        roster = roster_digest(store)
    except RosterError:
        return None
    return hashlib.blake2b(
        msgspec.msgpack.encode(
            [
                roster,
                context.terms(),
                context.policies is None,
                context.now is None,
                today.isoformat(),
                due_soon_days,
                list(policies),
                current_language(),
            ]
        ),
        digest_size=16,
    ).hexdigest()


def _memo(key: str, after: str, before: str, summary: Summary) -> _Memo:
    return _Memo(
        key,
        after,
        before,
        summary.records,
        summary.verified,
        summary.unverified,
        summary.key_changed,
        summary.invalid,
        summary.later,
        summary.shared_keys,
        [dataclasses.replace(row, history=()) if row.history else row for row in summary.staff],
        summary.problems,
        summary.pending,
        summary.policies,
    )
