"""Sentences in which a report speaks of an earlier inspection, visit or its recommendations.

Children's services reports say what became of the last inspection in a few set ways: "Since
the last inspection in 2018, ...", "This was a recommendation at the last inspection.", "when
services were judged to be inadequate", "The areas for improvement identified at the last
inspection have been addressed", "the third monitoring visit since the local authority was
judged inadequate in 2019". Each such sentence becomes a reference with the year it names
(if any) and what it says: a judgement of the time, a repeated recommendation, recommendations
addressed or not, or just a mention.
"""

from __future__ import annotations

import re

from ..evaluative import sentences
from ..records import Reference
from .body import Unit

_EARLIER = re.compile(
    r"\b(?:(?:the|its|this|their)\s+(?:last|previous|prior|most\s+recent|earlier|preceding)"
    r"(?:\s+(?:full|standard|short|single|ilacs|sif|ofsted|graded|local\s+authority))*\s+"
    r"(?:inspections?|re-?inspections?|visits?|focused\s+visits?|monitoring\s+visits?|"
    r"judgements?)|"
    r"(?:since|at|following|after|before|in)\s+the\s+(?:(?:19|20)\d\d\s+)?(?:single\s+|ilacs\s+"
    r"|sif\s+|full\s+|standard\s+)?(?:inspection|re-?inspection|focused\s+visit)\s+(?:in|of)\s+"
    r"(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d|"
    r"(?:the|a|an)\s+(?:(?:19|20)\d\d|[A-Z][a-z]+\s+(?:19|20)\d\d)\s+(?:inspection|focused\s+"
    r"visit|monitoring\s+visit|re-?inspection)|"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|\d+(?:st|nd|rd|th))\s+"
    r"monitoring\s+visit|"
    r"(?:focused|monitoring)\s+visits?\s+(?:in|of|to)\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d|"
    r"(?:was|were|had\s+been|being)\s+(?:last\s+)?(?:judged|graded)\s+(?:to\s+be\s+|as\s+)?"
    r"(?:inadequate|requires?\s+improvement|good|outstanding|adequate)\s+(?:in|at)\s+"
    r"(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d|"
    r"when\s+(?:it\s+was|they\s+were|services\s+were|the\s+\w+(?:\s+\w+)?\s+(?:was|were))\s+"
    r"(?:judged|graded|found)|"
    r"(?:previous|last)\s+ofsted\s+inspections?|"
    r"(?:ofsted|inspectors)\s+(?:last\s+(?:visited|inspected)|(?:visited|inspected)\s+last)|"
    r"ofsted['’]s\s+(?:last|previous)\s+(?:inspection|visit)|"
    r"(?:at|since)\s+the\s+time\s+of\s+the\s+(?:last\s+|previous\s+)?inspection\s+in\s+"
    r"(?:19|20)\d\d|"
    r"(?:in\s+)?(?:19|20)\d\d,?\s+ofsted\s+(?:conducted|carried\s+out|undertook)|"
    r"(?:previous|last|earlier)\s+(?:[\w-]+\s+){1,6}?inspections?\s+(?:in|of)\s+(?:[A-Z][a-z]+\s+)?"
    r"(?:19|20)\d\d|"
    r"predecessor\s+(?:local\s+)?authority[^.]{0,80}\b(?:judged|graded)|"
    r"(?:identified|highlighted|raised)\s+(?:at|in|during)\s+(?:the\s+)?(?:previous|last|earlier)\s+"
    r"(?:inspections?|visits?|monitoring\s+visits?)|"
    r"(?:earlier|previous)\s+(?:monitoring|focused)\s+visits?|"
    r"(?:since|at|following)\s+the\s+(?:previous|last)\s+(?:[\w’'-]+\s+){1,8}?inspection\b|"
    r"\b(?:was|were)\s+(?:last\s+)?inspected\s+(?:by\s+ofsted\s+)?in\s+(?:[A-Z][a-z]+\s+)?"
    r"(?:19|20)\d\d|as\s+(?:was\s+the\s+case|it\s+was|they\s+were)\s+at\s+the\s+(?:last|previous))",
    re.I,
)
_RECOMMENDATION = re.compile(
    r"\b(?:recommendations?|areas?\s+for\s+(?:improvement|development|priority\s+action)|"
    r"areas?\s+(?:identified\s+)?(?:for|as\s+(?:needing|requiring))\s+(?:improvement|development|"
    r"to\s+improve)|"
    r"priority\s+actions?|shortfalls|weaknesses|deficits|what\s+needs\s+to\s+improve)\b",
    re.I,
)
_REPEATED = re.compile(
    r"\b(?:this|these|it|which|that)\s+(?:was|were|is|are|remains?|has\s+been|had\s+been)\s+"
    r"(?:also\s+|again\s+|previously\s+)?(?:identified\s+as\s+|raised\s+as\s+)?(?:an?\s+|one\s+"
    r"of\s+the\s+)?(?:recommendations?|areas?\s+for\s+(?:improvement|development)|issues?|"
    r"concerns?|weakness(?:es)?|shortfalls?)\b.{0,60}?\b(?:last|previous|prior|inspection\s+in\s+"
    r"(?:19|20)\d\d|(?:19|20)\d\d\s+inspection)|"
    r"\b(?:identified|raised|highlighted|recommended)\s+(?:as\s+an?\s+area\s+for\s+improvement\s+)?"
    r"(?:at|in|during)\s+the\s+(?:last|previous)\s+(?:inspection|visit)|"
    r"\bwas\s+a\s+recommendation\s+(?:made\s+)?(?:at|from|in|arising\s+from)\s+the\s+(?:last|"
    r"previous)",
    re.I,
)
_NOT_MET = re.compile(
    r"\b(?:not\s+(?:yet\s+|been\s+|fully\s+|sufficiently\s+|adequately\s+)*(?:been\s+)?"
    r"(?:addressed|implemented|resolved|tackled|acted\s+(?:up)?on|improved|met|progressed|achieved|embedded)|remains?\s+(?:an?\s+)?"
    r"(?:area|weakness|concern|issue)|insufficient\s+progress|little\s+progress|slow\s+progress|"
    r"continues?\s+to\s+be|still\b|not\s+yet\s+led\s+to|not\s+(?:successfully\s+)?(?:delivered|"
    r"achieved|resulted)|(?:not|yet\s+to\s+be)\s+(?:fully\s+)?(?:addressed|implemented))",
    re.I,
)
_MET = re.compile(
    r"\b(?:(?:progress|improvement)\s+is\s+(?:evident|clear|seen)|much\s+progress|"
    r"(?:been|were)\s+(?:\w+\s+)?(?:dealt\s+with|actioned)|"
    r"(?:responded|responding)\s+(?:positively|well|effectively)\s+to|(?:progressed|implemented|"
    r"addressed|acted\s+on)\s+(?:and\s+\w+\s+)?(?:all\s+|the\s+|most\s+|each\s+)?(?:identified\s+)?"
    r"(?:recommendations?|areas?)|(?:have|has|had)\s+(?:been\s+)?(?:(?:successfully|robustly|effectively|fully|largely|"
    r"mostly|all|now)\s+)*(?:addressed|implemented|resolved|tackled|acted\s+(?:up)?on|met)|"
    r"(?:good|strong|significant|considerable|sustained|steady)\s+progress)\b",
    re.I,
)
_GRADE_WORDS = (
    r"(?:requires?|requiring)\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate|adequate|"
    r"satisfactory"
)
_GRADE = re.compile(
    r"\b(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate|adequate)\b",
    re.I,
)
_JUDGED = re.compile(r"\b(?:judged|graded|found|rated)\b|\bwhen\s+\w+\s+(?:was|were)\b", re.I)
_THEN_JUDGED = re.compile(
    r"^(?:the\s+local\s+authority|it|they|services|the\s+service|the\s+overall\s+\w+(?:\s+\w+)?)"
    r"\s+(?:was|were)\s+(?:(?:judged|graded|found|rated)\s+(?:to\s+be\s+|as\s+)?)?['‘]?"
    r"(?:requires?\s+improvement|outstanding|good|inadequate|adequate|satisfactory)\b",
    re.I,
)
# Other Ofsted inspections a report lists (of its children's homes, schools): not of this series.
_OTHER_SETTINGS = re.compile(
    r"\bchildren['’]s\s+homes?\b|\b(?:in|at)\s+(?:their|its)\s+most\s+recent\b|"
    r"\bschools?\b[^.]{0,40}?\bjudged\b|\bhomes?\s+(?:was|were)\s+judged|\bproviders?\b[^.]{0,30}"
    r"\bjudged\b",
    re.I,
)
# A sentence whose subject is the one before it: "This was ...", "These were ...", "It was ...".
_POINTS_BACK = re.compile(r"^(?:this|these|that|those|it|they|such\s+\w+)\b", re.I)
_JUDGED_GRADE = re.compile(
    r"\b(?:was|were)\s+(?:judged|graded|rated)\s+(?:to\s+be\s+|as\s+)?['‘]?(?:requires?\s+"
    r"improvement|outstanding|good|inadequate|adequate|satisfactory)\b",
    re.I,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+((?:19|20)\d\d)\b"
)
_MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
# A sentence longer than this is extraction gone wrong, not a sentence: not read.
MAX_SENTENCE = 1500


