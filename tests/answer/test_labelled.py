"""A question naming its items by a run of labels ("options A to C") gets each of them."""

from __future__ import annotations

import pytest

from assistant.answer.labelled import asked_labels
from assistant.pipeline import Assistant
from tests.support import indexed_assistant

APPRAISAL = """---
title: Harbour Waste Plan Sustainability Appraisal summary
date: "2025-02-21"
doc_type: report
---

# Reasons for selecting the alternatives

The appraisal is required to consider reasonable alternatives to the updated Harbour Waste Plan.
The following have been identified as reasonable alternatives, here referred to as options.

Option A

To allocate land for waste facilities as envisaged in the plan adopted in 2016.
Option A would be to produce a Harbour Sites Plan as originally envisaged in the adopted plan.
Two policies have a reasonable do nothing alternative. These have been identified as option B and option C:

- Option B: Do not strengthen groundwater protection in policy HW 10 Water Environment;
- Option C: Retain policy HW 5 Strategic Site for Waste;

Each of the alternatives has been appraised against the appraisal framework.

# Methodology

The appraisal assessed each policy amendment against the appraisal objectives in turn.
"""


@pytest.fixture(scope="module")
def appraisal(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("appraisal"), {"appraisal.md": APPRAISAL}, embedder)


def test_each_labelled_option_is_answered_by_the_sentence_that_describes_it(appraisal: Assistant) -> None:
    answer = appraisal.ask("What reasonable alternatives (options A to C) to the Harbour Waste Plan were appraised?")
    assert not answer.abstained
    for described in ("produce a Harbour Sites Plan", "policy HW 10 Water Environment", "HW 5 Strategic Site"):
        assert described in answer.text
    assert answer.text.startswith("Option A would be")  # not the heading "Option A", nor the lead-in naming B and C
    assert "identified as option B and option C" not in answer.text
    assert all(c.passage.doc.title.startswith("Harbour Waste Plan") for c in answer.citations)


def test_a_run_the_documents_do_not_name_whole_leaves_the_ordinary_answer(appraisal: Assistant) -> None:
    answer = appraisal.ask("What reasonable alternatives (options A to E) to the Harbour Waste Plan were appraised?")
    assert not answer.text.startswith("Option A would be")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What were options A to C?", ("option", ["A", "B", "C"])),
        ("Which recommendations 1 to 4 did Cabinet agree?", ("recommendation", ["1", "2", "3", "4"])),
        ("What do Appendices A - B hold?", ("appendix", ["A", "B"])),
        ("What are priorities 2–3?", ("priority", ["2", "3"])),
        ("What were options a to c?", None),  # lower-case letters are words, not labels
        ("What were options C to A?", None),
        ("What were options 1 to C?", None),
        ("What were the options?", None),
    ],
)
def test_the_run_of_labels_a_question_names(question: str, expected: tuple[str, list[str]] | None) -> None:
    assert asked_labels(question) == expected
