"""The kind of a figure: an achievement, a context statistic or a target.

- target: what is planned, needed or applied for ("we are planting at least 375,000 trees over
  the next five years", "needs to build 146,000 homes by 2036", "365 events planned");
- context: a statistic about the place, including projections ("over 19,000 people are living
  with dementia", "set to rise by 34%", "exclusions increased by 92%");
- achievement: what the partnership or a partner delivered ("prevented 496 households from
  becoming homeless", "£664,000 of Home Office funding", "31 organisations have signed up").

Read from the words around the figure, with the document's structure as the tie-breaker: a
figure inside an initiative's own section or a list of highlights leans to achievement, one
in a list introduced as context ("For example:", "trends that we want to change") to context.
"""

from __future__ import annotations

import re

from assistant.directory.doctext import DocText

ACHIEVEMENT = "achievement"
CONTEXT = "context"
TARGET = "target"
KINDS = (ACHIEVEMENT, CONTEXT, TARGET)

_PROJECTION = re.compile(
    r"\b(?:(?:is|are)\s+set\s+to|set\s+to\s+(?:rise|grow|increase|expand|fall)|projected|forecast\s+to\s+(?:rise|grow)|"
    r"expected\s+to\s+(?:rise|grow|increase|expand|fall)|will\s+die|on\s+average)\b",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"\b(?:will|shall|planned|plans?\s+to|aims?\s+to|aim\s+of|targets?|targeted|ambition\s+(?:is|to)|needs?\s+to|"
    r"required\s+to|must|over\s+the\s+next|in\s+the\s+next|application\s+for|bid\s+for|proposed|to\s+be\s+delivered|"
    r"by\s+20\d\d(?:/\d\d)?)\b",
    re.IGNORECASE,
)
_CONTEXT = re.compile(
    r"\b(?:there\s+(?:are|is)|in\s+total|live\s+in|living\s+with|say\s+they|said\s+they|feel|agree|die|rate\b|"
    r"increase[sd]?\s+(?:by|of|in|since|from)|(?:an?|significant)\s+increase|rise\s+(?:by|of|in)|rose|fell|"
    r"decrease\w*|lower\s+than|higher\s+than|\w+er\s+than|compared\s+with|recorded|estimated|on\s+average|deprived|"
    r"current\s+rate|currently|population|residents\s+(?:have|are)|of\s+(?:residents|people|children|families|"
    r"pupils|adults|households)\b)",
    re.IGNORECASE,
)
_ACHIEVEMENT = re.compile(
    r"\b(?:prevent\w*|provid\w*|trained|training|deliver\w*|signed\s+up|taken\s+part|took\s+part|attend\w*|"
    r"engag\w*|secur\w*|invest\w*|funded|funding|awarded|raised|supported|helped|to\s+help|plant\w*|"
    r"reach\w*\s+out|reaching|creat\w*|built|mapped|visited|brought\s+together|involv\w*|complet\w*|"
    r"launch\w*|establish\w*|won|opened|recruit\w*|achiev\w*|earmarked|leverag\w*|captur\w*|showcased|approved|"
    r"adopted|made\s+fit|matched|placed|bringing|kept|saved|equal\s+to|as\s+a\s+result\s+of|partnership)\b",
    re.IGNORECASE,
)
_CONTEXT_INTRO = re.compile(r"for example|trends?\b|inequalit|remain|risks?\b|challenges?\b", re.IGNORECASE)
_ACHIEVEMENT_INTRO = re.compile(r"highlights|includ|examples? of impact|achiev|delivered|impact", re.IGNORECASE)
_WINDOW = 70  # characters either side of a figure in which its kind is read


def plans(text: str) -> bool:
    """Whether words around a figure plan it rather than report it ("we are planting at least 375,000
    trees over the next five years", "needs to build 146,000 homes by 2036")."""
    return bool(_TARGET.search(text))


def kind_of_figure(doc: DocText, value: str, start: int, end: int, sentence: tuple[int, int]) -> str:
    """The kind of the figure at ``[start, end)`` of ``doc.text`` inside ``sentence``."""
    near = _clause(doc.text, start, end, sentence)
    if _PROJECTION.search(near):
        return CONTEXT
    if _TARGET.search(_clause(doc.text, start, end, sentence, 2 * _WINDOW)):
        return TARGET
    score = len(_ACHIEVEMENT.findall(near)) - len(_CONTEXT.findall(near)) + _structure(doc, start)
    if value.lower().startswith("only "):
        score -= 1
    return ACHIEVEMENT if score > 0 else CONTEXT


def _clause(text: str, start: int, end: int, sentence: tuple[int, int], window: int = _WINDOW) -> str:
    """The words around a figure within its sentence, up to the neighbouring semicolons."""
    left = max(sentence[0], start - window)
    right = min(sentence[1], end + window)
    semicolon = text.rfind(";", left, start)
    left = semicolon + 1 if semicolon != -1 else left
    stop = text.find(";", end, right)
    return text[left : stop if stop != -1 else right]


def _structure(doc: DocText, offset: int) -> float:
    """+0.5 inside a list of highlights or a named sub-section, -0.5 in a list introduced as context."""
    line = doc.line_at(offset)
    if line is not None and line.is_item:
        intro = _list_intro(doc, line)
        if _CONTEXT_INTRO.search(intro) and not _ACHIEVEMENT_INTRO.search(intro):
            return -0.5
        if _ACHIEVEMENT_INTRO.search(intro):
            return 0.5
    path = doc.section_at(offset)
    if path and _ACHIEVEMENT_INTRO.search(path[-1]):
        return 0.5
    return 0.5 if len(path) >= 2 and not path[0].lower().startswith("part") else 0.0


def _list_intro(doc: DocText, line) -> str:
    """The line that introduces the list an item belongs to (or the section heading)."""
    index = doc.line_index(line)
    for previous in reversed(doc.lines[max(0, index - 200) : index]):
        if not previous.is_item:
            return previous.text
    path = doc.section_at(line.start)
    return path[-1] if path else ""
