"""A "how many N?" question is answered by a count of N, or the documents do not say."""

from __future__ import annotations

import pytest

from assistant.answer.counted import _counts_referred, asks_done, counted_noun, counts
from assistant.answer.extractive import _follows
from assistant.evidence import ScoredSentence
from assistant.pipeline import Assistant
from assistant.types import Chunk, DocumentInfo, Passage
from tests.support import indexed_assistant


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("How many electric vehicle chargers will the LEVI funding install across Kent?", "electric vehicle chargers"),
        ("How many staff will transfer under TUPE when the contracts end?", "staff"),
        ("How many tonnes of sand and gravel a year does the plan supply?", "tonnes"),
        (
            "How many Local Strategic Partnerships take part in the Local Area Agreement?",
            "Local Strategic Partnerships",
        ),
        (
            "In the Q3 report, how many birth registration appointment bookings were made?",
            "birth registration appointment bookings",
        ),
        ("How many different people looked at the web page for the consultation?", "different people"),
        ("How many pupils receiving education outside the school system did KCC say it was monitoring?", "pupils"),
        ("How many social housing units were completed?", "social housing units"),
        ("What share of consultees were female?", None),
    ],
)
def test_what_a_how_many_question_counts(question: str, noun: str | None) -> None:
    assert counted_noun(question) == noun


@pytest.mark.parametrize(
    ("sentence", "heading", "noun", "counted"),
    [
        ("KCC has 613 approved households against a target of 700.", "", "foster households", True),
        ("- 60 ambassadors to help challenge stereotypes of Essex", "", "ambassadors", True),
        ("Within the Essex County Council area there are 12 CSPs.", "", "Community Safety Partnerships", True),
        ("... between the county's thirteen Local Strategic Partnerships.", "", "Local Strategic Partnerships", True),
        ("Newspaper — Number of consultees answering: 78; % of consultees answering: 8%", "", "consultees", True),
        ("Highways and Transportation — 12 mths to Dec 24: 2,355", "Complaints Monitoring", "complaints", True),
        ("Following the debate the voting was as follows: For (14)", "", "councillors", True),
        ("Following the debate the voting was as follows: Against (11)", "", "pupils", False),
        (
            "22,500: the estimated number of children and young people in Essex have a mental health problem",
            "",
            "children and young people",
            True,
        ),
        (
            "150 young people, 71% of whom signed up for support once discharged from the hospital.",
            "",
            "hospitals",
            False,
        ),
        ("All 28 of the Kent Thameside Fastrack vehicles are built and have been delivered.", "", "chargers", False),
        ("Usage data shows that in 2023, 1449 families accessed Family Hub sessions.", "", "staff", False),
        ("The plan allocates three areas of land for the extraction of sand and gravel.", "", "tonnes", False),
        # the words documents count the same things by, one way only, and never for "people"
        ("The initiative will deliver 27 sessions, reaching up to 2,430 pupils by July.", "", "schoolchildren", True),
        ("The survey was answered by 640 households across the district.", "", "homes", True),
        ("In total 1,016 consultees provided a formal response using the questionnaire.", "", "people", False),
        ("The scheme supported 300 residents in their homes.", "", "pupils", False),
        ("The proposed extra care scheme would contain 60 apartments for older people.", "", "flats", True),
        (
            "The partnership delivered two Carer Summits and activity that is improving carers' lives.",
            "",
            "carers",
            False,
        ),
        ("'Road Safety Club' intervention to 5,104 Primary School Pupils across 55 schools.", "", "pupils", True),
        ("Improve pupil attainment in SEN pupils measured through average attainment 8 scores", "", "children", False),
    ],
)
def test_a_sentence_counts_the_thing_only_near_its_figure(
    sentence: str, heading: str, noun: str, counted: bool
) -> None:
    assert counts(sentence, heading, noun) is counted


REPORT = (
    '---\ntitle: Transport Quarterly Report\ndate: "2025-02-13"\ndoc_type: report\n---\n'
    "# Electric vehicles\n\n"
    "The Local Electric Vehicle Infrastructure fund will pay for new public charging points across Kent, "
    "and 28 electric vehicles joined the council's fleet this year.\n\n"
    "# Buses\n\n"
    "All 12 of the Kent Thameside Fastrack buses are built and have been delivered to the depot.\n"
)


