"""RDF terms for the mapping: vocabulary IRIs as pyoxigraph nodes, and literals as the store
keeps them (canonical lexical forms), so what the mapping makes is what a query reads back."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pyoxigraph as ox

from ...ontology.namespaces import PREFIXES

Object = ox.NamedNode | ox.Literal


class Vocabulary:
    """``IKG.text`` -> ``NamedNode(<ikg>text)``; Python keywords as ``IKG["from"]``."""

    def __init__(self, namespace: str) -> None:
        self._ns = namespace

    @cache  # noqa: B019 - a handful of vocabularies, alive for the whole process
    def __getitem__(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(self._ns + name)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]


IKG = Vocabulary(PREFIXES["ikg"])
RDF = Vocabulary(PREFIXES["rdf"])
RDFS = Vocabulary(PREFIXES["rdfs"])
XSD = Vocabulary(PREFIXES["xsd"])
DCTERMS = Vocabulary(PREFIXES["dcterms"])
PROV = Vocabulary(PREFIXES["prov"])
FOAF = Vocabulary(PREFIXES["foaf"])
ORG = Vocabulary(PREFIXES["org"])
OA = Vocabulary(PREFIXES["oa"])
SKOS = Vocabulary(PREFIXES["skos"])
SCHEMA = Vocabulary(PREFIXES["schema"])
STATGEO = Vocabulary(PREFIXES["statgeo"])


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def literal(value: object, datatype: ox.NamedNode | None = None) -> ox.Literal:
    """A literal of a Python value: text, or a value of an XSD datatype in canonical form."""
    if datatype is None:
        if isinstance(value, bool):
            return ox.Literal("true" if value else "false", datatype=XSD.boolean)
        if isinstance(value, int):
            return ox.Literal(str(value), datatype=XSD.integer)
        if isinstance(value, float):
            return ox.Literal(repr(value), datatype=XSD.double)
        return ox.Literal(str(value))
    if datatype == XSD.decimal:
        return ox.Literal(canonical_decimal(value), datatype=datatype)
    return ox.Literal(str(value), datatype=datatype)


def canonical_decimal(value: object) -> str:
    """xsd:decimal as Oxigraph writes it back: ``2.0`` -> ``2``, ``0.810`` -> ``0.81``."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text if text not in ("-0", "") else "0"
