"""inspectkg: inspection reports about English local authorities as an RDF knowledge graph."""

__version__ = "0.1.0"
