"""`smtrainer key show|export`: this person's signing key."""

from __future__ import annotations

import getpass
import os
import sys

from smtrainer.domain import sshsig
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


def _passphrase(ask: bool) -> str | None:
    if PASSPHRASE_VARIABLE in os.environ:
        return os.environ[PASSPHRASE_VARIABLE] or None
    if ask and sys.stdin.isatty():
        return getpass.getpass(_("Passphrase for your signing key: ")) or None
    return None


def run_key(action: str, *, new_passphrase: bool = False) -> int:
    path = key_path()
    passphrase = _passphrase(ask=new_passphrase or path.exists())
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
    public = key.public_key()
    if action == "show":
        print(f"256 {sshsig.fingerprint(public)} {KEY_COMMENT} (ED25519)")
        print(_("stored in {path}").format(path=path), file=sys.stderr)
    else:
        print(sshsig.public_key_line(public, KEY_COMMENT))
    return 0
