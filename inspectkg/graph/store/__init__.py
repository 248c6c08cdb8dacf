"""Where the graph lives: an embedded Oxigraph store on disk, or a SPARQL engine over HTTP.

Both speak the same small interface, so building, querying and exporting run unchanged against
the embedded default or an existing SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB ...).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .base import (
    DIGEST,
    STORE_ENV,
    Store,
    Term,
    default_store_path,
)
from .embedded import EmbeddedStore
from .remote import RemoteStore, bind_variables


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """The embedded store at a path (default location if None), or a remote SPARQL endpoint.

    A location starting with http:// or https:// is a SPARQL 1.1 endpoint (query URL; the
    update URL is the same with /update, or set $INSPECTKG_UPDATE_URL).
    """
    loc = str(location) if location is not None else str(default_store_path())
    if re.match(r"^https?://", loc):
        return RemoteStore(loc, os.environ.get("INSPECTKG_UPDATE_URL"))
    return EmbeddedStore(Path(loc), read_only=read_only)


__all__ = [
    "DIGEST", "STORE_ENV", "EmbeddedStore", "RemoteStore", "Store", "Term", "bind_variables",
    "default_store_path", "open_store",
]
