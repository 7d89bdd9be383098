"""Ed25519 keys as `did:key` identifiers and Multikey values (base58btc multibase)."""

from __future__ import annotations

import base58

ED25519_PUBLIC = b"\xed\x01"
"""Multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint)."""
ED25519_PRIVATE = b"\x80\x26"
"""Multicodec prefix of an Ed25519 private key seed (0x1300, as an unsigned varint)."""


class DidKeyError(ValueError):
    """A `did:key`, verification method or multibase value that is not an Ed25519 key."""


def multibase_encode(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def multibase_decode(value: str) -> bytes:
    if not value.startswith("z") or len(value) > 200:
        raise DidKeyError("not base58btc multibase")
    try:
        return base58.b58decode(value[1:])
    except ValueError as error:
        raise DidKeyError("not base58btc multibase") from error


def public_multikey(public_key: bytes) -> str:
    """`z6Mk…`: the Multikey form of a 32-byte Ed25519 public key."""
    return multibase_encode(ED25519_PUBLIC + public_key)


def private_multikey(seed: bytes) -> str:
    return multibase_encode(ED25519_PRIVATE + seed)


def decode_multikey(value: str, prefix: bytes = ED25519_PUBLIC) -> bytes:
    raw = multibase_decode(value)
    if not raw.startswith(prefix) or len(raw) != len(prefix) + 32:
        raise DidKeyError("not an Ed25519 key")
    return raw[len(prefix) :]


def did_for(public_key: bytes) -> str:
    return "did:key:" + public_multikey(public_key)


def verification_method_for(public_key: bytes) -> str:
    multikey = public_multikey(public_key)
    return f"did:key:{multikey}#{multikey}"


def public_key_of(verification_method: str) -> tuple[str, bytes]:
    """The DID and the raw Ed25519 public key a `did:key:z…#z…` verification method names."""
    did, _hash, fragment = verification_method.partition("#")
    if not did.startswith("did:key:"):
        raise DidKeyError("not a did:key")
    multikey = did.removeprefix("did:key:")
    if fragment and fragment != multikey:
        raise DidKeyError("the fragment is not the key of this did:key")
    return did, decode_multikey(multikey)
