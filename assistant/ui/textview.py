"""A document's text as safe HTML, and a PDF's pages as images: the bodies of the document viewer.

The text is the indexer's reading of the file (one block per line, headings known by offset), so
the viewer never shows the file's own markup and a chunk's offsets point straight into it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.ui.render import esc

CSS = """
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.55 ui-sans-serif, system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1f2937; background: #f8fafc; }
header { background: #fff; border-bottom: 1px solid #d1d5db; padding: 0.8rem 1.2rem;
  position: sticky; top: 0; z-index: 2; }
header h1 { font-size: 1.25rem; margin: 0 0 0.3rem; }
dl { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; margin: 0 0 0.3rem; font-size: 0.9rem; color: #374151; }
dl div { display: flex; gap: 0.3rem; } dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
nav { font-size: 0.95rem; } nav a[aria-current] { font-weight: 700; text-decoration: none; color: #111827; }
a { color: #3730a3; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.2rem 40vh; background: #fff; }
main h2, main h3, main h4, main h5, main h6 { line-height: 1.3; margin: 1.2em 0 0.4em; }
.pa-pageno { font-size: 0.8rem; color: #4b5563; border-top: 1px dashed #9ca3af; padding-top: 0.3rem;
  margin-top: 1.5rem; font-weight: 600; }
table { border-collapse: collapse; margin: 0.6rem 0; display: block; overflow-x: auto; }
td { border: 1px solid #d1d5db; padding: 0.25rem 0.5rem; vertical-align: top; }
mark.pa-hit { background: #fef3c7; color: inherit; }
mark.pa-key { background: #fcd34d; color: inherit; outline: 2px solid #b45309; border-radius: 2px; }
#passage { scroll-margin-top: 35vh; }
.pa-pages { max-width: none; padding: 1rem; background: #e5e7eb; }
figure.pa-page { position: relative; margin: 0 auto 1rem; max-width: 60rem; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); }
figure.pa-page img { display: block; width: 100%; height: 100%; }
figure.pa-page figcaption { position: absolute; right: 0.4rem; bottom: 0.2rem; font-size: 0.75rem; color: #374151; }
.pa-box { position: absolute; background: rgba(252, 211, 77, 0.28); mix-blend-mode: multiply; }
.pa-box.pa-key { background: rgba(245, 158, 11, 0.45); outline: 2px solid #b45309; }
.pa-box#passage { scroll-margin-top: 30vh; }
"""

_LIST = re.compile(r"^\s*(?:[-•*]|(\d{1,3})[.)])\s+")
_CELL = " | "


def text_html(document: Any, target: Any, pages: bool) -> str:
    """Every page's text as HTML, the target passage and sentences highlighted (and the first
    highlight given the id ``passage``, for the URL's fragment)."""
    anchored = [False]
    parts = []
    for index, page in enumerate(document.pages):
        marks: list[tuple[int, int, str]] = []
        on_page = target.page == page.number if target.page is not None else index == 0
        if on_page and target.passage:
            marks = [(a, b, "pa-key") for a, b in target.sentences] + [(*target.passage, "pa-hit")]
        if pages and page.number is not None:
            parts.append(f'<h2 class="pa-pageno" id="page-{int(page.number)}">Page {int(page.number)}</h2>')
        parts.append(_blocks_html(page, marks, anchored))
    return "".join(parts)


def _blocks_html(page: Any, marks: list[tuple[int, int, str]], anchored: list[bool]) -> str:
    levels = {h.start: h.level for h in page.headings}
    lines, offset = [], 0
    for line in page.text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    out, i = [], 0
    while i < len(lines):
        start, line = lines[i]
        if not line.strip():
            i += 1
            continue
        if start in levels:
            level = min(levels[start] + 1, 6)
            out.append(f"<h{level}>{_marked(line, start, marks, anchored)}</h{level}>")
            i += 1
        elif _LIST.match(line):
            i = _list(lines, i, marks, anchored, out)
        elif _CELL in line and i + 1 < len(lines) and _CELL in lines[i + 1][1]:
            i = _table(lines, i, marks, anchored, out)
        else:
            out.append(f"<p>{_marked(line, start, marks, anchored)}</p>")
            i += 1
    return "".join(out)


def _list(lines: list[tuple[int, str]], i: int, marks: list, anchored: list[bool], out: list[str]) -> int:
    first = _LIST.match(lines[i][1])
    tag = "ol" if first and first.group(1) else "ul"
    start = f' start="{int(first.group(1))}"' if tag == "ol" and first and first.group(1) != "1" else ""
    items = []
    while i < len(lines) and (item := _LIST.match(lines[i][1])):
        offset, line = lines[i]
        items.append(f"<li>{_marked(line[item.end() :], offset + item.end(), marks, anchored)}</li>")
        i += 1
    out.append(f"<{tag}{start}>{''.join(items)}</{tag}>")
    return i


def _table(lines: list[tuple[int, str]], i: int, marks: list, anchored: list[bool], out: list[str]) -> int:
    rows = []
    while i < len(lines) and _CELL in lines[i][1]:
        offset, line = lines[i]
        cells, position = [], 0
        for cell in line.split(_CELL):
            cells.append(f"<td>{_marked(cell, offset + position, marks, anchored)}</td>")
            position += len(cell) + len(_CELL)
        rows.append(f"<tr>{''.join(cells)}</tr>")
        i += 1
    out.append(f"<table><tbody>{''.join(rows)}</tbody></table>")
    return i


def _marked(text: str, offset: int, marks: list[tuple[int, int, str]], anchored: list[bool]) -> str:
    """``text`` (at ``offset`` in its page) escaped, the marked stretches in <mark>; the first
    sentence mark (else the first passage mark) is the page's ``#passage``."""
    end = offset + len(text)
    inside = [(max(a, offset) - offset, min(b, end) - offset, kind) for a, b, kind in marks if a < end and b > offset]
    if not inside:
        return esc(text)
    kinds = [""] * len(text)
    for a, b, kind in sorted(inside, key=lambda m: m[2] == "pa-key"):  # sentences over the passage
        kinds[a:b] = [kind] * (b - a)
    out, position = [], 0
    while position < len(text):
        run = position
        while run < len(text) and kinds[run] == kinds[position]:
            run += 1
        piece, kind = esc(text[position:run]), kinds[position]
        if kind:
            first = not anchored[0] and (kind == "pa-key" or not any(m[2] == "pa-key" for m in marks))
            anchored[0] = anchored[0] or first
            anchor = ' id="passage"' if first else ""
            piece = f'<mark class="{kind}"{anchor}>{piece}</mark>'
        out.append(piece)
        position = run
    return "".join(out)


def pages_html(name: str, sizes: Sequence[tuple[float, float]], cited: int | None, boxes: list[list[Any]]) -> str:
    """A PDF's pages as images (loaded as they scroll into view), the cited page's passage boxed."""
    figures = []
    for number, (width, height) in enumerate(sizes, start=1):
        overlay = _overlay(*boxes) if number == cited else ""
        loading = "eager" if number == (cited or 1) else "lazy"
        figures.append(
            f'<figure class="pa-page" id="page-{number}" style="aspect-ratio:{width:.1f}/{height:.1f}">'
            f'<img src="{esc(name)}/page/{number}" alt="Page {number} of {len(sizes)}" loading="{loading}">'
            f"{overlay}<figcaption>Page {number}</figcaption></figure>"
        )
    return '<div class="pa-pages">' + "".join(figures) + "</div>"


def _overlay(passage: Sequence[Any], sentences: Sequence[Any]) -> str:
    """Boxes over the passage and, stronger, its supporting sentences; the first sentence box
    (else the first passage box) is the page's ``#passage``."""
    groups = [("pa-box", list(passage)), ("pa-box pa-key", list(sentences))]
    anchor_group = 1 if sentences else 0
    out = []
    for index, (kind, group) in enumerate(groups):
        for position, (left, top, width, height) in enumerate(group):
            anchor = ' id="passage"' if index == anchor_group and position == 0 else ""
            out.append(
                f'<span class="{kind}"{anchor} style="left:{left:.2%};top:{top:.2%};'
                f'width:{width:.2%};height:{height:.2%}"></span>'
            )
    return "".join(out)
