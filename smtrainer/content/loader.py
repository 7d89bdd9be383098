"""Find, read and check every policy pack under a content folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smtrainer.content.acknowledgements import apply_acknowledgements
from smtrainer.content.checks import check_pack
from smtrainer.content.cues import CUE_FORMAT, check_cues
from smtrainer.content.errors import ContentFolderError
from smtrainer.content.pack import PackSource, counts
from smtrainer.content.parity import check_parity
from smtrainer.content.schema import (
    FORMATS,
    POLICY_FILE,
    RENAMED_IN_V2,
    declared_format,
    module_schema,
    policy_schema,
)
from smtrainer.content.sources import Problems, SourceFile, display_path, read_toml
from smtrainer.content.validate import validate_table
from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.problems import Severity
from smtrainer.i18n import SOURCE_LANGUAGE, SUPPORTED_LANGUAGES, _

IGNORED_FILES = {"README.md", ".DS_Store"}


@dataclass
class ContentTree:
    """Every pack found under a content folder, by policy id then language, and the problems."""

    root: Path
    packs: dict[str, dict[str, PackSource]] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)

    def formats(self) -> dict[str, dict[str, int]]:
        """The content format of each pack, by policy id then language."""
        return {
            policy_id: {lang: pack.format for lang, pack in sorted(languages.items())}
            for policy_id, languages in sorted(self.packs.items())
        }

    def counts(self) -> dict[str, dict[str, dict[str, int]]]:
        return {
            policy_id: {lang: counts(pack) for lang, pack in sorted(languages.items())}
            for policy_id, languages in sorted(self.packs.items())
        }


def load_tree(root: Path, *, cues: bool = False) -> ContentTree:
    """Read and check everything under `root`; raise ContentFolderError only if it is unusable.

    With `cues`, format 2 packs are also checked for answer cues (what `smtrainer check` does;
    loading for the app skips that work).
    """
    if not root.exists():
        raise ContentFolderError(_("content folder not found: {path}").format(path=root))
    if not root.is_dir():
        raise ContentFolderError(_("not a folder: {path}").format(path=root))
    tree = ContentTree(root)
    problems = tree.problems
    for language_dir in _subfolders(root, problems):
        language = language_dir.name
        if language not in SUPPORTED_LANGUAGES:
            problems.add(
                display_path(language_dir),
                "",
                _("'{name}' is not a supported language ({supported}); folder ignored").format(
                    name=language, supported=", ".join(SUPPORTED_LANGUAGES)
                ),
                severity=Severity.WARNING,
            )
            continue
        for pack_dir in _subfolders(language_dir, problems):
            pack = _read_pack(pack_dir, language, problems)
            tree.packs.setdefault(pack.policy_id, {})[language] = pack
    if not tree.packs:
        problems.add(
            display_path(root),
            "",
            _("no policy packs found: expected {layout}").format(
                layout="<lang>/<policy-id>/" + POLICY_FILE
            ),
        )
    for policy_id, languages in sorted(tree.packs.items()):
        for pack in languages.values():
            start = len(problems.items)
            check_pack(pack, problems)
            if cues and pack.format >= CUE_FORMAT:
                check_cues(pack, problems)
            apply_acknowledgements(pack, problems, start, report_unused=cues)
        for language in SUPPORTED_LANGUAGES:
            if language not in languages:
                problems.add(
                    display_path(root / language),
                    "",
                    _("policy '{policy}' has no '{language}' version").format(
                        policy=policy_id, language=language
                    ),
                )
        check_parity(languages, SOURCE_LANGUAGE, problems)
    return tree


def _subfolders(folder: Path, problems: Problems) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        problems.add(
            display_path(folder),
            "",
            _("cannot read folder: {reason}").format(reason=os_reason(error)),
        )
        return []
    found = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name in IGNORED_FILES:
            continue
        if entry.is_dir():
            found.append(entry)
        else:
            problems.add(
                display_path(entry),
                "",
                _("unexpected file here; only folders belong at this level"),
                severity=Severity.WARNING,
            )
    return found


def _read_pack(folder: Path, language: str, problems: Problems) -> PackSource:
    pack = PackSource(folder.name, language, folder)
    policy_path = folder / POLICY_FILE
    if not policy_path.is_file():
        problems.add(
            display_path(folder),
            "",
            _("missing {file}: every pack needs its policy metadata").format(file=POLICY_FILE),
        )
    else:
        pack.policy = read_toml(policy_path, problems)
        if pack.policy.data is not None:
            pack.policy.valid = validate_table(
                pack.policy.data,
                policy_schema(pack.policy.data),
                "",
                pack.policy.reporter(problems),
                RENAMED_IN_V2,
            )
            pack.format = declared_format(pack.policy.data)
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return pack
    for entry in entries:
        if entry.name == POLICY_FILE or entry.name.startswith(".") or entry.name in IGNORED_FILES:
            continue
        if entry.suffix != ".toml" or not entry.is_file():
            problems.add(
                display_path(entry),
                "",
                _("not a module file (modules are .toml files); ignored"),
                severity=Severity.WARNING,
            )
            continue
        module = read_toml(entry, problems)
        if module.data is not None and _same_format(pack, module, problems):
            module.valid = validate_table(
                module.data, module_schema(module.data), "", module.reporter(problems)
            )
        pack.modules.append(module)
    return pack


def _same_format(pack: PackSource, module: SourceFile, problems: Problems) -> bool:
    """A pack is written in one format: its modules say the format its policy.toml says."""
    if module.data is None or pack.policy is None or pack.policy.data is None:
        return True
    module_format = module.data.get("format")
    if module_format in FORMATS and module_format != pack.format:
        module.report(
            problems,
            "format",
            _(
                "module is format {module_format} but {file} is format {policy_format}; "
                "a pack uses one format throughout"
            ).format(module_format=module_format, file=POLICY_FILE, policy_format=pack.format),
        )
        return False
    return True
