"""Where PDFium places a page's words: text runs, cell-like segments and visual lines.

PDFium draws a line of text as runs, breaking one wherever the text jumps (a column gap, a
change of font). Runs closer than a column gap join; the words of each run make a *segment*
(one cell of a table, or one line of prose), measured with PDFium's loose character boxes
(the font's full line height) so that gaps between lines compare alike across fonts.
Segments that share most of their height make one visual line, left to right. A page with
fewer than two gapped lines is left at one call a line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from statistics import median
from typing import Any

_MIN_GAPPED_LINES = 2  # column names and one row
_REACH = 12.0  # lines further than this many glyph heights from any line with a gap are prose
_RUN_GAP = 1.0  # gaps between text runs wider than this many glyph heights separate cells
_WORD = re.compile(r"(?:[^\s\ufffe]|\ufffe(?![A-Z]))+\ufffe?")  # a word, cut after a join before a capital
_MARKER = re.compile(r"^(\(?\d{1,3}(\.\d{1,3})*[.)]|\d{1,3}(\.\d{1,3})+|\(?[a-zA-Z]{1,3}\)|[•●▪◦■□‣∙·*o–-])$")


@dataclass
class Segment:
    """Words of one line that sit together: a cell, or a line of prose."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    line: int  # index of the PDFium line it came from

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class Line:
    """Segments on one visual line, left to right; ``cells`` once columns are known."""

    segments: list[Segment]
    top: float
    bottom: float
    cells: dict[int, str] = field(default_factory=dict)  # column -> text, once columns are known


def measure_page(textpage: Any, lines: list[str], starts: list[int]) -> tuple[list[Line], float, float] | None:
    """The page's visual lines near any gapped line, the median line height and the text width;
    None when fewer than two lines have a gap (no table can be there)."""
    measured = ((i, _runs(textpage, starts[i], len(line))) for i, line in enumerate(lines) if line.strip())
    runs = {i: found for i, found in measured if found}
    gapped = sorted({i for i, found in runs.items() if len(found) >= 2} | _side_by_side(runs))
    if len(gapped) < _MIN_GAPPED_LINES:
        return None
    segments = [s for i in _near_gaps(runs, gapped) for s in _segments(textpage, lines[i], starts[i], i, runs[i])]
    if not segments:
        return None
    height = median(s.height for s in segments) or 10.0
    width = max(s.right for s in segments) - min(s.left for s in segments)
    return _visual_lines(segments), height, width


_Box = tuple[float, float, float, float]  # left, bottom, right, top


def _side_by_side(runs: dict[int, list[_Box]]) -> set[int]:
    """One-run lines that sit beside another one-run line at the same height: the cells of a table
    whose every cell PDFium gives as a line of its own, column by column ("Authorised limit –
    borrowing", then, far below in PDFium's order, "1,260.6" level with it)."""
    single = sorted(((box[1] + box[3]) / 2, i, box) for i, found in runs.items() if len(found) == 1 for box in found)
    beside: set[int] = set()
    for at, (centre, i, (left, bottom, right, top)) in enumerate(single):
        for other_centre, j, (other_left, other_bottom, other_right, other_top) in single[at + 1 :]:
            if other_centre - centre > 0.5 * (top - bottom):
                break
            shared = min(top, other_top) - max(bottom, other_bottom)
            apart = right < other_left or other_right < left
            if apart and shared >= 0.5 * min(top - bottom, other_top - other_bottom):
                beside.update((i, j))
    return beside


