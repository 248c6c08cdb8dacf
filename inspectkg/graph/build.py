"""Build the knowledge graph: read reports, map them, replace their named graphs, link them.

A bad file never stops the build or touches what is already loaded: it is reported with one
line and the other files go on. Rebuilding the same reports leaves exactly the same triples.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..errors import InspectKGError, LoadError
from ..loaders import parse_source
from ..loaders.base import source_from_bytes
from ..loaders.files import Candidate, candidates, read_bytes, report_paths
from ..loaders.files import is_candidate as _is_candidate
from ..loaders.records import Report
from ..ontology.namespaces import VOCAB, ontology_dir
from .authorities import Register, default_register
from .iris import Minter
from .mapping import MappedReport, map_report
from .services import classify_report
from .store import Store, write_graph

ONTOLOGY_GRAPH = VOCAB + "graph/ontology"
# Where the choice of files lives now; the old names stay importable from here.
__all__ = ["BuildResult", "FileResult", "build", "read_report", "report_paths", "_is_candidate"]


@dataclass
class FileResult:
    """What happened to one file."""

    path: str
    ok: bool
    message: str
    kind: str | None = None
    authority: str | None = None
    report: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    in_register: bool = True


@dataclass
class BuildResult:
    """Every file's outcome and the totals the CLI prints."""

    files: list[FileResult] = field(default_factory=list)
    links: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]

    @property
    def loaded(self) -> list[FileResult]:
        return [f for f in self.files if f.ok]


def read_report(path: str | Path) -> tuple[Report, str]:
    """Read (PDF or text, told by content), detect and classify one report; with the SHA-256
    of its bytes."""
    data = read_bytes(path)
    report = parse_source(source_from_bytes(data, str(path)))
    return classify_report(report), hashlib.sha256(data).hexdigest()


def build(
    store: Store,
    paths: Iterable[str | Path] | None = None,
    *,
    base: str | None = None,
    register: Register | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
    link: bool = True,
) -> BuildResult:
    """Load reports into the store, one named graph each, then recompute the links."""
    minter = Minter(base)
    register = register or default_register()
    files = candidates(paths)
    result = BuildResult()
    load_ontology(store)
    for i, cand in enumerate(files, start=1):
        if progress:
            progress(i, len(files), cand.path)
        result.files.append(_load_one(store, cand, minter, register))
    if result.loaded:
        from .shared import rebuild_shared

        rebuild_shared(store, register, minter)
        if link:
            from .links import relink

            result.links = relink(store, minter)
    return result


def _load_one(store: Store, cand: Candidate, minter: Minter, register: Register) -> FileResult:
    path = cand.path
    if cand.problem:
        return FileResult(str(path), False, cand.problem)
    try:
        report, digest = read_report(path)
        mapped = map_report(
            report, minter=minter, register=register, source_name=path.name, sha256=digest
        )
        write_graph(store, str(mapped.iri), mapped.graph)
    except LoadError as exc:
        return FileResult(str(path), False, exc.reason)
    except InspectKGError as exc:
        return FileResult(str(path), False, str(exc))
    return _describe(path, report, mapped)


def _describe(path: Path, report: Report, mapped: MappedReport) -> FileResult:
    auth = mapped.authority
    name = auth.name if auth else (report.authority or "unknown authority")
    counts = dict(sorted(mapped.counts.items()))
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
    note = "" if (auth and auth.in_register) else " (authority not in the register)"
    return FileResult(
        str(path), True, f"{report.kind}, {name}, {report.date or 'undated'}: {summary}{note}",
        kind=report.kind, authority=name, report=str(mapped.iri), counts=counts,
        in_register=bool(auth and auth.in_register),
    )


def ontology_graph() -> Graph:
    """Every Turtle file of the ontology except the SHACL shapes, as one graph."""
    g = Graph()
    for ttl in sorted(ontology_dir().glob("*.ttl")):
        if ttl.name != "shapes.ttl":
            g.parse(ttl, format="turtle")
    return g


def load_ontology(store: Store) -> None:
    """Put the vocabulary and concept schemes in the store so queries can use their labels."""
    write_graph(store, ONTOLOGY_GRAPH, ontology_graph())
