"""Coverage reaches what the documents connect to a topic, each entry once, with the sentence that ties it."""

from __future__ import annotations

from pathlib import Path

from assistant.directory import drop_repeated, find_coverage, merge_entries
from tests.directory.documents import extract, write

REPORT = """---
title: Bay progress report
date: "2019"
doc_type: report
---

## Our Ambitions

1. Keep people well
2. Connect the bay

# Keep people well

The Power of Social Media: examples of impact include:

- Creation of a Harbour Befriending Scheme between GP practices to support a reduction in loneliness.

# Connect the bay

Those without digital skills are more at risk of isolation and loneliness.

In the last two years there has been much work to improve connectivity:

- Link Up is a new project from Bay CVS that has grown out of the Digital Inclusion Partnership.
- Bay Data Centre - a programme for integrating data and predicting risk across the region.
- Superfast Bay wins an award for broadband delivery to 15,000 homes.
"""


def _coverage(tmp_path: Path, question: str):
    document = write(tmp_path, "bay.md", REPORT)
    directory = merge_entries([extract(document)], {document.doc_id: document.info})
    return find_coverage(directory, question)


def _items(coverage):
    return {item.name: item for group in coverage.groups for item in group.items}


def test_an_initiative_whose_list_the_text_ties_to_the_topic_is_listed(tmp_path: Path) -> None:
    items = _items(_coverage(tmp_path, "What do we do about loneliness?"))
    assert "Harbour Befriending Scheme" in items
    tied = items["Link Up"]
    assert tied.tie == "Those without digital skills are more at risk of isolation and loneliness."
    assert tied.sources[0].start < tied.sources[0].end


def test_the_tie_needs_the_sentence_subject_not_just_the_same_list(tmp_path: Path) -> None:
    items = _items(_coverage(tmp_path, "What do we do about loneliness?"))
    assert "Superfast Bay" not in items
    assert "Bay Data Centre" not in items


def test_each_entry_once_a_description_already_in_the_answer_is_not_repeated(tmp_path: Path) -> None:
    coverage = _coverage(tmp_path, "What do we do about loneliness?")
    said = "Creation of a Harbour Befriending Scheme between GP practices to support a reduction in loneliness."
    items = _items(drop_repeated(coverage, f"We do this. {said}"))
    assert items["Harbour Befriending Scheme"].description == ""
    assert items["Link Up"].description
    names = [item.name for group in coverage.groups for item in group.items]
    assert len(names) == len(set(names))
