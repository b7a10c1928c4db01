"""The app's handlers, called as plain functions on a real assistant."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.feedback import FeedbackStore
from assistant.ui import handlers, search
from assistant.ui import uploads as ui_uploads
from assistant.ui.admin import AdminGate
from assistant.ui.guard import UploadRegistry
from tests.conftest import DATA
from tests.support import make_pdf

CALLER = ui_uploads.Caller("127.0.0.1", "client-a")


def _uploaded(*paths: Path) -> UploadRegistry:
    registry = UploadRegistry()
    registry.add(CALLER.client, [str(p) for p in paths])
    return registry


def _upload(assistant, paths: list[Path], password: str = "letmein", gate: AdminGate | None = None) -> str:
    gate = gate or AdminGate(assistant.settings.admin_password)
    return ui_uploads.upload_documents(assistant, [str(p) for p in paths], password, gate, CALLER, _uploaded(*paths))


def test_a_turn_answers_and_keeps_its_record(running_app) -> None:
    turns = handlers.ask_turn(running_app.assistant, "Who chairs Safer Essex?", [])
    assert turns[0]["question"] == "Who chairs Safer Essex?"
    assert "Nicola Beach" in turns[0]["answer"]["answer"]
    assert turns[0]["answer"]["citations"][0]["n"] == 1
    assert turns[0]["rating"] is None


def test_follow_ups_use_the_conversation(running_app) -> None:
    turns = handlers.ask_turn(running_app.assistant, "What is Safer Essex?", [])
    turns = handlers.ask_turn(running_app.assistant, "who chairs it?", turns)
    assert "Nicola Beach" in turns[-1]["answer"]["answer"]


def test_filters_apply_and_bad_dates_are_a_message(running_app) -> None:
    turns = handlers.ask_turn(running_app.assistant, "What happened?", [], ["news"], [], "", "")
    assert {p["doc_type"] for p in turns[0]["answer"]["passages"]} == {"news"}
    turns = handlers.ask_turn(running_app.assistant, "anything", [], [], [], "yesterday", "")
    assert "answer" not in turns[0]
    assert "not a date" in turns[0]["error"]


def test_a_refused_question_is_one_log_line(running_app, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        turns = handlers.ask_turn(running_app.assistant, "x" * 3000, [])
    assert "longer than" in turns[0]["error"]
    assert "Traceback" not in caplog.text
    assert [r.message for r in caplog.records if "refused" in r.message]


def _dates(html: str) -> list[str]:
    return re.findall(r'<div class="pa-meta">(\d{4}(?:-\d\d)*)', html)


def test_search_sorts_by_date(running_app) -> None:
    newest = _dates(search.search_passages(running_app.assistant, "partnership", sort="Newest first"))
    oldest = _dates(search.search_passages(running_app.assistant, "partnership", sort="Oldest first"))
    assert len(set(newest)) >= 3
    assert newest == sorted(newest, reverse=True)
    assert oldest == sorted(oldest)
    assert "<mark>" in search.search_passages(running_app.assistant, "partnership")


def test_search_has_a_relevance_floor(running_app) -> None:
    assert "No passages match “minutes”" in search.search_passages(running_app.assistant, "minutes")
    html = search.search_passages(running_app.assistant, "homelessness", sort="Oldest first")
    cards = html.split('<div class="pa-source">')[1:]
    assert 1 <= len(cards) < 10
    assert all("<mark>homeless" in card.lower() for card in cards)  # every passage shown mentions it


def test_search_keeps_a_passage_close_in_meaning_without_the_word(running_app) -> None:
    passages = running_app.assistant.search("people sleeping rough on the streets", k=20)
    kept = search.matching(running_app.assistant, "xqzv", passages)
    assert kept == []  # a made-up word matches nothing, by wording or by meaning
    assert search.matching(running_app.assistant, "homeless people", passages)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("semi;colon.txt", b"x", "unsafe file name"),
        ("<script>.md", b"x", "unsafe file name"),
        ("..notes.md", b"x", "unsafe file name"),
        (".hidden.md", b"x", "unsafe file name"),
        ("notes.exe", b"MZ", "unsupported type"),
        ("empty.txt", b"", "empty"),
        ("program.pdf", b"MZ\x90\x00\x03 a Windows program", "not a PDF"),
        ("archive.docx", b"PK\x03\x04 not really a Word file", "not a Word document"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason_and_leave_nothing(
    running_app, tmp_path: Path, uploads: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = sorted(uploads.iterdir()) if uploads.exists() else []
    message = _upload(running_app.assistant, [path])
    assert reason in message
    assert (sorted(uploads.iterdir()) if uploads.exists() else []) == before


def test_files_the_caller_did_not_upload_are_refused(running_app, tmp_path: Path, uploads: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Note\n\nThe Wombat Fund.")
    gate = AdminGate("letmein")
    nobody_uploaded_it = ui_uploads.upload_documents(
        running_app.assistant, [str(path)], "letmein", gate, CALLER, UploadRegistry()
    )
    another_client_did = ui_uploads.upload_documents(
        running_app.assistant, [str(path)], "letmein", gate, ui_uploads.Caller("127.0.0.1", "client-b"), _uploaded(path)
    )
    assert "not uploaded from this page" in nobody_uploaded_it
    assert "not uploaded from this page" in another_client_did
    assert not (uploads / "note.md").exists()


def test_oversized_uploads_are_refused(running_app, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)
    assistant = running_app.assistant
    small = assistant.settings.replace(max_file_mb=1.0)
    assert "over the 1 MB limit" in (ui_uploads.check_upload(path, small.max_file_mb) or "")


def test_uploads_need_the_admin_password(running_app, tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Note\n\ntext")
    assert _upload(running_app.assistant, [path], "wrong") == "Wrong admin password."


def test_without_a_configured_password_uploads_are_off(corpus_index, embedder, tmp_path: Path) -> None:
    from assistant.pipeline import Assistant

    assistant = Assistant(corpus_index, embedder=embedder)
    message = _upload(assistant, [DATA / "latin1.txt"], "anything")
    assert "switched off" in message


def test_upload_then_remove_a_document(running_app, tmp_path: Path, uploads: Path) -> None:
    path = tmp_path / "Board minutes 2024.pdf"
    path.write_bytes(make_pdf(["BOARD MINUTES\n\nThe board agreed the Zanzibar Fund for community gardens."]))
    message = _upload(running_app.assistant, [path])
    assert message.startswith("Indexed: 1 added")
    assert (uploads / "Board minutes 2024.pdf").exists()
    hits = running_app.assistant.search("Zanzibar Fund community gardens", k=3)
    assert hits[0].doc.doc_id == "board-minutes-2024"
    gate = AdminGate("letmein")
    assert ui_uploads.remove_document(running_app.assistant, ["board-minutes-2024"], "wrong", gate, CALLER) == (
        "Wrong admin password."
    )
    assert (
        ui_uploads.remove_document(running_app.assistant, ["board-minutes-2024"], "letmein", gate, CALLER)
        == "Removed board-minutes-2024."
    )
    assert not (uploads / "Board minutes 2024.pdf").exists()
    assert all(p.doc.doc_id != "board-minutes-2024" for p in running_app.assistant.search("Zanzibar Fund", k=5))


def test_one_rating_per_answer_changeable_and_exported(
    running_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FeedbackStore(tmp_path / "data")
    assert "Ask a question first" in handlers.rate_answer(store, [], 0, 1)[1]
    turns = handlers.ask_turn(running_app.assistant, "Who chairs Safer Essex?", [])
    turns, message = handlers.rate_answer(store, turns, 0, 1, "Needs the date she started")
    assert message.startswith("Saved: answer 1 rated helpful")
    turns, _ = handlers.rate_answer(store, turns, 0, -1, "")  # changed; the comment stays
    assert turns[0]["rating"] == -1
    assert [(r.rating, r.comment) for r in store.records()] == [(-1, "Needs the date she started")]
    assert "nothing to rate" in handlers.rate_answer(store, [{"question": "q", "error": "e"}], 0, 1)[1]
    for index, rating in [(5, 1), (True, 1), ("0", 1), (0, 2), (0, True)]:
        assert not handlers.rate_answer(store, turns, index, rating)[1].startswith("Saved")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "feedback.jsonl"
    assert main(["feedback", "--export", str(out)]) == 0
    (last,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (last["rating"], last["question"]) == (-1, "Who chairs Safer Essex?")
    assert "Nicola Beach" in last["answer"]
    assert last["citations"][0]["title"] == "Safer Essex Partnership"


def test_decisions_without_minutes_say_so(running_app) -> None:
    assert "No minutes are indexed" in handlers.decisions_view(running_app.assistant)
    assert "not a date" in handlers.decisions_view(running_app.assistant, since="soon")


def test_decisions_on_a_topic_come_from_the_facade_when_it_has_the_query() -> None:
    from types import SimpleNamespace

    from assistant.directory import Decision, Meeting, SourceRef

    source = SourceRef("cabinet", 0, 1, "", 0, 5)
    budget = Decision("resolution", "RESOLVED to agree the budget.", "Budget", source)
    chair = Decision("resolution", "RESOLVED that Mr Bronze be Vice-Chair.", "Election", source)
    meeting = Meeting("Cabinet", "2025-01-09", None, (), (budget, chair), "cabinet")
    dated = SimpleNamespace(body="Cabinet", date="2025-01-09", doc_id="cabinet", **vars(budget))
    asked = []

    class Facade:
        def meetings(self, body=None, since=None, until=None):
            return [meeting]

        def decisions(self, query, body=None, since=None, until=None):
            asked.append((query, body, since, until))
            return [dated]

    (shown,) = handlers.topic_meetings(Facade(), "budget", "Cabinet", "2025", None)
    assert asked == [("budget", "Cabinet", "2025", None)]
    assert shown.decisions == (budget,)
    assert handlers.topic_meetings(Facade(), "", None, None, None) == [meeting]
    assert asked == [("budget", "Cabinet", "2025", None)]  # no topic: every decision, no query
