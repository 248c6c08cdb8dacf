"""The trace on the bundled children's services reports: stated follow-up across two
inspections, later findings on the same issue with the phrases they rest on, verdicts, judgement
history, and the calibrated score behind every inferred link."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from inspectkg.graph.links.issue import match
from inspectkg.graph.links.same_issue import Candidate, calibration, rank_report
from inspectkg.graph.links.verdict import verdict
from inspectkg.graph.trace import trace
from inspectkg.queries import run, value

BASE = "https://w3id.org/inspectkg/id/report/"
L2015 = BASE + "leicester-2015-sif-inspection"
L2017 = BASE + "leicester-2017-sif-inspection"
W2016 = BASE + "westminster-2016-sif-inspection"
W2024 = BASE + "westminster-2024-ilacs-inspection"


def _chain(store, iri: str):
    (chain,) = trace(store, recommendation=iri)
    return chain


def test_a_later_inspection_states_what_became_of_a_recommendation(built_store):
    """Leicester 2015 asked for arrangements for homeless 16- and 17-year-olds; the 2017
    re-inspection says the priority areas for improvement since then have been addressed."""
    chain = _chain(built_store, f"{L2015}/recommendation/3")
    assert "homeless" in chain.recommendation["text"]
    stated = [s for s in chain.steps if s.link.method == "recommendations-addressed"]
    assert len(stated) == 1 and stated[0].report == L2017 and stated[0].kind == "reference"
    assert "since the previous inspection have been addressed" in stated[0].text
    assert "homeless" in stated[0].link.evidence
    assert chain.rests_on == "stated follow-up and later findings on the same issue"
    # the paragraph of that sentence is not shown a second time as a finding
    assert not [s for s in chain.steps if s.kind == "paragraph" and s.text in stated[0].text]


def test_return_home_interviews_are_followed_to_2024(built_store):
    chain = _chain(built_store, f"{W2016}/recommendation/2")
    top = max(chain.steps, key=lambda s: s.link.score)
    assert top.report == W2024 and top.link.method == "same-issue"
    assert "return home interviews" in top.text
    assert "return home interview" in " ".join(top.link.matched)
    assert top.link.score >= 0.8


def test_care_leavers_in_custody_find_the_sentence_about_them(built_store):
    chain = _chain(built_store, f"{W2016}/recommendation/4")
    texts = [s.text for s in sorted(chain.steps, key=lambda s: -s.link.score)[:3]]
    assert any("care leavers who are in custody" in t.lower() for t in texts)


def test_a_board_recommendation_with_no_later_board_says_so(built_store):
    chain = _chain(built_store, f"{W2016}/recommendation/9")  # attendance at the board
    assert chain.steps == [] and chain.rests_on == "nothing found"
    assert "say nothing on its issue" in chain.reason


def test_judgement_history_links_each_area_to_the_next_inspection(built_store):
    _, rows = run(built_store, "judgement-areas", {"authority": "Leicester",
                                                   "area": "help-and-protection"})
    history = [(value(r["date"])[:4], value(r["grade"]), value(r["previousGrade"]))
               for r in rows]
    assert history[:3] == [("2015", "Inadequate", ""), ("2017", "Requires improvement",
                                                         "Inadequate"),
                           ("2021", "Good", "Requires improvement")]


def test_inferred_links_carry_phrases_and_calibrated_scores(built_store):
    cal = calibration()
    _, rows = run(built_store, """SELECT ?score ?matched WHERE { ?l a ikg:InferredLink ;
        ikg:score ?score . OPTIONAL { ?l ikg:matchedPhrases ?matched } }""")
    assert rows
    for r in rows:
        assert cal.threshold <= float(value(r["score"])) <= 1
        assert value(r["matched"])  # every link shows what it rests on


def test_the_shipped_calibration_was_fitted():
    data = json.loads((files("inspectkg.graph.links") / "calibration.json").read_text("utf-8"))
    assert "fitted by scripts/calibrate_links.py" in data["note"]
    assert 0.1 < data["threshold"] < 0.9
    assert data["weights"]["service_agree"] > 0 > data["weights"]["service_conflict"]


def test_rarer_words_outweigh_common_ones():
    rec = "Ensure that children missing from home are offered a return home interview."
    specific = match(rec, "Return home interviews are offered promptly.")
    generic = match(rec, "Children are seen at home by their social workers.")
    assert specific.coverage > 2 * generic.coverage
    assert "return home" in " ".join(specific.phrases)


def test_a_service_word_in_a_list_does_not_pull_an_unrelated_passage():
    rec = "Improve the timeliness of initial health assessments for children in care."
    cands = [
        Candidate("a", "paragraph", "Initial health assessments are now completed on time for "
                  "almost all children who come into care."),
        Candidate("b", "paragraph", "The early years team's objectives are to improve "
                  "attendance, health, play and school readiness."),
    ]
    ranked = rank_report(rec, cands)
    assert ranked and ranked[0].candidate.iri == "a"
    assert all(s.candidate.iri != "b" for s in ranked)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The quality of assessments has improved significantly.", "improved"),
    ("Management oversight remains inconsistent.", "not improved"),
    ("Decisions are still too slow for some children.", "not improved"),
    ("Practice has deteriorated since the last inspection.", "worse"),
    ("Although plans have improved, they are not yet consistently good.", "partly"),
    ("Social workers visit children regularly.", None),
])
def test_verdicts_come_from_the_sentence_s_own_words(sentence, expected):
    assert verdict(sentence) == expected
