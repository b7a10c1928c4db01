"""Questions about one meeting are answered from the meetings ledger, cited to the minutes."""

from __future__ import annotations

import pytest

from assistant.answer.ledger import identify, ledger_answer
from assistant.answer.ledger_text import bare_months, decision_parts, iso_dates, readable_date, shorten
from assistant.config import Settings
from assistant.directory import Meeting
from assistant.pipeline import Assistant
from assistant.types import Document, DocumentInfo, Filters, Page
from tests.directory.documents import MINUTES, minutes_document

PANEL_MINUTES = """HARBOUR COUNCIL

CORPORATE PARENTING PANEL

MINUTES of a meeting of the Corporate Parenting Panel held at Harbour Hall on Tuesday, 29 October 2024.
PRESENT: Mrs F Tin (Chair), Mr G Zinc and Ms H Nickel
UNRESTRICTED ITEMS
20. Chairman's Announcements (Item 1)
RESOLVED that Mr G Zinc be duly elected Vice Chair of the Corporate Parenting Panel.
21. Youth Justice Annual Report (Item 2)
1. Mr Zinc introduced the Youth Justice Annual Report.
2. RESOLVED that the Panel note the Youth Justice Annual Report.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    root = tmp_path_factory.mktemp("ledger")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data")
    panel = Document(
        DocumentInfo("panel-2024-10-29", "Corporate Parenting Panel minutes", "panel.pdf", "2024-10-29", "minutes"),
        (Page(1, PANEL_MINUTES),),
        "panel-hash",
    )
    assistant = Assistant(settings, embedder=embedder)
    assistant.index_documents([minutes_document(), panel])
    return assistant


def _cited_to_minutes(answer, doc_id: str) -> None:
    assert not answer.abstained
    assert answer.citations
    for citation in answer.citations:
        assert citation.passage.doc.doc_id == doc_id
        assert citation.passage in answer.passages
        assert all(0 <= a < b <= len(citation.passage.text) for a, b in citation.spans)
    cited = list(dict.fromkeys(c.passage.chunk.chunk_id for c in answer.citations))
    assert [p.chunk.chunk_id for p in answer.passages[: len(cited)]] == cited  # what the answer rests on leads


def test_who_chaired_a_meeting_named_by_body_and_date(assistant: Assistant) -> None:
    answer = assistant.ask("Who chaired the Cabinet meeting on 9 January 2025?")
    assert "Mr A Gold" in answer.text
    assert answer.evidence.get("ledger") == 1.0
    _cited_to_minutes(answer, "cabinet-2025-01-09")
    assert "Mr A Gold" in answer.citations[0].sentence


def test_a_meeting_named_by_its_month_alone_is_found_in_the_ledger(assistant: Assistant) -> None:
    answer = assistant.ask("Who chaired the January Cabinet meeting?")
    assert "Mr A Gold" in answer.text
    assert answer.evidence.get("ledger") == 1.0
    _cited_to_minutes(answer, "cabinet-2025-01-09")


def test_who_chairs_a_body_is_read_from_its_latest_minutes(assistant: Assistant) -> None:
    """Not the Vice Chair the panel elected: the chair its latest minutes record, and as of when."""
    answer = assistant.ask("Who chairs the Corporate Parenting Panel?")
    assert answer.evidence.get("ledger") == 1.0
    assert "Mrs F Tin" in answer.text
    assert "29 October 2024" in answer.text
    assert "Zinc" not in answer.text
    _cited_to_minutes(answer, "panel-2024-10-29")


def test_who_attended(assistant: Assistant) -> None:
    answer = assistant.ask("Who attended the Corporate Parenting Panel meeting on 29 October 2024?")
    for name in ("Mrs F Tin", "Mr G Zinc", "Ms H Nickel"):
        assert name in answer.text
    _cited_to_minutes(answer, "panel-2024-10-29")


def test_when_a_body_met_and_when_it_took_up_a_topic(assistant: Assistant) -> None:
    answer = assistant.ask("When did the Corporate Parenting Panel meet?")
    assert "29 October 2024" in answer.text
    _cited_to_minutes(answer, "panel-2024-10-29")
    assert "9 January 2025" not in answer.text


def test_what_a_meeting_decided_about_a_topic(assistant: Assistant) -> None:
    answer = assistant.ask("What did the Cabinet decide about the budget at its meeting on 9 January 2025?")
    assert "Agree the budget" in answer.text
    assert "elected Vice-Chair" not in answer.text
    _cited_to_minutes(answer, "cabinet-2025-01-09")
    assert any("Agree the budget" in c.passage.text[a:b] for c in answer.citations for a, b in c.spans)


def test_who_was_elected_is_a_decision_of_the_meeting(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Who was elected Vice Chair of the Corporate Parenting Panel at its meeting on 29 October 2024?"
    )
    assert "Mr G Zinc" in answer.text
    _cited_to_minutes(answer, "panel-2024-10-29")


def test_everything_a_meeting_decided_is_listed(assistant: Assistant) -> None:
    answer = assistant.ask("What was decided at the Cabinet meeting on 9 January 2025?")
    assert "correct record" in answer.text
    assert "Agree the budget" in answer.text
    assert "Mr Bronze be elected Vice-Chair" in answer.text


def test_the_minutes_the_ledger_cites_lead_the_passages_even_when_search_missed_them(assistant: Assistant) -> None:
    question = "Who chaired the Corporate Parenting Panel on 29 October 2024?"
    searched = assistant.ask(question, filters=Filters(doc_ids=("cabinet-2025-01-09",)))  # a search that missed
    assert searched.passages
    assert all(p.doc.doc_id == "cabinet-2025-01-09" for p in searched.passages)
    meetings = assistant.directory().meetings
    answer = ledger_answer(question, searched, meetings, assistant._document_passages)
    assert answer is not None
    assert "Mrs F Tin" in answer.text
    assert answer.passages[0].doc.doc_id == "panel-2024-10-29" == answer.citations[0].passage.doc.doc_id
    assert [p.chunk.chunk_id for p in answer.passages[1:]] == [p.chunk.chunk_id for p in searched.passages]


@pytest.mark.parametrize(
    "question",
    [
        "Who chaired the Scrutiny Committee meeting on 9 January 2025?",  # no such meeting
        "What did the Cabinet decide about the budget?",  # a topic across meetings: not this module's
        "Who chairs Harbour Council?",  # not about a meeting
    ],
)
def test_questions_the_ledger_cannot_pin_down_get_the_ordinary_answer(assistant: Assistant, question: str) -> None:
    assert "ledger" not in assistant.ask(question).evidence


def _meeting(body: str, date: str) -> Meeting:
    return Meeting(body, date, None, ("Mr A",), (), f"{body}-{date}")


def test_a_meeting_is_identified_by_date_then_body_or_acronym() -> None:
    meetings = [
        _meeting("Kent County Council", "2025-01-09"),
        _meeting("Kent County Council Cabinet", "2025-01-09"),
        _meeting("TMG", "2024-11-14"),
    ]
    assert [m.body for m in identify("At the Cabinet meeting on 9 January 2025, who", meetings)] == [
        "Kent County Council Cabinet"
    ]
    assert [m.body for m in identify("At the County Council meeting on 9 January 2025", meetings)] == [
        "Kent County Council"
    ]
    assert identify("the meeting on 9 January 2025", meetings) == []  # two met that day
    assert [m.body for m in identify("the Treasury Management Group on 14 November 2024", meetings)] == ["TMG"]


def test_a_meeting_is_identified_by_a_month_named_without_its_year() -> None:
    meetings = [
        _meeting("Kent County Council", "2025-01-09"),
        _meeting("Kent County Council", "2024-12-19"),
        _meeting("Kent County Council Cabinet", "2025-01-09"),
        _meeting("Kent County Council Cabinet", "2025-01-30"),
    ]
    found = identify("How many voted for the amendment at the January County Council meeting?", meetings)
    assert [(m.body, m.date) for m in found] == [("Kent County Council", "2025-01-09")]
    assert identify("Who chaired the January Cabinet meeting?", meetings) == []  # two that month
    assert identify("Who chaired the March County Council meeting?", meetings) == []
    assert bare_months("the January meeting, in May and June") == {"01", "05", "06"}
    assert bare_months("on 9 January 2025, in March 2025, or January, 2024") == set()
    assert bare_months("it may lead to elections") == set()  # a verb, not a month


def test_ledger_text_helpers() -> None:
    assert iso_dates("on 30th January 2025 and 9 January 2025") == {"2025-01-30", "2025-01-09"}
    assert readable_date("2024-10-29") == "29 October 2024"
    lead, parts = decision_parts("RESOLVED that Council: (i) Notes the report (see Appendix A); (ii) Adopts the Plan.")
    assert lead == "RESOLVED that Council:"
    assert parts == ["(i) Notes the report (see Appendix A);", "(ii) Adopts the Plan."]
    long = "word " * 100
    assert shorten(long).endswith(" …")
    assert "wor …" not in shorten(long)
    assert MINUTES  # the fixture the directory tests share


def test_filters_apply_to_the_ledger(assistant: Assistant) -> None:
    answer = assistant.ask("Who chaired the Cabinet meeting on 9 January 2025?", filters=Filters(doc_types=("report",)))
    assert "ledger" not in answer.evidence


def test_when_a_body_met_to_discuss_something_cites_the_decision(assistant: Assistant) -> None:
    answer = assistant.ask("When did the Cabinet meet to discuss the Harbour Budget Update?")
    assert "9 January 2025" in answer.text
    _cited_to_minutes(answer, "cabinet-2025-01-09")
    assert any(
        "Harbour Budget" in c.passage.text[a:b] or "budget" in c.passage.text[a:b]
        for c in answer.citations
        for a, b in c.spans
    )
    assert "ledger" not in assistant.ask("When did the Cabinet meet to discuss the swimming pools?").evidence
