"""An independent check: Digital Bazaar's verifier (Node.js) accepts every credential we issue
and rejects a tampered one, offline, with the same bundled contexts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.documents.jsonld_contexts import BUNDLED, CONTEXTS, OB_V3P0
from smtrainer.storage.issuer import IssuerProfile

from .tools import ToolUnavailable, node_verifier

pytestmark = pytest.mark.slow


def test_digital_bazaar_verifies_our_credentials(
    store: Path, issuer: IssuerProfile, tmp_path: Path
) -> None:
    try:
        node, folder = node_verifier()
    except ToolUnavailable as error:
        pytest.skip(f"the independent verifier cannot be installed here: {error}")
    out = tmp_path / "credentials"
    assert main(["credential", "issue", "--store", str(store), "--out", str(out)]) == 0
    files = sorted(out.glob("*.json"))
    assert len(files) >= 5
    tampered = tmp_path / "tampered.json"
    credential = json.loads(files[0].read_text(encoding="utf-8"))
    credential["credentialSubject"]["result"][0]["value"] = "100"
    tampered.write_text(json.dumps(credential), encoding="utf-8")
    foreign = tmp_path / "other-issuer.json"
    credential = json.loads(files[1].read_text(encoding="utf-8"))
    credential["issuer"]["id"] = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    foreign.write_text(json.dumps(credential), encoding="utf-8")
    context = CONTEXTS / BUNDLED[OB_V3P0]
    result = subprocess.run(
        [str(node), "verify.mjs", str(context), *map(str, [*files, tampered, foreign])],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    verdicts = {Path(line["file"]).name: line for line in lines}
    for path in files:
        assert verdicts[path.name]["verified"], verdicts[path.name]["error"]
    assert not verdicts["tampered.json"]["verified"]
    assert not verdicts["other-issuer.json"]["verified"]
