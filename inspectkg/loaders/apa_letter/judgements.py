"""Judgements in the prose of an APA letter: what a sentence grades, and how.

A judgement is a sentence whose predicate opens with a grade word ("Support for looked after
children is good", "There is good progress on ...", "Particularly effective is ..."). Its
subject is what is graded; its polarity says whether the grade is praise, allowing for measures
where less is better ("rates of teenage conception are below ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..records import Judgement
from ..text import squash
from .sections import Section, sentences

# Grade words and phrases a judgement may use, mapped to the controlled value kept.
GRADE_WORDS: dict[str, str] = {
    "outstanding": "outstanding",
    "excellent": "excellent",
    "very good": "very good",
    "good": "good",
    "satisfactory": "satisfactory",
    "unsatisfactory": "unsatisfactory",
    "adequate": "adequate",
    "inadequate": "inadequate",
    "very poor": "poor",
    "poor": "poor",
    "strong": "strong",
    "weak": "weak",
    "ineffective": "ineffective",
    "effective": "effective",
    "unsuccessful": "unsuccessful",
    "successful": "successful",
    "well above": "well above",
    "well below": "well below",
    "above": "above",
    "below": "below",
    "broadly in line with": "in line with",
    "in line with": "in line with",
    "close to": "in line with",
    "similar to": "in line with",
    "high": "high",
    "low": "low",
    "improved": "improved",
    "improving": "improved",
    "declined": "declined",
    "declining": "declined",
    "deteriorated": "declined",
    "well established": "well established",
    "well developed": "well developed",
    "well managed": "well managed",
    "well coordinated": "well coordinated",
    "well co-ordinated": "well coordinated",
    "well embedded": "well embedded",
    "well led": "well led",
    "well planned": "well planned",
    "well organised": "well organised",
    "well targeted": "well targeted",
    "strength": "strength",
    "weakness": "weakness",
    "concern": "concern",
    "variable": "variable",
    "inconsistent": "inconsistent",
}
_POSITIVE = (
    frozenset(
        """outstanding excellent good strong effective successful improved strength""".split()
    )
    | {"very good"}
    | {
        g
        for g in GRADE_WORDS.values()
        if g.startswith("well ") and g not in ("well above", "well below")
    }
)
_NEGATIVE = frozenset(
    """inadequate unsatisfactory poor weak ineffective unsuccessful declined weakness concern
    variable inconsistent""".split()
)
_UP = frozenset({"above", "well above", "high"})
_DOWN = frozenset({"below", "well below", "low"})
# Grades that describe a thing someone has or gives ("a strong commitment"), not a comparison.
_QUALITY = _POSITIVE | _NEGATIVE | {"satisfactory", "adequate", "high", "low"}


def _phrase_rx(phrases: Iterable[str]) -> str:
    """One alternation of the phrases, longest first, so "very good" wins over "good"."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(
        r"\s+".join(re.escape(w) for w in p.split()).replace(r"\-", r"[\s-]?") for p in ordered
    )


