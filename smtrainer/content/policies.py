"""The policy in every language, ready to use, or the problems that stop it being used."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from smtrainer import __version__
from smtrainer.content.location import bundled_content_dir
from smtrainer.domain import model as model_module
from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem

CHECKED_FORMAT = 3

DEFAULT_POLICY = "kingsworth"


@dataclass
class PolicySet:
    """One policy in each language it has; `errors` is empty when all of them can be used."""

    policy_id: str | None
    policies: dict[str, Policy] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    checked: bytes | None = None
    """The checked policies as JSON (for a cache), set when there were no errors."""


class CheckedContent(msgspec.Struct, frozen=True):
    """What the checked-content cache holds: the built policies, ready to use."""

    format: int
    policy_id: str | None
    policies: dict[str, Policy]


def load_policy_set(content_dir: Path | None = None, policy_id: str | None = None) -> PolicySet:
    """Load and check `content_dir` (default: the bundled content).

    Raises ContentFolderError when the folder itself cannot be used.
    """
    # Imported here: reading, checking and building are only needed when the cache misses.
    from smtrainer.content.build import build_policy
    from smtrainer.content.hashing import module_hashes
    from smtrainer.content.loader import load_tree

    tree = load_tree(content_dir or bundled_content_dir())
    if policy_id is None:
        policy_id = DEFAULT_POLICY if DEFAULT_POLICY in tree.packs else next(iter(tree.packs), None)
    packs = tree.packs.get(policy_id, {}) if policy_id else {}
    errors = [p for p in tree.problems.sorted() if p.is_error]
    if errors:
        return PolicySet(policy_id, errors=errors)
    hashes = module_hashes(packs)
    policies = {lang: build_policy(pack, hashes) for lang, pack in packs.items() if pack.is_valid}
    checked = msgspec.json.encode(CheckedContent(CHECKED_FORMAT, policy_id, policies))
    return PolicySet(policy_id, policies, checked=checked)


def content_signature(content_dir: Path | None = None, policy_id: str | None = None) -> str:
    """Changes whenever any file under the content folder changes (path, size or time), and
    whenever the code that builds the cached model does."""
    root = content_dir or bundled_content_dir()
    digest = hashlib.sha256(f"{__version__}|{CHECKED_FORMAT}|{policy_id}|{root}".encode())
    paths = [Path(__file__).with_name("build.py"), Path(model_module.__file__ or "")]
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


def policy_set_from_checked(data: bytes) -> PolicySet | None:
    """The policy set a cache holds; None if it is not exactly what this version writes."""
    try:
        checked = msgspec.json.decode(data, type=CheckedContent)
    except msgspec.MsgspecError:
        return None
    if checked.format != CHECKED_FORMAT:
        return None
    return PolicySet(checked.policy_id, dict(checked.policies), checked=data)
