"""Figures: the numbers a document reports, as written, with what they count.

A figure is money ("£320m", "£3.4 million"), a percentage ("84%"), a fraction ("2/3") or a
count followed by what it counts ("496 households", "8,000 residents"). Years, dates, ages,
paragraph and item numbers, times and vote tallies are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.directory.doctext import DocText
from assistant.directory.model import Figure
from assistant.directory.themes import Themes

_VALUE = re.compile(
    r"(?<![\w£$€/.\-])(?:"
    r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|billion|million|thousand)\b|[mk]\b)?"
    r"|\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b)"
    r"|[1-9]/[1-9](?!\d)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?k?|\d+(?:\.\d+)?k?"
    r")(?![\w/\-]|\.\d)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_LIST_MARK = re.compile(r"^(?:[-•*▪]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_UNITS = frozenset(
    "year years yr yrs month months week weeks day days hour hours minute minutes am pm old st nd rd th "
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split()
)
_NUMBERED = re.compile(
    r"(?:item|items|paragraph|paragraphs|para|section|sections|page|pages|appendix|annex|no|part|chapter|phase|"
    r"level|stage|tier|year|grade|quarter|q|kpi|ref|rule|clause|article|standing order|key stage|minute|"
    r"option|priority|step|round|wave|schedule|table|figure)\.?\s*$",
    re.IGNORECASE,
)
_RESULT_CUES = re.compile(
    r"\b(?:prevent\w*|provid\w*|train\w*|deliver\w*|signed up|taken part|took part|attend\w*|engag\w*|secur\w*|"
    r"invest\w*|fund\w*|award\w*|raised|support\w*|helped|plant\w*|reach\w* out|creat\w*|built|mapped|visited|"
    r"brought together|involv\w*|complet\w*|launch\w*|establish\w*|won|opened|recruit\w*|achiev\w*|"
    r"earmarked|leverag\w*|captur\w*|approved|adopted|made fit|matched|adopted|placed|bringing|kept|reduc\w*)\b",
    re.IGNORECASE,
)
_CONTEXT_CUES = re.compile(
    r"\b(?:is set to|are set to|set to rise|expected|needs? to|required to|projected|estimated|forecast|"
    r"live in|living with|say they|feel|agree|there are|in total|on average|die|compared with|rate|increase\w*|"
    r"lower|higher|recorded)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:.](?=\s|$)|[()]|\s[–—-]\s")
_STOP_EDGE = frozenset(
    "to of in on at by for from with and or the a an as over under into than that which such".split()
)
_LABEL_WORDS = 10
_CUE_WINDOW = 60  # characters either side of a figure in which its kind is read


def find_figures(doc: DocText, themes: Themes) -> list[tuple[int, Figure]]:
    """Every figure in a document with its offset, in reading order, themed by its section."""
    placed = list(_figures(doc, themes))
    if not themes.ambitions:
        return placed
    return list(zip([offset for offset, _ in placed], _borrow_themes([f for _, f in placed]), strict=True))


def _figures(doc: DocText, themes: Themes) -> Iterator[tuple[int, Figure]]:
    date = doc.document.info.date
    for line in doc.lines:
        for match in _VALUE.finditer(doc.text, line.start, line.end):
            if not _is_figure(doc.text, match, line.start):
                continue
            start, end = doc.sentence_at(match.start())
            sentence = _LIST_MARK.sub("", " ".join(doc.text[start:end].split()), count=1)
            label = _label(doc.text, match, start, end)
            if not label:
                continue
            kind = _kind(doc.text[max(start, match.start() - _CUE_WINDOW) : min(end, match.end() + _CUE_WINDOW)])
            source = doc.cite(start, end)
            theme = themes.theme_at(match.start())
            yield match.start(), Figure(match.group().strip(), label, sentence, date, theme, source, kind)


def _kind(near: str) -> str:
    """ "result" when the words around a figure say it was delivered, "context" otherwise."""
    return "result" if _RESULT_CUES.search(near) and not _CONTEXT_CUES.search(near) else "context"


def _is_figure(text: str, match: re.Match[str], line_start: int) -> bool:
    value = match.group()
    if _YEAR.fullmatch(value):
        return False
    before = text[max(line_start, match.start() - 20) : match.start()]
    after = text[match.end() : match.end() + 20]
    if _NUMBERED.search(before) or (before.endswith("(") and after.startswith(")")):
        return False
    if not before.strip(" •-*(") and re.match(r"[.)]\s", after):
        return False  # a list or paragraph number
    if value[0].isdigit() and "%" not in value and "/" not in value:
        next_word = re.match(r"\s*([A-Za-z]+)", after)
        if not next_word or next_word.group(1).lower() in _UNITS:
            return False
        if re.match(r"\s*(?:to|-|–|and)\s*\d", after) and not re.search(r"\d,\d", value):
            return False  # a range of ages or years ("15 to 20 years")
    return True


def _label(text: str, match: re.Match[str], start: int, end: int) -> str:
    """What a figure counts: the words after it in its clause, with the lead-in when they are few."""
    stop = _CLAUSE_END.search(text, match.end(), end)
    tail = _trim_words(text[match.end() : stop.start() if stop else end].split()[:_LABEL_WORDS])
    if tail and tail[0] == "of":
        tail = tail[1:]
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, start, match.start())), default=start)
    head = _trim_words(text[clause_start : match.start()].split()[-_LABEL_WORDS:])
    head = [w for w in head if w.lower() not in ("over", "nearly", "almost", "around", "about", "up", "least")]
    head = _trim_words(head)
    if len(tail) >= 3 or (tail and not head):
        return " ".join(tail)
    if tail:
        return f"{' '.join(tail)} ({' '.join(head)})"
    return " ".join(head)


def _trim_words(words: list[str]) -> list[str]:
    words = [w.strip("“”\"'‘’") for w in words if any(c.isalnum() for c in w)]
    while words and words[-1].lower() in _STOP_EDGE:
        words.pop()
    while words and words[0].lower() in _STOP_EDGE - {"the", "a", "an"}:
        words.pop(0)
    return words


def _borrow_themes(figures: list[Figure]) -> list[Figure]:
    """Give an unthemed figure (a highlight) the theme of the same figure reported under an ambition."""
    themed = [f for f in figures if f.theme]
    result = []
    for figure in figures:
        if not figure.theme:
            twin = next((f for f in themed if f.value == figure.value and same_measure(f, figure)), None)
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
