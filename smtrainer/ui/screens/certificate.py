"""The certificate, on screen, with a key to save the printable page."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from smtrainer.documents.certificate import Certificate, certificate_html
from smtrainer.i18n import N_, _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import FactTable, KeyFooter


class CertificateScreen(Screen[None]):
    """Name, role, policy, date, score, refresher date, key fingerprint and verification code."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", N_("Printable copy"), id="save-certificate"),
        Binding("escape", "app.pop_screen", N_("Back"), id="back"),
    ]

    def __init__(self, certificate: Certificate, save_to: Path) -> None:
        super().__init__()
        self.certificate = certificate
        self.save_to = save_to

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="certificate"):
            yield Static(self.certificate.heading, id="certificate-heading", markup=False)
            yield FactTable(self.certificate.rows, id="certificate-rows")
            yield Static(self.certificate.note, id="certificate-note", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        retranslate(self)

    def action_save(self) -> None:
        try:
            path = save_document(self.save_to, certificate_html(self.certificate))
        except StorageError as error:
            self.notify(
                _("The certificate could not be saved: {reason}").format(reason=error),
                severity="error",
                markup=False,
            )
            return
        self.notify(_("Printable certificate saved to {path}").format(path=path), markup=False)
