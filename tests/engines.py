"""Real SPARQL engines started by the tests: Oxigraph server and OpenLink Virtuoso.

Each runs on free local ports with its own temporary folder and stops when its context ends.
An engine that is not installed skips its tests, except under CI (``$CI`` set), where
``.ci/run`` installs it and a missing engine is a failure, not a quiet skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing(what: str) -> None:
    """Skip, or fail under CI, for an engine that is not installed."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed: .ci/run should have installed it")
    pytest.skip(f"{what} is not installed")


def wait_for(url: str, proc: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    """Until the endpoint answers a query, or fail with the engine's last words."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
    proc.kill()
    pytest.fail(f"{url} did not come up in {seconds} s (exit {proc.poll()}):\n{tail}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def oxigraph_server(folder: Path, *, union: bool = True) -> Iterator[str]:
    """``oxigraph serve`` on a new store in ``folder``; yields the query URL."""
    if not Path(OXIGRAPH).exists():
        missing("the oxigraph server (pip install oxigraph)")
    port = free_port()
    args = [OXIGRAPH, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(args + (["--union-default-graph"] if union else []),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_for(url, proc, 30)
        yield url
    finally:
        stop(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort         = {sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 0
NumberOfBuffers    = 20000
MaxDirtyBuffers    = 15000
DirsAllowed        = .

[HTTPServer]
ServerPort         = {http_port}
ServerRoot         = {dir}
ServerThreads      = 4

[SPARQL]
; Virtuoso's own defaults: results cut at 10000 rows, which remote.py must notice
ResultSetMaxRows           = 10000
MaxQueryExecutionTime      = 0
MaxQueryCostEstimationTime = 0
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Virtuoso with a new database in ``folder``, the SPARQL user allowed to update; yields
    the endpoint URL (queries and updates both go to /sparql)."""
    if not Path(VIRTUOSO).exists() or not Path(ISQL).exists():
        missing("OpenLink Virtuoso (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)],
                                cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_for(url, proc, 120, log)
        # SPARQL over HTTP runs as the user "SPARQL": let it update (a new database has no
        # graph-level security, so that is all it needs).
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL";'
        done = subprocess.run([ISQL, str(sql_port), "dba", "dba", f"exec={grant}"],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "Error" in done.stdout + done.stderr:
            pytest.fail(f"virtuoso grant failed: {done.stdout} {done.stderr}")
        yield url
    finally:
        stop(proc)
