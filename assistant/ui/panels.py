"""HTML for the directory tabs: initiatives, boards, decisions and the scorecard (all text escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.directory import UNDESCRIBED
from assistant.ui.render import esc, table, viewer_link

# Scorecard figure kinds in the order they are shown, with their headings; context sits folded.
_KINDS = {
    "achievement": "Achievements",
    "result": "Achievements",
    "target": "Targets",
    "context": "Context: statistics about the place",
}
_FOLDED = {"context"}


def source_links(sources: Sequence[Any], documents: dict[str, Any], limit: int = 2, labelled: bool = True) -> str:
    """'Sources: Title (2019 · p. 3) Section; ...', each opening the document at the passage
    (without the 'Sources:' label in a table's Source column)."""
    distinct = list({(s.doc_id, s.section, s.chunk): s for s in sources}.values())
    links = []
    for source in distinct[:limit]:
        info = documents.get(source.doc_id)
        title = info.title if info else source.doc_id
        where = " · ".join(
            esc(p) for p in (info.date if info else None, f"p. {source.page}" if source.page else None) if p
        )
        section = f' <span class="pa-meta">{esc(source.section)}</span>' if source.section else ""
        link = esc(_source_url(source))
        links.append(f'<a href="{link}" target="_blank" rel="noopener noreferrer">{esc(title)}</a> ({where}){section}')
    more = f" and {len(distinct) - limit} more" if len(distinct) > limit else ""
    label = ("Source: " if len(distinct) == 1 else "Sources: ") if labelled else ""
    return f'<div class="pa-meta">{label}' + "; ".join(links) + more + "</div>" if links else ""


def _source_url(source: Any) -> str:
    if source.chunk >= 0:
        return viewer_link(source.doc_id, source.chunk, [(source.start, source.end)])
    return viewer_link(source.doc_id, page=source.page)


def _card(head_html: str, text: str, tail_html: str) -> str:
    """A directory entry's card: its heading (already escaped), its text (escaped here), then links."""
    return (
        f"<div class='pa-source'><div class='pa-source-head'>{head_html}</div>"
        f"<p class='pa-passage'>{esc(text)}</p>{tail_html}</div>"
    )


def initiatives_panel(initiatives: Sequence[Any], documents: dict[str, Any], filtered: bool = False) -> str:
    """Initiatives grouped by the ambition or theme they serve, each linked to its sources."""
    if not initiatives:
        if filtered:
            return '<p class="pa-empty" role="status">No initiatives match. Try other words or all ambitions.</p>'
        return '<p class="pa-empty" role="status">No initiatives were found in the indexed documents.</p>'
    parts = [f'<div class="pa-count" role="status">{len(initiatives)} initiatives</div>']
    for theme in dict.fromkeys(i.theme or "Other" for i in initiatives):
        parts.append(f"<h3>{esc(theme)}</h3><div class='pa-sources'>")
        for item in (i for i in initiatives if (i.theme or "Other") == theme):
            extras = []
            if item.partners:
                extras.append(f"<div class='pa-meta'>Partners: {esc(', '.join(item.partners))}</div>")
            if item.figures:
                figures = "; ".join(f"{f.value} {f.label}" for f in item.figures[:4])
                extras.append(f"<div class='pa-meta'>Figures: {esc(figures)}</div>")
            description = item.description or UNDESCRIBED  # said plainly, not an empty card
            parts.append(_card(esc(item.name), description, "".join(extras) + source_links(item.sources, documents)))
        parts.append("</div>")
    return "".join(parts)


def boards_panel(boards: Sequence[Any], documents: dict[str, Any]) -> str:
    """Partnerships and boards: chair, meetings, purpose, members, who they report to, sources."""
    if not boards:
        return '<p class="pa-empty" role="status">No partnerships or boards were found in the indexed documents.</p>'
    rows = []
    for board in boards:
        chair = esc(board.chair or "")
        if board.chair and board.chair_since:
            chair += f'<div class="pa-meta">as of {esc(board.chair_since)}</div>'
        rows.append(
            [
                f"<strong>{esc(board.name)}</strong>",
                chair,
                esc(board.frequency or ""),
                esc(board.purpose or ""),
                esc(", ".join(board.members)),
                esc(board.reports_to or ""),
                source_links(board.sources, documents, 1, labelled=False),
            ]
        )
    headers = ["Partnership or board", "Chair", "Meets", "Purpose", "Members", "Reports to", "Source"]
    return f'<div class="pa-count" role="status">{len(boards)} partnerships and boards</div>' + table(headers, rows)


def decisions_panel(meetings: Sequence[Any], documents: dict[str, Any], minutes: int, filtered: bool) -> str:
    """Meetings newest first; each decision, resolution and action under its agenda item.

    ``minutes`` is how many minutes documents are indexed, so an empty list says why it is empty.
    """
    if not meetings:
        if not minutes:
            return (
                '<p class="pa-empty" role="status">No minutes are indexed, so there are no decisions to show. '
                "Minutes added in the Documents tab appear here.</p>"
            )
        if filtered:
            return '<p class="pa-empty" role="status">No decisions match these filters.</p>'
        return '<p class="pa-empty" role="status">No decisions could be read from the indexed minutes.</p>'
    total = sum(len(m.decisions) for m in meetings)
    entries = "1 decision or action" if total == 1 else f"{total} decisions and actions"
    held = "1 meeting" if len(meetings) == 1 else f"{len(meetings)} meetings"
    parts = [f'<div class="pa-count" role="status">{entries} in {held}</div>']
    for meeting in meetings:
        chair = f" · chaired by {esc(meeting.chair)}" if meeting.chair else ""
        attended = f" · {len(meeting.attendees)} present" if meeting.attendees else ""
        parts.append(f"<h3>{esc(meeting.body)} · {esc(meeting.date or 'undated')}</h3>")
        parts.append(f'<div class="pa-meta">{chair.lstrip(" ·")}{attended}</div><div class="pa-sources">')
        for decision in meeting.decisions:
            head = f"<span class='pa-kind'>{esc(decision.kind)}</span> {esc(decision.item)}"
            parts.append(_card(head, decision.text, source_links([decision.source], documents, 1)))
        parts.append("</div>")
    return "".join(parts)


def scorecard_panel(rows: Sequence[Any], documents: dict[str, Any]) -> str:
    """Per ambition, the figures the documents report, grouped by kind (achievements, targets,
    then context, folded). Rows may hold ``figures`` or be figures themselves."""
    grouped = _by_ambition(rows)
    if not any(grouped.values()):
        return '<p class="pa-empty" role="status">No figures were found in the indexed documents.</p>'
    parts = []
    for ambition, figures in grouped.items():
        parts.append(f"<h3>{esc(ambition)}</h3>")
        if not figures:
            parts.append('<p class="pa-empty">No figures reported.</p>')
        kinds = list(dict.fromkeys(_kind(f) for f in figures))
        for kind in sorted(kinds, key=lambda k: (k in _FOLDED, list(_KINDS).index(k) if k in _KINDS else 9)):
            chosen = [f for f in figures if _kind(f) == kind]
            title = f"{_KINDS.get(kind, kind.capitalize())} ({len(chosen)})"
            figures_html = _figures_table(chosen, documents)
            if kind in _FOLDED:
                parts.append(f"<details><summary>{esc(title)}</summary>{figures_html}</details>")
            else:
                parts.append(f'<h4 class="pa-kind-head">{esc(title)}</h4>{figures_html}')
    return "".join(parts)


def _by_ambition(rows: Sequence[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for row in rows:
        figures = getattr(row, "figures", None)
        if figures is not None:
            grouped.setdefault(getattr(row, "ambition", "Other"), []).extend(figures)
        else:
            name = getattr(row, "ambition", None) or getattr(row, "theme", None) or "Other"
            grouped.setdefault(name, []).append(row)
    return grouped


def _kind(figure: Any) -> str:
    kind = getattr(figure, "kind", None)
    return str(kind).lower() if kind else "result"


def _figures_table(figures: Sequence[Any], documents: dict[str, Any]) -> str:
    rows = [
        [
            f"<strong class='pa-figure'>{esc(f.value)}</strong> {esc(f.label)}"
            f"<div class='pa-meta'>“{esc(f.sentence)}”</div>",
            esc(f.date or "undated"),
            source_links([f.source], documents, 1, labelled=False),
        ]
        for f in figures
    ]
    return table(["Figure", "Date", "Source"], rows)
