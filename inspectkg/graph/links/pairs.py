"""Same-issue links kept by pair of reports, so that a relink ranks only the pairs it has not seen.

Why: an authority's same-issue links are the union, over each earlier report and each later one,
of what the earlier report's recommendations find in the later report; that depends on the two
reports alone (their items, as their graphs hold them) and on the ranking's code and models.
Adding a report to an authority of ten made the relink rank every pair again (~3 s on an
authority of the generated 1,500); with the pairs kept, only the pairs with the new report.

Never wrong, only sometimes unused: a pair is keyed by the digests of both report graphs and by
a digest of the ranking's own files (code, calibration, word rarities, service scheme, item
queries), so a changed report, model or program finds nothing kept. The file is one per
authority, written under a temporary name and renamed; a missing, cut or garbled file is
ignored (everything is ranked again), and deleting the folder loses nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .items import Link

Pair = tuple[str, str]  # (earlier report graph's digest, later report graph's digest)
ITEM_QUERIES = ("link-items.rq", "link-paragraphs.rq")  # what `items.read_items` asks


# The files the ranking reads or runs, by package: its code and models, the service scheme's
# code, the ontology (the scheme's concepts), and the queries that read the items.
_RANKING_FILES = (("inspectkg.graph.links", (".py", ".json", ".tsv")),
                  ("inspectkg.graph.services", (".py",)),
                  ("inspectkg.ontology", (".ttl",)))


@lru_cache(maxsize=1)
def ranking_version() -> str:
    """A digest of every file the same-issue ranking reads or runs."""
    h = hashlib.sha256()
    for package, suffixes in _RANKING_FILES:
        for entry in sorted(files(package).iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith(suffixes):
                h.update(f"{package}/{entry.name}".encode() + b"\0" + entry.read_bytes())
    queries = files("inspectkg.queries") / "internal"
    for name in ITEM_QUERIES:
        h.update(name.encode() + b"\0" + (queries / name).read_bytes())
    return h.hexdigest()


class PairLinks:
    """The kept links of one authority's report pairs; `save` keeps only the pairs asked for
    or added since it was read (pairs of reports gone are dropped)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._kept: dict[Pair, list[Link]] = {}
        self._now: dict[Pair, list[Link]] = {}
        if path is not None:
            self._kept = _read(path)

    def get(self, pair: Pair) -> list[Link] | None:
        found = self._kept.get(pair)
        if found is not None:
            self._now[pair] = found
        return found

    def put(self, pair: Pair, links: list[Link]) -> None:
        self._now[pair] = links

    def save(self) -> None:
        """Write the pairs of this relink (nothing kept when there are none)."""
        if self.path is None:
            return
        if not self._now:
            self.path.unlink(missing_ok=True)
            return
        data = {"version": ranking_version(),
                "pairs": [[a, b, [_dump(link) for link in links]]
                          for (a, b), links in sorted(self._now.items())]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self.path)


def _read(path: Path) -> dict[Pair, list[Link]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("version") != ranking_version():
            return {}
        return {(a, b): [_load(x) for x in links] for a, b, links in data["pairs"]}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def _dump(link: Link) -> list:
    return [link.source, link.target, link.method, link.score, link.evidence_from,
            link.evidence_to, link.authority, list(link.matched), link.verdict]


def _load(x: list) -> Link:
    source, target, method, score, ev_from, ev_to, authority, matched, verdict = x
    return Link(source, target, method, float(score), ev_from, ev_to, authority,
                explicit=False, matched=tuple(matched), verdict=verdict)
