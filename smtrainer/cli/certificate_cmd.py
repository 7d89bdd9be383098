"""`smtrainer certificate RECORD [--html FILE]`: the certificate of a signed record."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from smtrainer.documents.certificate import certificate_html, contacts_text
from smtrainer.domain.inert_text import inert, shown_name
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.workflows.certificates import certificate_for


def run_certificate(record: Path, html: Path | None, content: Path | None) -> int:
    problem = _not_a_file(record)
    if problem is not None:
        print(_("smtrainer certificate: error: {problem}").format(problem=problem), file=sys.stderr)
        return 2
    result = certificate_for(record, content)
    certificate = result.certificate
    if certificate is None:
        print(
            _("smtrainer certificate: error: {path} is not a valid record: {reason}").format(
                path=shown_name(record), reason=inert(result.verification.reason)
            ),
            file=sys.stderr,
        )
        return 1
    print(inert(certificate.heading))
    width = max(len(label) for label, _value in certificate.rows)
    for label, value in certificate.rows:
        print(f"  {label:<{width}}  {inert(value)}")
    extras = contacts_text(certificate)
    if extras:
        print("\n".join(inert(line) for line in extras.splitlines()))
    if html is not None:
        try:
            save_document(html, certificate_html(certificate))
        except StorageError as error:
            print(
                _("smtrainer certificate: error: {message}").format(message=inert(error)),
                file=sys.stderr,
            )
            return 1
        print(_("Printable certificate written to {path}").format(path=shown_name(html)))
    return 0


def _not_a_file(path: Path) -> str | None:
    """Why `path` cannot be a record file (it is not there, is a folder, or is not a regular
    file such as a device or a pipe, whose reading might never end), or None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return _("no such file: {path}").format(path=shown_name(path))
    if stat.S_ISDIR(mode):
        return _("{path} is a folder: give one record file").format(path=shown_name(path))
    if not stat.S_ISREG(mode):
        return _("{path} is not a regular file").format(path=shown_name(path))
    return None
