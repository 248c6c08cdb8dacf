"""Splitting a cell of an APA strengths table into its items.

Converted letters often lose the bullets of the "Key strengths / Key areas for improvement"
cells, so one cell arrives as a run of words ("... in child protection low rate of ..."). The
splitter finds where each item starts from the words alone, keeping every item's words verbatim.
"""

from __future__ import annotations

import re

from ..text import squash
from .lines import NP_BLOCKERS, is_bullet, unbullet

_BULLET_CHARS = re.compile(r"\s*[•·▪◦]\s*")
NONE = re.compile(
    r"^\W*(?:none|nil|n/?a|no\s+(?:key\s+)?(?:areas?|strengths?|weaknesses?)\b.*"
    r"|none\s+(?:identified|noted|found|at\s+(?:this|the\s+present|present)\s+time)\b.*)\W*$",
    re.I,
)
# Evaluative adjectives, participles and quantifiers that open an item ("good promotion of ...").
_STARTERS = frozenset(
    """good very effective high higher low lower strong stronger clear clearer improved improving
    reduced reducing increased increasing sustained continued continuing consistent weak weaker
    more comprehensive challenging robust rigorous excellent outstanding successful better poor
    poorer limited insufficient inconsistent slow rising falling declining innovative timely
    positive secure significant considerable greater fewer less lack too wide extensive thorough
    coherent prompt proactive exemplary inadequate unsatisfactory satisfactory adequate variable
    raising ensuring developing strengthening extending maintaining promoting securing tackling
    addressing embedding the a an all""".split()
)
# Topic nouns that often open an item ("attainment at Key Stages 1 and 2"); weaker evidence, so
# they start an item only after a word that surely ends a noun phrase.
_TOPICS = frozenset(
    """access achievement attainment attendance availability capacity commitment consultation
    delivery duration engagement identification implementation involvement leadership outcomes
    participation partnership partnerships performance progress promotion provision quality
    recruitment standards support take-up timeliness transition use""".split()
)
_NOT_ADVERBS = frozenset("family supply assembly anomaly early july italy".split())
_NOT_PLURALS = frozenset(
    """various previous serious numerous across always perhaps thus plus whereas its has was this
    his yes does goes less unless towards afterwards""".split()
)
_IRREGULAR_PLURALS = frozenset("children people men women staff".split())
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,}s?$")
_CLAUSE_END = re.compile(r"(?<=[.;])\s+(?=\S)")
_PUNCTUATION = ",;:.\"'’"


def split_items(cell: str) -> list[str]:
    """Split a table cell whose bullets were lost into its items, words verbatim and in order.

    Bullets, full stops and semicolons are hard boundaries. Within a run, an item starts at an
    evaluative word, a determiner or an acronym ("... in child protection low rate of ...") or
    at a topic noun ("... early years attainment at ...") - but only where the previous word can
    end a noun phrase: never after a preposition, determiner, conjunction, adverb, possessive,
    comma or another starter. A line break is a boundary where the next line opens an item.
    "none identified" means no items. Only a final full stop is stripped.
    """
    cell = cell.strip()
    if not cell or NONE.match(cell):
        return []
    if _BULLET_CHARS.search(cell) or any(is_bullet(x) for x in cell.split("\n")):
        pieces = [unbullet(p) for p in re.split(r"\s*[•·▪◦]\s*|\n(?=\s*[-–*o•]\s)", cell)]
        return [item for item in (finish(p) for p in pieces) if item and not NONE.match(item)]
    items: list[str] = []
    for chunk in _CLAUSE_END.split(cell):
        items.extend(_split_run(chunk))
    return [item for item in (finish(x) for x in items) if item]


def finish(item: str) -> str:
    """An item's words on one line without a final full stop, as every list item is kept."""
    item = squash(item)
    return item[:-1].rstrip() if item.endswith(".") else item


def _split_run(chunk: str) -> list[str]:
    """Split one run of words at the item starts `split_items` describes."""
    tokens = _tokens(chunk)
    items: list[list[str]] = [[]]
    for i, (word, after_break) in enumerate(tokens):
        current = items[-1]
        if current and i + 1 < len(tokens) and _starts_item(tokens, i, len(current), after_break):
            items.append([])
        items[-1].append(word)
    return [" ".join(words) for words in items if words]


def _tokens(chunk: str) -> list[tuple[str, bool]]:
    """Words of a chunk, each marked with whether a line break came before it."""
    tokens: list[tuple[str, bool]] = []
    for n, line in enumerate(chunk.split("\n")):
        for k, word in enumerate(line.split()):
            tokens.append((word, n > 0 and k == 0))
    return tokens


def _starts_item(tokens: list[tuple[str, bool]], i: int, item_len: int, after_break: bool) -> bool:
    """Whether word i opens a new item, judged by the word and the two words before it."""
    word = tokens[i][0]
    prev = tokens[i - 1][0]
    before = tokens[i - 2][0] if i >= 2 else None
    if not _can_end_np(prev, before):
        return False
    kind = _starter_kind(word)
    if after_break and (kind or word[:1].isupper()):
        return True
    if item_len < 2:
        return False
    if kind == "strong":
        return True
    return kind == "topic" and _surely_ends_np(prev, before)


def _starter_kind(word: str) -> str | None:
    """ "strong" for evaluative words, determiners and acronyms, "topic" for topic nouns."""
    if word.startswith("("):
        return None
    bare = word.strip(_PUNCTUATION).lower()
    head = bare.split("-")[0]
    if bare in _STARTERS or (head in _STARTERS and "-" in bare and head not in {"the", "a", "an"}):
        return "strong"
    if bare.startswith("well-"):
        return "strong"
    if _ACRONYM.match(word.strip(_PUNCTUATION)):
        return "strong"
    if bare in _TOPICS:
        return "topic"
    return None


def _can_end_np(word: str, before: str | None) -> bool:
    """Whether a noun phrase can end with `word` (so an item may end there)."""
    if word.endswith((",", ";", ":", "-", "/", "(")):
        return False
    bare = word.strip("\"'’()").lower()
    if bare in NP_BLOCKERS or bare.endswith(("'s", "’s", "s'", "s’")):
        return False
    if bare.endswith("ly") and bare not in _NOT_ADVERBS:
        return False
    if before is not None and before.lower() == "to":  # "to cover", "to improve": a verb
        return False
    return _starter_kind(word) != "strong" or bool(_ACRONYM.match(word.strip(_PUNCTUATION)))


def _surely_ends_np(word: str, before: str | None) -> bool:
    """Stronger evidence for a topic noun: a plural, a number, an -ity noun or a gerund noun."""
    bare = word.strip("\"'’()").lower()
    if _starter_kind(word) is not None:
        return False
    if word.endswith(")"):  # "(NEET)", "(CAMHS)": an acronym spelt out closes a noun phrase
        return True
    if any(ch.isdigit() for ch in bare) or bare in _IRREGULAR_PLURALS or bare.endswith("ity"):
        return True
    if bare.endswith("ing"):
        return before is not None and _can_end_np(before, None) and _starter_kind(before) is None
    return (
        len(bare) > 3
        and bare.endswith("s")
        and not bare.endswith(("ss", "us", "is"))
        and bare not in _NOT_PLURALS
    )
