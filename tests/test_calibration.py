"""The shipped same-issue score on the reader-judged pairs of authorities held back from its
fitting (tests/data/trace_judged.jsonl): a score means what it says, and the top links are on
the issue as often as benchmarks/README.md reports. Reads the development corpus's PDFs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from inspectkg.graph.links.same_issue import calibration

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "childrens-services"

pytestmark = pytest.mark.slow


def _script():
    spec = importlib.util.spec_from_file_location("calibrate_links",
                                                  ROOT / "scripts" / "calibrate_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def held_out():
    if not CORPUS.is_dir():
        pytest.fail(f"the development corpus is not at {CORPUS}")
    script = _script()
    data = [r for r in script.rows(CORPUS) if r["held_out"]]
    cal = calibration()
    probs = np.array([cal.probability(r["features"]) for r in data])
    return script, data, probs


def test_held_out_authorities_are_not_in_the_fitting(held_out):
    _, data, _ = held_out
    assert len({r["task"] for r in data}) >= 80


def test_top_links_are_on_the_issue_as_reported(held_out):
    script, data, probs = held_out
    shown = script.metrics(data, probs, calibration().threshold)
    assert shown["top1"] >= 0.75  # measured 0.77 (target 0.8: missed, see benchmarks/README)
    everything = script.metrics(data, probs, 0.0)
    assert everything["top3"] >= 0.85  # a reader's passage among the three best candidates


def test_a_higher_score_means_more_links_on_the_issue(held_out):
    script, data, probs = held_out
    bands = script.reliability(data, probs)
    shares = [share for _, n, share in bands if n >= 20]
    assert shares == sorted(shares)
    top = [share for band, n, share in bands if band.startswith("0.8")][0]
    assert top >= 0.75
