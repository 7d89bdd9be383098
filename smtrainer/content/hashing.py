"""Content hashes of modules: they change whenever a module's text or structure changes."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from smtrainer.content.pack import PackSource


def module_hashes(packs: dict[str, PackSource]) -> dict[str, str]:
    """``sha256:…`` per module id, over the module in every language (sorted by language)."""
    by_module: dict[str, dict[str, Any]] = {}
    for language, pack in sorted(packs.items()):
        for _source, data in pack.valid_modules():
            by_module.setdefault(data["id"], {})[language] = data
    return {
        module_id: "sha256:" + hashlib.sha256(_canonical(versions)).hexdigest()
        for module_id, versions in by_module.items()
    }


def _canonical(value: Any) -> bytes:
    """Sorted-key compact JSON: checked module data holds only strings, integers, booleans,
    arrays and tables, for which this is stable (and much faster than a general JCS encoder)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
