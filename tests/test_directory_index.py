"""The directory lives in the index: extracted at index time, kept in step, answered from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.ui import handlers
from tests.conftest import STORES, use_index
from tests.support import make_pdf

MINUTES = [
    "SAFER ESSEX BOARD\n\nMINUTES of a meeting of the Safer Essex Board held at County Hall, Chelmsford on "
    "Tuesday, 14 May 2024.\n\nPRESENT: Ms N Beach (Chair), Mr A Smith, Mrs B Jones\n\n"
    "12. Apologies (Item 1)\n\nNo apologies were received.\n\n"
    "13. Knife Crime Fund (Item 2)\n\nThe board discussed the new fund for youth diversion.\n\n"
    "RESOLVED that the Knife Crime Fund of £250,000 be approved for 2024-25.\n\n"
    "Action: Mr Smith to report progress to the next meeting.\n\n"
    "14. Annual Report (Item 3)\n\nRESOLVED that the annual report be published.",
]
STRATEGY = """---
title: Community strategy 2024
date: "2024-03"
doc_type: strategy
---

# Our Ambitions

1. Keep people safe
2. Help people live well

# Keep people safe

## Zanzibar Youth Fund

The Zanzibar Youth Fund gives grants to youth clubs that keep young people away from knife crime. It supported 40 clubs in 2023.

# Help people live well

Residents without digital skills are more at risk of isolation and loneliness.

Much work is underway:

- Tablet Club is a new project teaching digital skills in libraries.
- Harbour Bus Pass is a new scheme for free bus travel.

## Garden Friends

