"""Reading and mapping report files in worker processes, each file with a time limit.

Why processes: reading a report (PDF text, loaders, classification, mapping) is pure Python
and CPU-bound, so the cores of the machine work in parallel only as processes; and a loader
that hangs on an unusual file can only be stopped by ending the process it runs in. Workers are
forked from the build (nothing to import again) and never touch the store: they send back the
report's graph as N-Triples bytes, which the build writes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from ...errors import InspectKGError, LoadError

# Seconds one file may take to be read and mapped before it is given up.
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Outcome:
    """What reading one file gave: the report's graph, or why there is none."""

    path: str
    ok: bool
    message: str
    key: str = ""
    kind: str | None = None
    authority: str | None = None  # the name shown
    authority_iri: str | None = None
    report: str | None = None  # the report's IRI, which is its graph's name
    counts: dict[str, int] = field(default_factory=dict)
    in_register: bool = True
    ntriples: bytes = b""
    digest: str = ""


def read_and_map(path: str, base: str, key: str) -> Outcome:
    """Read, classify and map one file (in a worker process)."""
    from ..build import read_report
    from ..iris import Minter
    from ..mapping import digest, map_report

    try:
        report, sha = read_report(path)
        mapped = map_report(report, minter=Minter(base), source_name=Path(path).name,
                            sha256=sha)
        nt = mapped.ntriples()
    except LoadError as exc:
        return Outcome(path, False, exc.reason, key)
    except InspectKGError as exc:
        return Outcome(path, False, str(exc), key)
    except Exception as exc:  # a loader bug on an odd file: one line, the other files go on
        return Outcome(path, False, f"could not be read ({type(exc).__name__}: {exc})"[:300], key)
    auth = mapped.authority
    name = auth.name if auth else (report.authority or "unknown authority")
    counts = dict(sorted(mapped.counts.items()))
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
    in_register = bool(auth and auth.in_register)
    note = "" if in_register else " (authority not in the register)"
    return Outcome(
        path, True, f"{report.kind}, {name}, {report.date or 'undated'}: {summary}{note}",
        key=key, kind=report.kind, authority=name, authority_iri=mapped.authority_iri,
        report=mapped.iri, counts=counts, in_register=in_register, ntriples=nt,
        digest=digest(nt),
    )


def default_jobs() -> int:
    """Worker processes: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def read_all(
    tasks: Iterable[tuple[str, str]],
    base: str,
    *,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    started: Callable[[str], None] | None = None,
) -> Iterator[Outcome]:
    """Outcomes of (path, key) tasks in the order given, a few files ahead in the workers
    (bounded, so that finished graphs never pile up in memory)."""
    todo = list(tasks)
    if not todo:
        return
    workers = max(1, min(jobs or default_jobs(), len(todo)))
    ahead = workers * 3
    pool = ProcessPool(max_workers=workers, context=multiprocessing.get_context("fork"))
    try:
        pending: deque = deque()
        queue = iter(todo)
        for path, key in queue:
            pending.append((path, key, pool.schedule(read_and_map, (path, base, key),
                                                     timeout=timeout)))
            if len(pending) >= ahead:
                break
        while pending:
            path, key, future = pending.popleft()
            if started:
                started(path)
            yield _result(path, key, future, timeout)
            for nxt_path, nxt_key in queue:
                pending.append((nxt_path, nxt_key, pool.schedule(
                    read_and_map, (nxt_path, base, nxt_key), timeout=timeout)))
                break
    finally:
        pool.stop()
        pool.join()


def _result(path: str, key: str, future: object, timeout: float) -> Outcome:
    try:
        return future.result()  # type: ignore[attr-defined]
    except FutureTimeout:
        return Outcome(path, False, f"gave up after {timeout:g} s reading it (a loader did not "
                                    "finish: the file may be damaged or of an unusual layout)",
                       key)
    except ProcessExpired as exc:
        return Outcome(path, False, f"the reader stopped (exit code {exc.exitcode}) on this "
                                    "file", key)
