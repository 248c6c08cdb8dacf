"""The `inspectkg` command as a user types it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox
from click.testing import CliRunner

from inspectkg.cli import main


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_parse_prints_the_records_as_json(westminster_2002):
    result = _run("parse", str(westminster_2002))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "lea_inspection"
    assert data["date"] == "2002-07"
    assert data["authority_resolved"]["gss_code"] == "E09000033"
    assert len(data["recommendations"]) == 39
    rec = data["recommendations"][16]
    assert set(rec) >= {"number", "aim", "text", "line"}
    assert rec["line"] == 780
    judgement = data["judgements"][0]
    assert set(judgement) >= {"paragraph", "service", "grade", "quote"}
    assert {"number", "section", "heading"} <= set(data["paragraphs"][0])


def test_build_query_export_validate(tmp_path, westminster_apa_2006, westminster_plan_2010):
    store = str(tmp_path / "kg")
    result = _run("build", str(westminster_apa_2006), str(westminster_plan_2010),
                  "--store", store)
    assert result.exit_code == 0, result.output
    assert "ok" in result.output and "apa_letter, Westminster" in result.output
    result = _run("query", "counts", "--store", store, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("authorityName,kind,date")
    assert len(lines) == 3
    result = _run("query", "counts", "--store", store, "--format", "json")
    assert {r["kind"] for r in json.loads(result.output)} == {"apa_letter", "action_plan_progress"}
    out = tmp_path / "kg.nq"
    result = _run("export", "--format", "nq", "--out", str(out), "--store", store)
    assert result.exit_code == 0 and out.exists()
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))) > 1000
    result = _run("validate", "--store", store)
    assert result.exit_code == 0 and result.output.startswith("valid:")


def test_build_reports_bad_files_and_fails(tmp_path, westminster_apa_2006):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = _run("build", str(westminster_apa_2006), str(empty), str(tmp_path / "missing.txt"),
                  "--store", str(tmp_path / "kg"))
    assert result.exit_code == 1
    assert f"error {empty}: file is empty" in result.output
    assert "missing.txt: no such file" in result.output
    assert "1 loaded, 2 failed" in result.output


def test_user_mistakes_are_one_line_without_traceback(tmp_path):
    store = str(tmp_path / "kg")
    cases = [
        ("parse", str(tmp_path / "nope.txt")),
        ("query", "no-such-query", "--store", store),
        ("query", "SELECT ?x WHERE {", "--store", store),
        ("query", "counts", "--param", "oops", "--store", store),
    ]
    _run("build", "--store", store)
    for args in cases:
        proc = subprocess.run([sys.executable, "-m", "inspectkg.cli", *args],
                              capture_output=True, text=True)
        assert proc.returncode != 0, args
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.strip().count("\n") <= 2, proc.stderr


def test_store_option_on_every_command():
    for name, command in main.commands.items():
        if name in ("parse", "queries"):
            continue
        assert any(p.name == "store" for p in command.params), name


def test_trace_formats(tmp_path):
    store = str(tmp_path / "kg")
    assert _run("build", "--store", store).exit_code == 0
    result = _run("trace", "--authority", "Westminster", "--service", "missing-children",
                  "--format", "json", "--store", store)
    assert result.exit_code == 0, result.output
    chains = json.loads(result.output)
    assert chains and set(chains[0]) == {"recommendation", "steps", "rests_on", "reason"}
    assert set(chains[0]["recommendation"]) >= {"iri", "text", "report", "date", "services"}
    step = chains[0]["steps"][0]
    assert set(step) >= {"iri", "kind", "text", "report", "date", "status", "grade", "link"}
    assert set(step["link"]) >= {"method", "score", "evidence", "matched", "verdict", "via"}
    plan = "https://w3id.org/inspectkg/id/report/westminster-2010-04-23-action-plan-progress"
    rec = f"{plan}/recommendation/7"
    table = _run("trace", "-r", rec, "--store", store).output
    assert "Recommendation 7" in table and "Amber" in table and "progress update" in table
    lines = table.splitlines()  # each update right under its action
    first_update = next(i for i, line in enumerate(lines) if "progress update" in line)
    assert " action " in lines[first_update - 1]
    csv_out = _run("trace", "-r", rec, "-f", "csv", "--store", store).output
    header = csv_out.splitlines()[0].split(",")
    assert header[:3] == ["recommendation", "number", "recommendation_text"]
    assert {"matched", "verdict", "rests_on", "reason"} <= set(header)
    assert plan in csv_out
    md = _run("trace", "-r", rec, "-f", "markdown", "--store", store).output
    assert md.startswith("### Recommendation 7") and "| date" in md
    bad = _run("trace", "--store", store)
    assert bad.exit_code == 1 and "give --authority" in bad.output
    unknown = _run("trace", "-a", "Borsetshire", "--store", store)
    assert unknown.exit_code == 2 and "no authority named 'Borsetshire'" in unknown.output


def test_services_and_named_queries_with_params(tmp_path):
    store = str(tmp_path / "kg")
    _run("build", "--store", store)
    out = _run("services", "--store", store).output
    line = [row for row in out.splitlines() if row.startswith("attendance ")][0]
    # Westminster: recommendations/judgements/actions on school attendance (the 2016 LSCB's
    # "attendance at the board" is not one of them)
    assert "3/13/2" in line
    result = _run("query", "judgement-history", "--param", "authority=Westminster",
                  "--param", "service=attendance", "--store", store, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.output)
    listing = _run("queries").output
    for name in ("trace", "open-recommendations", "judgement-history", "compare-authorities",
                 "repeated-recommendations", "actions-latest-status", "rag-summary",
                 "status-changes", "apa-grades"):
        assert f"{name}:" in listing


def test_build_jobs_gives_the_same_links_with_one_worker_or_two(tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        result = _run("build", "--jobs", jobs, "--store", str(tmp_path / f"kg{jobs}"))
        assert result.exit_code == 0, result.output
        outputs[jobs] = [line for line in result.output.splitlines()
                         if line.startswith("links ")]
    assert outputs["1"] and outputs["1"] == outputs["2"]
    bad = _run("build", "--jobs", "0", "--store", str(tmp_path / "kg0"))
    assert bad.exit_code != 0 and "--jobs" in bad.output
    assert not (tmp_path / "kg0").exists()
