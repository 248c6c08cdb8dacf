"""`inspectkg browse`: write the views a user asked for as standalone pages and an index.

Which pages: the overview (of the --authority, else of every authority); a timeline for the
--authority, else for the authority of the --recommendation, else for every authority; and the
chain of the --recommendation when one is given. Pages link to each other: a report in the
overview opens its authority's timeline, the recommendation of a chain opens its chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InspectKGError
from ..output import refuse_store, write_text
from ..store import Store
from .lookup import AuthorityRef, authorities, find_recommendation, service_label
from .render import render_index, render_view
from .views import MAX_NODES, View, chain, overview, timeline


@dataclass
class Page:
    """One page written: where, what it shows and what it had to leave out."""

    path: Path
    kind: str
    title: str
    description: str
    nodes: int
    edges: int
    aggregated: bool = False
    notes: list[str] = field(default_factory=list)
    replaced: bool = False


MAX_TIMELINES = 50
"""Without --authority, timelines are written for every authority up to this many (each page is
standalone, about 1 MB with vis-network inlined); above it only the overview, which says so."""


@dataclass
class BrowseResult:
    """The folder written, its index page, every view page and what was left out."""

    out: Path
    index: Path
    pages: list[Page] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    index_replaced: bool = False


def browse(
    store: Store,
    out: str | Path,
    *,
    authority: str | None = None,
    service: str | None = None,
    recommendation: str | None = None,
    max_nodes: int = MAX_NODES,
    max_timelines: int = MAX_TIMELINES,
) -> BrowseResult:
    """Write the views (overview, timelines, a recommendation's chain) and an index to ``out``."""
    if max_nodes < 10:
        raise InspectKGError(f"--max-nodes {max_nodes}: a page needs room for at least 10 nodes")
    folder = _folder(out)
    chosen = authorities(store, authority) if authority else None
    if service:
        service_label(store, service)
    rec = find_recommendation(store, recommendation, authority) if recommendation else None
    notes: list[str] = []
    if chosen is None and rec is not None:
        chosen = [_with_reports(store, rec.authority)]
    elif chosen is None:
        chosen = authorities(store)
        if len(chosen) > max_timelines:
            notes.append(f"The store holds {len(chosen)} authorities: no timelines are written "
                         f"for more than {max_timelines} at once. Write one with --authority NAME.")
            chosen = []
    one = chosen[0] if authority else None
    views: list[View] = [overview(store, one, service, max_nodes)]
    views += [timeline(store, a, service, max_nodes) for a in chosen]
    if rec is not None:
        views.append(chain(store, rec, max_nodes))
        if service:
            views[-1].notes.append("A trace follows every link whatever its service: --service "
                                   "narrows the overview and the timelines only.")
    links = _page_links(views, chosen, rec)
    result = BrowseResult(folder, folder / "index.html", notes=notes)
    paths = [folder / f"{view.name}.html" for view in views]
    replaced = {p: _check_target(folder, p) for p in [*paths, result.index]}
    for view, path in zip(views, paths, strict=True):
        write_text(path, render_view(view, links), follow_links=False)
        result.pages.append(Page(path, view.kind, view.title, view.description,
                                 view.graph.number_of_nodes(), view.graph.number_of_edges(),
                                 view.aggregated, list(view.notes), replaced[path]))
    write_text(result.index, _index(result, store.location, service), follow_links=False)
    result.index_replaced = replaced[result.index]
    return result


GENERATOR_MARK = '<meta name="generator" content="inspectkg">'
"""Every page browse writes carries this; a file without it is someone else's, never replaced."""


def _check_target(folder: Path, path: Path) -> bool:
    """May browse write ``path``? Never through a link, never over a file it did not write;
    True if it replaces one of its own pages. Checked for every page before any is written."""
    if path.is_symlink():
        raise InspectKGError(
            f"{path}: is a symbolic link; browse never writes through one (remove it or choose "
            "another --out)"
        )
    if path.resolve().parent != folder.resolve():
        raise InspectKGError(f"{path}: lies outside {folder}; not written")
    if not path.exists():
        return False
    if not path.is_file():
        raise InspectKGError(f"{path}: exists and is not a file; not replaced")
    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except OSError as exc:
        raise InspectKGError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if GENERATOR_MARK not in head:
        raise InspectKGError(
            f"{path}: exists and was not written by inspectkg browse; not replaced (move it "
            "away or choose another --out)"
        )
    return True


def _with_reports(store: Store, auth: AuthorityRef) -> AuthorityRef:
    return next((a for a in authorities(store) if a.iri == auth.iri), auth)


def _page_links(
    views: list[View], chosen: list[AuthorityRef], rec: object
) -> dict[str, tuple[str, str]]:
    """Node IRI -> (page file, link text): a report to its timeline, a recommendation to its
    chain."""
    links: dict[str, tuple[str, str]] = {}
    timelines = {a.iri: f"timeline-{a.slug}.html" for a in chosen}
    for view in views:
        if view.kind == "overview":
            for n, d in view.graph.nodes(data=True):
                if d["kind"] == "authority" and n in timelines:
                    links[n] = (timelines[n], "Open this authority's timeline")
                if d["kind"] == "report" and d.get("authority") in timelines:
                    links[n] = (timelines[d["authority"]], "Open this authority's timeline")
        if view.kind == "chain" and view.focus:
            links[view.focus] = (f"{view.name}.html", "Open the trace of this recommendation")
    return links


def _index(result: BrowseResult, location: str, service: str | None) -> str:
    sections: dict[str, list[dict[str, object]]] = {"overview": [], "timeline": [], "chain": []}
    for page in result.pages:
        sections[page.kind].append({
            "file": page.path.name, "title": page.title,
            "description": f"{page.description} ({page.nodes} nodes, {page.edges} edges)",
            "notes": page.notes,
        })
    titles = {"overview": "Overview", "timeline": "Authority timelines",
              "chain": "Trace of a recommendation"}
    about = f", items about {service}" if service else ""
    return render_index(
        "inspectkg: views of the knowledge graph",
        f"{len(result.pages)} pages from the store {location}{about}.",
        [{"title": titles[k], "pages": v} for k, v in sections.items() if v],
        result.notes,
    )


def _folder(out: str | Path) -> Path:
    path = Path(out)
    refuse_store(path)
    if path.exists() and not path.is_dir():
        raise InspectKGError(f"{path}: is a file, not a folder (--out takes a folder)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InspectKGError(f"{path}: cannot create the folder ({exc.strerror or exc})") from None
    return path
