"""Loader for Ofsted inspections of Local Education Authorities (1998-2005).

The kind's layout: a title page ("INSPECTION OF <X> LOCAL EDUCATION AUTHORITY", month and
year, lead inspector), a CONTENTS table of sections and headings with paragraph ranges, then
numbered paragraphs under those headings. A COMMENTARY lists strengths and weaknesses as
bullets. Recommendation blocks follow some headings' paragraphs ("Recommendation(s)", an aim
"In order to ...:" or "To ...:", bullets with sub-bullets), and an appendix repeats every
recommendation in priority order under one of several titles.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from ...errors import LoadError
from ..evaluative import MAX_SENTENCE_CHARS, evaluate, sentences
from ..lists import Item, bullet, join_item, read_items
from ..records import (
    ContentsEntry,
    Judgement,
    LeaInspection,
    Location,
    Paragraph,
    Recommendation,
    Reference,
    Statement,
)
from ..text import clean, strip_markup

_MONTH_NAMES = [name.lower() for name in calendar.month_name[1:]]
_MONTHS = "|".join(_MONTH_NAMES)
_MONTH_NUM = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
_DATE_LINE = re.compile(rf"^\s*(?P<month>{_MONTHS})\s+(?P<year>(?:19|20)\d\d)\s*$", re.I)
# Bounded: a name is short, and the head is searched from every "INSPECTION OF" in it.
_TITLE = re.compile(
    r"\bINSPECTION\s+OF\s+(?P<name>.{1,200}?)\s+(?:LOCAL\s+EDUCATION\s+AUTHORITY|LEA)\b",
    re.I | re.S,
)
_LEAD = re.compile(r"^\s*(?:Lead|Reporting)\s+Inspector\s*[:\-–]\s*(?P<name>.+?)\s*$", re.I)
_FRAMEWORK = re.compile(
    r"(?P<fw>Framework\s+for\s+(?:the\s+)?Inspection\s+of\s+Local\s+Education\s+Authorities"
    r"(?:\s*\([^)]*\))?)",
    re.I,
)
_PARA = re.compile(r"^\s*(?P<num>\d{1,3})\.\s+(?P<text>\S.*)$")
# The title ends on a character that is not a dot leader, so a row of dots is tried once.
_CONTENTS_ROW = re.compile(
    r"^(?P<title>.*?[^\s.])[\s.]+(?P<first>\d{1,3})(?:\s*[-–—]+\s*(?P<last>\d{1,3}))?\s*$"
)
_SECTION = re.compile(r"^(?:SECTION|PART)\s+(?:\d+|[A-Z]+)\s*[:.\-–]?\s*\S", re.I)
_APPENDIX = re.compile(r"^APPENDIX\b(?:\s*\d+|\s+[A-Z])?\s*[:.\-–]?\s*(?P<rest>.*)$")
_RECOMMENDATION_HEADING = re.compile(
    r"^(?:key\s+|other\s+|summary\s+of\s+)?recommendations?\s*:?$", re.I
)
_AIM_START = re.compile(r"^(?:in\s+order\s+to|to|so\s+as\s+to|with\s+a\s+view\s+to)\b", re.I)
_END_MATTER = re.compile(
    r"^(?:©|\(c\)|crown\s+copyright|office\s+for\s+standards\s+in\s+education\s*$|"
    r"a\s+further\s+copy\s+of\s+this\s+report|this\s+report\s+may\s+be\s+produced)",
    re.I,
)
_STRENGTH_INTRO = re.compile(
    r"\b(?:strengths?|(?:performed|performs?|carried\s+out|carries\s+out|done)\s+"
    r"(?:very\s+|particularly\s+)?(?:well|effectively)|functions\s+well|good\s+or\s+better|"
    r"very\s+good|highly\s+effective)\b",
    re.I,
)
_WEAKNESS_INTRO = re.compile(
    r"\b(?:weakness(?:es)?|unsatisfactor(?:y|ily)|poor(?:ly)?|inadequate(?:ly)?|"
    r"areas?\s+for\s+(?:development|improvement)|"
    r"not\s+(?:performed\s+|carried\s+out\s+)?(?:adequately|satisfactorily|well))\b",
    re.I,
)
_EARLIER_DOC = re.compile(
    r"\b(?:previous|first|last|earlier|original|initial)\s+(?:LEA\s+)?(?:OFSTED\s+)?"
    r"(?:inspection|report)s?\b|\bsince\s+(?:the\s+)?(?:last|first|previous)\b",
    re.I,
)
# Bounded gaps: every "recommendation" of a sentence is tried, and ".*" from each would be
# quadratic in a long one.
_RECS_ADDRESSED = re.compile(
    r"\brecommendations?\b.{0,600}?\b(?:addressed|met|achieved|implemented|acted\s+upon|"
    r"progress)\b|\b(?:progress|responded)\b.{0,600}?\brecommendations?\b",
    re.I,
)
_NOT_MET = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:been\s+)?(?:fully\s+)?(?:met|addressed|implemented)|"
    r"limited\s+progress|slow\s+progress|little\s+progress|unsatisfactory\s+progress|"
    r"made\s+slow|insufficient\s+progress|no\s+progress)\b",
    re.I,
)
# A sentence that names exceptions, or a recommendation met less well, says "partly".
_PARTLY_MET = re.compile(
    r"\b(?:with\s+the\s+exception\s+of|except(?:ion)?s?\b|less\s+well|uneven\w*|mixed|"
    r"not\s+all\b|some\s+but\s+not|most\s+of\s+the\s+recommendations|partly|partially|"
    r"not\s+yet\s+fully|although)",
    re.I,
)
# What the inspection set out to do is not a finding on the recommendations.
_PURPOSE = re.compile(
    r"\b(?:the\s+)?(?:purpose|aim|focus)\s+of\s+(?:the|this)\s+(?:re-?)?inspection\b|"
    r"\bthis\s+(?:re-?)?inspection\s+(?:evaluated|assessed|examined|considered)\b",
    re.I,
)
_SEASON = r"spring|summer|autumn|winter"
_REF_DATE = re.compile(
    rf"(?:published\s+in\s+)?(?:(?P<month>{_MONTHS})|(?P<season>{_SEASON}))?\s*"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
# Below this similarity a body block and an appendix entry are different recommendations.
MATCH_THRESHOLD = 0.6


class LeaInspectionLoader:
    """Recognises and reads Ofsted inspection reports of Local Education Authorities."""

    kind = "lea_inspection"
    label = "Ofsted inspection of a Local Education Authority"

    def detect(self, text: str) -> float:
        head = strip_markup(text[:6000])
        score = 0.0
        if re.search(r"\bINSPECTION\s+OF\b", head, re.I) and re.search(
            r"LOCAL\s+EDUCATION\s+AUTHORITY|\bLEA\b", head, re.I
        ):
            score += 0.5
        if re.search(r"OFFICE\s+FOR\s+STANDARDS\s+IN\s+EDUCATION|\bOFSTED\b", head, re.I):
            score += 0.15
        if re.search(r"^[ \t]*CONTENTS\b", head, re.I | re.M):
            score += 0.1
        if re.search(r"^[ \t]*COMMENTARY[ \t]*$", text, re.M):
            score += 0.15
        if re.search(r"^[ \t]*1\.[ \t]+\S", text, re.M):
            score += 0.1
        if re.search(r"ANNUAL\s+PERFORMANCE\s+ASSESSMENT", head, re.I):
            score -= 0.5
        return max(0.0, min(score, 1.0))

    def read(self, text: str, source: str) -> LeaInspection:
        return _Reader(text, source).read()


@dataclass
class _Block:
    """A recommendation block as stated in the report body or in the appendix."""

    aim: str | None
    items: list[Item]
    where: str
    section: str | None = None
    heading: str | None = None
    after_paragraph: int | None = None
    group: str | None = None


@dataclass
class _Body:
    paragraphs: list[Paragraph] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    sections: list[tuple[int, str]] = field(default_factory=list)
    appendix_line: int | None = None  # 0-based index of the appendix heading
    paragraph_lines: dict[int, list[int]] = field(default_factory=dict)


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = text.split("\n")
        self.clean = [clean(line) for line in self.lines]

    def fail(self, reason: str) -> LoadError:
        return LoadError(self.source, reason)

    # ---- orchestration -------------------------------------------------------------------
    def read(self) -> LeaInspection:
        first_para = self._first_paragraph_index()
        if first_para is None:
            raise self.fail("no numbered paragraphs found (truncated or not a full report)")
        header_end = self._contents_start(first_para)
        authority, title = self._authority(header_end)
        contents, body_start = self._contents(header_end, first_para)
        body = self._body(body_start)
        if not body.paragraphs:
            raise self.fail("no numbered paragraphs found (truncated or not a full report)")
        self._check_complete(contents, body)
        appendix = self._appendices(body.appendix_line, contents)
        summary = [b for b in body.blocks if b.where == "summary"]
        stated = [b for b in body.blocks if b.where != "summary"]
        if appendix:
            recommendations = self._merge(appendix, stated + summary)
        elif summary:
            recommendations = self._merge(summary, stated)
        else:
            recommendations = self._merge(stated, [])
        strengths, weaknesses = self._commentary(body)
        judgements, references = self._evaluations(body.paragraphs)
        return LeaInspection(
            kind=self.kind,
            source=self.source,
            authority=authority,
            date=self._date(header_end),
            title=title,
            publisher=self._publisher(header_end),
            lead_inspector=self._lead_inspector(header_end),
            framework=self._framework(body.paragraphs),
            contents=contents,
            paragraphs=body.paragraphs,
            strengths=strengths,
            weaknesses=weaknesses,
            judgements=judgements,
            recommendations=recommendations,
            references=references,
            previous_inspection=self._previous_inspection(body.paragraphs),
        )

    kind = LeaInspectionLoader.kind

    # ---- title page ----------------------------------------------------------------------
    def _first_paragraph_index(self) -> int | None:
        for i, line in enumerate(self.clean):
            m = _PARA.match(line)
            if m and m.group("num") == "1":
                return i
        return None

    def _contents_start(self, first_para: int) -> int:
        for i in range(first_para):
            if re.match(r"^CONTENTS\b", self.clean[i], re.I):
                return i
        return first_para

    def _authority(self, header_end: int) -> tuple[str | None, str | None]:
        head = " ".join(line for line in self.clean[:header_end] if line)
        m = _TITLE.search(head)
        if not m:
            title_line = next((line for line in self.clean[:header_end]
                               if re.search(r"\bINSPECTION\s+OF\b", line, re.I)), "")
            m = re.search(r"\bINSPECTION\s+OF\s+(?P<name>\S.*?)\s*$", title_line, re.I)
        if not m:
            return None, None
        name = re.sub(r"^THE\s+", "", m.group("name").strip(" ,.:"), flags=re.I)
        name = _display_case(name)
        return name, _display_case(clean(m.group(0)))

    def _date(self, header_end: int) -> str | None:
        for line in self.clean[: max(header_end, 1)]:
            m = _DATE_LINE.match(line)
            if m:
                return f"{m.group('year')}-{_MONTH_NUM[m.group('month').lower()]:02d}"
        head = " ".join(self.clean[:header_end])
        m = re.search(rf"\b({_MONTHS})\s+((?:19|20)\d\d)\b", head, re.I)
        if m:
            return f"{m.group(2)}-{_MONTH_NUM[m.group(1).lower()]:02d}"
        return None

    def _lead_inspector(self, header_end: int) -> str | None:
        for line in self.clean[: max(header_end, 1)]:
            m = _LEAD.match(line)
            if m:
                return m.group("name")
        return None

    def _publisher(self, header_end: int) -> str:
        head = " ".join(self.clean[:header_end]).upper()
        if "OFFICE FOR STANDARDS" in head or "OFSTED" in head:
            return "Ofsted"
        return "Ofsted"

    @staticmethod
    def _framework(paragraphs: list[Paragraph]) -> str | None:
        for p in paragraphs[:6]:
            m = _FRAMEWORK.search(p.text)
            if m:
                return clean(m.group("fw"))
        return None

    # ---- contents ------------------------------------------------------------------------
    def _contents(self, start: int, first_para: int) -> tuple[list[ContentsEntry], int]:
        """Rows of the CONTENTS table, and the index where the body begins."""
        body_start = self._heading_before(first_para)
        entries: list[ContentsEntry] = []
        section: str | None = None
        for i in range(start + 1, body_start):
            line = self.clean[i]
            if not line or re.fullmatch(r"(?:PARAGRAPHS?|PAGES?|CONTENTS)(?:\s+\w+)?", line, re.I):
                continue
            cells = [clean(c) for c in self.lines[i].split("\t") if clean(c)]
            m = _CONTENTS_ROW.match(" ".join(cells)) if cells else None
            if m and not _SECTION.match(line):
                entries.append(
                    ContentsEntry(
                        title=m.group("title").strip(" .:"),
                        level="heading" if section else "section",
                        section=section,
                        first_paragraph=int(m.group("first")),
                        last_paragraph=int(m.group("last") or m.group("first")),
                        line=i + 1,
                    )
                )
                continue
            title = " ".join(cells) if cells else line
            if _SECTION.match(title) or _APPENDIX.match(title) or _is_upper(title):
                section = title
                entries.append(ContentsEntry(title=title, level="section", line=i + 1))
            else:
                entries.append(
                    ContentsEntry(title=title, level="heading", section=section, line=i + 1)
                )
        return entries, body_start

    def _heading_before(self, first_para: int) -> int:
        """Index of the heading line that opens the body just before paragraph 1."""
        i = first_para - 1
        while i > 0 and not self.clean[i]:
            i -= 1
        if i > 0 and self.clean[i] and not _PARA.match(self.clean[i]):
            return i
        return first_para

    # ---- body ----------------------------------------------------------------------------
    def _body(self, start: int) -> _Body:
        body = _Body()
        section: str | None = None
        heading: str | None = None
        current: Paragraph | None = None
        words: list[list[str]] = []  # each paragraph's lines, joined once the body is read
        expected = 1
        i = start
        n = len(self.lines)
        while i < n:
            line = self.clean[i]
            if not line:
                i += 1
                continue
            if _END_MATTER.match(line):
                break
            if _is_appendix_heading(line):
                body.appendix_line = i
                break
            m = _PARA.match(line)
            if m and expected <= int(m.group("num")) <= expected + 3:
                num = int(m.group("num"))
                current = Paragraph(num, section, heading, clean(m.group("text")), i + 1)
                body.paragraphs.append(current)
                words.append([current.text])
                body.paragraph_lines[num] = [i + 1]
                expected = num + 1
                i += 1
                continue
            heading_line = bool(_RECOMMENDATION_HEADING.match(line))
            starts_block = heading_line or (_AIM_START.match(line) and self._is_aim(i))
            if starts_block and self._block_follows(i + heading_line):
                after = current.number if current else None
                listing = _is_summary(section) or (heading_line and _is_upper(line))
                where = "summary" if listing else "body"
                i += heading_line
                while self._block_follows(i):
                    block, i = self._read_block(i, where)
                    block.section, block.heading, block.after_paragraph = section, heading, after
                    if not block.items:
                        break
                    body.blocks.append(block)
                current = None
                continue
            if self._is_heading(i):
                if _SECTION.match(line) or (_is_upper(line) and len(line.split()) <= 12):
                    section, heading = line, None
                    body.sections.append((i + 1, line))
                else:
                    heading = line
                current = None
                i += 1
                continue
            if current is not None and not _is_footnote(line) and "\t" not in self.lines[i]:
                words[-1].append(line)
                body.paragraph_lines[current.number].append(i + 1)
            i += 1
        body.paragraphs = [
            replace(p, text=" ".join(w)) if len(w) > 1 else p
            for p, w in zip(body.paragraphs, words, strict=True)
        ]
        return body

    def _is_heading(self, i: int) -> bool:
        """A short line standing alone that is not a sentence, bullet, footnote or table row."""
        line = self.clean[i]
        if "\t" in self.lines[i].strip() or bullet(self.lines[i]) or _is_footnote(line):
            return False
        if len(line) > 120 or line[-1] in ".;,:" or not (line[0].isupper() or line[0].isdigit()):
            return False
        before = self.clean[i - 1] if i > 0 else ""
        if before and not _is_heading_line(before):
            return False
        return True

    def _block_follows(self, i: int) -> bool:
        """True if an aim line with bullets, or bullets, start at or after index ``i``."""
        n = len(self.lines)
        while i < n and not self.clean[i]:
            i += 1
        if i >= n or _PARA.match(self.clean[i]):
            return False
        if bullet(self.lines[i]) is not None:
            return True
        return self._is_aim(i)

    def _is_aim(self, i: int) -> bool:
        """An "In order to ...:" line (possibly wrapped) directly followed by bullets."""
        n = len(self.lines)
        if not _AIM_START.match(self.clean[i]) and not self.clean[i].endswith((":", ",")):
            return False
        j = i
        while j < n and self.clean[j] and bullet(self.lines[j]) is None:
            if self.clean[j].endswith((":", ",")):
                break
            j += 1
        if j >= n or not self.clean[j].endswith((":", ",")) or j - i > 3:
            return False
        j += 1
        while j < n and not self.clean[j]:
            j += 1
        return j < n and bullet(self.lines[j]) is not None

    def _read_block(self, i: int, where: str, paragraphs: bool = False) -> tuple[_Block, int]:
        """An aim (possibly wrapped) and its bullets, starting at index ``i``.

        With ``paragraphs``, an aim followed by plain paragraphs instead of bullets (as some
        appendices print them) gives one recommendation per paragraph.
        """
        n = len(self.lines)
        while i < n and not self.clean[i]:
            i += 1
        start = i
        aim_parts: list[str] = []
        while i < n and self.clean[i] and bullet(self.lines[i]) is None:
            aim_parts.append(self.clean[i])
            if self.clean[i].endswith((":", ",")):
                i += 1
                break
            i += 1
        aim = clean(" ".join(aim_parts)).rstrip(":, ") or None
        while i < n and not self.clean[i]:
            i += 1
        items, end = read_items(self.lines, i, n)
        if not items and aim and ":" in aim:
            head, _, rest = aim.partition(":")
            if _AIM_START.match(head) and rest.strip():
                aim, items = head.strip(), [Item(line=start + 1, text=rest.strip())]
        if not items and aim and paragraphs:
            items, end = self._paragraph_items(i)
        return _Block(aim=aim, items=items, where=where), end

    def _paragraph_items(self, i: int) -> tuple[list[Item], int]:
        """Unbulleted recommendations: each paragraph up to the next aim, heading or bullet."""
        n = len(self.lines)
        items: list[Item] = []
        while i < n:
            while i < n and not self.clean[i]:
                i += 1
            if i >= n or self._ends_paragraph_list(i):
                break
            first, words = i, []
            while i < n and self.clean[i]:
                words.append(self.clean[i])
                i += 1
            items.append(Item(line=first + 1, text=clean(" ".join(words))))
        return items, i

    def _ends_paragraph_list(self, i: int) -> bool:
        line = self.clean[i]
        return bool(
            bullet(self.lines[i]) is not None or _PARA.match(line) or _END_MATTER.match(line)
            or _is_appendix_heading(line) or line.endswith((":", ","))
            or (_AIM_START.match(line) and self._is_aim(i)) or self._is_heading(i)
        )

    def _check_complete(self, contents: list[ContentsEntry], body: _Body) -> None:
        last_listed = max((e.last_paragraph or 0 for e in contents), default=0)
        last_read = body.paragraphs[-1].number
        if last_listed and last_read < last_listed:
            raise self.fail(
                f"truncated: the contents list paragraphs up to {last_listed} "
                f"but the text ends at paragraph {last_read}"
            )
        lists_appendix = any(_APPENDIX.match(e.title) for e in contents)
        if lists_appendix and body.appendix_line is None:
            raise self.fail(
                "truncated: the contents list an appendix of recommendations "
                "that the text does not have"
            )

    # ---- appendix ------------------------------------------------------------------------
    def _appendices(self, first: int | None, contents: list[ContentsEntry]) -> list[_Block]:
        """The recommendations of the appendix that lists them (some reports have several
        appendices, e.g. a table of judgements before the recommendations)."""
        if first is None:
            return []
        starts = [i for i in range(first, len(self.lines)) if _is_appendix_heading(self.clean[i])]
        titled = [i for i in starts if "RECOMMENDATION" in self._appendix_title(i).upper()]
        blocks: list[_Block] = []
        for start in titled or starts:
            blocks.extend(self._appendix(start))
        listed = any("RECOMMENDATION" in e.title.upper() and _APPENDIX.match(e.title)
                     for e in contents)
        if not blocks and (titled or listed):
            raise self.fail("the appendix of recommendations lists no recommendations")
        return blocks

    def _appendix_title(self, i: int) -> str:
        """The appendix heading's own words, or the next line's ("APPENDIX" / "RECOMMENDATIONS")."""
        rest = _APPENDIX.match(self.clean[i])
        if rest and rest.group("rest").strip():
            return rest.group("rest")
        j = i + 1
        while j < len(self.lines) and not self.clean[j]:
            j += 1
        return self.clean[j] if j < len(self.lines) else ""

    def _appendix(self, start: int) -> list[_Block]:
        """Recommendation groups of one appendix, in the printed (priority) order."""
        n = len(self.lines)
        i = start + 1
        blocks: list[_Block] = []
        group: str | None = None
        while i < n:
            line = self.clean[i]
            if not line:
                i += 1
                continue
            if _END_MATTER.match(line) or _is_appendix_heading(line):
                break
            if bullet(self.lines[i]) is not None:
                items, i = read_items(self.lines, i, n)
                blocks.append(_Block(aim=None, items=items, where="appendix", group=group))
                continue
            if _AIM_START.match(line) or line.endswith((":", ",")):
                block, i = self._read_block(i, "appendix", paragraphs=True)
                block.group = group
                if block.items:
                    blocks.append(block)
                continue
            m = _PARA.match(line)
            if m:
                first = i
                words = [m.group("text")]
                i += 1
                while i < n and self.clean[i] and not _PARA.match(self.clean[i]):
                    words.append(self.clean[i])
                    i += 1
                item = Item(line=first + 1, text=clean(" ".join(words)))
                blocks.append(_Block(aim=None, items=[item], where="appendix", group=group))
                continue
            if self._is_heading(i) and not line.lower().startswith("these are"):
                group = None if _RECOMMENDATION_HEADING.match(line) else line
            i += 1
        if i >= n and self._appendix_cut_short(blocks):
            raise self.fail("truncated: the appendix of recommendations ends early")
        return blocks

    @staticmethod
    def _appendix_cut_short(blocks: list[_Block]) -> bool:
        last = blocks[-1].items[-1] if blocks and blocks[-1].items else None
        return bool(last and last.text.rstrip().endswith((";", ",", "and", ":")))

    # ---- recommendations -----------------------------------------------------------------
    def _merge(self, listed_blocks: list[_Block], others: list[_Block]) -> list[Recommendation]:
        """One recommendation per listed bullet (the appendix, where there is one), carrying
        every other place that states it (the block after a section's paragraphs)."""
        body_items = [(b, it) for b in others for it in b.items]
        listed = [(b, it) for b in listed_blocks for it in b.items]
        used: set[int] = set()
        recs: list[Recommendation] = []
        for number, (block, item) in enumerate(listed, start=1):
            text = join_item(item)
            section, heading, aim = block.section, block.heading or block.group, block.aim
            locations = [_location(block, item, text)]
            match = self._best_body_match(block, text, body_items, used)
            if match is not None:
                used.add(match)
                b, it = body_items[match]
                if b.where == "body":
                    section, heading = b.section, b.heading
                locations.append(_location(b, it, join_item(it)))
                locations.sort(key=lambda loc: loc.line)
                aim = aim or b.aim
            recs.append(
                Recommendation(
                    number=number,
                    aim=aim,
                    text=text,
                    line=item.line,
                    sub_bullets=[join_item(s) for s in item.subs],
                    section=section,
                    heading=heading,
                    locations=locations,
                )
            )
        return recs

    @staticmethod
    def _best_body_match(
        block: _Block, text: str, body_items: list[tuple[_Block, Item]], used: set[int]
    ) -> int | None:
        best, best_score = None, MATCH_THRESHOLD
        for idx, (b, it) in enumerate(body_items):
            if idx in used:
                continue
            score = _similarity(text, join_item(it))
            if block.aim and b.aim:
                score = 0.8 * score + 0.2 * _similarity(block.aim, b.aim)
            if score > best_score:
                best, best_score = idx, score
        return best

    # ---- commentary ----------------------------------------------------------------------
    def _commentary(self, body: _Body) -> tuple[list[Statement], list[Statement]]:
        """Bulleted strengths and weaknesses introduced by a sentence ending with a colon."""
        strengths: list[Statement] = []
        weaknesses: list[Statement] = []
        commentary = [p for p in body.paragraphs if p.section and re.search(
            r"COMMENTARY|SUMMARY|MAIN FINDINGS", p.section.upper())]
        if not commentary:
            commentary = body.paragraphs[:12]
        lo = commentary[0].line - 1
        hi = self._section_end(body, commentary[-1])
        i = lo
        while i < hi:
            line = self.clean[i]
            if line.endswith(":") and bullet(self.lines[i]) is None:
                kind = _list_kind(sentences(line)[-1])
                j = i + 1
                while j < hi and not self.clean[j]:
                    j += 1
                items, end = read_items(self.lines, j, hi)
                if kind and items:
                    target = strengths if kind == "strength" else weaknesses
                    para = _paragraph_at(body, i + 1)
                    for it in items:
                        text = _statement_text(join_item(it))
                        target.append(Statement(text, it.line, kind, paragraph=para))
                    i = end
                    continue
            i += 1
        return strengths, weaknesses

    def _section_end(self, body: _Body, last: Paragraph) -> int:
        later = [p.line for p in body.paragraphs if p.number > last.number]
        return (later[0] - 1) if later else len(self.lines)

    # ---- judgements and references -------------------------------------------------------
    def _evaluations(
        self, paragraphs: list[Paragraph]
    ) -> tuple[list[Judgement], list[Reference]]:
        judgements: list[Judgement] = []
        references: list[Reference] = []
        for p in paragraphs:
            for sentence in sentences(p.text):
                line = self._line_of(sentence, p)
                ev = evaluate(sentence)
                if ev and not ev.earlier:
                    judgements.append(
                        Judgement(
                            quote=sentence,
                            line=line,
                            grade=ev.grade,
                            subject=ev.subject,
                            paragraph=p.number,
                            section=p.section,
                            heading=p.heading,
                            polarity=ev.polarity,
                        )
                    )
                ref = _reference(sentence, line, p.number, ev)
                if ref:
                    references.append(ref)
        return judgements, references

    def _line_of(self, sentence: str, p: Paragraph) -> int:
        """The line where a sentence of a paragraph starts (paragraphs wrap over page breaks)."""
        probe = sentence[:40]
        for n in range(p.line, min(p.line + 40, len(self.lines) + 1)):
            if probe and probe in self.clean[n - 1]:
                return n
        return p.line

    def _previous_inspection(self, paragraphs: list[Paragraph]) -> Reference | None:
        """The sentence naming the earlier inspection, preferring one that dates it."""
        candidates: list[Reference] = []
        for p in paragraphs[:15]:
            for sentence in sentences(p.text):
                if _EARLIER_DOC.search(sentence) and _REF_DATE.search(sentence):
                    candidates.append(
                        Reference(
                            quote=sentence,
                            line=self._line_of(sentence, p),
                            kind="previous_inspection",
                            paragraph=p.number,
                            date=_reference_date(sentence),
                        )
                    )
        return candidates[0] if candidates else None


# ---- helpers --------------------------------------------------------------------------------
def _display_case(name: str) -> str:
    """Title-case a name printed in capitals, keeping short words lower-case."""
    if name.upper() != name:
        return name
    small = {"of", "the", "and", "upon", "on", "in", "for"}
    words = [w.capitalize() if w.lower() not in small else w.lower() for w in name.split()]
    if words:
        words[0] = words[0].capitalize()
    return " ".join(words)


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _is_appendix_heading(line: str) -> bool:
    return bool(_APPENDIX.match(line)) and line.upper() == line


def _is_summary(section: str | None) -> bool:
    """A section that lists the report's recommendations (front summary, not the appendix)."""
    return bool(section and _RECOMMENDATION_HEADING.match(section))


def _is_footnote(line: str) -> bool:
    return bool(re.match(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+", line))


def _is_heading_line(line: str) -> bool:
    return bool(line) and len(line) <= 120 and line[-1] not in ".;,"


def _list_kind(intro: str) -> str | None:
    strong = _STRENGTH_INTRO.search(intro)
    weak = _WEAKNESS_INTRO.search(intro)
    if strong and not weak:
        return "strength"
    if weak and not strong:
        return "weakness"
    if strong and weak:
        return "strength" if strong.start() > weak.start() else "weakness"
    return None


def _statement_text(text: str) -> str:
    """A listed strength or weakness without the list punctuation around it."""
    return re.sub(r"(?:\s*[;,.]\s*(?:and|or)?|\s+(?:and|or))\s*$", "", text).strip()


def _paragraph_at(body: _Body, line: int) -> int | None:
    number = None
    for p in body.paragraphs:
        if p.line <= line:
            number = p.number
        else:
            break
    return number


def _location(block: _Block, item: Item, text: str) -> Location:
    return Location(
        where=block.where,
        line=item.line,
        text=text,
        aim=block.aim,
        section=block.section,
        heading=block.heading or block.group,
        after_paragraph=block.after_paragraph,
    )


def _similarity(a: str, b: str) -> float:
    wa = re.findall(r"\w+", a.lower())
    wb = re.findall(r"\w+", b.lower())
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _reference_date(sentence: str) -> str | None:
    """The most specific date a sentence gives an earlier inspection or its report."""
    best: str | None = None
    for m in _REF_DATE.finditer(sentence):
        year = m.group("year")
        if m.group("month"):
            best = f"{year}-{_MONTH_NUM[m.group('month').lower()]:02d}"
        elif best is None:
            best = year
    return best


def _reference(sentence: str, line: int, paragraph: int, ev: object) -> Reference | None:
    """A sentence about an earlier inspection's recommendations or its judgement."""
    if len(sentence) > MAX_SENTENCE_CHARS:  # not one sentence: a page without full stops
        return None
    mentions_recs = re.search(r"\brecommend", sentence, re.I)
    if mentions_recs and _PURPOSE.search(sentence):
        kind = "previous_inspection"
        return Reference(sentence, line, kind, paragraph=paragraph, date=_reference_date(sentence))
    if mentions_recs and _RECS_ADDRESSED.search(sentence):
        kind = ("recommendations_not_met" if _NOT_MET.search(sentence) else
                "recommendations_partly_met" if _PARTLY_MET.search(sentence) else
                "recommendations_addressed")
        return Reference(sentence, line, kind, paragraph=paragraph, date=_reference_date(sentence))
    if getattr(ev, "earlier", False):
        return Reference(
            sentence, line, "previous_judgement", paragraph=paragraph,
            date=_reference_date(sentence), grade=getattr(ev, "grade", None),
        )
    return None


LOADER = LeaInspectionLoader()
