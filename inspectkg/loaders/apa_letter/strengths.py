"""The lists of an APA letter: key strengths, areas for improvement and aspects for focus.

Earlier letters print one two-column table of strengths and areas for all outcomes, each row
opening with an outcome label; later letters list strengths and areas inside each section. Both
are read into statements, one per item, each with the outcome it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Statement
from ..text import clean
from . import ecm
from .items import finish, split_items
from .lines import (
    MAX_HEADING_WORDS,
    SUPERSCRIPT,
    WIDE_SPACE,
    cells,
    heading,
    is_bullet,
    is_rule,
    unbullet,
)

_STRENGTHS_HEADER = re.compile(
    r"^\W*(?:key|major|main)\s+strengths\b|^\W*strengths\s*(?:\t|\||\s{2,}|$)", re.I
)
_WEAKNESS_HEADER = re.compile(
    r"^\W*(?:key\s+|important\s+|main\s+)?(?:areas?\s+for\s+(?:improvement|development)|weaknesses)\b",
    re.I,
)
FOCUS_HEADER = re.compile(
    r"^\W*(?:aspects|areas|issues)\s+for\s+(?:focus|(?:further\s+)?exploration)\b", re.IGNORECASE
)


def is_strengths_header(raw: str) -> bool:
    """A strengths table header line, not prose that happens to open with "Key strengths"."""
    words = raw.split()
    return 0 < len(words) <= 12 and bool(_STRENGTHS_HEADER.match(clean(raw)))


def combined_table_start(lines: list[str]) -> int | None:
    """Index of the header of the one table of strengths and areas for all outcomes.

    A strengths header counts only if rows that start with an outcome label follow it; a header
    with plain bullets under it belongs to one section (later letters).
    """
    for i, raw in enumerate(lines):
        if not is_strengths_header(raw):
            continue
        following = [x for x in lines[i + 1 : i + 12] if x.strip()][:6]
        if any(_row_label(x) for x in following):
            return i
    return None


def _row_label(raw: str) -> bool:
    """Whether a line is a table row that opens with an outcome label (not a heading)."""
    row = cells(unbullet(raw))
    return bool(row) and ecm.split_label(row[0]) is not None and not heading(raw)


@dataclass
class _Cell:
    """One cell of a strengths table as read so far, with its column and outcome."""

    polarity: str
    outcome: str | None
    line: int
    parts: list[str] = field(default_factory=list)


def strength_rows(
    lines: list[str], start: int, end: int, default_outcome: str | None
) -> tuple[list[Statement], list[Statement]]:
    """Read a strengths / areas table between start and end into statements.

    Rows hold a strengths cell and an areas cell; a one-cell row belongs to the column its
    position or the last one-cell header ("Key areas for improvement") says.
    """
    table: list[_Cell] = []
    last: dict[str, _Cell] = {}
    column = "strength"
    for i in range(start, end):
        raw = lines[i]
        if not raw.strip() or is_rule(raw):
            continue
        row = _row_cells(raw)
        if not any(row):  # markup only, such as an empty cell "<td></td>"
            continue
        header = _header_column(row)
        if header is not None:
            column = header
        else:
            _add_row(row, i + 1, column, default_outcome, table, last)
    return _statements(table)


def _row_cells(raw: str) -> list[str]:
    """Cells of a strengths row by position: an empty first cell means a right-column entry."""
    row = raw.rstrip().replace("\u2022\t", "\u2022 ")
    if "\t" in row or "|" in row:
        if row.lstrip().startswith("|"):
            row = row.strip().strip("|")
        parts = re.split(r"[ \u00a0]*(?:\t|\|)[ \u00a0]*", row)
    else:
        parts = WIDE_SPACE.split(row.strip())
    found = [clean(SUPERSCRIPT.sub("", p)) for p in parts]
    while found and not found[-1]:
        found.pop()
    return found


def _header_column(row: list[str]) -> str | None:
    """None for a row of items; for a header row, the column that one-cell rows now fill."""
    filled = [c for c in row if c]
    if not filled or any(len(c.split()) > 12 or ecm.split_label(c) for c in filled):
        return None
    if not all(_STRENGTHS_HEADER.match(c) or _WEAKNESS_HEADER.match(c) for c in filled):
        return None
    only_areas = len(filled) == 1 and not _STRENGTHS_HEADER.match(filled[0])
    return "weakness" if only_areas else "strength"


def _add_row(
    row: list[str],
    line: int,
    column: str,
    default_outcome: str | None,
    table: list[_Cell],
    last: dict[str, _Cell],
) -> None:
    """Add one row: two cells are strength and area; one cell goes by position, column or label."""
    filled = [c for c in row if c]
    if len(filled) >= 3 and ecm.outcome_for(filled[0]) and ecm.split_label(filled[1]) is None:
        filled = [f"{filled[0]}: {filled[1]}", f"{filled[0]}: {' '.join(filled[2:])}"]
    filled = _split_run_on_row(filled)
    labelled = [ecm.split_label(unbullet(c)) for c in filled]
    row_label = next((label[0] for label in labelled if label), None)
    targets = _targets(row, filled, labelled[0] if labelled else None, column, table)
    for text, label, polarity in zip(filled, labelled, targets, strict=True):
        if label is not None:
            cell = _Cell(polarity, label[0], line, parts=[label[2]])
        elif polarity in last and _continues_cell(text, row_label, default_outcome):
            last[polarity].parts.append(text)
            continue
        else:
            cell = _Cell(polarity, row_label or default_outcome, line, parts=[text])
        table.append(cell)
        last[polarity] = cell


def _targets(
    row: list[str],
    filled: list[str],
    first_label: tuple[str, str, str] | None,
    column: str,
    table: list[_Cell],
) -> list[str]:
    """The column each filled cell of a row belongs to: strength, then areas to its right."""
    if len(filled) > 1:
        return ["strength"] + ["weakness"] * (len(filled) - 1)
    if row and row[0] == "":
        return ["weakness"]
    if first_label and column == "strength" and _has_cell(table, "strength", first_label[0]):
        return ["weakness"]  # the areas column printed below the strengths column
    return [column]


def _continues_cell(text: str, row_label: str | None, default_outcome: str | None) -> bool:
    """Whether an unlabelled cell carries on the cell above: in the one table of all outcomes,
    a row without labels was broken by a page end; in a section's list, a line without a bullet
    is a wrapped bullet."""
    if default_outcome is None:
        return row_label is None
    return not is_bullet(text)


def _has_cell(table: list[_Cell], polarity: str, outcome: str) -> bool:
    """Whether the table already has a cell of this column for this outcome."""
    return any(c.polarity == polarity and c.outcome == outcome for c in table)


def _split_run_on_row(row: list[str]) -> list[str]:
    """A row whose separator was lost: split where the same outcome label starts again."""
    if len(row) != 1:
        return row
    label = ecm.split_label(row[0])
    if label is None:
        return row
    rx = re.compile(rf"(?<=[.\s])\s*(?={re.escape(label[1])}\b)", re.IGNORECASE)
    for m in rx.finditer(row[0]):
        if m.start() > len(label[1]):
            return [row[0][: m.start()].strip(), row[0][m.end() :].strip()]
    return row


def _statements(table: list[_Cell]) -> tuple[list[Statement], list[Statement]]:
    """The cells' items as (strengths, areas for improvement), one statement per item."""
    strengths: list[Statement] = []
    areas: list[Statement] = []
    for cell in table:
        target = strengths if cell.polarity == "strength" else areas
        for item in split_items("\n".join(cell.parts)):
            target.append(
                Statement(text=item, line=cell.line, polarity=cell.polarity, outcome=cell.outcome)
            )
    return strengths, areas


