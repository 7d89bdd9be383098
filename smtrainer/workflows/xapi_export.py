"""xAPI statements for the store's trusted records, and pushing them to a learning record store."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smtrainer.documents.xapi import XAPI_VERSION, StatementFacts, statements_for
from smtrainer.domain.os_errors import os_reason
from smtrainer.i18n import _
from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.roster import load_roster
from smtrainer.workflows.credentials import policy_titles, trusted_records

BATCH = 100
TIMEOUT_SECONDS = 30
LEDGER_FOLDER = Path(".cache") / "xapi"


def store_statements(
    store: Path,
    today: dt.date,
    home_page: str,
    *,
    detail: bool = False,
    content_dir: Path | None = None,
) -> list[dict[str, Any]]:
    """Statements for every verified, approved record in the store (ActorError when a person
    has neither an e-mail address in the roster nor a school home page to name them by)."""
    emails = {member.id.casefold(): member.email for member in load_roster(store).staff.values()}
    titles: dict[str, Any] = {}
    statements: list[dict[str, Any]] = []
    for item in trusted_records(store, today, passed_only=False):
        record = item.record
        policy_id = str(record["policy_id"])
        title = policy_titles(policy_id, content_dir, titles).get(str(record["language"]))
        facts = StatementFacts(
            record=record,
            record_sha256=item.sha256.hex(),
            email=emails.get(str(record.get("staff_id", "")).casefold(), ""),
            home_page=home_page,
            policy_title=title or policy_id,
        )
        statements.extend(statements_for(facts, detail))
    return statements


def jsonl(statements: Iterable[dict[str, Any]]) -> str:
    return "".join(
        json.dumps(statement, ensure_ascii=False, sort_keys=True) + "\n" for statement in statements
    )


class LrsError(Exception):
    """The LRS could not be reached or refused the statements; the message says which."""


@dataclass
class PushReport:
    sent: int = 0
    """New statements the LRS stored."""
    already: int = 0
    """Statements the LRS already had (sent by an earlier push from elsewhere)."""
    skipped: int = 0
    """Statements an earlier push from this store already delivered."""
    conflicts: list[str] = field(default_factory=list)
    """Ids the LRS holds with other content: never overwritten, reported."""


Poster = Callable[[str, bytes, dict[str, str]], tuple[int, bytes]]
"""POST a body; the HTTP status and the response body."""


def _urllib_post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    try:
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return int(response.status), response.read(1_000_000)
    except urllib.error.HTTPError as error:
        return int(error.code), b""
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        reason = os_reason(reason)  # Not "[Errno 111] …".
        raise LrsError(
            _("cannot reach the learning record store at {url}: {reason}").format(
                url=url, reason=reason
            )
        ) from error


def ledger_path(store: Path, endpoint: str) -> Path:
    """Where what was delivered to `endpoint` is noted: one ledger per statements resource,
    however the endpoint is written (with or without a final slash or "/statements")."""
    return _ledger(store, statements_url(endpoint))


def _ledger(store: Path, name: str) -> Path:
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return store / LEDGER_FOLDER / f"pushed-{digest}.json"


def legacy_ledger_path(store: Path, endpoint: str) -> Path:
    """The ledger of earlier versions, named after the endpoint exactly as it was typed."""
    return _ledger(store, endpoint)


def _read_ledger(path: Path) -> dict[str, str]:
    """Statement id → digest of the content delivered under it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}  # A damaged ledger only means sending again; the LRS ignores repeats.
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _write_ledger(path: Path, delivered: dict[str, str]) -> None:
    atomic_write(path, json.dumps(delivered, sort_keys=True).encode("utf-8"), mode=0o600)


def digest(statement: dict[str, Any]) -> str:
    text = json.dumps(statement, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def statements_url(endpoint: str) -> str:
    """The statements resource of an xAPI endpoint (LrsError unless it is an http(s) URL)."""
    if not endpoint.startswith(("http://", "https://")):
        raise LrsError(
            _("the learning record store must be an http:// or https:// address, not {url}").format(
                url=endpoint
            )
        )
    endpoint = endpoint.rstrip("/")
    return endpoint if endpoint.endswith("/statements") else endpoint + "/statements"


def push(
    statements: Sequence[dict[str, Any]],
    endpoint: str,
    auth: tuple[str, str] | None,
    ledger: Path,
    *,
    post: Poster = _urllib_post,
    batch: int = BATCH,
    earlier: Path | None = None,
) -> PushReport:
    """Send what this store has not delivered yet, batch by batch; the ledger is saved after
    every accepted batch, so an interrupted push loses nothing and the next one catches up.
    `earlier`: a ledger of an earlier version, read when `ledger` is not there yet."""
    url = statements_url(endpoint)
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION}
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    delivered = _read_ledger(earlier if earlier is not None and not ledger.exists() else ledger)
    report = PushReport()
    # A statement whose content changed since it was delivered is sent again: the LRS keeps
    # the first version and says so (409), and the push reports it.
    todo = [s for s in statements if delivered.get(s["id"]) != digest(s)]
    report.skipped = len(statements) - len(todo)
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        answer = post(url, json.dumps(chunk).encode("utf-8"), headers)
        if (answer[0] == 409 or answer[0] >= 500) and len(chunk) > 1:
            # The LRS refused the batch whole: some statement in it conflicts, or (as Ralph's
            # file backend does) it cannot mix known and new ids. One at a time finds which.
            for statement in chunk:
                _count(report, post(url, json.dumps([statement]).encode(), headers), [statement])
        else:
            _count(report, answer, chunk)
        delivered.update((s["id"], digest(s)) for s in chunk if s["id"] not in report.conflicts)
        _write_ledger(ledger, delivered)
    return report


def _count(report: PushReport, answer: tuple[int, bytes], chunk: list[dict[str, Any]]) -> None:
    status, body = answer
    if status == 200:
        stored = _stored_ids(body, chunk)
        report.sent += stored
        report.already += len(chunk) - stored
    elif status == 204:
        report.already += len(chunk)
    elif status == 409:
        report.conflicts.extend(s["id"] for s in chunk)
    elif status in (401, 403):
        raise LrsError(
            _("the learning record store refused the credentials (HTTP {status})").format(
                status=status
            )
        )
    else:
        raise LrsError(_("the learning record store answered HTTP {status}").format(status=status))


def _stored_ids(body: bytes, chunk: list[dict[str, Any]]) -> int:
    """How many statements of `chunk` a 200 answer says were stored (its list of ids, as xAPI
    requires); LrsError when the answer is anything else (a web page: not an LRS at all)."""
    try:
        ids = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        ids = None
    if not isinstance(ids, list):
        raise LrsError(
            _(
                "the address answered, but not as a learning record store (no list of "
                "statement ids): check the --lrs address"
            )
        )
    sent = {s["id"] for s in chunk}
    return sum(1 for item in ids if item in sent)
