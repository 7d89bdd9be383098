"""Reading staff lists as school information systems export them.

CSV in UTF-8 (with or without a byte order mark), UTF-16 (Excel's "Unicode Text") or
Windows-1252, separated by commas, semicolons, tabs or bars; or an Excel workbook (.xlsx, its
first sheet). Headers in English or French (`Nom;Prénom;Matricule`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from smtrainer.domain.ids import is_staff_id, staff_key
from smtrainer.domain.record_values import clean_text, text_problem
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
        "matricule",
        "numéro",
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
    "last": (
        "last name",
        "lastname",
        "surname",
        "family name",
        "legal surname",
        "nom de famille",
        "nom d'usage",
    ),
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
    left: int = 0
    """People no longer in the list, marked as having left (with `replace`)."""
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.left)


def _column(fields: list[str], kind: str) -> int | None:
    names = [re.sub(r"\s+", " ", f.strip().lower().replace("_", " ")) for f in fields]
    for candidate in HEADERS[kind]:
        if candidate in names:
            return names.index(candidate)
    return None


def _columns(header: list[str]) -> dict[str, int | None]:
    columns = {kind: _column(header, kind) for kind in HEADERS}
    # French lists often have "Nom" (family name) beside "Prénom": then "Nom" is the surname.
    if columns["first"] is not None and columns["last"] is None and columns["name"] is not None:
        columns["last"], columns["name"] = columns["name"], None
    return columns


def role_id(text: str) -> str:
    """A role id for a role as written in a staff list; unknown roles are kept as written."""
    word = re.sub(r"\s+", " ", text.strip().lower())
    slug = word.replace(" ", "-")
    if slug in ROLES:
        return slug
    return ROLE_WORDS.get(word, text.strip())


XLSX_MAGIC = b"PK\x03\x04"


def read_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV text in any of the encodings above, or of an .xlsx workbook;
    RosterFormatError saying why when it is neither."""
    if data.startswith(XLSX_MAGIC):
        return _xlsx_rows(data)
    text = _decode(data)
    if "\x00" in text:
        raise RosterFormatError(_("not a CSV text or an .xlsx workbook"))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise RosterFormatError(
            _("not a readable CSV text: {detail}").format(detail=error)
        ) from None


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RosterFormatError(_("damaged UTF-16 text")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _xlsx_rows(data: bytes) -> list[list[str]]:
    import zipfile

    import openpyxl  # type: ignore[import-untyped]  # Only when a workbook is imported.

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise RosterFormatError(
            _("not a readable .xlsx workbook: {detail}").format(detail=error)
        ) from None
    try:
        sheet = book.worksheets[0]
        return [
            ["" if value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        book.close()


class RosterFormatError(ValueError):
    """The staff list is not a CSV text or workbook we can read."""


def import_staff(
    data: bytes, roster: Roster, *, name: str = "", replace: bool = False
) -> ImportResult:
    """Merge a staff list into `roster` (approved keys are kept). With `replace`, people of the
    roster missing from the list are marked as having left (their records are kept)."""
    result = ImportResult()
    try:
        rows = read_rows(data)
    except RosterFormatError as error:
        result.problems.append(str(error))
        return result
    if not rows:
        result.problems.append(_("the file is empty"))
        return result
    header = rows[0]
    columns = _columns(header)
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

    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        staff_id = cell(row, "id")
        full_name = cell(row, "name") or " ".join(
            p for p in (cell(row, "first"), cell(row, "last")) if p
        )
        if not staff_id or not full_name:
            result.problems.append(_("line {line}: no staff id or no name").format(line=number))
            continue
        if not is_staff_id(staff_id):
            result.problems.append(
                _(
                    "line {line}: staff id {id} is not letters and digits separated by '-', '_' "
                    "or '.' (at most 64)"
                ).format(line=number, id=staff_id)
            )
            continue
        full_name = clean_text(full_name)
        if text_problem(full_name) or text_problem(clean_text(cell(row, "role"))):
            result.problems.append(
                _("line {line}: the name or role holds control characters").format(line=number)
            )
            continue
        key = staff_key(staff_id)
        if key in seen:
            result.problems.append(
                _(
                    "line {line}: staff id {id} is already on line {first}; this line is left out"
                ).format(line=number, id=staff_id, first=seen[key])
            )
            continue
        seen[key] = number
        member = roster.member(staff_id)
        if member is None:
            roster.add(
                StaffMember(staff_id, full_name, role_id(cell(row, "role")), cell(row, "email"))
            )
            result.added += 1
        else:
            member.name = full_name
            member.role = role_id(cell(row, "role")) or member.role
            member.email = cell(row, "email") or member.email
            member.left_on = ""
            result.updated += 1
    if replace and seen:
        today = dt.date.today().isoformat()
        for key, member in roster.staff.items():
            if key not in seen and not member.left_on:
                member.left_on = today
                result.left += 1
    return result
