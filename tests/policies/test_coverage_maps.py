"""The committed section → content maps in docs/packs are what the script makes from the packs."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_pack_has_an_up_to_date_map() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "coverage_table.py"))
    made = script["documents"]()
    assert sorted(made) == sorted(
        f"{folder.name}.md" for folder in (ROOT / "content" / "en").iterdir() if folder.is_dir()
    )
    stale = [
        name
        for name, text in made.items()
        if not (ROOT / "docs" / "packs" / name).exists()
        or (ROOT / "docs" / "packs" / name).read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run: python scripts/coverage_table.py --write"


def test_every_section_is_tested_in_every_map() -> None:
    for page in (ROOT / "docs" / "packs").glob("*.md"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("without a question: none."), page
