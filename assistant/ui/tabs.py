"""The Search, Initiatives, Boards, Decisions, Scorecard and Documents tabs, and keeping them live.

Every tab's data and every menu of choices (document types, organisations, ambitions, bodies,
documents to remove) is loaded when the page loads and again after an upload or a removal, so a
reload or a change made by another process shows at once (:func:`wire_refresh`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.pipeline import Assistant
from assistant.ui import handlers, render, search, uploads
from assistant.ui.admin import AdminGate
from assistant.ui.ask import AskTab, _annotated
from assistant.ui.guard import UploadRegistry

_LOADING = '<p class="pa-empty">Loading…</p>'


@dataclass
class Live:
    """The components a refresh updates, and the inputs it reads (the tabs' current filters)."""

    ask: AskTab
    header: Any = None
    search_types: Any = None
    search_orgs: Any = None
    initiatives: Any = None
    topic: Any = None
    theme: Any = None
    boards: Any = None
    decisions: Any = None
    body: Any = None
    since: Any = None
    until: Any = None
    decision_topic: Any = None
    scorecard: Any = None
    documents: Any = None
    removable: Any = None
    extra: list[Any] = field(default_factory=list)


def header_html(records: list[dict[str, Any]] | None) -> str:
    """The page's header; once the tabs have loaded, it says how many documents answers come from."""
    count = (
        f" ({len(records)} documents indexed)" if records is not None and len(records) != 1 else " (1 document indexed)"
    )
    loaded = ' data-loaded="true"' if records is not None else ""
    return (
        f'<div class="pa-header"{loaded}><h1>Partnership Assistant</h1>'
        "<p>Answers from the partnership's strategies, minutes, reports and web pages"
        f"{count if records is not None else ''}. Every answer cites the passages it comes from; when the "
        "documents do not say, it says so.</p></div>"
    )


def search_tab(assistant: Assistant, live: Live) -> None:
    """Search: passages above a relevance floor; sort and filters apply as soon as they change."""
    import gradio as gr

    with gr.Row(equal_height=True):
        query = gr.Textbox(
            label="Search the passages",
            placeholder="Words or a question, e.g. homelessness",
            show_label=False,
            scale=5,
            elem_id="search-query",
        )
        go = gr.Button("Search", variant="primary", scale=1, min_width=90, elem_id="search-button")
    with gr.Row():
        kinds = gr.Dropdown([], multiselect=True, label="Document type", elem_id="search-type")
        orgs = gr.Dropdown([], multiselect=True, label="Organisation or board", elem_id="search-org")
        since = gr.Textbox(label="From", max_length=10, elem_id="search-since")
        until = gr.Textbox(label="Until", max_length=10, elem_id="search-until")
        sort = gr.Radio(list(search.SORTS), value="Relevance", label="Sort", elem_id="search-sort")
    results = gr.HTML('<p class="pa-empty">Results appear here.</p>', elem_id="search-results")
    inputs = [query, kinds, orgs, since, until, sort]
    run = lambda *a: search.search_passages(assistant, *a)  # noqa: E731
    for trigger in (query.submit, go.click, kinds.change, orgs.change, sort.input, since.submit, until.submit):
        trigger(run, inputs, results, api_visibility="private", trigger_mode="always_last")
    for box in (since, until):
        box.blur(run, inputs, results, api_visibility="private", trigger_mode="always_last")
    live.search_types, live.search_orgs = kinds, orgs


def directory_tabs(assistant: Assistant, live: Live) -> None:
    """Initiatives, Boards, Decisions and Scorecard: what the documents hold, beyond passages."""
    import gradio as gr

    with gr.Tab("Initiatives", id="initiatives"):
        with gr.Row(equal_height=True):
            topic = gr.Textbox(label="Topic", placeholder="A topic, e.g. dementia", scale=4, elem_id="initiative-query")
            theme = gr.Dropdown(
                [handlers.ALL_THEMES], value=handlers.ALL_THEMES, label="Ambition or theme", scale=3, elem_id="theme"
            )
            find = gr.Button("Find", variant="primary", scale=1, min_width=80, elem_id="initiative-button")
        listing = gr.HTML(_LOADING, elem_id="initiatives")
        for trigger in (topic.submit, find.click, theme.input):
            trigger(
                lambda q, t: handlers.initiatives_view(assistant, q, t),
                [topic, theme],
                listing,
                api_visibility="private",
            )
    with gr.Tab("Boards", id="boards"):
        live.boards = gr.HTML(_LOADING, elem_id="boards")
    with gr.Tab("Decisions", id="decisions"):
        _decisions_tab(assistant, live)
    with gr.Tab("Scorecard", id="scorecard"):
        gr.Markdown("The figures the documents report for each of the partnership's ambitions, newest first.")
        live.scorecard = gr.HTML(_LOADING, elem_id="scorecard")
    live.initiatives, live.topic, live.theme = listing, topic, theme


def _decisions_tab(assistant: Assistant, live: Live) -> None:
    import gradio as gr

    with gr.Row(equal_height=True):
        query = gr.Textbox(label="Topic", placeholder="A topic, e.g. budget", scale=3, elem_id="decision-query")
        body = gr.Dropdown(
            [handlers.ALL_BODIES], value=handlers.ALL_BODIES, label="Body", scale=3, elem_id="decision-body"
        )
        since = gr.Textbox(label="From", max_length=10, scale=1, min_width=90, elem_id="decision-since")
        until = gr.Textbox(label="Until", max_length=10, scale=1, min_width=90, elem_id="decision-until")
        show = gr.Button("Show", variant="primary", scale=1, min_width=80, elem_id="decision-button")
    decisions = gr.HTML(_LOADING, elem_id="decisions")
    view = lambda b, s, u, q: handlers.decisions_view(assistant, b, s, u, q)  # noqa: E731
    for trigger in (show.click, body.input, query.submit, since.submit, until.submit):
        trigger(view, [body, since, until, query], decisions, api_visibility="private")
    live.decisions, live.body, live.since, live.until, live.decision_topic = decisions, body, since, until, query


def documents_tab(assistant: Assistant, uploads_seen: UploadRegistry, gate: AdminGate, live: Live) -> None:
    """Documents: every indexed document; uploads and removals for administrators."""
    import gradio as gr

    live.documents = gr.HTML(_LOADING, elem_id="documents-table")
    if not assistant.settings.admin_password:
        gr.Markdown("Read-only: uploads and removals open when an administrator sets `ASSISTANT_ADMIN_PASSWORD`.")
        return
    with gr.Accordion("Add or remove documents (administrators)", open=False, elem_id="admin"):
        password = gr.Textbox(type="password", label="Admin password", max_length=200, elem_id="admin-password")
        files = gr.File(
            file_count="multiple",
            file_types=list(uploads.SUPPORTED_SUFFIXES),
            label="Upload PDF, DOCX, HTML, Markdown or text",
            elem_id="upload-files",
        )
        upload = gr.Button("Add to the index", variant="primary", elem_id="upload-button")
        live.removable = gr.Dropdown([], multiselect=True, label="Documents to remove", elem_id="remove-choice")
        remove = gr.Button("Remove from the index", variant="stop", elem_id="remove-button")
        report = gr.Textbox(label="Result", lines=4, interactive=False, elem_id="admin-result")

    def add(paths: list[str] | None, secret: str, request: Any, progress: Any = gr.Progress()) -> str:  # noqa: B008
        step = lambda stage, done, total: progress(done / max(total, 1), desc=stage)  # noqa: E731
        return uploads.upload_documents(assistant, paths, secret, gate, uploads.Caller.of(request), uploads_seen, step)

    def drop(ids: list[str] | None, secret: str, request: Any) -> str:
        return uploads.remove_document(assistant, ids, secret, gate, uploads.Caller.of(request))

    added = upload.click(_annotated(add, request=gr.Request), [files, password], report, api_visibility="private")
    removed = remove.click(
        _annotated(drop, request=gr.Request), [live.removable, password], report, api_visibility="private"
    )
    live.extra = [added, removed]


def wire_refresh(app: Any, assistant: Assistant, live: Live) -> None:
    """Load every tab's data on page load and again after each upload or removal."""
    inputs = [live.topic, live.theme, live.body, live.since, live.until, live.decision_topic]
    outputs = [
        live.header,
        live.ask.doc_types,
        live.ask.organisations,
        live.search_types,
        live.search_orgs,
        live.initiatives,
        live.theme,
        live.boards,
        live.decisions,
        live.body,
        live.scorecard,
        live.documents,
    ]
    if live.removable is not None:
        outputs.append(live.removable)

    def refresh(topic: str, theme: str, body: str, since: str, until: str, decision_topic: str) -> list[Any]:
        return refreshed_values(assistant, topic, theme, body, since, until, decision_topic, live.removable is not None)

    app.load(refresh, inputs, outputs, api_visibility="private")
    for event in live.extra:
        event.then(refresh, inputs, outputs, api_visibility="private")


def refreshed_values(
    assistant: Assistant,
    topic: str,
    theme: str,
    body: str,
    since: str,
    until: str,
    decision_topic: str,
    removable: bool,
) -> list[Any]:
    """Every live component's new value, in :func:`wire_refresh`'s order."""
    import gradio as gr

    records = handlers.document_records(assistant)
    types, organisations = handlers.filter_choices(records)
    themes, bodies = handlers.directory_choices(assistant)
    theme_choices = [handlers.ALL_THEMES, *themes]
    body_choices = [handlers.ALL_BODIES, *bodies]
    theme = theme if theme in theme_choices else handlers.ALL_THEMES
    body = body if body in body_choices else handlers.ALL_BODIES
    values = [
        header_html(records),
        gr.Dropdown(choices=types),
        gr.Dropdown(choices=organisations),
        gr.Dropdown(choices=types),
        gr.Dropdown(choices=organisations),
        handlers.initiatives_view(assistant, topic, theme),
        gr.Dropdown(choices=theme_choices, value=theme),
        handlers.boards_view(assistant),
        handlers.decisions_view(assistant, body, since, until, decision_topic),
        gr.Dropdown(choices=body_choices, value=body),
        handlers.scorecard_view(assistant),
        render.documents_table(records),
    ]
    if removable:
        values.append(gr.Dropdown(choices=handlers.removal_choices(records), value=[]))
    return values
