"""Plain content text is reflowed: the author's line breaks go, their paragraphs stay."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smtrainer.content.build import plain
from smtrainer.content.policies import load_policy_set


def test_line_breaks_inside_a_paragraph_become_spaces() -> None:
    text = '\nI have read "Responsible Social Media Use for\nStaff".\n\nI will follow it.\n'
    expected = 'I have read "Responsible Social Media Use for Staff".\n\nI will follow it.'
    assert plain(text) == expected


words = st.text(alphabet=st.characters(categories=["L", "N", "P"]), min_size=1, max_size=8)
spacing = st.sampled_from([" ", "  ", "\n", " \n  ", "\t"])


@given(st.lists(st.lists(st.tuples(words, spacing), min_size=1, max_size=8), max_size=4))
def test_words_and_paragraphs_are_kept_in_order(paragraphs: list[list[tuple[str, str]]]) -> None:
    text = "\n\n".join("".join(word + space for word, space in p) for p in paragraphs)
    result = plain(text)
    expected = [[word for word, _space in p] for p in paragraphs]
    assert [part.split(" ") for part in result.split("\n\n") if part] == expected
    assert result == result.strip()


def test_the_acknowledgement_reads_as_one_paragraph() -> None:
    policy = load_policy_set(None, "kingsworth").policies["en"]
    assert "\n" not in policy.acknowledgement.text
    assert "Use for Staff" in policy.acknowledgement.text
