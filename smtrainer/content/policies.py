"""One policy pack in every language, ready to use, or the problems that stop it being used."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from smtrainer import __version__
from smtrainer.content.catalog import CATALOG_FORMAT, Catalog, load_catalog
from smtrainer.content.errors import ContentFolderError
from smtrainer.content.location import bundled_content_dir
from smtrainer.domain import model as model_module
from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem
from smtrainer.i18n import _


@dataclass
class PolicySet:
    """One policy in each language it has; `errors` is empty when all of them can be used."""

    policy_id: str | None
    policies: dict[str, Policy] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)


def content_roots(content_dir: Path | None = None, *, only: bool = False) -> list[Path]:
    """The folders packs are read from: the bundled content, then `content_dir` (whose packs
    replace bundled ones with the same id), or `content_dir` alone when `only`."""
    if content_dir is None:
        return [bundled_content_dir()]
    if only:
        return [content_dir]
    return [bundled_content_dir(), content_dir]


def load_policy_set(content_dir: Path | None = None, policy_id: str | None = None) -> PolicySet:
    """Load and check the pack `policy_id` in `content_dir` (default: the bundled content);
    without an id, the only pack there (an error when there are several).

    Raises ContentFolderError when the folder itself cannot be used.
    """
    catalog = load_catalog([content_dir or bundled_content_dir()])
    return policy_set_of(catalog, policy_id)


def policy_set_of(catalog: Catalog, policy_id: str | None) -> PolicySet:
    """One pack of the catalog, with its errors (or why there is none to give)."""
    if policy_id is None:
        if len(catalog.packs) > 1:
            message = _(
                "several policy packs are installed ({ids}); choose one with --policy"
            ).format(ids=", ".join(sorted(catalog.packs)))
            return PolicySet(None, errors=[Problem("", None, "", message)])
        policy_id = next(iter(catalog.packs), None)
    entry = catalog.packs.get(policy_id) if policy_id else None
    if entry is None:
        if catalog.errors:
            return PolicySet(policy_id, errors=list(catalog.errors))
        message = _("no policy pack '{policy}' is installed; installed: {ids}").format(
            policy=policy_id, ids=", ".join(sorted(catalog.packs)) or "-"
        )
        return PolicySet(policy_id, errors=[Problem("", None, "", message)])
    return PolicySet(policy_id, dict(entry.policies), list(entry.errors))


def content_signature(roots: Sequence[Path]) -> str:
    """Changes whenever any file under the content folders changes (path, size or time), and
    whenever the code that builds the cached model does."""
    names = "|".join(str(root) for root in roots)
    digest = hashlib.sha256(f"{__version__}|{CATALOG_FORMAT}|{names}".encode())
    paths = [Path(__file__).with_name("build.py"), Path(model_module.__file__ or "")]
    for root in roots:
        for folder, folders, files in os.walk(root):
            folders.sort()
            paths.extend(Path(folder) / name for name in sorted(files))
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        digest.update(f"{path}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def installed_policies() -> list[str]:
    """The ids of the policy packs installed (bundled), sorted."""
    try:
        return sorted(load_catalog(content_roots()).packs)
    except ContentFolderError:
        return []
