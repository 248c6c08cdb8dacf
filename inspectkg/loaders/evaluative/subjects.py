"""What a judgement grades: the noun phrase before the verb, or nothing where the words before
the verb are a clause of their own ("There is", "The LEA's assessment is that ...")."""

from __future__ import annotations

import re

from .words import CONNECTIVE, LEAD_PHRASE, NEGATION

# Words a noun phrase naming a function never starts with.
_NOT_SUBJECT_START = frozenset(
    """through by with in at for from to on of during after before since although if when
    because while whilst despite unless until whereas it's""".split()
)
_NP_END = re.compile(r"[,;:]|\s+(?:and|but|which|although|because|as)\s+", re.IGNORECASE)
# A subject longer than this is a clause, not the name of a function.
MAX_SUBJECT_WORDS = 16
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


def noun_phrase(text: str) -> str:
    """The noun phrase that opens a clause: up to a comma, semicolon or a new clause."""
    return _NP_END.split(text.strip(), maxsplit=1)[0].strip(" .")


def subject_of(raw: str) -> str | None:
    """The function a clause grades, or None where the words before the verb are a clause."""
    subject = CONNECTIVE.sub("", raw.strip(" ,;"))
    subject = LEAD_PHRASE.sub("", CONNECTIVE.sub("", subject))
    subject = _SUBORDINATE.sub("", subject)
    subject = re.sub(r",\s*(?:however|therefore|though|too)$", "", subject, flags=re.I)
    coordinated = re.match(r"^(?P<np>.+?)\s+(?:has|have|is|are)\s+.+?\s+(?:and|but)$", subject)
    if coordinated and not _is_clause(_relative_head(coordinated.group("np"))):
        subject = coordinated.group("np")  # "Support has improved and is now good"
    elif _is_clause(_relative_head(subject)):
        subject = _last_conjunct(subject)
    words = subject.split()
    if NEGATION.search(subject) or not words:  # "records do not consistently provide a good"
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
    tail = CONNECTIVE.sub("", parts[-1].strip(" ,;")) if len(parts) > 1 else ""
    return tail if len(tail.split()) >= 2 else subject


def negated_subject(subject: str) -> bool:
    return bool(re.search(r"\b(?:not|no longer|never)$", subject.strip(), re.IGNORECASE))


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