def _near_gaps(runs: dict[int, list[_Box]], gapped: list[int]) -> list[int]:
    """The lines close enough to a line with a gap to be part of a table or its caption."""
    centres = {i: (found[0][1] + found[0][3]) / 2 for i, found in runs.items()}
    heights = sorted(found[0][3] - found[0][1] for found in runs.values())
    reach = _REACH * (heights[len(heights) // 2] or 10.0)
    marks = sorted(centres[i] for i in gapped)
    return [i for i in runs if _distance(marks, centres[i]) <= reach]


def _distance(marks: list[float], value: float) -> float:
    at = bisect_left(marks, value)
    return min(abs(marks[j] - value) for j in (at - 1, at) if 0 <= j < len(marks))


def _runs(textpage: Any, start: int, length: int) -> list[_Box]:
    """A line's text runs as PDFium draws them, joined where no column gap separates them."""
    runs: list[list[float]] = []
    for index in range(textpage.count_rects(start, length)):
        left, bottom, right, top = textpage.get_rect(index)
        last = runs[-1] if runs else None
        tall = max(top - bottom, last[3] - last[1]) if last else 0.0
        short = min(top - bottom, last[3] - last[1]) if last else 0.0
        shared = min(top, last[3]) - max(bottom, last[1]) if last else 0.0
        if last and left - last[2] < _RUN_GAP * tall and shared >= 0.5 * short:  # a hyphen is short
            last[1], last[2], last[3] = min(last[1], bottom), max(last[2], right), max(last[3], top)
        else:
            runs.append([left, bottom, right, top])
    return [(a, b, c, d) for a, b, c, d in runs]


def _segments(textpage: Any, line: str, start: int, index: int, runs: list[_Box]) -> list[Segment]:
    """A line's runs as segments with their words; heights from PDFium's loose character boxes
    (a font's full line height), so gaps between lines compare alike across fonts."""
    if len(runs) == 1:  # most lines: one run, no words to place
        first = len(line) - len(line.lstrip())
        _, bottom, _, top = textpage.get_charbox(start + first, loose=True)
        return [Segment(runs[0][0], bottom, runs[0][2], top, " ".join(line.split()).replace("\ufffe", "-"), index)]
    # PDFium joins a word hyphenated at a line's end with the next line's first word, marking the
    # hyphen U+FFFE: "AA-" ending a row of ratings runs into the next row's label ("AA\ufffeTreasury
    # Bills"). Before a capital the two parts are words of their own, each in the run where it is
    # drawn; a part in lower case or a figure goes on the word ("one-off", "Mar-25" over two lines).
    words = [(m.start(), m.end()) for m in _WORD.finditer(line)]
    owners = _owners_by_start(textpage, start, len(line), words, runs)
    if owners is None:
        owners = [_owner(textpage.get_charbox(start + a), runs) for a, _ in words]
    segments = []
    for number, (left, _, right, _) in enumerate(runs):
        mine = [w for w, owner in zip(words, owners, strict=True) if owner == number]
        if not mine:
            continue
        _, bottom, _, top = textpage.get_charbox(start + mine[0][0], loose=True)
        text = " ".join(line[a:b] for a, b in mine).replace("\ufffe", "-")
        segments.append(Segment(left, bottom, right, top, text, index))
    return segments


def _owners_by_start(
    textpage: Any, start: int, length: int, words: list[tuple[int, int]], runs: list[_Box]
) -> list[int] | None:
    """Each word's run, from the character where each run begins (one call a run, not a word);
    None when PDFium does not place a run's first character inside this line in order."""
    firsts = [0]
    for left, bottom, _, top in runs[1:]:
        index = textpage.get_index(left + 0.5, (bottom + top) / 2, 1.0, 1.0)
        if index is None or not start + firsts[-1] < index < start + length:
            return None
        firsts.append(index - start)
    return [bisect_right(firsts, a) - 1 for a, _ in words]


def _owner(box: _Box, runs: list[_Box]) -> int:
    """The run a word belongs to: the one holding its first character's centre, else the nearest."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return min(
        range(len(runs)),
        key=lambda i: max(runs[i][0] - x, 0, x - runs[i][2]) + max(runs[i][1] - y, 0, y - runs[i][3]),
    )


def overlaps(a: Segment, b: Segment) -> bool:
    """Whether two segments share at least half the smaller one's height."""
    shared = min(a.top, b.top) - max(a.bottom, b.bottom)
    return shared >= 0.5 * min(a.height, b.height)


def _visual_lines(segments: list[Segment]) -> list[Line]:
    """Segments grouped into lines by vertical overlap, top of the page first, left to right."""
    lines: list[Line] = []
    for segment in sorted(segments, key=lambda s: -(s.top + s.bottom)):
        line = lines[-1] if lines else None
        if line and overlaps(line.segments[0], segment):
            line.segments.append(segment)
            line.top, line.bottom = max(line.top, segment.top), min(line.bottom, segment.bottom)
        else:
            lines.append(Line([segment], segment.top, segment.bottom))
    for line in lines:
        line.segments.sort(key=lambda s: s.left)
        _merge_marker(line)
    return lines


def _merge_marker(line: Line) -> None:
    """A list number or bullet before its text is one cell with it ("1.50 In addition ...")."""
    if len(line.segments) >= 2 and _MARKER.match(line.segments[0].text):
        first, second = line.segments[0], line.segments[1]
        line.segments[:2] = [
            Segment(
                first.left,
                min(first.bottom, second.bottom),
                second.right,
                max(first.top, second.top),
                f"{first.text} {second.text}",
                first.line,
            )
        ]
