"""Several packs side by side: which one a session uses, and broken packs left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtrainer.content.catalog import load_catalog
from smtrainer.content.location import bundled_content_dir
from smtrainer.content.policies import load_policy_set
from smtrainer.workflows.content import UnknownPolicyError, choose_policy, load_installed

BUNDLED = ["ict-aup", "kenn-kenton", "kingsworth", "magna-carta", "protocol-2010"]


def test_each_pack_is_usable_on_its_own(two_schools: Path) -> None:
    catalog = load_catalog([two_schools])
    assert [entry.policy_id for entry in catalog.usable()] == ["second", "tiny"]
    assert catalog.packs["second"].policies["en"].school == "Second School"
    assert not catalog.all_errors()


def test_a_broken_pack_keeps_its_errors_and_leaves_the_others_usable(
    good_and_broken: Path,
) -> None:
    catalog = load_catalog([good_and_broken])
    assert [entry.policy_id for entry in catalog.usable()] == ["tiny"]
    (broken,) = catalog.broken()
    assert broken.policy_id == "wrecked" and broken.errors and not broken.policies
    assert all("wrecked" in problem.file for problem in broken.errors)
    assert catalog.errors == []
    chosen = choose_policy(catalog, None, None)
    assert chosen.policy_id == "tiny" and not chosen.problems and not chosen.pick
    assert [entry.policy_id for entry in chosen.skipped] == ["wrecked"]


def test_policy_option_then_saved_choice_then_picker_then_the_only_pack(
    two_schools: Path, tiny: Path
) -> None:
    catalog = load_catalog([two_schools])
    assert choose_policy(catalog, "second", "tiny").policy_id == "second"
    assert choose_policy(catalog, None, "second").policy_id == "second"
    picking = choose_policy(catalog, None, None)
    assert picking.pick and picking.policy_id is None
    assert [entry.policy_id for entry in picking.choices] == ["second", "tiny"]
    assert choose_policy(catalog, None, "not-installed").pick, "a stale saved choice is ignored"
    with pytest.raises(UnknownPolicyError, match="no-such"):
        choose_policy(catalog, "no-such", None)


def test_a_pack_named_with_policy_but_broken_shows_its_problems(good_and_broken: Path) -> None:
    chosen = choose_policy(load_catalog([good_and_broken]), "wrecked", None)
    assert chosen.problems and not chosen.policies


def test_no_usable_pack_gives_every_problem(tmp_path: Path) -> None:
    from tests.policies.conftest import add_pack

    add_pack(tmp_path, "wrecked", "Wrecked School", broken=True)
    chosen = choose_policy(load_catalog([tmp_path]), None, None)
    assert chosen.policy_id is None and chosen.problems and not chosen.pick


def test_content_folder_adds_to_the_bundled_packs_or_replaces_them(tiny: Path) -> None:
    added = load_installed(tiny)
    assert sorted(added.packs) == sorted([*BUNDLED, "tiny"])
    assert sorted(load_installed(tiny, content_only=True).packs) == ["tiny"]
    assert sorted(load_installed(None).packs) == BUNDLED


def test_a_school_folder_replaces_a_bundled_pack_with_the_same_id(tmp_path: Path) -> None:
    from tests.policies.conftest import add_pack

    add_pack(tmp_path, "magna-carta", "Our Own Magna Carta")
    catalog = load_installed(tmp_path)
    assert catalog.packs["magna-carta"].policies["en"].school == "Our Own Magna Carta"


def test_one_pack_by_id_and_none_without_an_id_among_several() -> None:
    assert load_policy_set(None, "magna-carta").policies["fr"].id == "magna-carta"
    several = load_policy_set(None)
    assert several.errors and not several.policies
    assert load_policy_set(bundled_content_dir(), "nope").errors


def test_no_school_is_named_in_the_code() -> None:
    package = Path(__file__).resolve().parents[2] / "smtrainer"
    named = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "kingsworth" in path.read_text(encoding="utf-8").casefold()
    ]
    assert named == []
