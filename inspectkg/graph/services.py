"""Classify report items to the service concepts of ``ontology/services.ttl``.

Why: tracing a 2002 recommendation to 2006 judgements and 2010 actions needs one shared answer to
"which function of the authority is this about?". The wordings live in the SKOS labels, not here:
this module only knows how to match them, so growing the scheme needs no code change.

How a classification is made, most reliable first (`METHODS`):
- ``subject``: the thing a judgement grades ("The provision for pupils with learning ...");
- ``aim``: a recommendation's "In order to ..." (or an action's objective);
- ``heading``: the heading the item sits under (or an action plan's summary title);
- ``recommendation``: for an action, the recommendation it addresses;
- ``wording``: the item's own text;
- ``section``: the report section, used only when nothing else names a service.

Matching favours precision: whole words and phrases, case-insensitive, with plural tolerance; a
phrase inside a longer one found is dropped ("school place" in "no school place"); a phrase never
runs across a full stop or bracket, nor across a comma its label lacks; a word that names a
function only as a whole heading ("Funding", "Partnership") is an ``ikg:headingLabel`` and counts
only as a heading or section. A recommendation's heading counts only where it agrees with its aim
(reports that gather recommendations at the end of a section put them under the wrong heading).

Order: the strongest method first; then concepts found by more methods; then functions before the
cross-cutting management concepts (planning, funding ...: those whose only outcome is service
management); then narrower before broader; a broader concept found no more reliably than a
narrower one is left out (skos:broader implies it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..ontology.namespaces import IKG, OUTCOME, SCHEME, SERVICE, SKOS, ontology_file

METHODS: tuple[str, ...] = ("subject", "aim", "heading", "recommendation", "wording", "section")
_METHOD_RANK = {m: i for i, m in enumerate(METHODS)}

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CLASSIFIED_ATTR = "_inspectkg_classifications"

# ---------------------------------------------------------------------------------------------
# Text: tokens with light stemming, shared with the grade and status look-ups.
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][sS]\b)?|&")


def stem(word: str) -> str:
    """A lower-case word with its plural ending removed, so "exclusions" meets "exclusion"."""
    if re.fullmatch(r"[A-Z][A-Z0-9]+s", word):  # plural of an abbreviation: PRUs, SENCOs
        word = word[:-1]
    w = word.lower()
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("sses"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


_HARD_BREAK = re.compile(r"[.;:!?()\[\]\n]")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) for each word of the text; "&" counts as "and"."""
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        out.append(("and" if raw == "&" else stem(raw), m.start(), m.end()))
    return out


def boundaries(text: str, toks: Sequence[tuple[str, int, int]]) -> list[int]:
    """What separates each word from the one before it: 0 space, 1 comma, 2 a stop or bracket.

    A phrase must not run across a stop, nor across a comma its label does not have, so
    "(school, governors, contractor)" does not read as "school governors".
    """
    out = [0]
    for (_, _, prev_end), (_, start, _) in zip(toks, toks[1:], strict=False):
        gap = text[prev_end:start]
        out.append(2 if _HARD_BREAK.search(gap) else 1 if "," in gap else 0)
    return out


def _closed_up(label: str) -> str | None:
    """The label with its hyphens closed up ("under-performing" -> "underperforming")."""
    return re.sub(r"(?<=\w)-(?=\w)", "", label) if re.search(r"\w-\w", label) else None


def label_forms(label: str) -> set[tuple[str, ...]]:
    """The stem sequences a label matches: as written, and with its hyphens closed up."""
    variants = [label, _closed_up(label)]
    forms = {tuple(t for t, _, _ in tokenize(v)) for v in variants if v}
    return {f for f in forms if f}


@dataclass(frozen=True)
class Match:
    """One label found in a text: which key it names, where, and the words as written."""

    key: str
    start: int  # first token index
    end: int  # one past the last token index
    text: str  # the matched words, verbatim


