"""Which service concepts a piece of report text is about, and how that was found.

How a classification is made, most reliable first (`METHODS`):
- ``subject``: the thing a judgement grades ("The provision for pupils with learning ...");
- ``aim``: a recommendation's "In order to ..." (or an action's objective);
- ``heading``: the heading the item sits under (or an action plan's summary title);
- ``recommendation``: for an action, the recommendation it addresses;
- ``wording``: the item's own text;
- ``section``: the report section, used only when nothing else names a service.

A word that names a function only as a whole heading ("Funding", "Partnership") is an
``ikg:headingLabel`` and counts only as a heading or section. Order: the strongest method first;
then concepts found by more methods; then functions before the cross-cutting management concepts
(planning, funding ...: those whose only outcome is service management); then narrower before
broader; a broader concept found no more reliably than a narrower one is left out (skos:broader
implies it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .matching import stem, tokenize
from .scheme import ServiceScheme, scheme

METHODS: tuple[str, ...] = ("subject", "aim", "heading", "recommendation", "wording", "section")
_METHOD_RANK = {m: i for i, m in enumerate(METHODS)}


@dataclass(frozen=True)
class Classification:
    """One concept an item is about, how that was found, and the words that show why."""

    concept: str
    method: str
    evidence: str


# Words that open headings without naming anything ("Section 5:", "Support for", "The LEA's").
_HEADING_OPENERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(stem(w) for w in p.split())
    for p in (
        "summary of effectiveness of",
        "summary of effectiveness in",
        "the effectiveness of",
        "introduction to",
        "support for",
        "support to",
        "provision for",
        "provision of",
        "the",
        "lea",
        "section",
    )
)
_NUMERAL = re.compile(r"\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten")


def _heading_core(text: str) -> tuple[str, ...]:
    """A heading's stems without the generic words it opens with."""
    stems = tuple(t for t, _, _ in tokenize(text))
    while stems:
        opener = next(
            (o for o in _HEADING_OPENERS if len(stems) > len(o) and stems[: len(o)] == o), None
        )
        if opener is None:
            break
        stems = stems[len(opener) :]
        if opener == ("section",) and len(stems) > 1 and _NUMERAL.fullmatch(stems[0]):
            stems = stems[1:]
    return stems


@dataclass
class _Found:
    """What one source said about one concept."""

    hits: int
    first: int
    words: list[str]


def _find(text: str, *, headingish: bool) -> dict[str, _Found]:
    """Concepts named in one source text, with where and how often."""
    sch = scheme()
    found: dict[str, _Found] = {}
    for m in sch.find_services(text):
        f = found.setdefault(m.key, _Found(0, m.start, []))
        f.hits += 1
        if m.text not in f.words:
            f.words.append(m.text)
    if headingish:
        for cid in sch.heading_concepts(_heading_core(text)):
            found.setdefault(cid, _Found(1, 0, [" ".join(text.split())]))
    return found


def _rank(
    per_method: dict[str, dict[str, _Found]], extra: Sequence[Classification] = ()
) -> list[Classification]:
    """Merge what each source found into one ordered, deduplicated list."""
    sch = scheme()
    methods_of, extra_evidence = _by_concept(sch, per_method, extra)
    best = {cid: min(found, key=lambda m: _METHOD_RANK[m]) for cid, found in methods_of.items()}
    # A broader concept adds nothing when a narrower one was found as reliably.
    keep = [
        cid
        for cid in methods_of
        if not any(
            cid in sch.ancestors(other) and _METHOD_RANK[best[other]] <= _METHOD_RANK[best[cid]]
            for other in methods_of
        )
    ]

    def order(cid: str) -> tuple[Any, ...]:
        """Strongest method, then more methods, functions, narrower, more hits, earlier."""
        f = methods_of[cid][best[cid]]
        return (
            _METHOD_RANK[best[cid]],
            -len(methods_of[cid]),
            sch.is_cross_cutting(cid),
            bool(sch.narrower(cid)),
            -f.hits,
            f.first,
            cid,
        )

    out: list[Classification] = []
    for cid in sorted(keep, key=order):
        given = extra_evidence.get(cid)
        if given is not None and given.method == best[cid]:
            out.append(given)
        else:
            out.append(Classification(cid, best[cid], "; ".join(methods_of[cid][best[cid]].words)))
    return out


def _by_concept(
    sch: ServiceScheme, per_method: dict[str, dict[str, _Found]], extra: Sequence[Classification]
) -> tuple[dict[str, dict[str, _Found]], dict[str, Classification]]:
    """For each concept, what each method found; and the first classification given from outside
    (an action's recommendation), so its evidence can be kept as given."""
    methods_of: dict[str, dict[str, _Found]] = {}
    for method, found in per_method.items():
        for cid, f in found.items():
            methods_of.setdefault(cid, {})[method] = f
    extra_evidence: dict[str, Classification] = {}
    for c in extra:
        if c.concept in sch.concepts:
            methods_of.setdefault(c.concept, {}).setdefault(c.method, _Found(1, 0, [c.evidence]))
            extra_evidence.setdefault(c.concept, c)
    return methods_of, extra_evidence


def _related(sch: ServiceScheme, a: str, b: str) -> bool:
    """The same concept, or one above the other."""
    return a == b or a in sch.ancestors(b) or b in sch.ancestors(a)


def _merge(into: dict[str, _Found], found: dict[str, _Found]) -> None:
    """Add one source's findings to what the same method found in another source."""
    for cid, f in found.items():
        prev = into.get(cid)
        if prev is None:
            into[cid] = f
        else:
            prev.hits += f.hits
            prev.words.extend(w for w in f.words if w not in prev.words)


def classify_sources(
    sources: Sequence[tuple[str, str | None]],
    section: str | None = None,
    extra: Sequence[Classification] = (),
    *,
    heading_must_agree_with_aim: bool = False,
) -> list[Classification]:
    """Classify an item from its (method, text) sources, falling back to its section."""
    per_method: dict[str, dict[str, _Found]] = {}
    for method, text in sources:
        if not text or not text.strip():
            continue
        found = _find(text, headingish=method in ("heading", "section"))
        if found:
            _merge(per_method.setdefault(method, {}), found)
    if heading_must_agree_with_aim and per_method.get("aim") and "heading" in per_method:
        # The aim says what a recommendation is for; a heading naming another function is only
        # where the block sits (reports that gather recommendations at the end of a section).
        sch = scheme()
        aims = per_method["aim"]
        per_method["heading"] = {
            cid: f
            for cid, f in per_method["heading"].items()
            if any(_related(sch, cid, a) for a in aims)
        }
    if not any(per_method.values()) and not extra and section:
        per_method["section"] = _find(section, headingish=True)
    return _rank(per_method, extra)


def classify(
    text: str | None = None,
    *,
    heading: str | None = None,
    aim: str | None = None,
    subject: str | None = None,
    section: str | None = None,
) -> list[Classification]:
    """The service concepts a text is about, most reliable first, one entry per concept.

    ``section`` is only a fallback: it is used when subject, aim, heading and wording name
    nothing (a judgement under the heading "Value for money" in the SEN section).
    """
    return classify_sources(
        [("subject", subject), ("aim", aim), ("heading", heading), ("wording", text)], section
    )
