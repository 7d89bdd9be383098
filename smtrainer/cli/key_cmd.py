"""`smtrainer key show|export`: this person's signing key."""

from __future__ import annotations

import getpass
import os
import sys

from smtrainer.domain import sshsig
from smtrainer.domain.inert_text import shown_name
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.keys import (
    KEY_COMMENT,
    KeyFileError,
    PassphraseNeeded,
    key_path,
    load_or_create_key,
)

PASSPHRASE_VARIABLE = "SMTRAINER_KEY_PASSPHRASE"


class PassphraseError(Exception):
    """No passphrase could be asked for, or the two typed differ."""


def _passphrase(*, new: bool, existing: bool) -> str | None:
    """The passphrase from the environment, or asked on a terminal: twice for a new key, which
    must then have one; never asked anywhere else (PassphraseError then)."""
    if PASSPHRASE_VARIABLE in os.environ:
        value = os.environ[PASSPHRASE_VARIABLE]
        if new and not value:
            raise PassphraseError(_("{variable} is empty").format(variable=PASSPHRASE_VARIABLE))
        return value or None
    if not (new or existing):
        return None
    if not sys.stdin.isatty():
        if new:
            raise PassphraseError(
                _("a passphrase can only be typed in a terminal; give it in {variable}").format(
                    variable=PASSPHRASE_VARIABLE
                )
            )
        return None
    if not new:
        return getpass.getpass(_("Passphrase for your signing key: ")) or None
    first = getpass.getpass(_("New passphrase for your signing key: "))
    if not first:
        raise PassphraseError(_("the passphrase must not be empty"))
    if getpass.getpass(_("The same passphrase again: ")) != first:
        raise PassphraseError(_("the two passphrases differ; nothing was created"))
    return first


def run_key(action: str, *, new_passphrase: bool = False) -> int:
    path = key_path()
    existed = path.exists()
    try:
        passphrase = _passphrase(new=new_passphrase and not existed, existing=existed)
    except PassphraseError as error:
        print(_("smtrainer key: error: {message}").format(message=error), file=sys.stderr)
        return 1
    try:
        key = load_or_create_key(path, passphrase)
    except PassphraseNeeded as error:
        print(_("smtrainer key: error: {message}").format(message=error), file=sys.stderr)
        print(
            _("Give it in {variable} or run this in a terminal.").format(
                variable=PASSPHRASE_VARIABLE
            ),
            file=sys.stderr,
        )
        return 1
    except (KeyFileError, StorageError) as error:
        print(_("smtrainer key: error: {message}").format(message=error), file=sys.stderr)
        return 1
    if new_passphrase and existed:
        print(
            _(
                "smtrainer key: note: your key already exists, and --passphrase only protects a "
                "new one; it is unchanged"
            ),
            file=sys.stderr,
        )
    public = key.public_key()
    if action == "show":
        print(f"256 {sshsig.fingerprint(public)} {KEY_COMMENT} (ED25519)")
        print(_("stored in {path}").format(path=shown_name(path)), file=sys.stderr)
    else:
        print(sshsig.public_key_line(public, KEY_COMMENT))
    return 0
