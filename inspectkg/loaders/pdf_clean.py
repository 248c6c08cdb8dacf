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
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NUMBERED = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s")
_ENDS_SENTENCE = re.compile(r"[.!?:]['’\"”)\]]*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
_HYPHEN_END = re.compile(r"([A-Za-z]+)[-\u00ad]$")
_FFFE = re.compile(r"([A-Za-z]*)\ufffe\s*([A-Za-z]*)")
_CONJUNCTION = re.compile(r"^(?:and|or|to|nor)\b")


@dataclass
class Item:
    """One line of output before clean-up: a visual line, or a rebuilt table row."""

    text: str
    page: int
    x0: float
    top: float  # baseline of its first line
    bottom: float  # baseline of its last line
    size: float
    table: int | None = None  # which table of the document a row belongs to
    lead_gap: float | None = None
    bullet: bool = False
    level: int = 0


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


def take_bullet(item: Item) -> None:
    """Recognise a bullet at the start of the line and write it as the one bullet glyph."""
    text = item.text
    if not text:
        return
    first = text[0]
    rest = None
    if first in _OVERLAYS or is_bullet_glyph(first):
        rest = text[1:]
    elif first in _GAPPED_MARKERS and len(text) > 2 and text[1] == " ":
        if item.lead_gap is not None and item.lead_gap >= _MARKER_GAP * item.size:
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
        """'-' if the document writes the pair as a hyphenated word (or never as one), else ''."""
        joined = f"{left}{right}".lower()
        hyphenated = f"{left}-{right}".lower()
        if self.words.get(joined, 0) > self.words.get(hyphenated, 0):
            return ""
        return "-"


def resolve_line_break_hyphens(text: str, vocab: Vocabulary) -> str:
    """U+FFFE (pdfium's mark of a hyphen that ended a line) as the hyphen, or nothing."""
    if LINE_BREAK_HYPHEN not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if not left or not right:
            return f"{left}-{right}" if left else f"-{right}"
        if _CONJUNCTION.match(right):
            return f"{left}- {right}"
        return f"{left}{vocab.hyphen(left, right)}{right}"

    return _FFFE.sub(repl, text)


def join_hyphenated(items: list[Item], vocab: Vocabulary) -> list[Item]:
    """Join a line that ends in a hyphen (or a soft hyphen) to the line it continues on."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        m = _HYPHEN_END.search(prev.text) if prev is not None and prev.table is None else None
        if (
            prev is not None
            and m is not None
            and item.table is None
            and not item.bullet
            and item.text[:1].islower()
        ):
            word = re.match(r"[A-Za-z]+", item.text)
            right = word.group(0) if word else ""
            soft = prev.text.endswith(SOFT_HYPHEN)
            if _CONJUNCTION.match(item.text):
                glue = "- "
            elif soft:
                glue = ""
            else:
                glue = vocab.hyphen(m.group(1), right)
            prev.text = prev.text[:-1] + glue + item.text
            prev.bottom = item.bottom if item.page == prev.page else prev.bottom
            continue
        if prev is not None and prev.text.endswith(SOFT_HYPHEN):
            prev.text = prev.text[:-1]
        out.append(item)
    if out and out[-1].text.endswith(SOFT_HYPHEN):
        out[-1].text = out[-1].text[:-1]
    return out


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
    if a.page != b.page:
        return not _continues(a, b, body)
    step = a.bottom - b.top
    if step <= 0:
        return True  # reading order went back up the page: a new block
    if abs(a.size - b.size) > 0.1 * max(a.size, b.size):
        return True  # a change of type size: a heading begins or ends
    spacing = max(pitch, 1.2 * max(a.size, b.size))  # large type is set with more space
    return step > 1.3 * spacing + 0.05 * body


def _continues(a: Item, b: Item, body: float) -> bool:
    """Whether the first line of a page carries on the last sentence of the page before."""
    if a.table is not None or b.table is not None or b.bullet:
        return False
    if _ENDS_SENTENCE.search(a.text) or _NUMBERED.match(b.text):
        return False
    return a.size < 1.1 * body + 0.01 and b.size < 1.1 * body + 0.01


def render(item: Item) -> str:
    """The line as written out: nested bullets indented by two spaces a level."""
    return "  " * item.level + item.text if item.bullet else item.text
