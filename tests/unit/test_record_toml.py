"""The compact record writer: every string, key and signature reads back as it was written."""

from __future__ import annotations

import tomllib

import pytest

from smtrainer.storage.record_toml import compact_record_text, value_text

AWKWARD = "".join(chr(code) for code in range(0x20)) + "\"\\\x7f é Nguyễn 😀 \u2028 O'Brien"


def test_every_control_character_quote_and_backslash_reads_back() -> None:
    text = value_text(AWKWARD)
    assert tomllib.loads(f"a = {text}")["a"] == AWKWARD
    assert "\n" not in text
    assert '\\"' in text
    assert "\\\\" in text
    assert "\\u007f" in text
    assert "\\u0000" in text
    assert "\\t" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", '"plain"'),
        ("", '""'),
        ("a\tb", '"a\\tb"'),
        ("\x01", '"\\u0001"'),
        (True, "true"),
        (7, "7"),
        ([1, "x", False, ["a"]], '[1,"x",false,["a"]]'),
        ({}, "{}"),
        (
            {"bare-key_1": 1, "needs quotes": 2, "": 3},
            '{ bare-key_1 = 1, "needs quotes" = 2, "" = 3 }',
        ),
    ],
)
def test_values(value: object, expected: str) -> None:
    assert value_text(value) == expected
    assert tomllib.loads(f"a = {expected}")["a"] == value


@pytest.mark.parametrize(
    ("signature", "multiline"),
    [
        ("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n", True),
        ('quote " inside\n', False),
        ("tab\tinside\n", False),
        ("no final newline", False),
        ("accent é\n", False),
    ],
)
def test_signature_value_is_multiline_only_when_safe(signature: str, multiline: bool) -> None:
    record = {"schema": "2", "kind": "refresher", "attempts": [{"seed": 1, "questions": []}]}
    text = compact_record_text(record, {"format": "sshsig", "value": signature})
    assert ('value = """\n' in text) is multiline
    document = tomllib.loads(text)
    assert document["signature"]["value"] == signature
    assert document["record"] == record
