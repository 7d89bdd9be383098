"""Every policy pack installed, each usable or not on its own.

Packs are read from one or more content folders (the bundled content, then a school's own); a
pack in a later folder replaces one with the same id in an earlier folder. A broken pack keeps
its own problems and does not stop the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem
from smtrainer.i18n import SUPPORTED_LANGUAGES, _

CATALOG_FORMAT = 2


@dataclass
class PackEntry:
    """One installed pack: its policy in every language, or the errors that stop its use."""

    policy_id: str
    policies: Mapping[str, Policy] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.errors and all(lang in self.policies for lang in SUPPORTED_LANGUAGES)


@dataclass
class Catalog:
    """The packs found, by policy id, and problems that belong to no pack (e.g. an empty folder)."""

    packs: dict[str, PackEntry] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)

    def usable(self) -> list[PackEntry]:
        """The packs that can be used, by id."""
        return [entry for _id, entry in sorted(self.packs.items()) if entry.usable]

    def broken(self) -> list[PackEntry]:
        return [entry for _id, entry in sorted(self.packs.items()) if not entry.usable]

    def all_errors(self) -> list[Problem]:
        """Every error, those of the folders first, then each broken pack's."""
        found = list(self.errors)
        for entry in self.broken():
            found.extend(entry.errors)
        return found


class CachedCatalog(msgspec.Struct, frozen=True):
    """What the checked-content cache holds: every pack's errors and languages, and its
    policies kept encoded until that pack is used (start-up decodes only the chosen pack)."""

    format: int
    languages: dict[str, list[str]]
    policies: dict[str, msgspec.Raw]
    pack_errors: dict[str, list[Problem]]
    errors: list[Problem]


class LazyPolicies(Mapping[str, Policy]):
    """A pack's policy by language, decoded from the cache on first use; a damaged entry
    reads as no policy at all."""

    def __init__(self, languages: list[str], raw: msgspec.Raw | None) -> None:
        self.languages = languages
        self.raw = raw
        self.decoded: dict[str, Policy] | None = None

    def _policies(self) -> dict[str, Policy]:
        if self.decoded is None:
            try:
                raw = self.raw if self.raw is not None else b"{}"
                self.decoded = msgspec.json.decode(raw, type=dict[str, Policy])
            except msgspec.MsgspecError:
                self.decoded = {}
        return self.decoded

    def __getitem__(self, language: str) -> Policy:
        return self._policies()[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._policies())

    def __len__(self) -> int:
        return len(self._policies())

    def __contains__(self, language: object) -> bool:
        """Answered from the languages listed, without decoding (until decoded)."""
        if self.decoded is not None:
            return language in self.decoded
        return language in self.languages


def encode_catalog(catalog: Catalog) -> bytes:
    return msgspec.json.encode(
        CachedCatalog(
            CATALOG_FORMAT,
            {pid: sorted(entry.policies) for pid, entry in catalog.packs.items()},
            {
                pid: msgspec.Raw(msgspec.json.encode(dict(entry.policies)))
                for pid, entry in catalog.packs.items()
            },
            {pid: entry.errors for pid, entry in catalog.packs.items()},
            catalog.errors,
        )
    )


def decode_catalog(data: bytes) -> Catalog | None:
    """The catalog a cache holds; None if it is not what this version writes. Each pack's
    policies are checked against the model when first used."""
    try:
        cached = msgspec.json.decode(data, type=CachedCatalog)
    except msgspec.MsgspecError:
        return None
    if cached.format != CATALOG_FORMAT:
        return None
    packs = {
        pid: PackEntry(
            pid,
            LazyPolicies(cached.languages.get(pid, []), cached.policies.get(pid)),
            list(errors),
        )
        for pid, errors in cached.pack_errors.items()
    }
    return Catalog(packs, list(cached.errors))


def load_catalog(roots: Sequence[Path]) -> Catalog:
    """Read and check every pack under each of `roots`, keeping each pack's errors apart.

    Raises ContentFolderError when a folder itself cannot be used.
    """
    catalog = Catalog()
    empty: list[Problem] = []
    for root in roots:
        found = _load_root(root)
        catalog.packs.update(found.packs)
        (catalog.errors if found.packs else empty).extend(found.errors)
    if not catalog.packs:
        # "No packs here" in one folder does not matter when another folder has some.
        catalog.errors.extend(empty)
    return catalog


def _load_root(root: Path) -> Catalog:
    # Imported here: reading, checking and building are only needed when the cache misses.
    from smtrainer.content.build import build_policy
    from smtrainer.content.hashing import module_hashes
    from smtrainer.content.loader import load_tree
    from smtrainer.content.sources import display_path

    tree = load_tree(root)
    errors = [p for p in tree.problems.sorted() if p.is_error]
    catalog = Catalog()
    claimed: set[int] = set()
    for policy_id, packs in sorted(tree.packs.items()):
        folders = tuple(display_path(pack.folder) + "/" for pack in packs.values())
        own = [
            index
            for index, problem in enumerate(errors)
            if (problem.file + "/").startswith(folders)
        ]
        claimed.update(own)
        entry = PackEntry(policy_id, errors=[errors[index] for index in own])
        missing = [lang for lang in SUPPORTED_LANGUAGES if lang not in packs]
        for language in missing:
            entry.errors.append(
                Problem(
                    display_path(root / language),
                    None,
                    "",
                    _("policy '{policy}' has no '{language}' version").format(
                        policy=policy_id, language=language
                    ),
                )
            )
        if not entry.errors:
            hashes = module_hashes(packs)
            entry.policies = {lang: build_policy(pack, hashes) for lang, pack in packs.items()}
        catalog.packs[policy_id] = entry
    # A missing language is reported against the language folder; it is the pack's error now.
    catalog.errors = [
        problem
        for index, problem in enumerate(errors)
        if index not in claimed
        and not any(problem in entry.errors for entry in catalog.packs.values())
    ]
    return catalog
