"""Classify report items to the service concepts of ``ontology/services.ttl``.

Why: tracing a 2002 recommendation to 2006 judgements and 2010 actions needs one shared answer to
"which function of the authority is this about?". The wordings live in the SKOS labels, not here:
the code only knows how to match them, so growing the scheme needs no code change.

This module is the public face: it classifies every item of a report of any kind from the fields
that kind has (`classify_report`, `classifications_for`) and re-exports the rest. The parts:
``service_matching`` (words, stems, phrase matching), ``service_scheme`` (the schemes read from
Turtle, outcome look-ups) and ``service_classifier`` (the methods and how their findings rank).
A recommendation's heading counts only where it agrees with its aim (reports that gather
recommendations at the end of a section put them under the wrong heading).
"""

from .classifier import METHODS, Classification, classify, classify_sources
from .matching import Match, PhraseMatcher, boundaries, label_forms, stem, tokenize
from .report import classifications_for, classify_report
from .scheme import (
    Concept,
    ServiceScheme,
    concept_iri,
    concepts_in,
    outcome_exact,
    outcome_for,
    outcome_iri,
    read_graph,
    scheme,
)

__all__ = [
    "METHODS",
    "Classification",
    "Concept",
    "Match",
    "PhraseMatcher",
    "ServiceScheme",
    "boundaries",
    "classifications_for",
    "classify",
    "classify_sources",
    "classify_report",
    "concept_iri",
    "concepts_in",
    "label_forms",
    "outcome_exact",
    "outcome_for",
    "outcome_iri",
    "read_graph",
    "scheme",
    "stem",
    "tokenize",
]
