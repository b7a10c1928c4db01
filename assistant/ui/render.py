"""HTML for the web app's panels. Every piece of document text is escaped here.

Document text is untrusted: it is never inserted as markup. Only this module's own tags
(source cards, <mark> highlights, links to /documents/<id>) reach the page, and every string
that came from a document, a file name or a question passes through :func:`html.escape`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from assistant.index.keyword import stopwords

CSS = """
.pa-header h1 { margin: 0; font-size: 1.6rem; }
.pa-header p { margin: 0.2rem 0 0; color: var(--body-text-color-subdued); }
.pa-sources { display: flex; flex-direction: column; gap: 0.6rem; }
.pa-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.6rem 0.8rem;
  background: var(--background-fill-secondary); }
.pa-source-head { font-weight: 600; }
.pa-num { display: inline-block; min-width: 2rem; color: var(--color-accent); }
.pa-meta { font-size: 0.85rem; color: var(--body-text-color-subdued); margin: 0.15rem 0 0.35rem; }
.pa-passage { font-size: 0.92rem; line-height: 1.45; white-space: pre-wrap; margin: 0; }
.pa-passage mark { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
.pa-empty { color: var(--body-text-color-subdued); font-style: italic; }
.pa-note { font-size: 0.85rem; padding: 0.4rem 0.6rem; border-left: 3px solid #f59e0b;
  background: var(--background-fill-secondary); }
.pa-table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
.pa-table th, .pa-table td { text-align: left; padding: 0.35rem 0.5rem; vertical-align: top;
  border-bottom: 1px solid var(--border-color-primary); }
.pa-table td.num { text-align: right; white-space: nowrap; }
.pa-count { color: var(--body-text-color-subdued); font-size: 0.85rem; margin-bottom: 0.4rem; }
.pa-table th, .pa-table td { border-left: none !important; border-right: none !important; border-top: none !important; }
.pa-table { border: none !important; }
.pa-source details { margin-top: 0.3rem; font-size: 0.85rem; }
.pa-source summary { cursor: pointer; color: var(--color-accent); }
"""


_SNIPPET_LIMIT = 600


def esc(value: object) -> str:
    """Escape any value for HTML text or attribute context."""
    return html.escape("" if value is None else str(value), quote=True)


def document_link(doc_id: str, page: int | None = None) -> str:
    """The URL that opens an indexed document's original file (at its page, for a PDF)."""
    url = f"/documents/{quote(doc_id, safe='')}"
    return f"{url}#page={int(page)}" if page else url


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` escaped, with the character ``spans`` wrapped in <mark>."""
    parts: list[str] = []
    position = 0
    for start, end in sorted(_merge(spans)):
        if start < position or start >= len(text):
            continue
        parts.append(esc(text[position:start]))
        parts.append(f"<mark>{esc(text[start:end])}</mark>")
        position = end
    parts.append(esc(text[position:]))
    return "".join(parts)


def term_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words (and words that start like them) occur in ``text``."""
    ignored = set(stopwords())
    words = {w.lower() for w in re.findall(r"[^\W_]{3,}", query) if w.lower() not in ignored}
    spans = []
    for word in words:
        stem = word[: max(4, len(word) - 2)] if len(word) > 5 else word
        spans += [m.span() for m in re.finditer(rf"\b{re.escape(stem)}\w*", text, re.IGNORECASE)]
    return spans


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


def source_card(record: dict[str, Any], number: int | None, spans: Sequence[tuple[int, int]]) -> str:
    """One source: number, linked title, date/type/page/section, and the passage with highlights.

    A long passage shows the stretch around its first highlight, the whole passage one click away.
    """
    label = f'<span class="pa-num">[{number}]</span>' if number is not None else ""
    link = document_link(record["doc_id"], record.get("page"))
    text = record["text"]
    body = f'<p class="pa-passage">{highlighted(text, spans)}</p>'
    if len(text) > _SNIPPET_LIMIT:
        body = (
            f'<p class="pa-passage">{snippet(text, spans)}</p>'
            f"<details><summary>Show the full passage</summary>{body}</details>"
        )
    return (
        f'<div class="pa-source" id="source-{number or 0}">'
        f'<div class="pa-source-head">{label}<a href="{esc(link)}" target="_blank" rel="noopener noreferrer">'
        f"{esc(record['title'])}</a></div>"
        f'<div class="pa-meta">{meta_line(record)}</div>{body}</div>'
    )


def snippet(text: str, spans: Sequence[tuple[int, int]], before: int = 160, after: int = 320) -> str:
    """The stretch of ``text`` around its first highlighted span (escaped, highlights kept)."""
    merged = _merge(spans)
    first_start, first_end = merged[0] if merged else (0, 0)
    start = max(0, first_start - before)
    end = min(len(text), max(first_end, first_start) + after)
    start = text.rfind(" ", 0, start) + 1 if start > 0 else 0
    end = text.find(" ", end) if 0 < end < len(text) and text.find(" ", end) != -1 else end
    inside = [(max(a, start) - start, min(b, end) - start) for a, b in merged if b > start and a < end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{highlighted(text[start:end], inside)}{suffix}"


def sources_panel(answer: dict[str, Any] | None) -> str:
    """The sources beside an answer: its citations, or the nearest passages when it abstained."""
    if not answer:
        return '<div class="pa-sources"><p class="pa-empty">Sources for the answer appear here.</p></div>'
    cards = []
    if answer.get("note"):
        cards.append(f'<div class="pa-note">{esc(answer["note"])}</div>')
    if answer["citations"]:
        for citation in answer["citations"]:
            cards.append(source_card(citation, citation["n"], citation.get("spans") or []))
    else:
        cards.append('<p class="pa-empty">No passage answers this. The nearest passages:</p>')
        cards += [source_card(p, None, []) for p in answer["passages"][:4]]
    return '<div class="pa-sources">' + "".join(cards) + "</div>"


def search_results(query: str, passages: Sequence[dict[str, Any]]) -> str:
    """Search results with the query's words picked out."""
    if not passages:
        return '<p class="pa-empty">No passages match.</p>'
    count = f'<div class="pa-count">{len(passages)} passages</div>'
    cards = [source_card(p, i, term_spans(p["text"], query)) for i, p in enumerate(passages, start=1)]
    return count + '<div class="pa-sources">' + "".join(cards) + "</div>"


def documents_table(records: Sequence[dict[str, Any]]) -> str:
    """Every indexed document with its metadata and chunk count."""
    if not records:
        return '<p class="pa-empty">No documents are indexed.</p>'
    rows = "".join(
        "<tr>"
        f'<td><a href="{esc(document_link(r["doc_id"]))}" target="_blank" rel="noopener noreferrer">'
        f"{esc(r['title'])}</a>"
        f'<div class="pa-meta">{esc(r["doc_id"])}</div></td>'
        f"<td>{esc(r['date'] or 'undated')}</td><td>{esc(r['doc_type'])}</td><td>{esc(r['organisation'] or '')}</td>"
        f'<td class="num">{esc(r["pages"])}</td><td class="num">{esc(r["chunks"])}</td>'
        "</tr>"
        for r in records
    )
    head = "<tr><th>Document</th><th>Date</th><th>Type</th><th>Organisation</th><th>Pages</th><th>Chunks</th></tr>"
    total = sum(int(r["chunks"]) for r in records)
    return (
        f'<div class="pa-count">{len(records)} documents, {total} passages</div>'
        f'<table class="pa-table"><thead>{head}</thead><tbody>{rows}</tbody></table>'
    )


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _source_links(sources: Sequence[Any], documents: dict[str, Any], limit: int = 2) -> str:
    distinct = list({(s.doc_id, s.section): s for s in sources}.values())
    links = []
    for source in distinct[:limit]:
        info = documents.get(source.doc_id)
        title = info.title if info else source.doc_id
        where = " · ".join(
            esc(p) for p in (info.date if info else None, f"p. {source.page}" if source.page else None) if p
        )
        section = f' <span class="pa-meta">{esc(source.section)}</span>' if source.section else ""
        link = esc(document_link(source.doc_id, source.page))
        links.append(f'<a href="{link}" target="_blank" rel="noopener noreferrer">{esc(title)}</a> ({where}){section}')
    more = f" and {len(distinct) - limit} more" if len(distinct) > limit else ""
    label = "Source" if len(distinct) == 1 else "Sources"
    return f'<div class="pa-meta">{label}: ' + "; ".join(links) + more + "</div>" if links else ""


def initiatives_panel(initiatives: Sequence[Any], documents: dict[str, Any]) -> str:
    """Initiatives grouped by the ambition or theme they serve, each linked to its sources."""
    if not initiatives:
        return '<p class="pa-empty">No initiatives match.</p>'
    parts = [f'<div class="pa-count">{len(initiatives)} initiatives</div>']
    for theme in dict.fromkeys(i.theme or "Other" for i in initiatives):
        parts.append(f"<h3>{esc(theme)}</h3><div class='pa-sources'>")
        for item in (i for i in initiatives if (i.theme or "Other") == theme):
            extras = []
            if item.partners:
                extras.append(f"<div class='pa-meta'>Partners: {esc(', '.join(item.partners))}</div>")
            if item.figures:
                figures = "; ".join(f"{f.value} {f.label}" for f in item.figures[:4])
                extras.append(f"<div class='pa-meta'>Figures: {esc(figures)}</div>")
            parts.append(
                _card(esc(item.name), item.description, "".join(extras) + _source_links(item.sources, documents))
            )
        parts.append("</div>")
    return "".join(parts)


def _card(head_html: str, text: str, tail_html: str) -> str:
    """A directory entry's card: its heading (already escaped), its text (escaped here), then links."""
    return (
        f"<div class='pa-source'><div class='pa-source-head'>{head_html}</div>"
        f"<p class='pa-passage'>{esc(text)}</p>{tail_html}</div>"
    )


def boards_panel(boards: Sequence[Any], documents: dict[str, Any]) -> str:
    """Partnerships and boards: chair, meetings, purpose, members, who they report to, sources."""
    if not boards:
        return '<p class="pa-empty">No partnerships or boards found.</p>'
    rows = []
    for board in boards:
        chair = esc(board.chair or "")
        if board.chair and board.chair_since:
            chair += f'<div class="pa-meta">as of {esc(board.chair_since)}</div>'
        rows.append(
            f"<tr><td><strong>{esc(board.name)}</strong></td>"
            f"<td>{chair}</td><td>{esc(board.frequency or '')}</td><td>{esc(board.purpose or '')}</td>"
            f"<td>{esc(', '.join(board.members))}</td><td>{esc(board.reports_to or '')}</td>"
            f"<td>{_source_links(board.sources, documents, 1)}</td></tr>"
        )
    head = (
        "<tr><th>Partnership or board</th><th>Chair</th><th>Meets</th><th>Purpose</th><th>Members</th>"
        "<th>Reports to</th><th>Source</th></tr>"
    )
    return (
        f'<div class="pa-count">{len(boards)} partnerships and boards</div>'
        f'<table class="pa-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
    )


def decisions_panel(meetings: Sequence[Any], documents: dict[str, Any]) -> str:
    """Meetings newest first; each decision, resolution and action under its agenda item."""
    if not meetings:
        return '<p class="pa-empty">No decisions match.</p>'
    total = sum(len(m.decisions) for m in meetings)
    parts = [f'<div class="pa-count">{total} decisions and actions in {len(meetings)} meetings</div>']
    for meeting in meetings:
        chair = f" · chaired by {esc(meeting.chair)}" if meeting.chair else ""
        attended = f" · {len(meeting.attendees)} present" if meeting.attendees else ""
        parts.append(f"<h3>{esc(meeting.body)} · {esc(meeting.date or 'undated')}</h3>")
        parts.append(f'<div class="pa-meta">{chair.lstrip(" ·")}{attended}</div><div class="pa-sources">')
        for decision in meeting.decisions:
            head = f"<span class='pa-num'>{esc(decision.kind)}</span>{esc(decision.item)}"
            parts.append(_card(head, decision.text, _source_links([decision.source], documents, 1)))
        parts.append("</div>")
    return "".join(parts)


def scorecard_panel(rows: Sequence[Any], documents: dict[str, Any]) -> str:
    """Per ambition, the results the documents report (context figures one click away)."""
    if not rows:
        return '<p class="pa-empty">No figures found.</p>'
    parts = []
    for row in rows:
        results = [f for f in row.figures if f.kind == "result"]
        context = [f for f in row.figures if f.kind != "result"]
        parts.append(f"<h3>{esc(row.ambition)}</h3>")
        parts.append(_figures_table(results, documents) if results else '<p class="pa-empty">No results reported.</p>')
        if context:
            parts.append(
                f"<details><summary>{len(context)} context figures (trends, targets, needs)</summary>"
                f"{_figures_table(context, documents)}</details>"
            )
    return "".join(parts)


def _figures_table(figures: Sequence[Any], documents: dict[str, Any]) -> str:
    lines = "".join(
        f"<tr><td class='num'><strong>{esc(f.value)}</strong></td><td>{esc(f.label)}"
        f"<div class='pa-meta'>“{esc(f.sentence)}”</div></td><td>{esc(f.date or 'undated')}</td>"
        f"<td>{_source_links([f.source], documents, 1)}</td></tr>"
        for f in figures
    )
    head = "<tr><th>Figure</th><th>What it counts</th><th>Date</th><th>Source</th></tr>"
    return f'<table class="pa-table"><thead>{head}</thead><tbody>{lines}</tbody></table>'
