"""Decisions over time: every decision on a topic across meetings, newest first, and the Ask answer."""

from __future__ import annotations

from assistant.answer.decisions import decisions_answer, read_decision_question
from assistant.chunking import split_document
from assistant.directory import decisions_on, extract_document
from assistant.types import Document, DocumentInfo, Page, Passage
from tests.directory.documents import MINUTES, minutes_document

LATER = MINUTES.replace("9 January 2025", "6 March 2025").replace("Agree the budget;", "Agree the revised budget;")


def _meetings():
    first = minutes_document()
    info = DocumentInfo("cabinet-2025-03-06", "Cabinet minutes", "c2.pdf", "2025-03-06", "minutes", "Harbour Council")
    second = Document(info, (Page(1, LATER),), "hash2")
    documents = [first, second]
    chunks = {d.doc_id: split_document(d) for d in documents}
    meetings = [m for d in documents for m in extract_document(d, chunks[d.doc_id]).meetings]
    return meetings, documents, chunks


def test_decisions_on_a_topic_come_from_every_meeting_newest_first() -> None:
    meetings, _, _ = _meetings()
    found = decisions_on(meetings, "budget")
    assert [d.date for d in found] == sorted((d.date for d in found), reverse=True)
    assert {d.date for d in found} == {"2025-01-09", "2025-03-06"}
    assert all("budget" in (d.item + d.text).lower() for d in found)
    assert not any("Vice-Chair" in d.text for d in found)


def test_decisions_can_be_limited_to_a_body_and_dates() -> None:
    meetings, _, _ = _meetings()
    assert {d.date for d in decisions_on(meetings, "budget", since="2025-02")} == {"2025-03-06"}
    assert decisions_on(meetings, "budget", body="Planning Committee") == []
    assert decisions_on(meetings, "budget", body="the Cabinet")


def test_a_what_did_x_decide_question_is_read() -> None:
    asked = read_decision_question("What did the Cabinet decide about the budget, and when?")
    assert (asked.body, asked.topic, asked.date) == ("the Cabinet", "budget", None)
    dated = read_decision_question("What did County Council decide on 13 March 2025 about the Chair?")
    assert (dated.topic, dated.date) == ("Chair", "2025-03-13")
    assert read_decision_question("What is the Cabinet?") is None


def test_the_answer_is_the_dated_list_each_cited() -> None:
    meetings, documents, chunks = _meetings()
    infos = {d.doc_id: d.info for d in documents}

    def passage_for(source):
        chunk = next(c for c in chunks[source.doc_id] if c.ordinal == source.chunk)
        return Passage(chunk, infos[source.doc_id], 1.0)

    answer = decisions_answer(
        "What did the Cabinet decide about the budget?",
        lambda topic, body, date: decisions_on(meetings, topic, body, date, date),
        passage_for,
    )
    lines = answer.text.splitlines()[1:]
    assert lines[0].startswith("- 2025-03-06")
    assert any(line.startswith("- 2025-01-09") for line in lines)
    assert all("[" in line for line in lines)
    assert answer.citations
    assert not answer.abstained


def test_a_topic_no_minutes_decided_on_gets_the_ordinary_answer() -> None:
    meetings, _, _ = _meetings()
    answer = decisions_answer(
        "What did the Cabinet decide about dementia?", lambda t, b, d: decisions_on(meetings, t, b), lambda s: None
    )
    assert answer is None


def test_the_answer_keeps_the_retrieved_passages_in_rank_order_then_the_cited_minutes() -> None:
    from assistant.answer.decisions import with_retrieved

    meetings, documents, chunks = _meetings()
    infos = {d.doc_id: d.info for d in documents}
    first, second = (Passage(chunks[d.doc_id][0], infos[d.doc_id], 0.5) for d in documents)
    cited = Passage(chunks[documents[1].doc_id][0], infos[documents[1].doc_id], 1.0)
    answer = decisions_answer(
        "What did the Cabinet decide about the budget?",
        lambda topic, body, date: decisions_on(meetings, topic, body, date, date),
        lambda source: cited if source.doc_id == documents[1].doc_id else None,
    )
    merged = with_retrieved(answer, [first, second])
    assert merged.passages == (first, cited)
    assert all(c.passage in merged.passages for c in merged.citations)
