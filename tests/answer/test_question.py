"""What a question expects, read from its leading phrase, and what a sentence offers."""

from __future__ import annotations

import pytest

from assistant.answer.patterns import figures
from assistant.answer.question import (
    asks_for_list,
    defined_subject,
    expected_answer,
    offers,
    offers_new,
    predicate,
    question_parts,
)
from assistant.evidence import stated_count


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("At the Cabinet meeting on 9 January 2025, who seconded the Leader's motion?", "agent"),
        ("Which Scrutiny Research Officer is named as the report author?", "person"),
        ("What does it cost to park at Teston Bridge Country Park?", "money"),
        ("What will the new library cost?", "money"),
        ("Which organisation holds the commissioned contract for the hub?", "organisation"),
        ("Which directorate did over three-quarters of subject access requests come under?", "organisation"),
        ("What forecast revenue overspend did Cabinet note on 30 January 2025 when it met?", "money"),
        ("What total council tax requirement, to be raised through precepts, did Council agree?", "money"),
        ("According to the register, what costs has the council incurred to date?", "money"),
        ("What proportion (%) of the net revenue stream are financing costs?", "number"),
        ("What cushion, as a share of our yearly spending, do we keep in reserve?", "number"),
        ("How many households did the scheme stop from becoming homeless?", "count"),
        ("According to the Pay Policy Statement, what is the council's mean gender pay gap?", "number"),
        ("How much did the school cost?", "money"),
        ("Which budget is listed as controlled by Safer Essex?", None),
        ("What is the GVA of Kent and Medway?", "money"),
        ("What budget did the council set for 2025-26?", "money"),
        ("By what date must councils submit their proposals?", "date"),
        ("On what date was the agenda issued?", "date"),
        ("When was the Essex Partnership formed?", "date"),
        ("How often does Essex Partners meet?", "frequency"),
        ("When does the Essex Assembly meet?", "frequency"),
        ("When Cabinet considered the Q2 report on 9 January 2025, how many of the 40 KPIs achieved target?", "count"),
        ("Where a school becomes an academy, who pays its deficit?", "agent"),
        ("When will the strategy be published?", "date"),
        ("Which law led to the creation of the partnership?", "law"),
        ("What were Community Safety Partnerships called before April 2010?", None),
        ("What is Essex 2020?", None),
        ("What three categories of Strategic Authority does the White Paper propose?", None),
        ("What are councils doing about London boroughs placing people in unsuitable housing?", None),
        ("What is being done about people placed in Essex?", None),
        ("Which councils are doing most to recycle?", "organisation"),
        # a yes/no question's relative "who" asks for no one; "who" after a word of telling still asks
        ("Can people who live in Chelmsford use the university's books, cafés and gym?", None),
        ("Is there a scheme which helps carers back into work?", None),
        ("Do you know who chairs Safer Essex?", "agent"),
        ("Can you tell me who runs Holiday Hunger?", "agent"),
        ("Does the report say which council leads it?", "organisation"),
    ],
)
def test_the_expected_answer_comes_from_the_leading_phrase(question: str, expected: str | None) -> None:
    assert expected_answer(question) == expected


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Who seconded the Leader's motion?", ["seconded"]),
        ("Who was elected Vice Chair of the panel?", ["elected"]),
        ("Which organisation holds the contract?", ["holds"]),
        ("Which Cabinet Member sent apologies to the meeting?", ["sent", "apologies"]),
        ("Who is the Chief Constable?", []),
        ("What forecast overspend did Cabinet note?", []),
        (
            "Which of the reasons given in the call-in were assessed as valid by Democratic Services?",
            ["assessed", "valid"],
        ),
        ("Which of the seven ambitions is about older people?", []),
    ],
)
def test_the_predicate_is_the_relation_asked_about(question: str, words: list[str]) -> None:
    assert predicate(question) == words


@pytest.mark.parametrize(
    ("question", "wanted", "count"),
    [
        ("What are the seven ambitions of the vision?", True, 7),
        ("What three critical issues will shape the Council's position?", True, 3),
        ("What three categories of Strategic Authority are proposed?", True, 3),
        ("Which channel alerted residents to the consultation on the two family centres?", False, None),
        ("How many homes does Essex need to build by 2036?", False, None),
        ("How many of the 40 KPIs achieved target?", False, None),
    ],
)
def test_list_questions_and_their_counts(question: str, wanted: bool, count: int | None) -> None:
    assert asks_for_list(question) is wanted
    if wanted:
        assert stated_count(question) == count


