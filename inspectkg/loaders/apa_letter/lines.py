"""Lines of an APA letter: bullets, table cells, outcome headings and paragraphs.

Every other part of the APA letter loader reads the letter through these: a converted letter
separates table cells with tabs, bars or wide spaces, breaks paragraphs at page ends and prints
an outcome heading with its grade ("Being healthy  Grade 3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import clean
from . import ecm

TOP_LINES = 80  # the letter head (addresses, date, title) sits in the first non-blank lines
MAX_HEADING_WORDS = 25

# Words after which a noun phrase cannot end: neither an item of a list nor a sentence that a
# page end broke off can stop after them.
NP_BLOCKERS = frozenset(
    """of in for to with on at by from through within into across between among amongst about
    under over after before towards toward against including via per without during beyond upon
    around throughout like than as such the a an its their his her our your this that these those
    all some any no each every both either neither other another most many much few several
    and or but nor and/or whilst while although though which who whose where when whether is are
    was were be been being has have had will would can could should may might must do does did
    not very so too well also still particularly only just even one two three four five six
    seven eight nine ten""".split()
)

_BULLET = re.compile(r"^\s*(?:[•·▪◦]\s*|[-*–—o]\s+|\(?\d{1,2}[.)]\s+|\(?[a-h][.)]\s+)(?=\S)")
SUPERSCRIPT = re.compile(r"<sup>.*?</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^\d+\]", re.IGNORECASE)
_SEPARATOR = re.compile(r"\t+|\s*\|\s*")
WIDE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_TERMINAL = re.compile(r"[.!?:;)\"'’”]$")
# The separator starts where the whitespace before it starts (the look-behind), so a long run
# of spaces is tried once, not from each of its positions; no two "\s*" meet around an
# optional character (they would share a run of spaces in every way, quadratic in its length).
GRADE_SUFFIX = re.compile(
    r"(?<![\s|])(?:\s*\|\s*|\s+)\(?grade(?:\s+awarded)?(?:\s*:)?\s*(?P<grade>[1-4])\)?"
    r"(?:\s*\|)?\s*$",
    re.IGNORECASE,
)
GRADE_ALONE = re.compile(
    r"^\W*grade(?:\s+awarded)?(?:\s*:)?\s*(?P<grade>[1-4])\W*$", re.IGNORECASE
)


def top(lines: list[str], count: int = TOP_LINES) -> int:
    """The index just past the `count`-th non-blank line: the head of the letter, counted in
    lines of text so that runs of blank lines (page breaks of a conversion) do not push it out."""
    seen = 0
    for i, raw in enumerate(lines):
        if raw.strip():
            seen += 1
            if seen == count:
                return i + 1
    return len(lines)


def is_bullet(line: str) -> bool:
    """Whether a line opens a list item, so it starts an item rather than continuing one."""
    return bool(_BULLET.match(line))


def unbullet(line: str) -> str:
    """A list line without its bullet, so items keep only their own words."""
    return _BULLET.sub("", line, count=1)


def cells(raw: str) -> list[str]:
    """A table row's cells: tabs or | separate them; failing those, runs of 2+ spaces."""
    row = raw.strip()
    if row.startswith("|") or row.endswith("|"):
        row = row.strip("|")
    parts = _SEPARATOR.split(row)
    if len(parts) == 1:
        parts = WIDE_SPACE.split(row)
    return [c for c in (clean(SUPERSCRIPT.sub("", p)) for p in parts) if c]


def is_rule(raw: str) -> bool:
    """A markdown table rule such as |---|:---:|, which is layout and holds no row."""
    return bool(raw.strip()) and not re.sub(r"[\s|:\-+=]", "", raw)


def heading(raw: str) -> tuple[str, str, int | None] | None:
    """(outcome, heading as printed, grade or None) if the line is an outcome heading."""
    if len(raw.split()) > MAX_HEADING_WORDS + 3:  # prose; cheap to tell before any clean-up
        return None
    grade = None
    m = GRADE_SUFFIX.search(raw)
    if m:
        grade = int(m.group("grade"))
        raw = raw[: m.start()]
    if "\t" in raw.strip() or "|" in raw.strip("| \t"):
        return None
    text = clean(SUPERSCRIPT.sub("", raw)).strip("#* ")
    if not text or text.endswith(".") or len(text.split()) > MAX_HEADING_WORDS:
        return None
    outcome = ecm.outcome_for(text)
    if outcome is None:
        return None
    return outcome, ecm.normalise_label(text), grade


@dataclass
class Para:
    """A paragraph as consecutive non-blank lines: (1-based line number, raw text) pairs."""

    parts: list[tuple[int, str]]

    @property
    def line(self) -> int:
        """The line the paragraph starts on, for the records' line numbers."""
        return self.parts[0][0]

    @property
    def last_line(self) -> int:
        """The line the paragraph ends on, so a table inside a section knows its extent."""
        return self.parts[-1][0]

    @property
    def text(self) -> str:
        """The paragraph's words on one line, markup removed: the form prose is kept in."""
        return clean(" ".join(raw for _, raw in self.parts))

    @property
    def is_list(self) -> bool:
        """Whether every line is a bullet: lists are read as items, never as sentences."""
        return all(is_bullet(raw) for _, raw in self.parts)


def paragraphs(lines: list[str], start: int, end: int) -> list[Para]:
    """Paragraphs of lines[start:end]; blank and spaces-only lines separate them.

    PDF conversions break paragraphs at page ends: a paragraph that stops mid-sentence is joined
    with the next one when that one carries on the sentence.
    """
    paras: list[Para] = []
    current: list[tuple[int, str]] = []
    for i in range(start, min(end, len(lines))):
        if lines[i].strip():
            current.append((i + 1, lines[i]))
        elif current:
            paras.append(Para(current))
            current = []
    if current:
        paras.append(Para(current))
    return _join_page_breaks(paras)


def _join_page_breaks(paras: list[Para]) -> list[Para]:
    """Paragraphs with the ones a page end split rejoined, so sentences are read whole."""
    joined: list[Para] = []
    for para in paras:
        if joined and _continues(joined[-1], para):
            joined[-1] = Para(joined[-1].parts + para.parts)
        else:
            joined.append(para)
    return joined


def _continues(prev: Para, nxt: Para) -> bool:
    """Whether `nxt` carries on the sentence that `prev` leaves unfinished."""
    if prev.is_list or nxt.is_list or heading(nxt.parts[0][1]) is not None:
        return False
    if heading(prev.parts[-1][1]) is not None:
        return False
    last, first = clean(prev.parts[-1][1]), clean(nxt.parts[0][1])
    if not last or not first or _TERMINAL.search(last) or "\t" in prev.parts[-1][1]:
        return False
    if first[0].islower():
        return True
    return last.split()[-1].lower() in NP_BLOCKERS
