"""Reading staff lists as school information systems export them."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from smtrainer.domain.roles import ROLES
from smtrainer.domain.roster import Roster, StaffMember
from smtrainer.i18n import _

HEADERS = {
    "id": (
        "staff id",
        "id",
        "staff_id",
        "staffid",
        "staff code",
        "employee id",
        "employee number",
        "payroll number",
        "upn",
        "identifiant",
        "code",
    ),
    "name": ("name", "full name", "fullname", "staff name", "display name", "nom", "nom complet"),
    "first": (
        "first name",
        "firstname",
        "forename",
        "given name",
        "legal forename",
        "prénom",
        "prenom",
    ),
    "last": ("last name", "lastname", "surname", "family name", "legal surname", "nom de famille"),
    "role": (
        "role",
        "job title",
        "position",
        "post",
        "staff type",
        "category",
        "fonction",
        "poste",
    ),
    "email": ("email", "e-mail", "email address", "work email", "courriel", "adresse e-mail"),
}
ROLE_WORDS = {
    "ta": "teaching-assistant",
    "teaching assistant": "teaching-assistant",
    "learning support assistant": "teaching-assistant",
    "lsa": "teaching-assistant",
    "admin": "office",
    "administrator": "office",
    "office": "office",
    "supply teacher": "supply",
    "enseignant": "teacher",
    "enseignante": "teacher",
    "bénévole": "volunteer",
}


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)


def _column(fields: list[str], kind: str) -> int | None:
    names = [re.sub(r"\s+", " ", f.strip().lower().replace("_", " ")) for f in fields]
    for candidate in HEADERS[kind]:
        if candidate in names:
            return names.index(candidate)
    return None


def role_id(text: str) -> str:
    """A role id for a role as written in a staff list; unknown roles are kept as written."""
    word = re.sub(r"\s+", " ", text.strip().lower())
    slug = word.replace(" ", "-")
    if slug in ROLES:
        return slug
    return ROLE_WORDS.get(word, text.strip())


def import_staff(data: bytes, roster: Roster) -> ImportResult:
    """Merge a CSV staff list into `roster` (approved keys are kept)."""
    result = ImportResult()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        result.problems.append(_("the file is empty"))
        return result
    header = rows[0]
    columns = {kind: _column(header, kind) for kind in HEADERS}
    if columns["id"] is None or (columns["name"] is None and columns["last"] is None):
        result.problems.append(
            _("no staff id and name columns found in the header: {header}").format(
                header=", ".join(header)
            )
        )
        return result

    def cell(row: list[str], kind: str) -> str:
        index = columns[kind]
        return row[index].strip() if index is not None and index < len(row) else ""

    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        staff_id = cell(row, "id")
        name = cell(row, "name") or " ".join(
            p for p in (cell(row, "first"), cell(row, "last")) if p
        )
        if not staff_id or not name:
            result.problems.append(_("line {line}: no staff id or no name").format(line=number))
            continue
        member = roster.staff.get(staff_id)
        if member is None:
            roster.staff[staff_id] = StaffMember(
                staff_id, name, role_id(cell(row, "role")), cell(row, "email")
            )
            result.added += 1
        else:
            member.name = name
            member.role = role_id(cell(row, "role")) or member.role
            member.email = cell(row, "email") or member.email
            result.updated += 1
    return result
