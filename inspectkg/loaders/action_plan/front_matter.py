"""The front matter of a council committee report: date, title, committee, council and people.

Committee reports print labels ("Date:", "Subject:", "Report of:", "Report Author:") with the
value after the colon or on the lines below; labels, their wording and their order vary between
councils and years, so each value is found by what its label says, with a fallback for reports
that print the council or the meeting without a label.
"""

from __future__ import annotations

import calendar
import re

from ..records import Person
from ..text import clean
from ..timescale import find_periods

_LABELS = {
    "date": r"date(?:\s+of\s+(?:the\s+)?(?:meeting|report|decision))?|meeting\s+date"
    r"|decision\s+date",
    "title": r"subject|title(?:\s+of\s+(?:the\s+)?report)?|report\s+title|report\s+subject",
    "committee": r"committee|meeting|report\s+to|decision[\s-]+maker|decision[\s-]+taker",
    "lead_officer": r"report\s+of|report\s+by|report\s+from|lead\s+officer"
    r"|responsible\s+officer",
    "author": r"report\s+author(?:\s+and\s+contact\s+details)?|author|contact\s+officer"
    r"|report\s+prepared\s+by|officer\s+contact",
}
# Labels that may run into their value without a colon: "Report of the Director of ...".
_PHRASE_LABELS = {"lead_officer", "author"}
_ANY_LABEL = re.compile(r"^\s*[A-Z][\w /()'&,-]{1,40}:\s*$|^\s*[A-Z][\w /()'&-]{1,30}:\s+\S")
_COMMITTEE_REPORT = re.compile(
    r"^\s*(?P<c>(?:[A-Z][\w&'-]*\s+)*(?:Committee|Cabinet|Board|Panel|Forum"
    r"|Executive|Sub-Committee|Council))\s+Report\s*$"
)
_REPORT_TO = re.compile(r"^\s*report\s+to\s*:?\s*(?:the\s+)?(?P<c>[A-Z].{2,80})$", re.I)
_AUTHORITY_OF = re.compile(
    r"^(?:The\s+)?(?:(?:Royal|London|Metropolitan)\s+Borough|Borough|City(?:\s+and\s+County)?"
    r"|County|Council)\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w'\u2019.-]*"
    r"(?:\s+(?:and|upon|on|in|the|&|[A-Z][\w'\u2019.-]*))*)$"
)
_AUTHORITY_COUNCIL = re.compile(
    r"^(?P<place>[A-Z][\w'\u2019.-]*(?:\s+(?:and|upon|on|in|&|[A-Z][\w'\u2019.-]*))*?)"
    r"(?:\s+(?:City|County|Borough|District|Metropolitan\s+Borough|Metropolitan\s+District))?"
    r"\s+Council$"
)
_AUTHORITY_INLINE = re.compile(
    r"\b(?:(?:Royal|London)\s+Borough|City|County)\s+of\s+[A-Z][\w'\u2019-]+"
    r"(?:\s+(?:and|upon)\s+[A-Z][\w'\u2019-]+)?"
    r"|\b[A-Z][\w'\u2019-]+(?:\s+(?:and|upon)\s+[A-Z][\w'\u2019-]+)?"
    r"\s+(?:City|County|Borough|District)\s+Council\b"
)
_NOT_PLACES = {
    "full", "county", "city", "borough", "district", "metropolitan", "royal", "london", "the",
    "cabinet", "executive", "education", "schools", "youth", "parish", "town", "joint",
    "special", "extraordinary", "annual", "and", "of", "school", "children's", "pupils",
}
_HONORIFIC = r"(?:Cllr\.?|Councillor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Prof\.?|Professor|Sir|Dame)"
_NAME = re.compile(
    rf"^(?:{_HONORIFIC}\s+)?(?:[A-Z][a-z'\u2019-]+|[A-Z]\.?|[A-Z][a-z]*'[A-Z][a-z]+)"
    r"(?:\s+(?:[A-Z][a-zA-Z'\u2019-]+|[A-Z]\.?|de|van|von|der|le|la|du|da)){1,4}$"
)
_POST_WORDS = re.compile(
    r"\b(?:director|head|manager|officer|chief|executive|leader|member|assistant|deputy"
    r"|strategic|commissioner|co-?ordinator|analyst|advis[eo]r|lead|principal|secretary|clerk"
    r"|cabinet|chair(?:man|person)?|services?|team|consultant|partner|policy|portfolio)\b",
    re.I,
)
_WEEKDAYS = re.compile(
    "|".join(rf"\b{day}\b" for day in (*calendar.day_name, *calendar.day_abbr)), re.I
)
_CONTACT = re.compile(r"@|\b(?:tel|telephone|email|e-mail|phone|ext|fax)\b|\d{3,}|\bx\d", re.I)


def _block(lines: list[str], start: int) -> list[tuple[int, str]]:
    """The value printed under a label: the next non-blank lines, up to a blank or a label."""
    i = start
    while i < len(lines) and i < start + 4 and not lines[i].strip():
        i += 1
    return _value_lines(lines, i, limit=3, edge_tabs=False)


def _continuation(lines: list[str], start: int) -> list[tuple[int, str]]:
    """Lines straight after a "Label: value" line that continue it (a post under a name)."""
    return _value_lines(lines, start, limit=2, edge_tabs=True)


