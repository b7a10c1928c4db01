"""Figures: the numbers a document reports, as written, with what they count and what kind they are.

A figure is money ("£320m", "£3.4 million"), a percentage ("84%"), a fraction ("2/3") or a
count followed by what it counts ("496 households", "8,000 residents"), with the qualifier the
text gives it ("over 130", "up to £500", "at least 375,000", "just under 50%") or as a range
("from 12% to 20%"). Years, dates, ages, paragraph and item numbers, times, vote tallies, rate
bases ("per 10,000") and counts of the document's own parts ("12 websites are provided below")
are not figures.

Each figure has a kind (:func:`assistant.directory.figure_kinds.kind_of_figure`): an
achievement, a context statistic or a target.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.directory.doctext import PARAGRAPH_NUMBER, DocText
from assistant.directory.figure_kinds import kind_of_figure
from assistant.directory.figure_labels import label_of
from assistant.directory.model import Figure
from assistant.directory.themes import Themes

_NUMBER = (
    r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|billion|million|thousand)\b|[mk]\b)?"
    r"|\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b)"
    r"|[1-9]/[1-9](?!\d)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?k?|\d+(?:\.\d+)?k?(?:['’]s)?"
)
_VALUE = re.compile(rf"(?<![\w£$€/.\-])(?:{_NUMBER})(?![\w/\-]|\.\d)")
_RANGE_TAIL = re.compile(rf"\s+to\s+(?:{_NUMBER})(?![\w/\-]|\.\d)")
_QUALIFIER = re.compile(
    r"(?:\b(?:just\s+)?(?:over|under)|\bmore\s+than|\bless\s+than|\bfewer\s+than|\bnearly|\balmost|\baround|"
    r"\babout|\bup\s+to|\bat\s+least|\bapproximately|\bapprox\.?|\bcirca|\bc\.|\bin\s+excess\s+of|\bonly|"
    r"\bsome|\bfrom)\s+$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# A duration that is itself the measure ("shortened by up to 8 years for a man", "die 15 to 20 years earlier").
_DURATION = re.compile(
    r"(?:\s+to\s+\d+)?\s+(?:years?|months?|weeks?)(?=\s+(?:earlier|later|sooner|longer|shorter|less|more|"
    r"for\s+an?\s+(?:man|woman|men|women))\b)",
    re.IGNORECASE,
)
_PREDICATE = re.compile(r"\b(?:of|is|was|are|were|at|reached)\s+$")
_LIST_MARK = re.compile(r"^(?:[-•*▪]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_UNITS = frozenset(
    "year years yr yrs month months week weeks day days hour hours minute minutes am pm old st nd rd th "
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split()
)
_NUMBERED = re.compile(
    r"(?:item|items|paragraph|paragraphs|para|section|sections|page|pages|appendix|annex|no|part|chapter|phase|"
    r"level|stage|tier|year|grade|quarter|q|kpi|ref|rule|clause|article|standing order|key stage|minute|"
    r"option|priority|step|round|wave|schedule|table|figure|per|decision)\.?\s*$",
    re.IGNORECASE,
)
# Counts of the document's own parts and of things that are not measured ("12 CSP websites are provided below").
_SELF_COUNTED = re.compile(
    r"^\s*(?:[A-Z]{2,6}\s+)?(?:links?|websites?|web\s?pages?|pages?|sections?|chapters?|appendices|items?|"
    r"ambitions?|priorities|themes?|building blocks?|questions?|paragraphs?|headings?|tables?|charts?|"
    r"figures?|annexes?)\b",
    re.IGNORECASE,
)
_SELF_REFERENCE = re.compile(r"\b(?:below|above|here|overleaf|in this (?:report|document|section))\b", re.I)


def find_figures(doc: DocText, themes: Themes) -> list[tuple[int, Figure]]:
    """Every figure in a document with its offset, in reading order, themed by its section."""
    placed = list(_figures(doc, themes))
    if not themes.ambitions:
        return placed
    return list(zip([offset for offset, _ in placed], _borrow_themes([f for _, f in placed]), strict=True))


def _figures(doc: DocText, themes: Themes) -> Iterator[tuple[int, Figure]]:
    date = doc.document.info.date
    for line in doc.lines:
        taken = -1
        for match in _VALUE.finditer(doc.text, line.start, line.end):
            if match.start() < taken or not _is_figure(doc.text, match, line.start):
                continue
            start, end = doc.sentence_at(match.start())
            if _numbers_paragraph(doc.text, match, start):
                continue
            value_start, value_end = _with_qualifier(doc.text, match, max(start, line.start))
            taken = value_end
            label = label_of(doc.text, match.start(), value_start, value_end, start, end)
            if not label:
                continue
            sentence = _LIST_MARK.sub("", " ".join(doc.text[start:end].split()), count=1)
            value = " ".join(doc.text[value_start:value_end].split())
            if value_start != match.start():
                value = value[0].lower() + value[1:]  # "Over 130" at a sentence's start is "over 130"
            kind = kind_of_figure(doc, value, value_start, value_end, (start, end))
            theme = themes.theme_at(match.start())
            yield match.start(), Figure(value, label, sentence, date, theme, doc.cite(start, end), kind)


def _numbers_paragraph(text: str, match: re.Match[str], sentence_start: int) -> bool:
    """Whether the value is the paragraph number its sentence opens with, not a measure."""
    if text[sentence_start : match.start()].strip(" •-*("):
        return False
    number = PARAGRAPH_NUMBER.match(text, match.start())
    return number is not None and number.group("number") == match.group()


def _with_qualifier(text: str, match: re.Match[str], floor: int) -> tuple[int, int]:
    """The value's span with the qualifier before it ("over", "up to") and a range after it."""
    start, end = match.start(), match.end()
    qualifier = _QUALIFIER.search(text, max(floor, start - 24), start)
    if qualifier:
        start = qualifier.start()
    duration = _DURATION.match(text, end)
    if duration:
        return start, duration.end()
    tail = _RANGE_TAIL.match(text, end)
    if qualifier and qualifier.group().lower().startswith("from"):
        start = match.start()  # "from 12% to 20%" is the range "12% to 20%"
        if tail:
            end = tail.end()
    return start, end


