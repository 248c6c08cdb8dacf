"""IRIs of the vocabularies inspectkg uses: its own small ``ikg:`` layer and the standards reused.

Vocabulary IRIs (classes, properties, concept schemes) are fixed; only instance data (reports,
authorities, recommendations ...) lives under the configurable base (see ``inspectkg.graph.iris``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

VOCAB = "https://w3id.org/inspectkg/"

IKG = Namespace(VOCAB + "ontology#")
SERVICE = Namespace(VOCAB + "service/")
OUTCOME = Namespace(VOCAB + "outcome/")
GRADE = Namespace(VOCAB + "grade/")
STATUS = Namespace(VOCAB + "status/")
SCHEME = Namespace(VOCAB + "scheme/")

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
STATGEO = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")

DEFAULT_BASE = "https://w3id.org/inspectkg/id/"

PREFIXES: dict[str, str] = {
    "ikg": str(IKG),
    "service": str(SERVICE),
    "outcome": str(OUTCOME),
    "grade": str(GRADE),
    "status": str(STATUS),
    "scheme": str(SCHEME),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
    "statgeo": str(STATGEO),
}


def ontology_dir() -> Path:
    """Folder holding the Turtle files: OWL vocabulary, SHACL shapes, SKOS schemes."""
    return Path(str(files("inspectkg") / "ontology"))


def ontology_file(name: str) -> Path:
    """One Turtle file of the ontology folder, e.g. ``services.ttl``."""
    return ontology_dir() / name


__all__ = [
    "DCTERMS", "DEFAULT_BASE", "FOAF", "GRADE", "IKG", "OA", "ORG", "OUTCOME", "OWL", "PREFIXES",
    "PROV", "RDF", "RDFS", "SCHEMA", "SCHEME", "SERVICE", "SH", "SKOS", "STATGEO", "STATUS", "XSD",
    "ontology_dir", "ontology_file",
]
