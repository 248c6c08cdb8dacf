"""Which files a build reads, and reading one file's bytes without ever blocking.

Everything a user names, or a folder holds, either becomes a file to read or gets one line
saying why not: a named pipe would block a plain ``open`` forever, a dangling or looping symbolic
link or a folder named like a report would otherwise vanish without a word.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import LoadError
from ..samples import sample_paths

# File names a folder may hold that are never reports.
SKIP_NAMES = {"readme", "readme.md", "readme.txt", "license", "licence", ".ds_store"}
# Suffixes of report files: a folder inside a folder that is named so is a mistake worth a line.
REPORT_SUFFIXES = {".txt", ".pdf"}


@dataclass(frozen=True)
class Candidate:
    """A path to load, or one that cannot be a report and why (``problem``)."""

    path: Path
    problem: str | None = None


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a report file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a report file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a report file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a report file"
    return "is not a regular file"


def _link_problem(path: Path) -> str | None:
    """Why a symbolic link cannot be followed (dangling, a loop), or None if it can."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop"
        if exc.errno == errno.ENOENT:
            return f"is a dangling symbolic link (to {os.readlink(path)}, which does not exist)"
        return f"cannot be read ({exc.strerror or exc})"
    return None


def candidates(paths: Iterable[str | Path] | None) -> list[Candidate]:
    """Every path a build looks at: the bundled samples when none are given; the files of a
    folder (recursively, hidden files, READMEs and licences left out); each with its problem."""
    given = list(paths or [])
    if not given:
        return [Candidate(p) for p in sample_paths()]
    out: list[Candidate] = []
    for p in map(Path, given):
        if p.is_symlink() and (problem := _link_problem(p)):
            out.append(Candidate(p, problem))
        elif p.is_dir():
            out.extend(_walk(p, set()))
        elif not p.exists():
            out.append(Candidate(p, "no such file"))
        else:
            out.append(Candidate(p, _kind_of(p.stat().st_mode)))
    return out


def _walk(folder: Path, seen: set[tuple[int, int]]) -> list[Candidate]:
    """The candidates of one folder, following links to folders once (never round a loop)."""
    st = folder.stat()
    if (st.st_dev, st.st_ino) in seen:
        return [Candidate(folder, "is a symbolic link loop (a folder already read)")]
    seen = seen | {(st.st_dev, st.st_ino)}
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        return [Candidate(folder, f"folder cannot be read ({exc.strerror or exc})")]
    out: list[Candidate] = []
    for entry in entries:
        name = entry.name.lower()
        if name.startswith(".") or name in SKIP_NAMES:
            continue
        if entry.is_symlink() and (problem := _link_problem(entry)):
            out.append(Candidate(entry, problem))
        elif entry.is_dir():
            if entry.suffix.lower() in REPORT_SUFFIXES:
                out.append(Candidate(entry, "is a folder, not a report file"))
            else:
                out.extend(_walk(entry, seen))
        else:
            out.append(Candidate(entry, _kind_of(entry.stat().st_mode)))
    return out


def report_paths(paths: Iterable[str | Path] | None) -> list[Path]:
    """The paths a build looks at (those with a problem too: reading them says why)."""
    return [c.path for c in candidates(paths)]


def is_candidate(path: Path) -> bool:
    """A file of a folder that may be a report (a regular file, not hidden, not a README)."""
    name = path.name.lower()
    return path.is_file() and not name.startswith(".") and name not in SKIP_NAMES


def read_bytes(path: str | Path) -> bytes:
    """A report file's bytes, or a one-line reason why there are none.

    The file is opened without blocking and checked to be a regular file before it is read,
    so a named pipe or a device is refused instead of waiting forever.
    """
    p = Path(path)
    if p.is_symlink() and (problem := _link_problem(p)):
        raise LoadError(p, problem)
    if not p.exists():
        raise LoadError(p, "no such file")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise LoadError(p, "is a folder, not a report file") from None
    except OSError as exc:
        raise LoadError(p, f"cannot be read ({exc.strerror or exc})") from None
    problem = _kind_of(os.fstat(fd).st_mode)
    if problem:
        os.close(fd)
        raise LoadError(p, problem)
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read()
        except OSError as exc:
            raise LoadError(p, f"cannot be read ({exc.strerror or exc})") from None
