"""The words of judgement: grade words of both scales, their polarity, and the adverbs,
copulas and connectives that come between a subject and its grade."""

from __future__ import annotations

import re

# Grade words of the LEA inspection scale and of Ofsted's later four-point scale (children's
# services: outstanding, good, requires improvement (to be good), inadequate), longest first
# so "very good" wins over "good".
GRADE_WORDS = (
    "requires improvement to be good",
    "requires improvement",
    "highly satisfactory",
    "very good",
    "very poor",
    "unsatisfactory",
    "satisfactory",
    "outstanding",
    "inconsistent",
    "inadequate",
    "ineffective",
    "excellent",
    "effective",
    "adequate",
    "variable",
    "sound",
    "good",
    "poor",
    "strong",
    "weak",
)
POSITIVE = {
    "outstanding", "excellent", "very good", "good", "strong", "effective", "highly satisfactory",
    "strength",
}
NEGATIVE = {
    "unsatisfactory", "poor", "very poor", "weak", "ineffective", "inadequate", "variable",
    "inconsistent",
    "requires improvement", "not good enough", "insufficient", "weakness",
}
# "not <grade>" as the grade it means.
NOT_MEANS = {
    "effective": "ineffective",
    "satisfactory": "unsatisfactory",
    "adequate": "inadequate",
    "good enough": "not good enough",
    "yet good": "not good enough",
    "strong enough": "not good enough",
    "consistently good": "not good enough",
    "good": "not good enough",
}
_CANONICAL = {"requires improvement to be good": "requires improvement"}
PRESENT = (
    r"(?:is|are|remains?|continues? to be|has become|have become|is now|are now|has been|"
    r"have been|seems? to be|appears? to be)"
)
PAST = r"(?:was|were|had been|has been judged|have been judged)"
ADVERBS = (
    r"(?:(?:now|still|also|generally|broadly|largely|mainly|mostly|overall|consistently|"
    r"very(?!\s+(?:good|poor)\b)|highly|at least|therefore|judged|judged to be|graded as|"
    r"judged as|at present|currently|already|once again|again|only|quite|reasonably|fairly|"
    r"increasingly|usually|often|typically|always|clearly|particularly|especially|"
    r"sufficiently|rightly|"
    r"demonstrably|uniformly),?\s+)*"
)
GRADE = "|".join(re.escape(w) for w in GRADE_WORDS)
# Other predicates listed before the grade: "is valued, of good quality", "is purposeful and
# effective".
LISTED = r"(?:[\w'-]+(?:,|\s+and)\s+){0,3}?"
# Nouns a grade word qualifies without judging a function: "good evidence that", "good
# examples of", "insufficient time", "a good number of".
NOT_JUDGED = (
    r"(?!(?:evidence|examples?|indications?|signs?|reasons?|chances?|deal|number|proportion|"
    r"percentage|time|scope|opportunit(?:y|ies)|idea|many|few|following)\b)"
)
CONNECTIVE = re.compile(
    r"^(?:however|overall|nevertheless|consequently|in addition|as a result|in general|"
    r"furthermore|moreover|similarly|importantly|by contrast|in contrast|at present|"
    r"currently|crucially|in particular|now|also|additionally|for most children|for example|"
    r"(?:in|for)\s+(?:many|most|some|all|several|other|a\s+few)\s+(?:areas|cases|respects|"
    r"schools|ways|children)|indeed|therefore)\s*,?\s+",
    re.IGNORECASE,
)
# An adverbial phrase before the subject: "During the past two years, ...".
LEAD_PHRASE = re.compile(
    r"^(?:during|in|at|since|over|for|within|by|following|after|before|throughout|across|"
    r"compared\s+with|despite|given|as\s+a\s+result\s+of)\b[^,]{1,80},\s+",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(?:not|never|no|cannot|nor)\b", re.IGNORECASE)


def polarity(grade: str) -> str | None:
    """"positive", "negative" or None for the middle of the scale."""
    g = grade.lower()
    if g in POSITIVE:
        return "positive"
    if g in NEGATIVE or g.startswith("too "):
        return "negative"
    return None


def grade_of(word: str) -> str:
    g = " ".join(word.lower().split())
    return _CANONICAL.get(g, g)
