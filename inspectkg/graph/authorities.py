"""The register of English education authorities, and resolving the names reports use.

Reports name an authority in many ways ("THE CITY OF WESTMINSTER LOCAL EDUCATION AUTHORITY",
"Westminster City Council", "City of Westminster"); all must meet at one node. The register
(``data/authorities.csv``) lists each authority per code period with its DfE LA number, GSS code
and validity dates; the row valid at a report's date supplies the codes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..samples import register_csv
from .iris import slug

# Words that say what kind of body an authority is, not which one it is.
_NOISE = re.compile(
    r"\b(?:the|local\s+education\s+authority|lea|local\s+authority|council|county\s+council|"
    r"city\s+council|borough\s+council|metropolitan(?:\s+borough)?(?:\s+council)?|"
    r"london\s+borough\s+of|royal\s+borough\s+of|borough\s+of|corporation\s+of|borough|"
    r"children['’]?s\s+services(?:\s+authority)?|ua|unitary\s+authority|"
    r"(?:local\s+)?safeguarding\s+children(?:['’]s)?\s+(?:board|partnership)|lscb)\b",
    re.IGNORECASE,
)
_CITY = re.compile(r"^city\s+of\s+|\s+city$", re.IGNORECASE)


@dataclass(frozen=True)
class RegisterRow:
    """One authority during one code period."""

    la_number: str
    gss_code: str | None
    name: str
    alt_names: tuple[str, ...]
    type: str
    valid_from: str | None
    valid_to: str | None

    def valid_on(self, date: str | None) -> bool:
        """True if the row applies on an ISO date (a year or year-month counts as its start)."""
        if not date:
            return self.valid_to is None
        day = _as_day(date)
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass(frozen=True)
class Authority:
    """A resolved authority: its node slug, display name and the register row for the date."""

    slug: str
    name: str
    row: RegisterRow | None
    name_used: str
    in_register: bool


def _as_day(date: str) -> str:
    parts = date.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts[:3])


def name_key(name: str) -> str:
    """A comparable form of an authority name: lower case, no kind-of-body words or punctuation."""
    text = name.replace("&", " and ")
    text = re.sub(r"\(([^)]*)\)", r" \1 ", text)
    text = _NOISE.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text.lower())
    text = " ".join(text.split())
    return _CITY.sub("", text).strip()


class Register:
    """Lookup of authorities by any of their names, at a date."""

    def __init__(self, rows: list[RegisterRow]) -> None:
        self.rows = rows
        self._by_key: dict[str, list[RegisterRow]] = {}
        for row in rows:
            for name in (row.name, *row.alt_names):
                self._by_key.setdefault(name_key(name), []).append(row)
        self._slugs = self._slug_table()

    @classmethod
    def from_csv(cls, path: Path) -> Register:
        with path.open(encoding="utf-8", newline="") as f:
            rows = [
                RegisterRow(
                    la_number=r["dfe_la_code"].strip(),
                    gss_code=r["gss_code"].strip() or None,
                    name=r["name"].strip(),
                    alt_names=tuple(a.strip() for a in r["alt_names"].split("|") if a.strip()),
                    type=r["type"].strip(),
                    valid_from=r["valid_from"].strip() or None,
                    valid_to=r["valid_to"].strip() or None,
                )
                for r in csv.DictReader(f)
            ]
        return cls(rows)

    def _slug_table(self) -> dict[str, str]:
        """LA number -> node slug, from the name of the number's latest row.

        Numbers whose latest names coincide share a node: a county renumbered at
        reorganisation stays one authority.
        """
        latest: dict[str, RegisterRow] = {}
        for row in self.rows:
            cur = latest.get(row.la_number)
            if cur is None or (row.valid_from or "") > (cur.valid_from or ""):
                latest[row.la_number] = row
        return {num: slug(name_key(_display_name(row.name))) for num, row in latest.items()}

    def candidates(self, name: str) -> list[RegisterRow]:
        """Rows any of whose names matches the given name."""
        return list(self._by_key.get(name_key(name), []))

    def resolve(self, name: str | None, date: str | None = None) -> Authority | None:
        """The authority a report names, with the register row valid at the report's date.

        An authority missing from the register still resolves, to a readable slug of the name
        as printed, with ``in_register`` False so that the build can report it.
        """
        if not name or not name_key(name):
            return None
        rows = self.candidates(name)
        if not rows:
            key = name_key(name)
            return Authority(slug(key), _display_name(name), None, name, in_register=False)
        valid = [r for r in rows if r.valid_on(date)] if date else []
        row = valid[0] if valid else max(rows, key=lambda r: r.valid_from or "")
        return Authority(
            slug=self._slugs[row.la_number],
            name=_display_name(row.name),
            row=row,
            name_used=name,
            in_register=True,
        )

    def slug_of(self, row: RegisterRow) -> str:
        """The node slug of the authority a register row belongs to."""
        return self._slugs[row.la_number]

    def rows_for_slug(self, authority_slug: str) -> list[RegisterRow]:
        """Every code period of the authority behind a node slug."""
        return [r for r in self.rows if self._slugs.get(r.la_number) == authority_slug]


def _display_name(name: str) -> str:
    """"Bristol, City of" -> "City of Bristol"; other names unchanged."""
    m = re.match(r"^(.+?),\s*(City of|County of|City and County of)$", name.strip())
    return f"{m.group(2)} {m.group(1)}" if m else name.strip()


@lru_cache(maxsize=1)
def default_register() -> Register:
    """The register shipped with the package."""
    return Register.from_csv(register_csv())