def test_a_question_in_two_parts_is_split_and_a_preamble_is_not_a_part() -> None:
    assert question_parts("How many trees is Essex planting and how much carbon will they capture?") == [
        "How many trees is Essex planting",
        "how much carbon will they capture",
    ]
    assert question_parts("What is the latest figure, and the target?") == ["What is the latest figure", "the target"]
    single = "In the Pay Policy Statement 2025/26, what is the entry salary for grade KS H?"
    assert question_parts(single) == [single]
    assert question_parts("What is Holiday Hunger, who runs it?") == ["What is Holiday Hunger", "who runs it"]
    assert question_parts("When is the next meeting, and who chairs it?") == [
        "When is the next meeting",
        "who chairs it",
    ]
    clause = "When Cabinet considered the Q2 report on 9 January 2025, how many of the 40 KPIs achieved target?"
    assert question_parts(clause) == [clause]
    assert question_parts("Which, if any, of the boards meets monthly?") == [
        "Which, if any, of the boards meets monthly?"
    ]


def test_a_definition_asked_with_a_second_part_defines_the_first_parts_subject() -> None:
    assert defined_subject("What is Holiday Hunger, who runs it?") == "Holiday Hunger"
    assert defined_subject("What is Holiday Hunger and who runs it?") == "Holiday Hunger"


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Table 10: Proportion of financing costs to net revenue stream 2023-24 actual", []),
        ("2027-28 budget Proportion of net revenue stream 8.17 7.41 6.76", ["8.17", "7.41", "6.76"]),
        ("1.52 Although capital expenditure is not charged directly to revenue", []),
        ("SO1 Tackle the wider determinants (Item 5)", []),
        ("The risk event is that costs to date of £1.162m would not be recovered", ["£1.162m"]),
        ("A typical home throws out 554kg each year", ["554"]),
        ("There are thirteen Local Strategic Partnerships", ["thirteen"]),
        ("Thursday, 30th January, 2025", []),
    ],
)
def test_figures_are_quantities_not_years_codes_or_paragraph_numbers(sentence: str, found: list[str]) -> None:
    assert figures(sentence) == found


def test_what_a_sentence_offers() -> None:
    assert offers("money", "Early Years Block £m 226.1 158.6")  # a table of sums in £m
    assert not offers("money", "Table 7.1 shows the changes in 2025-26")
    assert offers("person", "Apologies were received from Mrs C Bell.")
    assert not offers("person", "The Kent and Medway NHS Joint Overview and Scrutiny Committee met.")
    assert offers("organisation", "Children and Families Ltd runs Seashells Family Hub, Sheerness")
    assert not offers("organisation", "Motion for Time Limited Debate 3")
    assert offers(
        "organisation", "Over three-quarters came under the Children, Young People and Education Directorate."
    )
    assert not offers("agent", "To request that the Leader of the Council writes to the Chancellor")
    assert offers("date", "The meeting is scheduled to end by 4.30 pm")


def test_a_date_or_figure_the_question_states_is_not_an_answer() -> None:
    question = "On what date was the agenda for the Cabinet meeting of 30 January 2025 issued?"
    assert not offers_new("date", "To: Cabinet – 30 January 2025", question)
    assert offers_new("date", "Date: Wednesday, 22 January 2025", question)
    assert not offers_new("number", "The 2025-26 budget for 12 schools", "How many of the 12 schools in 2025-26?")
    assert offers_new("number", "Proportion of net revenue stream 8.17 7.41 6.76", "What proportion in 2025-26?")


def test_a_table_row_whose_column_the_question_names_offers_that_cell() -> None:
    row = "Maidstone and Tunbridge Wells NHS Trust — Date Awarded: 2024; Award Level: Silver"
    assert offers_new("number", row, "What award level is shown for Maidstone and Tunbridge Wells NHS Trust?")
    assert not offers_new("number", row, "What level of funding did Maidstone and Tunbridge Wells NHS Trust get?")
    assert not offers_new("money", "Kent Police — Award Level: Gold", "How much did Kent Police spend?")


def test_how_many_wants_a_count_not_a_share_a_sum_or_a_span_of_time() -> None:
    question = "How many recycling centres does the council run?"
    assert offers_new("count", "The council runs 18 recycling centres.", question)
    assert not offers_new("count", "39% of household waste was recycled.", question)
    assert not offers_new("count", "The recycling contract cost £4.2m.", question)
    assert not offers_new("count", "The contract was extended for 12 months.", question)
    assert offers_new(
        "count", "The hub delivers 14 hours of activity per week.", "How many hours a week does the hub run?"
    )


