"""How specifically a later text speaks to a recommendation's issue.

A recommendation is about its distinctive words ("return home interviews", "pathway plans",
"18 weeks"), not about its service alone or the words every report uses ("ensure", "children",
"practice"). Each word counts by its rarity across a whole corpus of reports (inverse document
frequency, from a model fitted once on the development corpus and shipped with the package, so
the same texts score the same whatever else the store holds), and runs of two or three rare
words that the later text repeats in order count again as matched phrases. The result carries
the words and phrases that matched, as they are written, for the link's evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import snowballstemmer

from ..services.matching import boundaries, tokenize

# Words that carry no issue: grammar, and the verbs with which every recommendation starts.
_GRAMMAR = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves within without whether across via per upon including include includes ensure
    ensures ensuring improve improves improving improved continue continues continuing develop
    develops developing strengthen strengthens strengthening increase further make makes sure
    take takes taken review reviews reviewing consider considers considering undertake
    undertakes undertaken need needs needed use used using work works working well way ways
    time times timely quality level levels effective effectively good better best appropriate
    appropriately all every always consistently consistent clear clearly robust robustly full
    fully sufficient sufficiently regular regularly high higher local authority authorities
    council service services child children young people person family families practice
    provision support supports supported arrangement arrangements area areas""".split()
)
K1 = 1.2
B = 0.75
AVERAGE_WORDS = 40.0
MAX_PHRASE = 3


@dataclass(frozen=True)
class Term:
    stem: str
    text: str  # as written


@dataclass(frozen=True)
class IssueMatch:
    """How a later text matches a recommendation: a 0..1 coverage and what matched."""

    coverage: float  # share of the recommendation's rare-word weight found in the text
    phrase_coverage: float  # share of its weight found inside matched phrases
    strongest: float  # the rarest word matched (idf, 0 if none)
    words: tuple[str, ...]  # matched words, rarest first, as the recommendation writes them
    phrases: tuple[str, ...]  # matched phrases of two or three words, as written

    @property
    def matched(self) -> tuple[str, ...]:
        """Phrases first, then the words not inside a phrase: what the link shows."""
        inside = {w.lower() for p in self.phrases for w in p.split()}
        return self.phrases + tuple(w for w in self.words if w.lower() not in inside)


class IdfModel:
    """Document frequencies of word stems in a corpus of report passages."""

    def __init__(self, documents: int, frequencies: dict[str, int]) -> None:
        self.documents = max(documents, 1)
        self.frequencies = frequencies
        self._unseen = math.log(1 + self.documents)
        self._idf: dict[str, float] = {}  # asked for again with every recommendation

    def idf(self, stem: str) -> float:
        value = self._idf.get(stem)
        if value is None:
            df = self.frequencies.get(stem)
            value = self._unseen if df is None else math.log(
                1 + (self.documents - df + 0.5) / (df + 0.5))
            self._idf[stem] = value
        return value

    @classmethod
    def fit(cls, texts: list[str]) -> IdfModel:
        df: Counter[str] = Counter()
        for text in texts:
            df.update({t.stem for t in content_terms(text)})
        return cls(len(texts), dict(df))

    def dumps(self) -> str:
        lines = [f"#documents\t{self.documents}"]
        lines += [f"{s}\t{n}" for s, n in sorted(self.frequencies.items()) if n > 1]
        return "\n".join(lines) + "\n"

    @classmethod
    def loads(cls, text: str) -> IdfModel:
        documents, freqs = 1, {}
        for line in text.splitlines():
            key, _, value = line.partition("\t")
            if key == "#documents":
                documents = int(value)
            elif key and value:
                freqs[key] = int(value)
        return cls(documents, freqs)


@lru_cache(maxsize=1)
def default_model() -> IdfModel:
    """The model fitted on the development corpus (``scripts/fit_idf.py`` makes it again)."""
    return IdfModel.loads((files("inspectkg.graph.links") / "idf.tsv").read_text("utf-8"))


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def root(word: str) -> str:
    """A word's Snowball stem, so "fostered", "fostering" and "foster" meet."""
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(root, start, end) of each word that can carry an issue's meaning, grammar left out."""
    out = []
    for stem, start, end in tokenize(text[:20000]):
        if len(stem) < 2 or stem in _GRAMMAR:
            continue
        out.append((root(stem), start, end))
    return tuple(out)


@lru_cache(maxsize=65536)
def content_terms(text: str) -> tuple[Term, ...]:
    """The words of a text that can carry an issue, in order (cached: a later passage is
    matched against every recommendation of the authority)."""
    return tuple(Term(r, text[s:e]) for r, s, e in _tokens(text))


@lru_cache(maxsize=65536)
def _frequencies(text: str) -> tuple[Counter[str], int]:  # cached: callers never change it
    """How often each content word occurs in a text, and how many there are."""
    terms = content_terms(text)
    return Counter(t.stem for t in terms), len(terms)


