"""Shared fixtures: the real sample reports that ship with the package."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg.samples import sample


@pytest.fixture(scope="session")
def westminster_2002() -> Path:
    return sample("westminster-lea-inspection-2002")


@pytest.fixture(scope="session")
def leicester_2001() -> Path:
    return sample("leicester-lea-inspection-2001")


@pytest.fixture(scope="session")
def westminster_apa_2006() -> Path:
    return sample("westminster-apa-2006")


@pytest.fixture(scope="session")
def westminster_plan_2010() -> Path:
    return sample("westminster-cabinet-action-plan-2010")


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory):
    """The bundled samples built once into a fresh embedded store (closed at the end)."""
    from inspectkg.graph.build import build
    from inspectkg.graph.store import open_store

    store = open_store(tmp_path_factory.mktemp("store") / "kg")
    result = build(store)
    assert not result.failed, [f.message for f in result.failed]
    yield store
    store.close()
