"""Issuing Open Badges 3.0 credentials from the store, and verifying credential files offline."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.content.errors import ContentFolderError
from smtrainer.content.policies import load_policy_set
from smtrainer.documents.data_integrity import ProofError, add_proof, verify_proof
from smtrainer.documents.jsonld_contexts import OB_V3P0, VC_V2
from smtrainer.documents.open_badge import BadgeFacts, build_credential, evidence_uri
from smtrainer.domain.dates import utc_timestamp
from smtrainer.domain.did_key import verification_method_for
from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.record_signing import verify_record_bytes
from smtrainer.i18n import _
from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.issuer import IssuerProfile, raw_public_key
from smtrainer.storage.records import read_limited
from smtrainer.workflows.summary import summarize

MAX_CREDENTIAL_BYTES = 1_000_000
CLOCK_SKEW = dt.timedelta(days=1)


@dataclass(frozen=True)
class TrustedRecord:
    """A verified record signed by an approved key, with the bytes its evidence hash covers."""

    path: Path
    record: Mapping[str, Any]
    sha256: bytes


def trusted_records(
    store: Path, today: dt.date, staff_id: str | None = None, *, passed_only: bool = True
) -> list[TrustedRecord]:
    """Every record the summary trusts (verified and signed by an approved key), passed ones
    only by default, oldest first per person; with `staff_id`, only that person's latest."""
    summary = summarize(store, today)
    chosen: list[TrustedRecord] = []
    wanted = staff_id.casefold() if staff_id else None
    for row in summary.staff:
        if wanted is not None and row.id.casefold() != wanted:
            continue
        facts = [fact for fact in row.history if fact.passed or not passed_only]
        if wanted is not None:
            facts = facts[-1:]
        for fact in facts:
            path = store / fact.file
            try:
                data = read_limited(path)
            except OSError:
                continue
            result = verify_record_bytes(data)
            if result.record is None or not result.valid:
                continue
            chosen.append(TrustedRecord(path, result.record, hashlib.sha256(data).digest()))
    return chosen


def policy_titles(policy_id: str, content_dir: Path | None, cache: dict[str, Any]) -> Any:
    """Language → title of an installed policy pack (empty when it is not installed)."""
    if policy_id not in cache:
        try:
            loaded = load_policy_set(content_dir, policy_id)
            cache[policy_id] = {lang: p.title for lang, p in loaded.policies.items()}
        except ContentFolderError:
            cache[policy_id] = {}
    return cache[policy_id]


@dataclass
class IssueReport:
    written: list[Path] = field(default_factory=list)
    expired: list[TrustedRecord] = field(default_factory=list)
    """Records left out: their refresher was due before the day judged from, so a credential
    made from them would be expired already (and `credential verify` would refuse it)."""


def issue_credentials(
    records: Iterable[TrustedRecord],
    profile: IssuerProfile,
    key: Ed25519PrivateKey,
    out_dir: Path,
    *,
    now: dt.datetime,
    today: dt.date | None = None,
    content_dir: Path | None = None,
) -> IssueReport:
    """One signed credential file per record still in date, named by the record id (written
    atomically); the records whose refresher was due before `today` (by default `now`'s day)
    are left out, in `expired`."""
    report = IssueReport()
    method = verification_method_for(raw_public_key(key))
    issued_at = utc_timestamp(now)
    titles: dict[str, Any] = {}
    for item in records:
        if str(item.record["refresher_due"]) < (today or now.date()).isoformat():
            report.expired.append(item)
            continue
        facts = BadgeFacts(
            record=item.record,
            record_sha256=item.sha256,
            issuer_did=profile.did,
            issuer_names=profile.names,
            issuer_url=profile.url,
            policy_titles=policy_titles(str(item.record["policy_id"]), content_dir, titles),
            issued_at=issued_at,
        )
        credential = add_proof(build_credential(facts), key, method, issued_at)
        target = out_dir / f"{item.record['record_id']}.json"
        text = json.dumps(credential, ensure_ascii=False, indent=2) + "\n"
        atomic_write(target, text.encode("utf-8"))
        report.written.append(target)
    return report


@dataclass(frozen=True)
class CredentialCheck:
    path: Path
    problems: tuple[str, ...]
    """Reasons in words (empty when the credential verifies)."""
    issuer: str = ""
    subject: str = ""
    achievement: str = ""
    evidence: str = ""
    """"checked", "not at hand" or empty when the credential could not be read."""

    @property
    def valid(self) -> bool:
        return not self.problems


