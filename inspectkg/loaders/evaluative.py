"""Evaluative sentences of Ofsted LEA inspections: "<function> is <grade>".

Inspectors grade a function in a fixed register: the function named first, a present-tense
copula, optional adverbs, then a grade word from the inspection scale ("Support for literacy
remains satisfactory", "The strategy for SEN is poor"). Sentences about the past ("was judged
unsatisfactory at the last inspection") are read separately as judgements of the earlier
inspection, so that a report's own judgements are never confused with the ones it quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Grade words of the LEA inspection scale, longest first so "very good" wins over "good".
GRADE_WORDS = (
    "highly satisfactory",
    "very good",
    "very poor",
    "unsatisfactory",
    "satisfactory",
    "inadequate",
    "ineffective",
    "excellent",
    "effective",
    "adequate",
    "sound",
    "good",
    "poor",
    "strong",
    "weak",
)
POSITIVE = {"excellent", "very good", "good", "strong", "effective", "highly satisfactory"}
NEGATIVE = {"unsatisfactory", "poor", "very poor", "weak", "ineffective", "inadequate"}

_PRESENT = r"(?:is|are|remains?|continues? to be|has become|have become|is now|are now)"
_PAST = r"(?:was|were|had been|has been judged|have been judged)"
_ADVERBS = (
    r"(?:(?:now|still|also|generally|broadly|largely|mainly|mostly|overall|consistently|"
    r"very|highly|at least|therefore|judged|judged to be|graded as|judged as|at present|"
    r"currently|already|once again|again|only),?\s+)*"
)
_GRADE = "|".join(re.escape(w) for w in GRADE_WORDS)
_JUDGEMENT = re.compile(
    rf"^(?P<subject>.+?)\s+(?P<verb>{_PRESENT})\s+{_ADVERBS}(?P<grade>{_GRADE})\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_PAST_JUDGEMENT = re.compile(
    rf"\b(?P<verb>{_PAST})\s+(?:(?:judged|graded|found|assessed)\s+(?:as\s+|to\s+be\s+)?)?"
    rf"{_ADVERBS}(?P<grade>{_GRADE})\b",
    re.IGNORECASE,
)
_EARLIER = re.compile(
    r"\b(?:previous|first|last|earlier|original|initial)\s+(?:LEA\s+)?(?:inspection|report|"
    r"OFSTED report)s?\b",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(
    r"^(?:however|overall|nevertheless|consequently|in addition|as a result|in general|"
    r"furthermore|moreover|similarly|importantly|by contrast|in contrast|at present|"
    r"currently|crucially|in particular|now)\s*,?\s+",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z0-9\"'‘“(])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|cf|no|nos|para|paras|Mr|Mrs|Ms|Dr|St|vs)\.$", re.I)
# A subject longer than this is a clause, not the name of a function.
MAX_SUBJECT_WORDS = 16


@dataclass(frozen=True)
class Evaluation:
    """A graded function found in a sentence."""

    sentence: str
    subject: str
    grade: str
    polarity: str | None
    earlier: bool  # True when the sentence grades the function at an earlier inspection


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "e.g." whole."""
    parts: list[str] = []
    buf = ""
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        chunk = text[pos : m.start()]
        pos = m.end()
        buf = f"{buf} {chunk}".strip() if buf else chunk.strip()
        if _ABBREVIATION.search(buf):
            continue
        parts.append(buf)
        buf = ""
    tail = text[pos:].strip()
    buf = f"{buf} {tail}".strip() if buf else tail
    if buf:
        parts.append(buf)
    return parts


def polarity(grade: str) -> str | None:
    """"positive", "negative" or None for the middle of the scale."""
    g = grade.lower()
    if g in POSITIVE:
        return "positive"
    if g in NEGATIVE:
        return "negative"
    return None


def evaluate(sentence: str) -> Evaluation | None:
    """The function and grade a sentence states, or None if it grades nothing."""
    m = _JUDGEMENT.match(sentence)
    if m and not _negated(m.group("subject")):
        subject = _CONNECTIVE.sub("", m.group("subject").strip(" ,;"))
        subject = _SUBORDINATE.sub("", subject)
        subject = re.sub(r",\s*(?:however|therefore|though|too)$", "", subject, flags=re.I)
        if _is_clause(subject):
            subject = _last_conjunct(subject)
        words = subject.split()
        if 0 < len(words) <= MAX_SUBJECT_WORDS and not _is_clause(subject):
            grade = m.group("grade").lower()
            return Evaluation(sentence, subject, grade, polarity(grade), earlier=False)
    past = _PAST_JUDGEMENT.search(sentence)
    if past and _EARLIER.search(sentence):
        grade = past.group("grade").lower()
        subject = _CONNECTIVE.sub("", sentence[: past.start()].strip(" ,;"))
        return Evaluation(sentence, subject, grade, polarity(grade), earlier=True)
    return None


def _last_conjunct(subject: str) -> str:
    """The noun phrase after the last "and"/"but" of a compound sentence's clause."""
    parts = re.split(r"(?:,|;)?\s+(?:and|but)\s+|;\s+", subject)
    tail = _CONNECTIVE.sub("", parts[-1].strip(" ,;")) if len(parts) > 1 else ""
    return tail if len(tail.split()) >= 2 else subject


def _negated(subject: str) -> bool:
    return bool(re.search(r"\b(?:not|no longer|never)$", subject.strip(), re.IGNORECASE))


_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|cannot|will|would|should|could|may|might|must|"
    r"do|does|did|be|been|being|works|feels|says|said|thinks|believes|considers|"
    r"that|which|who|whether|because|where)\b",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(r"^(?:while|whilst|although|though|since|as|if|when)\s+", re.I)


def _is_clause(subject: str) -> bool:
    """A subject that holds a verb of its own is a clause, not the name of a function.

    "There is good evidence", "The LEA's assessment is that the planning", "Patrols are
    carried out and there" all grade nothing the inspectors name.
    """
    if subject.lower() in {"there", "this", "that", "these", "those"}:
        return True
    if re.match(r"^the\s+following\b", subject, re.I):
        return True
    return bool(_FINITE.search(subject))
