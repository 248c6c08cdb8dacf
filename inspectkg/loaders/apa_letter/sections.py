"""The prose of an APA letter: the overall summary, the outcome sections and their sentences,
and the sentences that speak of an earlier assessment.

A section runs from one Every Child Matters outcome heading to the next; its prose is read
sentence by sentence (with the line each starts on) for judgements and references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..records import OutcomeSection, Reference
from ..text import clean
from .lines import GRADE_ALONE, Para, heading, paragraphs
from .strengths import is_strengths_header

_ABBREVIATIONS = frozenset("e.g i.e etc mr mrs ms dr st no nos vs approx cf para paras fig".split())
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z0-9\"'‘“(])")
_PREVIOUS = re.compile(
    r"\b(?:last\s+year['’]?s?|previous(?:\s+year['’]s)?|last|prior|earlier|(?P<year>(?:19|20)\d\d))\s+"
    r"(?:APA|annual\s+performance\s+assessment|inspection|joint\s+area\s+review|JAR)\b",
    re.IGNORECASE,
)
_ADDRESSED = re.compile(
    r"\b(?:addressed|tackled|acted\s+(?:up)?on|resolved|responded|made\s+(?:good\s+|significant\s+|"
    r"some\s+)?(?:progress|improvements?)|improvements?\s+(?:in|on)|(?:have|has)\s+been\s+met)\b",
    re.IGNORECASE,
)
_NOT_ADDRESSED = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:fully\s+)?(?:addressed|tackled|met|resolved)\b",
    re.IGNORECASE,
)


@dataclass
class Section:
    """An outcome section as read: its paragraphs and any strengths listed inside it."""

    outcome: str
    heading: str
    line: int
    grade: int | None = None
    paras: list[Para] = field(default_factory=list)
    table: tuple[int, int] | None = None  # first and last line of strengths listed inside it


def sections(lines: list[str], end: int) -> list[Section]:
    """Outcome sections from the first outcome heading up to `end` (the strengths table).

    A section runs until the next outcome heading; paragraphs split by page breaks are joined.
    """
    found: list[Section] = []
    for para in paragraphs(lines, 0, end):
        head = heading(para.parts[0][1])
        if head is not None:
            found.append(Section(outcome=head[0], heading=head[1], line=para.line, grade=head[2]))
            para = Para(para.parts[1:])  # a "Grade 3" line or text run on below the heading
        if found and para.parts:
            _add_to_section(found[-1], para)
    return found


def _add_to_section(section: Section, para: Para) -> None:
    """File a paragraph as the section's grade line, part of its strengths list, or its prose."""
    grade = GRADE_ALONE.match(para.text)
    if grade and not section.paras and section.table is None:
        section.grade = section.grade or int(grade.group("grade"))
    elif section.table is not None or is_strengths_header(para.parts[0][1]):
        first = section.table[0] if section.table else para.line
        section.table = (first, para.last_line)
    else:
        section.paras.append(para)


def outcome_section(section: Section) -> OutcomeSection:
    """The record of a section: its text with lists kept one item a line."""
    return OutcomeSection(
        outcome=section.outcome,
        heading=section.heading,
        text=_section_text(section),
        line=section.line,
        grade=section.grade,
    )


def _section_text(section: Section) -> str:
    """A section's paragraphs, blank-line separated; a list keeps one bullet per line."""
    blocks = []
    for para in section.paras:
        if para.is_list:
            blocks.append("\n".join(clean(raw) for _, raw in para.parts))
        else:
            blocks.append(para.text)
    return "\n\n".join(blocks)


def overview(lines: list[str], start: int, end: int) -> str | None:
    """The overall summary: prose between the grade tables and the first outcome section."""
    paras = [
        p.text
        for p in paragraphs(lines, start, end)
        if len(p.text.split()) > 12 and "\t" not in "".join(raw for _, raw in p.parts)
    ]
    return "\n\n".join(paras) or None


def sentences(para: Para) -> Iterator[tuple[int, str]]:
    """(line, sentence) pairs of a prose paragraph; the line is where the sentence starts."""
    text = ""
    starts: list[tuple[int, int]] = []
    for line, raw in para.parts:
        piece = clean(raw)
        if not piece:
            continue
        if text:
            text += " "
        starts.append((len(text), line))
        text += piece
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        word = text[begin : m.start()].split()[-1] if text[begin : m.start()].split() else ""
        bare = word.rstrip(".").lower()
        if bare in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.rstrip(".")):
            continue
        yield _line_at(starts, begin), text[begin : m.start()].strip()
        begin = m.end()
    if text[begin:].strip():
        yield _line_at(starts, begin), text[begin:].strip()


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    """The line that the character at `offset` of a joined paragraph came from."""
    line = starts[0][1]
    for at, n in starts:
        if at <= offset:
            line = n
    return line


def references(paras: Iterable[Para], year: int | None) -> list[Reference]:
    """Sentences that speak of the previous APA or inspection and what became of its issues."""
    refs: list[Reference] = []
    for para in paras:
        if para.is_list:
            continue
        for line, sentence in sentences(para):
            m = next((m for m in _PREVIOUS.finditer(sentence) if _earlier(m, year)), None)
            if m is not None:
                refs.append(_reference(sentence, line, m, year))
    return refs


def _reference(sentence: str, line: int, m: re.Match[str], year: int | None) -> Reference:
    """A reference with what the sentence says became of the earlier issues, and its year."""
    if _NOT_ADDRESSED.search(sentence):
        kind = "recommendations_not_met"
    elif _ADDRESSED.search(sentence):
        kind = "recommendations_addressed"
    else:
        kind = "previous_inspection"
    when = m.group("year") or (str(year - 1) if year and "year" in m.group(0).lower() else None)
    return Reference(quote=sentence, line=line, kind=kind, date=when)


def _earlier(m: re.Match[str], year: int | None) -> bool:
    """Whether a mention is of an earlier assessment, not this year's ("the 2006 APA")."""
    return not (m.group("year") and year and int(m.group("year")) >= year)
