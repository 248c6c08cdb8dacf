"""Loader for the Ofsted Annual Performance Assessment letter kind (work in progress)."""

from __future__ import annotations

from ..errors import LoadError
from .records import Report


class ApaLoader:
    """Recognises and reads the Ofsted Annual Performance Assessment letter kind."""

    kind = "apa_letter"
    label = "Ofsted Annual Performance Assessment letter"

    def detect(self, text: str) -> float:
        return 0.0

    def read(self, text: str, source: str) -> Report:
        raise LoadError(source, "this kind is not readable yet")


LOADER = ApaLoader()
