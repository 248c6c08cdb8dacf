"""What a report's graph depends on besides its file: the code and data that read and map it.

A file is skipped by the next build when its bytes, its name, the base IRI and this fingerprint
are all unchanged; a change to a loader, the mapping, the service scheme or the register makes
every file be read again.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from pathlib import Path

# Parts of the package a report's graph depends on (folders are read recursively).
_PARTS = (
    "loaders", "graph/mapping", "graph/services", "graph/grades.py", "graph/authorities.py",
    "graph/iris.py", "graph/build.py", "ontology", "data/authorities.csv", "samples.py",
)


@cache
def code_fingerprint() -> str:
    """SHA-256 over the package files that decide what a report's graph holds."""
    root = Path(str(files("inspectkg")))
    h = hashlib.sha256()
    for part in _PARTS:
        p = root / part
        paths = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in paths:
            if f.is_file() and f.suffix in (".py", ".ttl", ".csv"):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def source_key(data: bytes, name: str, base: str) -> str:
    """The key a report's graph is stamped with: same key, same graph."""
    h = hashlib.sha256()
    for part in (hashlib.sha256(data).hexdigest(), name, base, code_fingerprint()):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()
