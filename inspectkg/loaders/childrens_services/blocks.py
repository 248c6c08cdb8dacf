"""Lines grouped into the blocks a reader sees: numbered paragraphs, bullets, headings, prose.

A PDF's text layer gives lines, not paragraphs. A line belongs to the block above it when that
block's last line was filled to the margin (the text wrapped), when it starts in lower case, or
when the line above broke off mid-phrase ("... children who need help and"). Otherwise it starts
a new block. A block of a few short lines that does not end a sentence is a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line, numbered_text, unbullet

# A line at least this share of the report's usual full line is filled to the margin.
FULL_LINE = 0.78
HEADING_MAX_LINES = 4
HEADING_MAX_CHARS = 200
_OPEN_END = re.compile(
    r"(?:\b(?:and|or|of|the|a|an|to|for|with|in|on|at|by|from|who|that|which|their|its|"
    r"is|are|be|as|than|into|about|between|including|such)|[,(\-–/&])$",
    re.I,
)
# Lines that are headings wherever they stand.
_STANDALONE = re.compile(
    r"^(?:what\s+needs\s+to\s+improve\b.{0,60}|what\s+does\s+.{2,60}\s+need\s+to\s+improve\??|"
    r"recommendations?:?|areas?\s+for\s+(?:improvement|priority\s+action):?|"
    r"priority\s+and\s+immediate\s+actions?:?|(?:executive\s+)?summary|inspection\s+findings.{0,80}|"
    r"immediately:?|within\s+\w+(?:\s+\w+)?\s+(?:weeks?|months?):?)$",
    re.I,
)
# The first line of a judgement area's heading, or a heading that closes a report's lists.
_SECTION_LINE = re.compile(
    r"^(?:the\s+experiences\s+and\s+progress\s+of\b|the\s+impact\s+of\s+leaders\b|"
    r"information\s+about\s+this\s+inspection$|the\s+inspection\s+team$|"
    r".{10,120}:\s+(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate)$)",
    re.I,
)
# A judgement area's heading with its grade, however it wrapped or whether a full stop ends it:
# "The experiences and progress of children who need help and protection: good", "The impact
# of leaders on social work practice with children and families is good."
_JUDGEMENT_HEADING = re.compile(
    r"^(?:the\s+experiences\s+and\s+progress\s+of\b|the\s+impact\s+of\s+leaders\b|"
    r"overall\s+effectiveness\b).{0,160}(?::|\s+(?:is|are))\s*(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|"
    r"outstanding|good|inadequate)\.?$",
    re.I,
)
_GRADE_LINE = re.compile(
    r"^(?:grade\s+[1-4]\s*\(\w[\w ]*\)|requires?\s+improvement(?:\s+to\s+be\s+good)?|"
    r"outstanding|good|inadequate|adequate)\.?$",
    re.I,
)


@dataclass
class Block:
    """Consecutive lines read as one unit."""

    kind: str  # "numbered", "bullet", "text" (then "heading" or "prose"), "grade"
    lines: list[Line] = field(default_factory=list)
    number: int | None = None

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def text(self) -> str:
        return self.joined()[0]

    @property
    def starts(self) -> tuple[tuple[int, int], ...]:
        """(offset in ``text``, line number) where each line's words begin."""
        return self.joined()[1]

    def joined(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        parts = [(ln.text, ln.number) for ln in self.lines if ln.text]
        if self.kind == "numbered" and parts:
            parts[0] = (numbered_text(self.lines[0]), parts[0][1])
        elif self.kind == "bullet" and parts:
            parts[0] = (unbullet(self.lines[0].raw), parts[0][1])
        return _join(parts)


def _join(parts: list[tuple[str, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    out = ""
    starts: list[tuple[int, int]] = []
    for p, number in parts:
        p = " ".join(p.split())
        if not out:
            starts.append((0, number))
            out = p
        elif out.endswith("-") and not out.endswith(" -") and p[:1].islower():
            starts.append((len(out), number))
            out = out + p  # a word broken at a hyphen the extraction kept
        else:
            starts.append((len(out) + 1, number))
            out = f"{out} {p}"
    return out, tuple(starts)


def line_at(starts: tuple[tuple[int, int], ...], offset: int) -> int:
    """The line on which the character at ``offset`` of a block's text stands."""
    line = starts[0][1] if starts else 0
    for at, number in starts:
        if at > offset:
            break
        line = number
    return line


def full_width(lines: list[Line]) -> int:
    """The length of a full line of prose in this report (what wrapped lines reach)."""
    lengths = sorted(len(ln.raw.rstrip()) for ln in lines if 20 <= len(ln.raw.strip()) <= 200)
    if not lengths:
        return 80
    return lengths[int(len(lengths) * 0.9)]


class Segmenter:
    """Turns lines into blocks, knowing which numbers continue the paragraph sequence."""

    def __init__(self, lines: list[Line], start: int = 0) -> None:
        self.lines = lines
        self.start = start
        self.width = full_width(lines)

    def is_full(self, line: Line) -> bool:
        return len(line.raw.rstrip()) >= FULL_LINE * self.width

    def continues(self, block: Block, line: Line, nxt: Line | None = None) -> bool:
        """Whether a line that is neither numbered nor a bullet goes on with the block."""
        prev = block.lines[-1]
        if block.kind == "grade":
            return False
        if (prev.ends_sentence and nxt is not None and (nxt.bullet or nxt.numbered is not None)
                and not self.is_full(line) and not line.text.endswith((".", ";", ","))
                and line.text[:1].isupper()):
            return False  # a heading between a finished paragraph and a list
        if prev.ends_sentence and _STANDALONE.match(line.text):
            return False
        if _SECTION_LINE.match(line.text) and not line.starts_lower:
            return False  # "The experiences and progress of ...: good" opens a section
        if _GRADE_LINE.match(line.text) and block.kind == "text":
            return False
        if line.starts_lower or line.text[:1] in "(),;:%":
            return True  # "(paragraph 33)." finishing the item above
        if not prev.text:
            return False
        if prev.text.endswith((".", "?", "!")) and not self.is_full(prev):
            return False
        if self.is_full(prev) and block.kind != "text":
            return True
        if self.is_full(prev) and not prev.ends_sentence:
            return True
        if self.is_full(prev) and block.kind == "text" and len(block.lines) > 1:
            return True
        return bool(_OPEN_END.search(prev.text))

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        current: Block | None = None
        expected = 1
        lines = self.lines[self.start :]
        for k, line in enumerate(lines):
            nxt = next((ln for ln in lines[k + 1 : k + 4] if ln.text), None)
            if not line.text:
                current = None
                continue
            number = line.numbered
            if number is None and line.dotless == expected > 1 and self._lost_dot(current, out):
                number = expected  # "34 Most children ...": the dot lost, the sequence kept
            if number is not None and self._in_sequence(number, expected, current):
                current = Block("numbered", [line], number)
                out.append(current)
                expected = number + 1
                continue
            if line.bullet:
                current = Block("bullet", [line])
                out.append(current)
                continue
            if current is not None and self.continues(current, line, nxt):
                current.lines.append(line)
                continue
            kind = "grade" if _GRADE_LINE.match(line.text) else "text"
            current = Block(kind, [line])
            out.append(current)
        for b in out:
            if b.kind == "text":
                b.kind = "heading" if self.is_heading(b) else "prose"
        return out

    def _lost_dot(self, current: Block | None, out: list[Block]) -> bool:
        """Where "34 Most ..." starts paragraph 34: after the blank line that ends a numbered
        paragraph, or after a short line that ends a sentence."""
        if current is None:
            return bool(out) and out[-1].kind == "numbered"
        last = current.lines[-1]
        return last.ends_sentence and not self.is_full(last)

    @staticmethod
    def _in_sequence(number: int, expected: int, current: Block | None) -> bool:
        """A numbered line goes on the report's sequence (small gaps allowed after a full stop,
        where a page or a table broke the sequence); a list restarting at 1 starts one."""
        if number == expected:
            return True
        if number == 1 or expected == 1:
            return True
        ended = current is None or current.lines[-1].ends_sentence
        return ended and expected < number <= expected + 3

    def is_heading(self, block: Block) -> bool:
        text = block.text
        if len(block.lines) > HEADING_MAX_LINES or len(text) > HEADING_MAX_CHARS:
            return False
        if _JUDGEMENT_HEADING.match(text):
            return True  # a long one fills its line, and some reports end it with a full stop
        if not text[:1].isupper() and not text[:1].isdigit():
            return False
        if text.endswith((".", ";", ",")) and not re.search(r"\b(?:etc|LSCB|LSCP)\.$", text):
            return False
        return all(not self.is_full(ln) for ln in block.lines[-1:])
