"""Ofsted inspections and visits of local authority children's services (2012-).

One family, three kinds (each a registered loader, detected from the title words):
- ``childrens_services_inspection``: the 2012-13 inspections of looked after children and of
  safeguarding and looked after children services, the single inspection framework (SIF,
  2013-18) with its LSCB review and re-inspections, a separately published LSCB review, and the
  inspections of local authority children's services (ILACS, 2018-, standard and short);
- ``childrens_services_visit``: focused visits and monitoring visits;
- ``joint_targeted_area_inspection``: joint targeted area inspections (JTAI).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import LoadError
from ..records import ChildrensServicesReport
from .kind import INSPECTION, JTAI, VISIT, head_text, identify
from .reader import read_report

_LABELS = {
    INSPECTION: "Ofsted inspection of children's services",
    VISIT: "Ofsted visit to children's services",
    JTAI: "joint targeted area inspection",
}


@dataclass(frozen=True)
class ChildrensServicesLoader:
    """A loader for one kind of the family; all share the same reader."""

    kind: str
    label: str

    def detect(self, text: str) -> float:
        found = identify(head_text(text[:20000].split("\n")))
        return 0.95 if found is not None and found.kind == self.kind else 0.0

    def read(self, text: str, source: str) -> ChildrensServicesReport:
        report = read_report(text, source)
        if report.authority is None and report.inspection_start is None and not (
                report.grades or report.recommendations):
            # words of the title alone (a list of report titles, a note about reports)
            raise LoadError(source, "names no authority, inspection dates, judgements or "
                            "recommendations: not a children's services report")
        return report


LOADERS = tuple(ChildrensServicesLoader(k, label) for k, label in _LABELS.items())

__all__ = ["LOADERS", "ChildrensServicesLoader", "read_report"]
