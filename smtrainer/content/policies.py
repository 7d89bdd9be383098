"""The policy in every language, ready to use, or the problems that stop it being used."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smtrainer.content.build import build_policy
from smtrainer.content.hashing import module_hashes
from smtrainer.content.loader import bundled_content_dir, load_tree
from smtrainer.domain.model import Policy
from smtrainer.domain.problems import Problem

DEFAULT_POLICY = "kingsworth"


@dataclass
class PolicySet:
    """One policy in each language it has; `errors` is empty when all of them can be used."""

    policy_id: str | None
    policies: dict[str, Policy] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)


def load_policy_set(content_dir: Path | None = None, policy_id: str | None = None) -> PolicySet:
    """Load and check `content_dir` (default: the bundled content).

    Raises ContentFolderError when the folder itself cannot be used.
    """
    tree = load_tree(content_dir or bundled_content_dir())
    if policy_id is None:
        policy_id = DEFAULT_POLICY if DEFAULT_POLICY in tree.packs else next(iter(tree.packs), None)
    packs = tree.packs.get(policy_id, {}) if policy_id else {}
    errors = [p for p in tree.problems.sorted() if p.is_error]
    if errors:
        return PolicySet(policy_id, errors=errors)
    hashes = module_hashes(packs)
    return PolicySet(
        policy_id,
        {lang: build_policy(pack, hashes) for lang, pack in packs.items() if pack.is_valid},
    )
