"""The head and foot of an APA letter: title, date, council, addressee and signatories.

The title names the assessment and the council ("... IN <X>"), the address block and the
salutation name the director the letter is sent to, and the sign-off names the inspectors who
wrote it. Names printed in capitals are put in ordinary case.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..records import Person
from ..text import clean, squash
from .lines import top

APA = re.compile(r"annual\s+performance\s+assessment", re.IGNORECASE)
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATES = (
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        rf"\b{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(r"^\s*(?P<day>\d{1,2})[/.](?P<num>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\s*$"),
)
_YEAR = re.compile(r"\b(20\d\d)\b")
_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof(?:essor)?|Sir|Dame|Cllr|Councillor|Rev(?:erend)?)\.?"
SALUTATION = re.compile(rf"^\s*Dear\s+(?:{_HONORIFIC}\s+)?(?P<name>.+?)\s*[,:]?\s*$")
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z'’\-]+$")
_POST_NAMES = (
    r"director|manager|inspector|chief|head|executive|officer|commissioner|assistant|deputy|"
    r"lead|hmi|secretary|chair|president|controller"
)
_POST_WORDS = re.compile(rf"\b(?:{_POST_NAMES})\b", re.IGNORECASE)
_ORGANISATION = re.compile(
    r"Office\s+for\s+Standards\s+in\s+Education(?:,?\s+Children['’]?s\s+Services\s+and\s+Skills)?"
    r"|\bOfsted\b|Commission\s+for\s+Social\s+Care\s+Inspection|\bCSCI\b|Audit\s+Commission"
    r"|Healthcare\s+Commission|Her\s+Majesty['’]?s\s+Inspectorate[\w ]*",
    re.IGNORECASE,
)
_COUNCIL = re.compile(
    r"(?:(?:the\s+)?(?:London|Royal|Metropolitan)\s+Borough\s+of\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*"
    r"|(?:[A-Z][\w'’\-]*\s+){1,4}(?:City|County|Borough|District|Metropolitan\s+Borough)?\s*Council"
    r"|City\s+of\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*\s+Council)"
)
_SMALL_WORDS = {"of", "and", "the", "upon", "on", "in", "under", "by", "le", "with"}
SIGN_OFF = re.compile(r"^\W*yours\s+(?:sincerely|faithfully|truly)\b", re.IGNORECASE)
_OFSTED = re.compile(r"ofsted|office\s+for\s+standards\s+in\s+education", re.IGNORECASE)
_GENERIC_GREETINGS = frozenset(
    {"colleague", "colleagues", "sir", "madam", "sir/madam", "sir or madam"}
)
# Failing a usable salutation: the capitalised words after an honorific that opens a line.
_HONORIFIC_LED = (
    rf"^{_HONORIFIC}\s+(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,2}}?)"
    rf"(?=\s+(?i:{_POST_NAMES}|corporate|strategic|interim|acting)\b|\s*$)"
)
_POST_END = re.compile(
    r"\b(?:Services|Service|Officer|Education|Learning|Families|Director|Manager|Executive)\b\s*"
)


def publisher(text: str) -> str | None:
    """The publisher: Ofsted where the letter names it (it signs every APA letter), else None."""
    return "Ofsted" if _OFSTED.search(text) else None


def iso_date(text: str) -> str | None:
    """The first date a line prints ("3 November 2006", "November 3, 2006", "03/11/2006")."""
    for rx in _DATES:
        m = rx.search(text)
        if not m:
            continue
        month = int(m.group("num")) if "num" in rx.groupindex else _month(m.group("month"))
        try:
            return date(int(m.group("year")), month, int(m.group("day"))).isoformat()
        except ValueError:
            continue
    return None


def _month(word: str) -> int:
    """A month's number from its name or abbreviation."""
    return _MONTH_NAMES.index(word.lower()[:3]) + 1


