"""The forms a judgement takes in a clause, each read by one function that gives the subject
and the grade: "<subject> is (now generally) <grade>", "is not effective", "is a strength",
"requires improvement", "provides satisfactory value for money", "There is effective ...",
"Satisfactory progress has been made", "Children wait too long"."""

from __future__ import annotations

import re

from .subjects import negated_subject, noun_phrase, subject_of
from .words import (
    ADVERBS,
    CONNECTIVE,
    GRADE,
    LEAD_PHRASE,
    LISTED,
    NOT_JUDGED,
    NOT_MEANS,
    PRESENT,
    grade_of,
)

_JUDGEMENT = re.compile(
    rf"^(?P<subject>.+?)\s+(?P<verb>{PRESENT})\s+{ADVERBS}{LISTED}"
    rf"(?:(?P<of>of\s+(?:an?\s+)?){ADVERBS}|(?P<article>an?\s+){ADVERBS})?"
    rf"(?P<grade>{GRADE})\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_NEGATED = re.compile(
    r"^(?P<subject>.+?)\s+(?:is|are|remains?)\s+not\s+(?:(?:always|yet|sufficiently|"
    r"consistently|fully|as|so)\s+)?(?P<grade>effective|satisfactory|adequate|good\s+enough|"
    r"strong\s+enough|yet\s+good|consistently\s+good|good)\b(?!\s+(?:as|at|for|in)\b)",
    re.IGNORECASE,
)
# "<subject> provides satisfactory value for money", "continues to provide a good service",
# "makes good progress", "have a good understanding of".
_TRANSITIVE = re.compile(
    r"^(?P<subject>.+?)\s+(?P<verb>(?:(?:continues?|manages?|seems?)\s+to\s+)?(?:provides?|"
    r"offers?|gives?|maintains?|makes?|delivers?|takes?|has|have|demonstrates?|shows?|"
    r"represents?|receives?|enjoys?)|(?:is|are)\s+(?:providing|offering|giving|making|taking|"
    rf"delivering|receiving))\s+(?:(?:a|an)\s+)?{ADVERBS}(?P<grade>{GRADE})\s+"
    rf"(?P<object>{NOT_JUDGED}[a-z][\w-]*)",
    re.IGNORECASE,
)
# "There is good progress", "There are weaknesses in ...", "There has been satisfactory ...".
_THERE = re.compile(
    rf"^there\s+(?:is|are|has\s+been|have\s+been|remains?|continues?\s+to\s+be)\s+"
    rf"{ADVERBS}(?:(?:a|an)\s+)?{ADVERBS}(?:(?P<grade>{GRADE}|insufficient)\s+(?P<np>{NOT_JUDGED}[a-z][\w-]*.*)"
    r"|(?:(?:some|significant|serious|major|key|particular|important)\s+)?"
    r"(?P<noun>weakness(?:es)?|strengths?)\s+(?:in|of)\s+(?P<np2>.+))$",
    re.IGNORECASE | re.DOTALL,
)
# "Satisfactory progress has been made in ...", "Good efforts are made to ...".
_FRONTED = re.compile(
    rf"^(?P<grade>{GRADE}|insufficient)\s+(?P<np>{NOT_JUDGED}[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+"
    r"(?:has|have)\s+(?:been|also\s+been)\s+(?:made|achieved|taken)\b"
    r"|^(?P<grade2>good|satisfactory|effective|strong)\s+(?P<np2>[a-z][\w-]*)\s+(?:is|are)\s+"
    r"(?:being\s+)?(?:made|taken)\b",
    re.IGNORECASE,
)
# "<subject> is a (particular) strength / weakness".
_STRENGTH = re.compile(
    r"^(?P<subject>.+?)\s+(?:is|are|remains?)\s+(?:a|an|one)\s+(?:(?:particular|key|clear|"
    r"notable|major|significant|real|considerable|continuing)\s+)?(?P<noun>strength|weakness)"
    r"\b",
    re.IGNORECASE,
)
# "The experiences and progress of care leavers require improvement to be good."
_REQUIRES = re.compile(
    r"^(?P<subject>.+?)\s+(?:still\s+)?(?:requires?|needs?)\s+improvement(?:\s+to\s+be\s+good)?\b"
    r"(?!\s+(?:in|to\s+(?!be\b)|of)\b)",
    re.IGNORECASE,
)
# "Children wait too long", "assessments are too descriptive" (never "too often", "too early
# to judge").
_TOO = re.compile(
    r"^(?P<subject>.+?)\s+(?P<verb>(?:is|are|remains?|has\s+been|have\s+been|waits?|takes?|"
    r"moves?|progress(?:es)?|happens?|occurs?|starts?|begins?|ends?|closes?|changes?)"
    r"(?:\s+[a-z]+ed(?:\s+(?:out|up|down|off|on))?)?)\s+too\s+(?P<adj>long|slow|slowly|"
    r"late|soon|descriptive|narrow|variable|high|low|limited|many|few|little|great|complex|"
    r"generic|broad|general|infrequent|inconsistent|reliant|dependent|weak|poor)\b"
    r"(?!\s+to\b)(?!\s+(?:a|an)\b)",
    re.IGNORECASE,
)


