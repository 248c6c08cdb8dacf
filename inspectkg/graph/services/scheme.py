"""The service and outcome schemes, read once from the ontology's Turtle into plain data.

The wordings that name a service live in the SKOS labels of ``ontology/services.ttl`` (and the
Every Child Matters outcomes in ``ontology/outcomes.ttl``), not in code, so growing a scheme
needs no code change. This module reads the concepts, their labels, broader concepts and
outcomes, and builds the phrase matchers the classifier uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ...ontology.namespaces import IKG, OUTCOME, SCHEME, SERVICE, SKOS, ontology_file
from .matching import Match, PhraseMatcher, label_forms, tokenize

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Concept:
    """A service (or outcome) concept as plain data."""

    id: str
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    heading_labels: tuple[str, ...] = ()
    definition: str | None = None
    notation: str | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that names the concept anywhere in a text."""
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)


@dataclass
class ServiceScheme:
    """The service concepts and outcome concepts, with the matchers built from their labels."""

    concepts: dict[str, Concept]
    outcome_concepts: dict[str, Concept]
    _matcher: PhraseMatcher = field(repr=False)
    _heading_labels: dict[tuple[str, ...], list[str]] = field(repr=False)
    _outcome_matcher: PhraseMatcher = field(repr=False)
    _ancestors: dict[str, frozenset[str]] = field(repr=False)
    _narrower: dict[str, tuple[str, ...]] = field(repr=False)

    def iri(self, concept_id: str) -> str:
        """The IRI of a service concept."""
        return self.concepts[concept_id].iri

    def ancestors(self, concept_id: str) -> frozenset[str]:
        """Every broader concept, transitively."""
        return self._ancestors.get(concept_id, frozenset())

    def narrower(self, concept_id: str) -> tuple[str, ...]:
        """The concepts directly under this one."""
        return self._narrower.get(concept_id, ())

    def is_cross_cutting(self, concept_id: str) -> bool:
        """Management concepts (planning, funding ...) that are applied to other functions."""
        return self.concepts[concept_id].outcomes == ("service-management",)

    def find_services(self, text: str) -> list[Match]:
        """The service labels a text holds, as the phrase matcher finds them."""
        return self._matcher.find(text)

    def heading_concepts(self, core: tuple[str, ...]) -> tuple[str, ...]:
        """The concepts whose heading label is exactly these stems ("Funding")."""
        return tuple(self._heading_labels.get(core, ()))

    def find_outcomes(self, text: str) -> list[Match]:
        """The outcome labels (and notations) a text holds."""
        return self._outcome_matcher.find(text)


def _literals(graph: dict[str, dict[str, list[Any]]], subject: str, prop: str) -> list[str]:
    """A subject's literal values of one property, sorted so that reading is deterministic."""
    return sorted(str(o.value) for o in graph.get(subject, {}).get(prop, []))


def _iris(graph: dict[str, dict[str, list[Any]]], subject: str, prop: str) -> list[str]:
    """A subject's IRI values of one property, sorted so that reading is deterministic."""
    return sorted(
        o.value for o in graph.get(subject, {}).get(prop, []) if isinstance(o, ox.NamedNode)
    )