def letter_title(lines: list[str]) -> tuple[str | None, int | None]:
    """The title line(s) that name the assessment and the council, and the first line number."""
    for i, raw in enumerate(lines[: top(lines)]):
        text = clean(raw)
        if APA.search(text) and len(text.split()) <= 30 and not text.endswith("."):
            parts = [text]
            j = i + 1
            while j < len(lines) and lines[j].strip() and len(parts) < 3:
                nxt = clean(lines[j])
                if nxt.endswith(".") or len(nxt.split()) > 15:
                    break
                parts.append(nxt)
                j += 1
            return " ".join(parts), i + 1
    return None, None


def assessment_year(title: str | None, text: str, letter_date: str | None) -> int | None:
    """The APA year: from the title, else from "the <year> annual performance assessment"."""
    m = _YEAR.search(title or "")
    if m is None:
        m = re.search(r"\b(20\d\d)\s+annual\s+performance\s+assessment", text, re.IGNORECASE)
    if m is not None:
        return int(m.group(1))
    return int(letter_date[:4]) if letter_date else None


def authority_in_title(title: str) -> str | None:
    """The council the title names: "... IN <X> [2007]" or "... OF <X>'S ... SERVICES"."""
    tail = APA.split(title, maxsplit=1)[-1]
    m = re.search(
        r"\b(?:in|for)\s+(?P<name>(?:(?!\bin\b).)+?)\s*(?:[-–,(]?\s*(?:19|20)\d\d\)?)?\W*$",
        tail,
        re.I,
    )
    if m is None:
        m = re.search(r"\bof\s+(?P<name>.+?)['’]s\s+\w", tail, re.IGNORECASE)
    if m is None:
        return None
    name = re.sub(r"^\s*the\s+", "", m.group("name"), flags=re.IGNORECASE).strip(" .,:;-–")
    name = re.sub(r"\s+(?:19|20)\d\d$", "", name)
    if not name or re.fullmatch(r"(?i)services?.*|children.*", name):
        return None
    return name


def as_printed(name: str, text: str) -> str:
    """The council's name in the letter's own mixed case when it prints one, else title case."""
    if not name.isupper():
        return name
    rx = re.compile(r"\s+".join(re.escape(w) for w in name.split()), re.IGNORECASE)
    for m in rx.finditer(text):
        if not m.group(0).isupper():
            return squash(m.group(0))
    return _title_case(name)


def _title_case(name: str) -> str:
    """A capitalised place name in title case, small words ("upon", "of") kept lower-case."""
    words = []
    for i, word in enumerate(name.lower().split()):
        parts = word.split("-")
        parts = [
            p if (p in _SMALL_WORDS and (i or k)) else p[:1].upper() + p[1:]
            for k, p in enumerate(parts)
        ]
        words.append("-".join(parts))
    return " ".join(words)


def _person_name(name: str) -> str:
    """A person's name as written, with an all-capitals name put in ordinary case."""
    name = squash(name).strip(" ,.")
    if not name.isupper():
        return name
    out = []
    for word in name.lower().split():
        word = re.sub(r"(^mc|^|[-'’])(\w)", lambda m: m.group(1).title() + m.group(2).upper(), word)
        out.append(word)
    return " ".join(out)


def read_addressee(lines: list[str], authority: str | None) -> Person | None:
    """The director the letter is addressed to: the address-block line that holds the name the
    salutation uses ("Dear Ms Jones"), or else the line that opens with an honorific."""
    salutation = next(
        (
            (i, m)
            for i, raw in enumerate(lines[: top(lines)])
            if (m := SALUTATION.match(clean(raw)))
        ),
        None,
    )
    if salutation is None:
        return None
    at, m = salutation
    greeting = clean(m.group("name"))
    block = [j for j in range(max(0, at - 15), at) if lines[j].strip()]
    name_rx = _named(greeting.split()[-1])
    if _POST_WORDS.search(greeting) or greeting.lower() in _GENERIC_GREETINGS:
        name_rx = _HONORIFIC_LED
    for j in block:
        found = re.search(name_rx, clean(lines[j]))
        if found:
            return _person_from_address(lines, j, found, authority)
    return Person(name=greeting, line=at + 1)


