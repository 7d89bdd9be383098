"""The certificate: in the record's language, on screen and as a printable page."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.documents.certificate import certificate_html, make_certificate
from smtrainer.i18n import current_language

VALID = Path(__file__).resolve().parents[1] / "data" / "records" / "valid.toml"


def record() -> dict[str, object]:
    return tomllib.loads(VALID.read_text(encoding="utf-8"))["record"]


def test_certificate_is_worded_in_the_records_language() -> None:
    certificate = make_certificate(record(), "SHA256:abc", "Titre", "École <b>")
    assert certificate.language == "fr"
    assert certificate.heading == "Certificat de formation"
    rows = dict(certificate.rows)
    assert rows["Nom"] == "Zoé Lefèvre"
    assert rows["Fonction"] == "Enseignant(e)"
    assert rows["Terminée le"] == "21 novembre 2026"
    assert rows["Remise à niveau prévue le"] == "21 novembre 2027"
    assert rows["Score"].startswith("80 %")
    assert rows["Code de vérification"] == "FFAB-AGC2-O2CV"
    assert current_language() == "en", "making a certificate must not change the app's language"


def test_an_attempt_not_passed_has_no_refresher_date_on_its_certificate() -> None:
    failed = {**record(), "passed": False}
    rows = dict(make_certificate(failed, "SHA256:abc", "Titre", "École").rows)
    assert rows["Remise à niveau prévue le"] == "—"
    assert "Non réussi" in rows["Score"]


def test_html_is_escaped_and_declares_its_language() -> None:
    page = certificate_html(make_certificate(record(), "SHA256:abc", "Titre", "École <b>"))
    assert '<html lang="fr">' in page
    assert "École &lt;b&gt;" in page
    assert "<b>" not in page.split("<body>")[1]


def test_certificate_command_writes_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "certificate.html"
    assert main(["certificate", str(VALID), "--html", str(out)]) == 0
    assert "Certificat de formation" in capsys.readouterr().out
    assert "Utilisation responsable des médias sociaux" in out.read_text(encoding="utf-8")


def test_certificate_of_a_tampered_record_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    tampered = VALID.with_name("tampered-score.toml")
    assert main(["certificate", str(tampered)]) == 1
    assert "signature does not match" in capsys.readouterr().err


def test_whom_to_tell_is_written_in_the_records_language_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A French record's certificate in an English session: French throughout, typography too."""
    assert main(["--lang", "en", "certificate", str(VALID)]) == 0
    said = capsys.readouterr().out
    contacts = [line for line in said.splitlines() if line.startswith("• ")]
    assert contacts and all("\u00a0: " in line for line in contacts)


@pytest.mark.parametrize("kind", ["folder", "device", "missing"])
def test_a_path_that_is_not_a_record_file_is_said_for_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = {"folder": tmp_path, "device": Path("/dev/null"), "missing": tmp_path / "x.toml"}[kind]
    assert main(["certificate", str(path)]) == 2
    said = capsys.readouterr().err
    expected = {"folder": "is a folder", "device": "not a regular file", "missing": "no such file"}
    assert expected[kind] in said


def test_a_hostile_file_name_is_never_printed_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "\x1b[31mred\x07.toml"
    path.write_bytes(b"")
    assert main(["certificate", str(path)]) == 1
    said = capsys.readouterr().err
    assert "\x1b" not in said and "\x07" not in said
    assert "\\x1b[31mred\\x07.toml" in said
