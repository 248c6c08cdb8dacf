"""Which files a build reads: every odd path a user names, or a folder holds, gets one line
naming it and the reason, and the good files beside it still load; nothing blocks."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectkg.cli import main
from inspectkg.loaders import files


def _build(*args: str):
    return CliRunner().invoke(main, ["build", *args])


@pytest.fixture
def good(tmp_path: Path, westminster_apa_2006: Path) -> Path:
    path = tmp_path / "good.txt"
    shutil.copy(westminster_apa_2006, path)
    return path


def test_a_fifo_named_on_the_command_line_is_refused_without_blocking(tmp_path, good):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # A plain open() of a FIFO with no writer never returns: run in a subprocess with a timeout.
    proc = subprocess.run(
        [sys.executable, "-m", "inspectkg.cli", "build", str(fifo), str(good),
         "--store", str(tmp_path / "kg")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert f"error {fifo}: is a named pipe (FIFO), not a report file" in proc.stderr
    assert f"ok    {good}: apa_letter, Westminster" in proc.stdout
    assert "1 loaded, 1 failed" in proc.stderr


def test_odd_entries_of_a_folder_each_get_a_line_and_the_rest_loads(tmp_path, good):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(good, folder / "sub" / "letter.txt")
    (folder / "not-a-file.txt").mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    (folder / "sub" / "up").symlink_to(folder)
    (folder / ".hidden").write_text("x")
    result = _build(str(folder), "--store", str(tmp_path / "kg"))
    assert result.exit_code == 1, result.output
    out = result.output
    assert f"error {folder / 'not-a-file.txt'}: is a folder, not a report file" in out
    assert f"error {folder / 'pipe.txt'}: is a named pipe (FIFO), not a report file" in out
    assert f"error {folder / 'dangling.txt'}: is a dangling symbolic link" in out
    assert f"error {folder / 'loop-a'}: is a symbolic link loop" in out
    assert f"error {folder / 'loop-b'}: is a symbolic link loop" in out
    assert f"error {folder / 'sub' / 'up'}: is a symbolic link loop" in out
    assert f"ok    {folder / 'sub' / 'letter.txt'}: apa_letter" in out
    assert ".hidden" not in out
    assert "1 loaded, 6 failed" in out


def test_an_unreadable_file_gets_a_line_and_the_good_file_beside_it_loads(
    tmp_path, good, monkeypatch
):
    locked = tmp_path / "locked.txt"
    shutil.copy(good, locked)
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any file: make the open fail as it would for a user
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if Path(path) == locked:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(files.os, "open", refuse)
    result = _build(str(locked), str(good), "--store", str(tmp_path / "kg"))
    assert result.exit_code == 1, result.output
    assert f"error {locked}: cannot be read (Permission denied)" in result.output
    assert f"ok    {good}: apa_letter" in result.output
    assert "1 loaded, 1 failed" in result.output


def test_a_missing_file_and_a_dangling_link_named_on_the_command_line(tmp_path, good):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    result = _build(str(tmp_path / "missing.txt"), str(link), str(good),
                    "--store", str(tmp_path / "kg"))
    assert result.exit_code == 1
    assert f"error {tmp_path / 'missing.txt'}: no such file" in result.output
    assert f"error {link}: is a dangling symbolic link" in result.output
    assert "1 loaded, 2 failed" in result.output


def test_read_bytes_refuses_what_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(files.LoadError, match="named pipe"):
        files.read_bytes(fifo)
    with pytest.raises(files.LoadError, match="is a folder"):
        files.read_bytes(tmp_path)
    if Path("/dev/null").exists():
        with pytest.raises(files.LoadError, match="device"):
            files.read_bytes("/dev/null")


def test_old_import_places_still_work():
    from inspectkg.graph.build import _is_candidate, report_paths
    from inspectkg.loaders.base import read_bytes

    assert read_bytes is files.read_bytes
    assert report_paths is files.report_paths
    assert _is_candidate is files.is_candidate


def test_build_quiet_prints_only_failures(tmp_path, good):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = _build("-q", str(good), "--store", str(tmp_path / "kg"))
    assert result.exit_code == 0
    assert result.output == ""
    result = _build("-q", str(good), str(empty), "--store", str(tmp_path / "kg"))
    assert result.exit_code == 1
    assert result.output.strip() == f"error {empty}: file is empty"
