"""Records become pyoxigraph triples: one named graph per report, every fact with provenance.

The mapping knows RDF, not text. It works by record type, not by report kind: a new kind of
report whose loader produces the existing record types is mapped without changes here; a new
record type adds one mapper function and one line in ``REPORT_LISTS`` (or ``KIND_FIELDS`` for
what a report says about itself).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import pyoxigraph as ox

from ...loaders.records import Report
from ..authorities import Authority, Register, default_register
from ..iris import Minter
from .actions import actions, summary_sections
from .builder import GraphBuilder
from .judgements import GRADE_SCHEMES, judgements, references, statements
from .parts import paragraphs
from .recommendations import recommendations
from .report import KIND_FIELDS, REPORT_CLASSES, register_entry_iri, report_key, report_node

# The lists a report may hold, each with the mapper of its records, in mapping order
# (paragraphs first: the facts after them cite their paragraphs).
REPORT_LISTS: tuple[tuple[str, Callable[[GraphBuilder, Sequence], None]], ...] = (
    ("paragraphs", paragraphs),
    ("strengths", statements("strength")),
    ("weaknesses", statements("weakness")),
    ("areas_for_improvement", statements("area_for_improvement")),
    ("future_focus", statements("focus")),
    ("judgements", judgements),
    ("recommendations", recommendations),
    ("references", references),
    ("actions", actions),
    ("summary", summary_sections),
)


@dataclass(frozen=True)
class MappedReport:
    """A report's triples (its named graph) with what the build needs to say about it."""

    iri: str
    triples: frozenset[ox.Triple]
    authority: Authority | None
    authority_iri: str | None = None  # the authority node, None for an unknown authority
    counts: dict[str, int] = field(default_factory=dict)

    def ntriples(self) -> bytes:
        """The graph as N-Triples, lines sorted: the same graph always gives the same bytes."""
        return canonical_ntriples(self.triples)

    def quads(self) -> list[ox.Quad]:
        g = ox.NamedNode(self.iri)
        return [ox.Quad(t.subject, t.predicate, t.object, g) for t in self.triples]


def canonical_ntriples(triples: frozenset[ox.Triple] | set[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
    lines = sorted(line for line in data.split(b"\n") if line)
    return b"\n".join(lines) + (b"\n" if lines else b"")


def digest(ntriples: bytes) -> str:
    return hashlib.sha256(ntriples).hexdigest()


def map_report(
    report: Report,
    *,
    minter: Minter | None = None,
    register: Register | None = None,
    source_name: str | None = None,
    sha256: str | None = None,
) -> MappedReport:
    """The named graph of one report, under the minter's base IRI."""
    minter = minter or Minter()
    register = register or default_register()
    authority = register.resolve(report.authority, report.date)
    auth_slug = authority.slug if authority else "unknown-authority"
    report_iri = minter.report(minter.report_id(auth_slug, *report_key(report)))
    b = GraphBuilder(
        minter, report_iri, authority, GRADE_SCHEMES.get(report.kind, "lea"), report.date,
        source_name or PurePath(report.source).name,
    )
    report_node(b, report, source_name, sha256)
    (_, first), *rest = REPORT_LISTS
    first(b, getattr(report, "paragraphs", None) or [])
    for cls, fields in KIND_FIELDS.items():
        if isinstance(report, cls):
            fields(b, report)
    for name, mapper in rest:
        mapper(b, getattr(report, name, None) or [])
    return MappedReport(
        report_iri, frozenset(b.triples), authority,
        b.auth.value if b.auth is not None else None, dict(b.counts),
    )


__all__ = [
    "REPORT_CLASSES", "REPORT_LISTS", "MappedReport", "canonical_ntriples", "digest",
    "map_report", "register_entry_iri",
]