class PhraseMatcher:
    """Finds labels (stem sequences) in texts; a phrase inside a longer one found is dropped."""

    def __init__(self, labels: Iterable[tuple[str, str]]) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], tuple[int, ...], str]]] = {}
        best: dict[tuple[tuple[str, ...], str], tuple[int, ...]] = {}
        for key, label in labels:
            for variant in (label, _closed_up(label)):
                if not variant:
                    continue
                toks = tokenize(variant)
                form = tuple(t for t, _, _ in toks)
                if not form:
                    continue
                seps = tuple(boundaries(variant, toks))
                old = best.get((form, key))
                # The same words may be written with and without commas: allow the most.
                best[(form, key)] = seps if old is None else tuple(map(max, old, seps))
        for (form, key), seps in best.items():
            self._index.setdefault(form[0], []).append((form, seps, key))
        for entries in self._index.values():
            entries.sort(key=lambda e: (-len(e[0]), e[0], e[2]))

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in text order."""
        toks = tokenize(text)
        stems = [t for t, _, _ in toks]
        seps = boundaries(text, toks)
        candidates: list[Match] = []
        for i, s in enumerate(stems):
            for form, label_seps, key in self._index.get(s, ()):
                n = len(form)
                if tuple(stems[i : i + n]) != form:
                    continue
                if any(seps[i + k] > label_seps[k] for k in range(1, n)):
                    continue
                words = text[toks[i][1] : toks[i + n - 1][2]]
                candidates.append(Match(key, i, i + n, words))
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start, m.key))
        taken: list[Match] = []
        for m in candidates:
            if any(k.start <= m.start and m.end <= k.end for k in taken):
                continue  # inside a longer phrase: "school place" in "no school place"
            taken.append(m)
        return sorted(taken, key=lambda m: (m.start, m.key))


# ---------------------------------------------------------------------------------------------
# The scheme, read once from Turtle.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    """A service (or outcome) concept as plain data."""

    id: str
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    heading_labels: tuple[str, ...] = ()
    definition: str | None = None
    notation: str | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that names the concept anywhere in a text."""
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)


@dataclass(frozen=True)
class Classification:
    """One concept an item is about, how that was found, and the words that show why."""

    concept: str
    method: str
    evidence: str


@dataclass
class ServiceScheme:
    """The service concepts and outcome concepts, with the matchers built from their labels."""

    concepts: dict[str, Concept]
    outcome_concepts: dict[str, Concept]
    _matcher: PhraseMatcher = field(repr=False)
    _heading_labels: dict[tuple[str, ...], list[str]] = field(repr=False)
    _outcome_matcher: PhraseMatcher = field(repr=False)
    _ancestors: dict[str, frozenset[str]] = field(repr=False)
    _narrower: dict[str, tuple[str, ...]] = field(repr=False)

    def iri(self, concept_id: str) -> str:
        """The IRI of a service concept."""
        return self.concepts[concept_id].iri

    def ancestors(self, concept_id: str) -> frozenset[str]:
        """Every broader concept, transitively."""
        return self._ancestors.get(concept_id, frozenset())

    def narrower(self, concept_id: str) -> tuple[str, ...]:
        """The concepts directly under this one."""
        return self._narrower.get(concept_id, ())

    def is_cross_cutting(self, concept_id: str) -> bool:
        """Management concepts (planning, funding ...) that are applied to other functions."""
        return self.concepts[concept_id].outcomes == ("service-management",)


def _literals(graph: dict[str, dict[str, list[Any]]], subject: str, prop: str) -> list[str]:
    return sorted(str(o.value) for o in graph.get(subject, {}).get(prop, []))


def _iris(graph: dict[str, dict[str, list[Any]]], subject: str, prop: str) -> list[str]:
    return sorted(
        o.value for o in graph.get(subject, {}).get(prop, []) if isinstance(o, ox.NamedNode)
    )


