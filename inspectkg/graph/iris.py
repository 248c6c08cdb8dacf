"""Deterministic, readable IRIs for instance data under a configurable base.

The same report always gets the same IRIs, so rebuilding replaces rather than duplicates:
``<base>authority/westminster``, ``<base>report/westminster-2002-lea-inspection``,
``<base>report/westminster-2002-lea-inspection/recommendation/7``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..ontology.namespaces import DEFAULT_BASE

# Report kinds as they appear in report IRIs.
KIND_SLUGS = {
    "lea_inspection": "lea-inspection",
    "apa_letter": "apa-letter",
    "action_plan_progress": "action-plan-progress",
    # children's services reports are keyed by framework: one authority may have an inspection
    # and a separately published LSCB review in one year, or several visits.
    "lac-2012": "lac-inspection",
    "safeguarding-and-lac-2012": "safeguarding-lac-inspection",
    "sif": "sif-inspection",
    "sif-reinspection": "sif-reinspection",
    "lscb-review": "lscb-review",
    "ilacs-standard": "ilacs-inspection",
    "ilacs-short": "ilacs-inspection",
    "focused-visit": "focused-visit",
    "monitoring-visit": "monitoring-visit",
    "jtai": "jtai",
}
# Kinds issued often enough that two can share a year: dated to the day.
DATED_TO_THE_DAY = {"action_plan_progress", "focused-visit", "monitoring-visit", "jtai"}


def slug(text: str, max_words: int = 12) -> str:
    """Lower-case ASCII words joined by hyphens: "City of Westminster" -> "city-of-westminster"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words]) or "unnamed"


def last_segment(iri: str) -> str:
    """The slug an IRI ends with: ``<base>authority/westminster`` -> ``westminster``."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def short_hash(*parts: str, length: int = 10) -> str:
    """A stable short digest, for IRIs of things with no readable natural key."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:length]


def normalise_base(base: str | None) -> str:
    """The base IRI ending in "/" or "#", defaulting to inspectkg's own."""
    base = (base or DEFAULT_BASE).strip()
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", base):
        raise ValueError(f"base IRI must be absolute (e.g. https://example.org/kg/): {base!r}")
    return base if base.endswith(("/", "#")) else base + "/"


class Minter:
    """Makes every instance IRI from the base, so one setting moves the whole graph."""

    def __init__(self, base: str | None = None) -> None:
        self.base = normalise_base(base)

    def iri(self, path: str) -> str:
        return self.base + path

    def authority(self, authority_slug: str) -> str:
        return self.iri(f"authority/{authority_slug}")

    def post(self, authority_slug: str, title: str) -> str:
        return self.iri(f"authority/{authority_slug}/post/{slug(title)}")

    def organisation(self, name: str) -> str:
        return self.iri(f"organisation/{slug(name)}")

    def report_id(self, authority_slug: str, kind: str, date: str | None) -> str:
        """Report key: authority, year and kind; dated to the day for kinds issued often."""
        kind_slug = KIND_SLUGS.get(kind, slug(kind))
        when = date or "undated"
        when = when[:10] if kind in DATED_TO_THE_DAY else when[:4]
        return f"{authority_slug}-{when}-{kind_slug}"

    def report(self, report_id: str) -> str:
        return self.iri(f"report/{report_id}")

    def part(self, report: str, *path: object) -> str:
        """An IRI inside a report: ``<report>/recommendation/7``."""
        return f"{report}/" + "/".join(str(p) for p in path)

    def graph(self, name: str) -> str:
        """Named graphs that are not a report's: ``authorities``, ``links/explicit`` ..."""
        return self.iri(f"graph/{name}")
