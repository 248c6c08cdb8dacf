"""Text-level clean-up of what PDF extraction leaves: glyphs, hyphens, bullets, paragraph gaps.

Works on the lines of the whole document in reading order (`Item`s, each with its page and
where it sits), after running lines, footnotes and tables have been dealt with. Decisions are
made by glyph and by position, and for hyphens by the document's own vocabulary, never by the
wording of a particular report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

BULLET = "•"
# pdfium writes U+FFFE where a hyphen ended a line and it joined the two lines.
LINE_BREAK_HYPHEN = "\ufffe"
SOFT_HYPHEN = "\u00ad"

# Glyphs that are a bullet wherever they start a line: symbol-font private-use characters
# (Wingdings, Symbol: U+F06E, U+F0A7, U+F0B7 ...), geometric shapes, box drawing, dingbats.
_BULLET_CLASS = "\ue000-\uf8ff\u25a0-\u25ff\u2500-\u257f\u2700-\u27bf•‣⁃∙●○◦▪■□➢➤►▸▹✓✔❖⦁⁌⁍"
_BULLET_GLYPH = re.compile(f"[{_BULLET_CLASS}]")
_INNER = re.compile(f"[{_BULLET_CLASS}\u0335\u0336]")
# Characters that are a bullet at the start of a line only when a gap (a tab) follows them.
_GAPPED_MARKERS = set("-–—−―‐‑*·o")
# Combining strokes that symbol fonts leave where a dash was drawn; nothing to combine with.
_OVERLAYS = "\u0335\u0336"
# A marker is followed by a tab when the gap after it is at least this share of the font size.
_MARKER_GAP = 0.6
# ... or when lines this close above or below it start with the same marker at the same place.
_LIST_REACH = 3
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NUMBERED = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+)\s")
_ENDS_SENTENCE = re.compile(r"[.!?:]['’\"”)\]]*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
_HYPHEN_END = re.compile(r"([A-Za-z]+)[-\u00ad]$")
_FFFE = re.compile(r"(-?)([A-Za-z]*)\ufffe\s*([A-Za-z]*)")
_CONJUNCTION = re.compile(r"^(?:and|or|to|nor)\b")
# A line was wrapped if its next word would have passed the margin less this many font sizes.
_WRAP_SLACK = 0.5
# How much of a line's end the end-of-line patterns need to see (a joined paragraph is long).
_TAIL = 60
_LONG_LINE = 0.6


@dataclass
class Item:
    """One line of output before clean-up: a visual line, or a rebuilt table row."""

    text: str
    page: int
    x0: float
    top: float  # baseline of its first line
    bottom: float  # baseline of its last line
    size: float
    x1: float = 0.0
    table: int | None = None  # which table of the document a row belongs to
    lead_gap: float | None = None
    bullet: bool = False
    level: int = 0
    # Where its last printed line is, once the lines of a paragraph are joined into it.
    end_page: int = 0
    end_x0: float = 0.0
    end_x1: float = 0.0
    blank_before: bool = False

    def __post_init__(self) -> None:
        self.end_page = self.end_page or self.page
        self.end_x0 = self.end_x0 or self.x0
        self.end_x1 = self.end_x1 or self.x1


def is_bullet_glyph(ch: str) -> bool:
    """A character that marks a list item wherever it starts a line."""
    return bool(_BULLET_GLYPH.match(ch))


def normalise(text: str) -> str:
    """Spaces of every width as one space; soft hyphens inside a line and stray strokes gone."""
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    if text.endswith(SOFT_HYPHEN):
        text = text[:-1].replace(SOFT_HYPHEN, "") + SOFT_HYPHEN
    else:
        text = text.replace(SOFT_HYPHEN, "")
    text = text.replace("\t", " ")
    return _SPACES.sub(" ", text).strip()


def take_bullets(items: list[Item]) -> None:
    """Recognise bullets at the start of lines and write them as the one bullet glyph.

    A dash (or "o", "*") is a bullet when a tab follows it, or when it starts other lines
    nearby at the same place: a list, not a sentence that wraps before a dash.
    """
    listed = []
    for k, item in enumerate(items):
        near = items[max(0, k - _LIST_REACH) : k] + items[k + 1 : k + 1 + _LIST_REACH]
        listed.append(any(
            o.page == item.page and o.text[:2] == item.text[:2] and abs(o.x0 - item.x0) <= 2
            for o in near
        ))
    for item, in_list in zip(items, listed, strict=True):
        if item.table is None:
            take_bullet(item, in_list)


def take_bullet(item: Item, listed: bool = False) -> None:
    """Recognise a bullet at the start of the line and write it as the one bullet glyph."""
    text = item.text
    if not text:
        return
    first = text[0]
    rest = None
    if first in _OVERLAYS or is_bullet_glyph(first):
        rest = text[1:]
    elif first in _GAPPED_MARKERS and len(text) > 2 and text[1] == " ":
        tab = item.lead_gap is not None and item.lead_gap >= _MARKER_GAP * item.size
        if tab or listed:
            rest = text[1:]
    if rest is None:
        return
    rest = rest.lstrip(" " + _OVERLAYS)
    # A second glyph straight after the first (a bullet drawn with two glyphs) goes too.
    while rest and is_bullet_glyph(rest[0]):
        rest = rest[1:].lstrip()
    item.text = f"{BULLET} {rest}" if rest else BULLET
    item.bullet = True


def inner_glyphs(text: str) -> str:
    """Bullet glyphs inside a line (a table cell of several items) as the one bullet glyph."""
    if not _INNER.search(text):
        return text
    text = re.sub(f"[{_OVERLAYS}]", "", text)
    text = _BULLET_GLYPH.sub(BULLET, text)
    return _SPACES.sub(" ", re.sub(r"\s*•\s*", " • ", text)).strip()


class Vocabulary:
    """The words a document uses, to tell a hyphenated word from a word broken at a line end."""

    def __init__(self, texts: list[str]) -> None:
        words: Counter[str] = Counter()
        for t in texts:
            for w in _WORD.findall(t.replace(LINE_BREAK_HYPHEN, " ")):
                words[w.lower()] += 1
        self.words = words

    def hyphen(self, left: str, right: str) -> str:
        """'' if the document writes the pair as one word and never with a hyphen (a word
        broken at a line end), else '-' (a hyphen the author typed: the common case)."""
        joined = f"{left}{right}".lower()
        hyphenated = f"{left}-{right}".lower()
        if self.words.get(joined, 0) and not self.words.get(hyphenated, 0):
            return ""
        return "-"


def resolve_line_break_hyphens(text: str, vocab: Vocabulary) -> str:
    """U+FFFE (pdfium's mark of a hyphen that ended a line) as the hyphen, or nothing."""
    if LINE_BREAK_HYPHEN not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        compound, left, right = m.group(1), m.group(2), m.group(3)
        if _CONJUNCTION.match(right):
            return f"{compound}{left}- {right}"
        if compound or not left or not right:  # "day-to-day", "COVID-19": a typed hyphen
            return f"{compound}{left}-{right}"
        return f"{left}{vocab.hyphen(left, right)}{right}"

    return _FFFE.sub(repl, text)


def right_margins(items: list[Item], body: float) -> dict[tuple[int, float], float]:
    """Where lines of text end on each page, for each size of type (its right margin): the
    long lines' end, so that a line ending short of it ends its paragraph."""
    groups: dict[tuple[int, float], list[float]] = {}
    sizes: dict[float, list[float]] = {}
    for it in items:
        if it.table is None:
            key = round(it.size * 2) / 2
            groups.setdefault((it.page, key), []).append(it.x1)
            sizes.setdefault(key, []).append(it.x1)
    overall = {k: _high(v) for k, v in sizes.items()}
    return {
        key: _high(xs) if len(xs) >= 6 else overall[key[1]] for key, xs in groups.items()
    }


def _high(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[int(0.9 * (len(xs) - 1))]


def _margin(margins: dict[tuple[int, float], float], item: Item) -> float:
    return margins.get((item.end_page, round(item.size * 2) / 2), 0.0)


def reflow(
    items: list[Item], vocab: Vocabulary, pitch: float, body: float,
    margins: dict[tuple[int, float], float],
) -> list[Item]:
    """One line per paragraph: printed lines joined where the text wrapped; a blank line marked
    (``blank_before``) where a paragraph ends with space below it."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if prev is None:
            out.append(item)
            continue
        if paragraph_break(prev, item, pitch, body):
            item.blank_before = True
            out.append(item)
            continue
        glue = _glue(prev, item, vocab, _margin(margins, prev))
        if glue is None:
            out.append(item)
            continue
        prev.text = (prev.text[:-1] if glue != " " else prev.text) + glue + item.text
        prev.bottom, prev.size = item.bottom, item.size
        prev.end_page, prev.end_x0, prev.end_x1 = item.page, item.x0, item.x1
    for it in out:
        if it.text.endswith(SOFT_HYPHEN):
            it.text = it.text[:-1]
    return out


def _glue(a: Item, b: Item, vocab: Vocabulary, margin: float) -> str | None:
    """How line b carries on the paragraph of a ("" or "-" after a hyphen, " "), or None if it
    starts a line of its own."""
    if a.table is not None or b.table is not None or b.bullet or not b.text:
        return None
    if _NUMBERED.match(b.text) or abs(a.size - b.size) > 0.1 * max(a.size, b.size):
        return None
    if b.x0 < a.end_x0 - 0.5 * b.size:
        return None  # starts left of the line above: a new paragraph or a heading
    hyphen = _HYPHEN_END.search(a.text[-_TAIL:]) if a.text.endswith(("-", SOFT_HYPHEN)) else None
    if hyphen and b.text[:1].islower():
        if a.text.endswith(SOFT_HYPHEN):
            return ""
        if _CONJUNCTION.match(b.text):
            return "- "
        return vocab.hyphen(hyphen.group(1), re.match(r"[A-Za-z]*", b.text).group(0)) or ""
    if a.end_page != b.page and not (b.text[:1].islower() or a.text.endswith((",", ";"))):
        return None  # over a page break only a line that plainly carries on the sentence
    first = b.text.split(" ", 1)[0]
    width = (b.x1 - b.x0) * len(first) / max(len(b.text), 1)
    if margin and a.end_x1 + 0.3 * b.size + width > margin - _WRAP_SLACK * b.size:
        return " "
    # A long line that stops mid-sentence, and a next line in lower case: a narrower column
    # (beside a picture) wrapped it.
    long = margin and a.end_x1 - a.end_x0 >= _LONG_LINE * (margin - a.end_x0)
    if long and b.text[:1].islower() and not _ENDS_SENTENCE.search(a.text[-_TAIL:]):
        return " "
    return None


def bullet_levels(items: list[Item]) -> None:
    """Nesting of bullets from how far in their glyph sits within each list."""
    stack: list[float] = []
    for item in items:
        if item.bullet:
            tol = 0.8 * item.size
            while stack and item.x0 < stack[-1] - tol:
                stack.pop()
            if not stack or item.x0 > stack[-1] + tol:
                stack.append(item.x0)
            item.level = len(stack) - 1
        elif item.table is not None or not stack or item.x0 <= stack[0] + 0.5 * item.size:
            stack = []


def line_pitch(items: list[Item], body: float) -> float:
    """The usual distance between the baselines of two lines of body text."""
    steps: Counter[float] = Counter()
    for a, b in zip(items, items[1:], strict=False):
        if a.page == b.page and a.table is None and b.table is None and abs(a.size - body) < 0.6:
            step = a.bottom - b.top
            if 0 < step < 3 * body:
                steps[round(step * 2) / 2] += 1
    return steps.most_common(1)[0][0] if steps else 1.2 * max(body, 1.0)


def paragraph_break(a: Item, b: Item, pitch: float, body: float) -> bool:
    """Whether a blank line goes between two consecutive lines."""
    if a.table is not None and a.table == b.table:
        return False
    if a.end_page != b.page:
        return not _continues(a, b)
    step = a.bottom - b.top
    if step <= 0:
        return True  # reading order went back up the page: a new block
    if abs(a.size - b.size) > 0.1 * max(a.size, b.size):
        return True  # a change of type size: a heading begins or ends
    spacing = max(pitch, 1.2 * max(a.size, b.size))  # large type is set with more space
    return step > 1.3 * spacing + 0.05 * body


def _continues(a: Item, b: Item) -> bool:
    """Whether the first line of a page carries on the last sentence of the page before."""
    if a.table is not None or b.table is not None or b.bullet:
        return False
    if _ENDS_SENTENCE.search(a.text[-_TAIL:]) or _NUMBERED.match(b.text):
        return False
    return abs(a.size - b.size) <= 0.1 * max(a.size, b.size)  # a heading does not carry on


def render(item: Item) -> str:
    """The line as written out: nested bullets indented by two spaces a level."""
    return "  " * item.level + item.text if item.bullet else item.text
