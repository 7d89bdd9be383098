"""OpenSSH signatures (the SSHSIG format of `ssh-keygen -Y sign`) with Ed25519 keys.

The format is specified in OpenSSH's PROTOCOL.sshsig: the signature covers a small envelope
(magic, namespace, hash algorithm and the SHA-512 of the message), and travels as an armored
blob holding the public key, the namespace and the signature. Anything this module writes can be
checked with `ssh-keygen -Y verify`, and it verifies what `ssh-keygen -Y sign` makes.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

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


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0

    def take(self, size: int) -> bytes:
        if self.offset + size > len(self.data):
            raise SignatureFormatError("truncated signature")
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk

    def uint32(self) -> int:
        value: int = struct.unpack(">I", self.take(4))[0]
        return value

    def string(self) -> bytes:
        return self.take(self.uint32())

    def done(self) -> bool:
        return self.offset == len(self.data)


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
        raise SignatureFormatError("not an ssh-ed25519 public key")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except binascii.Error as error:
        raise SignatureFormatError("public key is not valid base64") from error
    return _key_from_blob(blob)


@functools.lru_cache(maxsize=1024)
def _key_from_blob(blob: bytes) -> Ed25519PublicKey:
    """The key of an SSH key blob. Kept for the next blobs alike: a store's records are signed
    by far fewer keys than there are records, and reading a key costs more than verifying."""
    reader = _Reader(blob)
    if reader.string() != KEY_TYPE:
        raise SignatureFormatError("not an ssh-ed25519 public key")
    raw = reader.string()
    if len(raw) != 32 or not reader.done():
        raise SignatureFormatError("malformed ssh-ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(raw)


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
        raise SignatureFormatError("not an armored SSH signature")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except binascii.Error as error:
        raise SignatureFormatError("signature is not valid base64") from error


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

    public_key: Ed25519PublicKey
    namespace: str
    hash_name: bytes
    signature: bytes


def parse(armored: str) -> Signature:
    """Read an armored SSHSIG signature; SignatureFormatError if it is not well-formed."""
    reader = _Reader(_dearmor(armored))
    if reader.take(6) != MAGIC:
        raise SignatureFormatError("missing SSHSIG magic")
    if reader.uint32() != VERSION:
        raise SignatureFormatError("unsupported SSHSIG version")
    key = _key_from_blob(reader.string())
    try:
        namespace = reader.string().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SignatureFormatError("namespace is not UTF-8") from error
    reader.string()  # reserved
    hash_name = reader.string()
    if hash_name not in HASHES:
        raise SignatureFormatError("unsupported hash algorithm")
    inner = _Reader(reader.string())
    if inner.string() != KEY_TYPE:
        raise SignatureFormatError("signature is not ssh-ed25519")
    raw = inner.string()
    if len(raw) != 64 or not inner.done() or not reader.done():
        raise SignatureFormatError("malformed signature")
    return Signature(key, namespace, hash_name, raw)


def verify(signature: Signature, namespace: str, message: bytes) -> bool:
    """Whether `signature` is a valid signature of `message` in `namespace` by its own key."""
    if signature.namespace != namespace:
        return False
    try:
        signature.public_key.verify(
            signature.signature, _signed_data(namespace, signature.hash_name, message)
        )
    except InvalidSignature:
        return False
    return True