def _kind(sentence: str) -> str:
    if _RECOMMENDATION.search(sentence):
        if (_NOT_MET.search(sentence) or re.search(r"\bremain\w*\b|\bnot\s+all\b", sentence, re.I)
                or re.match(r"^despite\b", sentence, re.I)):
            return "recommendations_not_met"
        if _MET.search(sentence):
            return "recommendations_addressed"
    if _REPEATED.search(sentence):
        return "previous_recommendation"
    if _GRADE.search(sentence) and _JUDGED.search(sentence):
        return "previous_judgement"
    if re.search(r"\b(?:focused|monitoring)\s+visit", sentence, re.I):
        return "previous_visit"
    return "previous_inspection"


def _date(sentence: str, before: str | None) -> str | None:
    """The month or year of the earlier event the sentence names (not after the report)."""
    limit = before[:4] if before else "9999"
    m = _MONTH_YEAR.search(sentence)
    if m and m.group(2) <= limit:
        return f"{m.group(2)}-{_MONTHS[m.group(1)]:02d}"
    # "Since the previous inspection in 2018 and a focused visit in 2019": the inspection's year
    m = re.search(r"\binspection\b[^.;]{0,25}?\b((?:19|20)\d\d)\b", sentence, re.I)
    if m and m.group(1) <= limit:
        return m.group(1)
    years = [y for y in _YEAR.findall(sentence) if y <= limit]
    return years[0] if years else None


