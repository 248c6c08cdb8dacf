"""The lines of a children's services report, and what each line looks like.

The text comes from a PDF's text layer (headers, footers and page numbers removed, bullets
normalised to "• ") or from a text file. Reports of every framework are built from the same
few blocks: numbered paragraphs ("12. Text"), bullets, headings standing alone, and wrapped
prose. These helpers say which a line is, without knowing which report it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import clean

# A bullet as extraction leaves it: the normalised "•", other list glyphs, private-use glyphs.
_BULLET = re.compile(
    r"^\s{0,12}(?P<marker>[•◼▪■●◦‣∙·\-–—−o\u0336]|[\ue000-\uf8ff]|\((?:[ivx]{1,4}|[a-h])\)|"
    r"(?:[ivx]{1,4}|[a-h])\))\s*(?=\S)"
)
# "12. Text", or "12.Text" where extraction lost the space after a two-digit number.
_NUMBERED = re.compile(
    r"^\s{0,8}(?P<num>\d{1,3})\.(?:\s+|(?=[A-Z‘“'\"(]))(?P<text>\S.*)$"
)
# "34 Most children ...": a paragraph number whose full stop the PDF lost (taken only where
# the number is the next one of the report's sequence).
_DOTLESS = re.compile(r"^\s{0,8}(?P<num>\d{1,3})\s+(?P<text>[A-Z‘“][a-z’'].*)$")
_PAGE_NUMBER = re.compile(
    r"^\s{0,8}(?:page\s{1,3})?\d{1,3}(?:\s{0,3}(?:of|/)\s{0,3}\d{1,3})?\s{0,8}$", re.I
)
_SENTENCE_END = re.compile(r"[.!?:;][\"'’”)]{0,2}$")
# Lines longer than this are prose that extraction left without breaks: never headings.
HEADING_MAX_CHARS = 160
HEADING_MAX_WORDS = 22


@dataclass(frozen=True)
class Line:
    """One line of the report: 1-based number, cleaned text, and the raw line."""

    number: int
    text: str
    raw: str

    @property
    def bullet(self) -> bool:
        m = _BULLET.match(self.raw)
        if not m or _NUMBERED.match(self.raw):
            return False
        marker = m.group("marker")
        # "o" and "-" start words and hyphenated lines too: a bullet only with a space after it
        if marker in ("o", "-") and not self.raw[m.end("marker") : m.end("marker") + 1].isspace():
            return False
        return True

    @property
    def indent(self) -> int:
        """Leading spaces: the PDF reader indents a nested bullet by two per level."""
        return len(self.raw) - len(self.raw.lstrip(" "))

    @property
    def marker(self) -> str | None:
        """The bullet's mark, with enumerators ("(i)", "a)") as one kind of mark."""
        m = _BULLET.match(self.raw) if self.bullet else None
        if m is None:
            return None
        mark = m.group("marker")
        return "enumerator" if mark[0] == "(" or mark.endswith(")") else mark

    @property
    def numbered(self) -> int | None:
        m = _NUMBERED.match(self.raw)
        return int(m.group("num")) if m else None

    @property
    def dotless(self) -> int | None:
        """The number of a line that starts "34 Most ..." (a numbered line without the dot)."""
        m = _DOTLESS.match(self.raw)
        return int(m.group("num")) if m and not _NUMBERED.match(self.raw) else None

    @property
    def ends_sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))

    @property
    def starts_lower(self) -> bool:
        return self.text[:1].islower()


def read_lines(text: str) -> list[Line]:
    """Every line with its number; very long lines are capped so no rule can be slow."""
    out: list[Line] = []
    for i, raw in enumerate(text.split("\n"), start=1):
        raw = raw[:20000]
        out.append(Line(i, clean(raw), raw))
    return out


def unbullet(text: str) -> str:
    """A bullet's text without its marker."""
    return clean(_BULLET.sub("", text, count=1))


def numbered_text(line: Line) -> str:
    """A numbered paragraph's text without its number."""
    m = _NUMBERED.match(line.raw) or _DOTLESS.match(line.raw)
    return clean(m.group("text")) if m else line.text


def is_page_number(line: Line) -> bool:
    return bool(_PAGE_NUMBER.match(line.raw))


def joined(lines: list[Line]) -> str:
    """Lines of one block as one text: words joined by spaces."""
    return clean(" ".join(line.text for line in lines if line.text))
