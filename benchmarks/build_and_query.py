"""Benchmark: cold build, incremental add, unchanged rebuild, catalogue queries and traces.

Builds a collection into a fresh embedded store and prints, in one run: reports/s, triples,
build seconds, peak RSS, one report added and one replaced, an unchanged rebuild, p50/p95 of
every catalogue query, trace p50s, and how much faster Oxigraph is than rdflib's in-memory store
on the trace query over the same data. Not a test: timings depend on the machine.

    python benchmarks/build_and_query.py                      # generated corpus, 1,500 reports
    python benchmarks/build_and_query.py --reports 200
    python benchmarks/build_and_query.py --folder ../shared/corpus --folder more/  # any folders

The generated corpus copies the bundled samples under the names of other authorities of the
register, with the years shifted, into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from inspectkg.graph.authorities import default_register
from inspectkg.graph.build import build, report_paths
from inspectkg.graph.store import open_store
from inspectkg.graph.store.embedded import is_store_folder
from inspectkg.graph.trace import trace
from inspectkg.queries import catalogue, run, value
from inspectkg.samples import sample_paths

SAMPLE_NAMES = ("westminster", "leicester")
SHIFTS = (0, 3, 6, -3)
# Parameters for catalogue queries that need one (any authority of the corpus will do).
AUTH_PARAM = ("authority",)


def authorities() -> list[str]:
    """Current authorities of the register (those with a GSS code and no end date)."""
    seen: dict[str, None] = {}
    for r in default_register().rows:
        if r.gss_code and r.valid_to is None:
            seen.setdefault(r.name)
    return list(seen)


def _shift_years(text: str, k: int) -> str:
    return re.sub(r"\b(19[89]\d|20[0-2]\d)\b", lambda m: str(int(m.group()) + k), text)


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` reports: the samples renamed to other authorities, years shifted."""
    names = authorities()
    texts = [(p, p.read_text(encoding="utf-8")) for p in sample_paths() if p.suffix == ".txt"]
    out: list[Path] = []
    n = 0
    while len(out) < count:
        name = names[n % len(names)]
        k = SHIFTS[(n // len(names)) % len(SHIFTS)]
        for path, text in texts:
            if len(out) >= count:
                break
            new = text
            for old in SAMPLE_NAMES:
                new = re.sub(old, name, new, flags=re.I)
            target = folder / f"{n:04d}-{k:+d}-{path.name}"
            target.write_text(_shift_years(new, k), encoding="utf-8")
            out.append(target)
        n += 1
    return out


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration):
        ram = "?"
    return f"nproc {os.cpu_count()}, CPU {cpu}, RAM {ram}, Python {platform.python_version()}"


def peak_rss_mb() -> tuple[float, float]:
    """(this process, largest child) peak resident memory in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    p95 = s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]
    return statistics.median(s), p95


# Runs one catalogue query in a fresh process over the store opened read-only, so that a query
# that runs for minutes on a big store can be given up (an engine's query cannot be stopped
# from the thread that runs it).
_QUERY_CHILD = """
import json, sys, time
from inspectkg.graph.store import open_store
from inspectkg.graph.store.embedded import is_store_folder
from inspectkg.queries import run
store = open_store(sys.argv[1], read_only=True)
params = json.loads(sys.argv[3])
for _ in range(int(sys.argv[4])):
    t = time.perf_counter(); _, rows = run(store, sys.argv[2], params)
    print(json.dumps({"ms": (time.perf_counter() - t) * 1000, "rows": len(rows)}), flush=True)
"""


def _query_times(location: str, name: str, params: dict, repeat: int,
                 limit: float) -> tuple[list[float], int, bool]:
    """(times in ms, rows, given up): runs until ``limit`` seconds have passed."""
    proc = subprocess.Popen([sys.executable, "-c", _QUERY_CHILD, location, name,
                             json.dumps(params), str(repeat)], stdout=subprocess.PIPE, text=True)
    try:
        out, _ = proc.communicate(timeout=limit)
        stopped = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        stopped = True
    got = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [g["ms"] for g in got], (got[-1]["rows"] if got else 0), stopped


def bench_queries(store, authority: str, repeat: int, limit: float) -> None:
    print(f"catalogue queries ({repeat} runs each, {limit:g} s at most per query), "
          "ms p50 / p95, rows:")
    store.flush()
    for name, q in catalogue().items():
        params = {}
        for p in q.params:
            if p.name == "authority":
                params["authority"] = authority
            elif p.required and p.name == "service":
                params["service"] = "special-educational-needs"
            elif p.required and p.name == "number":
                params["number"] = "7"
            elif p.required:
                params[p.name] = authority
        _report(name, *_query_times(store.location, name, params, repeat, limit), limit,
                params)
    # the same catalogue with no authority: every authority of the store
    for name in ("recommendations", "open-recommendations", "services"):
        _report(name + " (all)", *_query_times(store.location, name, {}, max(3, repeat // 4),
                                               limit), limit, "")


def _report(name: str, times: list[float], rows: int, stopped: bool, limit: float,
            params: object) -> None:
    if not times:
        print(f"  {name:<28} not done in {limit:g} s  {params or ''}")
        return
    p50, p95 = percentiles(times)
    more = f"  ({len(times)} runs before {limit:g} s)" if stopped else ""
    print(f"  {name:<28} {p50:8.1f} {p95:8.1f}  {rows:6d}  {params or ''}{more}")


def a_recommendation(store, authority: str) -> str:
    _, rows = run(store, "recommendations", {"authority": authority})
    return value(rows[len(rows) // 2]["recommendation"])


def bench_traces(store, authority: str, repeat: int) -> float:
    rec = a_recommendation(store, authority)
    one = [timed(trace, store, recommendation=rec)[1] * 1000 for _ in range(repeat)]
    whole = [timed(trace, store, authority=authority)[1] * 1000 for _ in range(repeat)]
    q = catalogue()["trace"]
    raw = [timed(run, store, q, {"recommendation": rec})[1] * 1000 for _ in range(repeat)]
    print(f"trace of one recommendation   p50 {statistics.median(one):8.1f} ms  (query alone "
          f"{statistics.median(raw):.1f} ms)")
    print(f"trace of one authority        p50 {statistics.median(whole):8.1f} ms  ({authority})")
    return statistics.median(raw)


def rdflib_ratio(store, authority: str, oxigraph_ms: float, limit: float) -> None:
    """rdflib's in-memory store on the same trace query over the same quads (a subprocess,
    so that its memory does not count as the build's)."""
    rec = a_recommendation(store, authority)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "store.nq"
        import pyoxigraph as ox

        with dump.open("wb") as f:
            ox.serialize(store.quads(), f, format=ox.RdfFormat.N_QUADS)
        code = (
            "import sys, time, json\n"
            "from rdflib import Dataset, URIRef\n"
            "from inspectkg.queries import catalogue\n"
            "from inspectkg.ontology.namespaces import PREFIXES\n"
            "ds = Dataset(default_union=True)\n"
            "t = time.perf_counter(); ds.parse(sys.argv[1], format='nquads')\n"
            "load = time.perf_counter() - t\n"
            "q = catalogue()['trace'].text\n"
            "t = time.perf_counter()\n"
            "rows = list(ds.query(q, initNs=PREFIXES,"
            " initBindings={'recommendation': URIRef(sys.argv[2])}))\n"
            "print(json.dumps({'load': load, 'query': time.perf_counter() - t,"
            " 'rows': len(rows)}))\n"
        )
        try:
            out = subprocess.run([sys.executable, "-c", code, str(dump), rec], timeout=limit,
                                 capture_output=True, text=True, check=True)
            got = json.loads(out.stdout.strip().splitlines()[-1])
            ms = got["query"] * 1000
            print(f"rdflib in-memory: load {got['load']:.1f} s, trace query {ms:.0f} ms "
                  f"({got['rows']} rows) -> Oxigraph {ms / oxigraph_ms:.0f}x faster")
        except subprocess.TimeoutExpired:
            print(f"rdflib in-memory: not done after {limit:.0f} s (load and trace query): "
                  "no ratio measured (the time limit covers loading too)")
        except subprocess.CalledProcessError as exc:
            print(f"rdflib in-memory: failed ({exc.stderr.strip().splitlines()[-1]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1500, help="size of the generated corpus")
    parser.add_argument("--folder", action="append", help="build these folders instead")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes")
    parser.add_argument("--rdflib-timeout", type=float, default=600.0)
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--query-limit", type=float, default=120.0,
                        help="seconds each catalogue query may run (all its runs together)")
    parser.add_argument("--store", help="build into this folder and keep it; a store already "
                        "there is queried without building again")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        location = Path(args.store) if args.store else root / "store"
        reuse = args.store is not None and is_store_folder(location)
        store = open_store(location)
        if reuse:
            print(f"store: {location} (built before; queries only)")
        else:
            if args.folder:
                files = report_paths(args.folder)
                corpus = f"folders {', '.join(args.folder)}"
            else:
                (root / "corpus").mkdir()
                files = generate(root / "corpus", args.reports)
                corpus = "generated (samples renamed to other authorities, years shifted)"
            print(f"corpus: {corpus}: {len(files)} files")
            result, secs = timed(build, store, files, jobs=args.jobs)
            own, kids = peak_rss_mb()
            ok = len(result.loaded)
            triples = len(store._store)  # noqa: SLF001 - the engine's own count
            print(f"cold build: {secs:.1f} s, {ok} loaded, {len(result.failed)} failed, "
                  f"{ok / secs:.1f} reports/s, {triples} quads, {result.relinked} authorities "
                  f"linked, {sum(result.links.values())} links")
            for f in result.failed[:5]:
                print(f"  failed {Path(f.path).name}: {f.message}")
            print(f"peak RSS: build process {own:.0f} MB, largest worker {kids:.0f} MB")
            size = sum(p.stat().st_size for p in (location).rglob("*") if p.is_file())
            print(f"store on disk: {size / 1e6:.0f} MB")

            extra = root / "extra"
            extra.mkdir()
            sample = next(p for p in sample_paths() if p.suffix == ".txt")
            text = sample.read_text(encoding="utf-8")
            new = extra / "added.txt"
            new.write_text(_shift_years(re.sub("leicester", "Rutland", text, flags=re.I), 11),
                           encoding="utf-8")
            r, add = timed(build, store, [new], jobs=args.jobs)
            print(f"add one report: {add:.2f} s ({r.written} written, {r.relinked} authority "
                  f"relinked: {r.files[0].message[:60]})")
            victim = next((p for p in files if p.suffix == ".txt"), None)
            if victim is not None:
                changed = extra / victim.name
                changed.write_text(victim.read_text(encoding="utf-8", errors="replace").replace(
                    "good", "satisfactory", 1), encoding="utf-8")
                r, rep = timed(build, store, [changed], jobs=args.jobs)
                print(f"replace one report: {rep:.2f} s ({r.written} written, {r.relinked} "
                      "relinked)")
            r, again = timed(build, store, files, jobs=args.jobs)
            print(f"rebuild, nothing changed: {again:.2f} s ({sum(f.unchanged for f in r.files)} "
                  "files skipped by digest)")

        authority = _an_authority(store)
        bench_queries(store, authority, args.repeat, args.query_limit)
        raw = bench_traces(store, authority, args.repeat)
        if not args.no_rdflib:
            rdflib_ratio(store, authority, raw, args.rdflib_timeout)
        store.close()
        if not args.store:
            shutil.rmtree(location, ignore_errors=True)


def _an_authority(store) -> str:
    """An authority of the store with the most reports (the heaviest traces)."""
    _, rows = run(store, "counts")
    counts: dict[str, int] = {}
    for r in rows:
        counts[value(r["authorityName"])] = counts.get(value(r["authorityName"]), 0) + 1
    return max(sorted(counts), key=lambda a: counts[a])


if __name__ == "__main__":
    main()
