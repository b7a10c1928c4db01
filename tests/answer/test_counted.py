"""A "how many N?" question is answered by a count of N, or the documents do not say."""

from __future__ import annotations

import pytest

from assistant.answer.counted import asks_done, counted_noun, counts
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
