"""Content text in plain mode: the writer's own line breaks inside a paragraph are joined, as
Markdown joins them, before the text is wrapped for the reader."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smtrainer.plain.text import WIDTH, unmark, wrap

WORDS = st.lists(st.text(alphabet="abcdéfgh", min_size=1, max_size=12), min_size=1, max_size=60)


@given(WORDS, st.data())
def test_a_paragraph_broken_anywhere_wraps_as_if_written_on_one_line(
    words: list[str], data: st.DataObject
) -> None:
    breaks = data.draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    source = "".join(
        word + ("\n" if broken else " ") for word, broken in zip(words, breaks, strict=True)
    )
    assert wrap(unmark(source)) == wrap(" ".join(words))


def test_list_items_headings_and_hard_breaks_keep_their_own_lines() -> None:
    source = (
        "## Who to tell\n"
        "Tell the designated safeguarding lead the same day, even when the post was\n"
        "taken down.\n\n"
        "- a screenshot, with the date\n"
        "  and the account's name\n"
        "- nothing else\n\n"
        "First line  \n"
        "second line\\\n"
        "third line"
    )
    assert wrap(unmark(source)) == [
        "Who to tell",
        "Tell the designated safeguarding lead the same day, even when the post was",
        "taken down.",
        "",
        "- a screenshot, with the date and the account's name",
        "- nothing else",
        "",
        "First line",
        "second line",
        "third line",
    ]
    assert all(len(line) <= WIDTH for line in wrap(unmark(source)))