def current(clause: str) -> tuple[str, str] | None:
    """(subject, grade) of this report's own judgement stated by a clause, if any."""
    clause = clause.strip()
    for reader in (_copula, _negated, _strength, _requires, _transitive, _there, _fronted, _too):
        found = reader(clause)
        if found is not None:
            return found
    return None


def _copula(clause: str) -> tuple[str, str] | None:
    """ "<function> is (now generally) <grade>", "<function> is of good quality"."""
    m = _JUDGEMENT.match(clause)
    if not m or negated_subject(m.group("subject")):
        return None
    if m.group("of") and not re.match(r"\s+(?:quality|standard)\b", m.group("rest"), re.I):
        return None
    subject = subject_of(m.group("subject"))
    return (subject, grade_of(m.group("grade"))) if subject else None


def _negated(clause: str) -> tuple[str, str] | None:
    """ "Management oversight is not effective" -> ineffective."""
    m = _NEGATED.match(clause)
    if not m:
        return None
    subject = subject_of(m.group("subject"))
    word = " ".join(m.group("grade").lower().split())
    return (subject, NOT_MEANS[word]) if subject else None


def _strength(clause: str) -> tuple[str, str] | None:
    m = _STRENGTH.match(clause)
    if not m:
        return None
    subject = subject_of(m.group("subject"))
    return (subject, m.group("noun").lower()) if subject else None


def _requires(clause: str) -> tuple[str, str] | None:
    """ "<judgement area> requires improvement (to be good)": the four-point scale's grade."""
    m = _REQUIRES.match(clause)
    if not m:
        return None
    subject = subject_of(m.group("subject"))
    return (subject, "requires improvement") if subject else None


def _transitive(clause: str) -> tuple[str, str] | None:
    """ "<subject> provides satisfactory value for money": the grade of what it gives."""
    m = _TRANSITIVE.match(clause)
    if not m:
        return None
    subject = subject_of(m.group("subject"))
    return (subject, grade_of(m.group("grade"))) if subject else None


def _there(clause: str) -> tuple[str, str] | None:
    """ "There is effective networking between ...": the grade of what follows."""
    m = _THERE.match(LEAD_PHRASE.sub("", CONNECTIVE.sub("", clause)))
    if not m:
        return None
    if m.group("noun"):
        noun = m.group("noun").lower()
        grade = "strength" if noun.startswith("strength") else "weakness"
        return noun_phrase(m.group("np2")), grade
    return noun_phrase(m.group("np")), grade_of(m.group("grade"))


def _fronted(clause: str) -> tuple[str, str] | None:
    """ "Satisfactory progress has been made in ...": the grade of that progress."""
    m = _FRONTED.match(CONNECTIVE.sub("", clause))
    if not m:
        return None
    grade = m.group("grade") or m.group("grade2")
    return (m.group("np") or m.group("np2")), grade_of(grade)


def _too(clause: str) -> tuple[str, str] | None:
    """ "Children wait too long": a shortcoming, graded by what there is too much of."""
    m = _TOO.match(clause)
    if not m or re.search(r"\b(?:not|never|no)\b", m.group("verb"), re.I):
        return None
    subject = subject_of(m.group("subject"))
    return (subject, "too " + m.group("adj").lower()) if subject else None
