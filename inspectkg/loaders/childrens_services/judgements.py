"""Evaluative sentences of a children's services report, as judgements on what they name.

The shared reader of evaluative sentences (``loaders.evaluative``) finds "<subject> is
<grade word>" wherever it is written; a sentence about an earlier inspection is left to the
references. The numbered paragraphs, summaries and bullets are read; the lists of what needs
to improve are recommendations, not judgements.
"""

from __future__ import annotations

import re

from ..evaluative import Evaluation, evaluate, sentences
from ..records import Judgement
from .body import Unit

MAX_SENTENCE = 1500
# "Although X is good, Y is not": the judgement is the main clause, after the comma.
_CONCESSIVE = re.compile(
    r"^(?:while|whilst|although|though|even\s+though|despite|if|when|where|unless|once|as|"
    r"in\s+(?:most|some|many|a\s+few)\b[^,]*)\b",
    re.I,
)
# Subjects that name no function: quantifiers and pronouns ("Most are good", "Some are very
# good", "Everyone is good at ..."), negated ones ("Not all assessments are good").
_NO_SUBJECT = re.compile(
    r"^(?:most|some|many|few|a\s+few|all|none|each|both|several|everyone|everybody|it|this|"
    r"these|those|they|that|there|one|others?)$|^(?:no|not\s+all|not\s+every|none\s+of)\b|"
    r"\b(?:there|neither|nor)\b|,\s*and$",
    re.I,
)


# A grade inside a clause of time or condition is not the sentence's judgement.
_SUBORDINATE_GRADE = re.compile(
    r"\b(?:before|until|unless|once|when|whenever|if|whether|or\s+when|so\s+that)\b[^,;]*$", re.I
)


def _before_grade(sentence: str, grade: str) -> str:
    at = sentence.lower().find(grade.lower())
    return sentence[:at] if at >= 0 else ""


def _evaluate(sentence: str) -> Evaluation | None:
    """The sentence's judgement of a named function, read from its main clause."""
    if _CONCESSIVE.match(sentence):
        head, comma, main = sentence.partition(", ")
        if not comma:
            return None
        found = evaluate(main[:1].upper() + main[1:])
        return found if found is None else Evaluation(
            sentence, found.subject, found.grade, found.polarity, found.earlier)
    return evaluate(sentence)


def read_judgements(units: list[Unit]) -> list[Judgement]:
    out: list[Judgement] = []
    seen: set[str] = set()
    for unit in units:
        if unit.kind == "item":
            continue
        for sentence in sentences(unit.text):
            if len(sentence) > MAX_SENTENCE or sentence in seen:
                continue
            ev = _evaluate(sentence)
            if ev is None or ev.earlier or _NO_SUBJECT.search(ev.subject.strip()):
                continue
            if _SUBORDINATE_GRADE.search(_before_grade(sentence, ev.grade)):
                continue  # "... assessed too many times before intervention is effective"
            seen.add(sentence)
            out.append(
                Judgement(
                    quote=sentence,
                    line=unit.line_of(sentence),
                    grade=ev.grade,
                    subject=ev.subject,
                    paragraph=unit.paragraph,
                    section=unit.section,
                    heading=unit.heading,
                    polarity=ev.polarity,
                )
            )
    return out
