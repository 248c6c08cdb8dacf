"""Bulleted lists as reports print them: markers, wrapped lines, sub-bullets.

Converted reports mark bullets with ``-``, ``•``, ``*``, ``o`` or ``(a)``; sub-bullets are
indented deeper; long bullets wrap onto lines with no marker. These helpers turn such lines
into items without knowing what the list is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import clean, strip_markup

_BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<marker>[-•*–—·▪◦●o]|\(?[a-z]\)|\(?[ivx]{1,4}\))\s+(?P<text>\S.*)$"
)
_SEPARATOR_TAIL = re.compile(r"(?:\s*[;,]\s*(?:and|or)?|\s+(?:and|or))\s*$", re.IGNORECASE)


@dataclass
class Item:
    """One bullet with its wrapped continuation and its sub-bullets."""

    line: int  # 1-based line of the bullet
    text: str  # whitespace-normalised words of the bullet, markup removed
    subs: list[Item] = field(default_factory=list)
    indent: int = 0


def bullet(raw: str) -> tuple[int, str] | None:
    """(indent, text) if the line is a bullet, else None; tolerant of markdown and tags."""
    m = _BULLET.match(strip_markup(raw).replace("\t", "    "))
    if not m:
        return None
    marker = m.group("marker")
    text = m.group("text")
    if marker == "o" and not text[:1].isalpha():
        return None
    if marker == "*" and text.endswith("*") and "**" not in raw:
        return None
    indent = len(m.group("indent")) + (2 if marker in "o◦▪" else 0)
    return indent, clean(text)


def strip_separator(text: str) -> str:
    """Drop the list punctuation a bullet ends with ("; and", ";", ", or") but keep a full stop."""
    return _SEPARATOR_TAIL.sub("", text).rstrip()


def join_item(item: Item) -> str:
    """A bullet's words with its sub-bullets joined by "; " (after a colon, by a space).

    The bullet keeps its own words verbatim but for the list punctuation it ends with ("in
    particular," then "; ensure ..." would double the separator); each sub-bullet but the last
    loses its list punctuation too.
    """
    if not item.subs:
        return item.text
    subs = [join_item(sub) for sub in item.subs]
    subs = [strip_separator(sub) for sub in subs[:-1]] + subs[-1:]
    if item.text.endswith(":"):
        return item.text + " " + "; ".join(subs)
    return strip_separator(item.text) + "; " + "; ".join(subs)


def read_items(lines: list[str], start: int, stop: int) -> tuple[list[Item], int]:
    """Read consecutive bullets from ``lines[start:stop]`` (0-based indices).

    A bullet's wrapped lines follow it without a blank line; a blank line followed by another
    bullet continues the list. Returns the items and the index where the list ended.
    """
    items: list[Item] = []
    stack: list[Item] = []  # the open bullets, outermost first
    wrapped: dict[int, tuple[Item, list[str]]] = {}  # wrapped lines, joined once at the end

    def done(end: int) -> tuple[list[Item], int]:
        for item, more in wrapped.values():
            item.text = clean(" ".join([item.text, *more]))
        return items, end

    i = start
    while i < stop:
        raw = lines[i]
        if not raw.strip():
            j = i
            while j < stop and not lines[j].strip():
                j += 1
            if j < stop and stack and bullet(lines[j]) is not None:
                i = j
                continue
            return done(i)
        b = bullet(raw)
        if b is None:
            if not stack:
                return done(i)
            wrapped.setdefault(id(stack[-1]), (stack[-1], []))[1].append(raw)
            i += 1
            continue
        indent, text = b
        item = Item(line=i + 1, text=text, indent=indent)
        while stack and stack[-1].indent >= indent:
            stack.pop()
        (stack[-1].subs if stack else items).append(item)
        stack.append(item)
        i += 1
    return done(i)
