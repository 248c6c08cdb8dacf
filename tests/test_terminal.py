"""What a terminal shows: tables as wide as the terminal, IRIs only on request, help for every
option."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from inspectkg.cli import main
from inspectkg.terminal import fit_table

COMMANDS = [
    ("trace", "-a", "Westminster"),
    ("query", "recommendations", "-p", "authority=Westminster"),
    ("query", "open-recommendations"),
    ("query", "counts"),
    ("query", "judgement-history", "-p", "authority=Westminster"),
    ("services",),
]


def _run(store, *args: str, width: int = 100):
    return CliRunner().invoke(main, [*args, "--store", store.location],
                              env={"COLUMNS": str(width)})


@pytest.mark.parametrize("width", [100, 60])
@pytest.mark.parametrize("args", COMMANDS)
def test_tables_fit_the_terminal(built_store, args, width):
    result = _run(built_store, *args, width=width)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) > 3
    assert max(len(line) for line in lines) <= width, max(lines, key=len)


def test_iris_only_with_iris(built_store):
    plain = _run(built_store, "query", "recommendations", "-p", "authority=Westminster").output
    assert "https://" not in plain
    with_iris = _run(built_store, "query", "recommendations", "-p", "authority=Westminster",
                     "--iris", width=400).output
    assert "https://w3id.org/inspectkg/id/report/westminster-2002-lea-inspection" in with_iris
    trace = _run(built_store, "trace", "-a", "Westminster", "-r", "16").output
    assert "https://" not in trace
    trace_iris = _run(built_store, "trace", "-a", "Westminster", "-r", "16", "--iris").output
    assert "recommendation/16" in trace_iris
    csv = _run(built_store, "query", "recommendations", "-p", "authority=Westminster",
               "-f", "csv").output
    assert "https://w3id.org/inspectkg/id/report/" in csv  # CSV keeps every column


def test_a_cut_text_keeps_its_start_and_numbers_stay_as_written():
    rows = [{"number": "4.10", "text": "word " * 100}]
    out = fit_table(["number", "text"], rows, width=40, wrap=False)
    assert "4.10" in out and "…" in out
    assert max(len(line) for line in out.splitlines()) <= 40
    wrapped = fit_table(["number", "text"], rows, width=40)
    assert len(wrapped.splitlines()) > 10 and wrapped.count("word") == 100


def _options(command):
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            yield param


def test_every_option_has_help_text():
    missing = [f"{name} --{p.name}" for name, cmd in main.commands.items()
               for p in _options(cmd) if not p.help]
    assert missing == []
