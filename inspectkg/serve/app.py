"""The front users reach: a small WSGI application (werkzeug) in front of the engine.

    /                     the SPARQL editor with the query catalogue
    /query, /sparql       the SPARQL 1.1 query endpoint (GET, POST)
    /update               refused (403): the endpoint is read-only
    /catalogue.json       the catalogue; /catalogue/NAME.rq?param=value one query, bound
    /browse/              the `inspectkg browse` pages
    /yasgui.min.js ...    the editor's files, from the engine

Every refusal is a status with one line of plain text saying why.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.utils import safe_join, send_file
from werkzeug.wrappers import Request, Response

from ..errors import InspectKGError, QueryError
from ..queries.guard import check_query
from .engine import Engine
from .pages import BrowseSite, assets_dir, bound_query, catalogue_json, editor_page
from .protocol import READ_ONLY, HttpError, choose, query_form, read_request
from .results import Limits, run_query

MAX_REQUEST = 1 << 20
ENGINE_FILES = {"yasgui.min.js", "yasgui.min.css", "logo.svg"}

_ROUTES = Map([
    Rule("/", endpoint="editor"),
    Rule("/query", endpoint="query"),
    Rule("/sparql", endpoint="query"),
    Rule("/update", endpoint="update"),
    Rule("/catalogue.json", endpoint="catalogue"),
    Rule("/catalogue/<name>.rq", endpoint="catalogue_query"),
    Rule("/browse", endpoint="browse_root", strict_slashes=False),
    Rule("/browse/<path:name>", endpoint="browse"),
    Rule("/assets/<name>", endpoint="asset"),
    Rule("/<any(" + ", ".join(f'"{n}"' for n in sorted(ENGINE_FILES)) + "):name>",
         endpoint="engine_file"),
])


class App:
    """The endpoint's routes over one engine, with the user's limits."""

    def __init__(self, engine: Engine, limits: Limits, site: BrowseSite, location: str) -> None:
        self.engine = engine
        self.limits = limits
        self.site = site
        self.location = location
        self._engine_files: dict[str, tuple[bytes, str]] = {}
        self._lock = threading.Lock()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        request = Request(environ)
        request.max_content_length = MAX_REQUEST
        try:
            endpoint, values = _ROUTES.bind_to_environ(environ).match()
            response = getattr(self, f"on_{endpoint}")(request, **values)
        except HttpError as exc:
            response = _text(exc.message, exc.status, exc.headers)
        except NotFound:
            response = _text(f"{request.path}: no such page (the endpoint is at /query, the "
                             "editor at /)", 404)
        except HTTPException as exc:
            response = _text(f"{exc.name}: {exc.description}", exc.code or 400)
        return response(environ, start_response)

    # ---- SPARQL ------------------------------------------------------------------------------
    def on_query(self, request: Request) -> Response:
        req = read_request(request)
        try:
            check_query(req.query)
        except QueryError as exc:
            raise HttpError(403, str(exc)) from None
        accept = request.headers.get("Accept")
        choose(accept, req.format, graph=query_form(req.query) in ("CONSTRUCT", "DESCRIBE"))
        answer = run_query(self.engine, req, accept, self.limits)
        response = Response(answer.body, 200, content_type=_with_charset(answer.media_type))
        response.headers["Vary"] = "Accept"
        response.headers["Cache-Control"] = "no-store"
        return response

    def on_update(self, request: Request) -> Response:
        raise HttpError(403, READ_ONLY)

    # ---- editor and catalogue ----------------------------------------------------------------
    def on_editor(self, request: Request) -> Response:
        page = editor_page(self.location, self.limits)
        response = Response(page, 200, content_type="text/html; charset=utf-8")
        # Nothing but this server: the page works offline, and the catalogue data stays data.
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'")
        return response

    def on_catalogue(self, request: Request) -> Response:
        body = json.dumps(catalogue_json(), ensure_ascii=False, indent=1)
        return Response(body, 200, content_type="application/json; charset=utf-8")

    def on_catalogue_query(self, request: Request, name: str) -> Response:
        try:
            text = bound_query(name, request.args.to_dict())
        except QueryError as exc:
            raise HttpError(400, str(exc)) from None
        if text is None:
            raise HttpError(404, f"{name}: no such catalogue query (see /catalogue.json)")
        return Response(text, 200, content_type="application/sparql-query; charset=utf-8")

    def on_asset(self, request: Request, name: str) -> Response:
        path = safe_join(str(assets_dir()), name)
        if path is None or name.endswith(".html"):
            raise NotFound()
        try:
            return send_file(path, request.environ, max_age=0)
        except FileNotFoundError:
            raise NotFound() from None

    def on_engine_file(self, request: Request, name: str) -> Response:
        body, kind = self._engine_file(name)
        return Response(body, 200, content_type=kind)

    def _engine_file(self, name: str) -> tuple[bytes, str]:
        with self._lock:
            if name not in self._engine_files:
                conn = http.client.HTTPConnection("127.0.0.1", self.engine.port, timeout=30)
                try:
                    conn.request("GET", "/" + name)
                    resp = conn.getresponse()
                    body = resp.read()
                    if resp.status != 200:
                        raise HttpError(502, f"the engine has no {name} (HTTP {resp.status})")
                    self._engine_files[name] = (body, resp.getheader("Content-Type", ""))
                except OSError as exc:
                    raise HttpError(503, f"the query engine is not answering ({exc})") from None
                finally:
                    conn.close()
            return self._engine_files[name]

    # ---- browse pages ------------------------------------------------------------------------
    def on_browse_root(self, request: Request) -> Response:
        if not request.path.endswith("/"):
            return Response("", 308, headers={"Location": "/browse/"})
        return self.on_browse(request, "index.html")

    def on_browse(self, request: Request, name: str) -> Response:
        try:
            folder = self.site.folder()
        except InspectKGError as exc:
            raise HttpError(500, f"the browse pages could not be written: {exc}") from None
        path = safe_join(str(folder), name)
        if path is None:
            raise NotFound()
        try:
            return send_file(path, request.environ, max_age=0)
        except (FileNotFoundError, IsADirectoryError):
            raise NotFound() from None


def _text(message: str, status: int, headers: dict[str, str] | None = None) -> Response:
    return Response(message.rstrip() + "\n", status, headers=headers or {},
                    content_type="text/plain; charset=utf-8")


def _with_charset(media_type: str) -> str:
    textual = media_type.startswith("text/") or media_type.endswith(("json", "xml"))
    return f"{media_type}; charset=utf-8" if textual and "charset" not in media_type else media_type
