"""Which screen shows which stage of the journey."""

from __future__ import annotations

from smtrainer.domain.progress import Stage
from smtrainer.ui.screens.base import JourneyScreen
from smtrainer.ui.screens.closing import AcknowledgeScreen, ActionsScreen, SelfCheckScreen
from smtrainer.ui.screens.module_map import MapScreen
from smtrainer.ui.screens.module_steps import (
    ConfidenceScreen,
    KeyPointScreen,
    ModuleDoneScreen,
    ScenarioScreen,
)
from smtrainer.ui.screens.question import QuestionScreen
from smtrainer.ui.screens.results import PlanScreen, ReviewScreen

SCREENS: dict[Stage, type[JourneyScreen]] = {
    Stage.MAP: MapScreen,
    Stage.CONFIDENCE: ConfidenceScreen,
    Stage.KEY_POINT: KeyPointScreen,
    Stage.SCENARIO: ScenarioScreen,
    Stage.CHECK: QuestionScreen,
    Stage.MODULE_DONE: ModuleDoneScreen,
    Stage.ASSESSMENT: QuestionScreen,
    Stage.REVIEW: ReviewScreen,
    Stage.PLAN: PlanScreen,
    Stage.SELF_CHECK: SelfCheckScreen,
    Stage.ACTIONS: ActionsScreen,
    Stage.ACKNOWLEDGE: AcknowledgeScreen,
}
