"""The member of staff's signing key: created on first use, kept owner-only in the data folder."""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.domain import sshsig
from smtrainer.domain.os_errors import os_reason
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.paths import data_dir

KEY_NAME = "id_ed25519"
KEY_COMMENT = "smtrainer"


class KeyFileError(Exception):
    """The key file exists but cannot be used; the message says why."""


class PassphraseNeeded(KeyFileError):
    """The key is protected and no passphrase (or a wrong one) was given."""


def key_path(folder: Path | None = None) -> Path:
    return (folder or data_dir() / "keys") / KEY_NAME


def create_key(path: Path, passphrase: str | None = None) -> Ed25519PrivateKey:
    """A new key written to `path` (0600) and `path`.pub (0644); never replaces an existing key."""
    key = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, encryption
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StorageError(path.parent, os_reason(error)) from error
    atomic_write(path, private, mode=0o600, exclusive=True)
    public = sshsig.public_key_line(key.public_key(), KEY_COMMENT) + "\n"
    atomic_write(path.with_suffix(".pub"), public.encode("ascii"), mode=0o644)
    return key


def load_key(path: Path, passphrase: str | None = None) -> Ed25519PrivateKey:
    """The key stored at `path`."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KeyFileError(
            _("cannot read the key {path}: {reason}").format(path=path, reason=os_reason(error))
        ) from error
    try:
        key = serialization.load_ssh_private_key(
            data, passphrase.encode("utf-8") if passphrase else None
        )
    except (ValueError, TypeError) as error:
        if _is_encrypted(data):
            message = (
                _("the passphrase typed does not open the key {path}: please try again")
                if passphrase
                else _("the key {path} is protected: a correct passphrase is needed")
            )
            raise PassphraseNeeded(message.format(path=path)) from error
        raise KeyFileError(_("the key {path} is damaged or not a key").format(path=path)) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(_("the key {path} is not an Ed25519 key").format(path=path))
    return key


def _is_encrypted(data: bytes) -> bool:
    """Whether an OpenSSH private key file names a cipher other than "none"."""
    lines = data.decode("ascii", "replace").strip().splitlines()
    try:
        blob = base64.b64decode("".join(lines[1:-1]))
    except ValueError:
        return False
    magic = b"openssh-key-v1\0"
    if not blob.startswith(magic) or len(blob) < len(magic) + 4:
        return False
    length = int.from_bytes(blob[len(magic) : len(magic) + 4], "big")
    cipher = blob[len(magic) + 4 : len(magic) + 4 + length]
    return cipher not in (b"", b"none")


def load_or_create_key(
    path: Path | None = None, passphrase: str | None = None
) -> Ed25519PrivateKey:
    """This person's key, created on first use."""
    target = path or key_path()
    if target.exists():
        return load_key(target, passphrase)
    try:
        return create_key(target, passphrase)
    except StorageError:
        if target.exists():  # Another process created it first.
            return load_key(target, passphrase)
        raise