def focus_list(lines: list[str], start: int, end: int) -> list[Statement]:
    """The list under "Aspects for focus ...": one statement per bullet.

    A bullet's wrapped line joins it; a list that lost its bullets has one item per line. The
    list ends at the first paragraph of prose.
    """
    items: list[tuple[int, list[str]]] = []  # each item's line and its words, line by line
    bulleted = False
    blank = False
    for i in range(start + 1, end):
        raw = lines[i]
        if not raw.strip():
            blank = True
            continue
        text = clean(unbullet(raw))
        if is_bullet(raw):
            bulleted = True
            items.append((i + 1, [text]))
        elif bulleted and not blank:
            items[-1][1].append(text)
        elif not bulleted and len(text.split()) <= MAX_HEADING_WORDS and not text.endswith(":"):
            items.append((i + 1, [text]))
        elif items or bulleted:
            break
        blank = False
    found = (_focus_item(" ".join(words), line) for line, words in items)
    return [item for item in found if item.text]


def _focus_item(text: str, line: int) -> Statement:
    """A focus statement, with the outcome an "Outcome: text" prefix names taken off its text."""
    label = ecm.split_label(text)
    outcome = None
    if label is not None and ":" in text.split(label[1], 1)[-1][:2]:
        outcome, text = label[0], label[2]
    return Statement(text=finish(text), line=line, polarity="focus", outcome=outcome)
