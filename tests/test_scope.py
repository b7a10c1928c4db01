"""Questions that name their source: which documents and meetings they name, and which they do not."""

from __future__ import annotations

import pytest

from assistant.scope import MeetingName, SourceNames, question_dates
from assistant.types import DocumentInfo


def _doc(doc_id: str, title: str, date: str, doc_type: str = "report") -> DocumentInfo:
    return DocumentInfo(
        doc_id, title, f"/archive/{doc_id.replace('-', '_')}.pdf", date, doc_type, "Kent County Council"
    )


DOCUMENTS = {
    d.doc_id: d
    for d in (
        _doc("pay-policy-statement-2025-26", "Pay Policy Statement 2025/26", "2025-03-13", "strategy"),
        _doc("treasury-management-strategy-2025-26", "Treasury Management Strategy – Introduction", "2025-01-20"),
        _doc("mid-year-report-2024-25", "Treasury Management Mid-Year Update 2024-25", "2025-03-13"),
        _doc("quarterly-performance-report-q3", "Kent County Council – Quarterly Performance Report", "2025-02-13"),
        _doc("cabinet-2025-01-30-minutes", "Kent County Council – Cabinet – minutes", "2025-01-30", "minutes"),
        _doc("cabinet-2025-01-30-agenda", "Agenda – Cabinet", "2025-01-30", "agenda"),
        _doc("education-plan-2025-29", "Commissioning Plan for Education Provision in Kent 2025-29", "2025-01-30"),
        _doc("cabinet-2025-01-09-minutes", "Kent County Council – Cabinet – minutes", "2025-01-09", "minutes"),
        _doc("county-council-2025-01-09-minutes", "Kent County Council – County Council – minutes", "2025-01-09"),
        _doc("cpp-minutes-2024-10-29", "CORPORATE PARENTING PANEL – 29 October 2024", "2024-10-29", "minutes"),
        _doc("office-furniture-policy", "Office Accommodation Standards", "2024-06-01"),
        _doc("budget-risk-register-2025-01", "Budget Risk Register", "2025-01"),  # dated by its month alone
        _doc("questions-and-answers-2025-02", "Questions and answers", "2025-02"),
    )
}
MEETINGS = [
    MeetingName("Kent County Council Cabinet", "2025-01-30", "cabinet-2025-01-30-minutes"),
    MeetingName("Kent County Council Cabinet", "2025-01-09", "cabinet-2025-01-09-minutes"),
    MeetingName("Kent County Council", "2025-01-09", "county-council-2025-01-09-minutes"),
    MeetingName("Corporate Parenting Panel", "2024-10-29", "cpp-minutes-2024-10-29"),
]


@pytest.fixture(scope="module")
def names() -> SourceNames:
    return SourceNames(DOCUMENTS, MEETINGS)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "In the Pay Policy Statement 2025/26, what is the entry salary for grade KS H?",
            "pay-policy-statement-2025-26",
        ),
        (
            "what does the pay policy statement 2025-26 say about overtime?",
            "pay-policy-statement-2025-26",
        ),  # all lower case
        (
            "According to Annex A of the Treasury Management Strategy 2025-26, how much did the Council owe?",
            "treasury-management-strategy-2025-26",
        ),
        (
            "In the Treasury Management Mid-Year Update 2024-25, what return did the funds make?",
            "mid-year-report-2024-25",
        ),
        (
            "How many complaints does the Q3 2024/25 Quarterly Performance Report count?",
            "quarterly-performance-report-q3",
        ),
        ("At the Cabinet meeting on 30 January 2025, who sent apologies?", "cabinet-2025-01-30-minutes"),
        ("What did Cabinet note on January 30, 2025 about the budget?", "cabinet-2025-01-30-minutes"),
        ("At the Cabinet meeting on 9 January 2025, who seconded the motion?", "cabinet-2025-01-09-minutes"),
        (
            "At the County Council meeting on 9 January 2025, which amendment was carried?",
            "county-council-2025-01-09-minutes",
        ),
        ("Who was elected Vice Chair of the Corporate Parenting Panel on 29th October 2024?", "cpp-minutes-2024-10-29"),
    ],
)
def test_a_question_naming_its_source_is_scoped_to_it(names: SourceNames, question: str, first: str) -> None:
    scope = names.scope(question)
    assert scope is not None
    assert scope.doc_ids[0] == first
    assert scope.weight(first) == 1.0
    assert DOCUMENTS[first].title in scope.label


@pytest.mark.parametrize(
    "question",
    [
        "Where should the filing cabinet in the office go?",  # furniture, and no meeting date
        "What did the Cabinet decide on 3 March 2025?",  # no meeting that day
        "What is the council's pay policy?",  # two common words of a longer name
        "How much is the budget gap for 2025-26?",
        "Who chairs the panel?",
        "What happened in January 2025?",  # a month, not a meeting's day
        "What does KCC say about the pay policy statement 2025/26?",  # a title in lower case: a topic
    ],
)
def test_a_question_that_names_no_source_is_not_scoped(names: SourceNames, question: str) -> None:
    assert names.scope(question) is None


