"""What a query may not do when it comes from someone else: reach out of the store.

A SERVICE clause sends part of a query to any URL the query names (Oxigraph server follows it),
so an endpoint open to others would fetch from the network, or from the local machine's other
services, on anyone's behalf. LOAD does the same in an update. Both are refused. The check reads
the query's tokens (strings, IRIs and comments skipped; ``service:`` prefixed names and
``?service`` variables are not the keyword), so it is neither fooled by nor trips over text.
"""

from __future__ import annotations

import re

from ..errors import QueryError

_TOKEN = re.compile(
    r'(?P<skip>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[?$]\w+|[A-Za-z_][\w.-]*:[^\s(){}\[\];,]*|:[^\s(){}\[\];,]*)"
    r"|(?P<word>[A-Za-z_][\w-]*)"
)

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                   "WITH"}
_PROLOGUE = {"PREFIX", "BASE"}


def keywords(text: str) -> list[str]:
    """The bare words of a query (keywords and function names), upper-cased, in order."""
    return [m.group("word").upper() for m in _TOKEN.finditer(text) if m.group("word")]


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL update: its first word after the prologue is an update
    operation (INSERT, DELETE, DROP ...)."""
    first = next((w for w in keywords(text) if w not in _PROLOGUE), "")
    return first in UPDATE_KEYWORDS


def check_query(text: str) -> None:
    """Refuse a query that would reach out of the store (SERVICE, LOAD)."""
    words = set(keywords(text))
    if "SERVICE" in words:
        raise QueryError("SERVICE (a federated query) is refused: this endpoint queries only "
                         "its own store")
    if "LOAD" in words:
        raise QueryError("LOAD is refused: this endpoint reads only its own store")
