"""The README's examples are what the commands really print: each `inspectkg` command of a
``sh`` block runs, in order, on a fresh store of the bundled samples (``shell`` blocks need a
server or run until stopped: not run here), and a ``text`` block right after a one-command
``sh`` block is its output. In an output block a line ``...`` stands for any number of lines;
paths are normalised (the store to its default place, the samples' folder to ``.../``). The
Python example runs too."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectkg.cli import main
from inspectkg.samples import sample_dir

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DEFAULT_STORE = "~/.local/share/inspectkg/store"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


@dataclass
class Example:
    commands: list[str]
    output: str | None


def examples(text: str) -> tuple[list[Example], list[str]]:
    """The shell examples (commands, and the output shown for a lone command) and the Python
    snippets of a README."""
    blocks = [(m.group(1), m.group(2)) for m in _BLOCK.finditer(text)]
    shell: list[Example] = []
    python: list[str] = []
    for i, (lang, body) in enumerate(blocks):
        if lang == "python":
            python.append(body)
        if lang != "sh":
            continue
        # `inspectkg serve` runs until it is stopped: tests/test_serve.py runs it
        commands = [line.split("  #")[0].strip() for line in body.splitlines()
                    if line.strip().startswith("inspectkg ")
                    and not line.strip().startswith("inspectkg serve")]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        output = nxt[1] if nxt and nxt[0] == "text" and len(commands) == 1 else None
        if commands:
            shell.append(Example(commands, output))
    return shell, python


def matches(expected: str, actual: str) -> bool:
    """``actual`` has the lines of ``expected``, a ``...`` line standing for any lines."""
    pattern = "\n".join(".*?" if line == "..." else re.escape(line)
                        for line in expected.rstrip("\n").split("\n"))
    return re.fullmatch(pattern, actual.rstrip("\n"), re.S) is not None


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """An empty folder to run the examples in, with the package's data where the README's
    relative paths expect it."""
    work = tmp_path_factory.mktemp("readme")
    (work / "inspectkg").mkdir()
    (work / "inspectkg" / "data").symlink_to(ROOT / "inspectkg" / "data")
    return work


def _normalise(text: str, store: Path) -> str:
    text = text.replace(str(store), DEFAULT_STORE)
    return text.replace(str(sample_dir()) + "/", ".../")


def test_readme_examples_print_what_the_readme_shows(workdir, monkeypatch):
    shell, _ = examples(README.read_text(encoding="utf-8"))
    assert len(shell) >= 4 and sum(e.output is not None for e in shell) >= 3
    store = workdir / "store"
    monkeypatch.chdir(workdir)
    env = {"INSPECTKG_STORE": str(store), "COLUMNS": "100"}
    for example in shell:
        for command in example.commands:
            args = shlex.split(command)[1:]
            result = CliRunner().invoke(main, args, env=env)
            assert result.exit_code == 0, (command, result.output)
            if example.output is not None:
                out = _normalise(result.output, store)
                assert matches(example.output, out), (
                    f"README output of `{command}` differs; the real output is:\n{out}")


def test_readme_python_example_runs(workdir):
    _, python = examples(README.read_text(encoding="utf-8"))
    assert python
    for snippet in python:
        proc = subprocess.run([sys.executable, "-c", snippet], cwd=ROOT, capture_output=True,
                              text=True, env={"INSPECTKG_STORE": str(workdir / "py-store"),
                                              "PATH": "/usr/bin:/bin"}, timeout=300)
        assert proc.returncode == 0, proc.stderr


def test_readme_names_exactly_the_commands_that_take_store():
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "Every command takes `--store" not in text
    m = re.search(r"Every command that reads or writes the store \(([^)]*)\) takes `--store", text)
    assert m, "the README says which commands take --store"
    named = set(re.findall(r"`([\w-]+)`", m.group(1)))
    takes = {name for name, cmd in main.commands.items()
             if any(p.name == "store" for p in cmd.params)}
    assert named == takes


def test_matching_with_elision():
    assert matches("a\n...\nd", "a\nb\nc\nd")
    assert not matches("a\nd", "a\nb\nd")
    assert matches("a\n...", "a\nanything")