Garden Friends is a volunteer scheme that reduces loneliness among older people through community gardening.
"""


@pytest.fixture(params=STORES)
def assistant(request: pytest.FixtureRequest, tmp_path: Path, embedder) -> Assistant:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "strategy.md").write_text(STRATEGY)
    (corpus / "board-minutes-2024-05-14.pdf").write_bytes(make_pdf(MINUTES))
    settings = Settings(
        corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data", store=request.param
    )
    assistant = Assistant(settings, embedder=embedder)
    assistant.index()
    return assistant


def test_initiatives_come_with_their_ambition_and_source(assistant: Assistant) -> None:
    by_name = {i.name: i for i in assistant.initiatives()}
    fund = by_name["Zanzibar Youth Fund"]
    assert fund.theme == "Keep people safe"
    assert "grants to youth clubs" in fund.description
    passage = assistant.passage(fund.sources[0])
    assert passage is not None
    assert "Zanzibar" in passage.text
    assert by_name["Garden Friends"].theme == "Help people live well"
    assert {i.name for i in assistant.initiatives(theme="Help people live well")} == {
        "Garden Friends",
        "Tablet Club",
        "Harbour Bus Pass",
    }


def test_meetings_and_decisions_come_from_minutes(assistant: Assistant) -> None:
    meeting = assistant.meetings()[0]
    assert (meeting.body, meeting.date, meeting.chair) == ("Safer Essex Board", "2024-05-14", "Ms N Beach")
    kinds = [(d.kind, d.item) for d in meeting.decisions]
    assert ("resolution", "Knife Crime Fund") in kinds
    assert ("action", "Knife Crime Fund") in kinds
    assert assistant.meetings(body="safer essex", since="2024-05", until="2024-05-31")
    assert assistant.meetings(since="2025") == []


def test_the_directory_follows_incremental_indexing(assistant: Assistant) -> None:
    corpus = Path(assistant.settings.corpus_dir)
    (corpus / "strategy.md").write_text(STRATEGY.replace("Garden Friends", "Allotment Buddies"))
    (corpus / "board-minutes-2024-05-14.pdf").unlink()
    (corpus / "news.md").write_text(
        "# News\n\n## Tidy Towns Prize\n\nThe Tidy Towns Prize rewards the cleanest village.\n"
    )
    report = assistant.index()
    assert report.updated == ["strategy"]
    names = {i.name for i in assistant.initiatives()}
    assert "Allotment Buddies" in names
    assert "Garden Friends" not in names
    assert "Tidy Towns Prize" in names
    assert assistant.meetings() == []


def test_unchanged_documents_keep_their_entries(assistant: Assistant) -> None:
    corpus = Path(assistant.settings.corpus_dir)
    (corpus / "news.md").write_text(
        "# News\n\n## Tidy Towns Prize\n\nThe Tidy Towns Prize rewards the cleanest village.\n"
    )
    assistant.index()
    assert "Zanzibar Youth Fund" in {i.name for i in assistant.initiatives()}
    assert assistant.meetings()[0].body == "Safer Essex Board"


def test_what_exists_questions_get_every_matching_initiative_cited(assistant: Assistant) -> None:
    answer = assistant.ask("What exists on knife crime?")
    assert "What exists on knife crime" in answer.text
    assert "Zanzibar Youth Fund" in answer.text
    assert "Knife Crime Fund" in answer.text
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert marks == {c.n for c in answer.citations}
    for citation in answer.citations:
        assert citation.passage in answer.passages
        assert citation.spans == tuple(sorted(set(citation.spans)))
        assert all(0 <= start < end <= len(citation.passage.text) for start, end in citation.spans)


def test_the_scorecard_reports_figures_with_dates(assistant: Assistant) -> None:
    rows = {row.ambition: row for row in assistant.scorecard()}
    figures = rows["Keep people safe"].figures
    assert any(f.value == "40" and f.date == "2024-03" for f in figures)


def test_cli_commands_print_the_directory(assistant: Assistant, monkeypatch, capsys) -> None:
    use_index(monkeypatch, assistant.settings)
    assert main(["initiatives", "--theme", "Keep people safe", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [i["name"] for i in records["items"]] == ["Zanzibar Youth Fund"]
    assert records["documents"]["strategy"]["date"] == "2024-03"
    assert main(["boards", "--json"]) == 0
    assert "Safer Essex Board" in {b["name"] for b in json.loads(capsys.readouterr().out)["items"]}
    assert main(["decisions", "--body", "Safer Essex", "--since", "2024", "--json"]) == 0
    meetings = json.loads(capsys.readouterr().out)["items"]
    assert meetings[0]["decisions"][0]["text"].startswith("RESOLVED that the Knife Crime Fund")
    assert main(["decisions", "--until", "2023"]) == 0
    assert "0 decisions in 0 meetings" in capsys.readouterr().out
    assert main(["scorecard"]) == 0
    assert "Keep people safe" in capsys.readouterr().out
    assert main(["initiatives"]) == 0
    assert "Zanzibar Youth Fund" in capsys.readouterr().out


def test_the_tabs_render_the_directory_safely(assistant: Assistant) -> None:
    assert "Zanzibar Youth Fund" in handlers.initiatives_view(assistant, "knife crime")
    assert "Garden Friends" not in handlers.initiatives_view(assistant, "", "Keep people safe")
    decisions = handlers.decisions_view(assistant, "Safer Essex Board", "2024", "")
    assert "RESOLVED that the Knife Crime Fund" in decisions
    assert "not a date" in handlers.decisions_view(assistant, None, "soon", "")
    assert "Zanzibar" in handlers.scorecard_view(assistant) or "40" in handlers.scorecard_view(assistant)
    assert "Safer Essex Board" in handlers.boards_view(assistant)


def test_hostile_names_are_escaped_in_the_tabs() -> None:
    from assistant.directory import Board, Initiative, SourceRef
    from assistant.ui import panels

    hostile = "<img src=x onerror=alert(1)> Fund"
    source = SourceRef("evil", 0, None, "<script>s</script>", 0, 4)
    initiative = Initiative(hostile, f"{hostile} gives grants.", "<b>theme</b>", ("<i>partner</i>",), (), (source,))
    board = Board(hostile, "<b>chair</b>", None, None, hostile, (), None, (source,))
    for html in (panels.initiatives_panel([initiative], {}), panels.boards_panel([board], {})):
        assert "<img" not in html
        assert "<script>" not in html
        assert "<b>" not in html
        assert "&lt;img src=x onerror=alert(1)&gt; Fund" in html


def test_decisions_on_a_topic_across_bodies(assistant: Assistant, monkeypatch, capsys) -> None:
    found = assistant.decisions("knife crime fund")
    assert found[0].text.startswith("RESOLVED that the Knife Crime Fund")
    assert all(d.date == "2024-05-14" and d.body == "Safer Essex Board" for d in found)
    assert assistant.decisions("knife crime fund", until="2023") == []
    use_index(monkeypatch, assistant.settings)
    assert main(["decisions", "--query", "annual report"]) == 0
    out = capsys.readouterr().out
    assert "2024-05-14  Safer Essex Board (Annual Report)  [resolution]" in out
    assert "Knife Crime" not in out


def test_what_did_a_board_decide_is_answered_with_the_dated_list(assistant: Assistant) -> None:
    answer = assistant.ask("What did the Safer Essex Board decide about the Knife Crime Fund, and when?")
    assert answer.text.splitlines()[0].startswith("Decisions on Knife Crime Fund")
    assert (
        "- 2024-05-14, Safer Essex Board (Knife Crime Fund), resolution: RESOLVED that the Knife Crime Fund"
        in answer.text
    )
    assert answer.citations
    assert "Knife Crime Fund of £250,000" in answer.citations[0].sentence


def test_a_coverage_answer_reaches_tied_initiatives_and_shows_each_sentence_once(assistant: Assistant) -> None:
    answer = assistant.ask("What do we do about loneliness?")
    assert "Garden Friends" in answer.text
    assert "- Tablet Club" in answer.text
    assert "Harbour Bus Pass" not in answer.text
    tie = "Residents without digital skills are more at risk of isolation and loneliness."
    assert any(tie in c.sentence for c in answer.citations)
    for citation in answer.citations:
        assert citation.sentence.count(citation.sentence[:40]) == 1


def test_entries_in_an_older_format_are_skipped_with_one_line(tmp_path: Path, embedder, caplog) -> None:
    import logging
    import sqlite3

    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "strategy.md").write_text(STRATEGY)
    (corpus / "board-minutes-2024-05-14.pdf").write_bytes(make_pdf(MINUTES))
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    Assistant(settings, embedder=embedder).index()
    (database,) = (tmp_path / "index").glob("gen-*/chunks.sqlite")
    with sqlite3.connect(database) as connection:  # as an index written by an older release
        connection.execute("UPDATE directory SET entries = '{\"format\": 1}'")
    with caplog.at_level(logging.WARNING, logger="assistant.pipeline"):
        reopened = Assistant(settings, embedder=embedder)
        assert reopened.initiatives() == []
        assert reopened.ask("What is the Zanzibar Youth Fund?").citations  # the passages still answer
    warnings = [r.getMessage() for r in caplog.records if "older format" in r.getMessage()]
    assert warnings == [
        "skipping the directory entries of 2 document(s), stored in an older format: run `assistant index --rebuild`"
    ]
