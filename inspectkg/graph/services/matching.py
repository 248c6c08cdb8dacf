"""Finding the labels of a SKOS scheme in report text: words, light stemming, phrase matching.

Matching favours precision: whole words and phrases, case-insensitive, with plural tolerance; a
phrase inside a longer one found is dropped ("school place" in "no school place"); a phrase never
runs across a full stop or bracket, nor across a comma its label lacks. The service classifier
and the grade and status look-ups all match through this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][sS]\b)?|&")
_HARD_BREAK = re.compile(r"[.;:!?()\[\]\n]")


def stem(word: str) -> str:
    """A lower-case word with its plural ending removed, so "exclusions" meets "exclusion"."""
    if re.fullmatch(r"[A-Z][A-Z0-9]+s", word):  # plural of an abbreviation: PRUs, SENCOs
        word = word[:-1]
    w = word.lower()
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("sses"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w



def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) for each word of the text; "&" counts as "and"."""
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        out.append(("and" if raw == "&" else stem(raw), m.start(), m.end()))
    return out


def boundaries(text: str, toks: Sequence[tuple[str, int, int]]) -> list[int]:
    """What separates each word from the one before it: 0 space, 1 comma, 2 a stop or bracket.

    A phrase must not run across a stop, nor across a comma its label does not have, so
    "(school, governors, contractor)" does not read as "school governors".
    """
    out = [0]
    for (_, _, prev_end), (_, start, _) in zip(toks, toks[1:], strict=False):
        gap = text[prev_end:start]
        out.append(2 if _HARD_BREAK.search(gap) else 1 if "," in gap else 0)
    return out


def _closed_up(label: str) -> str | None:
    """The label with its hyphens closed up ("under-performing" -> "underperforming")."""
    return re.sub(r"(?<=\w)-(?=\w)", "", label) if re.search(r"\w-\w", label) else None


def label_forms(label: str) -> set[tuple[str, ...]]:
    """The stem sequences a label matches: as written, and with its hyphens closed up."""
    variants = [label, _closed_up(label)]
    forms = {tuple(t for t, _, _ in tokenize(v)) for v in variants if v}
    return {f for f in forms if f}


@dataclass(frozen=True)
class Match:
    """One label found in a text: which key it names, where, and the words as written."""

    key: str
    start: int  # first token index
    end: int  # one past the last token index
    text: str  # the matched words, verbatim


class PhraseMatcher:
    """Finds labels (stem sequences) in texts; a phrase inside a longer one found is dropped."""

    def __init__(self, labels: Iterable[tuple[str, str]]) -> None:
        """Index (key, label) pairs by their first stem, longest label first."""
        self._index: dict[str, list[tuple[tuple[str, ...], tuple[int, ...], str]]] = {}
        best: dict[tuple[tuple[str, ...], str], tuple[int, ...]] = {}
        for key, label in labels:
            for variant in (label, _closed_up(label)):
                if not variant:
                    continue
                toks = tokenize(variant)
                form = tuple(t for t, _, _ in toks)
                if not form:
                    continue
                seps = tuple(boundaries(variant, toks))
                old = best.get((form, key))
                # The same words may be written with and without commas: allow the most.
                best[(form, key)] = seps if old is None else tuple(map(max, old, seps))
        for (form, key), seps in best.items():
            self._index.setdefault(form[0], []).append((form, seps, key))
        for entries in self._index.values():
            entries.sort(key=lambda e: (-len(e[0]), e[0], e[2]))

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in text order."""
        toks = tokenize(text)
        stems = [t for t, _, _ in toks]
        seps = boundaries(text, toks)
        candidates: list[Match] = []
        for i, s in enumerate(stems):
            for form, label_seps, key in self._index.get(s, ()):
                n = len(form)
                if tuple(stems[i : i + n]) != form:
                    continue
                if any(seps[i + k] > label_seps[k] for k in range(1, n)):
                    continue
                words = text[toks[i][1] : toks[i + n - 1][2]]
                candidates.append(Match(key, i, i + n, words))
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start, m.key))
        taken: list[Match] = []
        for m in candidates:
            if any(k.start <= m.start and m.end <= k.end for k in taken):
                continue  # inside a longer phrase: "school place" in "no school place"
            taken.append(m)
        return sorted(taken, key=lambda m: (m.start, m.key))
