"""Proof that every language of a pack has the same structure: only the text may differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale

from smtrainer.content.pack import QUESTION_LISTS, PackSource, items
from smtrainer.content.sources import Problems, SourceFile, display_path
from smtrainer.content.validate import join
from smtrainer.domain.problems import Severity
from smtrainer.i18n import N_, _, current_language

Path_ = tuple[str, ...]
"""A logical place in a module, by ids: ("scenarios", "sc-1", "steps", "s1")."""

_LABELS = {
    "key_points": N_("key point '{id}'"),
    "scenarios": N_("scenario '{id}'"),
    "steps": N_("step '{id}'"),
    "choices": N_("choice '{id}'"),
    "check_questions": N_("check question '{id}'"),
    "questions": N_("question '{id}'"),
    "self_check": N_("self-check item '{id}'"),
    "sections": N_("section '{id}'"),
    "contacts": N_("contact '{id}'"),
    "roles": N_("role '{id}'"),
}
_TEXT_FIELDS = ("title", "summary", "body", "text", "feedback", "prompt", "explanation", "action")
_MIN_TEXT_FOR_WARNING = 25


@dataclass
class Entry:
    key: str
    value: object = None


@dataclass
class Structure:
    """What must match across languages, plus the text that must not."""

    shape: dict[Path_, Entry]
    text: dict[Path_, Entry]


def language_name(code: str) -> str:
    """The name of a language in the active language, e.g. "anglais"."""
    try:
        return str(Locale.parse(code).get_display_name(current_language()))
    except (ValueError, TypeError):
        return code


def describe(path: Path_) -> str:
    """A reader's description of a logical place, e.g. "scenario 'x' › step 'y' › verdict"."""
    parts: list[str] = []
    index = 0
    while index < len(path):
        part = path[index]
        if part in _LABELS and index + 1 < len(path):
            parts.append(_(_LABELS[part]).format(id=path[index + 1]))
            index += 2
        else:
            parts.append(part)
            index += 1
    return " › ".join(parts)


def _walk(
    data: dict[str, Any], list_key: str, key: str, path: Path_, out: Structure, id_key: str = "id"
) -> list[tuple[str, Path_, dict[str, Any]]]:
    found = []
    for entry_key, entry in items(data, list_key):
        full_key = join(key, entry_key)
        entry_path = (*path, list_key, str(entry[id_key]))
        out.shape[entry_path] = Entry(full_key)
        for name in _TEXT_FIELDS:
            if isinstance(entry.get(name), str):
                out.text[(*entry_path, name)] = Entry(join(full_key, name), entry[name])
        found.append((full_key, entry_path, entry))
    return found


def _fields(key: str, path: Path_, out: Structure, **fields: object) -> None:
    for name, value in fields.items():
        out.shape[(*path, name)] = Entry(join(key, name), value)


def module_structure(module: dict[str, Any]) -> Structure:
    out = Structure({}, {})
    out.shape[("minutes",)] = Entry("minutes", module["minutes"])
    for name in ("title", "summary", "confidence"):
        out.text[(name,)] = Entry(name, module[name])
    for key, path, point in _walk(module, "key_points", "", (), out):
        _fields(key, path, out, section=point["section"])
    for key, path, scenario in _walk(module, "scenarios", "", (), out):
        start = scenario.get("start", scenario["steps"][0]["id"])
        _fields(key, path, out, section=scenario["section"], start=start)
        for step_key, step_path, step in _walk(scenario, "steps", key, path, out):
            for choice_key, choice_path, choice in _walk(step, "choices", step_key, step_path, out):
                _fields(
                    choice_key,
                    choice_path,
                    out,
                    verdict=choice["verdict"],
                    next=choice.get("next"),
                    section=choice["section"],
                )
    for list_key in QUESTION_LISTS:
        for key, path, question in _walk(module, list_key, "", (), out):
            _fields(
                key,
                path,
                out,
                kind=question["kind"],
                section=question["section"],
                answer=question.get("answer"),
            )
            for option_key, option_path, option in _walk(question, "choices", key, path, out):
                _fields(
                    option_key,
                    option_path,
                    out,
                    correct=option.get("correct", False),
                    section=option.get("section"),
                )
    for key, path, item in _walk(module, "self_check", "", (), out):
        _fields(key, path, out, section=item["section"])
    return out


def policy_structure(policy: dict[str, Any]) -> Structure:
    out = Structure({}, {})
    out.shape[("adopted",)] = Entry("adopted", policy.get("adopted"))
    for name in ("version", "pass_mark", "refresher_months"):
        out.shape[(name,)] = Entry(name, policy[name])
    out.shape[("staff_id",)] = Entry("staff_id", policy.get("staff_id", "optional"))
    out.shape[("format",)] = Entry("format", policy["format"])
    assessment = policy.get("assessment")
    if assessment is None:
        out.shape[("assessment_size",)] = Entry("assessment_size", policy.get("assessment_size"))
    else:
        for name in ("size", "per_module", "essential_sections"):
            out.shape[("assessment", name)] = Entry(
                f"assessment.{name}", _tuple(assessment.get(name))
            )
    for name in ("introduction", "full_policy"):
        if name in policy:
            out.text[(name,)] = Entry(name, policy[name])
    out.shape[("acknowledgement", "mode")] = Entry(
        "acknowledgement.mode", policy["acknowledgement"]["mode"]
    )
    out.text[("acknowledgement", "text")] = Entry(
        "acknowledgement.text", policy["acknowledgement"]["text"]
    )
    _walk(policy, "sections", "", (), out)
    _walk(policy, "contacts", "", (), out, id_key="role")
    _walk(policy, "roles", "", (), out)
    return out


