"""Checking Ed25519 signatures: one strict check for records and credentials alike.

libsodium's (through PyNaCl) verifies about twice as fast as OpenSSL's Ed25519 (through
cryptography) and is stricter: it refuses keys and signature points of small order, and
non-canonical encodings, which no honest signer makes. With the neutral point as key, the
signature (neutral point, 0) satisfies the verification equation for every message; OpenSSL
and `ssh-keygen` accept it, this check does not. Signing stays with `cryptography`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """Whether `signature` (64 bytes) is the signature of `message` by the key of these 32
    bytes. False, never an error, for a key or signature of the wrong length."""
    if len(public_key) != 32 or len(signature) != 64:
        return False
    check, refused = _sodium()
    try:
        check(signature + message, public_key)
    except refused:
        return False
    return True


@functools.cache
def _sodium() -> tuple[Callable[[bytes, bytes], bytes], type[Exception]]:
    """libsodium's check of a signed message and the error it raises, imported when first
    needed (a learner's session signs, and seldom verifies)."""
    from nacl.bindings import crypto_sign_open
    from nacl.exceptions import BadSignatureError

    return crypto_sign_open, BadSignatureError
