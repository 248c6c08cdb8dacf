"""A damaged store, a folder that is not a store and a store in use each give one clear line,
never a traceback or RocksDB's own message; a folder that is not a store is left untouched."""

from __future__ import annotations

import glob
import subprocess
import sys
from pathlib import Path

import pytest

from inspectkg.errors import StoreError
from inspectkg.graph.build import build
from inspectkg.graph.store import open_store


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inspectkg.cli", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture()
def small_store(tmp_path, westminster_apa_2006) -> Path:
    path = tmp_path / "kg"
    store = open_store(path)
    build(store, [westminster_apa_2006])
    store.close()
    return path


@pytest.mark.parametrize("damage", ["current", "manifest", "table"])
def test_damaged_store_is_one_line_for_every_command(small_store, damage):
    if damage == "current":
        (small_store / "CURRENT").write_text("garbage\n")
    elif damage == "manifest":
        Path(glob.glob(str(small_store / "MANIFEST-*"))[0]).write_bytes(b"\xff" * 200)
    else:
        table = max(glob.glob(str(small_store / "*.sst")), key=lambda p: Path(p).stat().st_size)
        Path(table).write_bytes(Path(table).read_bytes()[:100])  # cut short
    with pytest.raises(StoreError, match="damaged"):
        open_store(small_store, read_only=True)
    for args in (["query", "counts"], ["trace", "-a", "Westminster"], ["validate"],
                 ["export", "--format", "nt"], ["build"]):
        out = _cli(*args, "--store", str(small_store))
        assert out.returncode != 0, args
        assert "Traceback" not in out.stderr and "Corruption" not in out.stderr, args
        assert "the store's files are damaged" in out.stderr, (args, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1, (args, out.stderr)


def test_a_folder_that_is_not_a_store(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes\n")
    for read_only in (True, False):
        with pytest.raises(StoreError, match="not an inspectkg store"):
            open_store(folder, read_only=read_only)
    out = _cli("query", "counts", "--store", str(folder))
    assert out.returncode != 0 and "not an inspectkg store" in out.stderr
    assert "IO error" not in out.stderr and "Traceback" not in out.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]  # nothing created in it


def test_a_store_in_use_by_a_build(small_store):
    writer = open_store(small_store)
    try:
        with pytest.raises(StoreError, match="in use by another"):
            open_store(small_store)
    finally:
        writer.close()
