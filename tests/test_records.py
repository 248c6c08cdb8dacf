"""Records are frozen: once a loader has built one, nothing changes it in place."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from inspectkg.loaders import parse, records


def _record_types() -> list[type]:
    return [
        cls
        for _, cls in inspect.getmembers(records, inspect.isclass)
        if dataclasses.is_dataclass(cls) and cls.__module__ == records.__name__
    ]


def test_every_record_type_is_frozen():
    types = _record_types()
    assert len(types) >= 20
    for cls in types:
        assert cls.__dataclass_params__.frozen, cls.__name__


@pytest.mark.parametrize(
    "fixture", ["westminster_2002", "westminster_apa_2006", "westminster_plan_2010"]
)
def test_read_records_cannot_be_changed(request, fixture):
    report = parse(request.getfixturevalue(fixture))
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.authority = "Elsewhere"
    nested = [v[0] for v in vars(report).values() if isinstance(v, list) and v]
    assert nested
    for record in nested:
        first = dataclasses.fields(record)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, first, None)
