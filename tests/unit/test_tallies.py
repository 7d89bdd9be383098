"""Results added up in bulk equal results added one record at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smtrainer.domain.record_facts import RecordDetail, Tallies

IDS = st.sampled_from(["q1", "q2", "q3", "s1/start/a", "s1/start/b/unsafe", "s2/next/c"])
DETAILS = st.lists(
    st.builds(
        RecordDetail,
        st.lists(st.tuples(IDS, st.booleans()), max_size=6).map(tuple),
        st.lists(IDS, max_size=6).map(tuple),
    ),
    max_size=12,
)


@given(DETAILS)
def test_bulk_equals_one_at_a_time(details: list[RecordDetail]) -> None:
    one_by_one = Tallies()
    for detail in details:
        one_by_one.add(detail)
    assert Tallies.of(details) == one_by_one


@given(DETAILS, DETAILS)
def test_taking_away_undoes_adding(first: list[RecordDetail], second: list[RecordDetail]) -> None:
    tallies = Tallies.of(first)
    tallies.merge(Tallies.of(second))
    for detail in second:
        tallies.add(detail, -1)
    expected = Tallies.of(first)
    assert {q: c for q, c in tallies.questions.items() if c != [0, 0]} == expected.questions
    assert {k: n for k, n in tallies.steps.items() if n} == expected.steps
