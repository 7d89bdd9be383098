"""The front ends change no journey state themselves: every change goes through the controller.

The import-linter contract keeps the journey rules, progress storage and finishing out of
`smtrainer.ui` and `smtrainer.plain`; this test catches what a contract cannot see: a screen
writing into the progress it was given to show.
"""

from __future__ import annotations

import ast
from pathlib import Path

import smtrainer

FRONT_ENDS = [Path(smtrainer.__file__).parent / name for name in ("ui", "plain")]


def written_targets(tree: ast.AST) -> list[ast.expr]:
    targets: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets.extend(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets.append(node.target)
        elif isinstance(node, ast.Delete):
            targets.extend(node.targets)
    return targets


def test_no_front_end_writes_into_the_progress() -> None:
    offences = []
    files = [path for folder in FRONT_ENDS for path in folder.rglob("*.py")]
    assert len(files) > 10
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target in written_targets(tree):
            text = ast.unparse(target)
            if text.startswith(("progress.", "self.progress.")) or ".progress." in text:
                offences.append(f"{path.name}:{target.lineno}: {text}")
    assert offences == []


def test_no_front_end_saves_the_progress_itself() -> None:
    for folder in FRONT_ENDS:
        for path in folder.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "save_progress" not in text, path
            assert "trainer.save()" not in text, path
