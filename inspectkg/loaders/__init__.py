"""Loaders turn report text into typed records; they know text, never RDF.

Kinds are registered here like rdflib's plugins: each loader module says how to recognise its
kind and how to read it. Third-party kinds can register through the ``inspectkg.loaders``
entry-point group.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from ..errors import LoadError
from .base import Loader, SourceText, decode, read_source, source_from_bytes
from .pages import with_pages
from .records import Report

# Below this score no kind claims the text.
DETECT_THRESHOLD = 0.5

_LOADERS: dict[str, Loader] = {}
_ENTRY_POINTS_LOADED = False


def register(loader: Loader) -> Loader:
    """Make a document kind known; a later registration of the same kind replaces it."""
    _LOADERS[loader.kind] = loader
    return loader


def loaders() -> dict[str, Loader]:
    """The registered loaders by kind, built-in ones first."""
    global _ENTRY_POINTS_LOADED
    if not _ENTRY_POINTS_LOADED:
        _ENTRY_POINTS_LOADED = True
        for ep in entry_points(group="inspectkg.loaders"):
            register(ep.load())
    return dict(_LOADERS)


def detect(text: str) -> tuple[Loader | None, float]:
    """The loader whose kind best matches the text, with its score (None if none is sure)."""
    best: Loader | None = None
    best_score = 0.0
    for loader in loaders().values():
        score = loader.detect(text)
        if score > best_score:
            best, best_score = loader, score
    if best_score < DETECT_THRESHOLD:
        return None, best_score
    return best, best_score


def parse_text(text: str, source: str = "<text>") -> Report:
    """Detect the kind of a report from its text and read it."""
    loader, _ = detect(text)
    if loader is None:
        kinds = ", ".join(sorted(loaders()))
        raise LoadError(source, f"not a known kind of report (known kinds: {kinds})")
    try:
        return loader.read(text, source)
    except LoadError:
        raise
    except Exception as exc:  # a loader bug or a damaged file: still one line for the user
        raise LoadError(source, f"could not be read as {loader.label}: {exc}") from exc


def parse_source(src: SourceText) -> Report:
    """Read a report's text (from a text file or a PDF's text layer), pages kept."""
    return with_pages(parse_text(src.text, src.path), src)


def parse(path: str | Path) -> Report:
    """Read one report file: detect its kind from the content and return its records."""
    return parse_source(read_source(path))


def parse_bytes(data: bytes, source: str = "<bytes>") -> Report:
    """Like `parse` for bytes already in memory (a PDF or text)."""
    return parse_source(source_from_bytes(data, source))


def _register_builtins() -> None:
    from . import action_plan, apa_letter, lea_inspection

    for module in (lea_inspection, apa_letter, action_plan):
        register(module.LOADER)


_register_builtins()

__all__ = [
    "Loader", "Report", "SourceText", "detect", "loaders", "parse", "parse_bytes", "parse_source",
    "decode", "parse_text", "register", "source_from_bytes",
]
