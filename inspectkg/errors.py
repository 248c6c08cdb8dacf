"""Errors a user can cause, each carrying a one-line message that names the file or input."""

from __future__ import annotations

from pathlib import Path


class InspectKGError(Exception):
    """A problem with the user's input or setup; the CLI prints it as one line, no traceback."""


class LoadError(InspectKGError):
    """A report file could not be read as a known kind of report."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class QueryError(InspectKGError):
    """A query could not be found, parsed, bound or run."""


class StoreError(InspectKGError):
    """The store could not be opened or written."""


class ServeError(InspectKGError):
    """The SPARQL endpoint could not be started (bad option, missing store, port in use)."""
