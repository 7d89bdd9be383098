"""Reading and checking SSHSIG signatures: malformed blobs are format errors, never crashes,
and a signature that holds for any message is refused."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from smtrainer.domain import sshsig
from smtrainer.domain.record import NAMESPACE
from smtrainer.domain.record_signing import verify_record_bytes
from smtrainer.domain.record_status import Status

VECTORS = Path(__file__).resolve().parents[1] / "data" / "records"
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
MESSAGE = b"a record's canonical bytes"
GOOD = sshsig._dearmor(sshsig.sign(KEY, NAMESPACE, MESSAGE))

IDENTITY = b"\x01" + bytes(31)
"""The encoding of the curve's neutral point: a public key of small order."""


def _blob(key: bytes, signature: bytes, hash_name: bytes = b"sha512") -> bytes:
    string = sshsig._string
    return (
        sshsig.MAGIC
        + (1).to_bytes(4, "big")
        + string(string(sshsig.KEY_TYPE) + string(key))
        + string(NAMESPACE.encode())
        + string(b"")
        + string(hash_name)
        + string(string(sshsig.KEY_TYPE) + string(signature))
    )


def test_a_signature_made_here_is_read_back_and_verifies() -> None:
    parsed = sshsig.parse(sshsig._armor(GOOD))
    assert parsed.key == KEY.public_key().public_bytes_raw()
    assert (parsed.namespace, parsed.hash_name) == (NAMESPACE, b"sha512")
    assert sshsig.verify(parsed, NAMESPACE, MESSAGE)
    assert not sshsig.verify(parsed, NAMESPACE, MESSAGE + b" ")
    assert not sshsig.verify(parsed, "file", MESSAGE)


def test_the_blob_built_here_is_the_one_signing_makes() -> None:
    parsed = sshsig.parse(sshsig._armor(GOOD))
    assert _blob(parsed.key, parsed.signature) == GOOD


@pytest.mark.parametrize("cut", range(len(GOOD)))
def test_every_truncation_is_a_format_error(cut: int) -> None:
    with pytest.raises(sshsig.SignatureFormatError):
        sshsig.parse(sshsig._armor(GOOD[:cut]))


@pytest.mark.parametrize(
    ("blob", "reason"),
    [
        (GOOD + b"\x00", "malformed signature"),
        (b"SSHSIG" + (2).to_bytes(4, "big") + GOOD[10:], "unsupported SSHSIG version"),
        (b"SSHSIX" + GOOD[6:], "missing SSHSIG magic"),
        (_blob(bytes(31), bytes(64)), "malformed ssh-ed25519 public key"),
        (_blob(bytes(32), bytes(63)), "malformed signature"),
        (_blob(bytes(32), bytes(64), b"md5"), "unsupported hash algorithm"),
    ],
)
def test_malformed_blobs_say_what_is_wrong(blob: bytes, reason: str) -> None:
    with pytest.raises(sshsig.SignatureFormatError, match=reason):
        sshsig.parse(sshsig._armor(blob))


@given(st.integers(0, len(GOOD) - 1), st.integers(0, 255))
def test_a_changed_byte_never_crashes_and_never_verifies_other_content(
    position: int, value: int
) -> None:
    changed = GOOD[:position] + bytes([value]) + GOOD[position + 1 :]
    try:
        parsed = sshsig.parse(sshsig._armor(changed))
    except sshsig.SignatureFormatError:
        return
    if sshsig.verify(parsed, NAMESPACE, MESSAGE):
        assert changed == GOOD


@pytest.mark.parametrize("message", [b"", MESSAGE, b"any other content"])
def test_a_small_order_key_signs_nothing(message: bytes) -> None:
    """With the neutral point as key, R = the neutral point and S = 0 satisfy the verification
    equation for every message: a "signature" anyone can make without any private key."""
    parsed = sshsig.parse(sshsig._armor(_blob(IDENTITY, IDENTITY + bytes(32))))
    assert not sshsig.verify(parsed, NAMESPACE, message)


def test_a_record_signed_by_a_small_order_key_is_tampered() -> None:
    document = tomllib.loads((VECTORS / "v2-valid.toml").read_text("utf-8"))
    document["record"]["staff_name"] = "Anyone At All"
    forged = sshsig._armor(_blob(IDENTITY, IDENTITY + bytes(32)))
    document["signature"]["value"] = forged
    result = verify_record_bytes(tomli_w.dumps(document).encode("utf-8"))
    assert result.status is Status.TAMPERED
    assert not result.valid


def test_a_french_session_says_what_is_wrong_in_french() -> None:
    from smtrainer.i18n import set_language

    set_language("fr")
    with pytest.raises(sshsig.SignatureFormatError, match="signature tronquée"):
        sshsig.parse(sshsig._armor(GOOD[:20]))
    document = tomllib.loads((VECTORS / "v2-valid.toml").read_text("utf-8"))
    document["signature"]["value"] = sshsig._armor(GOOD[:20])
    result = verify_record_bytes(tomli_w.dumps(document).encode("utf-8"))
    assert result.status is Status.TAMPERED
    assert "signature tronquée" in result.reason and "truncated" not in result.reason
