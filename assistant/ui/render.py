"""HTML for the web app's cards, search results and tables. Every piece of document text is escaped here.

Document text is untrusted: it is never inserted as markup. Only this module's own tags
(source cards, <mark> highlights, links to the document viewer) reach the page, and every string
that came from a document, a file name or a question passes through :func:`html.escape`.
Links are relative to the page, so the app works behind a proxy under a path prefix.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from assistant.index.keyword import terms

_SNIPPET_LIMIT = 600
_WORD = re.compile(r"\b\w\w+\b")


def esc(value: object) -> str:
    """Escape any value for HTML text or attribute context."""
    return html.escape("" if value is None else str(value), quote=True)


def document_link(doc_id: str) -> str:
    """The URL of an indexed document's original file."""
    return f"documents/{quote(doc_id, safe='')}"


def viewer_link(
    doc_id: str, chunk: int | None = None, spans: Iterable[Sequence[int]] | None = None, page: int | None = None
) -> str:
    """The URL that shows a document at a passage (its ``chunk``, the ``spans`` inside it picked
    out), or at a ``page``, or from the start."""
    query: dict[str, str] = {}
    if isinstance(chunk, int) and chunk >= 0:
        query["chunk"] = str(chunk)
        marked = [f"{int(s[0])}-{int(s[1])}" for s in spans or () if len(s) == 2]
        if marked:
            query["s"] = ",".join(marked)
    elif isinstance(page, int) and page > 0:
        query["page"] = str(page)
    url = f"view/{quote(doc_id, safe='')}"
    if not query:
        return url
    anchor = "passage" if "chunk" in query else f"page-{query['page']}"
    return f"{url}?{urlencode(query)}#{anchor}"


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` escaped, with the character ``spans`` wrapped in <mark>."""
    parts: list[str] = []
    position = 0
    for start, end in sorted(merge_spans(spans)):
        if start < position or start >= len(text):
            continue
        parts.append(esc(text[position:start]))
        parts.append(f"<mark>{esc(text[start:end])}</mark>")
        position = end
    parts.append(esc(text[position:]))
    return "".join(parts)


def query_terms(query: str) -> set[str]:
    """The query's words as the keyword index reads them: stemmed, stop words dropped."""
    return set(terms([query])[0]) if query.strip() else set()


def term_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where words sharing a stem with the query's words occur in ``text`` ("homeless" for
    "homelessness" and the other way round)."""
    wanted = query_terms(query)
    if not wanted:
        return []
    words = list(_WORD.finditer(text))
    stems = terms([w.group() for w in words])
    return [w.span() for w, stem in zip(words, stems, strict=True) if stem and stem[0] in wanted]


def meta_line(record: dict[str, Any]) -> str:
    """'2010 · web page · Safer Essex · p. 3 · Section' for a passage record (escaped)."""
    parts = [
        record.get("date") or "undated",
        record.get("doc_type"),
        record.get("organisation"),
        f"p. {record['page']}" if record.get("page") else None,
        record.get("section"),
    ]
    return " · ".join(esc(p) for p in parts if p)


def source_card(
    record: dict[str, Any], number: int | None, spans: Sequence[tuple[int, int]], card_id: str | None = None
) -> str:
    """One source: number, title linked to the document at this passage, date/type/page/section,
    and the passage with highlights.

    A long passage shows the stretch around its first highlight, the whole passage one click away.
    """
    label = f'<span class="pa-num">[{number}]</span>' if number is not None else ""
    link = viewer_link(record["doc_id"], record.get("chunk"), spans if number is not None else None, record.get("page"))
    text = record["text"]
    body = f'<p class="pa-passage">{highlighted(text, spans)}</p>'
    if len(text) > _SNIPPET_LIMIT:
        body = (
            f'<p class="pa-passage">{snippet(text, spans)}</p>'
            f"<details><summary>Show the full passage</summary>{body}</details>"
        )
    identity = f' id="{esc(card_id)}" tabindex="-1"' if card_id else ""
    return (
        f'<div class="pa-source"{identity}>'
        f'<div class="pa-source-head">{label}<a href="{esc(link)}" target="_blank" rel="noopener noreferrer">'
        f"{esc(record['title'])}</a></div>"
        f'<div class="pa-meta">{meta_line(record)}</div>{body}</div>'
    )


def snippet(text: str, spans: Sequence[tuple[int, int]], before: int = 160, after: int = 320) -> str:
    """The stretch of ``text`` around its first highlighted span (escaped, highlights kept)."""
    merged = merge_spans(spans)
    first_start, first_end = merged[0] if merged else (0, 0)
    start = max(0, first_start - before)
    end = min(len(text), max(first_end, first_start) + after)
    start = text.rfind(" ", 0, start) + 1 if start > 0 else 0
    end = text.find(" ", end) if 0 < end < len(text) and text.find(" ", end) != -1 else end
    inside = [(max(a, start) - start, min(b, end) - start) for a, b in merged if b > start and a < end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{highlighted(text[start:end], inside)}{suffix}"


def search_results(query: str, passages: Sequence[dict[str, Any]], order: str = "best match first") -> str:
    """Search results with the words sharing the query's stems picked out, or why there are none."""
    if not passages:
        return (
            f'<p class="pa-empty" role="status">No passages match “{esc(query.strip())}”. Try other words, '
            "fewer words, or clear the filters.</p>"
        )
    noun = "passage matches" if len(passages) == 1 else "passages match"
    count = f'<div class="pa-count" role="status">{len(passages)} {noun} “{esc(query.strip())}”, {esc(order)}</div>'
    cards = [source_card(p, i, term_spans(p["text"], query)) for i, p in enumerate(passages, start=1)]
    return count + '<div class="pa-sources">' + "".join(cards) + "</div>"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Iterable[int] = ()) -> str:
    """A table whose cells are already HTML; on a narrow screen each row becomes a card
    (every cell labelled with its column)."""
    numbers = set(numeric)
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    kinds = [' class="num"' if i in numbers else "" for i in range(len(headers))]
    body = "".join(
        "<tr>"
        + "".join(f'<td data-label="{esc(headers[i])}"{kinds[i]}>{cell}</td>' for i, cell in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return (
        f'<div class="pa-table-wrap"><table class="pa-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def documents_table(records: Sequence[dict[str, Any]]) -> str:
    """Every indexed document with its metadata and chunk count."""
    if not records:
        return '<p class="pa-empty">No documents are indexed.</p>'
    rows = [
        [
            f'<a href="{esc(viewer_link(r["doc_id"]))}" target="_blank" rel="noopener noreferrer">{esc(r["title"])}</a>'
            f'<div class="pa-meta">{esc(r["doc_id"])}</div>',
            esc(r["date"] or "undated"),
            esc(r["doc_type"]),
            esc(r["organisation"] or ""),
            esc(r["pages"]),
            esc(r["chunks"]),
        ]
        for r in records
    ]
    total = sum(int(r["chunks"]) for r in records)
    headers = ["Document", "Date", "Type", "Organisation", "Pages", "Passages"]
    return f'<div class="pa-count">{len(records)} documents, {total} passages</div>' + table(headers, rows, (4, 5))


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, overlapping ones joined."""
    merged: list[list[int]] = []
    for start, end in sorted((int(a), int(b)) for a, b in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]
