"""The completion certificate: the same facts on screen and as a printable HTML page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from smtrainer.documents.school_notes import contact_lines, contact_pairs, policy_notes
from smtrainer.documents.wording import long_date
from smtrainer.domain.dates import parse_date, parse_timestamp
from smtrainer.domain.model import Policy
from smtrainer.domain.record import verification_code
from smtrainer.domain.roles import role_label
from smtrainer.i18n import _, using_language


@dataclass(frozen=True)
class Certificate:
    """What a certificate states, already worded in the record's language."""

    language: str
    heading: str
    rows: tuple[tuple[str, str], ...]
    note: str
    contacts: tuple[tuple[str, str], ...] = ()
    """Who to tell, as the school's pack names them: (who, when and how)."""
    notes: tuple[str, ...] = ()
    """Where the full policy is kept; that a translation is not the reference."""


def _long_date(day: dt.date, language: str) -> str:
    return long_date(day, language)


def make_certificate(
    record: Mapping[str, Any],
    fingerprint: str,
    policy_title: str,
    school: str,
    policy: Policy | None = None,
) -> Certificate:
    """The certificate for a signed record, in the language the training was done in; with the
    record's `policy` (in that language) it also names whom to tell and where the policy is."""
    language = str(record["language"])
    with using_language(language):
        role = str(record["staff_role"])
        school_roles = {r.id: r.title for r in policy.roles} if policy is not None else {}
        completed = parse_timestamp(record["completed_at"]).date()
        due = parse_date(record["refresher_due"])
        result = _("Passed") if record["passed"] else _("Not passed")
        rows = (
            (_("Name"), str(record["staff_name"])),
            (_("Role"), school_roles.get(role) or role_label(role)),
            (_("Staff id"), str(record["staff_id"]) or "—"),
            (_("School"), school),
            (
                _("Policy"),
                _("{title} (version {version})").format(
                    title=policy_title, version=record["policy_version"]
                ),
            ),
            (_("Completed on"), _long_date(completed, language)),
            (
                _("Score"),
                _("{score} % (pass mark {mark} %) — {result}").format(
                    score=record["score_pct"], mark=record["pass_mark"], result=result
                ),
            ),
            # An attempt not passed sets no refresher date, whatever the record holds.
            (_("Refresher due"), _long_date(due, language) if record["passed"] else "—"),
            (_("Signing key"), fingerprint),
            (_("Verification code"), verification_code(record)),
        )
        return Certificate(
            language=language,
            heading=_("Certificate of completion"),
            rows=rows,
            note=_(
                "This certificate summarises a signed completion record. The record itself, "
                "checked with “smtrainer verify”, is the proof; the verification code ties the "
                "two together."
            ),
            contacts=contact_pairs(policy.contacts) if policy else (),
            notes=(*(policy_notes(policy) if policy else ()), shared_with_head_teacher()),
        )


def shared_with_head_teacher() -> str:
    """What the record tells the head teacher, and what it never holds (said on the certificate
    as it was before the assessment)."""
    return _(
        "The record goes to your head teacher with your scores, your answers and your scenario "
        "choices. Your private practice check and its action list are never in it."
    )


def contacts_text(certificate: Certificate) -> str:
    """Whom to tell and the notes, as plain lines (screen and plain mode)."""
    lines = []
    if certificate.contacts:
        with using_language(certificate.language):  # The record's language, throughout.
            lines.append(_("Who to tell:"))
            lines.extend(contact_lines(certificate.contacts))
    lines.extend(certificate.notes)
    return "\n".join(lines)


def certificate_html(certificate: Certificate) -> str:
    """A self-contained page that prints on one A4 sheet."""
    rows = "\n".join(
        f"      <tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
        for label, value in certificate.rows
    )
    return f"""<!DOCTYPE html>
<html lang="{escape(certificate.language)}">
<head>
  <meta charset="utf-8">
  <title>{escape(certificate.heading)}</title>
  <style>
    body {{ font-family: Georgia, serif; margin: 3cm auto; max-width: 17cm; color: #111; }}
    h1 {{ text-align: center; font-size: 24pt; border-bottom: 2px solid #111; }}
    table {{ width: 100%; border-collapse: collapse; margin: 1.5cm 0; font-size: 13pt; }}
    th {{ text-align: left; width: 35%; padding: 6pt; vertical-align: top; }}
    td {{ padding: 6pt; }}
    p {{ font-size: 10pt; color: #333; }}
    @media print {{ body {{ margin: 1cm auto; }} }}
  </style>
</head>
<body>
  <h1>{escape(certificate.heading)}</h1>
  <table>
{rows}
  </table>
{_contacts_html(certificate)}  <p>{escape(certificate.note)}</p>
</body>
</html>
"""


def _contacts_html(certificate: Certificate) -> str:
    parts = []
    if certificate.contacts:
        with using_language(certificate.language):
            heading = _("Who to tell")
        items = "\n".join(
            f"    <li><strong>{escape(who)}</strong>{': ' + escape(how) if how else ''}</li>"
            for who, how in certificate.contacts
        )
        parts.append(f"  <h2>{escape(heading)}</h2>\n  <ul>\n{items}\n  </ul>\n")
    parts.extend(f"  <p>{escape(note)}</p>\n" for note in certificate.notes)
    return "".join(parts)
