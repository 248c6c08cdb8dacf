"""What a loader is, and how a report file is read into text before any loader sees it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .encoding import MIN_REPORT_CHARS, decode
from .files import read_bytes
from .records import Report

__all__ = [
    "MIN_REPORT_CHARS", "Loader", "SourceText", "decode", "read_bytes", "read_source",
    "source_from_bytes",
]


class Loader(Protocol):
    """A document kind: how to recognise it from its text and how to read it.

    Adding a kind means writing one module with an object like this and registering it
    (`inspectkg.loaders.register`, or the ``inspectkg.loaders`` entry-point group).
    """

    kind: str
    label: str

    def detect(self, text: str) -> float:
        """How sure (0..1) that the text is a report of this kind, judged on content alone."""
        ...

    def read(self, text: str, source: str) -> Report:
        """Read the text into records; raise `LoadError` if it is damaged or incomplete."""
        ...


@dataclass(frozen=True)
class SourceText:
    """A report's text as lines, with its path for messages.

    Read from a PDF, ``pages`` gives the page (1-based) of every line of ``text``, so every
    fact a loader reads keeps its page as well as its line; for a text file it is empty.
    """

    path: str
    text: str
    pages: tuple[int, ...] = ()
    format: str = "text"  # "text" or "pdf"
    page_count: int | None = None

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def page_of(self, line: int | None) -> int | None:
        """The page of a 1-based line number, or None (a text file, or no such line)."""
        if line is None or not self.pages or not 1 <= line <= len(self.pages):
            return None
        return self.pages[line - 1]


def read_source(path: str | Path) -> SourceText:
    """Read a report file (PDF or text), refusing what cannot be a report with a one-line reason."""
    return source_from_bytes(read_bytes(path), path)


def source_from_bytes(data: bytes, path: str | Path = "<bytes>") -> SourceText:
    """A report's text from its bytes: a PDF's text layer (told by its header, never by the
    file name) with the page of every line, or decoded text."""
    from .pdf import is_pdf, read_pdf  # here, not at the top: pdf imports this module

    if is_pdf(data):
        return read_pdf(data, path)
    return SourceText(str(path), decode(data, path))

