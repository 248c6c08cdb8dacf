"""Damaged and random input: every loader reads it or refuses it with `LoadError`, nothing else.

Seeded mutations of the real samples (`tests/fuzzing.py`: truncation, duplicated, shuffled and
lost lines, huge lines, blank lines, control characters, tabs turned into spaces, flipped bytes,
and the encodings cp1252, latin-1, UTF-8 with BOM, UTF-16, CRLF and CR), and Hypothesis
examples built from real lines. A modest number of cases here; `benchmarks/fuzz.py` runs
10,000 with a hard time limit per case and reports timings. The guard below only stops a hang.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fuzzing import make_case, sample_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspectkg.errors import LoadError
from inspectkg.loaders import decode, loaders, parse_bytes, parse_text
from inspectkg.loaders.records import Report

GUARD_SECONDS = 120
SEEDS = sample_texts()
LINES = sorted({line for text in SEEDS.values() for line in text.split("\n") if line.strip()})


@contextmanager
def no_hang() -> Iterator[None]:
    def stop(*_: object) -> None:
        raise AssertionError(f"did not finish within {GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _own_refusal(err: LoadError) -> None:
    """A loader's own refusal has no other exception behind it (a crash the net caught has)."""
    assert err.__cause__ is None or isinstance(err.__cause__, LoadError), repr(err.__cause__)
    assert "\n" not in str(err)


def check_text(text: str) -> None:
    """Every registered loader detects and reads the text without an exception but LoadError."""
    with no_hang():
        for loader in loaders().values():
            assert 0.0 <= loader.detect(text) <= 1.0
            try:
                assert isinstance(loader.read(text, "fuzz.txt"), Report)
            except LoadError as err:
                _own_refusal(err)


def check_bytes(data: bytes) -> None:
    """The user's path (`parse_bytes`), then every loader on the decoded text."""
    with no_hang():
        try:
            assert isinstance(parse_bytes(data, "fuzz.txt"), Report)
        except LoadError as err:
            _own_refusal(err)
        try:
            text = decode(data, "fuzz.txt")
        except LoadError:
            return
    check_text(text)


@pytest.mark.parametrize("number", range(40))
def test_seeded_mutations_of_the_samples(number):
    case = make_case(number, SEEDS)
    check_bytes(case.data)


def test_mutations_cover_every_kind_of_damage():
    """The seeded cases exercise each mutation and encoding, and some of them still parse."""
    steps = {step for n in range(400) for step in make_case(n, SEEDS).steps}
    for name in ("truncate", "huge-line", "blank-lines", "control-chars", "tabs-to-spaces",
                 "utf-16", "cp1252", "latin-1", "utf-8-bom", "crlf", "cr", "stray-cp1252"):
        assert name in steps
    parsed = 0
    for n in range(20):
        try:
            parse_bytes(make_case(n, SEEDS).data, "fuzz.txt")
            parsed += 1
        except LoadError:
            pass
    assert 0 < parsed < 20


_SETTINGS = settings(
    max_examples=40, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=120)), max_size=400))
def test_real_lines_in_any_order(lines):
    check_text("\n".join(lines))


@_SETTINGS
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_samples_with_random_edits(name, data):
    text = SEEDS[name]
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 2_000))
        text = text[:at] + data.draw(st.text(max_size=300)) + text[at + cut :]
    check_text(text)
    with no_hang():
        try:
            parse_text(text, "fuzz.txt")
        except LoadError as err:
            _own_refusal(err)


@_SETTINGS
@given(st.binary(max_size=4_000))
def test_random_bytes(data):
    check_bytes(data)