@lru_cache(maxsize=65536)
def _phrases(text: str) -> dict[tuple[str, ...], str]:  # cached: callers never change it
    """Runs of two or three consecutive content words (no stop or comma between them)."""
    toks = tokenize(text[:20000])
    gaps = boundaries(text, toks)
    out: dict[tuple[str, ...], str] = {}
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        for n in range(2, MAX_PHRASE + 1):
            for i in range(len(run) - n + 1):
                part = run[i : i + n]
                out.setdefault(tuple(p[0] for p in part), text[part[0][1] : part[-1][2]])

    for k, (stem, start, end) in enumerate(toks):
        if stem in _GRAMMAR or len(stem) < 2 or gaps[k] > 0:
            flush()
            run = []
        if stem not in _GRAMMAR and len(stem) >= 2:
            run.append((root(stem), start, end))
    flush()
    return out


def clear_caches() -> None:
    """Forget the words of the texts seen so far (the linker calls it between authorities)."""
    for cached in (content_terms, _frequencies, _tokens, _phrases):
        cached.cache_clear()


def match(recommendation: str, later: str, model: IdfModel | None = None) -> IssueMatch:
    """How specifically ``later`` speaks to the issue of ``recommendation`` (BM25 weights)."""
    model = model or default_model()
    rec_terms = content_terms(recommendation)
    tf, n_later = _frequencies(later)
    if not rec_terms or not n_later:
        return IssueMatch(0.0, 0.0, 0.0, (), ())
    norm = 1 - B + B * n_later / AVERAGE_WORDS
    weights: dict[str, float] = {}
    surface: dict[str, str] = {}
    for t in rec_terms:
        weights.setdefault(t.stem, model.idf(t.stem))
        surface.setdefault(t.stem, t.text)
    total = sum(weights.values()) or 1.0
    found: dict[str, float] = {}
    for s, w in weights.items():
        if tf[s]:
            saturation = tf[s] * (K1 + 1) / (tf[s] + K1 * norm)
            found[s] = w * min(saturation / (K1 + 1) * 2, 1.0)
    coverage = sum(found.values()) / total
    rec_phrases = _phrases(recommendation)
    later_phrases = _phrases(later)
    shared = [p for p in rec_phrases if p in later_phrases]
    # keep the longest phrases: a pair inside a matched triple is not shown twice
    shared = [p for p in shared if not any(len(q) > len(p) and _inside(p, q) for q in shared)]
    phrase_stems = {s for p in shared for s in p}
    phrase_cov = sum(weights.get(s, 0.0) for s in phrase_stems) / total
    words = tuple(surface[s] for s in sorted(found, key=lambda s: (-weights[s], s)))
    return IssueMatch(
        coverage=round(min(coverage, 1.0), 4),
        phrase_coverage=round(min(phrase_cov, 1.0), 4),
        strongest=round(max((weights[s] for s in found), default=0.0), 4),
        words=words,
        phrases=tuple(sorted((rec_phrases[p] for p in shared), key=str.lower)),
    )


def coverages(recommendation: str, laters: list[str],
              model: IdfModel | None = None) -> list[float | None]:
    """``match(recommendation, later, model).coverage`` of each later text (None where they
    share no word), the recommendation's weights worked out once: the first, cheap pass of the
    ranking runs it over every item of a later report."""
    model = model or default_model()
    rec_terms = content_terms(recommendation)
    if not rec_terms:
        return [None] * len(laters)
    weights: dict[str, float] = {}
    for t in rec_terms:
        weights.setdefault(t.stem, model.idf(t.stem))
    total = sum(weights.values()) or 1.0
    out: list[float | None] = []
    for later in laters:
        tf, n_later = _frequencies(later)
        if not n_later:
            out.append(None)
            continue
        norm = 1 - B + B * n_later / AVERAGE_WORDS
        found: dict[str, float] = {}
        for s, w in weights.items():
            n = tf.get(s)
            if n:
                saturation = n * (K1 + 1) / (n + K1 * norm)
                found[s] = w * min(saturation / (K1 + 1) * 2, 1.0)
        out.append(round(min(sum(found.values()) / total, 1.0), 4) if found else None)
    return out


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“(])")


def best_sentence(recommendation: str, passage: str,
                  model: IdfModel | None = None) -> tuple[str, IssueMatch]:
    """The sentence of a passage that speaks most specifically to the recommendation."""
    best: tuple[str, IssueMatch] | None = None
    for sentence in _SENTENCE.split(passage) or [passage]:
        m = match(recommendation, sentence, model)
        if best is None or (m.coverage, m.phrase_coverage) > (best[1].coverage,
                                                               best[1].phrase_coverage):
            best = (sentence, m)
    assert best is not None
    return best
