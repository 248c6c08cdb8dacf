"""SHACL validation of the built graph, with violations a person can read."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from ..ontology.namespaces import PREFIXES, ontology_file
from .export import union_graph
from .store import Store


@dataclass(frozen=True)
class Violation:
    """One result of the SHACL report."""

    severity: str
    focus: str
    path: str | None
    message: str
    value: str | None = None

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        val = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{val}"


@dataclass
class ValidationReport:
    """Whether the graph conforms, and each violation."""

    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)
    # what an interrupted build or an older inspectkg left in the store (the next build heals it)
    store_problems: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"store: {p} (the next `inspectkg build` heals it)" for p in self.store_problems]
        if self.conforms:
            return f"valid: {self.triples} triples conform to the SHACL shapes"
        lines += [v.line() for v in self.violations]
        if self.violations:
            lines.append(f"invalid: {len(self.violations)} violations in {self.triples} triples")
        else:
            lines.append(f"invalid: {len(self.store_problems)} store problems; the "
                         f"{self.triples} triples conform to the SHACL shapes")
        return "\n".join(lines)


def shapes_graph() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a graph (data plus the ontology and concept schemes it uses)."""
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", abort_on_first=False,
        allow_warnings=True,
    )
    violations = [_violation(results, r) for r in results.subjects(SH.resultSeverity, None)]
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), len(data), violations)


def validate_store(store: Store, base: str | None = None) -> ValidationReport:
    """SHACL over the union of graphs, and the store's own state: staging graphs, report graphs
    without their completion stamp, graphs of the old layout."""
    from .ingest.state import read_state
    from .iris import Minter

    problems = read_state(store, Minter(base)).problems()
    report = validate_graph(union_graph(store))
    return ValidationReport(report.conforms and not problems, report.triples, report.violations,
                            problems)


def _short(term: object) -> str:
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def _violation(results: Graph, r: object) -> Violation:
    def one(p: object) -> object:
        return results.value(r, p)

    severity = _short(one(SH.resultSeverity)).replace("sh:", "")
    path = one(SH.resultPath)
    value = one(SH.value)
    return Violation(
        severity=severity,
        focus=str(one(SH.focusNode)),
        path=_short(path) if path is not None else None,
        message=str(one(SH.resultMessage) or "does not conform"),
        value=str(value)[:80] if value is not None else None,
    )
