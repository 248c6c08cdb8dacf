"""The body of a children's services report: its sections, numbered paragraphs, and the
lists of what it asks the authority to improve.

Every framework heads its lists the same few ways: "What needs to improve" (ILACS, visits),
"Recommendations" (SIF, JTAI), "Priority and immediate action" and "Areas for improvement"
(2014 SIF, 2012-13 inspections, visits), with timescale groups ("Immediately:", "Within three
months:") and topic headings ("Quality of practice") inside them. A list holds items of one
style, numbered (SIF numbers them in the paragraph sequence) or bulleted; bullets under a
numbered item are its sub-bullets. The list ends where a heading is followed by something
that is not one of its items, or items of another style begin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lists import strip_separator
from ..records import Paragraph, Recommendation, Statement
from .blocks import Block, Segmenter, line_at
from .grades import AREA_KEYS, area_key
from .lines import Line

_LIST_HEAD = re.compile(
    r"^(?:(?P<improve>what\s+needs\s+to\s+improve(?:\s+in\s+this\s+(?:local\s+authority|"
    r"area(?:\s+of\s+(?:social\s+work\s+)?practice)?))?)|(?P<recs>recommendations?)|"
    r"(?P<areas>areas?\s+for\s+(?:improvement|development))|"
    r"(?P<priority>(?:priority\s+and\s+immediate\s+actions?|areas?\s+for\s+priority\s+action|"
    r"priority\s+actions?)))\s*[?:]?$",
    re.I,
)
_CONTAINER = re.compile(
    r"^what\s+(?:does|do)\s+(?:the\s+)?(?P<who>local\s+authority|lscb|local\s+safeguarding"
    r"\s+children\s+board|partnership|.{2,40}?)\s+need\s+to\s+improve\s*\??$",
    re.I,
)
_TIMESCALE = re.compile(
    r"^(?:immediately|with\s+immediate\s+effect|within\s+(?:\w+\s+){1,3}(?:days?|weeks?|"
    r"months?|years?))\s*:?$",
    re.I,
)
# Headings that open the LSCB's part of a SIF report (not the title page's "Review of ...").
_LSCB = re.compile(
    r"^(?:(?:section\s+\d+:?\s+)?(?:the\s+)?(?:effectiveness\s+of\s+the\s+)?"
    r"(?:(?:local|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s+safeguarding\s+children\s+board|lscb)(?:\s+\(lscb\))?(?:\s+(?:is|requires?)\b.*)?|"
    r"inspection\s+(?:findings|judgements?)\s+(?:[-–—]\s+|about\s+)the\s+(?:local\s+safeguarding"
    r"\s+children\s+board|lscb).*|what\s+does\s+the\s+(?:lscb|local\s+safeguarding\s+children"
    r"\s+board)\s+need\s+to\s+improve\??)$",
    re.I,
)
# "15. In order to improve ..., the local authority should take the following action."
_INTRO = re.compile(r"\b(?:following\s+actions?|should\s+take\s+the\s+following\b.*)[.:]?$", re.I)
# "There are no priority actions.", "The inspection did not find any areas for priority ..."
_NONE = re.compile(
    r"^(?:there\s+(?:are|were|is)\s+no\s+|the\s+inspection\s+(?:did\s+not|has\s+not)\s+"
    r"(?:find|identify)\s+any\b|no\s+(?:areas?|priority|immediate)\b.{0,60}\b(?:were|was)\s+"
    r"(?:found|identified)|none\.?$)",
    re.I,
)
_ENDS_SECTION = re.compile(
    r"^(?:contents|summary\s+for\s+children|information\s+about|the\s+inspection\s+team|"
    r"what\s+the\s+inspection\s+judgements\s+mean|about\s+this\s+inspection|"
    r"the\s+local\s+authority['’]s\s+strengths|progress\s+since\s+the\s+last|"
    r"inspection\s+(?:judgements?|findings)\b|(?:executive\s+)?summary\b|key\s+judgement|"
    r"the\s+local\s+authority$|section\s+\d)",
    re.I,
)
# A heading inside a list names a topic ("Quality of practice"); one that says something
# ("The local authority has the following strengths:") or names strengths ends the list.
TOPIC_MAX_WORDS = 12
_NOT_A_TOPIC = re.compile(
    r"\b(?:strengths?|weakness(?:es)?|has\s+the\s+following|have\s+the\s+following|because)\b|"
    r"\b(?:is|are|has|have)\b.*:$",
    re.I,
)
# The publisher's notices on a report's back page.
_PUBLISHER = re.compile(
    r"open\s+government\s+licence|in\s+a\s+different\s+format|©\s*crown\s+copyright|"
    r"regulates\s+and\s+inspects\s+to\s+achieve\s+excellence|interested\s+in\s+our\s+work",
    re.I,
)
# "The graded judgement about ... is that it is Good.": a grade stated between paragraphs.
_GRADE_STATEMENT = re.compile(
    r"^(?=(?:\S+\s+){0,30}\S+$).*\b(?:is|are)\s+(?:that\s+it\s+is\s+)?(?:requires?\s+"
    r"improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate)\.?$",
    re.I,
)
# Shorter prose is a caption or a label, not a paragraph.
UNNUMBERED_MIN_WORDS = 12
# What the PDF reader writes after the last page: footnotes and running headers.
_END_MATTER = re.compile(r"^\[(?:\^\d+|page\s+(?:header|footer))\]:")
_STRENGTHS = re.compile(
    r"^(?:(?:key\s+|areas?\s+of\s+|main\s+)?strengths?|the\s+(?:local\s+authority|lscb|"
    r"partnership)['’]s\s+strengths|what\s+is\s+working\s+well)\s*[:?]?$",
    re.I,
)
_AREA_HEADING = re.compile(
    r"(?:experiences\s+and\s+progress\s+of|impact\s+of\s+leaders|leadership,\s+management\s+and"
    r"\s+governance|local\s+safeguarding\s+children\s+board|\blscb\b)",
    re.I,
)
_GRADED = re.compile(
    r"[:\s]\s*(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate)\.?$",
    re.I,
)


@dataclass
class Unit:
    """A stretch of prose: a numbered paragraph, a bullet or an unnumbered block."""

    text: str
    line: int
    paragraph: int | None
    section: str | None
    heading: str | None
    kind: str  # "paragraph", "bullet", "prose", "item"
    starts: tuple[tuple[int, int], ...] = ()  # (offset in text, line) of each line

    def line_of(self, fragment: str) -> int:
        """The line on which a sentence of the unit begins."""
        at = self.text.find(fragment)
        return line_at(self.starts, at) if at >= 0 and self.starts else self.line


@dataclass
class Body:
    paragraphs: list[Paragraph] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    strengths: list[Statement] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    sections: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Item:
    block: Block
    subs: list[Block] = field(default_factory=list)
    group: str | None = None
    heading: str | None = None
    section: str | None = None


@dataclass
class _List:
    group: str
    section: str | None
    style: str | None = None  # "numbered" or "bullet"
    marker: str | None = None  # the bullet mark of its items
    heading: str | None = None
    items: list[_Item] = field(default_factory=list)


def _is_major(text: str) -> bool:
    """A heading that opens a part of the report (a judgement area, the LSCB's part)."""
    return bool(_AREA_HEADING.search(text) or _GRADED.search(text) and len(text.split()) > 3)


def rejoin_broken(blocks: list[Block]) -> list[Block]:
    """Numbered paragraphs with the prose that stands between them and the next number put
    back: a paragraph cut by a page break (or a break the PDF made inside it) goes on in a
    block of its own, and a report never leaves unnumbered prose between paragraphs N and N+1
    without a heading."""
    out: list[Block] = []
    for k, b in enumerate(blocks):
        prev = out[-1] if out else None
        if (b.kind == "prose" and prev is not None and prev.kind == "numbered"
                and prev.number is not None and not _END_MATTER.match(b.text)
                and not _PUBLISHER.search(b.text) and not _is_major(b.text)
                and not _GRADE_STATEMENT.search(b.text)):
            nxt = next((n for n in blocks[k + 1:] if n.kind != "prose"), None)
            if nxt is not None and nxt.kind == "numbered" and nxt.number == prev.number + 1:
                out[-1] = Block(prev.kind, [*prev.lines, *b.lines], prev.number)
                continue
        out.append(b)
    return out


class BodyReader:
    def __init__(self, lines: list[Line], start: int = 0) -> None:
        self.blocks = rejoin_broken(Segmenter(lines, start).blocks())
        self.body = Body()
        self.section: str | None = None
        self.heading: str | None = None
        self.in_lscb = False
        self.lists: list[_List] = []
        self.current: _List | None = None
        self.in_strengths = False
        self.unnumbered = 0
        self.area: str | None = None

    def read(self) -> Body:
        i = 0
        blocks = self.blocks
        while i < len(blocks):
            b = blocks[i]
            if b.kind == "heading":
                self._heading(b, blocks[i + 1] if i + 1 < len(blocks) else None)
            elif b.kind == "grade":
                pass
            elif self.current is not None and self._list_item(b, blocks[i + 1]
                                                                if i + 1 < len(blocks) else None):
                pass
            else:
                self._prose(b)
            i += 1
        self._close_list()
        self._drop_back_matter()
        return self.body

    def _drop_back_matter(self) -> None:
        """Unnumbered prose after the last numbered paragraph (what the judgements mean, who
        inspected, the publisher's back page) and the publisher's notices are not findings."""
        paras = self.body.paragraphs
        last = max((p.line for p in paras if p.number is not None), default=None)
        self.body.paragraphs = [
            p for p in paras
            if p.number is not None
            or ((last is None or p.line < last) and not _PUBLISHER.search(p.text))
        ]

    # ---- headings ----------------------------------------------------------------------
    def _heading(self, b: Block, nxt: Block | None) -> None:
        text = b.text
        self.in_strengths = bool(_STRENGTHS.match(text))
        two_lines = f"{text} {nxt.text}" if nxt is not None and nxt.kind == "heading" else text
        if any(_LSCB.match(t) and not re.search(r"\d$", t) for t in (text, two_lines)):
            self.in_lscb = True
        container = _CONTAINER.match(text)
        listed = _LIST_HEAD.match(text)
        if container:
            self._close_list()
            who = container.group("who").lower()
            self.in_lscb = self.in_lscb or "lscb" in who or "safeguarding" in who
            self.heading = text
            return
        if listed or (self.current is not None and _TIMESCALE.match(text)):
            if listed:
                self._close_list()
                self.current = _List(self._group(text), self._section_name())
            else:
                assert self.current is not None
                self.current.heading = None
                self.current.group = f"{self._list_name()}: {text.rstrip(':')}"
            self.heading = text
            return
        if self.current is not None and self._continues_list(b, nxt):
            self.current.heading = text
            return
        self._close_list()
        if _ENDS_SECTION.match(text) or _is_major(text):
            self.section, self.heading = text, None
            key = area_key(text)[0] if _is_major(text) else None
            self.area = key if key in AREA_KEYS else None
            self.body.sections.append((b.first.number, text))
        else:
            self.heading = text

    def _list_name(self) -> str:
        assert self.current is not None
        return self.current.group.split(": ")[0]

    def _group(self, text: str) -> str:
        name = text.rstrip(" :?")
        name = name[:1].upper() + name[1:]
        return f"LSCB: {name}" if self.in_lscb else name

    def _section_name(self) -> str | None:
        return "Local Safeguarding Children Board" if self.in_lscb else self.section

    def _continues_list(self, b: Block, nxt: Block | None) -> bool:
        """A topic heading inside a list: short, and the list's next item follows it."""
        assert self.current is not None
        if nxt is None or _ENDS_SECTION.match(b.text) or _GRADED.search(b.text):
            return False
        if _STRENGTHS.match(b.text) or _LIST_HEAD.match(b.text):
            return False
        if len(b.text.split()) > TOPIC_MAX_WORDS or _NOT_A_TOPIC.search(b.text):
            return False
        style = self.current.style
        if nxt.kind not in ("numbered", "bullet"):
            return False
        return style is None or nxt.kind == style

    # ---- list items --------------------------------------------------------------------
    def _list_item(self, b: Block, nxt: Block | None = None) -> bool:
        lst = self.current
        assert lst is not None
        if b.kind in ("prose", "numbered") and _NONE.match(b.text):
            if b.kind == "numbered":  # "26. The inspection did not find any areas for ..."
                self._paragraph(b)
            return True  # "There are no priority actions."
        if (b.kind == "prose" and len(b.lines) == 1 and not b.text.endswith((".", ";", ","))
                and self._continues_list(b, nxt)):
            lst.heading = b.text  # a topic heading as long as a line of prose
            return True
        if b.kind not in ("numbered", "bullet"):
            self._close_list()
            return False
        if b.kind == "numbered" and _INTRO.search(b.text) and not lst.items:
            self._paragraph(b)  # "15. ... the local authority should take the following action."
            return True
        if lst.style is None:
            lst.style = b.kind
            lst.marker = b.first.marker
        if b.kind == lst.style and not (b.kind == "bullet" and self._sub_bullet(lst, b)):
            lst.items.append(_Item(b, [], lst.group, lst.heading, lst.section))
            return True
        if b.kind == "bullet" and lst.style == "numbered" and lst.items:
            lst.items[-1].subs.append(b)
            return True
        if b.kind == "bullet" and lst.items and self._sub_bullet(lst, b):
            lst.items[-1].subs.append(b)
            return True
        self._close_list()
        return False

    @staticmethod
    def _sub_bullet(lst: _List, b: Block) -> bool:
        """A bullet with another mark than the list's items, under an item that leads into
        it (a colon, an unfinished sentence), or an enumerator ("(i)"), is a sub-bullet."""
        if not lst.items:
            return False
        if b.first.marker == "enumerator":
            return True
        if b.first.indent > lst.items[-1].block.first.indent:
            return True  # nested deeper than the list's items
        last = lst.items[-1].block.text
        other_mark = lst.marker is not None and b.first.marker != lst.marker
        return other_mark and (last.endswith(":") or bool(lst.items[-1].subs)
                               or not last.endswith((".", "?", "!")))

    def _close_list(self) -> None:
        lst = self.current
        self.current = None
        if lst is None:
            return
        for item in lst.items:
            self._recommendation(item)

    def _recommendation(self, item: _Item) -> None:
        text = item.block.text
        subs = [s.text for s in item.subs]
        if subs:
            subs = [strip_separator(s).rstrip(".") for s in subs[:-1]] + subs[-1:]
            parent = text.rstrip()
            # Sub-bullets that finish the item's sentence follow it with a space; after a
            # full item they are joined by "; ", the item's own end punctuation dropped.
            open_end = parent.endswith(":") or parent[-1:].isalnum()
            sep = " " if open_end else "; "
            if not open_end:
                parent = strip_separator(parent).rstrip(",;.")
            text = parent + sep + "; ".join(subs)
        recs = self.body.recommendations
        printed = str(item.block.number) if item.block.number is not None else None
        recs.append(
            Recommendation(
                number=len(recs) + 1,
                aim=None,
                text=text,
                line=item.block.first.number,
                sub_bullets=[s.text for s in item.subs],
                section=item.section,
                heading=item.heading,
                group=item.group,
                printed_number=printed,
            )
        )
        self.body.units.append(Unit(text, item.block.first.number, None, item.section,
                                    item.heading, "item", item.block.starts))

    # ---- prose -------------------------------------------------------------------------
    def _prose(self, b: Block) -> None:
        if _END_MATTER.match(b.text):
            return  # footnotes and running headers the PDF reader keeps at the end
        if b.kind == "numbered":
            self._paragraph(b)
            return
        kind = "bullet" if b.kind == "bullet" else "prose"
        if kind == "bullet" and self.in_strengths:
            self.body.strengths.append(Statement(text=b.text, line=b.first.number,
                                                 polarity="strength"))
        elif kind == "prose":
            self.in_strengths = False
        self.body.units.append(Unit(b.text, b.first.number, None, self.section, self.heading,
                                    kind, b.starts))
        if len(b.text.split()) >= UNNUMBERED_MIN_WORDS and not _END_MATTER.match(b.text):
            # prose the report does not number (an opening summary, findings as bullets) is a
            # paragraph too: later reports say what became of things there
            self.unnumbered += 1
            self.body.paragraphs.append(Paragraph(
                number=None, section=self.section, heading=self.heading, text=b.text,
                line=b.first.number, key=f"u{self.unnumbered}",
                area="lscb" if self.in_lscb else self.area))

    def _paragraph(self, b: Block) -> None:
        assert b.number is not None
        para = Paragraph(number=b.number, section=self._section_name() if self.in_lscb
                         else self.section, heading=self.heading, text=b.text,
                         line=b.first.number, area="lscb" if self.in_lscb else self.area)
        self.body.paragraphs.append(para)
        self.body.units.append(Unit(b.text, b.first.number, b.number, para.section,
                                    para.heading, "paragraph", b.starts))


def read_body(lines: list[Line], start: int = 0) -> Body:
    """Sections, numbered paragraphs, lists of improvements and prose units of a report."""
    return BodyReader(lines, start).read()
