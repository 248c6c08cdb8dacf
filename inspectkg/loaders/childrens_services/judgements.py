"""Evaluative sentences of a children's services report, as judgements on what they name.

The shared reader of evaluative sentences (``loaders.evaluative``) finds "<subject> is
<grade word>" wherever it is written; a sentence about an earlier inspection is left to the
references. The numbered paragraphs, summaries and bullets are read; the lists of what needs
to improve are recommendations, not judgements.
"""

from __future__ import annotations

from ..evaluative import evaluate, sentences
from ..records import Judgement
from .body import Unit

MAX_SENTENCE = 1500


def read_judgements(units: list[Unit]) -> list[Judgement]:
    out: list[Judgement] = []
    seen: set[str] = set()
    for unit in units:
        if unit.kind == "item":
            continue
        for sentence in sentences(unit.text):
            if len(sentence) > MAX_SENTENCE or sentence in seen:
                continue
            ev = evaluate(sentence)
            if ev is None or ev.earlier:
                continue
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
