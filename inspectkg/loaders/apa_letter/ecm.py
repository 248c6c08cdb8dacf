"""The Every Child Matters outcomes that APA letters are organised by, and the wordings they use.

One outcome has one name everywhere (loaders, graph mapping, service classifier), so the canonical
labels live here with the heading and table-row variants that letters print for them. Letters of
2005-2008 call the sixth part "management of children's services", "the council's management of
its services ..., including its capacity to improve them further" or "capacity to improve,
including the management of children's services": all of them are `SERVICE_MANAGEMENT`.
"""

from __future__ import annotations

import re

from ..text import clean

BEING_HEALTHY = "Being healthy"
STAYING_SAFE = "Staying safe"
ENJOYING_AND_ACHIEVING = "Enjoying and achieving"
POSITIVE_CONTRIBUTION = "Making a positive contribution"
ECONOMIC_WELL_BEING = "Achieving economic well-being"
SERVICE_MANAGEMENT = "Service management"

# The five outcomes in the order letters give them, then the management of services.
OUTCOMES: tuple[str, ...] = (
    BEING_HEALTHY,
    STAYING_SAFE,
    ENJOYING_AND_ACHIEVING,
    POSITIVE_CONTRIBUTION,
    ECONOMIC_WELL_BEING,
)
LABELS: tuple[str, ...] = (*OUTCOMES, SERVICE_MANAGEMENT)

# Most letters print ’ for the apostrophe.
_A = "['’]"
_CYP = r"children(?:\s+and\s+young\s+people)?"
_SERVICES = (
    rf"(?:(?:its|the|their|council{_A}s|local\s+authority{_A}s)\s+)?"
    rf"(?:children{_A}s\s+(?:and\s+young\s+people{_A}s\s+)?(?:social\s+care\s+)?services"
    rf"|(?:social\s+care\s+)?services(?:\s+for\s+{_CYP})?)"
)
_CAPACITY = (
    r"(?:(?:its|the|their)\s+)?(?:overall\s+)?capacity\s+to\s+improve"
    r"(?:\s+(?:them|its\s+services|services)(?:\s+further)?)?"
)
_MANAGEMENT = (
    rf"(?:the\s+)?(?:council{_A}s\s+|local\s+authority{_A}s\s+)?(?:overall\s+)?"
    rf"(?:(?:leadership\s+and\s+)?management\s+of\s+{_SERVICES}"
    rf"(?:,?\s+including\s+{_CAPACITY})?"
    rf"|{_CAPACITY}(?:,?\s+including\s+(?:the\s+)?management\s+of\s+{_SERVICES})?"
    rf"|(?:children{_A}s\s+)?services?\s+management)"
)

# Heading and row-label wordings, as regular expressions (case-insensitive).
VARIANTS: dict[str, str] = {
    BEING_HEALTHY: r"(?:being|be)\s+healthy",
    STAYING_SAFE: r"(?:staying|stay)\s+safe",
    ENJOYING_AND_ACHIEVING: r"(?:enjoying|enjoy)\s+and\s+(?:achieving|achieve)",
    POSITIVE_CONTRIBUTION: r"(?:making|make)\s+a\s+positive\s+contribution",
    ECONOMIC_WELL_BEING: r"(?:achieving|achieve)\s+economic\s+well[\s-]?being",
    SERVICE_MANAGEMENT: _MANAGEMENT,
}

_WHOLE = {label: re.compile(rf"(?:the\s+)?{rx}", re.IGNORECASE) for label, rx in VARIANTS.items()}
_PREFIX = {
    label: re.compile(rf"\s*(?P<label>{rx})(?![\w-])\s*[:\-–]?\s*", re.IGNORECASE)
    for label, rx in VARIANTS.items()
}
_NUMBERING = re.compile(r"^\s*(?:#+\s*|\d{1,2}[.)]?\s+|[A-Za-z][.)]\s+)")
# A management label may run on ("... for children and young people in the borough"); a longer
# "label" is a sentence, not a heading.
_MAX_LABEL_WORDS = 25


def normalise_label(text: str) -> str:
    """A heading or row label without markup, numbering, trailing colon or full stop."""
    text = _NUMBERING.sub("", clean(text))
    return text.strip().rstrip(":.").strip()


def outcome_for(label: str) -> str | None:
    """The canonical outcome a heading or row label names, or None if it names none.

    The five outcomes must be the whole label; the management label may run on (its wordings
    vary), but only as far as a heading does.
    """
    text = normalise_label(label)
    if not text or len(text.split()) > _MAX_LABEL_WORDS:
        return None
    for outcome in OUTCOMES:
        if _WHOLE[outcome].fullmatch(text):
            return outcome
    if _WHOLE[SERVICE_MANAGEMENT].match(text):
        return SERVICE_MANAGEMENT
    return None


def split_label(cell: str) -> tuple[str, str, str] | None:
    """Split a table cell that starts with an outcome label: (outcome, label as printed, rest).

    Cells read "Being healthy: good ..." and the management row may lack the colon
    ("Management of children's services clear strategic vision ..."). None if the cell does
    not start with a label.
    """
    head, colon, rest = cell.partition(":")
    if colon and len(head.split()) <= _MAX_LABEL_WORDS:
        label = normalise_label(head)
        for outcome, rx in _WHOLE.items():
            if rx.fullmatch(label):
                return outcome, head.strip(), rest.strip()
    for outcome, rx in _PREFIX.items():
        m = rx.match(cell)
        if m:
            return outcome, m.group("label").strip(), cell[m.end() :].strip()
    return None
