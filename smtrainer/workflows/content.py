"""Loading the policy packs for the app (from the checked-content cache when nothing has
changed), and choosing the pack a session uses."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from smtrainer.content.catalog import (
    Catalog,
    PackEntry,
    decode_catalog,
    encode_catalog,
    load_catalog,
)
from smtrainer.content.policies import PolicySet, content_roots, content_signature
from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem
from smtrainer.i18n import SUPPORTED_LANGUAGES, _, current_language
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.cache import read_cache, write_cache
from smtrainer.storage.settings import load_settings

CACHE_NAME = "checked-content.json"


class UnknownPolicyError(Exception):
    """`--policy` names a pack that is not installed."""


def load_and_choose(
    content_dir: Path | None, *, content_only: bool, requested: str | None, saved: str | None
) -> Chosen:
    """`load_installed` then `choose_policy`; a chosen pack the cache cannot give back (a
    damaged cache file) is read and checked again from its files."""
    catalog = load_installed(content_dir, content_only=content_only)
    chosen = choose_policy(catalog, requested, saved)
    shown = [dict(entry.policies) for entry in chosen.choices] if chosen.pick else []
    if chosen.policy_id is not None and not chosen.problems:
        shown.append(chosen.policies)
    if not all(_complete(policies) for policies in shown):
        catalog = load_installed(content_dir, content_only=content_only, cached=False)
        chosen = choose_policy(catalog, requested, saved)
    return chosen


def _complete(policies: Mapping[str, Policy]) -> bool:
    return all(language in policies for language in SUPPORTED_LANGUAGES)


def load_installed(
    content_dir: Path | None = None, *, content_only: bool = False, cached: bool = True
) -> Catalog:
    """Every installed pack, checked; ContentFolderError if a folder cannot be used.

    The packs are the bundled ones plus those in `content_dir` (or only those, `content_only`).
    The cache is keyed by every file's path, size and modification time, so any edit of the
    content means a full check again.
    """
    roots = content_roots(content_dir, only=content_only)
    signature = content_signature(roots)
    data = read_cache(CACHE_NAME, signature) if cached else None
    if data is not None:
        catalog = decode_catalog(data)
        if catalog is not None:
            return catalog
    catalog = load_catalog(roots)
    with contextlib.suppress(StorageError):  # A cache that cannot be written is only slower.
        write_cache(CACHE_NAME, signature, encode_catalog(catalog))
    return catalog


@dataclass
class Chosen:
    """The pack a session starts with, or the reason it cannot start."""

    policy_id: str | None
    """None with `pick`: the learner chooses; None without: nothing can be used."""
    policies: dict[str, Policy] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Set when the chosen pack (or every pack) is broken: the content-problems screen."""
    pick: bool = False
    choices: list[PackEntry] = field(default_factory=list)
    """The usable packs, for the picker and for changing the choice later."""
    skipped: list[PackEntry] = field(default_factory=list)
    """Broken packs left out (reported, not fatal)."""


def choose_policy(catalog: Catalog, requested: str | None, saved: str | None) -> Chosen:
    """`--policy`, then the saved choice, then the picker when several packs can be used,
    then the only pack. UnknownPolicyError when `requested` is not installed."""
    usable = catalog.usable()
    skipped = catalog.broken()
    if requested is not None:
        entry = catalog.packs.get(requested)
        if entry is None:
            raise UnknownPolicyError(
                _("no policy pack '{policy}' is installed; installed: {ids}").format(
                    policy=requested, ids=", ".join(sorted(catalog.packs)) or "-"
                )
            )
        if not entry.usable:
            return Chosen(requested, problems=entry.errors, choices=usable, skipped=skipped)
        return Chosen(requested, dict(entry.policies), choices=usable, skipped=skipped)
    by_id = {entry.policy_id: entry for entry in usable}
    if saved in by_id:
        entry = by_id[saved]
    elif len(usable) > 1:
        return Chosen(None, pick=True, choices=usable, skipped=skipped)
    elif usable:
        entry = usable[0]
    else:
        return Chosen(None, problems=catalog.all_errors(), skipped=skipped)
    return Chosen(entry.policy_id, dict(entry.policies), choices=usable, skipped=skipped)


def load_for_app(content_dir: Path | None = None) -> PolicySet:
    """One pack for tools that show one policy: the packs in `content_dir` (default: the
    bundled ones), the saved choice or else the first usable pack by id."""
    catalog = load_installed(content_dir, content_only=content_dir is not None)
    chosen = choose_policy(catalog, None, load_settings().policy)
    if chosen.pick:
        first = chosen.choices[0]
        return PolicySet(first.policy_id, dict(first.policies))
    return PolicySet(chosen.policy_id, chosen.policies, chosen.problems)


def label(entry: PackEntry) -> str:
    """ "School: policy title" in the active language, to choose a pack by."""
    policy = entry.policies.get(current_language()) or next(iter(entry.policies.values()))
    return _("{school}: {title}").format(school=policy.school, title=policy.title)
