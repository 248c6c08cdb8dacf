"""Text clean-up shared by loaders: markup that reports carry and whitespace."""

from __future__ import annotations

import html
import re
from functools import lru_cache

# Formatting tags that converted reports carry; anything else (e.g. <script>) is text and kept.
_FORMAT_TAGS = (
    "a|b|i|u|em|strong|span|font|sup|sub|small|big|p|div|br|ul|ol|li|table|tr|td|th|tbody|thead"
)
_TAG = re.compile(rf"</?(?:{_FORMAT_TAGS})\b[^<>]*>", re.IGNORECASE)
# Emphasis spans are short; bounded, an opening mark without its closing one costs little.
_BOLD = re.compile(r"\*\*(.{1,400}?)\*\*|__(.{1,400}?)__")
_STRAY_BOLD = re.compile(r"\*\*|(?<![\w])__|__(?![\w])")
_MARKUP_CHARS = frozenset("<*_&")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.{1,400}?)(?<=[^\s*])\*(?![\w*])")


def strip_markup(text: str) -> str:
    """Remove markdown emphasis and formatting HTML tags, keeping the words verbatim."""
    if not _MARKUP_CHARS.intersection(text):  # most lines: nothing to remove
        return text
    text = _TAG.sub(" ", text)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRAY_BOLD.sub("", text)
    text = _ITALIC.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def squash(text: str) -> str:
    """Collapse runs of whitespace to single spaces and trim the ends."""
    return " ".join(text.split())


# Lines up to this length are cached: a report's lines, not a page of prose on one line.
_CACHED_CHARS = 4096


def clean(text: str) -> str:
    """Markup removed and whitespace normalised: the form every quote and text is kept in.

    Loaders clean the same lines in several passes; the cache makes each line cost once.
    """
    if len(text) > _CACHED_CHARS:
        return squash(strip_markup(text))
    return _clean_line(text)


@lru_cache(maxsize=1 << 16)
def _clean_line(text: str) -> str:
    return squash(strip_markup(text))