_GRADE_RX = _phrase_rx(GRADE_WORDS)
_ADVERB = (
    r"(?:now|still|also|generally|consistently|very(?!\s+good\b)|particularly|especially|highly|"
    r"significantly|substantially|considerably|markedly|just|comparatively|relatively|broadly|"
    r"mostly|largely|overall|currently|increasingly|already|often|usually|slightly|much|far|"
    r"sufficiently|at\s+least|remarkably|notably|exceptionally|particular|relative|key|major|"
    r"cause\s+for|cause\s+of|area\s+of)"
)
_CHANGE_TO = r"(?:(?:risen|fallen|increased|decreased|reduced|dropped|moved|improved)\s+to\s+)"
_PREDICATE = re.compile(
    rf"^(?:{_ADVERB}\s+){{0,3}}{_CHANGE_TO}?(?:{_ADVERB}\s+){{0,2}}(?:at\s+)?(?:(?:a|an)\s+)?"
    rf"(?:{_ADVERB}\s+){{0,2}}(?P<grade>{_GRADE_RX})(?![\w-])",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\b(?P<verb>has\s+been|have\s+been|had\s+been|continues\s+to\s+be|continue\s+to\s+be|"
    r"is|are|was|were|remains|remain|remained|has|have|makes|make|provides|provide|offers|offer|"
    r"shows|show|gives|give|demonstrates|demonstrate)\b",
    re.IGNORECASE,
)
_TRANSITIVE = frozenset(
    """has have makes make provides provide offers offer shows show gives give demonstrates
    demonstrate""".split()
)
_PERFECT = re.compile(  # "has risen to", "have significantly improved": not possession
    rf"^(?:{_ADVERB}\s+){{0,3}}(?:risen|fallen|increased|decreased|reduced|dropped|moved|improved|"
    r"declined|deteriorated)\b",
    re.IGNORECASE,
)
_AND_CLAUSE = re.compile(
    r"\band\s+(?:is|are|remains?|has\s+been|have\s+been|was|were)\s+", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(
    r",|;|:|\s(?:but|although|though|whilst|while|which|whereas|however|despite|except)\b",
    re.IGNORECASE,
)
_AUX = frozenset("is are was were has have had will would can could should must been".split())
_FINITE = frozenset(
    """exists exist continues ensures includes shows demonstrates requires needs operates works
    takes receives leads sets helps allows enables means indicates suggests reflects
    undertakes""".split()
)
_RELATIVE = frozenset("who which that whom whose".split())
_BAD_SUBJECT_START = frozenset(
    """it this that these those they there he she we which who one although though whilst while
    if when as because since following despite where unless until whereas at in from for by on
    to between with without during after before further""".split()
)
_LEAD = re.compile(
    r"^(?:however|overall(?=,)|in\s+addition|additionally|furthermore|moreover|consequently|"
    r"as\s+a\s+result|in\s+particular|importantly|similarly|currently|nevertheless|at\s+present|"
    r"for\s+example|for\s+instance|also|in\s+general|indeed|therefore|in\s+contrast)\s*,?\s+",
    re.IGNORECASE,
)
_LEAD_PHRASE = re.compile(
    r"^(?:at|in|from|for|by|over|since|within|across|during|between|throughout|following|"
    r"compared\s+with|despite|working|through|with|after|as)\b[^,]{1,80},\s+",
    re.IGNORECASE,
)
_THERE = re.compile(
    rf"^there\s+(?:is|are|was|were|has\s+been|have\s+been|remains|continues\s+to\s+be)\s+"
    rf"(?:(?:a|an)\s+)?(?:{_ADVERB}\s+){{0,2}}"
    r"(?P<grade>(?:significant|considerable|good|marked|substantial|some|further|clear|continued)"
    r"\s+improvements?|outstanding|excellent|very\s+good|good|strong|effective|improved|improving|"
    r"successful|weak|poor|inadequate|unsatisfactory|ineffective)\s+(?P<np>.+)$",
    re.IGNORECASE,
)
_INVERTED = re.compile(
    rf"^(?:particularly|especially|very|highly|most|equally)\s+(?P<grade>{_GRADE_RX})\s+"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?P<np>.+)$",
    re.IGNORECASE,
)
_ATTRIBUTIVE = re.compile(
    r"^(?P<grade>very\s+good|good|excellent|outstanding|strong|effective|poor|weak|inadequate|"
    r"unsatisfactory)\s+\w",
    re.IGNORECASE,
)
_NEGATIVE_MARK = re.compile(
    r"area\s+for\s+(?:further\s+)?(?:improvement|development)|\ba\s+concern\b|\bweakness|"
    r"too\s+(?:high|low|many|few|slow)|not\s+(?:yet\s+)?(?:been\s+)?met|requires?\s+improvement",
    re.IGNORECASE,
)
# Measures where less is better; for these "below" and "low" are praise.
_LOWER_BETTER = re.compile(
    r"absence|exclu|conception|pregnanc|offend|offence|re-?registration|duration|truan|bullying|"
    r"obes|smok|\bneet\b|not\s+in\s+education|delay|vacanc|misuse|re-?referral|repeat\s+referral|"
    r"homeless|accident|injur|death|waiting|drift",
    re.IGNORECASE,
)
_HIGHER_BETTER = re.compile(
    r"attain|achiev|result|progress|attendance|adoption|stability|participation|immunis|take[-\s]?up|"
    r"performance|standard|in\s+education(?:,|\s+or|\s+and)?\s+(?:employment|training)|"
    r"suitable\s+accommodation|"
    r"timeliness|satisfaction",
    re.IGNORECASE,
)


def judgements(section: Section) -> list[Judgement]:
    """The judgements of a section's prose; lists hold items, not judgements, and are skipped."""
    found: list[Judgement] = []
    for para in section.paras:
        if para.is_list:
            continue
        for line, sentence in sentences(para):
            judgement = _judgement(sentence, line, section)
            if judgement is not None:
                found.append(judgement)
    return found


def _judgement(sentence: str, line: int, section: Section) -> Judgement | None:
    """A judgement if the sentence grades something; None for a sentence of plain fact."""
    body = _strip_lead(sentence.rstrip(".!? "))
    found = _there_clause(body) or _inverted_clause(body) or _main_clause(body)
    if found is None:
        return None
    grade, subject = found
    return Judgement(
        quote=sentence,
        line=line,
        grade=grade,
        subject=subject,
        section=section.heading,
        outcome=section.outcome,
        polarity=_polarity(grade, subject, sentence),
    )


def _strip_lead(body: str) -> str:
    """Drop a leading "However," or an adverbial phrase ("At Key Stage 3, ") before the subject."""
    for _ in range(3):
        stripped = _LEAD.sub("", body, count=1)
        stripped = _LEAD_PHRASE.sub("", stripped, count=1)
        if stripped == body:
            break
        body = stripped
    return body


def _there_clause(body: str) -> tuple[str, str] | None:
    """ "There is good progress on ..." grades what follows the grade word."""
    m = _THERE.match(body)
    if m is None:
        return None
    phrase = squash(m.group("grade").lower())
    np = _cut_np(m.group("np"))
    if "improvement" in phrase:
        grade = "improved"
        np = re.sub(r"^(?:in|to|of|on)\s+", "", np)
    else:
        grade = _normal_grade(phrase)
    return (grade, np) if np else None


def _inverted_clause(body: str) -> tuple[str, str] | None:
    """ "Particularly effective is the programme of ..." grades the phrase after the verb."""
    m = _INVERTED.match(body)
    if m is None:
        return None
    return _normal_grade(m.group("grade")), _cut_np(m.group("np"))


def _main_clause(body: str) -> tuple[str, str] | None:
    """ "<subject> is/remains/has ... <grade>": the grade must open the predicate."""
    for m in _VERB.finditer(body):
        before = body[: m.start()].split()
        if not before:
            return None
        if before[-1].lower() in _RELATIVE:
            continue
        subject = " ".join(before)
        if not _valid_subject(subject):
            return None
        return _predicate(subject, m.group("verb").lower(), _clause(body[m.end() :].strip()))
    return None


def _predicate(subject: str, verb: str, predicate: str) -> tuple[str, str] | None:
    """The grade that opens the predicate, with what it grades: the subject, or the object of
    "has/makes/provides a <grade> <noun>"."""
    transitive = verb in _TRANSITIVE and not (verb in ("has", "have") and _PERFECT.match(predicate))
    m = _PREDICATE.match(predicate)
    if m is not None:
        grade = _normal_grade(m.group("grade"))
        if not transitive:
            return grade, subject
        if grade in _QUALITY:
            np = _cut_np(predicate[m.end() :])
            return grade, np or subject
    more = _AND_CLAUSE.search(predicate)
    if more is not None and not transitive:
        m = _PREDICATE.match(predicate[more.end() :])
        if m is not None:
            return _normal_grade(m.group("grade")), subject
    attributive = _ATTRIBUTIVE.match(subject)
    if attributive is not None and not transitive:
        return _normal_grade(attributive.group("grade")), subject
    return None


def _normal_grade(phrase: str) -> str:
    """The controlled grade value of a phrase as printed ("improving" -> "improved")."""
    key = squash(phrase.lower())
    return GRADE_WORDS.get(key) or GRADE_WORDS.get(key.replace("-", " ")) or key


def _valid_subject(subject: str) -> bool:
    """A subject is a noun phrase: no pronoun, no subordinate clause, no verb of its own."""
    words = [w.strip(",;:()").lower() for w in subject.split()]
    if not words or len(words) > 25 or words[0] in _BAD_SUBJECT_START or ";" in subject:
        return False
    for k, word in enumerate(words):
        if word in _AUX or word in _FINITE:
            if not any(w in _RELATIVE for w in words[max(0, k - 3) : k]):
                return False
    return True


def _clause(text: str) -> str:
    """The text up to the first clause break, so a grade is read from its own clause only."""
    m = _CLAUSE_BREAK.search(text)
    return text[: m.start()] if m else text


_NP_END = re.compile(
    r"\s+and\s+(?=(?:\w+\s+){0,3}(?:is|are|was|were|has|have|will|remain|remains)\b)"
    r"|\s+and\s+(?=(?:ensures?|provides?|makes?|helps?|enables?|includes?|offers?|works?|"
    r"continues?|supports?|has|have|is|are)\b)",
    re.IGNORECASE,
)


def _cut_np(text: str) -> str:
    """The noun phrase that opens `text`: up to a clause break or an "and" that starts a clause."""
    np = _clause(text)
    m = _NP_END.search(np)
    if m:
        np = np[: m.start()]
    return np.strip().rstrip(".")


def _polarity(grade: str, subject: str, sentence: str) -> str | None:
    """Positive or negative as the grade says; for "below"/"low" it depends on the measure."""
    if grade in _POSITIVE:
        return "positive"
    if grade in _NEGATIVE:
        return "negative"
    if grade in _UP or grade in _DOWN:
        lower_better = bool(_LOWER_BETTER.search(subject))
        if lower_better or _HIGHER_BETTER.search(subject):
            return "positive" if (grade in _DOWN) == lower_better else "negative"
    if _NEGATIVE_MARK.search(sentence):
        return "negative"
    return None
