"""A report's date as precise as it is given, and as a full day for sorting."""

from __future__ import annotations

from datetime import date as Date

import pyoxigraph as ox

from .terms import XSD


def issued(date: str | None) -> ox.Literal | None:
    """dcterms:issued at the precision the report gives (year, month or day)."""
    if not date:
        return None
    parts = date.split("-")
    if len(parts) == 1:
        return ox.Literal(date, datatype=XSD.gYear)
    if len(parts) == 2:
        return ox.Literal(date, datatype=XSD.gYearMonth)
    Date.fromisoformat(date)
    return ox.Literal(date, datatype=XSD.date)


def sort_date(date: str | None) -> str | None:
    """The first day the date can mean: ``2002`` -> ``2002-01-01``, ``2002-07`` -> ``…-07-01``."""
    if not date:
        return None
    parts = date.split("-")
    if len(parts) == 1:
        return f"{date}-01-01"
    if len(parts) == 2:
        return f"{date}-01"
    return date
