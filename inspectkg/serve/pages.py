"""What the endpoint serves besides query results: the editor page with the query catalogue,
each catalogue query with its parameters bound, and the browse pages.

The editor is YASGUI as Oxigraph ships it (served by the engine, so it works offline), with its
network autocompleters (prefix.cc, LOV) switched off and a side list of the catalogue: pick a
query, fill its parameters, and it opens in a new tab with them bound the way remote stores bind
them (a VALUES block, every value an escaped RDF term).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..graph.store import open_store
from ..graph.store.remote import bind_variables
from ..graph.views import browse
from ..graph.views.render import script_json
from ..queries import bindings, catalogue


def assets_dir() -> Path:
    return Path(str(files("inspectkg.serve") / "assets"))


def catalogue_json() -> list[dict[str, Any]]:
    """The catalogue as the editor lists it: name, title, description, parameters, text."""
    return [{
        "name": q.name, "title": q.title, "description": q.description, "text": q.text,
        "params": [{"name": p.name, "type": p.type, "required": p.required,
                    "description": p.description} for p in q.params],
    } for q in catalogue().values()]


def bound_query(name: str, params: Mapping[str, str]) -> str | None:
    """A catalogue query's text with the given (non-empty) parameters bound; None if no such
    query. A bad value raises QueryError (unknown parameter, not an IRI ...)."""
    q = catalogue().get(name)
    if q is None:
        return None
    given = {k: v for k, v in params.items() if v.strip()}
    return bind_variables(q.text, bindings(q, given)) if given else q.text


@cache
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(str(assets_dir())),
                       autoescape=select_autoescape(["html"]))


def editor_page(location: str, limits: Any) -> str:
    return _templates().get_template("editor.html").render(
        catalogue=script_json(catalogue_json()), location=location, limits=limits)


class BrowseSite:
    """The `inspectkg browse` pages of the served store, written once on first request.

    They read the store directly (read-only, beside the engine), so writing them is not held to
    the query time limit; the store does not change while it is served."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self._lock = threading.Lock()
        self._folder: Path | None = None

    def folder(self) -> Path:
        with self._lock:
            if self._folder is None:
                out = Path(tempfile.mkdtemp(prefix="inspectkg-browse-"))
                store = open_store(self.location, read_only=True)
                try:
                    browse(store, out)
                finally:
                    store.close()
                self._folder = out
            return self._folder

    def close(self) -> None:
        with self._lock:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None
