"""A description says what an initiative is: a passing mention is none, and another document may say it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chunking import split_document
from assistant.directory import entries_from_json, entries_to_json, merge_entries
from assistant.directory.descriptions import has_subject
from assistant.directory.model import Initiative
from assistant.types import Chunk, Document
from tests.directory.documents import extract, write

MINUTES = """---
title: Shire County Council minutes
date: "2025-03-13"
doc_type: minutes
organisation: Shire County Council
---

# Leader's update

Mr Vale commented that good progress had been made and referred to innovative programmes such as Plan Bee and Plan Oak.

Plan Oak aims to plant 20,000 native trees on council land with schools and volunteers by 2027.
"""

ACTIVITY = """---
title: Shire health and wellbeing activity
date: "2025-01"
doc_type: report
organisation: Shire County Council
---

# Give every child the best start

Services in place to deliver:

- Family Hub Programme
- Healthy Start Scheme
"""

ASSESSMENT = """---
title: Family hub contracts impact assessment
date: "2024-11"
doc_type: report
organisation: Shire County Council
---

# Background

Family Hubs are about bringing together and integrating support services for children, young people and families.
"""


def _by_name(initiatives: tuple[Initiative, ...]) -> dict[str, Initiative]:
    return {i.name: i for i in initiatives}


def _cited(initiative: Initiative, documents: list[Document]) -> str:
    """The text of the passage an initiative's first source points at."""
    source = initiative.sources[0]
    document = next(d for d in documents if d.info.doc_id == source.doc_id)
    chunk: Chunk = next(c for c in split_document(document) if c.ordinal == source.chunk)
    return " ".join(chunk.text[source.start : source.end].split())


def test_a_passing_mention_is_no_description_and_a_sentence_about_it_is(tmp_path: Path) -> None:
    document = write(tmp_path, "minutes.md", MINUTES)
    found = _by_name(extract(document).initiatives)
    assert found["Plan Bee"].description == ""  # "referred to programmes such as Plan Bee" says where, not what
    assert found["Plan Oak"].description.startswith("Plan Oak aims to plant 20,000 native trees")
    assert _cited(found["Plan Oak"], [document]).startswith("Plan Oak aims to plant")


@pytest.mark.parametrize(
    "sentence",
    [
        "Plan Oak aims to plant 20,000 native trees on council land.",
        "However, by that stage, Shire County Council's Plan Oak initiative had planted 10,980 trees in the county.",
        "Residents use the Council's Money Advice Hubs which support people to get independent financial advice.",
        "Funding was secured to develop the Nest Scheme - part of a package to retain our foster carers.",
        "Since 2023 the council has been part of the Safety Valve Programme where the department and the council share the deficit.",
        "The number of homes brought back into use through the No Use Empty programme remained above target.",
        "One funding option which can help with the cost of new schools is the Free Schools programme.",
        "A programme of microgrants named the 'Community Chest' has been trialled with local groups.",
    ],
)
def test_sentences_that_say_what_a_thing_is_or_does(sentence: str) -> None:
    names = ["Plan Oak", "Money Advice Hubs", "Nest Scheme", "Safety Valve Programme", "No Use Empty"]
    assert has_subject(sentence, [*names, "Free Schools", "Community Chest"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr Vale referred to innovative programmes such as Plan Oak, Plan Bee and Making Space for Nature.",
        "Part of this includes signing up for Step into Health and working through the Employers Recognition scheme.",
        "Last year the council agreed a 1.35% increase to the Shire Scheme pay scales.",
        "The council received notification that it had retained its Employer Recognition Scheme Gold Award.",
        "We promoted Adult Cycle Training through paid ads on social media, receiving 2,800 clicks.",
    ],
)
def test_sentences_that_name_a_thing_in_passing(sentence: str) -> None:
    names = ["Plan Oak", "Plan Bee", "Employers Recognition", "Shire Scheme", "Employer Recognition Scheme"]
    assert not has_subject(sentence, [*names, "Adult Cycle Training"])


def test_a_description_found_only_in_another_document_is_cited_to_it(tmp_path: Path) -> None:
    activity, assessment = write(tmp_path, "activity.md", ACTIVITY), write(tmp_path, "eqia.md", ASSESSMENT)
    listed, described = extract(activity), extract(assessment)
    assert _by_name(listed.initiatives)["Family Hub Programme"].description == ""  # only a list item names it
    stored = [entries_from_json(entries_to_json(e)) for e in (listed, described)]  # as an index keeps them
    assert stored[1].subjects == described.subjects
    directory = merge_entries(stored, {d.info.doc_id: d.info for d in (activity, assessment)})
    hub = _by_name(directory.initiatives)["Family Hub Programme"]
    assert hub.description.startswith("Family Hubs are about bringing together and integrating support services")
    assert hub.sources[0].doc_id == assessment.info.doc_id
    assert _cited(hub, [activity, assessment]).startswith("Family Hubs are about bringing together")
    assert any(s.doc_id == activity.info.doc_id for s in hub.sources[1:])  # where it is listed stays cited
    assert _by_name(directory.initiatives)["Healthy Start Scheme"].description == ""  # nothing says what it is


def test_an_older_documents_description_is_cited_to_the_older_document(tmp_path: Path) -> None:
    older = write(tmp_path, "older.md", MINUTES.replace('"2025-03-13"', '"2024-01-01"'))
    newer = write(tmp_path, "newer.md", MINUTES.replace("Plan Oak aims to plant", "Separately, volunteers plant"))
    directory = merge_entries([extract(newer), extract(older)], {d.info.doc_id: d.info for d in (older, newer)})
    oak = _by_name(directory.initiatives)["Plan Oak"]
    assert oak.description.startswith("Plan Oak aims to plant")
    assert oak.sources[0].doc_id == older.info.doc_id


CABINET = """---
title: Shire Cabinet minutes
date: "2025-01-30"
doc_type: minutes
organisation: Shire County Council
---

# Cabinet Member updates

(f) The public consultation on Shire's draft local nature recovery strategy, "Making Room for Nature," launched on
16th January and was due to run for eight weeks.
"""


def test_a_quoted_name_in_apposition_to_what_it_is_describes_it_in_another_document(tmp_path: Path) -> None:
    minutes = write(
        tmp_path, "minutes.md", MINUTES.replace("Plan Bee and Plan Oak", "Plan Oak and Making Room for Nature")
    )
    cabinet = write(tmp_path, "cabinet.md", CABINET)
    directory = merge_entries([extract(minutes), extract(cabinet)], {d.info.doc_id: d.info for d in (minutes, cabinet)})
    nature = _by_name(directory.initiatives)["Making Room for Nature"]
    assert "draft local nature recovery strategy" in nature.description
    assert nature.sources[0].doc_id == cabinet.info.doc_id