def _value_lines(lines: list[str], i: int, *, limit: int, edge_tabs: bool) -> list[tuple[int, str]]:
    """Consecutive non-blank lines from i that carry a value, up to a label or a table line
    (with `edge_tabs`, a tab at either end of a line also makes it a table line)."""
    out: list[tuple[int, str]] = []
    while i < len(lines) and lines[i].strip() and len(out) < limit:
        raw = lines[i]
        if _ANY_LABEL.match(raw) or "\t" in (raw if edge_tabs else raw.strip()):
            break
        out.append((i + 1, clean(raw)))
        i += 1
    return out


def _labelled(lines: list[str], key: str) -> list[list[tuple[int, str]]]:
    """Each value printed for a label ("Date: 23 April 2010" or "Date:" then the value)."""
    label = _LABELS[key]
    joint = r"(?::|\s+(?:the\s+)?)" if key in _PHRASE_LABELS else ":"
    pattern = re.compile(rf"^\s*(?:{label})\s*(?:{joint}\s*(?P<rest>.*?)|\s*)$", re.I)
    values = []
    for i, raw in enumerate(lines):
        m = pattern.match(raw)
        if not m:
            continue
        rest = clean(m.group("rest") or "")
        if rest and ":" not in raw[: m.start("rest")] and (len(raw) > 100 or rest.endswith(".")):
            continue  # a sentence that happens to start "Report by ...", not a label
        block = [(i + 1, rest), *_continuation(lines, i + 1)] if rest else _block(lines, i + 1)
        if block:
            values.append(block)
    return values


def report_date(lines: list[str]) -> str | None:
    """The meeting or report date: under a "Date:" label, else a line that is only a date."""
    for block in _labelled(lines, "date"):
        found = find_periods(block[0][1])
        if found and found[0].precision == "day":
            return found[0].iso
    for raw in lines:
        text = clean(raw)
        found = find_periods(text) if len(text) <= 40 else []
        if len(found) == 1 and found[0].precision == "day":
            rest = text[: found[0].begin] + text[found[0].stop :]
            if not _WEEKDAYS.sub("", rest).strip(" ,.-"):
                return found[0].iso
    return None


def report_title(lines: list[str]) -> str | None:
    """The report's subject, as its "Subject:" or "Title:" label gives it."""
    for block in _labelled(lines, "title"):
        if block[0][1]:
            return block[0][1]
    return None


def strip_dates(text: str) -> str:
    """Text cut at its first date ("Cabinet, 23 April 2010" -> "Cabinet"), punctuation trimmed."""
    periods = find_periods(text)
    if periods:
        text = text[: periods[0].begin]
    return text.strip(" ,;:-\u2013")


def report_committee(lines: list[str]) -> str | None:
    """The meeting the report goes to: a "Committee:"/"Report to:" label, else a title line
    such as "Cabinet Committee Report"."""
    for block in _labelled(lines, "committee"):
        value = strip_dates(block[0][1])
        if value:
            return value
    for raw in lines:
        text = clean(raw)
        m = _REPORT_TO.match(text)
        if m and strip_dates(m.group("c")):
            return strip_dates(m.group("c"))
        m = _COMMITTEE_REPORT.match(text.title() if text.isupper() else text)
        if m and len(m.group("c").split()) >= 2:
            return text[m.start("c") : m.end("c")]
    return None


def _is_place(place: str) -> bool:
    """Whether a name has a word that is not a kind of council or meeting, so names a place."""
    words = [w.lower() for w in place.split()]
    return any(w not in _NOT_PLACES for w in words)


def report_authority(lines: list[str]) -> str | None:
    """The council as printed: a line of its own ("City of X", "X City Council"),
    else the first such name in the text."""
    for raw in lines:
        text = clean(raw)
        if not text or len(text) > 70 or "\t" in raw.strip():
            continue
        shape = text.title() if text.isupper() else text  # "X CITY COUNCIL" in capitals
        m = _AUTHORITY_OF.match(shape) or _AUTHORITY_COUNCIL.match(shape)
        if m and _is_place(m.group("place")):
            return text
    for raw in lines:
        for m in _AUTHORITY_INLINE.finditer(clean(raw)):
            name = m.group(0)
            if _is_place(re.sub(r"\b(?:City|County|Borough|District|Council|of)\b", "", name)):
                return name
    return None


def _person(block: list[tuple[int, str]]) -> Person | None:
    """A person from a label's value: a name line and a post line, or "Name, Post"."""
    texts: list[tuple[int, str]] = []
    for n, text in block:
        contact = _CONTACT.search(text)
        text = text[: contact.start()].strip(" ,;:-\u2013") if contact else text
        if not text or text.endswith(":"):
            break
        texts.append((n, text))
    if not texts:
        return None
    line, first = texts[0]
    rest = [t for _, t in texts[1:]]
    named = [(n, t) for n, t in texts[1:] if _NAME.match(t) and not _POST_WORDS.search(t)]
    if _POST_WORDS.search(first) and named:  # the post printed above the name
        return Person(named[0][1], first, line=named[0][0])
    parts = re.split(r",\s*|\s[-\u2013]\s", first, maxsplit=1)
    if len(parts) == 2 and _NAME.match(parts[0]) and not _POST_WORDS.search(parts[0]):
        return Person(parts[0], " ".join([parts[1], *rest]).strip() or None, line=line)
    if _NAME.match(first) and not _POST_WORDS.search(first):
        posts = [t for t in rest if _POST_WORDS.search(t)]
        return Person(first, " ".join(posts) or None, line=line)
    if _POST_WORDS.search(first):
        return Person(None, " ".join([first, *rest]), line=line)
    return None


def first_person(lines: list[str], label: str) -> Person | None:
    """The person the first readable value of a label ("Report Author:") names."""
    for block in _labelled(lines, label):
        person = _person(block)
        if person is not None:
            return person
    return None
