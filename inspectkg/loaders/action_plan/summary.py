"""The body of a council committee report before its appendix: the background papers it
lists (the earlier reports it continues) and the narrative sections whose headings cite the
recommendations they report on ("3. Attendance (Recommendation 4.2)").
"""

from __future__ import annotations

import re

from ..records import BackgroundPaper, SummarySection
from ..text import clean
from ..timescale import find_periods
from .appendix import NEW_APPENDIX
from .front_matter import strip_dates

_BACKGROUND = re.compile(
    r"^\s*(?:list\s+of\s+)?background\s+(?:papers|documents|information\s+papers)\s*:?\s*"
    r"(?P<rest>.*)$",
    re.I,
)
_LIST_MARK = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013]|\d{1,2}[.)]|\(?[a-z]\))\s+")
_QUOTED = re.compile(
    r"\u2018(?P<a>[^\u2019]+)\u2019|\u201c(?P<b>[^\u201d]+)\u201d|\"(?P<c>[^\"]+)\""
    r"|(?<!\w)'(?P<d>.+?)'(?!\w)"
)
_SUMMARY_HEAD = re.compile(
    r"^\s*(?:[-*\u2022]\s+)?(?P<num>\d{1,2})\.?\s+(?P<title>[^\t]+?)\s*"
    r"[(\[]\s*(?P<cite>Recommendations?\s+[^)\]]+)[)\]]\s*:?\s*$",
    re.I,
)
_SECTION_HEAD = re.compile(
    r"^\s*(?:[-*\u2022]\s+)?(?P<num>\d{1,2})\.?\s+(?P<title>[A-Z][^.\t]{0,118})$"
)
_REC_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*")


def _paper(text: str, line: int) -> BackgroundPaper:
    """One listed paper: its (quoted) title, its date and the rest of the entry."""
    periods = find_periods(text)
    date = periods[-1].iso if periods else None
    m = _QUOTED.search(text)
    if m:
        title = next(g for g in m.groups() if g)
        rest = (text[: m.start()] + " " + text[m.end() :]).strip()
    else:
        cut = periods[-1].begin if periods else len(text)
        title = text[:cut].strip(" ,;:-\u2013") or text
        rest = ""
    if periods and rest:
        rest = strip_dates(rest) if find_periods(rest) else rest
    description = rest.strip(" ,;:-\u2013'\"") or None
    return BackgroundPaper(title.strip(), date, text, line, description=description)


def background_papers(lines: list[str]) -> list[BackgroundPaper]:
    """The papers listed under a "Background Papers" heading."""
    for i, raw in enumerate(lines):
        m = _BACKGROUND.match(clean(raw))
        if not m:
            continue
        if m.group("rest") and not re.match(r"(?i)none\b", m.group("rest")):
            return [_paper(m.group("rest"), i + 1)]
        return _paper_list(lines, i + 1)
    return []


def _paper_list(lines: list[str], start: int) -> list[BackgroundPaper]:
    """The papers listed below the heading: one a line or bullet, up to a gap or a new part."""
    papers: list[BackgroundPaper] = []
    bulleted = False
    gap = False
    for i in range(start, len(lines)):
        raw = lines[i]
        if not raw.strip():
            gap = gap or bool(papers)
            continue
        text = clean(raw)
        marked = bool(_LIST_MARK.match(text))
        if "\t" in raw.strip() or NEW_APPENDIX.match(text) or _SECTION_HEAD.match(text):
            break
        if papers and gap and not (bulleted and marked):
            break
        if not papers:
            bulleted = marked
            if re.match(r"(?i)none\b", text):
                break
        papers.append(_paper(_LIST_MARK.sub("", text, count=1), i + 1))
        gap = False
    return papers


def summary_sections(lines: list[str]) -> list[SummarySection]:
    """Narrative sections whose heading cites "(Recommendation N)", with their paragraphs."""
    found: list[tuple[re.Match[str], int, list[str]]] = []  # heading, line, body lines
    open_: tuple[re.Match[str], int, list[str]] | None = None
    for i, raw in enumerate(lines):
        text = clean(raw)
        head = _SUMMARY_HEAD.match(text)
        section = _SECTION_HEAD.match(text)
        ends = _BACKGROUND.match(text) or NEW_APPENDIX.match(text)
        if open_ and (head or ends or (section and _later(section, open_[0].group("num")))):
            open_ = None
        if head:
            open_ = (head, i + 1, [])
            found.append(open_)
        elif open_ and text:
            bulleted = text.startswith(("-", "*", "\u2022"))  # "•": the glyph a PDF prints
            open_[2].append(_LIST_MARK.sub("", text, count=1) if bulleted else text)
    return [
        SummarySection(
            number=head.group("num"),
            title=head.group("title").strip(" -\u2013:"),
            recommendations=_REC_NUMBER.findall(head.group("cite")),
            text="\n".join(body),
            line=line,
        )
        for head, line, body in found
    ]


def _later(section: re.Match[str], current: str) -> bool:
    """Whether a numbered heading comes after the current section (numbered `current`)."""
    return int(section.group("num")) > int(current)
