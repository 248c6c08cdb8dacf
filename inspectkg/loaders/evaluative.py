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
_NOT = {
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

_PRESENT = (
    r"(?:is|are|remains?|continues? to be|has become|have become|is now|are now|has been|"
    r"have been|seems? to be|appears? to be)"
)
_PAST = r"(?:was|were|had been|has been judged|have been judged)"
_ADVERBS = (
    r"(?:(?:now|still|also|generally|broadly|largely|mainly|mostly|overall|consistently|"
    r"very(?!\s+(?:good|poor)\b)|highly|at least|therefore|judged|judged to be|graded as|"
    r"judged as|at present|currently|already|once again|again|only|quite|reasonably|fairly|"
    r"increasingly|usually|often|typically|always|clearly|particularly|especially|"
    r"sufficiently|rightly|"
    r"demonstrably|uniformly),?\s+)*"
)
_GRADE = "|".join(re.escape(w) for w in GRADE_WORDS)
# Other predicates listed before the grade: "is valued, of good quality", "is purposeful and
# effective".
_LISTED = r"(?:[\w'-]+(?:,|\s+and)\s+){0,3}?"
_JUDGEMENT = re.compile(
    rf"^(?P<subject>.+?)\s+(?P<verb>{_PRESENT})\s+{_ADVERBS}{_LISTED}"
    rf"(?:(?P<of>of\s+(?:an?\s+)?){_ADVERBS}|(?P<article>an?\s+){_ADVERBS})?"
    rf"(?P<grade>{_GRADE})\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_NEGATED = re.compile(
    r"^(?P<subject>.+?)\s+(?:is|are|remains?)\s+not\s+(?:(?:always|yet|sufficiently|"
    r"consistently|fully|as|so)\s+)?(?P<grade>effective|satisfactory|adequate|good\s+enough|"
    r"strong\s+enough|yet\s+good|consistently\s+good|good)\b(?!\s+(?:as|at|for|in)\b)",
    re.IGNORECASE,
)
# Nouns a grade word qualifies without judging a function: "good evidence that", "good
# examples of", "insufficient time", "a good number of".
_NOT_JUDGED = (
    r"(?!(?:evidence|examples?|indications?|signs?|reasons?|chances?|deal|number|proportion|"
    r"percentage|time|scope|opportunit(?:y|ies)|idea|many|few|following)\b)"
)
# "<subject> provides satisfactory value for money", "continues to provide a good service",
# "makes good progress", "have a good understanding of".
_TRANSITIVE = re.compile(
    r"^(?P<subject>.+?)\s+(?P<verb>(?:(?:continues?|manages?|seems?)\s+to\s+)?(?:provides?|"
    r"offers?|gives?|maintains?|makes?|delivers?|takes?|has|have|demonstrates?|shows?|"
    r"represents?|receives?|enjoys?)|(?:is|are)\s+(?:providing|offering|giving|making|taking|"
    rf"delivering|receiving))\s+(?:(?:a|an)\s+)?{_ADVERBS}(?P<grade>{_GRADE})\s+"
    rf"(?P<object>{_NOT_JUDGED}[a-z][\w-]*)",
    re.IGNORECASE,
)
# "There is good progress", "There are weaknesses in ...", "There has been satisfactory ...".
_THERE = re.compile(
    rf"^there\s+(?:is|are|has\s+been|have\s+been|remains?|continues?\s+to\s+be)\s+"
    rf"{_ADVERBS}(?:(?:a|an)\s+)?{_ADVERBS}(?:(?P<grade>{_GRADE}|insufficient)\s+(?P<np>{_NOT_JUDGED}[a-z][\w-]*.*)"
    r"|(?:(?:some|significant|serious|major|key|particular|important)\s+)?"
    r"(?P<noun>weakness(?:es)?|strengths?)\s+(?:in|of)\s+(?P<np2>.+))$",
    re.IGNORECASE | re.DOTALL,
)
# "Satisfactory progress has been made in ...", "Good efforts are made to ...".
_FRONTED = re.compile(
    rf"^(?P<grade>{_GRADE}|insufficient)\s+(?P<np>{_NOT_JUDGED}[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+"
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
    r"currently|crucially|in particular|now|also|additionally|for most children|for example|"
    r"(?:in|for)\s+(?:many|most|some|all|several|other|a\s+few)\s+(?:areas|cases|respects|"
    r"schools|ways|children)|indeed|therefore)\s*,?\s+",
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
# An adverbial phrase before the subject: "During the past two years, ...".
_LEAD_PHRASE = re.compile(
    r"^(?:during|in|at|since|over|for|within|by|following|after|before|throughout|across|"
    r"compared\s+with|despite|given|as\s+a\s+result\s+of)\b[^,]{1,80},\s+",
    re.IGNORECASE,
)
# Words a noun phrase naming a function never starts with.
_NOT_SUBJECT_START = frozenset(
    """through by with in at for from to on of during after before since although if when
    because while whilst despite unless until whereas it's""".split()
)
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
_NEGATION = re.compile(r"\b(?:not|never|no|cannot|nor)\b", re.IGNORECASE)
_NP_END = re.compile(r"[,;:]|\s+(?:and|but|which|although|because|as)\s+", re.IGNORECASE)
# A subject longer than this is a clause, not the name of a function.
MAX_SUBJECT_WORDS = 16
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


def polarity(grade: str) -> str | None:
    """"positive", "negative" or None for the middle of the scale."""
    g = grade.lower()
    if g in POSITIVE:
        return "positive"
    if g in NEGATIVE or g.startswith("too "):
        return "negative"
    return None


def evaluate(sentence: str) -> Evaluation | None:
    """The function and grade a sentence states, or None if it grades nothing.

    The whole sentence is tried first, then each clause that starts inside it (after "that",
    "and", "but", a semicolon ...), so "Support has improved and is now good" and "Inspectors
    confirm that support for X is unsatisfactory" are read too.
    """
    if len(sentence) > MAX_SENTENCE_CHARS:
        return None
    opening = _CONNECTIVE.sub("", sentence).split()[:1]
    if opening and opening[0].lower() in _IMPERATIVE:
        return None  # a recommendation: "Improve plans so that they are of a good standard"
    found = _current(sentence, sentence)
    if found is None:
        aim = _AIM.search(sentence)
        for n, m in enumerate(_CLAUSE_START.finditer(sentence)):
            if n >= MAX_CLAUSES or (aim and m.start() >= aim.start()):
                break  # what is to be ensured is not a finding
            if m.group(0).lower().startswith("that") and (
                _NEGATION.search(sentence[: m.start()]) or _WISH.search(sentence[: m.start()])
            ):
                continue  # "does not demonstrate that ...", "to ensure that ..."
            found = _current(sentence[m.end() :], sentence)
            if found is not None:
                break
    if found is not None:
        return found
    past = _PAST_JUDGEMENT.search(sentence)
    if past and _EARLIER.search(sentence):
        grade = _grade(past.group("grade"))
        subject = _CONNECTIVE.sub("", sentence[: past.start()].strip(" ,;"))
        return Evaluation(sentence, subject, grade, polarity(grade), earlier=True)
    return None


def _grade(word: str) -> str:
    g = " ".join(word.lower().split())
    return _CANONICAL.get(g, g)


def _current(clause: str, sentence: str) -> Evaluation | None:
    """This report's own judgement stated by a clause (or a whole sentence), if any."""
    clause = clause.strip()
    for reader in (_copula, _negated, _strength, _requires, _transitive, _there, _fronted, _too):
        found = reader(clause)
        if found is not None:
            subject, grade = found
            return Evaluation(sentence, subject, grade, polarity(grade), earlier=False)
    return None


def _copula(clause: str) -> tuple[str, str] | None:
    """ "<function> is (now generally) <grade>", "<function> is of good quality"."""
    m = _JUDGEMENT.match(clause)
    if not m or _negated_subject(m.group("subject")):
        return None
    if m.group("of") and not re.match(r"\s+(?:quality|standard)\b", m.group("rest"), re.I):
        return None
    subject = _subject(m.group("subject"))
    return (subject, _grade(m.group("grade"))) if subject else None


def _negated(clause: str) -> tuple[str, str] | None:
    """ "Management oversight is not effective" -> ineffective."""
    m = _NEGATED.match(clause)
    if not m:
        return None
    subject = _subject(m.group("subject"))
    word = " ".join(m.group("grade").lower().split())
    return (subject, _NOT[word]) if subject else None


def _strength(clause: str) -> tuple[str, str] | None:
    m = _STRENGTH.match(clause)
    if not m:
        return None
    subject = _subject(m.group("subject"))
    return (subject, m.group("noun").lower()) if subject else None


def _requires(clause: str) -> tuple[str, str] | None:
    """ "<judgement area> requires improvement (to be good)": the four-point scale's grade."""
    m = _REQUIRES.match(clause)
    if not m:
        return None
    subject = _subject(m.group("subject"))
    return (subject, "requires improvement") if subject else None


def _transitive(clause: str) -> tuple[str, str] | None:
    """ "<subject> provides satisfactory value for money": the grade of what it gives."""
    m = _TRANSITIVE.match(clause)
    if not m:
        return None
    subject = _subject(m.group("subject"))
    return (subject, _grade(m.group("grade"))) if subject else None


def _there(clause: str) -> tuple[str, str] | None:
    """ "There is effective networking between ...": the grade of what follows."""
    m = _THERE.match(_LEAD_PHRASE.sub("", _CONNECTIVE.sub("", clause)))
    if not m:
        return None
    if m.group("noun"):
        noun = m.group("noun").lower()
        grade = "strength" if noun.startswith("strength") else "weakness"
        return _np(m.group("np2")), grade
    return _np(m.group("np")), _grade(m.group("grade"))


def _fronted(clause: str) -> tuple[str, str] | None:
    """ "Satisfactory progress has been made in ...": the grade of that progress."""
    m = _FRONTED.match(_CONNECTIVE.sub("", clause))
    if not m:
        return None
    grade = m.group("grade") or m.group("grade2")
    return (m.group("np") or m.group("np2")), _grade(grade)


def _too(clause: str) -> tuple[str, str] | None:
    """ "Children wait too long": a shortcoming, graded by what there is too much of."""
    m = _TOO.match(clause)
    if not m or re.search(r"\b(?:not|never|no)\b", m.group("verb"), re.I):
        return None
    subject = _subject(m.group("subject"))
    return (subject, "too " + m.group("adj").lower()) if subject else None


def _np(text: str) -> str:
    """The noun phrase that opens a clause: up to a comma, semicolon or a new clause."""
    return _NP_END.split(text.strip(), maxsplit=1)[0].strip(" .")


def _subject(raw: str) -> str | None:
    """The function a clause grades, or None where the words before the verb are a clause."""
    subject = _CONNECTIVE.sub("", raw.strip(" ,;"))
    subject = _LEAD_PHRASE.sub("", _CONNECTIVE.sub("", subject))
    subject = _SUBORDINATE.sub("", subject)
    subject = re.sub(r",\s*(?:however|therefore|though|too)$", "", subject, flags=re.I)
    coordinated = re.match(r"^(?P<np>.+?)\s+(?:has|have|is|are)\s+.+?\s+(?:and|but)$", subject)
    if coordinated and not _is_clause(_relative_head(coordinated.group("np"))):
        subject = coordinated.group("np")  # "Support has improved and is now good"
    elif _is_clause(_relative_head(subject)):
        subject = _last_conjunct(subject)
    words = subject.split()
    if _NEGATION.search(subject) or not words:  # "records do not consistently provide a good"
        return None
    if words[0].lower() in _NOT_SUBJECT_START or words[-1].lower() in ("there", "to"):
        return None
    limit = MAX_SUBJECT_WORDS + 8 if coordinated else MAX_SUBJECT_WORDS
    if 0 < len(words) <= limit and not _is_clause(_relative_head(subject)):
        return subject
    return None


def _relative_head(subject: str) -> str:
    """A subject without its relative clause: "Schools that have had support" -> "Schools"."""
    m = re.match(r"^(?P<head>[^,]+?\w)\s+(?:that|which|who|whose)\s+\S", subject, re.I)
    return m.group("head") if m and not _FINITE.search(m.group("head")) else subject


def _last_conjunct(subject: str) -> str:
    """The noun phrase after the last "and"/"but" of a compound sentence's clause."""
    parts = re.split(r"(?:,|;)?\s+(?:and|but)\s+|;\s+", subject)
    tail = _CONNECTIVE.sub("", parts[-1].strip(" ,;")) if len(parts) > 1 else ""
    return tail if len(tail.split()) >= 2 else subject


def _negated_subject(subject: str) -> bool:
    return bool(re.search(r"\b(?:not|no longer|never)$", subject.strip(), re.IGNORECASE))


_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|cannot|will|would|should|could|may|might|must|"
    r"do|does|did|be|been|being|works|feels|says|said|thinks|believes|considers|means|shows|"
    r"ensures|suggests|indicates|demonstrates|confirms|finds|found|reports|notes|recognises|"
    r"confirmed|indicate|indicated|suggest|suggested|show|showed|confirm|find|report|reported|"
    r"say|believe|consider|think|feel|whom|whose|ensure|need|needs|required|"
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