def test_a_count_of_something_else_is_no_answer(tmp_path, embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = indexed_assistant(tmp_path, {"report.md": REPORT}, embedder)
    counted = assistant.ask("How many electric vehicles joined the council's fleet this year?")
    assert not counted.abstained
    assert "28" in counted.text
    buses = assistant.ask("How many Fastrack buses have been delivered?")
    assert not buses.abstained
    assert "12" in buses.text  # "All 12 of the Kent Thameside Fastrack buses"
    other = assistant.ask(
        "How many electric vehicle chargers will the Local Electric Vehicle Infrastructure fund install?"
    )
    assert other.abstained
    assert other.text.startswith("The documents do not say how many electric vehicle chargers.")


PLANTING = "Essex Forest Initiative - we are planting at least 375,000 trees over the next five years."


def test_a_planned_count_does_not_answer_what_has_been_done() -> None:
    assert asks_done("How many trees has the Essex Forest Initiative planted so far?")
    assert not asks_done("How many trees will the Essex Forest Initiative plant?")
    assert not asks_done("How many foster households did KCC have at the latest reading?")
    assert not counts(PLANTING, "", "trees", done=True)
    assert counts(PLANTING, "", "trees", done=False)  # "how many trees will it plant?": the target answers
    assert counts("Volunteers have planted 10,980 trees across 14 sites.", "", "trees", done=True)


SURGERY = """---
title: Questions to the Cabinet Member for Adult Social Care
date: "2025-03-13"
doc_type: minutes
---

# Answer to the question on same day access

The strategy will support primary care over the next five years to deliver improvements across key areas.

- Folkestone has delivered an extra 10,000 appointments by better use of technology.
- Gillingham have reduced avoidable GP appointments by 20% through a new triage model.

The Over 75s Same Day Access Clinic, launched in January 2024 at New Hayesbank Surgery, allows older people to be seen on the day they call.
This solution addresses the issue of older people delaying care until later in the day.
From January to September 2024, the clinic saw 1,601 patients, with overwhelmingly positive feedback.
"""


@pytest.fixture(scope="module")
def surgery(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("surgery"), {"answers.md": SURGERY}, embedder)


def test_a_count_in_a_sentence_after_the_one_naming_the_thing_answers(surgery: Assistant) -> None:
    answer = surgery.ask(
        "How many patients did the Over 75s Same Day Access Clinic at New Hayesbank Surgery see between January"
        " and September 2024?"
    )
    assert not answer.abstained
    assert "1,601 patients" in answer.text


def _sentence_in(passage: int, start: int, end: int) -> ScoredSentence:
    return ScoredSentence(passage, 0, start, end, 0.5, 0.5)


def test_a_sentence_follows_a_chosen_one_in_the_same_chunk_or_the_next() -> None:
    """The count "the clinic saw 1,601 patients" opens the next, overlapping chunk of the document."""
    text = "x" * 600
    first = Passage(Chunk("d", 0, text, 6, (), 0, 600), DocumentInfo("d", "Answers", "a.pdf"), 1.0)
    second = Passage(Chunk("d", 1, text, 6, (), 500, 1100), DocumentInfo("d", "Answers", "a.pdf"), 0.6)
    elsewhere = Passage(Chunk("e", 0, text, 6, (), 0, 600), DocumentInfo("e", "Other", "b.pdf"), 0.6)
    passages = [first, second, elsewhere]
    chosen = [_sentence_in(0, 400, 560)]
    assert _follows(_sentence_in(1, 80, 180), chosen, passages)  # 580 in the page: just after 560
    assert not _follows(_sentence_in(1, 500, 580), chosen, passages)  # 1000: too far on
    assert not _follows(_sentence_in(0, 100, 200), chosen, passages)  # before it
    assert not _follows(_sentence_in(2, 580, 590), chosen, passages)  # another document


def test_a_count_of_individuals_counts_what_the_sentence_before_names() -> None:
    before = "Mrs Hammond elaborated on the responsibilities of the Director for a specific subset of young adults."
    text = "Out of the total cohort of 920 individuals, 330 had an active Education, Health, and Care Plan."
    assert not counts(text, "", "young adults")
    assert _counts_referred(text, before, "", "young adults", done=False)
    assert not _counts_referred(text, "The Council met in March.", "", "young adults", done=False)
    moving = "Work began ahead of the full move in Summer 2025, which includes approximately 1500 people."
    assert not _counts_referred(moving, "A number of the Brunei children have registered.", "", "children", False)
