"""The controller shows options shuffled by the attempt's seed, the same in both languages."""

from __future__ import annotations

import datetime as dt

from smtrainer.content.policies import load_policy_set
from smtrainer.domain.progress import Stage
from smtrainer.i18n import set_language
from smtrainer.workflows.journey_controller import JourneyController
from tests.content.conftest import TINY_V2
from tests.unit.test_journey_controller import walk_modules

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def at_assessment(seed: int) -> JourneyController:
    journey = JourneyController(
        load_policy_set(TINY_V2).policies, seeds=lambda: seed, clock=lambda: NOW
    )
    journey.start(journey.identity("Ada Lovelace", "teacher"))
    walk_modules(journey)
    assert journey.start_assessment()
    assert journey.position.stage is Stage.ASSESSMENT
    return journey


def shown_ids(journey: JourneyController) -> list[str]:
    return [option.id for option in journey.options(journey.question())]


def test_options_keep_their_order_across_a_language_switch() -> None:
    for seed in range(6):
        journey = at_assessment(seed)
        english = shown_ids(journey)
        set_language("fr")
        assert shown_ids(journey) == english
        set_language("en")


def test_the_order_changes_with_the_attempt_seed() -> None:
    orders = set()
    for seed in range(30):
        journey = at_assessment(seed)
        question = journey.question()
        if question.id == "q-note":
            orders.add(tuple(shown_ids(journey)))
    assert len(orders) > 1


def test_the_controller_names_the_modules_to_read_again() -> None:
    journey = at_assessment(3)
    for _attempt in range(3):
        while journey.position.stage is Stage.ASSESSMENT:
            question = journey.question()
            wrong = next(n for n, o in enumerate(journey.options(question), 1) if not o.correct)
            assert journey.answer([wrong])
        assert journey.modules_to_reread() == []
        assert journey.advance()
    assert journey.position.stage is Stage.MAP
    assert [m.id for m in journey.modules_to_reread()] == ["basics"]
    assert not journey.start_assessment(), "the module must be read again first"