def _tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _parent(path: Path_) -> Path_:
    return path[:-2] if len(path) >= 2 else ()


def compare(
    reference: Structure,
    reference_file: SourceFile,
    reference_language: str,
    other: Structure,
    other_file: SourceFile,
    problems: Problems,
) -> None:
    """Report where `other` differs in structure from `reference`."""
    ref_name = language_name(reference_language)
    for path, entry in reference.shape.items():
        if path in other.shape:
            value = other.shape[path].value
            if value != entry.value:
                other_file.report(
                    problems,
                    other.shape[path].key,
                    _("{what} is {value} here but {expected} in the {language} version").format(
                        what=describe(path),
                        value=_show(value),
                        expected=_show(entry.value),
                        language=ref_name,
                    ),
                )
        elif _parent(path) in other.shape or not _parent(path):
            line = reference_file.line(entry.key)
            where = f"{reference_file.display}:{line}" if line else reference_file.display
            parent = _parent(path)
            other_file.report(
                problems,
                other.shape[parent].key if parent else "",
                _("{what} is missing here but present in the {language} version ({where})").format(
                    what=describe(path), language=ref_name, where=where
                ),
            )
    for path, entry in other.shape.items():
        if path not in reference.shape and (_parent(path) in reference.shape or not _parent(path)):
            other_file.report(
                problems,
                entry.key,
                _("{what} is not in the {language} version").format(
                    what=describe(path), language=ref_name
                ),
            )
    for path, entry in reference.text.items():
        translated = other.text.get(path)
        if (
            translated is not None
            and translated.value == entry.value
            and len(str(entry.value)) >= _MIN_TEXT_FOR_WARNING
        ):
            other_file.report(
                problems,
                translated.key,
                _("text is identical to the {language} version; is it translated?").format(
                    language=ref_name
                ),
                Severity.WARNING,
            )


def _show(value: object) -> str:
    if value is None:
        return _("(none)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    return str(value)


def check_parity(packs: dict[str, PackSource], reference_language: str, problems: Problems) -> None:
    """Compare every language of one pack with the reference language."""
    reference = packs.get(reference_language)
    if reference is None:
        return
    ref_policy = reference.policy_data
    ref_modules = {data["id"]: (source, data) for source, data in reference.valid_modules()}
    for language, pack in sorted(packs.items()):
        if language == reference_language:
            continue
        policy = pack.policy_data
        if ref_policy and policy and reference.policy and pack.policy:
            compare(
                policy_structure(ref_policy),
                reference.policy,
                reference_language,
                policy_structure(policy),
                pack.policy,
                problems,
            )
        _compare_modules(reference, ref_modules, pack, language, problems)


def _broken_ids(pack: PackSource) -> tuple[bool, set[str]]:
    """Ids of modules whose files have errors, and whether some file could not be parsed at all.

    Their counterparts are not reported missing: the error in the broken file is reported already.
    """
    unparsed = any(module.data is None for module in pack.modules)
    ids = {
        module.data["id"]
        for module in pack.modules
        if not module.valid and module.data is not None and isinstance(module.data.get("id"), str)
    }
    return unparsed, ids


def _compare_modules(
    reference: PackSource,
    ref_modules: dict[str, tuple[SourceFile, dict[str, Any]]],
    pack: PackSource,
    language: str,
    problems: Problems,
) -> None:
    other_modules = {data["id"]: (source, data) for source, data in pack.valid_modules()}
    other_unknown, other_broken = _broken_ids(pack)
    ref_unknown, ref_broken = _broken_ids(reference)
    folder = display_path(pack.folder)
    for module_id, (ref_source, ref_data) in ref_modules.items():
        if module_id in other_modules:
            source, data = other_modules[module_id]
            compare(
                module_structure(ref_data),
                ref_source,
                reference.language,
                module_structure(data),
                source,
                problems,
            )
        elif module_id not in other_broken and not other_unknown:
            problems.add(
                folder,
                "",
                _("module '{module}' ({file}) has no {language} version").format(
                    module=module_id, file=ref_source.display, language=language_name(language)
                ),
            )
    for module_id, (source, _data) in other_modules.items():
        if module_id not in ref_modules and module_id not in ref_broken and not ref_unknown:
            source.report(
                problems,
                "id",
                _("module '{module}' has no {language} version").format(
                    module=module_id, language=language_name(reference.language)
                ),
            )
    ref_order = [m for m in ref_modules if m in other_modules]
    other_order = [m for m in other_modules if m in ref_modules]
    if ref_order != other_order:
        problems.add(
            folder,
            "",
            _("modules are in a different order from the {language} version").format(
                language=language_name(reference.language)
            ),
        )
