"""What the user named: an authority, a service, a recommendation; each found in the store or
refused with one clear line (and, for a near miss, what they may have meant)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...errors import InspectKGError
from .. import resolve
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
    """Authorities in the store (the one named, if a name is given, by any name or code
    `inspectkg.graph.resolve` accepts); a clear error for an empty store or an unknown name."""
    every = _unique(_authority(r) for r in rows(store, "authorities"))
    if not every:
        raise InspectKGError(
            f"{store.location}: the store holds no reports yet (run `inspectkg build`)"
        )
    if name is None:
        return every
    match = resolve.authority(store, name)
    return [a for a in every if a.iri == match.iri] or [AuthorityRef(match.iri, match.name, 0)]


def service_label(store: Store, service: str) -> str:
    """The preferred label of the service a user names; a clear error (with suggestions) if none."""
    return resolve.service(service).pref_label


def find_recommendation(
    store: Store, ident: str, authority: str | None = None
) -> RecommendationRef:
    """The one recommendation an IRI, the end of one or a number names; else a clear error."""
    m = resolve.recommendation(store, ident, authority)
    auth = AuthorityRef(m.authority.iri, m.authority.name, 0)
    return RecommendationRef(m.iri, f"Recommendation {m.number}, {m.report_label}", auth)


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
