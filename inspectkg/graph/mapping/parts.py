"""Paragraphs and the sections and headings they sit under."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from ...loaders.records import Paragraph
from .builder import GraphBuilder
from .facts import page
from .terms import DCTERMS, IKG, RDF, XSD


def paragraphs(b: GraphBuilder, items: Sequence[Paragraph]) -> None:
    sections: dict[tuple[str | None, str | None], ox.NamedNode] = {}
    for p in items:
        if p.number is None:  # prose the report does not number: keyed by its order
            node = b.part("paragraph", p.key or f"line-{p.line}")
        else:
            seen = b.paragraph_places.setdefault(p.number, [])
            node = b.part("paragraph", p.number if not seen else f"{p.number}-{len(seen) + 1}")
            seen.append((p.line, node))
            b.paragraph_iris.setdefault(p.number, node)
        b.add(node, RDF.type, IKG.Paragraph)
        b.add(node, IKG.report, b.iri)
        b.add(node, IKG.number, p.number, XSD.integer)
        b.add(node, IKG.paragraphKey, p.key)
        b.add(node, IKG.judgementArea, p.area)
        b.add(node, IKG.text, p.text)
        b.add(node, IKG.line, p.line, XSD.integer)
        page(b, node, p.page)
        parent = _section(b, sections, p.section, p.heading)
        b.add(node, DCTERMS.isPartOf, parent or b.iri)
        b.count("paragraphs")


def _section(
    b: GraphBuilder, sections: dict[tuple[str | None, str | None], ox.NamedNode],
    section: str | None, heading: str | None,
) -> ox.NamedNode | None:
    """The node of a section (numbered in order of appearance) or of a heading inside it."""
    if not section and not heading:
        return None
    top_key = (section, None)
    if top_key not in sections:
        n = sum(1 for k in sections if k[1] is None) + 1
        node = b.part("section", n)
        sections[top_key] = node
        b.add(node, RDF.type, IKG.Section)
        b.add(node, DCTERMS.title, section or "")
        b.add(node, DCTERMS.isPartOf, b.iri)
    if heading is None:
        return sections[top_key]
    key = (section, heading)
    if key not in sections:
        parent = sections[top_key]
        n = sum(1 for k in sections if k[0] == section and k[1] is not None) + 1
        node = b.sub(parent, n)
        sections[key] = node
        b.add(node, RDF.type, IKG.Section)
        b.add(node, DCTERMS.title, heading)
        b.add(node, DCTERMS.isPartOf, parent)
    return sections[key]