def read_graph(path: Path) -> dict[str, dict[str, list[Any]]]:
    """subject IRI -> predicate IRI -> objects, from a Turtle file (pyoxigraph: fast, strict)."""
    graph: dict[str, dict[str, list[Any]]] = {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if isinstance(quad.subject, ox.NamedNode):
            graph.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(
                quad.object
            )
    return graph


def concepts_in(
    graph: dict[str, dict[str, list[Any]]], scheme_iri: str, namespace: str
) -> dict[str, Concept]:
    """The skos:Concepts of one scheme, keyed by the slug after the namespace."""
    out: dict[str, Concept] = {}
    for s in sorted(graph):
        if str(SKOS.Concept) not in _iris(graph, s, _RDF_TYPE):
            continue
        if scheme_iri not in _iris(graph, s, str(SKOS.inScheme)):
            continue
        slug = s[len(namespace) :] if s.startswith(namespace) else s
        prefs = _literals(graph, s, str(SKOS.prefLabel))
        definitions = _literals(graph, s, str(SKOS.definition))
        notations = _literals(graph, s, str(SKOS.notation))
        out[slug] = Concept(
            id=slug,
            iri=s,
            pref_label=prefs[0] if prefs else slug,
            alt_labels=tuple(_literals(graph, s, str(SKOS.altLabel))),
            hidden_labels=tuple(_literals(graph, s, str(SKOS.hiddenLabel))),
            broader=tuple(
                b[len(namespace) :]
                for b in _iris(graph, s, str(SKOS.broader))
                if b.startswith(namespace)
            ),
            outcomes=tuple(
                o[len(str(OUTCOME)) :]
                for o in _iris(graph, s, str(IKG.ecmOutcome))
                if o.startswith(str(OUTCOME))
            ),
            heading_labels=tuple(_literals(graph, s, str(IKG.headingLabel))),
            definition=definitions[0] if definitions else None,
            notation=notations[0] if notations else None,
        )
    return out


def _ancestors_of(concepts: dict[str, Concept]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for cid in concepts:
        seen: set[str] = set()
        todo = list(concepts[cid].broader)
        while todo:
            b = todo.pop()
            if b in seen or b not in concepts:
                continue
            seen.add(b)
            todo.extend(concepts[b].broader)
        out[cid] = frozenset(seen)
    return out


@lru_cache(maxsize=1)
def scheme() -> ServiceScheme:
    """The service scheme and the outcome scheme, read once and cached."""
    services = concepts_in(
        read_graph(ontology_file("services.ttl")), str(SCHEME["services"]), str(SERVICE)
    )
    outcomes = concepts_in(
        read_graph(ontology_file("outcomes.ttl")), str(SCHEME["outcomes"]), str(OUTCOME)
    )
    heading_labels: dict[tuple[str, ...], list[str]] = {}
    for c in services.values():
        for label in c.heading_labels:
            for form in label_forms(label):
                heading_labels.setdefault(form, []).append(c.id)
    narrower: dict[str, list[str]] = {}
    for c in services.values():
        for b in c.broader:
            narrower.setdefault(b, []).append(c.id)
    return ServiceScheme(
        concepts=services,
        outcome_concepts=outcomes,
        _matcher=PhraseMatcher((c.id, label) for c in services.values() for label in c.labels),
        _heading_labels=heading_labels,
        _outcome_matcher=PhraseMatcher(
            (c.id, label) for c in outcomes.values() for label in (*c.labels, c.notation or c.id)
        ),
        _ancestors=_ancestors_of(services),
        _narrower={k: tuple(sorted(v)) for k, v in narrower.items()},
    )


# ---------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------

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
    stems = [t for t, _, _ in tokenize(text)]
    changed = True
    while stems and changed:
        changed = False
        for opener in _HEADING_OPENERS:
            if len(stems) > len(opener) and tuple(stems[: len(opener)]) == opener:
                stems = stems[len(opener) :]
                changed = True
                if opener == ("section",) and len(stems) > 1 and _NUMERAL.fullmatch(stems[0]):
                    stems = stems[1:]
                break
    return tuple(stems)


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
    for m in sch._matcher.find(text):
        f = found.setdefault(m.key, _Found(0, m.start, []))
        f.hits += 1
        if m.text not in f.words:
            f.words.append(m.text)
    if headingish:
        for cid in sch._heading_labels.get(_heading_core(text), ()):
            found.setdefault(cid, _Found(1, 0, [" ".join(text.split())]))
    return found


def _rank(
    per_method: dict[str, dict[str, _Found]], extra: Sequence[Classification] = ()
) -> list[Classification]:
    """Merge what each source found into one ordered, deduplicated list."""
    sch = scheme()
    methods_of: dict[str, dict[str, _Found]] = {}
    for method, found in per_method.items():
        for cid, f in found.items():
            methods_of.setdefault(cid, {})[method] = f
    extra_evidence: dict[str, Classification] = {}
    for c in extra:
        if c.concept in sch.concepts:
            methods_of.setdefault(c.concept, {}).setdefault(c.method, _Found(1, 0, [c.evidence]))
            extra_evidence.setdefault(c.concept, c)

    def strongest(cid: str) -> str:
        return min(methods_of[cid], key=lambda m: _METHOD_RANK[m])

    # A broader concept adds nothing when a narrower one was found as reliably.
    keep = [
        cid
        for cid in methods_of
        if not any(
            cid in sch.ancestors(other)
            and _METHOD_RANK[strongest(other)] <= _METHOD_RANK[strongest(cid)]
            for other in methods_of
        )
    ]

    def key(cid: str) -> tuple[Any, ...]:
        best = strongest(cid)
        f = methods_of[cid][best]
        return (
            _METHOD_RANK[best],
            -len(methods_of[cid]),
            sch.is_cross_cutting(cid),
            bool(sch.narrower(cid)),
            -f.hits,
            f.first,
            cid,
        )

    out: list[Classification] = []
    for cid in sorted(keep, key=key):
        best = strongest(cid)
        if cid in extra_evidence and extra_evidence[cid].method == best:
            out.append(extra_evidence[cid])
        else:
            out.append(Classification(cid, best, "; ".join(methods_of[cid][best].words)))
    return out


def _related(sch: ServiceScheme, a: str, b: str) -> bool:
    """The same concept, or one above the other."""
    return a == b or a in sch.ancestors(b) or b in sch.ancestors(a)


def _classify(
    sources: Sequence[tuple[str, str | None]],
    section: str | None = None,
    extra: Sequence[Classification] = (),
    *,
    heading_must_agree_with_aim: bool = False,
) -> list[Classification]:
    per_method: dict[str, dict[str, _Found]] = {}
    for method, text in sources:
        if not text or not text.strip():
            continue
        found = _find(text, headingish=method in ("heading", "section"))
        for cid, f in found.items():
            prev = per_method.setdefault(method, {}).get(cid)
            if prev is None:
                per_method[method][cid] = f
            else:
                prev.hits += f.hits
                prev.words.extend(w for w in f.words if w not in prev.words)
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
    return _classify(
        [("subject", subject), ("aim", aim), ("heading", heading), ("wording", text)], section
    )


def concept_iri(concept_id: str) -> str:
    """The IRI of a service concept, from its slug (KeyError for a slug not in the scheme)."""
    return scheme().concepts[concept_id].iri


def outcome_iri(outcome_id: str) -> str:
    """The IRI of an outcome concept, from its slug (KeyError for a slug not in the scheme)."""
    return scheme().outcome_concepts[outcome_id].iri


def _outcome_exact(label: str) -> str | None:
    """The outcome whose label is the whole of ``label``."""
    stems = tuple(t for t, _, _ in tokenize(label))
    for cid, c in scheme().outcome_concepts.items():
        for form_label in (*c.labels, c.notation or cid):
            if stems in label_forms(form_label):
                return cid
    return None


def outcome_for(label: str | None) -> str | None:
    """The outcome slug that an outcome heading or label names ("Be healthy" -> being-healthy).

    The whole label is tried first, then the longest outcome label inside it, so a long APA
    heading ("The council's management of its services ...") still finds its outcome.
    """
    if not label or not label.strip():
        return None
    exact = _outcome_exact(label)
    if exact:
        return exact
    matches = scheme()._outcome_matcher.find(label)
    if not matches:
        return None
    best = max(matches, key=lambda m: (m.end - m.start, -m.start))
    return best.key


# ---------------------------------------------------------------------------------------------
# Whole reports
# ---------------------------------------------------------------------------------------------


def _remember(record: Any, result: list[Classification]) -> list[Classification]:
    """Keep the classifications with the record (not a dataclass field: to_dict ignores it)."""
    try:
        object.__setattr__(record, _CLASSIFIED_ATTR, list(result))
    except (AttributeError, TypeError):  # slotted or frozen records: recomputed on demand
        pass
    return result


def _apply(record: Any, result: list[Classification]) -> None:
    """Fill ``services`` (and ``service`` where the record has it) from the classifications."""
    sch = scheme()
    ids = [c.concept for c in result]
    if hasattr(record, "services"):
        record.services = ids
    if hasattr(record, "service"):
        current = getattr(record, "service", None)
        if ids:
            record.service = ids[0]
        elif current not in sch.concepts:
            record.service = None
    _remember(record, result)


def _subject_of(record: Any) -> str | None:
    """A judgement's subject; a loader may have put the subject words in ``service``.

    Such words move to ``subject`` (where the record has it) before ``service`` gets a concept,
    so classifying the same report again gives the same answer.
    """
    subject = getattr(record, "subject", None)
    service = getattr(record, "service", None)
    if not subject and isinstance(service, str) and service not in scheme().concepts:
        if hasattr(record, "subject"):
            record.subject = service
        return service
    return subject


def _paragraph_context(record: Any, paragraphs: dict[int, Any]) -> tuple[str | None, str | None]:
    """(heading, section) of a record, from itself or from the paragraph it cites."""
    heading = getattr(record, "heading", None)
    section = getattr(record, "section", None)
    para = paragraphs.get(getattr(record, "paragraph", None) or -1)
    if para is not None:
        heading = heading or getattr(para, "heading", None)
        section = section or getattr(para, "section", None)
    return heading, section


def _classify_judgement(record: Any, paragraphs: dict[int, Any]) -> list[Classification]:
    heading, section = _paragraph_context(record, paragraphs)
    return classify(
        getattr(record, "quote", None),
        subject=_subject_of(record),
        heading=heading,
        section=section,
    )


def _classify_statement(record: Any, paragraphs: dict[int, Any]) -> list[Classification]:
    heading, section = _paragraph_context(record, paragraphs)
    text = getattr(record, "text", None) or getattr(record, "quote", None)
    return classify(text, heading=heading, section=section)


def _classify_lea_recommendation(record: Any) -> list[Classification]:
    locations = list(getattr(record, "locations", None) or [])
    heading = getattr(record, "heading", None) or next(
        (loc.heading for loc in locations if getattr(loc, "heading", None)), None
    )
    section = getattr(record, "section", None) or next(
        (loc.section for loc in locations if getattr(loc, "section", None)), None
    )
    aim = getattr(record, "aim", None) or next(
        (loc.aim for loc in locations if getattr(loc, "aim", None)), None
    )
    return _classify(
        [("aim", aim), ("heading", heading), ("wording", getattr(record, "text", None))],
        section,
        heading_must_agree_with_aim=True,
    )


def _plan_number_parts(number: str | None) -> list[str]:
    """ "4.2" -> ["4.2", "4"]: the recommendation and the group it belongs to."""
    if not number:
        return []
    number = str(number).strip().rstrip(".")
    parts = [number]
    if "." in number:
        parts.append(number.split(".", 1)[0])
    return parts


def _summary_titles(report: Any, number: str | None) -> str | None:
    """Titles of an action plan's summary sections that cite this recommendation (or its group)."""
    wanted = _plan_number_parts(number)
    titles = []
    for sec in getattr(report, "summary", None) or []:
        cited = {str(n).strip().rstrip(".") for n in getattr(sec, "recommendations", None) or []}
        if cited & set(wanted) and getattr(sec, "title", None):
            titles.append(sec.title)
    return "; ".join(titles) or None


def _classify_plan_recommendation(record: Any, report: Any) -> list[Classification]:
    return classify(
        getattr(record, "text", None),
        heading=_summary_titles(report, getattr(record, "number", None)),
    )


def _classify_action(
    record: Any, recs: dict[str, tuple[Any, list[Classification]]]
) -> list[Classification]:
    """An action's objective and text, plus the main concept of the recommendation it addresses."""
    extra: list[Classification] = []
    for number in _plan_number_parts(getattr(record, "recommendation", None)):
        if number in recs:
            rec_result = recs[number][1]
            if rec_result:
                top = rec_result[0]
                extra.append(
                    Classification(
                        top.concept, "recommendation", f"recommendation {number}: {top.evidence}"
                    )
                )
            break
    return _classify(
        [("aim", getattr(record, "objective", None)), ("wording", getattr(record, "action", None))],
        extra=extra,
    )


def _fill_apa_outcome(record: Any) -> None:
    """Give an APA item with no outcome the one its heading or "Outcome: text" prefix names."""
    if not hasattr(record, "outcome") or getattr(record, "outcome", None):
        return
    slug = None
    for cand in (getattr(record, "heading", None), getattr(record, "section", None)):
        slug = slug or outcome_for(cand)
    text = getattr(record, "text", None) or getattr(record, "quote", None) or ""
    if not slug and ":" in text:
        slug = _outcome_exact(text.split(":", 1)[0])
    if slug:
        record.outcome = scheme().outcome_concepts[slug].pref_label


def classify_report(report: Any) -> Any:
    """Fill ``services`` / ``service`` on every item of a report of any kind, in place.

    Items: recommendations, judgements, strengths, weaknesses, areas for improvement, future
    focus, references, plan recommendations and actions. Returns the same report.
    """
    paragraphs = {
        p.number: p for p in getattr(report, "paragraphs", None) or [] if hasattr(p, "number")
    }
    is_apa = getattr(report, "kind", None) == "apa_letter" or type(report).__name__ == "ApaLetter"
    is_plan = getattr(report, "kind", None) == "action_plan_progress" or hasattr(report, "actions")

    plan_recs: dict[str, tuple[Any, list[Classification]]] = {}
    for rec in getattr(report, "recommendations", None) or []:
        if is_plan:
            result = _classify_plan_recommendation(rec, report)
            plan_recs.setdefault(str(getattr(rec, "number", "")).strip().rstrip("."), (rec, result))
        else:
            result = _classify_lea_recommendation(rec)
        _apply(rec, result)

    for j in getattr(report, "judgements", None) or []:
        if is_apa:
            _fill_apa_outcome(j)
        _apply(j, _classify_judgement(j, paragraphs))

    for name in ("strengths", "weaknesses", "areas_for_improvement", "future_focus", "references"):
        for item in getattr(report, name, None) or []:
            if is_apa:
                _fill_apa_outcome(item)
            _apply(item, _classify_statement(item, paragraphs))

    previous = getattr(report, "previous_inspection", None)
    if previous is not None and hasattr(previous, "services"):
        _apply(previous, _classify_statement(previous, paragraphs))

    for action in getattr(report, "actions", None) or []:
        _apply(action, _classify_action(action, plan_recs))
    return report


def classifications_for(record: Any) -> list[Classification]:
    """How each of a record's services was found (method and evidence), for the graph mapping.

    After `classify_report` this is exactly what it decided (actions and plan recommendations
    included, with their report context); for a record never classified it is worked out from
    the record's own fields. Deterministic: the same record gives the same list.
    """
    stored = getattr(record, _CLASSIFIED_ATTR, None)
    if stored is not None:
        return list(stored)
    if hasattr(record, "quote") and hasattr(record, "grade"):
        return _classify_judgement(record, {})
    if hasattr(record, "aim") and hasattr(record, "locations"):
        return _classify_lea_recommendation(record)
    if hasattr(record, "objective"):
        return _classify_action(record, {})
    if hasattr(record, "area"):  # a row of an APA grade table: the area is what is graded
        return classify(subject=getattr(record, "area", None))
    return _classify_statement(record, {})


__all__ = [
    "METHODS",
    "Classification",
    "Concept",
    "PhraseMatcher",
    "ServiceScheme",
    "classifications_for",
    "classify",
    "concept_iri",
    "outcome_iri",
    "classify_report",
    "outcome_for",
    "scheme",
    "stem",
    "tokenize",
]
