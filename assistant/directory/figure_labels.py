"""What a figure counts, in plain words: the clause around the value, cut at its neighbours.

"Over 130 people have taken part in Leading Greater Essex" gives "people have taken part in
Leading Greater Essex"; "150 young people, 71% of whom signed up for further support" gives
"young people who signed up for further support"; a value with few words after it takes the
words before it too ("The rate (per 10,000 of children) on a Child Protection Plan in Tendring
is 34" gives "rate (per 10,000 of children) on a Child Protection Plan in Tendring").
"""

from __future__ import annotations

import re

_CLAUSE_END = re.compile(r"[,;:.](?=\s|$)|\s[–—-]\s|\s(?:and|or)\s(?=the\s|a\s|an\s)")
# A neighbouring value: not a year ("Essex 2020") or a duration ("over the next 20 years").
_VALUE = re.compile(
    r"(?<![\w£$€/.\-])(?!(?:19|20)\d\d\b)[£$€]?\d[\d,]*(?:\.\d+)?(?:%|k|m|bn|\s?million|\s?billion)?(?![\w/\-])"
    r"(?!\s+(?:years?|months?|weeks?|days?)\b)"
)
_STOP_EDGE = frozenset(
    "to of in on at by for from with and or the a an as over under into than that which such is are was were "
    "has have had been be being up across".split()
)
_AUXILIARY = frozenset("is are was were has have had been be being".split())
_FILLER = re.compile(
    r"^(?:(?:there|it|this|these|that)\s+(?:is|are|was|were|has|have)(?:\s+currently)?|across)(?:\s+|$)", re.I
)
_COMPARISON = re.compile(r"^(?:compared|than|lower|higher|versus|against)$", re.I)
_WEAK_START = re.compile(
    r"^(?:compared|than|lower|higher|or|between|during|since|over\s+the|in\s+the|the\s+next)\b", re.I
)
_LABEL_WORDS = 12


def label_of(text: str, number: int, start: int, end: int, sent_start: int, sent_end: int) -> str:
    """The label of the value at ``[start, end)`` (its number at ``number``) in a sentence."""
    tail_words = _tail(text, end, sent_end)
    if tail_words[:2] in (["of", "whom"], ["of", "which"]):
        return _of_whom(text, start, sent_start, tail_words[2:])
    tail = _trim(tail_words[:_LABEL_WORDS])
    while tail and tail[0].lower() in _AUXILIARY | {"of"}:
        tail = tail[1:]
    if tail and _COMPARISON.match(tail[0]):
        tail = []  # "34 compared with an Essex figure of 19": the comparison is not what is counted
    weak = not tail or _WEAK_START.match(" ".join(tail)) or len(tail) < 2
    if not weak:
        return " ".join(tail)
    head = _head(text, start, sent_start)
    if len(tail) == 1 and head:
        return f"{tail[0]} ({' '.join(head)})"
    return " ".join([*head, *tail]).strip()


def _tail(text: str, end: int, sent_end: int) -> list[str]:
    stop = _CLAUSE_END.search(text, end, sent_end)
    clause_end = stop.start() if stop else sent_end
    if stop and stop.group() == ":" and not text[end:clause_end].strip():
        following = _CLAUSE_END.search(text, stop.end(), sent_end)  # "22,500: the estimated number of ..."
        return text[stop.end() : following.start() if following else sent_end].split()
    following = _VALUE.search(text, end, clause_end)
    return text[end : following.start() if following else clause_end].split()


def _head(text: str, start: int, sent_start: int) -> list[str]:
    """The words before a value in its clause, after any earlier value."""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, sent_start, start)), default=sent_start)
    before = text[clause_start:start]
    values = [m for m in _VALUE.finditer(before) if not _in_parentheses(before, m.start())]
    if values:
        before = before[values[-1].end() :]
    before = _FILLER.sub("", before.strip())
    return _trim(before.split()[-_LABEL_WORDS - 2 :])


def _in_parentheses(text: str, position: int) -> bool:
    return text.count("(", 0, position) > text.count(")", 0, position)


def _of_whom(text: str, start: int, sent_start: int, rest: list[str]) -> str:
    """ "150 young people, 71% of whom signed up" -> "young people who signed up"."""
    before = text[sent_start:start]
    values = list(_VALUE.finditer(before))
    group = _trim(before[values[-1].end() :].split()[:4]) if values else []
    return " ".join([*group, "who", *_trim(rest[:_LABEL_WORDS])]).strip()


def _trim(words: list[str]) -> list[str]:
    words = [w.strip("“”\"'‘’,;") for w in words if any(c.isalnum() for c in w) or w == "&"]
    while words and (words[-1].strip("()").lower() in _STOP_EDGE or words[-1] == "&"):
        words.pop()
    while words and words[0].strip("()").lower() in _STOP_EDGE - {"the", "a", "an"}:
        if words[0].lower() in ("over", "under") and len(words) > 1 and (words[1][0].isdigit() or words[1] == "the"):
            break  # "over 65s", "over the next ten years"
        words.pop(0)
    if words and words[-1].count("(") > words[-1].count(")"):
        words[-1] = words[-1].rstrip("(")
    return [w for w in words if w]
