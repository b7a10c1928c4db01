"""The leading passages' neighbours that belong beside them: the chunk next door holding the answer,
and the rest of a list that runs on past a chunk's end (:mod:`assistant.follow`)."""

from __future__ import annotations

import pytest

from assistant import follow, retrieve
from assistant.config import Settings
from assistant.evidence import score_sentences
from assistant.index.base import StoredChunk
from assistant.pipeline import Assistant
from assistant.types import Chunk, DocumentInfo, Passage
from tests.support import make_pdf

# A report whose page ends on the answer: "3.4" is a chunk of two sentences at the foot of page 1,
# while page 2 says much more about submitting plans, and page 5 dates an agreement to submit them
# (a date, but not the one they are due by).
PAGES = [
    "3.3 The matters to be taken into account include using district areas for setting new unitary "
    "boundaries.\n3.4 Councils are asked to submit proposals for reorganisation by 28 November 2025.",
    "3.5 There is also an invitation to submit interim plans by 21 March 2025, on which Government will "
    "provide feedback. Local government reorganisation is a shared responsibility of all councils in "
    "Kent and Medway, and the leaders are preparing a joint interim submission for the March deadline.",
    "However, it is already clear that there are three critical issues that will shape the County "
    "Council's position going forward:\n- Resident engagement: the voice of residents should decide the "
    "future council structures.\n- Financial and service sustainability: reorganisation must bring a net "
    "financial benefit.",
    "- Future boundaries: district boundaries are the building blocks of unitary proposals.\n"
    "Any proposals will be tested through resident and partner engagement.",
    "On 9 January 2025 councils agreed to submit their full reorganisation proposals jointly to Government.",
]
DEADLINE = "By what date must councils submit their full reorganisation proposals to Government?"
ISSUES = "What three critical issues will shape the County Council's position?"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("follow")
    corpus = root / "docs"
    corpus.mkdir()
    (corpus / "lgr_update.pdf").write_bytes(make_pdf(PAGES))
    built = Assistant(Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data"), embedder)
    built.index([corpus])
    return built


def _rows(assistant: Assistant) -> dict[int, StoredChunk]:
    store = assistant.store()
    return {item.row: item for item in store.fetch(list(range(store.count)))}


def _row_with(chunks: dict[int, StoredChunk], words: str) -> int:
    return next(row for row, item in chunks.items() if words in item.chunk.text)


def _followed(assistant: Assistant, question: str, lead: int) -> list[tuple[int, Passage]]:
    """What follows when only the chunk ``lead`` ranked, scored as the retriever scores it."""
    retriever = assistant._retriever()
    documents = retriever._documents()
    chunks = _rows(assistant)
    scoring, _ = retriever._queries(question, None)
    item = chunks[lead]
    passage = Passage(item.chunk, documents[item.chunk.doc_id], 1.0, item.sentence_vectors)
    evidence = max(s.score for s in score_sentences(scoring, [passage], values=True))
    return retriever._follow(scoring, [(lead, passage)], {lead: item}, documents, {lead: evidence})


def test_the_chunk_next_door_with_the_better_sentence_joins_at_its_neighbours_score(assistant: Assistant) -> None:
    chunks = _rows(assistant)
    answer, interim = _row_with(chunks, "by 28 November 2025"), _row_with(chunks, "interim plans")
    assert chunks[answer].chunk.page == 1  # a chunk each, cut at the page
    assert chunks[interim].chunk.page == 2
    followed = dict(_followed(assistant, DEADLINE, interim))
    assert followed[answer].score == followed[interim].score == 1.0


def test_a_neighbour_with_a_weaker_sentence_stays_out(assistant: Assistant) -> None:
    chunks = _rows(assistant)
    answer, interim = _row_with(chunks, "by 28 November 2025"), _row_with(chunks, "interim plans")
    followed = [row for row, _ in _followed(assistant, DEADLINE, answer)]
    assert followed == [answer]
    assert interim not in followed


def test_a_counted_list_is_followed_into_the_chunk_holding_its_last_item(assistant: Assistant) -> None:
    chunks = _rows(assistant)
    lead, rest = _row_with(chunks, "three critical issues"), _row_with(chunks, "Future boundaries")
    assert rest != lead
    assert rest in dict(_followed(assistant, ISSUES, lead))


def test_without_a_count_the_list_is_not_followed(assistant: Assistant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chunks = _rows(assistant)
    lead, rest = _row_with(chunks, "three critical issues"), _row_with(chunks, "Future boundaries")
    monkeypatch.setattr(retrieve, "_NEIGHBOUR_FOLLOW", 0)  # only the list rule left
    assert rest not in dict(
        _followed(assistant, "What critical issues will shape the County Council's position?", lead)
    )
    assert rest in dict(_followed(assistant, ISSUES, lead))


def _chunk(text: str, row: int = 0, section: tuple[str, ...] = ("Report",), doc_id: str = "d") -> StoredChunk:
    spans, at = [], 0
    for line in text.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return StoredChunk(row, Chunk(doc_id, row, text, 1, section, 0, len(text), tuple(spans)), None)


LEAD = "There are three priorities:\n• Homes: more of them.\n• Jobs: better ones."


def test_a_list_runs_on_only_when_it_ends_its_chunk_short_of_the_count() -> None:
    assert follow.list_runs_on(_chunk(LEAD).chunk, 3)
    assert not follow.list_runs_on(_chunk(LEAD).chunk, 2)  # both items are here
    assert not follow.list_runs_on(_chunk(LEAD + "\nThese are reviewed yearly.").chunk, 3)  # the list has ended
    assert not follow.list_runs_on(_chunk("• Homes: more of them.\n• Jobs: better ones.").chunk, 3)  # no lead-in


def test_the_rest_of_a_list_stops_at_the_count_the_section_and_two_chunks() -> None:
    chunks = {
        0: _chunk(LEAD, 0),
        1: _chunk("• Jobs: better ones, repeated where the chunks overlap.", 1),
        2: _chunk("• Transport: buses.", 2),
        3: _chunk("• Skills: colleges.", 3),
    }
    assert follow.list_rest(0, chunks, 3) == [1, 2]  # the repeated item is not counted twice
    assert follow.list_rest(0, chunks, 2) == []
    assert follow.list_rest(0, chunks, 9) == [1, 2]  # at most two chunks on
    chunks[1] = _chunk("• Transport: buses.", 1, section=("Another section",))
    assert follow.list_rest(0, chunks, 3) == []


def test_only_neighbours_in_the_same_section_and_document_are_better_neighbours() -> None:
    info = DocumentInfo("d", "Report", "report.pdf")
    lead = _chunk("Plans are due.", 5)
    best = [(5, Passage(lead.chunk, info, 0.8))]
    chunks = {4: _chunk("Due by 1 May.", 4), 6: _chunk("Due by 2 May.", 6, doc_id="e")}
    assert follow.better_neighbours(best, chunks, {5: 0.5, 4: 0.7, 6: 0.9}) == {4: 0.8}
    assert follow.better_neighbours(best, chunks, {5: 0.5, 4: 0.4}) == {}
    assert follow.neighbour_rows([0, 5]) == {1, 4, 6}


def test_a_deadline_question_is_answered_with_the_date_things_are_due_by(assistant: Assistant) -> None:
    answer = assistant.ask("By what date must councils submit their full reorganisation proposals?")
    assert not answer.abstained
    assert answer.text.startswith("Councils are asked to submit proposals for reorganisation by 28 November 2025")


# Minutes whose sentence about a project's funding runs over a page break: the sum opens page 2.
CABINET = [
    "(b) Mr Watkins asked members to promote the Everyday Active service through social media.\n"
    "(c) New smoke-free spaces were due to be introduced in parks, play areas and outside schools, with "
    "signs designed by local councils to warn the public about the dangers of second-hand smoke. A number "
    "of district councils had joined the scheme, and it was also due to be implemented in healthy living",
    "centres in Dartford, Maidstone, and Gravesend. The project was funded by a £1.9 million grant from the "
    "previous government to reduce smoking rates.\n2. Mrs Chandler gave an update on the highways winter "
    "service and the gritting of priority routes across the county during the cold weather.",
    "3. The Leader thanked the staff of the highways service for their work through the winter months.",
]


@pytest.fixture(scope="module")
def cabinet(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("sum-next-door")
    corpus = root / "docs"
    corpus.mkdir()
    (corpus / "cabinet_minutes.pdf").write_bytes(make_pdf(CABINET))
    built = Assistant(Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data"), embedder)
    built.index([corpus])
    return built


def test_a_sum_cut_off_at_the_page_end_comes_beside_the_passage_asked_about(cabinet: Assistant) -> None:
    question = "How much grant money is paying for the new smoke-free spaces in parks, play areas and outside schools?"
    answer = cabinet.ask(question)
    assert any("£1.9 million grant" in p.text for p in answer.passages[:2])
    assert not answer.abstained
    assert "£1.9 million" in answer.text


def test_a_sum_next_door_only_for_a_how_much_question_and_a_passage_without_one() -> None:
    info = DocumentInfo("d", "Cabinet minutes", "minutes.pdf")
    first = Passage(_chunk("New smoke-free spaces were due.", 0, ("Minutes",)).chunk, info, 1.0)
    chunks = {1: _chunk("The project was funded by a £1.9 million grant.\nMrs Chandler spoke.", 1, ("Minutes",))}
    assert follow.sum_next_door([(0, first)], chunks, "How much grant money pays for it?") == {1: 1.0}
    assert follow.sum_next_door([(0, first)], chunks, "Who pays for the smoke-free spaces?") == {}
    costed = Passage(_chunk("It cost £2m.", 0, ("Minutes",)).chunk, info, 1.0)
    assert follow.sum_next_door([(0, costed)], chunks, "How much grant money pays for it?") == {}
    elsewhere = {1: _chunk("A £1.9 million grant.", 1, ("Another section",))}
    assert follow.sum_next_door([(0, first)], elsewhere, "How much grant money pays for it?") == {}
