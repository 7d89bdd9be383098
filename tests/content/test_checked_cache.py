"""The checked-content cache: the app starts from it, and any change to the content is seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtrainer.content import policies as policies_module
from smtrainer.content.catalog import LazyPolicies, decode_catalog, encode_catalog, load_catalog
from smtrainer.content.policies import content_roots, content_signature
from smtrainer.storage.cache import cache_dir, write_cache
from smtrainer.workflows.content import (
    CACHE_NAME,
    choose_policy,
    load_and_choose,
    load_for_app,
    load_installed,
)
from tests.policies.conftest import add_pack


@pytest.fixture
def two_packs(tiny: Path) -> Path:
    add_pack(tiny, "second", "Second School")
    return tiny


def test_cache_holds_exactly_the_checked_policies(tiny: Path) -> None:
    catalog = load_catalog([tiny])
    assert not catalog.all_errors() and [e.policy_id for e in catalog.usable()] == ["tiny"]
    again = decode_catalog(encode_catalog(catalog))
    assert again is not None
    assert again.packs == catalog.packs


@pytest.mark.parametrize(
    "data",
    [b"", b"not json", b'{"format": 2}', b'{"format": 0, "policies": {}}'],
)
def test_damaged_or_old_cache_is_not_used(data: bytes) -> None:
    assert decode_catalog(data) is None


def test_a_value_of_the_wrong_type_is_not_used(tiny: Path) -> None:
    checked = encode_catalog(load_catalog([tiny]))
    assert b'"pass_mark":80' in checked
    damaged = checked.replace(b'"pass_mark":80', b'"pass_mark":"80"')
    catalog = decode_catalog(damaged)
    assert catalog is not None and dict(catalog.packs["tiny"].policies) == {}
    write_cache(CACHE_NAME, content_signature(content_roots(tiny, only=True)), damaged)
    chosen = load_and_choose(tiny, content_only=True, requested=None, saved=None)
    assert chosen.policies["en"].pass_mark == 80, "the pack is read again from its files"


def test_only_the_chosen_pack_is_decoded_from_the_cache(two_packs: Path) -> None:
    load_installed(two_packs, content_only=True)
    catalog = load_installed(two_packs, content_only=True)
    chosen = choose_policy(catalog, "tiny", None)
    assert chosen.policies["en"].id == "tiny"
    other = catalog.packs["second"].policies
    assert isinstance(other, LazyPolicies) and other.decoded is None


def test_second_start_reads_the_cache_and_an_edit_is_checked_again(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_for_app(tiny)
    assert (cache_dir() / CACHE_NAME).is_file()

    def must_not_check(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the content was checked again although nothing changed")

    with monkeypatch.context() as patch:
        patch.setattr("smtrainer.workflows.content.load_catalog", must_not_check)
        assert load_for_app(tiny).policies == first.policies

    policy_file = tiny / "en" / "tiny" / "policy.toml"
    text = policy_file.read_text(encoding="utf-8")
    policy_file.write_text(text.replace("Test School", "Renamed School"), encoding="utf-8")
    assert load_for_app(tiny).policies["en"].school == "Renamed School"


def test_unwritable_cache_only_costs_time(tiny: Path) -> None:
    cache_dir().parent.mkdir(parents=True, exist_ok=True)
    cache_dir().write_text("a file where the cache folder should be", encoding="utf-8")
    loaded = load_for_app(tiny)
    assert not loaded.errors and loaded.policies


def test_a_change_to_the_model_code_is_a_cache_miss(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stand_in = tmp_path / "model.py"
    stand_in.write_text("# version 1\n", encoding="utf-8")
    monkeypatch.setattr(policies_module.model_module, "__file__", str(stand_in))
    before = content_signature([tiny])
    assert content_signature([tiny]) == before
    stand_in.write_text("# version 2, longer\n", encoding="utf-8")
    assert content_signature([tiny]) != before
