"""Grade words and numbers to grade concepts, and status words to status concepts.

Why: a 2002 LEA inspection says "unsatisfactory", a 2006 APA letter says "3", a 2010 action plan
says "Amber". The graph stores each as a SKOS concept (``ontology/grades.ttl``,
``ontology/statuses.ttl``) carrying a rank on one shared scale, so that judgements can be compared
over time and open actions found. The phrasings live in the concepts' labels; this module only
finds them in the words a report used ("now good", "satisfactory with few areas of major
weakness", "GREEN").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..ontology.namespaces import GRADE, IKG, SCHEME, SKOS, STATUS, ontology_file
from .services import Match, PhraseMatcher, concepts_in, label_forms, read_graph, tokenize

_SCHEMES = {"lea": "lea-grades", "apa": "apa-grades", "cs": "childrens-services-grades"}
_NEGATIONS = {("not",), ("no", "longer"), ("never",), ("nor",)}


@dataclass(frozen=True)
class GradeConcept:
    """A grade of one scheme with its rank on the shared 1.0-4.0 scale (4.0 best)."""

    id: str
    iri: str
    label: str
    rank: float
    scheme: str  # "lea", "apa" or "cs" (children's services)
    notation: str | None = None
    step: int | None = None  # the number the scale itself gives the grade, where it has one


@dataclass(frozen=True)
class StatusConcept:
    """A progress status: how far towards done (rank 1-4, or None) and whether it is finished."""

    id: str
    iri: str
    label: str
    rank: int | None
    resolved: bool
    schema_status: str | None  # IRI of the schema.org ActionStatusType it maps to, if any


def _one(graph: dict[str, dict[str, list[Any]]], subject: str, prop: str) -> Any | None:
    values = graph.get(subject, {}).get(prop, [])
    return values[0] if values else None


class _Vocabulary:
    """Concepts of one scheme with a matcher over their labels."""

    def __init__(self, labels: dict[str, list[str]]) -> None:
        self.exact: dict[tuple[str, ...], str] = {}
        for key in sorted(labels):
            for label in labels[key]:
                for form in label_forms(label):
                    self.exact.setdefault(form, key)
        # Single letters (RAG "R", "A", "G") name a status only as the whole text.
        self.matcher = PhraseMatcher(
            (k, lab)
            for k in sorted(labels)
            for lab in labels[k]
            if len("".join(t for t, _, _ in tokenize(lab))) > 1
        )

    def lookup(self, text: str) -> str | None:
        """The concept the whole text names, else the first one named inside it."""
        stems = tuple(t for t, _, _ in tokenize(text))
        if not stems:
            return None
        if stems in self.exact:
            return self.exact[stems]
        matches = [m for m in self.matcher.find(text) if not _negated(stems, m)]
        if not matches:
            return None
        first: Match = min(matches, key=lambda m: (m.start, -(m.end - m.start)))
        return first.key


def _negated(stems: tuple[str, ...], m: Match) -> bool:
    """A negated word ("not good", "no longer poor") is there but is not the grade."""
    return any(
        m.start >= len(neg) and stems[m.start - len(neg) : m.start] == neg for neg in _NEGATIONS
    )


@lru_cache(maxsize=1)
def _grades() -> tuple[dict[str, dict[str, GradeConcept]], dict[str, _Vocabulary]]:
    graph = read_graph(ontology_file("grades.ttl"))
    concepts: dict[str, dict[str, GradeConcept]] = {}
    vocab: dict[str, _Vocabulary] = {}
    for short, scheme_slug in _SCHEMES.items():
        found = concepts_in(graph, str(SCHEME[scheme_slug]), str(GRADE))
        concepts[short] = {}
        labels: dict[str, list[str]] = {}
        for cid, c in found.items():
            rank = _one(graph, c.iri, str(IKG.normalisedRank))
            step = _one(graph, c.iri, str(IKG.scaleStep))
            concepts[short][cid] = GradeConcept(
                id=cid,
                iri=c.iri,
                label=c.pref_label,
                rank=float(Decimal(rank.value)) if rank is not None else float("nan"),
                scheme=short,
                notation=c.notation,
                step=int(step.value) if step is not None else None,
            )
            labels[cid] = list(c.labels)
        vocab[short] = _Vocabulary(labels)
    return concepts, vocab


def grade_schemes() -> dict[str, dict[str, GradeConcept]]:
    """Every grade concept, by scheme ("lea", "apa") and id."""
    return _grades()[0]


def grade_concept(word_or_number: str | int | None, scheme: str) -> GradeConcept | None:
    """The grade concept for a grade word or number of one scheme ("lea", "apa" or "cs").

    Numbers are the scale's own (APA 1-4, 4 best; LEA 1-7, 1 best). Words are found inside
    longer phrasings; a negated word ("not good") is not a grade. None when nothing fits.
    """
    short = scheme.lower().removesuffix("-grades")
    if short not in _SCHEMES:
        raise ValueError(f"unknown grade scheme {scheme!r}: use one of {', '.join(_SCHEMES)}")
    concepts, vocab = _grades()
    if word_or_number is None or isinstance(word_or_number, bool):
        return None
    if isinstance(word_or_number, int) or str(word_or_number).strip().isdigit():
        number = int(str(word_or_number).strip())
        return next((g for g in concepts[short].values() if g.step == number), None)
    cid = vocab[short].lookup(str(word_or_number))
    return concepts[short][cid] if cid else None


@lru_cache(maxsize=1)
def _statuses() -> tuple[dict[str, StatusConcept], _Vocabulary]:
    graph = read_graph(ontology_file("statuses.ttl"))
    found = concepts_in(graph, str(SCHEME["statuses"]), str(STATUS))
    out: dict[str, StatusConcept] = {}
    for cid, c in found.items():
        rank = _one(graph, c.iri, str(IKG.statusRank))
        resolved = _one(graph, c.iri, str(IKG.isResolved))
        mapping = _one(graph, c.iri, str(SKOS.closeMatch)) or _one(
            graph, c.iri, str(SKOS.broadMatch)
        )
        out[cid] = StatusConcept(
            id=cid,
            iri=c.iri,
            label=c.pref_label,
            rank=int(rank.value) if rank is not None else None,
            resolved=resolved is not None and resolved.value == "true",
            schema_status=mapping.value if mapping is not None else None,
        )
    return out, _Vocabulary({cid: list(c.labels) for cid, c in found.items()})


def status_concepts() -> dict[str, StatusConcept]:
    """Every status concept by id."""
    return _statuses()[0]


def status_concept(text: str | None) -> StatusConcept:
    """The status a RAG cell or status word names; empty or unknown text is "no rating"."""
    concepts, vocab = _statuses()
    if text is None or not str(text).strip():
        return concepts["no-rating"]
    cid = vocab.lookup(str(text))
    return concepts[cid] if cid else concepts["no-rating"]


__all__ = [
    "GradeConcept",
    "StatusConcept",
    "grade_concept",
    "grade_schemes",
    "status_concept",
    "status_concepts",
]
