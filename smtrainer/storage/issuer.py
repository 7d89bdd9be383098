"""The school as an issuer of credentials: its Ed25519 key and its public profile.

Both live in the head teacher's data folder: the key owner-only (0600, passphrase optional), the
profile (`issuer.toml`: names in both languages, optional URL, the `did:key`) beside it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.domain.did_key import did_for
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.keys import KeyFileError, create_key, load_key
from smtrainer.storage.paths import data_dir

KEY_NAME = "issuer_ed25519"
PROFILE_NAME = "issuer.toml"


class IssuerError(Exception):
    """The issuer is missing or its files cannot be used; the message says which and why."""


@dataclass(frozen=True)
class IssuerProfile:
    did: str
    names: dict[str, str]
    """Language → the school's name in it."""
    url: str = ""

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or next(iter(self.names.values()))


def issuer_dir() -> Path:
    return data_dir() / "issuer"


def raw_public_key(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def init_issuer(
    names: dict[str, str], url: str = "", passphrase: str | None = None, folder: Path | None = None
) -> IssuerProfile:
    """Make the school's issuer key and profile; never replaces an existing issuer."""
    folder = folder or issuer_dir()
    if (folder / KEY_NAME).exists() or (folder / PROFILE_NAME).exists():
        raise IssuerError(_("an issuer already exists in {folder}").format(folder=folder))
    try:
        key = create_key(folder / KEY_NAME, passphrase)
        profile = IssuerProfile(did_for(raw_public_key(key)), dict(names), url)
        data = {"did": profile.did, "names": profile.names, "url": profile.url}
        atomic_write(folder / PROFILE_NAME, tomli_w.dumps(data).encode("utf-8"), mode=0o600)
    except StorageError as error:
        raise IssuerError(str(error)) from error
    return profile


def load_profile(folder: Path | None = None) -> IssuerProfile:
    path = (folder or issuer_dir()) / PROFILE_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IssuerError(
            _("no issuer yet: run “smtrainer issuer init” first ({path})").format(path=path)
        ) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise IssuerError(
            _("cannot read the issuer profile {path}: {reason}").format(path=path, reason=error)
        ) from error
    did, names, url = data.get("did"), data.get("names"), data.get("url", "")
    if (
        not isinstance(did, str)
        or not isinstance(names, dict)
        or not names
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in names.items())
        or not isinstance(url, str)
    ):
        raise IssuerError(_("the issuer profile {path} is damaged").format(path=path))
    return IssuerProfile(did, names, url)


def load_issuer_key(
    profile: IssuerProfile, passphrase: str | None = None, folder: Path | None = None
) -> Ed25519PrivateKey:
    """The issuer's private key, checked against the profile's `did:key`."""
    try:
        key = load_key((folder or issuer_dir()) / KEY_NAME, passphrase)
    except KeyFileError as error:
        raise IssuerError(str(error)) from error
    if did_for(raw_public_key(key)) != profile.did:
        raise IssuerError(_("the issuer key does not match the issuer profile's identifier"))
    return key
