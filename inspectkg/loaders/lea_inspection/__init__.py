"""Ofsted inspections of Local Education Authorities (1998-2005)."""

from .reader import LOADER, LeaInspectionLoader

__all__ = ["LOADER", "LeaInspectionLoader"]
