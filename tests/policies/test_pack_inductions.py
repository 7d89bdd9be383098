"""A full induction in each school's pack, in English and French, ends in a record that verifies.

The app is driven by keys up to the module map (the pack's school on the first screen, its own
roles in the form about you); the modules, assessment and signature then go through the journey
controller the screens use, which keeps each case to a second or two.
"""

from __future__ import annotations

import pytest

from smtrainer.domain.model import Verdict
from smtrainer.domain.progress import Stage
from smtrainer.i18n import set_language
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.welcome import WelcomeScreen
from smtrainer.ui.widgets import Plain
from smtrainer.workflows.journey_controller import JourneyController
from tests.ui.driver import NAME, fill_identity
from tests.unit.test_journey_controller import signed_records

NEW_PACKS = ["kenn-kenton", "magna-carta", "protocol-2010", "ict-aup"]


def right_numbers(journey: JourneyController) -> list[int]:
    shown = journey.options(journey.question())
    return [n for n, option in enumerate(shown, 1) if option.correct]


def walk_every_module(journey: JourneyController) -> None:
    for module in journey.modules():
        journey.open_module(module.id)
        journey.rate_confidence(3)
        assert journey.advance()
        while journey.position.stage is not Stage.MAP:
            stage = journey.position.stage
            if stage is Stage.SCENARIO and journey.chosen() is None:
                _scenario, step = journey.scenario()
                best = next(n for n, c in enumerate(step.choices, 1) if c.verdict is Verdict.BEST)
                assert journey.choose(best)
            elif stage is Stage.CHECK and journey.saved_answer() is None:
                assert journey.answer(right_numbers(journey))
            else:
                assert journey.advance()


def finish(journey: JourneyController) -> None:
    walk_every_module(journey)
    assert journey.start_assessment()
    while journey.position.stage is Stage.ASSESSMENT:
        assert journey.answer(right_numbers(journey))
    assert journey.review().passed
    while journey.position.stage is not Stage.ACKNOWLEDGE:
        if journey.position.stage is Stage.SELF_CHECK:
            journey.answer_self_check(True)
        assert journey.advance()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("policy_id", NEW_PACKS)
async def test_full_induction_in_each_new_pack(policy_id: str, language: str) -> None:
    set_language(language)
    app = make_app(None, policy=policy_id)
    assert app is not None
    policy = app.policies[language]
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert str(app.screen.query_one("#school", Plain).render()) == policy.school
        await pilot.press("1")
        await pilot.pause()
        await fill_identity(pilot)
        for _ in range(50):
            if app.progress is not None:
                break
            await pilot.pause(0.05)
        assert app.progress is not None and app.progress.position.stage is Stage.MAP
        journey = app.journey
        first_role = policy.roles[0].id if policy.roles else "teacher"
        assert app.progress.identity.role == first_role, "the roles are the pack's own"
        finish(journey)
        signing = journey.sign(NAME)
    assert signing.finished is not None, signing.problem
    (record,) = signed_records()
    assert record["policy_id"] == policy_id and record["language"] == language
    assert record["passed"] is True and record["kind"] == "induction"
    certificate = signing.finished.certificate
    assert [who for who, _how in certificate.contacts] == [c.title for c in policy.contacts]
    unofficial = language == "fr"  # these four schools wrote their policy in English only
    assert any("anglais" in note for note in certificate.notes) is unofficial
