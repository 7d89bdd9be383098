"""OpenSSH signatures (the SSHSIG format of `ssh-keygen -Y sign`) with Ed25519 keys.

The format is specified in OpenSSH's PROTOCOL.sshsig: the signature covers a small envelope
(magic, namespace, hash algorithm and the SHA-512 of the message), and travels as an armored
blob holding the public key, the namespace and the signature. Anything this module writes can be
checked with `ssh-keygen -Y verify`, and it verifies what `ssh-keygen -Y sign` makes.

Signatures are checked by `ed25519.verify`, stricter than `ssh-keygen -Y verify`: everything it
accepts, `ssh-keygen` accepts too, not the reverse (see there).
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import struct
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from smtrainer.domain import ed25519
from smtrainer.i18n import _

MAGIC = b"SSHSIG"
VERSION = 1
KEY_TYPE = b"ssh-ed25519"
HASHES = {b"sha512": hashlib.sha512, b"sha256": hashlib.sha256}
BEGIN = "-----BEGIN SSH SIGNATURE-----"
END = "-----END SSH SIGNATURE-----"


class SignatureFormatError(ValueError):
    """The armored signature is not a well-formed SSHSIG blob for an Ed25519 key."""


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


_UINT32 = struct.Struct(">I")


def _field(data: bytes, offset: int) -> tuple[bytes, int]:
    """The SSH string (a 32-bit length, then that many bytes) at `offset`, and the offset after
    it; SignatureFormatError when the data ends first."""
    end = offset + 4
    if end > len(data):
        raise SignatureFormatError(_("truncated signature"))
    end += _UINT32.unpack_from(data, offset)[0]
    if end > len(data):
        raise SignatureFormatError(_("truncated signature"))
    return data[offset + 4 : end], end


def _key_blob(raw: bytes) -> bytes:
    return _string(KEY_TYPE) + _string(raw)


def public_key_blob(key: Ed25519PublicKey) -> bytes:
    """The SSH wire form of an Ed25519 public key."""
    return _key_blob(key.public_bytes_raw())


def public_key_line(key: Ed25519PublicKey, comment: str = "") -> str:
    """The key as OpenSSH writes it: ``ssh-ed25519 AAAA… comment``."""
    return f"{key_names(key.public_bytes_raw())[1]} {comment}".rstrip()


def fingerprint(key: Ed25519PublicKey) -> str:
    """``SHA256:…``, as `ssh-keygen -l` prints it."""
    return key_names(key.public_bytes_raw())[0]


@functools.lru_cache(maxsize=1024)
def key_names(raw: bytes) -> tuple[str, str]:
    """The fingerprint and the OpenSSH line (without comment) of the key of these 32 bytes,
    worked out once per key (a store's records are signed by far fewer keys than records)."""
    blob = _key_blob(raw)
    digest = hashlib.sha256(blob).digest()
    encoded = base64.b64encode(blob).decode("ascii")
    return (
        "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("="),
        f"{KEY_TYPE.decode()} {encoded}",
    )


def parse_public_key_line(line: str) -> Ed25519PublicKey:
    """An Ed25519 key from its OpenSSH line; SignatureFormatError if it is not one."""
    parts = line.strip().split()
    if len(parts) < 2 or parts[0] != KEY_TYPE.decode():
        raise SignatureFormatError(_("not an ssh-ed25519 public key"))
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except binascii.Error as error:
        raise SignatureFormatError(_("public key is not valid base64")) from error
    return _key_from_blob(blob)


@functools.lru_cache(maxsize=1024)
def _key_from_blob(blob: bytes) -> Ed25519PublicKey:
    """The key of an SSH key blob. Kept for the next blobs alike: a store's records are signed
    by far fewer keys than there are records, and reading a key costs more than verifying."""
    return Ed25519PublicKey.from_public_bytes(_raw_key(blob))


def _raw_key(blob: bytes) -> bytes:
    """The 32 bytes of an ssh-ed25519 key blob; SignatureFormatError if it is not one."""
    key_type, offset = _field(blob, 0)
    if key_type != KEY_TYPE:
        raise SignatureFormatError(_("not an ssh-ed25519 public key"))
    raw, offset = _field(blob, offset)
    if len(raw) != 32 or offset != len(blob):
        raise SignatureFormatError(_("malformed ssh-ed25519 public key"))
    return raw


def _signed_data(namespace: str, hash_name: bytes, message: bytes) -> bytes:
    digest = HASHES[hash_name](message).digest()
    return MAGIC + _string(namespace.encode()) + _string(b"") + _string(hash_name) + _string(digest)


def _armor(blob: bytes) -> str:
    encoded = base64.b64encode(blob).decode("ascii")
    lines = [encoded[i : i + 70] for i in range(0, len(encoded), 70)]
    return "\n".join([BEGIN, *lines, END]) + "\n"


def _dearmor(text: str) -> bytes:
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) < 3 or lines[0] != BEGIN or lines[-1] != END:
        raise SignatureFormatError(_("not an armored SSH signature"))
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except binascii.Error as error:
        raise SignatureFormatError(_("signature is not valid base64")) from error


def sign(private_key: Ed25519PrivateKey, namespace: str, message: bytes) -> str:
    """An armored SSHSIG signature of `message` in `namespace`."""
    signature = private_key.sign(_signed_data(namespace, b"sha512", message))
    blob = (
        MAGIC
        + struct.pack(">I", VERSION)
        + _string(public_key_blob(private_key.public_key()))
        + _string(namespace.encode())
        + _string(b"")
        + _string(b"sha512")
        + _string(_string(KEY_TYPE) + _string(signature))
    )
    return _armor(blob)


@dataclass(frozen=True)
class Signature:
    """An SSHSIG blob, parsed."""

    key: bytes
    """The signer's Ed25519 public key, its 32 bytes."""
    namespace: str
    hash_name: bytes
    signature: bytes


_HEADER = MAGIC + _UINT32.pack(VERSION)


def parse(armored: str) -> Signature:
    """Read an armored SSHSIG signature; SignatureFormatError if it is not well-formed."""
    blob = _dearmor(armored)
    if not blob.startswith(_HEADER):
        if not blob.startswith(MAGIC):
            raise SignatureFormatError(_("missing SSHSIG magic"))
        raise SignatureFormatError(_("unsupported SSHSIG version"))
    key_blob, offset = _field(blob, len(_HEADER))
    key = _raw_key(key_blob)
    namespace, offset = _field(blob, offset)
    _reserved, offset = _field(blob, offset)
    hash_name, offset = _field(blob, offset)
    if hash_name not in HASHES:
        raise SignatureFormatError(_("unsupported hash algorithm"))
    inner, offset = _field(blob, offset)
    key_type, inner_offset = _field(inner, 0)
    if key_type != KEY_TYPE:
        raise SignatureFormatError(_("signature is not ssh-ed25519"))
    raw, inner_offset = _field(inner, inner_offset)
    if len(raw) != 64 or inner_offset != len(inner) or offset != len(blob):
        raise SignatureFormatError(_("malformed signature"))
    try:
        return Signature(key, namespace.decode("utf-8"), hash_name, raw)
    except UnicodeDecodeError as error:
        raise SignatureFormatError(_("namespace is not UTF-8")) from error


def verify(signature: Signature, namespace: str, message: bytes) -> bool:
    """Whether `signature` is a valid signature of `message` in `namespace` by its own key
    (the strict check of `ed25519.verify`)."""
    if signature.namespace != namespace:
        return False
    signed = _signed_data(namespace, signature.hash_name, message)
    return ed25519.verify(signature.key, signature.signature, signed)
