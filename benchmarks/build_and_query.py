"""Benchmark: build, link, query and trace time as the number of authorities grows.

Copies the bundled sample reports under the names of other authorities from the register
(same text, other authority), builds them into a fresh embedded store and prints figures.
Not a test: timings depend on the machine.

    python benchmarks/build_and_query.py [--authorities 1 5 20]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from inspectkg.graph.authorities import default_register
from inspectkg.graph.build import build
from inspectkg.graph.store import open_store
from inspectkg.graph.trace import trace
from inspectkg.queries import run
from inspectkg.samples import sample_paths

NAMES = {"westminster": "WESTMINSTER", "leicester": "LEICESTER"}


def copies(folder: Path, count: int) -> list[Path]:
    """The samples written under `count` authorities' names (the originals first)."""
    names = [r.name for r in default_register().rows if r.gss_code and r.valid_to is None]
    out: list[Path] = []
    for n in range(count):
        for path in sample_paths():
            text = path.read_text(encoding="utf-8")
            if n:
                new = names[n * 7 % len(names)]
                for old in NAMES:
                    text = re.sub(old, new, text, flags=re.I)
            target = folder / f"{n:03d}-{path.name}"
            target.write_text(text, encoding="utf-8")
            out.append(target)
    return out


def timed(label: str, fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"  {label:<42} {time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, nargs="+", default=[1, 5, 20])
    args = parser.parse_args()
    for count in args.authorities:
        with tempfile.TemporaryDirectory() as tmp:
            files = copies(Path(tmp), count)
            store = open_store(Path(tmp) / "store")
            print(f"{count} authorities, {len(files)} reports")
            result = timed("build (read, map, load, link)", build, store, files)
            triples = sum(1 for _ in store.quads())
            print(f"  {'quads':<42} {triples:8d}")
            print(f"  {'links':<42} {sum(result.links.values()):8d}")
            timed("query counts", run, store, "counts")
            timed("query recommendations (one authority)", run, store, "recommendations",
                  {"authority": "Westminster"})
            timed("trace Westminster", trace, store, authority="Westminster")
            timed("rebuild, nothing changed", build, store, files)
            store.close()


if __name__ == "__main__":
    main()
