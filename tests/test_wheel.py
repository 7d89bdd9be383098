"""The wheel built from the project's files carries the compiled catalog and the content."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def project_files() -> list[str]:
    """The files a fresh clone would have (tracked, plus new files not ignored)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout")
    result = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if (ROOT / line).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    clone = tmp_path_factory.mktemp("clone")
    for name in project_files():
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    assert not list(clone.rglob("*.mo")), "compiled catalogs must not be committed"
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=clone,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("smtrainer-*.whl")
    return built


@pytest.mark.slow
def test_wheel_has_catalog_and_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "smtrainer/locale/fr/LC_MESSAGES/smtrainer.mo" in names
    for language in ("en", "fr"):
        assert f"smtrainer/bundled_content/{language}/kingsworth/policy.toml" in names
    assert "smtrainer/ui/smtrainer.tcss" in names


@pytest.mark.slow
def test_unpacked_wheel_checks_its_own_content_in_french(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "SMTRAINER_HOME": str(tmp_path)}

    def python(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    where = python("-c", "import smtrainer.content.location as l; print(l.bundled_content_dir())")
    assert where.stdout.strip() == str(site / "smtrainer" / "bundled_content")
    result = python("-m", "smtrainer", "--lang", "fr", "check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kingsworth [fr]" in result.stdout
    assert "Aucun problème" in result.stdout
