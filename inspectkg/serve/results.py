"""Run one query on the engine within the time limit and the result cap, in the client's format.

The engine is asked for SPARQL JSON (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE), which the
front reads as they stream: solutions are counted as they are parsed, triples as lines, and
reading stops at the first one over the cap (closing the connection stops the engine). Only a
complete answer within the cap is converted (pyoxigraph's serialisers) and sent, so a client
never gets a silently cut result. A query the engine cancels at its deadline streams a broken
answer ending in "cancelled"; one it cannot cancel in time is cut off by the front, which then
restarts the engine.
"""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox

from ..ontology.namespaces import PREFIXES
from .engine import Engine
from .protocol import HttpError, QueryRequest, choose

GRACE_S = 2.0
"""How long past the limit the front waits for the engine's own cancellation."""
CHUNK = 1 << 16
CANCELLED = b"cancelled"


@dataclass(frozen=True)
class Limits:
    """What one query may take: seconds and rows (solutions or triples)."""

    timeout_s: int = 30
    max_results: int = 10_000


@dataclass
class Answer:
    """A complete result in the client's format."""

    body: bytes
    media_type: str


class _Reader:
    """The engine's answer as a file for pyoxigraph's parser, kept whole, within the deadline."""

    def __init__(self, response: http.client.HTTPResponse, sock: socket.socket | None,
                 deadline: float) -> None:
        self.response = response
        self.sock = sock
        self.deadline = deadline
        self.data = bytearray()

    def read(self, size: int = -1) -> bytes:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        if self.sock is not None:
            self.sock.settimeout(left)
        chunk = self.response.read1(CHUNK if size is None or size < 0 else min(size, CHUNK))
        self.data += chunk
        return chunk

    def readinto(self, buffer: bytearray | memoryview) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def run_query(engine: Engine, req: QueryRequest, accept: str | None, limits: Limits) -> Answer:
    """The answer to one query, or an HttpError (bad query, too slow, too big)."""
    started = time.monotonic()
    text, shifted = with_prefixes(req.query)
    fields = [("query", text)]
    fields += [("default-graph-uri", g) for g in req.default_graphs]
    fields += [("named-graph-uri", g) for g in req.named_graphs]
    body = urllib.parse.urlencode(fields)
    for attempt in (1, 2):
        generation = engine.generation
        conn = http.client.HTTPConnection("127.0.0.1", engine.port,
                                          timeout=limits.timeout_s + GRACE_S)
        try:
            conn.request("POST", "/query", body, {
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            })
            reader = _Reader(conn.getresponse(), conn.sock, started + limits.timeout_s + GRACE_S)
            return _answer(reader, req, accept, limits, shifted)
        except (ConnectionError, http.client.HTTPException) as exc:
            if attempt == 1:  # the engine may be restarting: wait for it, then once more
                engine.wait_ready()
                continue
            raise HttpError(503, f"the query engine is not answering ({exc or type(exc).__name__})"
                                 "; try again") from None
        except OSError:  # the deadline passed (socket timeout), whatever wrapped it
            # The engine could not stop the query itself: only a new engine frees its core.
            threading.Thread(target=engine.restart, args=(generation,), daemon=True).start()
            raise _too_slow(limits) from None
        finally:
            conn.close()
    raise AssertionError("unreachable")


def _answer(
    reader: _Reader, req: QueryRequest, accept: str | None, limits: Limits, shifted: bool
) -> Answer:
    resp = reader.response
    if resp.status != 200:
        text = resp.read().decode("utf-8", "replace").strip()
        if "cancelled" in text or "timeout" in text.lower():
            raise _too_slow(limits)
        status = 400 if resp.status == 400 else 502
        first = text.splitlines()[0] if text else resp.reason
        raise HttpError(status, f"{'bad query' if status == 400 else 'engine error'}: "
                                f"{_shift_lines(first) if shifted else first}")
    kind = resp.getheader("Content-Type", "").split(";")[0].strip()
    graph = kind == "application/n-triples"
    fmt = choose(accept, req.format, graph)
    if graph:
        _count_lines(reader, limits)
        data = bytes(reader.data)
        if data and not data.endswith(b"\n"):  # cut off by an error the engine wrote in
            if CANCELLED in data[-200:]:
                raise _too_slow(limits)
            raise HttpError(502, "engine error: it broke off the result")
        if fmt == ox.RdfFormat.N_TRIPLES:
            return Answer(data, fmt.media_type)
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        return Answer(ox.serialize(triples, format=fmt, prefixes=_prefixes(fmt, data)),
                      fmt.media_type)
    try:
        result = ox.parse_query_results(reader, ox.QueryResultsFormat.JSON)
        if isinstance(result, ox.QuerySolutions):
            for n, _ in enumerate(result, start=1):
                if n > limits.max_results:
                    raise _too_big(limits)
        while reader.read():
            pass
    except SyntaxError:
        if CANCELLED in reader.data[-200:]:
            raise _too_slow(limits) from None
        raise HttpError(502, "engine error: it sent results that cannot be read") from None
    data = bytes(reader.data)
    if fmt == ox.QueryResultsFormat.JSON:
        return Answer(data, _media_type(fmt))
    parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    return Answer(parsed.serialize(format=fmt), _media_type(fmt))


def _count_lines(reader: _Reader, limits: Limits) -> int:
    count = 0
    while chunk := reader.read():
        count += chunk.count(b"\n")
        if count > limits.max_results:
            raise _too_big(limits)
    return count


def _too_slow(limits: Limits) -> HttpError:
    return HttpError(503, f"the query ran past the time limit of {limits.timeout_s} s "
                          "(inspectkg serve --timeout): narrow it or raise the limit")


def _too_big(limits: Limits) -> HttpError:
    return HttpError(422, f"the result has more than {limits.max_results} rows, the cap of this "
                          "endpoint (inspectkg serve --max-results): add LIMIT or narrow the "
                          "query")


def _media_type(fmt: ox.QueryResultsFormat) -> str:
    return fmt.media_type.split(";")[0]


def _prefixes(fmt: ox.RdfFormat, data: bytes) -> dict[str, str] | None:
    """inspectkg's prefixes that the triples use, for the formats that abbreviate IRIs."""
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML):
        return None
    return {p: ns for p, ns in PREFIXES.items() if f"<{ns}".encode() in data}


def with_prefixes(query: str) -> tuple[str, bool]:
    """The query with inspectkg's prefixes that it uses without declaring, as the CLI gives
    them, on one line before it; and whether that line was added (error positions shift)."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w.-]*):", query, re.I)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()
               if p.lower() not in declared and re.search(rf"(?<![\w?$]){p}:", query)]
    return (" ".join(missing) + "\n" + query, True) if missing else (query, False)


def _shift_lines(message: str) -> str:
    """The engine's error position in the user's own text (one line less)."""

    def back(m: re.Match[str]) -> str:
        return f"{m.group(1)} {max(int(m.group(2)) - 1, 1)}:{m.group(3)}"

    return re.sub(r"(at|line)\s+(\d+):(\d+)", back, message, count=1)
