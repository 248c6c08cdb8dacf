"""The query engine behind the endpoint: Oxigraph's own server, read-only, on a private port.

``oxigraph serve-read-only`` (the ``oxigraph`` package on PyPI) does the SPARQL work: it
evaluates queries over the union of the named graphs, cancels one that runs past its
``--timeout-s``, serialises results and ships the YASGUI editor's files. It listens on
127.0.0.1 only; the front in ``app.py`` is what users reach.

Oxigraph checks its deadline only while it reads the store, so a query that spends its time in
memory (a big join or sort) can run on long after it: the front answers at the limit anyway and
then restarts the engine, which is the only way to stop such a query.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import weakref
from pathlib import Path
from typing import IO

from ..errors import ServeError

START_S = 30.0


def oxigraph_command() -> str:
    """The ``oxigraph`` server command: on the PATH, or beside this Python (a venv's bin/)."""
    found = shutil.which("oxigraph")
    beside = Path(sys.executable).parent / "oxigraph"
    if found:
        return found
    if beside.exists():
        return str(beside)
    raise ServeError("the `oxigraph` server command is not installed (pip install oxigraph)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_RUNNING: weakref.WeakSet[Engine] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """An engine never outlives the Python that started it, even one that forgot to stop it."""
    for engine in list(_RUNNING):
        engine.stop()


class Engine:
    """One ``oxigraph serve-read-only`` process over a store folder, restartable."""

    def __init__(self, location: Path, timeout_s: int) -> None:
        self.location = location
        self.timeout_s = timeout_s
        self.command = oxigraph_command()
        self.generation = 0
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        args = [self.command, "serve-read-only", "--location", str(self.location),
                "--bind", f"127.0.0.1:{self.port}", "--union-default-graph",
                "--timeout-s", str(self.timeout_s)]
        # Its messages go to a file, never a pipe nobody reads (a full pipe would block it).
        self._log = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self._log,
                                      stderr=subprocess.STDOUT)
        _RUNNING.add(self)
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                self._log.seek(0)
                err = self._log.read().decode("utf-8", "replace").strip().splitlines()
                raise ServeError(f"{self.location}: the query engine did not start "
                                 f"({err[-1] if err else 'exit ' + str(self._proc.returncode)})")
            try:
                with urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise ServeError(f"{self.location}: the query engine did not answer in {START_S:.0f} s")

    def restart(self, generation: int) -> None:
        """Stop the engine and start a new one, unless that already happened since the caller
        saw ``generation`` (several requests over the limit restart it once)."""
        with self._lock:
            if generation != self.generation:
                return
            self.stop()
            self.start()
            self.generation += 1

    def wait_ready(self) -> None:
        """Until a restart under way is done."""
        with self._lock:
            return

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None
