"""What a later sentence says became of an issue: improved, partly, not improved or worse.

Only the sentence's own words decide ("has improved", "remains inconsistent", "still too slow",
"has deteriorated"); a sentence that says none of these gets no verdict. Words that qualify an
improvement ("although", "not yet consistently", "some progress") make it partial.
"""

from __future__ import annotations

import re

IMPROVED = "improved"
PARTLY = "partly"
NOT_IMPROVED = "not improved"
WORSE = "worse"

_WORSE = re.compile(
    r"\b(?:deteriorat\w*|declin(?:ed|ing)|worsen\w*|got\s+worse|(?:is|are)\s+now\s+worse|"
    r"weaker\s+than|no\s+longer\s+(?:good|effective|robust|consistent|timely))\b",
    re.I,
)
_NOT_IMPROVED = re.compile(
    r"\b(?:(?:has|have|had)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:improved|addressed|resolved|"
    r"implemented|tackled|progressed|changed|met)|not\s+(?:yet\s+)?(?:been\s+)?(?:addressed|"
    r"resolved|implemented|tackled)|remains?\s+(?:inconsistent|variable|weak|poor|too\s+\w+|"
    r"an?\s+(?:area|weakness|concern|issue|challenge)|underdeveloped|limited|ineffective|"
    r"inadequate|unclear|a\s+significant)|still\s+(?:too|not|no|inconsistent|variable|weak|"
    r"poor|lack\w*|do\s+not|does\s+not|have\s+not|has\s+not|limited|underdeveloped|waiting|"
    r"experienc\w+)|continues?\s+to\s+(?:be\s+(?:inconsistent|variable|weak|poor|too|a\s+"
    r"concern|an?\s+area)|lack|struggle)|insufficient\s+progress|(?:little|limited|no|slow)\s+"
    r"progress|persist\w*|too\s+slow)\b",
    re.I,
)
_PARTLY = re.compile(
    r"\b(?:some\s+(?:progress|improvements?)|partly|partially|beginning\s+to|begun\s+to|"
    r"starting\s+to|not\s+yet\s+(?:consistent\w*|fully|embedded|routinely|always)|not\s+all\b|"
    r"not\s+always|in\s+most\s+(?:cases|areas)|mixed|uneven|early\s+stages?|too\s+early|"
    r"more\s+(?:work|progress)\s+(?:is\s+)?(?:needed|required)|further\s+(?:work|progress|"
    r"improvement)\s+is\s+(?:needed|required)|although|however|but\s+(?:not|still|some))\b",
    re.I,
)
_IMPROVED = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:now\s+)?(?:been\s+)?(?:(?:significantly|considerably|"
    r"substantially|much|greatly|markedly|further|successfully|robustly|fully|effectively)\s+)?"
    r"(?:improved|addressed|resolved|strengthened|enhanced|tackled|implemented|acted\s+(?:up)?on|"
    r"developed|embedded|progressed)|(?:is|are)\s+now\s+(?:good|effective|strong|timely|"
    r"consistent\w*|routine\w*|robust|outstanding|well|in\s+place)|improvements?\s+(?:has|have)\s+"
    r"been\s+made|(?:good|strong|significant|considerable|sustained|substantial)\s+progress|"
    r"much\s+improved|improved\s+(?:significantly|considerably|markedly)|now\s+routinely|"
    r"better\s+than|no\s+longer\s+(?:a\s+concern|an\s+issue|delayed|waiting))\b",
    re.I,
)


def verdict(sentence: str | None) -> str | None:
    """The verdict a sentence's own words carry, or None when it carries none."""
    if not sentence:
        return None
    text = sentence[:2000]
    if _WORSE.search(text):
        return WORSE
    improved = bool(_IMPROVED.search(text))
    not_improved = bool(_NOT_IMPROVED.search(text))
    if improved and not_improved:
        return PARTLY
    if not_improved:
        return NOT_IMPROVED
    if improved:
        return PARTLY if _PARTLY.search(text) else IMPROVED
    return None