_PROOF_REASONS = {
    "no-proof": lambda: _("no proof"),
    "wrong-suite": lambda: _("not an eddsa-rdfc-2022 Data Integrity proof"),
    "wrong-purpose": lambda: _("the proof is not for assertion"),
    "malformed-proof": lambda: _("the proof is malformed"),
    "bad-signature": lambda: _("the signature does not match: the credential was changed"),
    "unknown-context": lambda: _("it uses a JSON-LD context smtrainer does not know"),
    "not-json-ld": lambda: _("it is not valid JSON-LD"),
    "relative-iri": lambda: _("it uses terms that no context defines"),
}


def record_hashes(folders: Sequence[Path]) -> dict[str, Path]:
    """Evidence URI → record file, for every record file found in `folders`."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.toml")) if folder.is_dir() else []:
            if path.is_symlink() or not path.is_file():
                continue
            try:
                data = read_limited(path)
            except OSError:
                continue
            found[evidence_uri(hashlib.sha256(data).digest())] = path
    return found


def verify_credential(
    path: Path, now: dt.datetime, records: Mapping[str, Path] | None = None
) -> CredentialCheck:
    """Proof, issuer, dates and (when the record is at hand) the evidence hash of one file."""
    try:
        data = read_limited(path, MAX_CREDENTIAL_BYTES)
        if len(data) > MAX_CREDENTIAL_BYTES:
            return CredentialCheck(path, (_("larger than any credential smtrainer writes"),))
        credential = json.loads(data.decode("utf-8"))
    except OSError as error:
        reason = _("cannot read: {reason}").format(reason=os_reason(error))
        return CredentialCheck(path, (reason,))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return CredentialCheck(path, (_("not a JSON credential"),))
    if not isinstance(credential, dict):
        return CredentialCheck(path, (_("not a JSON credential"),))
    problems: list[str] = []
    context = credential.get("@context")
    types = credential.get("type")
    if (
        not isinstance(context, list)
        or context[:1] != [VC_V2]
        or OB_V3P0 not in context
        or not isinstance(types, list)
        or not ({"OpenBadgeCredential", "AchievementCredential"} & set(map(str, types)))
    ):
        problems.append(_("not an Open Badges 3.0 credential"))
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    if not problems:
        try:
            signer = verify_proof(credential)
        except ProofError as error:
            problems.append(_PROOF_REASONS.get(error.code, _PROOF_REASONS["malformed-proof"])())
        else:
            if signer != issuer_id:
                problems.append(_("the proof was not made by the issuer's key"))
    problems.extend(_date_problems(credential, now))
    evidence = _evidence_state(credential, records, problems)
    names = [
        str(item.get("identityHash", ""))
        for item in subject.get("identifier", [])
        if isinstance(item, dict) and item.get("identityType") == "name"
    ]
    return CredentialCheck(
        path,
        tuple(problems),
        issuer=_issuer_name(issuer, issuer_id),
        subject=", ".join(names),
        achievement=str(achievement.get("name", "")),
        evidence=evidence,
    )


def _issuer_name(issuer: object, issuer_id: object) -> str:
    """The issuer's name as the credential gives it, else its id; empty when it has neither
    (never the text of a missing or odd value)."""
    name = issuer.get("name", issuer_id) if isinstance(issuer, dict) else issuer_id
    if isinstance(name, dict):  # A name in several languages: the first.
        name = next(iter(name.values()), "")
    return name if isinstance(name, str) else ""


def _date_problems(credential: Mapping[str, Any], now: dt.datetime) -> list[str]:
    problems = []
    start, end = _moment(credential.get("validFrom")), _moment(credential.get("validUntil"))
    if start is None:
        problems.append(_("validFrom is missing or not a date and time"))
    elif start > now + CLOCK_SKEW:
        problems.append(_("not valid yet (valid from {moment})").format(moment=start.isoformat()))
    if credential.get("validUntil") is not None and end is None:
        problems.append(_("validUntil is not a date and time"))
    elif end is not None and end < now:
        problems.append(
            _("expired on {day} (the refresher was due then)").format(day=end.date().isoformat())
        )
    return problems


def _moment(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _evidence_state(
    credential: Mapping[str, Any], records: Mapping[str, Path] | None, problems: list[str]
) -> str:
    uris = [
        str(item.get("id", ""))
        for item in credential.get("evidence", []) or []
        if isinstance(item, dict) and str(item.get("id", "")).startswith("ni:///sha-256;")
    ]
    if not uris:
        problems.append(_("no evidence record is referenced"))
        return ""
    if records is None:
        return "not at hand"
    if any(uri in records for uri in uris):
        return "checked"
    problems.append(_("the referenced record is not among the records given, or was changed"))
    return "mismatch"
