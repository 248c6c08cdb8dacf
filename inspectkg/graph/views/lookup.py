"""What the user named: an authority, a service, a recommendation; each found in the store or
refused with one clear line (and, for a near miss, what they may have meant)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...errors import InspectKGError
from ..store import Store
from .fetch import Row, integer, rows


@dataclass(frozen=True)
class AuthorityRef:
    """An authority the store holds reports about."""

    iri: str
    name: str
    reports: int

    @property
    def slug(self) -> str:
        """A safe file-name part, whatever IRI a (remote) store holds."""
        return file_part(tail(self.iri, "authority/"))


@dataclass(frozen=True)
class RecommendationRef:
    """The recommendation a user asked for, with the report and authority it belongs to."""

    iri: str
    label: str
    authority: AuthorityRef

    @property
    def slug(self) -> str:
        return tail(self.iri, "report/")


def authorities(store: Store, name: str | None = None) -> list[AuthorityRef]:
    """Authorities in the store (the one named, if a name is given); a clear error for an empty
    store or an unknown name."""
    every = _unique(_authority(r) for r in rows(store, "authorities"))
    if not every:
        raise InspectKGError(
            f"{store.location}: the store holds no reports yet (run `inspectkg build`)"
        )
    if name is None:
        return every
    found = _unique(_authority(r) for r in rows(store, "authorities", {"authority": name}))
    if found:
        return found
    known = [a.name for a in every]
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.7)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise InspectKGError(
        f"no authority named {name!r} in the store ({hint}authorities: {', '.join(known)})"
    )


def service_label(store: Store, service: str) -> str:
    """The preferred label of the service a user names; a clear error (with suggestions) if none."""
    names: dict[str, tuple[str, str]] = {}
    for r in rows(store, "services"):
        names.setdefault((r["name"] or "").lower(), (r["name"] or "", r["serviceLabel"] or ""))
    if service.lower() in names:
        return names[service.lower()][1]
    close = difflib.get_close_matches(service.lower(), list(names), n=3, cutoff=0.6)
    hint = f" (did you mean {' or '.join(repr(names[c][0]) for c in close)}?)" if close else ""
    raise InspectKGError(
        f"no service named {service!r}{hint}; give a service notation or label, "
        "e.g. special-educational-needs, SEN or attendance"
    )


def find_recommendation(
    store: Store, ident: str, authority: str | None = None
) -> RecommendationRef:
    """The one recommendation an IRI, the end of one or a number names; else a clear error."""
    found = rows(store, "find-recommendation", {"recommendation": ident, "authority": authority})
    by_iri = {r["item"]: r for r in found}
    where = f" of {authority}" if authority else ""
    if not by_iri:
        raise InspectKGError(
            f"no recommendation {ident!r}{where} in the store; give its IRI, the end of it "
            "(e.g. westminster-2002-lea-inspection/recommendation/1) or its number"
        )
    if len(by_iri) > 1:
        options = "; ".join(tail(i, "report/") for i in sorted(by_iri))
        raise InspectKGError(
            f"recommendation {ident!r}{where} is ambiguous, it may be: {options} "
            f"(give one of these{'' if authority else ', or --authority'})"
        )
    (iri, r), = by_iri.items()
    auth = AuthorityRef(r["authorityIri"] or "", r["authorityName"] or "", 0)
    number_ = r["number"] or tail(iri, "recommendation/")
    return RecommendationRef(iri, f"Recommendation {number_}, {r['reportLabel'] or ''}", auth)


def _authority(r: Row) -> AuthorityRef:
    return AuthorityRef(r["authorityIri"] or "", r["authorityName"] or "",
                        integer(r["reports"]) or 0)


def _unique(found: Iterable[AuthorityRef]) -> list[AuthorityRef]:
    return list({a.iri: a for a in found}.values())


def tail(iri: str | None, marker: str) -> str:
    """What follows the last ``marker`` in an IRI (``report/``, ``action/`` ...)."""
    if not iri:
        return ""
    return iri.rsplit(marker, 1)[-1] if marker in iri else iri.rsplit("/", 1)[-1]


def file_part(text: str) -> str:
    """Lower-case letters, digits and hyphens only: safe in a file name whatever the IRI."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:120] or "unnamed"
