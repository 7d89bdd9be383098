"""The dashboard's search: a name or id whatever its case, accents and spaces."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from smtrainer.domain.status import StaffStatus
from smtrainer.ui.dashboard.views import Filters, filtered
from smtrainer.workflows.summary import StaffRow

ROWS = [
    StaffRow("S-0042", "Zoé Lefèvre", "teacher", StaffStatus.CURRENT, "", None, "", ()),
    StaffRow("S-0006", "Sam  Reid", "office", StaffStatus.NEVER, "", None, "", ()),
]


def names(text: str) -> list[str]:
    return [row.name for row in filtered(ROWS, Filters(text))]


def test_accents_case_and_spaces_aside() -> None:
    assert names("lefev") == ["Zoé Lefèvre"]
    assert names("ZOE") == ["Zoé Lefèvre"]
    assert names("Lefè") == ["Zoé Lefèvre"]
    assert names("sam reid") == ["Sam  Reid"]
    assert names("s-0006") == ["Sam  Reid"]
    assert names("  ") == ["Zoé Lefèvre", "Sam  Reid"]
    assert names("lefebvre") == []


@given(st.text(alphabet="abcdefilmorsvzéèÉÈ -0246", max_size=6))
def test_case_and_the_way_accents_are_typed_never_change_what_is_found(text: str) -> None:
    found = filtered(ROWS, Filters(text))
    assert filtered(ROWS, Filters(text.upper())) == found
    assert filtered(ROWS, Filters(unicodedata.normalize("NFD", text))) == found
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    assert filtered(ROWS, Filters(bare)) == found


def test_any_piece_of_a_name_finds_its_row() -> None:
    for row in ROWS:
        for start in range(len(row.name)):
            assert row in filtered(ROWS, Filters(row.name[start : start + 3]))


def test_names_roles_and_statuses_sort_as_read_in_the_session_s_language() -> None:
    from smtrainer.i18n import set_language
    from smtrainer.ui.dashboard.views import roles_in_order, sort_key

    rows = [
        StaffRow("S-3", "Élodie Roux", "teacher", StaffStatus.NEVER, "", None, "", ()),
        StaffRow("S-1", "Zoé Lefèvre", "office", StaffStatus.CURRENT, "", None, "", ()),
        StaffRow("S-2", "Eric Blanc", "volunteer", StaffStatus.OVERDUE, "", None, "", ()),
    ]
    # Élodie with the Es (before Eric), not after Zoé as by code point.
    assert [r.id for r in sorted(rows, key=sort_key("name"))] == ["S-3", "S-2", "S-1"]
    polish = StaffRow("S-4", "Łukasz Nowak", "teacher", StaffStatus.NEVER, "", None, "", ())
    by_name = [r.id for r in sorted([*rows, polish], key=sort_key("name"))]
    assert by_name == ["S-3", "S-2", "S-4", "S-1"]  # Ł with the Ls, not after Z.
    assert [r.id for r in sorted(rows, key=sort_key("status"))] == ["S-1", "S-2", "S-3"]
    set_language("en")
    assert roles_in_order(["volunteer", "teacher", "office"]) == ["office", "teacher", "volunteer"]
    assert [r.id for r in sorted(rows, key=sort_key("role"))] == ["S-1", "S-3", "S-2"]
    set_language("fr")  # Bénévole, Enseignant(e), Personnel administratif.
    assert roles_in_order(["volunteer", "teacher", "office"]) == ["volunteer", "teacher", "office"]
    assert [r.id for r in sorted(rows, key=sort_key("role"))] == ["S-2", "S-3", "S-1"]
