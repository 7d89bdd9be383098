"""`smtrainer certificate RECORD [--html FILE]`: the certificate of a signed record."""

from __future__ import annotations

import sys
from pathlib import Path

from smtrainer.documents.certificate import certificate_html, contacts_text
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.workflows.certificates import certificate_for


def run_certificate(record: Path, html: Path | None, content: Path | None) -> int:
    if not record.is_file():
        print(
            _("smtrainer certificate: error: no such file: {path}").format(path=record),
            file=sys.stderr,
        )
        return 2
    result = certificate_for(record, content)
    certificate = result.certificate
    if certificate is None:
        print(
            _("smtrainer certificate: error: {path} is not a valid record: {reason}").format(
                path=record, reason=result.verification.reason
            ),
            file=sys.stderr,
        )
        return 1
    print(certificate.heading)
    width = max(len(label) for label, _value in certificate.rows)
    for label, value in certificate.rows:
        print(f"  {label:<{width}}  {value}")
    extras = contacts_text(certificate)
    if extras:
        print(extras)
    if html is not None:
        try:
            save_document(html, certificate_html(certificate))
        except StorageError as error:
            print(
                _("smtrainer certificate: error: {message}").format(message=error), file=sys.stderr
            )
            return 1
        print(_("Printable certificate written to {path}").format(path=html))
    return 0
