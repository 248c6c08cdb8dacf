"""Loader for the Ofsted inspection of a Local Education Authority kind (work in progress)."""

from __future__ import annotations

from ..errors import LoadError
from .records import Report


class LeaInspectionLoader:
    """Recognises and reads the Ofsted inspection of a Local Education Authority kind."""

    kind = "lea_inspection"
    label = "Ofsted inspection of a Local Education Authority"

    def detect(self, text: str) -> float:
        return 0.0

    def read(self, text: str, source: str) -> Report:
        raise LoadError(source, "this kind is not readable yet")


LOADER = LeaInspectionLoader()