def _named(surname: str) -> str:
    """The addressee's name in the address block: given names, then the salutation's surname."""
    return rf"(?:{_HONORIFIC}\s+)?(?P<name>(?:[A-Z][\w'’.\-]*\s+){{0,3}}{re.escape(surname)})\b"


def _person_from_address(
    lines: list[str], j: int, found: re.Match[str], authority: str | None
) -> Person:
    """The person whose name `found` matched on line j, with the post and council after it."""
    line = clean(lines[j])
    rest = line[found.end() :].strip(" ,")
    if not rest:  # the post and the council on the lines below
        below = [clean(x) for x in lines[j + 1 : j + 4] if x.strip()]
        rest = " ".join(below[:2])
    post, organisation = _split_post(rest, authority)
    name = _person_name(found.group("name"))
    return Person(name=name, post=post, organisation=organisation, line=j + 1)


def _split_post(rest: str, authority: str | None) -> tuple[str | None, str | None]:
    """Split "Director of Children's Services <Council> <street> ..." into post and council."""
    m = None
    if authority:
        rx = r"\s+".join(re.escape(w) for w in authority.split())
        m = re.search(rf"(?:the\s+)?{rx}", rest, re.IGNORECASE)
    if m is None:
        m = _COUNCIL.search(rest)
        # the capitalised run may have taken in the end of the post: "... Children's Services"
        ends = list(_POST_END.finditer(m.group(0))) if m else []
        if m is not None and ends:
            start = m.start() + ends[-1].end()
            return rest[:start].strip(" ,") or None, rest[start : m.end()].strip(" ,") or None
    if m is None:
        return (rest.strip(" ,") or None), None
    return rest[: m.start()].strip(" ,") or None, squash(m.group(0)).strip(" ,")


def read_signatories(lines: list[str]) -> list[Person]:
    """Signatories after "Yours sincerely": a name line, then a post line naming the body.

    A scrawled signature ("F.Hadny") or a stray phrase is neither a name nor a post and is
    skipped; a name in capitals is put in ordinary case.
    """
    start = max((i for i, raw in enumerate(lines) if SIGN_OFF.match(raw)), default=None)
    if start is None:
        return []
    people: list[Person] = []
    pending: tuple[str, int] | None = None
    for i in range(start + 1, len(lines)):
        text = clean(lines[i])
        if not text:
            continue
        combined = re.match(
            r"^(?P<name>[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){1,3})\s+(?P<role>.*[a-z].*)$", text
        )
        if combined and _POST_WORDS.search(combined.group("role")):
            people.append(_signatory(combined.group("name"), combined.group("role"), i + 1))
            pending = None
        elif _is_name(text):
            pending = (text, i + 1)
        elif pending and (_POST_WORDS.search(text) or _ORGANISATION.search(text)):
            people.append(_signatory(pending[0], text, pending[1]))
            pending = None
        elif (
            people and people[-1].organisation is None and _ORGANISATION.fullmatch(text.strip(" ,"))
        ):
            people[-1] = replace(people[-1], organisation=text.strip(" ,"))
    return people


def _is_name(text: str) -> bool:
    """A line of two to four capitalised words that name no post or body: a signatory's name."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.match(w) for w in words)
        and not _POST_WORDS.search(text)
        and not _ORGANISATION.search(text)
    )


def _signatory(name: str, role: str, line: int) -> Person:
    """A signatory with the inspectorate their role names split off as the organisation."""
    m = _ORGANISATION.search(role)
    if m is None:
        return Person(name=_person_name(name), post=role.strip(" ,") or None, line=line)
    post = (role[: m.start()] + " " + role[m.end() :]).strip(" ,-–")
    return Person(
        name=_person_name(name), post=squash(post) or None, organisation=m.group(0), line=line
    )
