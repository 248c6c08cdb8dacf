"""The bundled sample reports and the authority register that ship with the package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_DATA = files("inspectkg") / "data"


def sample_dir() -> Path:
    """Folder of the bundled sample reports (copies of real published reports)."""
    return Path(str(_DATA / "samples"))


SAMPLE_SUFFIXES = (".txt", ".pdf")


def sample_paths() -> list[Path]:
    """Every bundled sample report (text and PDF), sorted by file name."""
    return sorted(p for p in sample_dir().iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


def sample(name: str) -> Path:
    """One bundled sample report by file name or stem, e.g. ``westminster-apa-2006``."""
    for path in sample_paths():
        if name in (path.name, path.stem):
            return path
    raise KeyError(f"no bundled sample report named {name!r}")


def register_csv() -> Path:
    """The authority register: English education authorities with their codes over time."""
    return Path(str(_DATA / "authorities.csv"))
