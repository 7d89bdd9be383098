"""Finishing a journey: sign the record, keep it, hand it in, forget the progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smtrainer import __version__
from smtrainer.documents.certificate import Certificate, make_certificate
from smtrainer.domain import sshsig
from smtrainer.domain.completion import build_record
from smtrainer.domain.journey import session_of
from smtrainer.domain.model import Policy
from smtrainer.domain.progress import Identity, Progress
from smtrainer.domain.record import new_record_id
from smtrainer.domain.record_signing import sign_record, verify_record_bytes
from smtrainer.domain.record_values import clean_text
from smtrainer.storage.keys import load_or_create_key
from smtrainer.storage.progress import clear_progress
from smtrainer.storage.records import (
    Delivery,
    local_records_dir,
    record_file_name,
    record_text,
    save_record,
)
from smtrainer.storage.settings import load_settings
from smtrainer.workflows.record_scan import scan_store
from smtrainer.workflows.verify import verify_file


@dataclass(frozen=True)
class Finished:
    record: Mapping[str, Any]
    delivery: Delivery
    certificate: Certificate


def finish(
    policy: Policy, progress: Progress, *, now: dt.datetime, passphrase: str | None = None
) -> Finished:
    """Sign and save the record. Raises StorageError or a key error; progress is kept if so."""
    key = load_or_create_key(passphrase=passphrase)
    record = build_record(session_of(policy, progress, now), new_record_id(), __version__)
    text = record_text(record, sign_record(record, key))
    check = verify_record_bytes(text.encode("utf-8"))
    if not check.valid:  # Never hand in a record that would not verify.
        raise ValueError(check.reason)
    settings = load_settings()
    shared = Path(settings.shared_folder) if settings.shared_folder else None
    delivery = save_record(record_file_name(record), text, shared=shared)
    clear_progress(policy.id)
    certificate = make_certificate(
        record, sshsig.fingerprint(key.public_key()), policy.title, policy.school, policy
    )
    return Finished(record, delivery, certificate)


def same_person(record: Mapping[str, Any], identity: Identity) -> bool:
    if identity.staff_id and record.get("staff_id"):
        return bool(record["staff_id"] == clean_text(identity.staff_id))
    return str(record.get("staff_name", "")).casefold() == clean_text(identity.name).casefold()


def last_record(
    policy_id: str, identity: Identity, folder: Path | None = None
) -> Mapping[str, Any] | None:
    """This person's latest valid, passed record of this policy kept on this computer.

    The records folder's scan index (by file size, times and inode) says which records are
    candidates, so only new files are read; the one returned is read and verified again.
    """
    root = folder or local_records_dir()
    if not root.is_dir():
        return None
    staff_id, name = clean_text(identity.staff_id), clean_text(identity.name).casefold()
    candidates = [
        fact
        for fact in scan_store(root.parent, folder=root).facts
        if fact.valid
        and fact.passed
        and fact.policy_id == policy_id
        and (
            fact.staff_id == staff_id
            if staff_id and fact.staff_id
            else fact.staff_name.casefold() == name
        )
    ]
    for fact in sorted(candidates, key=lambda f: f.completed_at, reverse=True):
        record = verify_file(root.parent / fact.file).result.record
        if (
            record is not None
            and record["policy_id"] == policy_id
            and record["passed"]
            and same_person(record, identity)
        ):
            return record
    return None