@pytest.mark.parametrize(
    ("sentence", "offered"),
    [
        ("The medical school complements our existing facilities, such as the £3.4 million SuperLab.", False),
        ("Construction began in May 2017, and the new £20 million facility opened in September 2018.", True),
        ("Work is moving forward with an application for £1.6m Heritage Lottery Fund grant.", True),
        ("The School of Medicine cost £20 million to build.", True),
    ],
)
def test_a_sum_written_before_another_things_name_is_not_what_a_question_about_this_one_costs(
    sentence: str, offered: bool
) -> None:
    assert offers_new("money", sentence, "How much did the ARU School of Medicine cost?") is offered


@pytest.mark.parametrize(
    ("sentence", "offered"),
    [
        ("Safer Essex is also the strategic body for drug and alcohol issues in Essex.", True),
        ("Harbour Unites is one of the charities working with young carers.", True),
        ("The strategy is also the basis for drug and alcohol work.", False),
        ("Drug and alcohol issues are a growing concern.", False),
        ("KCC has a new recycling contract with SAIT Recycling, a company based in Queenborough, Kent.", True),
        ("In March, a board was set up to oversee the work.", False),
    ],
)
def test_a_name_said_to_be_a_body_offers_an_organisation(sentence: str, offered: bool) -> None:
    assert offers("organisation", sentence) is offered


@pytest.mark.parametrize(
    ("sentence", "offered"),
    [
        ("Commissioned Uniform to support with developing the Essex Vision brand.", True),
        ("Over the past three years, EPB has commissioned 'Leading Greater Essex' as learning programmes.", True),
        ("The review was commissioned by the Cabinet Member in March.", True),
        ("Amey is commissioned to undertake Sustainability Appraisal in support of the plan.", True),
        ("It was commissioned to review the plan.", False),
        ("This consultation is about the future of two commissioned Family Hubs contracts in Kent.", False),
        ("Services on offer at the hub under the commissioned Family Hub contract include baby massage.", False),
    ],
)
def test_who_was_commissioned_or_commissioned_it_answers_who(sentence: str, offered: bool) -> None:
    assert offers("organisation", sentence) is offered
    assert offers("agent", sentence) is offered


def test_a_rows_bare_figures_answer_how_much_when_the_question_gives_the_unit() -> None:
    row = "Borrowing — 2023-24 actual: 35.0; 2024-25 forecast: 40.4; 2026-27 budget: 82.9"
    assert offers_new("money", row, "How much borrowing is budgeted in 2026-27 (£m)?")
    assert offers_new("money", row, "How much borrowing is budgeted in £m for 2026-27?")
    assert not offers_new("money", row, "How much borrowing is budgeted in 2026-27?")
    assert not offers_new("money", "Borrowing rose in 2026-27 as planned.", "How much borrowing in 2026-27 (£m)?")


def test_a_tables_column_names_offer_none_of_its_values() -> None:
    header = "Investment Fund | Book cost £m | 31-Mar-24 Market Value £m | 30-Sep-24 Market Value £m | Total %"
    question = "What is the market value of the pooled fund investments at 30 September 2024?"
    assert not offers_new("money", header, question)
    assert offers_new("money", "CCLA Property Fund — Book cost £m: 60.0; 30-Sep-24 Market Value £m: 54.0", question)


def test_a_date_in_the_question_is_no_count_of_items() -> None:
    assert stated_count("What were the council's long-term investments at 30 September 2024?") is None
    assert stated_count("What are the seven ambitions?") == 7
    assert expected_answer("What were the council's long-term investments at 30 September 2024?") == "money"


def test_a_deadline_question_is_offered_only_a_date_things_are_due_by() -> None:
    question = "By what date must councils submit their reorganisation proposals?"
    assert offers_new("date", "Councils are asked to submit proposals by 28 November 2025.", question)
    assert offers_new("date", "Any submission will not restrict the statutory deadline of 28 November.", question)
    assert offers_new("date", "Plans are due before the end of March 2026.", question)
    assert not offers_new("date", "On 9 January 2025 a paper was taken to Cabinet.", question)
    assert not offers_new("date", "The request was approved by Government on 9 January 2025.", question)
    assert offers_new("date", "The meeting is scheduled to end by 4.30 pm.", "By what time will the meeting end?")
    assert offers_new("date", "On 9 January 2025 a paper was taken to Cabinet.", "When was the paper taken to Cabinet?")


def test_a_number_the_question_states_in_digits_is_no_answer_in_words_either() -> None:
    question = "How big is the 10-year Capital programme?"
    assert not offers_new("number", "The ten-year Capital Programme 2024-34 was approved in February 2024.", question)
    assert offers_new("number", "The 10-year Capital programme of £1,419m was agreed.", question)
    assert offers_new("number", "Ten new schools will open.", "How many schools will open?")
