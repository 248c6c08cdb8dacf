"""Tables for a terminal: as wide as the terminal, no wider.

Text that does not fit is wrapped (or, where one line per row matters, cut with an ellipsis);
IRIs, which no one reads in a terminal, are left to JSON and CSV unless asked for. Values are
printed as they are (no number parsing: "4.10" stays "4.10").
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Collection, Mapping, Sequence

import tabulate as tabulate_module
from tabulate import tabulate

_IRI = re.compile(r"^(?:https?|urn|file):\S*$")
_GAP = 2  # tabulate's "simple" style puts two spaces between columns
MIN_WIDTH = 8
LAST_WIDTH = 3
WORD_CAP = 20


def terminal_width() -> int:
    """The terminal's columns ($COLUMNS first), 100 when there is no terminal."""
    return shutil.get_terminal_size((100, 24)).columns


def is_iri(value: str) -> bool:
    return bool(_IRI.match(value))


def iri_columns(columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> list[str]:
    """Columns whose every non-empty value is an IRI."""
    out = []
    for c in columns:
        values = [r.get(c, "") for r in rows if r.get(c, "")]
        if values and all(is_iri(v) for v in values):
            out.append(c)
    return out


def _widths(
    natural: list[int], floors: list[int], room: int, first: Collection[int] = ()
) -> list[int]:
    """Narrow the widest column, one character at a time, until the table fits ``room``: the
    ``first`` columns alone down to their floor, then every column down to its floor (no word
    broken), then down to `MIN_WIDTH`, and in the end to `LAST_WIDTH`."""
    widths = list(natural)
    never = [10**9] * len(natural)
    phases = [
        [f if i in first else never[i] for i, f in enumerate(floors)],
        floors,
        [min(n, MIN_WIDTH) for n in natural],
        [min(n, LAST_WIDTH) for n in natural],
    ]
    for lows in phases:
        while sum(widths) > room:
            wider = [i for i, w in enumerate(widths) if w > lows[i]]
            if not wider:
                break
            widest = max(wider, key=lambda i: (widths[i], -i))
            widths[widest] -= 1
    return widths


def _header(text: str, width: int) -> str:
    """A header in lines of at most ``width``, split at camelCase first."""
    if len(text) <= width:
        return text
    return "\n".join(textwrap.wrap(_split_camel(text), max(width, 1))).replace(" ", "")


def _fit(text: str, width: int, wrap: bool) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    if wrap:
        return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text
    return text[: max(width - 1, 1)] + "…"


def fit_table(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    *,
    width: int | None = None,
    wrap: bool = True,
    fixed: Collection[str] = (),
    first: Collection[str] = (),
    headers: Mapping[str, str] | None = None,
) -> str:
    """A plain-text table no wider than ``width`` (the terminal's by default): long cells are
    wrapped (``wrap``) or cut; the ``fixed`` columns keep their full width, the ``first`` ones
    give up room before the others."""
    width = width or terminal_width()
    heads = [(headers or {}).get(c, c) for c in columns]
    natural = [max([len(h), *(len(" ".join(r.get(c, "").split())) for r in rows)])
               for c, h in zip(columns, heads, strict=True)]
    fixed_width = sum(n for c, n in zip(columns, natural, strict=True) if c in fixed)
    free = [i for i, c in enumerate(columns) if c not in fixed]
    room = width - _GAP * (len(columns) - 1) - fixed_width
    floors = [min(natural[i], max(MIN_WIDTH, _longest_word(columns[i], heads[i], rows)))
              for i in free]
    shared = _widths([natural[i] for i in free], floors, max(room, 1),
                     {k for k, i in enumerate(free) if columns[i] in first})
    widths = list(natural)
    for i, w in zip(free, shared, strict=True):
        widths[i] = w
    table = [[_fit(r.get(c, ""), w, wrap) if c not in fixed else r.get(c, "")
              for c, w in zip(columns, widths, strict=True)] for r in rows]
    heads = [_header(h, w) for h, w in zip(heads, widths, strict=True)]
    padding = tabulate_module.MIN_PADDING
    tabulate_module.MIN_PADDING = 0  # a header as wide as its text, not two more
    try:
        return tabulate(table, headers=heads, tablefmt="simple", disable_numparse=True)
    finally:
        tabulate_module.MIN_PADDING = padding


def _longest_word(column: str, head: str, rows: Sequence[Mapping[str, str]]) -> int:
    """The widest a column needs to be for no word of it to break (at most `WORD_CAP`)."""
    words = [*_split_camel(head).split(), *(w for r in rows for w in r.get(column, "").split())]
    return min(max((len(w) for w in words), default=0), WORD_CAP)


def _split_camel(text: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
