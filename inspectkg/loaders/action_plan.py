"""Loader for the council action-plan progress report kind (work in progress)."""

from __future__ import annotations

from ..errors import LoadError
from .records import Report


class ActionPlanLoader:
    """Recognises and reads the council action-plan progress report kind."""

    kind = "action_plan_progress"
    label = "council action-plan progress report"

    def detect(self, text: str) -> float:
        return 0.0

    def read(self, text: str, source: str) -> Report:
        raise LoadError(source, "this kind is not readable yet")


LOADER = ActionPlanLoader()
