"""## Start-up: launch to exit, to a served page and to a first answer, per backend."""

from __future__ import annotations

from typing import Any

from bench.report.markdown import table


def section(startup: dict[str, Any] | None) -> str:
    """The Start-up section ('' without start-up results)."""
    if not startup:
        return ""
    app = startup["app_present"]
    headers = ["backend", "CLI: `assistant ask` launch to exit, s"]
    if app:
        headers += ["web app: launch to served page, s", "web app: launch to first answer (`/ask`), s"]
    rows = []
    for row in startup["rows"]:
        cells = [row["backend"], f"{row['cli_seconds']:.2f}"]
        if app:
            cells += [f"{row['page_seconds']:.2f}", f"{row['answer_seconds']:.2f}"]
        rows.append(cells)
    how = (
        "`python app.py --port N` is launched with a built index of the seed corpus; the page counts as served "
        "when `GET /` answers 200 (polled every 50 ms), the first answer when the named `/ask` endpoint "
        "returns through gradio_client (connection included), both from launch."
        if app
        else "app.py does not exist yet, so only the command line's cold start is measured."
    )
    return "\n".join(
        [
            "## Start-up",
            "",
            how + f" Question: “{startup['question']}”; medians of {startup['repeats']} launches.",
            "",
            table(headers, rows),
        ]
    )
