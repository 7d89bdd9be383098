"""The plain mode asks which school when several packs are installed and names whom to tell; the
certificate lists the contacts and, for an unofficial translation, that English is the reference."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from smtrainer.content.policies import load_policy_set
from smtrainer.documents.certificate import certificate_html, contacts_text, make_certificate
from smtrainer.i18n import set_language
from smtrainer.plain.launch import run_plain
from smtrainer.storage.settings import load_settings
from tests.conftest import DATA

NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)


def plain_run(content: Path, answers: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run_plain(
        content, language_forced=True, stdin=io.StringIO(answers), stdout=out, clock=lambda: NOW
    )
    return code, out.getvalue()


def test_plain_mode_asks_which_school_then_remembers(two_schools: Path) -> None:
    code, text = plain_run(two_schools, "9\n1\nwho\nquit\n")
    assert code == 0
    assert "Which school's policy is yours?" in text
    assert "1. Second School: Tiny Policy" in text and "2. Test School: Tiny Policy" in text
    assert "Please type a number from 1 to 2." in text
    assert "Who to tell at Second School" in text and "• Head teacher" in text
    assert load_settings().policy == "second"
    code, text = plain_run(two_schools, "quit\n")
    assert "Which school's policy" not in text and "Second School" in text


def test_plain_mode_with_one_pack_asks_nothing(tiny: Path) -> None:
    code, text = plain_run(tiny, "quit\n")
    assert code == 0 and "Which school's policy" not in text


def record_for(policy_id: str, language: str) -> dict[str, object]:
    return {
        "language": language,
        "completed_at": "2026-11-21T09:30:00Z",
        "refresher_due": "2027-11-21",
        "passed": True,
        "staff_name": "Zoé Lefèvre",
        "staff_role": "teacher",
        "staff_id": "S-1",
        "policy_id": policy_id,
        "policy_version": "2",
        "score_pct": 90,
        "pass_mark": 80,
        "record_id": "00000000-0000-4000-8000-000000000000",
    }


def test_certificate_lists_contacts_and_says_english_is_the_reference() -> None:
    policy = load_policy_set(DATA / "tiny_v2").policies["fr"]
    certificate = make_certificate(
        record_for("tiny", "fr"), "SHA256:x", policy.title, policy.school, policy
    )
    assert ("Fonction", "Enseignant ou enseignante") in certificate.rows, "the pack role title"
    text = contacts_text(certificate)
    assert text.startswith("Qui prévenir\u00a0:\n• Chef d'établissement")
    assert "la politique anglaise qui fait foi" in text
    assert "La politique complète\u00a0: Livret du personnel" in text
    page = certificate_html(certificate)
    assert "<h2>Qui prévenir</h2>" in page and "fait foi" in page


def test_an_official_pack_says_nothing_about_translation() -> None:
    set_language("en")
    policy = load_policy_set(None, "kingsworth").policies["fr"]
    certificate = make_certificate(
        record_for("kingsworth", "fr"), "SHA256:x", policy.title, policy.school, policy
    )
    assert certificate.contacts
    assert not any("fait foi" in note for note in certificate.notes)
