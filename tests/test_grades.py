"""Grade and status schemes: one comparable rank across regimes, statuses mapped to schema.org."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF

from inspectkg.graph.grades import (
    grade_concept,
    grade_schemes,
    status_concept,
    status_concepts,
)
from inspectkg.ontology.namespaces import GRADE, IKG, SCHEMA, SCHEME, SKOS, STATUS, ontology_file


@pytest.mark.parametrize("name", ["grades.ttl", "statuses.ttl"])
def test_turtle_parses_with_rdflib_and_pyoxigraph(name: str) -> None:
    path = ontology_file(name)
    g = rdflib.Graph().parse(path, format="turtle")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(g) == len(quads) > 0


def test_every_grade_concept_is_complete() -> None:
    g = rdflib.Graph().parse(ontology_file("grades.ttl"), format="turtle")
    for scheme_slug in ("lea-grades", "apa-grades"):
        members = set(g.subjects(SKOS.inScheme, SCHEME[scheme_slug]))
        assert members == set(g.objects(SCHEME[scheme_slug], SKOS.hasTopConcept))
        notations = [str(g.value(c, SKOS.notation)) for c in members]
        assert len(set(notations)) == len(members), "notations are unique in a scheme"
        for c in members:
            assert (c, RDF.type, SKOS.Concept) in g
            assert str(c).startswith(str(GRADE))
            assert g.value(c, SKOS.prefLabel) is not None
            rank = g.value(c, IKG.normalisedRank)
            assert rank is not None and rank.datatype == rdflib.XSD.decimal, c
            assert Decimal("1.0") <= rank.toPython() <= Decimal("4.0")
            assert g.value(c, SKOS.definition) is not None
    # Grades that can be compared across regimes say so.
    assert (GRADE["lea-good"], SKOS.closeMatch, GRADE["apa-3"]) in g
    assert (GRADE["lea-unsatisfactory"], SKOS.broadMatch, GRADE["apa-1"]) in g


def test_ranks_compare_across_the_two_scales() -> None:
    lea, apa = grade_schemes()["lea"], grade_schemes()["apa"]
    assert lea["lea-unsatisfactory"].rank < apa["apa-3"].rank
    assert lea["lea-good"].rank == apa["apa-3"].rank
    assert lea["lea-satisfactory"].rank == apa["apa-2"].rank
    assert lea["lea-excellent"].rank == apa["apa-4"].rank
    # APA: 4 is best. LEA steps: 1 is best. Both orders survive on the shared rank.
    apa_by_step = sorted(apa.values(), key=lambda x: x.step or 0)
    assert [x.rank for x in apa_by_step] == sorted(x.rank for x in apa.values())
    lea_steps = sorted((x for x in lea.values() if x.step), key=lambda x: x.step or 0)
    assert [x.step for x in lea_steps] == [1, 2, 3, 4, 5, 6, 7]
    ranks = [x.rank for x in lea_steps]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == 7
    # A 2002 "unsatisfactory" and a 2006 APA "2" compare the way the words say.
    assert grade_concept("unsatisfactory", "lea").rank < grade_concept("2", "apa").rank


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("now good", "lea-good"),
        ("Good", "lea-good"),
        ("satisfactory with few areas of major weakness", "lea-satisfactory"),
        ("satisfactory, with few areas of major weakness", "lea-satisfactory"),
        ("SOUND", "lea-satisfactory"),
        ("very good", "lea-very-good"),
        ("highly satisfactory", "lea-highly-satisfactory"),
        ("unsatisfactory", "lea-unsatisfactory"),
        ("remains unsatisfactory", "lea-unsatisfactory"),
        ("poor", "lea-poor"),
        ("very poor", "lea-very-poor"),
        ("excellent", "lea-excellent"),
        ("strong", "lea-good"),
        ("weak", "lea-unsatisfactory"),
        ("effective", "lea-effective"),
        ("not satisfactory", "lea-unsatisfactory"),
        (5, "lea-unsatisfactory"),
    ],
)
def test_lea_grade_words(words: str | int, expected: str) -> None:
    g = grade_concept(words, "lea")
    assert g is not None and g.id == expected
    assert g.iri == str(GRADE[expected]) and g.scheme == "lea"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("3", "apa-3"),
        (3, "apa-3"),
        (" 4 ", "apa-4"),
        ("1", "apa-1"),
        ("Good", "apa-3"),
        ("Adequate", "apa-2"),
        ("Inadequate", "apa-1"),
        ("Excellent / outstanding", "apa-4"),
        ("very good", "apa-4"),
        ("A service that delivers well above minimum requirements for users", "apa-4"),
        ("A service that consistently delivers above minimum requirements for users", "apa-3"),
        ("A service that delivers only minimum requirements for users", "apa-2"),
        ("A service that does not deliver minimum requirements for users", "apa-1"),
    ],
)
def test_apa_grades(words: str | int, expected: str) -> None:
    g = grade_concept(words, "apa")
    assert g is not None and g.id == expected


@pytest.mark.parametrize("words", ["", "purple", "no longer unsatisfactory", "not good", None, 9])
def test_no_grade(words: str | int | None) -> None:
    assert grade_concept(words, "lea") is None


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown grade scheme"):
        grade_concept("good", "ofsted")
    assert grade_concept("good", "LEA-grades") is not None


def test_grade_words_of_the_sample_inspection(westminster_2002: Path) -> None:
    text = westminster_2002.read_text(encoding="utf-8")
    pattern = re.compile(
        r"\b(?:is|are|remains?|continues? to be) (?:now |still |also )?"
        r"((?:very |highly )?(?:good|satisfactory|unsatisfactory|poor|sound|excellent|strong|weak)"
        r"(?: with few areas of major weakness(?:es)?)?)\b"
    )
    words = {m.group(1) for m in pattern.finditer(text)}
    assert {"good", "satisfactory", "unsatisfactory", "poor", "strong"} <= words
    assert "satisfactory with few areas of major weakness" in words
    for word in words:
        assert grade_concept(word, "lea") is not None, word


def test_grade_table_of_the_sample_apa_letter(westminster_apa_2006: Path) -> None:
    text = westminster_apa_2006.read_text(encoding="utf-8")
    rows = re.findall(r"^(The (?:contribution|council's overall).*)\t(\d)\s*$", text, re.M)
    assert [n for _, n in rows] == ["3", "4", "3"]
    assert [grade_concept(n, "apa").rank for _, n in rows] == [3.0, 4.0, 3.0]
    descriptors = re.findall(r"^(\d)\t(A service that [^\t]+)\t([^\t]+?)\s*$", text, re.M)
    assert len(descriptors) == 4
    for number, service_words, capacity_words in descriptors:
        expected = grade_concept(number, "apa")
        assert grade_concept(service_words, "apa") == expected
        assert grade_concept(capacity_words, "apa") == expected


# ---------------------------------------------------------------------------------------------
# Statuses
# ---------------------------------------------------------------------------------------------


def test_every_status_concept_is_complete() -> None:
    g = rdflib.Graph().parse(ontology_file("statuses.ttl"), format="turtle")
    members = set(g.subjects(SKOS.inScheme, SCHEME["statuses"]))
    assert {str(m).removeprefix(str(STATUS)) for m in members} >= {
        "red",
        "amber",
        "green",
        "achieved",
        "completed",
        "no-rating",
        "in-place",
        "ongoing",
    }
    for c in members:
        assert g.value(c, SKOS.prefLabel) is not None
        assert str(g.value(c, SKOS.notation)) == str(c).removeprefix(str(STATUS))
        resolved = g.value(c, IKG.isResolved)
        assert resolved is not None and resolved.datatype == rdflib.XSD.boolean
        rank = g.value(c, IKG.statusRank)
        assert rank is None or rank.datatype == rdflib.XSD.integer


@pytest.mark.parametrize(
    ("text", "expected", "schema_status"),
    [
        ("Amber", "amber", SCHEMA.ActiveActionStatus),
        ("GREEN", "green", SCHEMA.ActiveActionStatus),
        ("Red", "red", SCHEMA.ActiveActionStatus),
        (None, "no-rating", None),
        ("", "no-rating", None),
        ("   ", "no-rating", None),
        ("ACHIEVED", "achieved", SCHEMA.CompletedActionStatus),
        ("Completed", "completed", SCHEMA.CompletedActionStatus),
        ("In place", "in-place", SCHEMA.CompletedActionStatus),
        ("in_place", "in-place", SCHEMA.CompletedActionStatus),
        ("Ongoing", "ongoing", SCHEMA.ActiveActionStatus),
        ("Not started", "not-started", SCHEMA.PotentialActionStatus),
        ("not achieved", "not-achieved", SCHEMA.FailedActionStatus),
        ("G", "green", SCHEMA.ActiveActionStatus),
        ("Awaiting a decision", "no-rating", None),
    ],
)
def test_status_concept(text: str | None, expected: str, schema_status: object) -> None:
    s = status_concept(text)
    assert s.id == expected
    assert s.iri == str(STATUS[expected])
    assert s.schema_status == (str(schema_status) if schema_status else None)


def test_statuses_tell_open_from_done() -> None:
    def is_open(text: str | None) -> bool:
        """The query's test: latest status not Green / achieved."""
        s = status_concept(text)
        return s.rank is None or s.rank < 3

    assert [is_open(t) for t in ("Red", "Amber", None, "Ongoing")] == [True] * 4
    assert [is_open(t) for t in ("Green", "ACHIEVED", "Completed", "In place")] == [False] * 4
    assert [status_concept(t).resolved for t in ("ACHIEVED", "Completed", "In place")] == [True] * 3
    assert not status_concept("Green").resolved
    assert set(status_concepts()) >= {"red", "amber", "green", "achieved", "completed", "no-rating"}


def test_rag_cells_of_the_sample_action_plan(westminster_plan_2010: Path) -> None:
    cells: list[str] = []
    for line in westminster_plan_2010.read_text(encoding="utf-8").split("\n"):
        parts = line.split("\t")
        if (
            len(parts) >= 5
            and parts[0].strip() != "Objective"
            and parts[3].strip() in ("Action", "Progress")
        ):
            cells.append(parts[5].strip() if len(parts) > 5 else "")
    rated = [c for c in cells if c]
    assert set(rated) == {"Red", "Amber", "Green"}
    assert {status_concept(c).id for c in cells} == {"red", "amber", "green", "no-rating"}
    # Progress and timescale words of the same report.
    assert status_concept("ACHIEVED").id == "achieved"
    assert status_concept("Completed").id == "completed"
