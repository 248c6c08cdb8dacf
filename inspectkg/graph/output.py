"""Writing files a user asked for without harming anything else.

Never inside a store's own folder (an export named ``<store>/CURRENT`` would corrupt the
store), never through a symbolic link, and always said when an existing file is replaced.
A file is written beside its target and moved over it, so a failed write leaves the old one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import InspectKGError

# Files every embedded (RocksDB) store folder holds.
_STORE_MARKERS = ("CURRENT", "IDENTITY")


def is_store_folder(folder: Path) -> bool:
    """True for the folder of an embedded store (RocksDB's own files are there)."""
    return all((folder / name).is_file() for name in _STORE_MARKERS) and any(
        folder.glob("MANIFEST-*")
    )


def store_folder_of(path: str | Path) -> Path | None:
    """The store folder that ``path`` is, or lies in, if any (links resolved)."""
    p = Path(path).expanduser().resolve()
    for folder in (p, *p.parents):
        if folder.is_dir() and is_store_folder(folder):
            return folder
    return None


def refuse_store(path: str | Path, what: str = "write") -> None:
    """Refuse a target in a store's folder with one line."""
    folder = store_folder_of(path)
    if folder is not None:
        raise InspectKGError(
            f"{path}: is inside the store folder {folder}; will not {what} there "
            "(it would damage the store): choose a path outside it"
        )


def write_text(path: str | Path, text: str, *, follow_links: bool = True) -> bool:
    """Write ``text`` to ``path`` (creating folders) atomically; True if a file was replaced.

    ``follow_links=False`` refuses a target that is a symbolic link instead of writing where it
    points.
    """
    target = Path(path)
    refuse_store(target)
    if target.is_symlink() and not follow_links:
        raise InspectKGError(f"{target}: is a symbolic link; not written through it")
    if target.is_symlink():
        target = target.resolve()
    if target.exists() and not target.is_file():
        raise InspectKGError(f"{target}: exists and is not a regular file; not replaced")
    replaced = target.exists()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            if replaced:
                os.chmod(tmp, target.stat().st_mode & 0o777)
            else:
                os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InspectKGError(f"{target}: cannot write ({exc.strerror or exc})") from None
    return replaced


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
