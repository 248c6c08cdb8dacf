"""One way to understand every name a user types, for every command and API function.

An authority by any name printed for it, its official codes (LA number such as 213, GSS code
such as E09000033, older codes of its register entries) or its slug; a service by notation,
preferred, alternative or hidden label; a recommendation by IRI, the end of one, or its number.
A name that means nothing is refused (exit 2 in the CLI) with what the user may have meant,
never passed on to a query that would quietly answer nothing, or everything.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import InspectKGError, QueryError
from ..queries import Query, run_internal
from .authorities import default_register, name_key
from .services import Concept, scheme
from .store import Store


class UnknownName(QueryError):
    """A name the user typed that names nothing: a usage error (exit code 2)."""

    exit_code = 2


@dataclass(frozen=True)
class AuthorityMatch:
    """An authority of the store that a user's text names."""

    iri: str
    name: str

    @property
    def slug(self) -> str:
        return self.iri.rstrip("/").rsplit("/", 1)[-1]


def _fold(text: str) -> str:
    """Case, hyphens, underscores and runs of space do not matter in a typed name."""
    return " ".join(re.sub(r"[-_]+", " ", text).casefold().split())


def _hint(text: str, options: dict[str, str], cutoff: float = 0.7) -> str:
    """'did you mean X or Y?' from the closest options (folded form -> what to show)."""
    close = difflib.get_close_matches(_fold(text), list(options), n=6, cutoff=cutoff)
    shown = list(dict.fromkeys(options[c] for c in close))[:3]
    return f"did you mean {' or '.join(repr(s) for s in shown)}?" if shown else ""


def _authority_table(store: Store) -> list[dict[str, str | None]]:
    return run_internal(store, "authority-names")


def authority(store: Store, text: str) -> AuthorityMatch:
    """The store's authority that ``text`` names; `UnknownName` (with suggestions) if none."""
    rows = _authority_table(store)
    prefs = {r["authority"] or "": r["prefLabel"] or "" for r in rows}
    if not prefs:
        raise InspectKGError(
            f"{store.location}: the store holds no reports yet (run `inspectkg build`)"
        )
    wanted = _fold(text)
    found = {r["authority"] for r in rows if _fold(r["name"] or "") == wanted}
    found |= {iri for iri in prefs if _fold(iri.rstrip("/").rsplit("/", 1)[-1]) == wanted}
    key = name_key(text)
    if not found and key:
        found = {r["authority"] for r in rows
                 if r["kind"] == "name" and name_key(r["name"] or "") == key}
    register = default_register()
    in_register = register.candidates(text) or [
        row for row in register.rows
        if wanted in (row.la_number.casefold(), (row.gss_code or "").casefold())
    ]
    if not found and in_register:
        slugs = {register.slug_of(row) for row in in_register}
        found = {iri for iri in prefs if iri.rstrip("/").rsplit("/", 1)[-1] in slugs}
    found.discard(None)
    if len(found) == 1:
        (iri,) = found
        return AuthorityMatch(iri, prefs[iri])
    names = ", ".join(sorted(set(prefs.values())))
    if len(found) > 1:
        options = " or ".join(sorted(prefs[i] for i in found))
        raise UnknownName(f"authority {text!r} is ambiguous: it may be {options}")
    if in_register:
        row = in_register[0]
        raise UnknownName(
            f"authority {text!r} ({row.name}, LA {row.la_number}) is in the register, but no "
            f"report about it is in the store (authorities in the store: {names})"
        )
    options = {_fold(r["name"] or ""): r["prefLabel"] or "" for r in rows if r["kind"] == "name"}
    hint = _hint(text, options)
    raise UnknownName(
        f"no authority named {text!r} in the store ({hint + ' ' if hint else ''}"
        f"authorities: {names}; a name, an LA number such as 213 or a GSS code also work)"
    )


