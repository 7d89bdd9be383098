"""Signing a record, and deciding what a record file is: valid, tampered, unsigned, unreadable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import msgspec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.domain import sshsig
from smtrainer.domain.bounded_toml import TomlLimitError, check_depth, load_limited
from smtrainer.domain.record import (
    NAMESPACE,
    SIGNATURE_FORMAT,
    SIGNATURE_KEYS,
    SIGNATURE_KEYS_V2,
    SUPPORTED_SCHEMAS,
    signed_message,
    typed_message,
)
from smtrainer.domain.record_gate import SCHEMAS, decode
from smtrainer.domain.record_status import Status
from smtrainer.domain.record_v2 import SCHEMA_V2
from smtrainer.i18n import _

MAX_RECORD_BYTES = 256 * 1024
"""Larger files are refused unread: a real record is a few kilobytes."""


@dataclass(frozen=True)
class Verification:
    """What checking one record file found. `record` (and `typed`, the record decoded into its
    version's struct) are set only when the status is valid."""

    status: Status
    reason: str = ""
    record: Mapping[str, Any] | None = None
    fingerprint: str | None = None
    public_key: str | None = None
    typed: Any = None
    message: bytes = b""
    """The bytes the signature covers (for a valid record)."""

    @property
    def valid(self) -> bool:
        return self.status is Status.VALID


def sign_record(record: Mapping[str, Any], private_key: Ed25519PrivateKey) -> dict[str, str]:
    """The `[signature]` table for `record`."""
    public_key = private_key.public_key()
    value = sshsig.sign(private_key, NAMESPACE, signed_message(record))
    if record.get("schema") == SCHEMA_V2:  # The key is inside the signature: not repeated.
        return {"format": SIGNATURE_FORMAT, "namespace": NAMESPACE, "value": value}
    return {
        "format": SIGNATURE_FORMAT,
        "namespace": NAMESPACE,
        "public_key": sshsig.public_key_line(public_key),
        "fingerprint": sshsig.fingerprint(public_key),
        "value": value,
    }


def _parse(data: bytes) -> tuple[dict[str, Any], Any] | Verification:
    """The parsed TOML of a record file with its record decoded into its version's typed struct
    (None when it does not decode), or why the file cannot be read.

    A document shaped like a record (only `[record]` and a `[signature]` of strings) whose
    record decodes into its struct is bounded by that struct; any other is measured before
    anything walks it.
    """
    try:
        document = load_limited(data, MAX_RECORD_BYTES)
    except TomlLimitError as error:
        return Verification(Status.UNREADABLE, str(error))
    typed = _typed(document)
    if typed is None:
        try:
            check_depth(document)
        except TomlLimitError as error:
            return Verification(Status.UNREADABLE, str(error))
    if not isinstance(document.get("record"), dict):
        return Verification(Status.UNREADABLE, _("no [record] table"))
    return document, typed


def _typed(document: dict[str, Any]) -> Any:
    record, signature = document.get("record"), document.get("signature")
    if type(record) is not dict or type(signature) is not dict or len(document) != 2:
        return None
    if not all(type(value) is str for value in signature.values()):
        return None
    rules = SCHEMAS.get(record.get("schema"))  # type: ignore[arg-type]
    if rules is None:
        return None
    try:
        return msgspec.convert(record, rules.struct, strict=True)
    except msgspec.ValidationError:
        return None


def message_of(data: bytes) -> bytes:
    """The bytes a record file's signature covers; ValueError saying why if there are none."""
    parsed = _parse(data)
    if isinstance(parsed, Verification):
        raise ValueError(parsed.reason)
    try:
        return signed_message(parsed[0]["record"])
    except ValueError as error:
        raise ValueError(
            _("[record] cannot be canonicalised: {detail}").format(detail=error)
        ) from error


def verify_record_bytes(data: bytes) -> Verification:
    """Check a record file's content. Nothing in it is trusted before the signature is checked."""
    parsed = _parse(data)
    if isinstance(parsed, Verification):
        return parsed
    document, typed = parsed
    record = document["record"]
    schema = record.get("schema")
    if schema not in SUPPORTED_SCHEMAS:
        return Verification(
            Status.UNSUPPORTED,
            _("record format {schema} is not supported (expected {expected})").format(
                schema=schema if isinstance(schema, str) else "?",
                expected=" / ".join(SUPPORTED_SCHEMAS),
            ),
        )
    signature = document.get("signature")
    if signature is None or signature == {}:
        return Verification(Status.UNSIGNED, _("no [signature] table"))
    return _verify_signature(record, signature, typed)


def _verify_signature(record: dict[str, Any], signature: object, typed: Any) -> Verification:
    keys = SIGNATURE_KEYS_V2 if record.get("schema") == SCHEMA_V2 else SIGNATURE_KEYS
    if not isinstance(signature, dict) or set(signature) != set(keys):
        return Verification(
            Status.TAMPERED,
            _("[signature] must hold exactly: {keys}").format(keys=", ".join(keys)),
        )
    if not all(isinstance(signature[key], str) for key in keys):
        return Verification(Status.TAMPERED, _("[signature] values must be strings"))
    if signature["format"] != SIGNATURE_FORMAT or signature["namespace"] != NAMESPACE:
        return Verification(Status.TAMPERED, _("wrong signature format or namespace"))
    try:
        parsed = sshsig.parse(signature["value"])
    except sshsig.SignatureFormatError as error:
        return Verification(
            Status.TAMPERED, _("malformed signature: {detail}").format(detail=error)
        )
    fingerprint, public_key = sshsig.key_names(parsed.key)
    if "public_key" in keys:
        try:
            stated_key = sshsig.parse_public_key_line(signature["public_key"])
        except sshsig.SignatureFormatError as error:
            return Verification(
                Status.TAMPERED, _("malformed public key: {detail}").format(detail=error)
            )
        if stated_key.public_bytes_raw() != parsed.key or signature["fingerprint"] != fingerprint:
            return Verification(
                Status.TAMPERED, _("the key named in [signature] is not the key that signed")
            )
    try:
        message = typed_message(record) if typed is not None else signed_message(record)
    except (TypeError, ValueError, OverflowError) as error:
        return Verification(
            Status.TAMPERED, _("[record] cannot be canonicalised: {detail}").format(detail=error)
        )
    if not sshsig.verify(parsed, NAMESPACE, message):
        return Verification(
            Status.TAMPERED,
            _("signature does not match the content"),
            fingerprint=fingerprint,
            public_key=public_key,
        )
    rules = SCHEMAS[record["schema"]]
    if typed is None:
        typed, problems = decode(rules, record)
    else:
        problems = rules.rules(typed, record)
    if problems:
        first = problems[0]
        return Verification(
            Status.INVALID,
            _("{key}: {reason}").format(key=first.key, reason=first.reason),
            fingerprint=fingerprint,
            public_key=public_key,
        )
    return Verification(
        Status.VALID,
        "",
        record,
        fingerprint=fingerprint,
        public_key=public_key,
        typed=typed,
        message=message,
    )
