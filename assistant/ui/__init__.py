"""The web app: ``build_app(assistant)`` makes the Gradio Blocks; ``server.serve`` launches it.

Building is separate from launching, so tests build the app without a server. Gradio and
FastAPI are imported only in the ui package, lazily, so the rest of the package never needs them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported lazily: the PDF worker process imports this package and needs none of it
    import gradio as gr

    from assistant.feedback import FeedbackStore
    from assistant.pipeline import Assistant
    from assistant.ui.admin import AdminGate
    from assistant.ui.guard import UploadRegistry

logger = logging.getLogger(__name__)


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

    from assistant.feedback import FeedbackStore
    from assistant.ui import api, ask, tabs
    from assistant.ui.admin import AdminGate
    from assistant.ui.guard import UploadRegistry

    feedback = feedback or FeedbackStore(assistant.settings.data_dir)
    uploads = uploads or UploadRegistry()
    gate = gate or AdminGate(assistant.settings.admin_password)
    with gr.Blocks(title="Partnership Assistant", analytics_enabled=False) as app:
        header = gr.HTML(tabs.header_html(None), js_on_load=None, elem_id="header")
        with gr.Tabs(overflow_behavior="wrap", elem_id="tabs"):
            with gr.Tab("Ask", id="ask"):
                live = tabs.Live(ask.ask_tab(assistant, feedback), header=header)
            with gr.Tab("Search", id="search"):
                tabs.search_tab(assistant, live)
            tabs.directory_tabs(assistant, live)
            with gr.Tab("Documents", id="documents"):
                tabs.documents_tab(assistant, uploads, gate, live)
        tabs.wire_refresh(app, assistant, live)
        api.named_endpoints(assistant)
    return app


def theme() -> Any:
    """A calm theme with system fonts: the page must not fetch anything from the internet."""
    import gradio as gr

    system = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"]
    mono = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]
    # darker accents than the theme's own, so labels, links and buttons read at 4.5:1 or better
    return gr.themes.Soft(primary_hue="indigo", font=system, font_mono=mono).set(
        color_accent="*primary_700",
        link_text_color="*primary_700",
        body_text_color_subdued="*neutral_600",
        block_label_text_color="*primary_800",
        block_title_text_color="*primary_800",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        checkbox_label_background_fill_selected="*primary_700",
    )
