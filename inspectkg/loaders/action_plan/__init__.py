"""Council committee reports on progress with an inspection action plan."""

from .reader import LOADER, ActionPlanLoader

__all__ = ["LOADER", "ActionPlanLoader"]