def test_one_body_is_not_taken_for_another_meeting_the_same_day(names: SourceNames) -> None:
    scope = names.scope("At the County Council meeting on 9 January 2025, which amendment was carried?")
    assert scope is not None
    assert "cabinet-2025-01-09-minutes" not in scope.doc_ids


def test_a_named_meetings_papers_join_with_less_weight(names: SourceNames) -> None:
    scope = names.scope("At the Cabinet meeting on 30 January 2025, who sent apologies?")
    assert scope is not None
    assert 0 < scope.weight("cabinet-2025-01-30-agenda") < 1
    assert 0 < scope.weight("education-plan-2025-29") < 1
    assert scope.weight("mid-year-report-2024-25") == 0


def test_a_paper_dated_only_by_the_named_meetings_month_joins_it(names: SourceNames) -> None:
    scope = names.scope("At the Cabinet meeting on 30 January 2025, what risks were noted?")
    assert scope is not None
    assert 0 < scope.weight("budget-risk-register-2025-01") < 1  # it may be that day's paper
    assert scope.weight("questions-and-answers-2025-02") == 0


def test_the_rest_of_the_question_drops_the_words_that_name_the_source(names: SourceNames) -> None:
    scope = names.scope("At the Cabinet meeting on 30 January 2025, who sent apologies?")
    assert scope is not None
    assert "apologies" in scope.rest
    assert "30 January 2025" not in scope.rest
    assert "Cabinet" not in scope.rest
    named = names.scope("In the Pay Policy Statement 2025/26, what is the entry salary for grade KS H?")
    assert named is not None
    assert "Policy" not in named.rest
    assert "entry salary for grade KS H" in named.rest


def test_the_label_says_where_it_searched(names: SourceNames) -> None:
    scope = names.scope("At the Cabinet meeting on 30 January 2025, who sent apologies?")
    assert scope is not None
    assert scope.label.startswith("Kent County Council – Cabinet – minutes, 30 January 2025")


def test_no_documents_means_no_scope() -> None:
    assert SourceNames({}, []).scope("In the Pay Policy Statement 2025/26, what is the entry salary?") is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("on 30 January 2025", {"2025-01-30"}),
        ("on 9th January 2025 and 13 Feb 2025", {"2025-01-09", "2025-02-13"}),
        ("on January 30, 2025", {"2025-01-30"}),
        ("dated 2025-01-30", {"2025-01-30"}),
        ("on 31 February 2025", set()),
        ("in January 2025", set()),
        ("in 2025/26", set()),
    ],
)
def test_question_dates(text: str, days: set[str]) -> None:
    assert question_dates(text) == days


_TOPICS = ("Libraries", "Highways", "Waste", "Libraries and Archives", "Public Health", "Fire Safety", "Adult Care")


def test_a_longer_name_is_not_named_by_its_end() -> None:
    documents = {
        d.doc_id: d
        for d in (
            _doc("safer-essex", "Safer Essex Partnership", "2010", "web page"),
            _doc("essex-partnership", "The Essex Partnership, the countywide local strategic partnership", "2007"),
            _doc("essex-partners", "Essex Partners", "2017-12-06", "web page"),
            *(_doc(f"other-{i}", f"{topic} Annual Review", "2019") for i, topic in enumerate(_TOPICS)),
        )
    }
    names = SourceNames(documents, [])
    scope = names.scope("When was the Essex Partnership formed?")
    assert scope is None or "safer-essex" not in scope.doc_ids
    safer = names.scope("Who chairs the Safer Essex Partnership?")
    assert safer is not None
    assert safer.doc_ids[0] == "safer-essex"


def test_a_word_a_preposition_follows_heads_the_name_and_does_not_qualify_it() -> None:
    """ "Implementation of the Armed Forces Covenant" is still named by "the Armed Forces Covenant
    annual report", as "Safer Essex Partnership" is not by "the Essex Partnership"."""
    documents = dict(DOCUMENTS)
    title = "2024 Annual Report – Implementation of the Armed Forces Covenant in Kent"
    for doc in (
        _doc("armed-forces-covenant-annual-report-2024", "Covenant in Kent", "2025-03-13"),
        _doc("cmpb-2024-annual-report", title, "2025-02-27"),
    ):
        documents[doc.doc_id] = doc
    scope = SourceNames(documents, []).scope("In the 2024 Armed Forces Covenant annual report, who won Gold?")
    assert scope is not None
    assert set(scope.doc_ids) == {"armed-forces-covenant-annual-report-2024", "cmpb-2024-annual-report"}


