"""The web app: ``build_app(assistant)`` makes the Gradio Blocks; ``server.serve`` launches it.

Building is separate from launching, so tests build the app without a server. Gradio and
FastAPI are imported only in the ui package, lazily, so the rest of the package never needs them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from assistant.errors import first_line
from assistant.feedback import FeedbackStore
from assistant.pipeline import Assistant
from assistant.render import answer_json, passage_json, reference_line
from assistant.ui import handlers, render
from assistant.ui.admin import AdminGate
from assistant.ui.guard import UploadRegistry

if TYPE_CHECKING:
    import gradio as gr

logger = logging.getLogger(__name__)

EXAMPLES = {
    "New staff": [
        "What do we do about loneliness?",
        "What are the seven ambitions of the Future of Essex vision?",
        "Who chairs Essex Partners?",
    ],
    "Assembly attendees": [
        "What is Holiday Hunger?",
        "What is the Essex Forest Initiative?",
        "When does the Essex Assembly meet?",
    ],
    "Officers": [
        "Who chairs Safer Essex?",
        "What are the next steps planned by the partnership?",
        "How many households did Essex Prevents stop from becoming homeless?",
    ],
}
_HEADER = (
    '<div class="pa-header"><h1>Partnership Assistant</h1>'
    "<p>Answers from the partnership's strategies, minutes, reports and web pages. "
    "Every answer cites the passages it comes from; when the documents do not say, it says so.</p></div>"
)


def build_app(
    assistant: Assistant,
    feedback: FeedbackStore | None = None,
    uploads: UploadRegistry | None = None,
    gate: AdminGate | None = None,
) -> gr.Blocks:
    """The Gradio Blocks app over an assistant (not launched).

    Args:
        assistant: the facade every handler calls.
        feedback: where ratings go (default: the data directory's feedback database).
        uploads: which client uploaded which file (shared with the request guard).
        gate: the admin password check (default: one over the settings' password).
    """
    import gradio as gr

    feedback = feedback or FeedbackStore(assistant.settings.data_dir)
    uploads = uploads or UploadRegistry()
    gate = gate or AdminGate(assistant.settings.admin_password)
    types, organisations = handlers.filter_choices(assistant)
    with gr.Blocks(title="Partnership Assistant", analytics_enabled=False) as app:
        gr.HTML(_HEADER)
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                _ask_tab(assistant, feedback, types, organisations)
            with gr.Tab("Search", id="search"):
                _search_tab(assistant, types, organisations)
            _directory_tabs(assistant)
            with gr.Tab("Documents", id="documents"):
                _documents_tab(assistant, uploads, gate)
        _api(assistant)
    return app


def _ask_tab(assistant: Assistant, feedback: FeedbackStore, types: list[str], organisations: list[str]) -> None:
    import gradio as gr

    turns = gr.State([])
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chat = gr.Chatbot(
                label="Conversation",
                height=460,
                render_markdown=False,
                buttons=["copy"],
                placeholder="Ask about ambitions, initiatives, boards or decisions.",
            )
            with gr.Row():
                question = gr.Textbox(
                    placeholder="Ask a question, e.g. Who chairs Safer Essex?",
                    show_label=False,
                    scale=5,
                    elem_id="question",
                    max_length=2000,
                )
                ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
            with gr.Row(equal_height=True):
                helpful = gr.Button("Helpful", size="sm", scale=1, elem_id="feedback-up")
                unhelpful = gr.Button("Not helpful", size="sm", scale=1, elem_id="feedback-down")
                comment = gr.Textbox(
                    placeholder="Optional comment on the last answer", show_label=False, scale=4, max_length=2000
                )
            with gr.Row():
                export = gr.DownloadButton("Download answer (.md)", size="sm", elem_id="export")
                clear = gr.Button("New conversation", size="sm")
            status = gr.Markdown("", elem_id="feedback-status")
            for audience, questions in EXAMPLES.items():
                with gr.Row():
                    gr.Markdown(f"**{audience}:**")
                    for text in questions:
                        gr.Button(text, size="sm").click(lambda t=text: t, outputs=question, api_visibility="private")
        with gr.Column(scale=2):
            gr.Markdown("### Sources")
            sources = gr.HTML(render.sources_panel(None), elem_id="sources")
            with gr.Accordion("Filters", open=False):
                type_filter = gr.Dropdown(types, multiselect=True, label="Document type")
                org_filter = gr.Dropdown(organisations, multiselect=True, label="Organisation or board")
                since = gr.Textbox(label="From (e.g. 2016 or 2017-03)", max_length=10)
                until = gr.Textbox(label="Until", max_length=10)

    # The conversation lives in server-side state: the chat shown is rebuilt from it on every
    # turn and is never read back from the browser, so a forged history cannot reach the server.
    def respond(text: str, state: list, kinds: list, orgs: list, start: str, end: str) -> tuple:
        state, panel = handlers.ask_turn(assistant, text, state, kinds, orgs, start, end)
        return "", handlers.chat_messages(state), state, panel, handlers.export_answer(state)

    inputs = [question, turns, type_filter, org_filter, since, until]
    outputs = [question, chat, turns, sources, export]
    question.submit(respond, inputs, outputs, api_visibility="private")
    ask.click(respond, inputs, outputs, api_visibility="private")
    helpful.click(
        lambda state, note: handlers.record_feedback(feedback, state, 1, note),
        [turns, comment],
        status,
        api_visibility="private",
    )
    unhelpful.click(
        lambda state, note: handlers.record_feedback(feedback, state, -1, note),
        [turns, comment],
        status,
        api_visibility="private",
    )
    clear.click(
        lambda: ([], [], render.sources_panel(None), None, ""),
        None,
        [chat, turns, sources, export, status],
        api_visibility="private",
    )


def _search_tab(assistant: Assistant, types: list[str], organisations: list[str]) -> None:
    import gradio as gr

    with gr.Row():
        query = gr.Textbox(
            placeholder="Words or a question, e.g. homelessness", show_label=False, scale=5, elem_id="search-query"
        )
        go = gr.Button("Search", variant="primary", scale=1, elem_id="search-button")
    with gr.Row():
        kinds = gr.Dropdown(types, multiselect=True, label="Document type")
        orgs = gr.Dropdown(organisations, multiselect=True, label="Organisation or board")
        since = gr.Textbox(label="From", max_length=10)
        until = gr.Textbox(label="Until", max_length=10)
        sort = gr.Radio(["Relevance", "Newest first", "Oldest first"], value="Relevance", label="Sort")
    results = gr.HTML('<p class="pa-empty">Results appear here.</p>', elem_id="search-results")
    inputs = [query, kinds, orgs, since, until, sort]
    for trigger in (query.submit, go.click):
        trigger(lambda *a: handlers.search_passages(assistant, *a), inputs, results, api_visibility="private")


def _directory_tabs(assistant: Assistant) -> None:
    """Initiatives, Boards, Decisions and Scorecard: what the documents hold, beyond passages."""
    import gradio as gr

    themes, bodies = handlers.directory_choices(assistant)
    with gr.Tab("Initiatives", id="initiatives"):
        with gr.Row():
            topic = gr.Textbox(
                placeholder="A topic, e.g. dementia", show_label=False, scale=4, elem_id="initiative-query"
            )
            theme = gr.Dropdown(themes, label="Ambition or theme", scale=3, value=None)
            find = gr.Button("Find", variant="primary", scale=1, elem_id="initiative-button")
        listing = gr.HTML(handlers.initiatives_view(assistant), elem_id="initiatives")
        for trigger in (topic.submit, find.click, theme.change):
            trigger(
                lambda q, t: handlers.initiatives_view(assistant, q, t),
                [topic, theme],
                listing,
                api_visibility="private",
            )
    with gr.Tab("Boards", id="boards"):
        gr.HTML(handlers.boards_view(assistant), elem_id="boards")
    with gr.Tab("Decisions", id="decisions"):
        with gr.Row():
            body = gr.Dropdown(bodies, label="Body", value=None, scale=3)
            since = gr.Textbox(label="From", max_length=10, scale=1)
            until = gr.Textbox(label="Until", max_length=10, scale=1)
            show = gr.Button("Show", variant="primary", scale=1)
        decisions = gr.HTML(handlers.decisions_view(assistant), elem_id="decisions")
        for trigger in (show.click, body.change):
            trigger(
                lambda b, s, u: handlers.decisions_view(assistant, b, s, u),
                [body, since, until],
                decisions,
                api_visibility="private",
            )
    with gr.Tab("Scorecard", id="scorecard"):
        gr.Markdown("The figures the documents report for each of the partnership's ambitions, newest first.")
        gr.HTML(handlers.scorecard_view(assistant), elem_id="scorecard")


def _documents_tab(assistant: Assistant, uploads: UploadRegistry, gate: AdminGate) -> None:
    import gradio as gr

    table = gr.HTML(render.documents_table(handlers.document_records(assistant)), elem_id="documents-table")
    if not assistant.settings.admin_password:
        gr.Markdown("Read-only: uploads and removals open when an administrator sets `ASSISTANT_ADMIN_PASSWORD`.")
        return
    with gr.Accordion("Add or remove documents (administrators)", open=False):
        password = gr.Textbox(type="password", label="Admin password", max_length=200)
        files = gr.File(
            file_count="multiple",
            file_types=list(handlers.SUPPORTED_SUFFIXES),
            label="Upload PDF, DOCX, HTML, Markdown or text",
        )
        upload = gr.Button("Add to the index", variant="primary")
        choices = [(f"{r['title']} ({r['doc_id']})", r["doc_id"]) for r in handlers.document_records(assistant)]
        chosen = gr.Dropdown(choices, multiselect=True, label="Documents to remove")
        remove = gr.Button("Remove from the index", variant="stop")
        report = gr.Textbox(label="Result", lines=4, interactive=False)

    def refreshed() -> tuple[str, Any]:
        records = handlers.document_records(assistant)
        options = [(f"{r['title']} ({r['doc_id']})", r["doc_id"]) for r in records]
        return render.documents_table(records), gr.Dropdown(choices=options, value=[])

    def add(
        paths: list[str] | None,
        secret: str,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> tuple[str, str, Any]:
        message = handlers.upload_documents(
            assistant,
            paths,
            secret,
            gate,
            handlers.Caller.of(request),
            uploads,
            lambda stage, done, total: progress(done / max(total, 1), desc=stage),
        )
        return (message, *refreshed())

    def drop(ids: list[str] | None, secret: str, request: gr.Request) -> tuple[str, str, Any]:
        return (handlers.remove_document(assistant, ids, secret, gate, handlers.Caller.of(request)), *refreshed())

    upload.click(_with_request(add), [files, password], [report, table, chosen], api_visibility="private")
    remove.click(_with_request(drop), [chosen, password], [report, table, chosen], api_visibility="private")


def _with_request(handler: Any) -> Any:
    """Mark a handler's ``request`` parameter for Gradio, which reads type hints to pass it.

    (Gradio resolves the hints itself, and lazily imported ``gr`` is not in this module's
    globals, so the postponed annotation would not resolve.)
    """
    import gradio as gr

    handler.__annotations__ = {"request": gr.Request}
    return handler


def _api(assistant: Assistant) -> None:
    """Named endpoints for gradio_client: `ask` and `search`, the question alone required.

    Refusals (a bad question, k or date) reach the client as one clear message; anything
    unexpected is logged here and reaches the client as a generic one, never its internals.
    """
    import gradio as gr

    def ask(
        question: str,
        previous_questions: str = "",
        doc_types: str = "",
        organisations: str = "",
        since: str = "",
        until: str = "",
        k: int | None = None,
    ) -> dict:
        """Answer a question with cited passages. Optional: earlier questions (one per line) for
        follow-ups, comma-separated document types and organisations, a date range, passages k (1-100)."""
        from assistant.types import Turn

        def run() -> dict:
            filters = handlers.filters_from(_split(doc_types), _split(organisations), since, until)
            history = [Turn(q) for q in _text(previous_questions).splitlines() if q.strip()]
            answer = assistant.ask(question, history=history, filters=filters, k=k)
            record = answer_json(answer)
            record["references"] = [reference_line(c) for c in answer.citations]
            return record

        return _guarded("ask", run)

    def search(
        query: str, doc_types: str = "", organisations: str = "", since: str = "", until: str = "", k: int = 10
    ) -> list[dict]:
        """Passages for a query, best first, with their documents' metadata (k: 1-100)."""

        def run() -> list[dict]:
            filters = handlers.filters_from(_split(doc_types), _split(organisations), since, until)
            return [passage_json(p) for p in assistant.search(query, filters, k=k)]

        return _guarded("search", run)

    gr.api(ask, api_name="ask")
    gr.api(search, api_name="search")


def _guarded(name: str, run: Any) -> Any:
    """Run an API call: refusals become a one-line message, failures a generic one."""
    import gradio as gr

    from assistant.errors import AssistantError

    try:
        return run()
    except AssistantError as exc:
        logger.info("/%s refused: %s", name, first_line(exc))
        raise gr.Error(first_line(exc), print_exception=False) from None
    except Exception:
        logger.exception("/%s failed", name)
        message = "The assistant could not answer this request (an internal error)."
        raise gr.Error(message, print_exception=False) from None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _split(value: object) -> list[str]:
    return [part.strip() for part in _text(value).split(",") if part.strip()]


def theme() -> Any:
    """A calm theme with system fonts: the page must not fetch anything from the internet."""
    import gradio as gr

    system = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"]
    mono = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]
    return gr.themes.Soft(primary_hue="indigo", font=system, font_mono=mono)
