"""The Ask tab: the conversation, the question box, ratings, and the Sources panel.

The conversation lives in server-side state: the conversation and the Sources panel are rendered
from it after every turn and never read back from the browser, so a forged history cannot reach
the server. The page sends only a question, an example's number, or a rating for an answer's
number (checked against the state here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.feedback import FeedbackStore
from assistant.pipeline import Assistant
from assistant.ui import handlers
from assistant.ui.conversation import conversation_html, sources_panel
from assistant.ui.style import CONVERSATION_JS

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
_EXAMPLE_LIST = [q for questions in EXAMPLES.values() for q in questions]


@dataclass
class AskTab:
    """The Ask tab's components that other tabs refresh (its filter menus)."""

    doc_types: Any
    organisations: Any


def ask_tab(assistant: Assistant, feedback: FeedbackStore) -> AskTab:
    """Lay out the Ask tab and wire its events; returns the filter menus for refreshing."""
    import gradio as gr

    turns = gr.State([])
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            chat = gr.HTML(conversation_html([], EXAMPLES), elem_id="conversation", js_on_load=CONVERSATION_JS)
            with gr.Row(equal_height=True):
                question = gr.Textbox(
                    label="Your question",
                    placeholder="Ask a question, e.g. Who chairs Safer Essex?",
                    show_label=False,
                    scale=5,
                    elem_id="question",
                    max_length=2000,
                    autofocus=True,
                )
                ask = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask-button")
            with gr.Row(equal_height=True):
                comment = gr.Textbox(
                    label="Comment (optional): saved with your next Helpful or Not helpful",
                    placeholder="Optional comment, saved when you rate an answer",
                    show_label=False,
                    scale=4,
                    max_length=2000,
                    elem_id="comment",
                )
                clear = gr.Button("New conversation", size="sm", scale=1, min_width=120, elem_id="new-conversation")
            status = gr.Markdown("", elem_id="feedback-status")
            with gr.Accordion("Filters", open=False, elem_id="ask-filters"):
                with gr.Row():
                    type_filter = gr.Dropdown([], multiselect=True, label="Document type", elem_id="ask-type")
                    org_filter = gr.Dropdown([], multiselect=True, label="Organisation or board", elem_id="ask-org")
                with gr.Row():
                    since = gr.Textbox(label="From (e.g. 2016 or 2017-03)", max_length=10, elem_id="ask-since")
                    until = gr.Textbox(label="Until", max_length=10, elem_id="ask-until")
        with gr.Column(scale=2, min_width=300, elem_id="sources-col"):
            gr.Markdown("### Sources")
            sources = gr.HTML(sources_panel([]), elem_id="sources")

    def respond(text: str, state: list, kinds: list, orgs: list, start: str, end: str) -> tuple:
        state = handlers.ask_turn(assistant, text, state, kinds, orgs, start, end)
        return "", conversation_html(state, EXAMPLES), sources_panel(state), state, ""

    def example(state: list, kinds: list, orgs: list, start: str, end: str, evt: gr.EventData) -> tuple:
        index = _data(evt).get("index")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(_EXAMPLE_LIST):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return respond(_EXAMPLE_LIST[index], state, kinds, orgs, start, end)

    def rate(state: list, note: str, evt: gr.EventData) -> tuple:
        data = _data(evt)
        state, message = handlers.rate_answer(feedback, state, data.get("turn"), data.get("rating"), note)
        cleared = "" if message.startswith("Saved") else gr.skip()
        return conversation_html(state, EXAMPLES), state, message, cleared

    inputs = [question, turns, type_filter, org_filter, since, until]
    outputs = [question, chat, sources, turns, status]
    question.submit(respond, inputs, outputs, api_visibility="private")
    ask.click(respond, inputs, outputs, api_visibility="private")
    chat.click(
        _annotated(example, evt=gr.EventData),
        [turns, type_filter, org_filter, since, until],
        outputs,
        api_visibility="private",
    )
    chat.select(
        _annotated(rate, evt=gr.EventData),
        [turns, comment],
        [chat, turns, status, comment],
        api_visibility="private",
        show_progress="hidden",
    )
    clear.click(
        lambda: (conversation_html([], EXAMPLES), sources_panel([]), [], "", ""),
        None,
        [chat, sources, turns, status, comment],
        api_visibility="private",
    )
    return AskTab(type_filter, org_filter)


def _data(evt: Any) -> dict[str, Any]:
    data = getattr(evt, "_data", None)
    return data if isinstance(data, dict) else {}


def _annotated(handler: Any, **hints: Any) -> Any:
    """Give a handler's special parameters (``gr.Request``, ``gr.EventData``) their types for Gradio,
    which reads type hints to pass them (the lazily imported ``gr`` is not in the module's globals,
    so the postponed annotations would not resolve)."""
    handler.__annotations__ = dict(hints)
    return handler
