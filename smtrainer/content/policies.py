"""The policy in every language, ready to use, or the problems that stop it being used."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smtrainer import __version__
from smtrainer.content.build import build_policy, policy_from_data
from smtrainer.content.hashing import module_hashes
from smtrainer.content.location import bundled_content_dir
from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem

CHECKED_FORMAT = 1

DEFAULT_POLICY = "kingsworth"


@dataclass
class PolicySet:
    """One policy in each language it has; `errors` is empty when all of them can be used."""

    policy_id: str | None
    policies: dict[str, Policy] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    checked: str | None = None
    """The checked content as JSON (for a cache), set when there were no errors."""


def load_policy_set(content_dir: Path | None = None, policy_id: str | None = None) -> PolicySet:
    """Load and check `content_dir` (default: the bundled content).

    Raises ContentFolderError when the folder itself cannot be used.
    """
    # Imported here: reading and checking every file is only needed when the cache misses.
    from smtrainer.content.loader import load_tree

    tree = load_tree(content_dir or bundled_content_dir())
    if policy_id is None:
        policy_id = DEFAULT_POLICY if DEFAULT_POLICY in tree.packs else next(iter(tree.packs), None)
    packs = tree.packs.get(policy_id, {}) if policy_id else {}
    errors = [p for p in tree.problems.sorted() if p.is_error]
    if errors:
        return PolicySet(policy_id, errors=errors)
    hashes = module_hashes(packs)
    checked = {
        "format": CHECKED_FORMAT,
        "policy_id": policy_id,
        "hashes": hashes,
        "languages": {
            lang: {
                "policy": _jsonable(pack.policy_data),
                "modules": [[source.display, data] for source, data in pack.valid_modules()],
            }
            for lang, pack in packs.items()
        },
    }
    return PolicySet(
        policy_id,
        {lang: build_policy(pack, hashes) for lang, pack in packs.items() if pack.is_valid},
        checked=json.dumps(checked, ensure_ascii=False),
    )


def _jsonable(policy: dict[str, Any] | None) -> dict[str, Any]:
    data = dict(policy or {})
    if isinstance(data.get("adopted"), dt.date):
        data["adopted"] = data["adopted"].isoformat()
    return data


def content_signature(content_dir: Path | None = None, policy_id: str | None = None) -> str:
    """Changes whenever any file under the content folder changes (path, size or time)."""
    root = content_dir or bundled_content_dir()
    digest = hashlib.sha256(f"{__version__}|{CHECKED_FORMAT}|{policy_id}|{root}".encode())
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            try:
                info = path.stat()
            except OSError:
                continue
            digest.update(f"{path}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def policy_set_from_checked(text: str) -> PolicySet | None:
    """Rebuild a checked policy set from its JSON; None if the JSON is not what was written."""
    try:
        data = json.loads(text)
        if data["format"] != CHECKED_FORMAT:
            return None
        policies = {}
        for lang, pack in data["languages"].items():
            policy = dict(pack["policy"])
            if "adopted" in policy:
                policy["adopted"] = dt.date.fromisoformat(policy["adopted"])
            modules = [(str(source), module) for source, module in pack["modules"]]
            policies[lang] = policy_from_data(policy, modules, data["hashes"])
        return PolicySet(data["policy_id"], policies, checked=text)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
