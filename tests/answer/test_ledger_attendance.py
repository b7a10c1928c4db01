"""Which of a meeting's attendees the question asks about: "Which Link Group representatives
attended ...?" gets those whose line of the attendance list names Link Group, not all ten."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.types import Document, DocumentInfo, Page

NOTE = """TMG 14 November 2024

Agenda
1. Market and Regulatory Update (Link)
2. Quarterly Report (September)

Attendance:
Harry Rayner – MEM (Chair)
Rosalind Binks – MEM
Nick Buckland – KCC
James Graham – KCC
Chris Jones – Link Group
David Whelan – Link Group

Discussion Summary:
• Link Group presented the latest market expectations following the UK Budget.
• Officers explained the liquidity position and the borrowing need.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("attendance")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data")
    note = Document(
        DocumentInfo("tmg-2024-11-14", "TMG meeting note", "tmg.pdf", "2024-11-14", "minutes"),
        (Page(1, NOTE),),
        "tmg-hash",
    )
    assistant = Assistant(settings, embedder=embedder)
    assistant.index_documents([note])
    return assistant


def test_which_attendees_of_one_organisation(assistant: Assistant) -> None:
    answer = assistant.ask("Which Link Group representatives attended the TMG meeting of 14 November 2024?")
    assert not answer.abstained
    assert "Chris Jones, David Whelan" in answer.text
    assert "Harry Rayner" not in answer.text
    assert answer.citations
    assert answer.citations[0].passage.doc.doc_id == "tmg-2024-11-14"


def test_who_attended_lists_everyone(assistant: Assistant) -> None:
    answer = assistant.ask("Who attended the TMG meeting on 14 November 2024?")
    for name in ("Harry Rayner", "Nick Buckland", "Chris Jones", "David Whelan"):
        assert name in answer.text