def service(text: str) -> Concept:
    """The service concept ``text`` names: its notation or id first, then its preferred,
    alternative and hidden labels; `UnknownName` (with suggestions) if none, or if the first
    kind of name that matches names several concepts."""
    concepts = scheme().concepts
    wanted = _fold(text)
    tiers = [
        lambda c: (c.id, c.notation or c.id),
        lambda c: (c.pref_label,),
        lambda c: c.alt_labels,
        lambda c: c.hidden_labels,
    ]
    for names_of in tiers:
        found = [c for c in concepts.values() if wanted in {_fold(n) for n in names_of(c)}]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            options = " or ".join(c.id for c in found)
            raise UnknownName(f"service {text!r} is ambiguous: it may be {options}")
    options = {_fold(n): n for c in concepts.values() for n in (c.id, *c.labels)}
    hint = _hint(text, options, cutoff=0.6)
    raise UnknownName(
        f"no service named {text!r} ({hint + ' ' if hint else ''}give a notation or label, "
        "e.g. special-educational-needs, SEN or attendance; `inspectkg services` lists them)"
    )


_IRI = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class RecommendationMatch:
    """A recommendation a user's text names, with its report and authority."""

    iri: str
    number: str
    report_label: str
    authority: AuthorityMatch


def recommendations(
    store: Store, text: str, authority_name: str | None = None
) -> list[RecommendationMatch]:
    """Every recommendation an IRI, the end of one or a number names (of one authority if
    given); `UnknownName` if none."""
    auth = authority(store, authority_name) if authority_name else None
    given = {"authority": auth.name if auth else None}
    rows = []
    if _IRI.match(text.strip()):  # a whole IRI is looked up, not searched for
        rows = run_internal(store, "recommendation-by-iri", {"item": text.strip(), **given})
    if not rows:
        rows = run_internal(store, "find-recommendation",
                            {"recommendation": text.strip(), **given})
    found: dict[str, RecommendationMatch] = {}
    for r in rows:
        iri = r["item"] or ""
        if auth is not None and r["authorityIri"] != auth.iri:
            continue
        found.setdefault(iri, RecommendationMatch(
            iri, r["number"] or iri.rsplit("/", 1)[-1], r["reportLabel"] or "",
            AuthorityMatch(r["authorityIri"] or "", r["authorityName"] or ""),
        ))
    if not found:
        where = f" of {auth.name}" if auth else ""
        raise UnknownName(
            f"no recommendation {text!r}{where} in the store; give its IRI, the end of it "
            "(e.g. westminster-2002-lea-inspection/recommendation/1) or its number"
        )
    return list(found.values())


def recommendation(
    store: Store, text: str, authority_name: str | None = None
) -> RecommendationMatch:
    """The one recommendation ``text`` names; `UnknownName` if none or several."""
    found = recommendations(store, text, authority_name)
    if len(found) > 1:
        options = "; ".join(sorted(m.iri.rsplit("report/", 1)[-1] for m in found))
        raise UnknownName(
            f"recommendation {text!r} is ambiguous, it may be: {options} "
            f"(give one of these{'' if authority_name else ', or --authority'})"
        )
    return found[0]


def params(store: Store, query: Query, given: Mapping[str, str]) -> dict[str, str]:
    """A query's parameters with each name the user typed resolved: ``authority`` to the
    authority's preferred label, ``service`` to the concept's notation, an IRI-typed
    ``recommendation`` checked to be in the store. Other parameters are left as given."""
    declared = {p.name: p for p in query.params}
    out = dict(given)
    for name, value in given.items():
        p = declared.get(name)
        if p is None:
            continue
        if name == "authority" and p.type == "literal":
            out[name] = authority(store, value).name
        elif name == "service" and p.type == "literal":
            c = service(value)
            out[name] = c.notation or c.id
        elif name == "recommendation":
            out[name] = value if p.type == "literal" else recommendation(store, value).iri
    return out
