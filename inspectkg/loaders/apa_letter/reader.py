"""Loader for the Ofsted Annual Performance Assessment (APA) letter kind (2005-2008).

An APA letter is addressed to a council's director of children's services and holds, in order:
a title ("2006 ANNUAL PERFORMANCE ASSESSMENT OF SERVICES FOR CHILDREN AND YOUNG PEOPLE IN <X>"),
a summary grade table (judgement area, grade 1-4 where 4 is best), a table of what the grades
mean, an overall summary, one section per Every Child Matters outcome plus the management of
services, a two-column "Key strengths / Key areas for improvement" table, a bullet list of
"Aspects for focus" and the sign-off of Ofsted (and, up to 2006, CSCI). Later letters print a
"Grade N" after each section heading and may list strengths and weaknesses inside each section;
both are read too.

Conventions of the records:
- every list item (strength, area for improvement, focus) keeps its words verbatim, without its
  bullet and without a final full stop;
- quotes are whole sentences, whitespace-normalised, markup stripped;
- grades are integers 1-4 as printed; judgement grades are lower-case words from `GRADE_WORDS`.

This module finds where the parts of a letter are, refuses a letter cut short and assembles the
record; the parts are read by ``apa_lines`` (lines, cells, headings, paragraphs),
``apa_grades``, ``apa_letter_head``, ``apa_sections``, ``apa_judgements``, ``apa_strengths``
and ``apa_items`` (the cell splitter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import LoadError
from ..records import ApaLetter, Grade, GradeDescriptor, Statement
from ..text import clean
from . import ecm
from .grades import all_grades, descriptors, heading_grades, summary_grades
from .head import (
    SALUTATION,
    SIGN_OFF,
    as_printed,
    assessment_year,
    authority_in_title,
    iso_date,
    letter_title,
    publisher,
    read_addressee,
    read_signatories,
)
from .items import split_items
from .judgements import GRADE_WORDS, judgements
from .lines import heading, paragraphs, top
from .sections import Section, outcome_section, overview, references, sections
from .strengths import FOCUS_HEADER, combined_table_start, focus_list, strength_rows

# Below this detection score `read` refuses the text as not being an APA letter at all.
_MIN_SCORE = 0.3


@dataclass
class _Layout:
    """Where the parts after the outcome sections start (0-based line indexes, None if absent)."""

    table: int | None
    focus: int | None
    sign_off: int | None
    end: int

    @property
    def body_end(self) -> int:
        """Where the outcome sections stop."""
        parts = (self.table, self.focus, self.sign_off)
        return min((x for x in parts if x is not None), default=self.end)

    @property
    def focus_end(self) -> int:
        """Where the focus list stops: at the sign-off, or the end of the letter."""
        return self.sign_off if self.sign_off is not None else self.end


def _layout(lines: list[str]) -> _Layout:
    """Find the strengths table, focus list and sign-off, which end the outcome sections."""
    table = combined_table_start(lines)
    after = table or 0
    focus = next(
        (i for i in range(after, len(lines)) if FOCUS_HEADER.match(clean(lines[i]))), None
    )
    sign_off = next((i for i in range(after, len(lines)) if SIGN_OFF.match(lines[i])), None)
    return _Layout(table=table, focus=focus, sign_off=sign_off, end=len(lines))


@dataclass
class _Found:
    """The parts whose absence means the letter is damaged, read before the rest."""

    grades: list[Grade]
    sections: list[Section]
    strengths: list[Statement]
    areas: list[Statement]
    focus: list[Statement]


class ApaLoader:
    """Recognises and reads the Ofsted Annual Performance Assessment letter kind."""

    kind = "apa_letter"
    label = "Ofsted Annual Performance Assessment letter"

    def detect(self, text: str) -> float:
        """Score the title, salutation, grade table, outcome headings and strengths table."""
        lines = text.split("\n")
        score = 0.0
        if letter_title(lines)[0] is not None:
            score += 0.35
        if any(SALUTATION.match(clean(x)) for x in lines[: top(lines)]):
            score += 0.1
        if re.search(r"\bAPA\b", text):
            score += 0.05
        if summary_grades(lines) or heading_grades(lines, len(lines)):
            score += 0.15
        outcomes = {h[0] for h in (heading(x) for x in lines if x.strip()) if h}
        score += 0.05 * len(outcomes & set(ecm.OUTCOMES))
        if combined_table_start(lines) is not None or re.search(r"major\s+strengths", text, re.I):
            score += 0.1
        return round(min(score, 1.0), 2)

    def read(self, text: str, source: str) -> ApaLetter:
        """Read the letter; a letter cut short (no grades, sections or strengths) is refused."""
        if self.detect(text) < _MIN_SCORE:
            raise LoadError(source, "not an Ofsted Annual Performance Assessment letter")
        lines = text.split("\n")
        layout = _layout(lines)
        found = _Found(
            all_grades(lines, layout.body_end), sections(lines, layout.body_end), [], [], []
        )
        if not found.grades:
            raise LoadError(source, "truncated: no grade table found")
        if not found.sections:
            raise LoadError(source, "truncated: no Every Child Matters outcome sections found")
        if layout.table is None and not any(s.table for s in found.sections):
            raise LoadError(
                source, "truncated: no key strengths and areas for improvement table found"
            )
        found.strengths, found.areas = _all_strengths(lines, layout, found.sections)
        if layout.focus is not None:
            found.focus = focus_list(lines, layout.focus, layout.focus_end)
        if layout.sign_off is None and not found.focus:
            raise LoadError(source, "truncated: the letter ends before its focus list and sign-off")
        return self._letter(text, source, lines, layout, found)

    def _letter(
        self, text: str, source: str, lines: list[str], layout: _Layout, found: _Found
    ) -> ApaLetter:
        """Read the letter head and prose around the checked parts and assemble the record."""
        title, title_line = letter_title(lines)
        head_end = title_line or top(lines)
        letter_date = next((d for x in lines[:head_end] if (d := iso_date(clean(x)))), None)
        year = assessment_year(title, text, letter_date)
        named = authority_in_title(title) if title else None
        authority = as_printed(named, text) if named else None
        addressee = read_addressee(lines, authority)
        if authority is None and addressee is not None:
            authority = addressee.organisation
        first_section = found.sections[0].line - 1
        grade_descriptors = descriptors(lines)
        overview_start = _after_tables(found.grades, grade_descriptors, title_line, first_section)
        return ApaLetter(
            kind=self.kind,
            source=source,
            authority=authority,
            date=letter_date,
            title=title,
            publisher=publisher(text),
            assessment_year=year,
            addressee=addressee,
            signatories=read_signatories(lines),
            grades=found.grades,
            grade_descriptors=grade_descriptors,
            overview=overview(lines, overview_start, first_section),
            sections=[outcome_section(s) for s in found.sections],
            judgements=[j for s in found.sections for j in judgements(s)],
            strengths=found.strengths,
            areas_for_improvement=found.areas,
            future_focus=found.focus,
            references=references(paragraphs(lines, 0, layout.body_end), year),
        )


def _after_tables(
    grades: list[Grade], descriptors: list[GradeDescriptor], title: int | None, first_section: int
) -> int:
    """Where the overall summary may start: after the title and the grade tables (line index)."""
    table_lines = [x.line for x in [*grades, *descriptors] if x.line <= first_section]
    return max([*table_lines, title or 0])


def _all_strengths(
    lines: list[str], layout: _Layout, found: list[Section]
) -> tuple[list[Statement], list[Statement]]:
    """The combined table's items, or the items listed inside each section."""
    strengths: list[Statement] = []
    areas: list[Statement] = []
    for section in found:
        if section.table is not None:
            s, a = strength_rows(lines, section.table[0] - 1, section.table[1], section.outcome)
            strengths += s
            areas += a
    if layout.table is not None:
        stop = min(x for x in (layout.focus, layout.sign_off, layout.end) if x is not None)
        s, a = strength_rows(lines, layout.table, stop, None)
        strengths += s
        areas += a
    return strengths, areas


LOADER = ApaLoader()

__all__ = ["GRADE_WORDS", "LOADER", "ApaLoader", "split_items"]
