"""`inspectkg serve`: a read-only SPARQL 1.1 endpoint over the embedded store.

Oxigraph's own server does the SPARQL work (protocol, evaluation, cancellation, serialisation,
the YASGUI editor), read-only and on a private port. What it lacks is added in front of it, in
Python: a hard time limit (it cancels a query only while it reads the store), a result cap, a
clear error for both (it sends a cut-off 200 when it cancels), refusal of SERVICE (it would
fetch any URL a query names), the editor with the query catalogue, and the browse pages.

    endpoint = start(store_path, port=0)       # in the background, e.g. from tests
    print(endpoint.url)                        # http://127.0.0.1:PORT
    endpoint.stop()

    serve(store_path, port=7878)               # until Ctrl-C
"""

from __future__ import annotations

import errno
import re
import signal
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from ..errors import ServeError, StoreError
from ..graph.store import EmbeddedStore, default_store_path
from .app import App
from .engine import Engine
from .pages import BrowseSite
from .results import Limits

__all__ = ["Endpoint", "Limits", "serve", "start"]


@dataclass
class Endpoint:
    """A running endpoint: where it listens, and how to stop it."""

    url: str
    location: Path
    limits: Limits
    _server: BaseWSGIServer
    _engine: Engine
    _site: BrowseSite
    _thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()
        self._engine.stop()
        self._site.close()


def start(
    store: str | Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: int = 30,
    max_results: int = 10_000,
    background: bool = True,
) -> Endpoint:
    """Check the options and the store, start the engine and the front; with ``background``
    the front runs in a thread and this returns at once (port 0: any free port)."""
    limits = _limits(port, timeout, max_results)
    location = _store_folder(store)
    engine = Engine(location, limits.timeout_s)
    engine.start()
    site = BrowseSite(location)
    try:
        # Bound here, not by werkzeug, which prints its own lines and exits when it cannot.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.create_server((host, port), family=family, backlog=64)
    except OSError as exc:
        engine.stop()
        reason = ("in use (choose another with --port)" if exc.errno == errno.EADDRINUSE
                  else exc.strerror or str(exc))
        raise ServeError(f"{host}:{port}: cannot listen there: {reason}") from None
    with listener:
        server = make_server(host, listener.getsockname()[1],
                             App(engine, limits, site, str(location)), threaded=True,
                             fd=listener.fileno())
    shown = f"[{host}]" if ":" in host else host
    endpoint = Endpoint(f"http://{shown}:{server.port}", location, limits, server, engine,
                        site)
    if background:
        endpoint._thread = threading.Thread(target=server.serve_forever, daemon=True)
        endpoint._thread.start()
    return endpoint


def serve(
    store: str | Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: int = 30,
    max_results: int = 10_000,
    ready: object = None,
) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); ``ready(endpoint)`` is called once it
    listens."""
    endpoint = start(store, host=host, port=port, timeout=timeout, max_results=max_results,
                     background=False)
    stops = (signal.SIGTERM, signal.SIGHUP)
    previous = {s: signal.signal(s, _interrupt) for s in stops}
    try:
        if callable(ready):
            ready(endpoint)
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        endpoint.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _limits(port: int, timeout: int, max_results: int) -> Limits:
    if not 0 <= port <= 65535:
        raise ServeError(f"--port {port}: not a port number (1-65535)")
    if timeout < 1:
        raise ServeError(f"--timeout {timeout}: the time limit is a whole number of seconds, "
                         "at least 1")
    if max_results < 1:
        raise ServeError(f"--max-results {max_results}: the cap is a number of rows, at least 1")
    return Limits(timeout, max_results)


def _store_folder(store: str | Path | None) -> Path:
    """The embedded store to serve: it must exist and hold a built graph."""
    loc = str(store) if store is not None else str(default_store_path())
    if re.match(r"^https?://", loc):
        raise ServeError(f"{loc}: already a SPARQL endpoint; serve takes an embedded store folder")
    path = Path(loc).expanduser()
    if not path.exists():
        raise ServeError(f"{path}: no store here (run `inspectkg build` first)")
    try:
        probe = EmbeddedStore(path, read_only=True)
    except StoreError as exc:
        raise ServeError(str(exc)) from None
    try:
        graphs = probe.graphs()
    except OSError as exc:
        raise ServeError(f"{path}: not a readable store ({exc})") from None
    finally:
        probe.close()
    if not graphs:
        raise ServeError(f"{path}: the store is empty (run `inspectkg build` first)")
    return path.resolve()
