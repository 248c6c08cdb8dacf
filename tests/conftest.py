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
