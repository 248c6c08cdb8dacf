"""Evaluative sentences: what a sentence of an inspection report grades, and how.

Inspectors grade a function in a fixed register: the function named first, a present-tense
copula, optional adverbs, then a grade word ("Support for literacy remains satisfactory", "The
strategy for SEN is poor", "Practice is consistently strong"), or a few other forms
(`forms`). Every kind of report uses this reader: LEA inspections (1998-2005) and children's
services reports (2013-) with Ofsted's four-point scale. Sentences about the past ("was
judged unsatisfactory at the last inspection") are read separately as judgements of the
earlier inspection, so that a report's own judgements are never confused with the ones it
quotes. Aims, recommendations and wishes ("to ensure that ...") grade nothing.

`words` holds the grade words and their polarity, `subjects` tells a noun phrase from a
clause, `forms` reads one clause; this module splits text into sentences and a sentence into
the clauses it tries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .forms import current
from .words import (
    ADVERBS,
    CONNECTIVE,
    GRADE,
    GRADE_WORDS,
    NEGATION,
    NEGATIVE,
    PAST,
    POSITIVE,
    grade_of,
    polarity,
)

_PAST_JUDGEMENT = re.compile(
    rf"\b(?P<verb>{PAST})\s+(?:(?:judged|graded|found|assessed)\s+(?:as\s+|to\s+be\s+)?)?"
    rf"{ADVERBS}(?P<grade>{GRADE})\b",
    re.IGNORECASE,
)
_EARLIER = re.compile(
    r"\b(?:previous|first|last|earlier|original|initial)\s+(?:LEA\s+)?(?:inspection|report|"
    r"OFSTED report)s?\b",
    re.IGNORECASE,
)
# Where a clause may start inside a sentence: after "that" of reported speech ("confirm that
# support ... is unsatisfactory"), a coordinating conjunction or a semicolon.
_CLAUSE_START = re.compile(
    r"(?:\bthat|;|,?\s+(?:and|but|while|whilst|although|though|whereas|so))\s+(?=\S)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z0-9\"'‘“(])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|cf|no|nos|para|paras|Mr|Mrs|Ms|Dr|St|vs)\.$", re.I)
# From here on a sentence states an aim: "... to ensure that its work is effective".
_AIM = re.compile(r"\b(?:ensure|ensures|ensuring|so\s+that|in\s+order\s+to)\b", re.IGNORECASE)
# Verbs that open a recommendation ("Ensure that ...", "Improve the quality of ...").
_IMPERATIVE = frozenset(
    """ensure improve make develop review strengthen establish increase reduce introduce
    continue consider implement monitor urgently""".split()
)
# A "that" clause after these states an aim or a wish, not a finding: "It is Ofsted's
# expectation that all children receive good help", "more to do to ensure that ...".
_WISH = re.compile(
    r"\b(?:expectations?|expects?|expected|aims?|ambitions?|intentions?|intends?|requirements?|"
    r"requires?|need|needs|ensure|ensures|ensuring|hopes?|hoped|wants?|targets?|so)\s*,?\s*$",
    re.IGNORECASE,
)
# Longer than this, text is not one sentence (a page of prose without full stops): nothing in it
# is read as a judgement, and the work per sentence stays bounded.
MAX_SENTENCE_CHARS = 1500
# At most this many clauses of one sentence are tried.
MAX_CLAUSES = 8


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
    buf: list[str] = []  # the pieces of a sentence that abbreviations split
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        chunk = text[pos : m.start()].strip()
        pos = m.end()
        if chunk:
            buf.append(chunk)
        if _ABBREVIATION.search(chunk[-8:]):
            continue
        if buf:
            parts.append(" ".join(buf))
        buf = []
    tail = text[pos:].strip()
    if tail:
        buf.append(tail)
    if buf:
        parts.append(" ".join(buf))
    return parts


def _this_report(clause: str, sentence: str) -> Evaluation | None:
    found = current(clause)
    if found is None:
        return None
    subject, grade = found
    return Evaluation(sentence, subject, grade, polarity(grade), earlier=False)


def evaluate(sentence: str) -> Evaluation | None:
    """The function and grade a sentence states, or None if it grades nothing.

    The whole sentence is tried first, then each clause that starts inside it (after "that",
    "and", "but", a semicolon ...), so "Support has improved and is now good" and "Inspectors
    confirm that support for X is unsatisfactory" are read too.
    """
    if len(sentence) > MAX_SENTENCE_CHARS:
        return None
    opening = CONNECTIVE.sub("", sentence).split()[:1]
    if opening and opening[0].lower() in _IMPERATIVE:
        return None  # a recommendation: "Improve plans so that they are of a good standard"
    found = _this_report(sentence, sentence)
    if found is None:
        aim = _AIM.search(sentence)
        for n, m in enumerate(_CLAUSE_START.finditer(sentence)):
            if n >= MAX_CLAUSES or (aim and m.start() >= aim.start()):
                break  # what is to be ensured is not a finding
            if m.group(0).lower().startswith("that") and (
                NEGATION.search(sentence[: m.start()]) or _WISH.search(sentence[: m.start()])
            ):
                continue  # "does not demonstrate that ...", "to ensure that ..."
            found = _this_report(sentence[m.end() :], sentence)
            if found is not None:
                break
    if found is not None:
        return found
    past = _PAST_JUDGEMENT.search(sentence)
    if past and _EARLIER.search(sentence):
        grade = grade_of(past.group("grade"))
        subject = CONNECTIVE.sub("", sentence[: past.start()].strip(" ,;"))
        return Evaluation(sentence, subject, grade, polarity(grade), earlier=True)
    return None


__all__ = [
    "GRADE_WORDS", "MAX_SENTENCE_CHARS", "NEGATIVE", "POSITIVE", "Evaluation", "evaluate",
    "polarity", "sentences",
]
