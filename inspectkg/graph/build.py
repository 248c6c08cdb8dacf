"""Build the knowledge graph: read reports, map them, replace their named graphs, link them.

A bad file never stops the build or touches what is already loaded: it is reported with one
line and the other files go on. Rebuilding the same reports leaves exactly the same triples,
and a file whose bytes are unchanged since the last build is not read again.

Safety: each report's graph is replaced in one store transaction (with its completion stamp),
so a reader sees a report's old state or its new one, and kill -9 at any moment leaves every
report written before it intact; the next build heals what an interrupted one left. An empty
store is filled by the bulk loader instead, beside the store, swapped in when done.
Speed: files are read and mapped by worker processes; only the authorities whose reports
changed have their links and shared nodes recomputed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import LoadError
from ..loaders import parse_source
from ..loaders.base import source_from_bytes
from ..loaders.files import candidates, read_bytes, report_paths
from ..loaders.files import is_candidate as _is_candidate
from ..loaders.records import Report
from ..ontology.namespaces import VOCAB, ontology_dir
from ..queries import internal
from .authorities import Register, default_register
from .ingest import derived
from .ingest.fingerprint import source_key
from .ingest.state import Stamp, StoreState, read_state, stamp_lines
from .ingest.workers import DEFAULT_TIMEOUT, Outcome, read_all
from .iris import Minter
from .mapping import canonical_ntriples, digest
from .services import classify_report
from .shared import authority_graph_name
from .store import DIGEST, Store
from .store.base import as_nquads

ONTOLOGY_GRAPH = VOCAB + "graph/ontology"
# Where the choice of files lives now; the old names stay importable from here.
__all__ = ["BuildResult", "FileResult", "build", "read_report", "report_paths", "_is_candidate"]
# Size of the N-Quads pieces a cold build hands to the bulk loader.
_CHUNK_BYTES = 32 * 1024 * 1024


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
    unchanged: bool = False  # skipped: the same bytes were built before


@dataclass
class BuildResult:
    """Every file's outcome, the links in the store, and what was healed."""

    files: list[FileResult] = field(default_factory=list)
    links: dict[str, int] = field(default_factory=dict)
    repaired: list[str] = field(default_factory=list)
    written: int = 0  # report graphs written
    relinked: int = 0  # authorities whose links and shared nodes were recomputed

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
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> BuildResult:
    """Load reports into the store, one named graph each, then relink their authorities.

    ``jobs`` worker processes read the files (default: one per core); a file that takes longer
    than ``timeout`` seconds fails with one line and the build goes on.
    """
    minter = Minter(base)
    register = register or default_register()
    _warm_caches(register)
    found = candidates(paths)
    files = [c.path for c in found]
    result = BuildResult()
    state = read_state(store, minter)
    result.repaired = state.problems()
    affected = _heal(store, state)
    results: list[FileResult | None] = [None] * len(files)
    tasks: list[tuple[str, str]] = []
    index: dict[str, int] = {}
    known = state.by_key()
    done = 0
    for i, (cand, path) in enumerate(zip(found, files, strict=True)):
        if cand.problem:  # a FIFO, a dangling link, an unreadable file ...: one line each
            results[i] = FileResult(str(path), False, cand.problem)
            continue
        try:
            key = source_key(read_bytes(path), path.name, minter.base)
        except LoadError as exc:
            results[i] = FileResult(str(path), False, exc.reason)
            continue
        stamp = known.get(key)
        if stamp is not None and stamp.summary.get("message"):
            results[i] = _unchanged(path, stamp)
            done += 1
            if progress:
                progress(done, len(files), path)
            continue
        index[str(path)] = i
        tasks.append((str(path), key))

    def counted(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        nonlocal done
        for out in outcomes:
            done += 1
            if progress:
                progress(done, len(files), Path(out.path))
            results[index[out.path]] = _file_result(out)
            yield out

    outcomes = counted(read_all(tasks, minter.base, jobs=jobs, timeout=timeout))
    ontology = _ontology_update(store)
    written = _write(store, state, outcomes, ontology, affected)
    result.written = len(written)
    result.files = [r for r in results if r is not None]
    for out in written:
        old = state.authority_of.get(out.report or "")
        if old:
            affected.add(old)  # a report that moved to another authority
    # every authority whose derived graphs were not computed from its reports as they are now
    # (changed in this build, or written by a build killed before it relinked)
    basis = {a: state.basis(a) for a in state.authorities() | affected}
    affected |= {a for a, b in basis.items()
                 if state.others.get(authority_graph_name(minter, a)) != b}
    if affected:
        derived.refresh(store, minter, register, affected, basis, link=link, jobs=jobs)
        result.relinked = len(affected) if link else 0
    derived.heal_views(store, state.authorities() - affected)
    if link:
        result.links = derived.link_counts(store, minter, state.authorities() | affected)
    return result


def _warm_caches(register: Register) -> None:
    """Load the schemes and register once here, so forked workers start with them."""
    from . import grades, services

    services.scheme()
    grades.grade_concept("good", "lea")
    grades.status_concept("Green")
    register.resolve("Westminster", None)


def _heal(store: Store, state: StoreState) -> set[str]:
    """Drop staging graphs, half-written report graphs and graphs of the old layout (one
    transaction); the authorities whose derived graphs must be recomputed."""
    doomed = state.staging + state.half_written + state.legacy
    if doomed:
        store.replace({g: b"" for g in doomed})
    affected = {state.authority_of[g] for g in state.half_written if g in state.authority_of}
    if state.legacy:
        affected |= set(state.authority_of.values())
    for g in state.half_written:
        state.stamps.pop(g, None)
    return affected


def _unchanged(path: Path, stamp: Stamp) -> FileResult:
    s = stamp.summary
    return FileResult(
        str(path), True, s["message"], kind=s.get("kind"), authority=s.get("authority"),
        report=stamp.graph, counts=dict(s.get("counts", {})),
        in_register=bool(s.get("in_register", True)), unchanged=True,
    )


def _file_result(out: Outcome) -> FileResult:
    return FileResult(out.path, out.ok, out.message, kind=out.kind, authority=out.authority,
                      report=out.report, counts=out.counts, in_register=out.in_register)


def _summary(out: Outcome) -> dict:
    return {"message": out.message, "kind": out.kind, "authority": out.authority,
            "counts": out.counts, "in_register": out.in_register}


def _graph_bytes(out: Outcome) -> bytes:
    """A report graph with its stamp: what one transaction writes."""
    return out.ntriples + stamp_lines(out.report or "", out.digest, out.key, _summary(out))


def _write(
    store: Store, state: StoreState, outcomes: Iterator[Outcome],
    ontology: dict[str, bytes], affected: set[str],
) -> list[Outcome]:
    """Write every read report; the outcomes whose graph content changed."""
    changed: list[Outcome] = []
    load_new = getattr(store, "load_new", None)
    is_empty = getattr(store, "is_empty", None)
    if load_new is not None and is_empty is not None and is_empty():
        late: dict[str, Outcome] = {}
        if load_new(_chunks(outcomes, ontology, changed, late)):
            for out in late.values():  # the same report twice in one build: the last wins
                store.replace({out.report or "": _graph_bytes(out)})
            for out in changed + list(late.values()):
                state.stamps[out.report or ""] = Stamp(out.report or "", out.digest, out.key,
                                                       _summary(out), out.authority_iri)
            return changed
    if ontology:
        store.replace(ontology)
    for out in outcomes:
        if not out.ok or not out.report:
            continue
        old = state.stamps.get(out.report)
        store.replace({out.report: _graph_bytes(out)})
        if old is None or old.digest != out.digest:
            changed.append(_written(out))
        state.stamps[out.report] = Stamp(out.report, out.digest, out.key, _summary(out),
                                         out.authority_iri)
    return changed


def _written(out: Outcome) -> Outcome:
    """An outcome once its graph is written, without the graph's bytes: a cold build keeps one
    per report until it relinks, and the bytes (~0.9 MB for a long LEA report) held 1,500 of
    them in memory at once."""
    return dataclasses.replace(out, ntriples=b"")


def _chunks(
    outcomes: Iterator[Outcome], ontology: dict[str, bytes], changed: list[Outcome],
    late: dict[str, Outcome],
) -> Iterator[bytes]:
    """N-Quads of the ontology and every report, in pieces for the bulk loader."""
    parts: list[bytes] = [as_nquads(g, data) for g, data in ontology.items()]
    size = sum(map(len, parts))
    seen: set[str] = set()
    for out in outcomes:
        if not out.ok or not out.report:
            continue
        if out.report in seen:
            late[out.report] = out
            continue
        seen.add(out.report)
        changed.append(_written(out))
        piece = as_nquads(out.report, _graph_bytes(out))
        parts.append(piece)
        size += len(piece)
        if size >= _CHUNK_BYTES:
            yield b"".join(parts)
            parts, size = [], 0
    if parts:
        yield b"".join(parts)


def ontology_ntriples() -> bytes:
    """Every Turtle file of the ontology except the SHACL shapes, as sorted N-Triples."""
    triples: set[ox.Triple] = set()
    for ttl in sorted(ontology_dir().glob("*.ttl")):
        if ttl.name != "shapes.ttl":
            triples.update(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    return canonical_ntriples(triples)


def _ontology_update(store: Store) -> dict[str, bytes]:
    """The ontology graph to write, if the store does not hold this version of it yet."""
    nt = ontology_ntriples()
    d = digest(nt)
    _, rows = store.select(internal("graph-stamp"), {"graph": ox.NamedNode(ONTOLOGY_GRAPH)})
    if any(r["digest"] is not None and r["digest"].value == d for r in rows):
        return {}
    stamp = ox.serialize(
        [ox.Triple(ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(DIGEST), ox.Literal(d))],
        format=ox.RdfFormat.N_TRIPLES,
    )
    return {ONTOLOGY_GRAPH: nt + stamp}
