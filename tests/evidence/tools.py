"""Outside programs the evidence tests use, installed once per machine into a cache folder.

Ralph (a learning record store, from PyPI) gets its own virtual environment; Digital Bazaar's
verifier libraries come from the npm registry. `python -m tests.evidence.tools` installs both
ahead of a test run (CI does); otherwise the first test that needs one installs it. A lock keeps
parallel test workers from installing at the same time.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).parent
RALPH_REQUIREMENTS = ["ralph-malph[cli,lrs]>=5", "requests"]
INSTALL_TIMEOUT = 900


class ToolUnavailable(Exception):
    """The tool cannot be installed here (no Node, or a registry out of reach)."""


def cache_dir() -> Path:
    base = os.environ.get("SMTRAINER_TEST_TOOLS")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "smtrainer-test-tools"


@contextlib.contextmanager
def _locked(name: str) -> Iterator[Path]:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f".{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder


def _run(command: list[str], cwd: Path | None = None) -> None:
    try:
        result = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ToolUnavailable(f"{command[0]}: {error}") from error
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise ToolUnavailable(f"{' '.join(command[:3])} failed: {' / '.join(tail)}")


def ralph() -> Path:
    """The `ralph` command of a virtual environment of its own."""
    with _locked("ralph") as folder:
        home = folder / "ralph-venv"
        command = home / "bin" / "ralph"
        stamp = home / ".installed"
        wanted = " ".join(RALPH_REQUIREMENTS)
        if command.exists() and stamp.exists() and stamp.read_text() == wanted:
            return command
        shutil.rmtree(home, ignore_errors=True)
        venv.create(home, with_pip=True)
        _run([str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", *RALPH_REQUIREMENTS])
        stamp.write_text(wanted)
        return command


def node_verifier() -> tuple[Path, Path]:
    """The Node.js program and the folder holding the verifier script with its packages."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise ToolUnavailable("Node.js and npm are not installed")
    with _locked("node") as folder:
        target = folder / "verifier"
        manifest = (HERE / "node" / "package.json").read_bytes()
        digest = hashlib.sha256(manifest).hexdigest()
        stamp = target / ".installed"
        if not (stamp.exists() and stamp.read_text() == digest):
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            (target / "package.json").write_bytes(manifest)
            _run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=target)
            stamp.write_text(digest)
        shutil.copyfile(HERE / "node" / "verify.mjs", target / "verify.mjs")
        return Path(node), target


def main() -> int:
    failed = 0
    for name, install in (("ralph", ralph), ("node verifier", node_verifier)):
        try:
            print(f"{name}: {install()}")
        except ToolUnavailable as error:
            print(f"{name}: not installed: {error}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
