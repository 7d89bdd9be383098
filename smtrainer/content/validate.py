"""Check parsed TOML against a schema, collecting every problem with its key path."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from smtrainer.content.schema import ID, MAX_ID_LENGTH, Field, Kind
from smtrainer.i18n import _

Report = Callable[[str, str], None]
"""Called with (key path, message) for each problem."""

_ID_PATTERN = re.compile(ID)


def suggest(word: str, candidates: Sequence[str]) -> str | None:
    """The closest candidate to a misspelt `word`, if one is close enough."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def kind_name(value: object) -> str:
    """What a TOML author would call the kind of `value`."""
    if isinstance(value, bool):
        return _(Kind.BOOLEAN.value)
    if isinstance(value, int):
        return _(Kind.INTEGER.value)
    if isinstance(value, float):
        return _("float")
    if isinstance(value, str):
        return _(Kind.STRING.value)
    if isinstance(value, dt.datetime | dt.time):
        return _("date-time")
    if isinstance(value, dt.date):
        return _(Kind.DATE.value)
    if isinstance(value, dict):
        return _(Kind.TABLE.value)
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return _(Kind.TABLES.value)
        if value and all(isinstance(item, str) for item in value):
            return _(Kind.STRINGS.value)
        return _("array")
    return type(value).__name__


def _has_kind(value: object, kind: Kind) -> bool:
    match kind:
        case Kind.STRING:
            return isinstance(value, str)
        case Kind.INTEGER:
            return isinstance(value, int) and not isinstance(value, bool)
        case Kind.BOOLEAN:
            return isinstance(value, bool)
        case Kind.DATE:
            return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        case Kind.TABLE:
            return isinstance(value, dict)
        case Kind.TABLES:
            return isinstance(value, list) and all(isinstance(item, dict) for item in value)
        case Kind.STRINGS:
            return isinstance(value, list) and all(isinstance(item, str) for item in value)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def validate_table(
    data: dict[str, Any],
    fields: Sequence[Field],
    path: str,
    report: Report,
    renamed: Mapping[str, str] | None = None,
) -> bool:
    """Check `data` against `fields`; report each problem and return whether there were none.

    `renamed` maps keys an older format used to what replaced them, for a clearer message.
    """
    ok = True
    known = {f.name: f for f in fields}
    for key in data:
        if key not in known:
            ok = False
            hint = suggest(key, list(known))
            if renamed and key in renamed:
                message = _(
                    "'{key}' belongs to content format 1; in format 2 write {replacement}"
                ).format(key=key, replacement=renamed[key])
            elif hint:
                message = _("unknown key '{key}'; did you mean '{suggestion}'?").format(
                    key=key, suggestion=hint
                )
            else:
                message = _("unknown key '{key}'; expected one of: {allowed}").format(
                    key=key, allowed=", ".join(known)
                )
            report(join(path, key), message)
    for spec in fields:
        key_path = join(path, spec.name)
        if spec.name not in data:
            if spec.required:
                ok = False
                where = path or _("the top level")
                report(
                    path,
                    _("missing required key '{key}' in {table}").format(key=spec.name, table=where),
                )
            continue
        ok = _validate_value(data[spec.name], spec, key_path, report) and ok
    return ok


def _validate_value(value: object, spec: Field, path: str, report: Report) -> bool:
    if not _has_kind(value, spec.kind):
        expected = _(spec.kind.value)
        report(
            path,
            _("'{key}' must be {expected}, not {found}").format(
                key=spec.name, expected=expected, found=kind_name(value)
            ),
        )
        return False
    if isinstance(value, str):
        return _validate_text(value, spec, path, report)
    if spec.kind is Kind.INTEGER:
        assert isinstance(value, int)
        return _validate_range(value, spec, path, report)
    if spec.kind is Kind.TABLE:
        assert isinstance(value, dict)
        return validate_table(value, spec.fields, path, report)
    if spec.kind is Kind.TABLES:
        assert isinstance(value, list)
        ok = _validate_count(value, spec, path, report)
        for index, item in enumerate(value):
            ok = validate_table(item, spec.fields, f"{path}[{index}]", report) and ok
        return ok
    if spec.kind is Kind.STRINGS:
        assert isinstance(value, list)
        ok = _validate_count(value, spec, path, report)
        for index, item in enumerate(value):
            ok = _validate_text(item, spec, f"{path}[{index}]", report) and ok
        return ok
    return True


def _validate_text(value: str, spec: Field, path: str, report: Report) -> bool:
    if not value.strip():
        report(path, _("'{key}' must not be empty").format(key=spec.name))
        return False
    if spec.choices and value not in spec.choices:
        hint = suggest(value, spec.choices)
        message = _("'{key}' must be one of {choices}, not '{value}'").format(
            key=spec.name, choices=", ".join(spec.choices), value=value
        )
        if hint:
            message += " " + _("(did you mean '{suggestion}'?)").format(suggestion=hint)
        report(path, message)
        return False
    if spec.identifier and (not _ID_PATTERN.match(value) or len(value) > MAX_ID_LENGTH):
        report(
            path,
            _(
                "'{value}' is not a valid id: use lower-case letters and digits, "
                "separated by '-' or '.', at most {limit} characters"
            ).format(value=value, limit=MAX_ID_LENGTH),
        )
        return False
    return True


def _validate_range(value: int, spec: Field, path: str, report: Report) -> bool:
    low = spec.minimum if spec.minimum is not None else value
    high = spec.maximum if spec.maximum is not None else value
    if low <= value <= high:
        return True
    if low == high:
        message = _("'{key}' must be {expected}, not {value}").format(
            key=spec.name, expected=low, value=value
        )
    else:
        message = _("'{key}' must be between {minimum} and {maximum}, not {value}").format(
            key=spec.name, minimum=low, maximum=high, value=value
        )
    report(path, message)
    return False


def _validate_count(items: list[Any], spec: Field, path: str, report: Report) -> bool:
    if len(items) < spec.min_items:
        report(
            path,
            _("'{key}' needs at least {minimum} entries, found {found}").format(
                key=spec.name, minimum=spec.min_items, found=len(items)
            ),
        )
        return False
    if spec.max_items is not None and len(items) > spec.max_items:
        report(
            path,
            _("'{key}' allows at most {maximum} entries, found {found}").format(
                key=spec.name, maximum=spec.max_items, found=len(items)
            ),
        )
        return False
    return True
