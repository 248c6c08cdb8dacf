"""Seeded mutations of real reports, shared by the fuzz tests and `benchmarks/fuzz.py`.

A case number fixes everything (which seed text, which mutations, where), so any case a run
reports can be replayed alone. The mutations are the damage files really suffer: cut short,
lines duplicated, shuffled or lost, huge lines (a PDF extracted without line breaks, a run of
spaces), thousands of blank lines, control characters, tabs turned into spaces, flipped bytes,
and every encoding a user's file may have.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from dataclasses import dataclass

from inspectkg.samples import sample

SAMPLES = (
    "westminster-lea-inspection-2002",
    "leicester-lea-inspection-2001",
    "westminster-apa-2006",
    "westminster-cabinet-action-plan-2010",
)


def sample_texts() -> dict[str, str]:
    """The bundled real reports, by name."""
    return {name: sample(name).read_text(encoding="utf-8") for name in SAMPLES}


def _lines(text: str) -> list[str]:
    return text.split("\n")


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


# Mutations that grow a text stop near this size: a long report, not a memory test.
MAX_GROWTH = 300_000


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    block = lines[i : i + rng.randint(1, 60)]
    times = min(rng.randint(2, 40), 1 + MAX_GROWTH // max(1, sum(map(len, block))))
    return "\n".join(lines[:i] + block * times + lines[i:])


def shuffle_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    part = lines[i : i + rng.randint(2, 400)]
    rng.shuffle(part)
    return "\n".join(lines[:i] + part + lines[i + len(part) :])


def delete_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    return "\n".join(lines[:i] + lines[i + rng.randint(1, 80) :])


def huge_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    size = rng.choice((5_000, 30_000, 100_000))
    unit = rng.choice(
        (" ", "\t", ".", "-", "a", "word ", "|", "* ", "<b>", "__", ", and ", "Grade 3 ",
         "Being healthy ", "(Recommendation 1) ", "is good. ", rng.choice(lines) + " ")
    ) or " "
    line = (unit * (size // len(unit) + 1))[:size]
    where = rng.randrange(len(lines))
    if rng.random() < 0.5:  # the line's own words, then the run
        line = lines[where] + line
    return "\n".join(lines[:where] + [line] + lines[where + 1 :])


def one_line(rng: random.Random, text: str) -> str:
    """The whole report on one line, as a PDF extracted without line breaks gives it."""
    return rng.choice((" ", "  ", "\t")).join(_lines(text))


def blank_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    blanks = [rng.choice(("", " ", "\t", "   "))] * rng.choice((1_000, 5_000, 20_000))
    return "\n".join(lines[:i] + blanks + lines[i:])


def control_chars(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 12)):
        chars.insert(rng.randrange(len(chars) + 1), chr(rng.choice((0, 1, 7, 8, 11, 12, 27, 127,
                                                                       0x85, 0x2028, 0xFEFF))))
    return "".join(chars)


def tabs_to_spaces(rng: random.Random, text: str) -> str:
    return text.replace("\t", " " * rng.choice((1, 2, 4, 8)))


def html_cells(rng: random.Random, text: str) -> str:
    """Table cells as converted HTML prints them, some empty."""
    cell = rng.choice(("<td></td>", "<td> </td>", "<td>", "</td>", "<tr><td></td></tr>"))
    return text.replace("\t", f"\t{cell}\t", rng.randint(1, 50))


def splice(rng: random.Random, text: str, other: str) -> str:
    """Part of another report put into this one."""
    a = rng.randrange(len(other))
    piece = other[a : a + rng.randint(100, 20_000)]
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


TEXT_MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "truncate": truncate,
    "duplicate-lines": duplicate_lines,
    "shuffle-lines": shuffle_lines,
    "delete-lines": delete_lines,
    "huge-line": huge_line,
    "one-line": one_line,
    "blank-lines": blank_lines,
    "control-chars": control_chars,
    "tabs-to-spaces": tabs_to_spaces,
    "html-cells": html_cells,
}


def _utf16(rng: random.Random, text: str) -> bytes:
    codec = rng.choice(("utf-16-le", "utf-16-be"))
    bom = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE)
    data = text.encode(codec, errors="surrogatepass")
    return bom + data if rng.random() < 0.5 else data


ENCODINGS: dict[str, Callable[[random.Random, str], bytes]] = {
    "utf-8": lambda rng, t: t.encode("utf-8", errors="surrogatepass"),
    "utf-8-bom": lambda rng, t: codecs.BOM_UTF8 + t.encode("utf-8", errors="surrogatepass"),
    "cp1252": lambda rng, t: t.encode("cp1252", errors="replace"),
    "latin-1": lambda rng, t: t.encode("latin-1", errors="replace"),
    "utf-16": _utf16,
    "crlf": lambda rng, t: t.replace("\n", "\r\n").encode("utf-8", errors="surrogatepass"),
    "cr": lambda rng, t: t.replace("\n", "\r").encode("utf-8", errors="surrogatepass"),
    "stray-cp1252": lambda rng, t: _stray_byte(rng, t.encode("utf-8", errors="surrogatepass")),
}


def _stray_byte(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytes([rng.choice((0x92, 0x93, 0x96, 0xA3, 0xE9, 0x81))]) + data[at:]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


@dataclass(frozen=True)
class Case:
    """One fuzz input: the bytes a loader is given, and how they were made."""

    number: int
    seed: str
    steps: tuple[str, ...]
    data: bytes

    @property
    def description(self) -> str:
        return f"case {self.number}: {self.seed} + {' + '.join(self.steps) or 'unchanged'}"


def make_case(number: int, seeds: dict[str, str]) -> Case:
    """The case of this number: a seed text, one to three text mutations, an encoding."""
    rng = random.Random(number)
    names = sorted(seeds)
    name = rng.choice(names)
    text = seeds[name]
    steps: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        if rng.random() < 0.08:
            other = rng.choice(names)
            text = splice(rng, text, seeds[other])
            steps.append(f"splice({other})")
            continue
        step = rng.choice(sorted(TEXT_MUTATIONS))
        text = TEXT_MUTATIONS[step](rng, text)
        steps.append(step)
    encoding = rng.choice(sorted(ENCODINGS))
    data = ENCODINGS[encoding](rng, text)
    steps.append(encoding)
    if rng.random() < 0.1:
        data = flip_bytes(rng, data)
        steps.append("flip-bytes")
    return Case(number, name, tuple(steps), data)
