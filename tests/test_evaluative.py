"""Evaluative sentences: what a sentence grades, on LEA and children's services prose.

The reader-judged set (`tests/data/judgements.jsonl`, rules in `benchmarks/README.md`) holds
sentences drawn at random from the sample LEA inspections and from four children's services
reports of the corpus, each marked by a person with the grade it gives, or none.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from inspectkg.loaders.evaluative import evaluate, sentences

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from judgements import load, score  # noqa: E402


@pytest.mark.parametrize("kind", ["lea", "childrens-services"])
def test_reader_judged_set(kind):
    rows = [r for r in load() if r["kind"] == kind]
    assert len(rows) > 100 and sum(1 for r in rows if r["grade"]) >= 15
    s = score(rows)
    assert s["precision"] >= 0.95, s
    assert s["recall"] >= 0.85, s


@pytest.mark.parametrize(
    ("sentence", "grade", "subject"),
    [
        ("The school improvement service is of good quality.", "good",
         "The school improvement service"),
        ("The LEA provides satisfactory value for money.", "satisfactory", "The LEA"),
        ("Support for governors is now generally good.", "good", "Support for governors"),
        ("Support for literacy is quite good.", "good", "Support for literacy"),
        ("Support for governors has improved since the last inspection and is now satisfactory.",
         "satisfactory", "Support for governors"),
        ("Headteachers confirm that support for pupils with behavioural difficulties is "
         "unsatisfactory.", "unsatisfactory", "support for pupils with behavioural difficulties"),
        ("Attendance has risen, and the monitoring of exclusions is effective.", "effective",
         "the monitoring of exclusions"),
        ("Practice is consistently strong.", "strong", "Practice"),
        ("Management oversight is not effective.", "ineffective", "Management oversight"),
        ("Children wait too long for decisions about their future.", "too long", "Children"),
        ("The overall effectiveness of children's services is inadequate.", "inadequate",
         "The overall effectiveness of children's services"),
        ("The experiences and progress of care leavers require improvement to be good.",
         "requires improvement", "The experiences and progress of care leavers"),
        ("Leadership of children's services is outstanding.", "outstanding",
         "Leadership of children's services"),
        ("The involvement of family networks in planning for children is a strength.",
         "strength", "The involvement of family networks in planning for children"),
        ("There are weaknesses in the response to children at risk of domestic abuse.",
         "weakness", "the response to children at risk of domestic abuse"),
        ("Satisfactory progress has been made in reviewing the funding formula.",
         "satisfactory", "progress"),
    ],
)
def test_judgement_forms(sentence, grade, subject):
    ev = evaluate(sentence)
    assert ev is not None and not ev.earlier
    assert (ev.grade, ev.subject) == (grade, subject)


@pytest.mark.parametrize(
    "sentence",
    [
        "It is too early to judge the impact of these plans.",
        "This too often results in children remaining in unsuitable arrangements.",
        "There is good evidence that attendance improves as a consequence.",
        "Decision-making does not consistently demonstrate that workers have a good "
        "understanding of the risk.",
        "Schools need to improve attendance.",
        "A good number of care leavers go on to university.",
    ],
)
def test_sentences_that_grade_nothing(sentence):
    ev = evaluate(sentence)
    assert ev is None or ev.earlier, ev


def test_earlier_judgements_stay_earlier():
    ev = evaluate("At the last inspection, support for SEN was judged to be unsatisfactory.")
    assert ev is not None and ev.earlier and ev.grade == "unsatisfactory"


def test_polarity_of_the_four_point_scale():
    assert evaluate("Help and protection for children is good.").polarity == "positive"
    assert evaluate("The local authority's arrangements are inadequate.").polarity == "negative"
    assert evaluate("Services for care leavers require improvement.").polarity == "negative"


def test_text_that_is_not_one_sentence_is_not_graded():
    """A page of prose without full stops is not one sentence: nothing is read from it, and
    the work per sentence stays bounded."""
    text = "Support for literacy is good and " * 2_000
    assert evaluate(text) is None
    parts = sentences("Support is good, e.g. " * 5_000 + "It ends.")
    assert len(parts) == 1