def _is_figure(text: str, match: re.Match[str], line_start: int) -> bool:
    value = match.group()
    if _YEAR.fullmatch(value):
        return False
    before = text[max(line_start, match.start() - 20) : match.start()]
    after = text[match.end() : match.end() + 40]
    if _NUMBERED.search(before) or (before.endswith("(") and after.startswith(")")):
        return False
    if not before.strip(" •-*(") and re.match(r"[.)]\s", after):
        return False  # a list or paragraph number
    if _SELF_COUNTED.match(after) and (_SELF_REFERENCE.search(after) or not re.search(r"[%£$€]", value)):
        return False
    if value[0].isdigit() and "%" not in value and "/" not in value:
        if _DURATION.match(text, match.end()):
            return True
        next_word = re.match(r"\s*:?\s*([A-Za-z]+)", after)
        if not next_word and re.match(r"\s*[.;]", after) and _PREDICATE.search(before):
            return True  # "compared with an Essex figure of 19."
        if not next_word or next_word.group(1).lower() in _UNITS:
            return False
        if re.match(r"\s*(?:-|–|and)\s*\d", after) and not re.search(r"\d,\d", value):
            return False  # a range of ages or years ("15-20 years")
        if re.match(r"\s*to\s*\d+\s+(?:years?|months?|weeks?|days?)\b", after):
            return False
    return True


def _borrow_themes(figures: list[Figure]) -> list[Figure]:
    """Give an unthemed figure (a highlight) the theme of the same figure reported under an ambition."""
    themed = [f for f in figures if f.theme]
    result = []
    for figure in figures:
        if not figure.theme:
            value = figure.value.lower()
            twin = next((f for f in themed if f.value.lower() == value and same_measure(f, figure)), None)
            if twin is not None:
                figure = Figure(
                    figure.value, figure.label, figure.sentence, figure.date, twin.theme, figure.source, figure.kind
                )
        result.append(figure)
    return result


def same_measure(first: Figure, second: Figure) -> bool:
    """Whether two figures with the same value count the same thing (their labels share a word)."""
    words = {w.lower().strip(".,") for w in first.label.split() if len(w) > 3}
    return bool(words & {w.lower().strip(".,") for w in second.label.split() if len(w) > 3})
