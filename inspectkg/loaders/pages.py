"""Give every record read from a PDF the page its line is on.

Loaders read text and number its lines; this step, shared by every kind, looks each record's
line up in the source's page map. It returns new records and leaves the ones given unchanged.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .base import SourceText


def with_pages(value: Any, source: SourceText) -> Any:
    """A copy of a record (or list of records) whose every ``page`` comes from its ``line``."""
    if not source.pages:
        return value
    if isinstance(value, list):
        return [with_pages(v, source) for v in value]
    if isinstance(value, tuple):
        return tuple(with_pages(v, source) for v in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(value)}
    for name in names:
        current = getattr(value, name)
        if isinstance(current, (list, tuple)) or dataclasses.is_dataclass(current):
            new = with_pages(current, source)
            if new is not current:
                changes[name] = new
    if "page" in names and "line" in names and value.page is None:
        changes["page"] = source.page_of(value.line)
    if "page_count" in names and value.page_count is None:
        changes["page_count"] = source.page_count
    if "source_format" in names:
        changes["source_format"] = source.format
    return dataclasses.replace(value, **changes) if changes else value