def read_graph(path: Path) -> dict[str, dict[str, list[Any]]]:
    """subject IRI -> predicate IRI -> objects, from a Turtle file (pyoxigraph: fast, strict)."""
    graph: dict[str, dict[str, list[Any]]] = {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if isinstance(quad.subject, ox.NamedNode):
            graph.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(
                quad.object
            )
    return graph


def concepts_in(
    graph: dict[str, dict[str, list[Any]]], scheme_iri: str, namespace: str
) -> dict[str, Concept]:
    """The skos:Concepts of one scheme, keyed by the slug after the namespace."""
    out: dict[str, Concept] = {}
    for s in sorted(graph):
        if str(SKOS.Concept) not in _iris(graph, s, _RDF_TYPE):
            continue
        if scheme_iri not in _iris(graph, s, str(SKOS.inScheme)):
            continue
        slug = s[len(namespace) :] if s.startswith(namespace) else s
        prefs = _literals(graph, s, str(SKOS.prefLabel))
        definitions = _literals(graph, s, str(SKOS.definition))
        notations = _literals(graph, s, str(SKOS.notation))
        out[slug] = Concept(
            id=slug,
            iri=s,
            pref_label=prefs[0] if prefs else slug,
            alt_labels=tuple(_literals(graph, s, str(SKOS.altLabel))),
            hidden_labels=tuple(_literals(graph, s, str(SKOS.hiddenLabel))),
            broader=tuple(
                b[len(namespace) :]
                for b in _iris(graph, s, str(SKOS.broader))
                if b.startswith(namespace)
            ),
            outcomes=tuple(
                o[len(str(OUTCOME)) :]
                for o in _iris(graph, s, str(IKG.ecmOutcome))
                if o.startswith(str(OUTCOME))
            ),
            heading_labels=tuple(_literals(graph, s, str(IKG.headingLabel))),
            definition=definitions[0] if definitions else None,
            notation=notations[0] if notations else None,
        )
    return out


def _ancestors_of(concepts: dict[str, Concept]) -> dict[str, frozenset[str]]:
    """Every concept's broader concepts, transitively, worked out once for the ranking."""
    out: dict[str, frozenset[str]] = {}
    for cid in concepts:
        seen: set[str] = set()
        todo = list(concepts[cid].broader)
        while todo:
            b = todo.pop()
            if b in seen or b not in concepts:
                continue
            seen.add(b)
            todo.extend(concepts[b].broader)
        out[cid] = frozenset(seen)
    return out


@lru_cache(maxsize=1)
def scheme() -> ServiceScheme:
    """The service scheme and the outcome scheme, read once and cached."""
    services = concepts_in(
        read_graph(ontology_file("services.ttl")), str(SCHEME["services"]), str(SERVICE)
    )
    outcomes = concepts_in(
        read_graph(ontology_file("outcomes.ttl")), str(SCHEME["outcomes"]), str(OUTCOME)
    )
    heading_labels: dict[tuple[str, ...], list[str]] = {}
    for c in services.values():
        for label in c.heading_labels:
            for form in label_forms(label):
                heading_labels.setdefault(form, []).append(c.id)
    narrower: dict[str, list[str]] = {}
    for c in services.values():
        for b in c.broader:
            narrower.setdefault(b, []).append(c.id)
    return ServiceScheme(
        concepts=services,
        outcome_concepts=outcomes,
        _matcher=PhraseMatcher((c.id, label) for c in services.values() for label in c.labels),
        _heading_labels=heading_labels,
        _outcome_matcher=PhraseMatcher(
            (c.id, label) for c in outcomes.values() for label in (*c.labels, c.notation or c.id)
        ),
        _ancestors=_ancestors_of(services),
        _narrower={k: tuple(sorted(v)) for k, v in narrower.items()},
    )


def concept_iri(concept_id: str) -> str:
    """The IRI of a service concept, from its slug (KeyError for a slug not in the scheme)."""
    return scheme().concepts[concept_id].iri


def outcome_iri(outcome_id: str) -> str:
    """The IRI of an outcome concept, from its slug (KeyError for a slug not in the scheme)."""
    return scheme().outcome_concepts[outcome_id].iri


def outcome_exact(label: str) -> str | None:
    """The outcome whose label is the whole of ``label``."""
    stems = tuple(t for t, _, _ in tokenize(label))
    for cid, c in scheme().outcome_concepts.items():
        for form_label in (*c.labels, c.notation or cid):
            if stems in label_forms(form_label):
                return cid
    return None


def outcome_for(label: str | None) -> str | None:
    """The outcome slug that an outcome heading or label names ("Be healthy" -> being-healthy).

    The whole label is tried first, then the longest outcome label inside it, so a long APA
    heading ("The council's management of its services ...") still finds its outcome.
    """
    if not label or not label.strip():
        return None
    exact = outcome_exact(label)
    if exact:
        return exact
    matches = scheme().find_outcomes(label)
    if not matches:
        return None
    best = max(matches, key=lambda m: (m.end - m.start, -m.start))
    return best.key
