"""Recorded votes in minutes: read whole (tallies, outcome, whose motion), and asked about by meeting."""

from __future__ import annotations

import pytest

from assistant.answer.votes import asks_about_votes, chosen_votes, describe, read_votes
from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.types import Document, DocumentInfo, Page

# As the PDF loader gives printed minutes: a tally on the line that puts the vote, names after it,
# an agenda item's minute run on after the last sentence of the one before.
COUNCIL_MINUTES = """HARBOUR COUNTY COUNCIL

MINUTES of a meeting of the Harbour County Council held at Harbour Hall on Thursday, 9 January 2025.
UNRESTRICTED ITEMS
12. Apologies for Absence (Item 1)
The Democratic Services Manager reported apologies from Mr Lead.  13. Harbour Devolution White Paper (Item 3)
(1) The Leader introduced the report on the Devolution White Paper.
(2) Mr Tin proposed and Mr Zinc seconded the following amendment to the motion set out in paragraph 1:
"County Council is asked to note the White Paper and ask for a public consultation on a mayor."
(3) Following the debate, the Chairman put the amendment set out in paragraph 2 to the vote and the voting was as follows: For (14)
Mr Tin, Mr Zinc, Mrs Copper

Against (45)

Mr Gold, Mrs Silver, Mr Iron

Abstain (4)

Ms Nickel, Mr Lead
Amendment lost.
(4) Mr Gold proposed and Mrs Silver seconded the following amendment on the schools transport budget:
"County Council is asked to fund a study of home to school transport."
(5) Following the debate, the Chairman put to the vote the amendment set out in paragraph 4 above and it was agreed.
(6) The Chairman put the substantive motion to the vote and the voting was as follows:
For (39)
Mr Gold, Mrs Silver
Against (19)
Mr Tin
Abstain (1)
Mr Lead
Substantive Motion carried.
(7) Mr Iron proposed and Mrs Copper seconded the following amendment on library opening hours:
"County Council is asked to keep every library open on Saturdays."
(8) The proposer and seconder of the original motion agreed to the amendment, which became the substantive motion.
"""


def test_every_vote_is_read_with_its_tallies_outcome_and_movers() -> None:
    votes = read_votes(COUNCIL_MINUTES)
    assert [describe(v, with_item=False) for v in votes] == [
        "Mr Tin proposed and Mr Zinc seconded the amendment set out in paragraph 2: For (14), Against (45), "
        "Abstain (4). Amendment lost.",
        "Mr Gold proposed and Mrs Silver seconded the amendment set out in paragraph 4: put to the vote, "
        "and it was agreed.",
        "The substantive motion: For (39), Against (19), Abstain (1). Substantive Motion carried.",
    ]
    assert {v.item for v in votes} == {"Harbour Devolution White Paper (Item 3)"}


def test_a_question_naming_a_mover_or_a_topic_gets_that_vote_and_one_naming_none_gets_all() -> None:
    votes = read_votes(COUNCIL_MINUTES)
    assert chosen_votes("How many members voted against Mr Tin's amendment?", votes) == [votes[0]]
    assert chosen_votes("Was the amendment on home to school transport agreed?", votes) == [votes[1]]
    assert chosen_votes(
        "What was the outcome of the votes at the County Council meeting on 9 January 2025?", votes
    ) == (votes)


@pytest.mark.parametrize(
    ("question", "about_votes"),
    [
        ("How many members voted against the amendment at the County Council meeting on 9 January 2025?", True),
        ("What happened to the amendment proposed by Mr Tin?", True),
        ("Was the substantive motion carried at the County Council meeting on 9 January 2025?", True),
        ("Who proposed the amendment at the County Council meeting on 9 January 2025?", False),
        ("What did the County Council resolve on 9 January 2025?", False),
    ],
)
def test_vote_questions_are_told_from_other_questions_about_a_meeting(question: str, about_votes: bool) -> None:
    assert asks_about_votes(question) is about_votes


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    root = tmp_path_factory.mktemp("votes")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data")
    minutes = Document(
        DocumentInfo("council-2025-01-09", "Harbour County Council minutes", "council.pdf", "2025-01-09", "minutes"),
        (Page(1, COUNCIL_MINUTES),),
        "council-hash",
    )
    assistant = Assistant(settings, embedder=embedder)
    assistant.index_documents([minutes])
    return assistant


def test_a_vote_question_about_a_named_meeting_is_answered_from_the_recorded_vote(assistant: Assistant) -> None:
    answer = assistant.ask(
        "How many members voted against Mr Tin's amendment at the County Council meeting on 9 January 2025?"
    )
    assert not answer.abstained
    assert "For (14), Against (45), Abstain (4). Amendment lost." in answer.text
    assert answer.citations
    assert "put the amendment set out in paragraph 2 to the vote" in answer.citations[0].sentence


def test_every_vote_of_the_meeting_when_the_question_names_none(assistant: Assistant) -> None:
    answer = assistant.ask("What was the outcome of the votes at the County Council meeting on 9 January 2025?")
    assert answer.text.startswith("3 votes were recorded at the")
    assert "Harbour Devolution White Paper (Item 3):" in answer.text
    votes = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert len(votes) == 3
    assert all(line.endswith("]") for line in votes)  # each cited to the minutes


def test_who_proposed_an_amendment_described_by_its_words_is_read_from_the_paragraph_its_vote_names(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "At the County Council meeting on 9 January 2025, who proposed the amendment asking for a study of home to"
        " school transport?"
    )
    assert not answer.abstained
    assert "Mr Gold proposed and Mrs Silver seconded the amendment set out in paragraph 4" in answer.text
    assert "Mr Tin" not in answer.text
    assert "Mr Gold proposed and Mrs Silver seconded" in answer.citations[0].sentence


def test_who_proposed_an_amendment_never_put_to_the_vote_is_read_from_its_own_paragraph(assistant: Assistant) -> None:
    answer = assistant.ask(
        "At the County Council meeting on 9 January 2025, who proposed the amendment on library opening hours?"
    )
    assert "Mr Iron proposed and Mrs Copper seconded the amendment" in answer.text
    assert "Mr Iron proposed and Mrs Copper seconded" in answer.citations[0].sentence


def test_a_vote_question_naming_no_meeting_is_answered_from_the_minutes_retrieved_for_it(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("How many members voted against the amendment asking for a public consultation on a mayor?")
    assert not answer.abstained
    assert "For (14), Against (45), Abstain (4). Amendment lost." in answer.text  # as the minutes print it
    assert "put the amendment set out in paragraph 2 to the vote" in answer.citations[0].sentence


def test_a_vote_question_naming_no_meeting_and_no_vote_of_it_is_not_given_a_vote() -> None:
    votes = read_votes(COUNCIL_MINUTES)
    assert chosen_votes("How many members voted against the new swimming pool?", votes, named=False) == []
    assert chosen_votes("How many voted against the amendment on a mayor consultation?", votes, named=False) == [
        votes[0]
    ]


def test_a_vote_named_by_its_paragraph_is_that_vote() -> None:
    votes = read_votes(COUNCIL_MINUTES)
    assert chosen_votes("How many members voted for the amendment in paragraph 4?", votes) == [votes[1]]
    assert chosen_votes("How many members voted for the amendment in paragraph 2?", votes) == [votes[0]]