_EARLIER_GRADE = (
    re.compile(rf"(?P<g>{_GRADE_WORDS})\b[^.;]{{0,30}}?,?\s+as\s+(?:was\s+the\s+case|it\s+was|they"
               r"\s+were)\s+at\s+the\s+(?:last|previous)", re.I),
    re.compile(r"\b(?:judged|graded|found|rated)\b[^.;]{0,40}?\b(?:to\s+be\s+|as\s+)?['‘’]?"
               rf"(?P<g>{_GRADE_WORDS})\b", re.I),
    re.compile(r"\b(?:judgements?|rating)\b[^.;]{0,60}?\b(?:was|were)\s+['‘’]?"
               rf"(?P<g>{_GRADE_WORDS})\b", re.I),
    re.compile(r"^(?:the\s+local\s+authority|it|they|services|the\s+service)\s+(?:was|were)\s+"
               rf"['‘]?(?P<g>{_GRADE_WORDS})\b", re.I),
)


def _earlier_grade(sentence: str) -> str | None:
    """The grade an earlier inspection gave, as the sentence words it."""
    for pattern in _EARLIER_GRADE:
        m = pattern.search(sentence)
        if m:
            return " ".join(m.group("g").lower().split())
    return None


def read_references(units: list[Unit], report_date: str | None) -> list[Reference]:
    """Every sentence about an earlier inspection or visit, in report order, each once."""
    refs: list[Reference] = []
    seen: set[str] = set()
    for unit in units:
        if unit.kind == "item":
            continue
        said = sentences(unit.text)
        for k, sentence in enumerate(said):
            if len(sentence) > MAX_SENTENCE or sentence in seen:
                continue
            if not (_EARLIER.search(sentence) or _REPEATED.search(sentence)):
                continue
            if _OTHER_SETTINGS.search(sentence):
                continue  # the inspections of the authority's children's homes, schools ...
            seen.add(sentence)
            kind = _kind(sentence)
            grade = _earlier_grade(sentence) if kind == "previous_judgement" else None
            quote = sentence
            # "The previous inspection ... was in September 2011. The local authority was
            # judged to be good.": the judgement of that inspection is the next sentence.
            after = said[k + 1] if k + 1 < len(said) else ""
            if kind == "previous_inspection" and (_THEN_JUDGED.match(after) or (
                    _JUDGED_GRADE.search(after) and not _EARLIER.search(after))):
                kind, grade = "previous_judgement", _earlier_grade(after.split(". ")[0])
                quote = f"{sentence} {after}"
                seen.add(after)
            context = said[k - 1] if k > 0 and _POINTS_BACK.match(sentence) else None
            refs.append(
                Reference(
                    quote=quote,
                    line=unit.line_of(sentence),
                    kind=kind,
                    paragraph=unit.paragraph,
                    date=_date(sentence, report_date),
                    grade=grade,
                    context=context,
                )
            )
    return refs
