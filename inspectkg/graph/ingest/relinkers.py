"""Computing authorities' derived graphs in worker processes.

Why: an authority's links, shared node and chains depend only on its own report graphs (and the
service notations), and computing them is pure Python (same-issue ranking), so the cores of the
machine only work in parallel as processes. Workers never touch the store on disk: the build
hands each one the authority's report graphs as N-Quads, the worker loads them into an
in-memory store and runs the same code the build would run, and sends back the graphs to
write. The build writes them, one transaction per authority, so what a reader sees and what a
kill -9 leaves are as with the serial path, and the triples are the same.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pebble import ProcessPool

from ..authorities import Register
from ..iris import Minter
from ..store import EmbeddedStore

# What every task needs and no task changes: set before the pool forks, inherited by workers.
_CONTEXT: dict[str, object] = {}


@dataclass(frozen=True)
class Derived:
    """An authority's derived graphs (N-Triples; empty: the graph goes) and links per method."""

    authority: str
    graphs: dict[str, bytes]
    counts: Counter[str]


Compute = Callable[..., tuple[dict[str, bytes], Counter[str]]]


def compute_all(
    store: EmbeddedStore, authorities: Sequence[str], report_graphs: dict[str, list[str]],
    compute: Compute, minter: Minter, register: Register, basis: dict[str, str],
    notations: list[ox.Triple], jobs: int, pairs: Path | None = None,
) -> Iterator[Derived]:
    """The derived graphs of each authority, in the order given, a few authorities ahead in
    ``jobs`` workers (bounded, so finished graphs never pile up); an authority whose worker
    failed is computed here instead (same result, only slower)."""
    _CONTEXT.update(compute=compute, minter=minter, register=register, notations=notations,
                    pairs=pairs)
    pool = ProcessPool(max_workers=jobs, context=multiprocessing.get_context("fork"))
    try:
        pending: deque = deque()
        queue = iter(authorities)

        def schedule() -> bool:
            for authority in queue:
                nquads = _nquads(store, report_graphs.get(authority, []))
                pending.append((authority, pool.schedule(
                    _work, (authority, nquads, basis.get(authority, "")))))
                return True
            return False

        for _ in range(jobs * 2):
            if not schedule():
                break
        while pending:
            authority, future = pending.popleft()
            try:
                graphs, counts = future.result()
            except Exception:  # a worker that died: the same computation, here
                graphs, counts = compute(store, minter, register, authority,
                                         basis.get(authority, ""), True, notations, pairs)
            schedule()
            yield Derived(authority, graphs, counts)
    finally:
        pool.stop()
        pool.join()
        _CONTEXT.clear()


def _nquads(store: EmbeddedStore, graphs: list[str]) -> bytes:
    quads = [q for g in graphs for q in store.quads_of(g)]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if quads else b""


def _work(authority: str, nquads: bytes, basis: str) -> tuple[dict[str, bytes], Counter[str]]:
    """In a worker: the authority's derived graphs, computed over its reports in memory."""
    memory = EmbeddedStore.in_memory(nquads)
    compute: Compute = _CONTEXT["compute"]  # type: ignore[assignment]
    return compute(memory, _CONTEXT["minter"], _CONTEXT["register"], authority, basis, True,
                   _CONTEXT["notations"], _CONTEXT["pairs"])