def test_a_name_with_another_qualifier_names_another_document() -> None:
    documents = dict(DOCUMENTS)
    # named by its file only, as a PDF whose title field is a table's first cells
    documents["budget-risk-register"] = _doc("budget-risk-register", "Likelihood (1-5) – Estimated", "2025-01-20")
    documents["budget-report"] = _doc("budget-report", "Budget Report 2025-26", "2025-02-13")
    names = SourceNames(documents, MEETINGS)
    corporate = names.scope("When was the Corporate Risk Register due to go to the Governance and Audit Committee?")
    assert corporate is None or "budget-risk-register" not in corporate.doc_ids
    budget = names.scope("What does the Budget Risk Register say about savings?")
    assert budget is not None
    assert budget.doc_ids[0] == "budget-risk-register"


def _with_appendices() -> SourceNames:
    documents = dict(DOCUMENTS)
    for doc in (
        _doc("kcc-ics-delivery-plan-report", "Kent County Council Integrated Care Strategy (KCC ICS)", "2025-01-30"),
        _doc("kcc-ics-appx-b-priorities", "Improving Health and Wellbeing – Priorities and Actions", "2025-01-14"),
        _doc("treasury-management-annex-a", "Prudential Indicators", "2025-01-20"),
        _doc("reserves-policy", "Appendix I Reserves Policy", "2025-02-05"),
    ):
        documents[doc.doc_id] = doc
    return SourceNames(documents, MEETINGS)


def test_a_named_documents_appendices_join_it() -> None:
    scope = _with_appendices().scope(
        "What are the six shared outcomes of the KCC Integrated Care Strategy (KCC ICS) Delivery Plan?"
    )
    assert scope is not None
    assert scope.weight("kcc-ics-delivery-plan-report") == 1.0
    assert scope.weight("kcc-ics-appx-b-priorities") == 1.0
    assert scope.weight("treasury-management-annex-a") == 0


def test_an_appendix_joins_only_the_document_its_name_leads_with() -> None:
    names = _with_appendices()
    treasury = names.scope("According to the Treasury Management Strategy, what is the borrowing limit?")
    assert treasury is not None
    assert treasury.weight("treasury-management-annex-a") == 1.0
    assert treasury.weight("kcc-ics-appx-b-priorities") == 0
    pay = names.scope("In the Pay Policy Statement 2025/26, what is the entry salary for grade KS H?")
    assert pay is not None
    assert set(pay.doc_ids) == {"pay-policy-statement-2025-26"}  # "Appendix I Reserves Policy" leads with nothing


def test_a_document_and_the_meeting_that_discussed_it_are_both_in_scope() -> None:
    """A report named by its title and the minutes of the meeting named by its body and date: the
    minutes (where what was said of the report is recorded) are weighed against the meetings named,
    not dropped beside a report whose long title matched more words."""
    minutes = _doc("county-council-2025-03-13-minutes", "Kent County Council – County Council – minutes", "2025-03-13")
    names = SourceNames(
        {**DOCUMENTS, minutes.doc_id: minutes},
        [*MEETINGS, MeetingName("Kent County Council", "2025-03-13", minutes.doc_id)],
    )
    scope = names.scope(
        "Which member declared an interest in the Pay Policy Statement at the County Council meeting on 13 March 2025?"
    )
    assert scope is not None
    assert scope.weight("pay-policy-statement-2025-26") == 1.0
    assert scope.weight("county-council-2025-03-13-minutes") == 1.0
    assert "declared an interest" in scope.rest
    assert "13 March" not in scope.rest


def test_a_meeting_named_by_its_body_and_month() -> None:
    """ "the Treasury Management Group meeting in November 2024" names the TMG's note of that month, not
    the Treasury Management Strategy whose name shares the body's words; a month with another document
    named apart from the body ("the ... annual report motion at County Council in March 2025") is left to
    the documents named."""
    documents = dict(DOCUMENTS)
    documents["tmg-2024-11-14"] = _doc("tmg-2024-11-14", "TMG 14 November 2024", "2024-11-14", "minutes")
    documents["armed-forces-report"] = _doc("armed-forces-report", "Armed Forces Covenant Annual Report", "2025-03-13")
    documents["council-2025-03-13"] = _doc("council-2025-03-13", "County Council – minutes", "2025-03-13", "minutes")
    meetings = [
        *MEETINGS,
        MeetingName("TMG", "2024-11-14", "tmg-2024-11-14"),
        MeetingName("Kent County Council", "2025-03-13", "council-2025-03-13"),
    ]
    names = SourceNames(documents, meetings)
    scope = names.scope("In the Treasury Management Group meeting in November 2024, what did Link advise?")
    assert scope is not None
    assert scope.doc_ids == ("tmg-2024-11-14",)
    other = names.scope("Who seconded the Armed Forces Covenant Annual Report motion at County Council in March 2025?")
    assert other is not None
    assert "council-2025-03-13" not in other.doc_ids
    assert "armed-forces-report" in other.doc_ids
