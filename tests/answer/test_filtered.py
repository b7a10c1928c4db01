"""Which of a list's items have the figure the question names."""

from __future__ import annotations

import pytest

from assistant.answer.filtered import filtered_items
from assistant.evidence import ScoredSentence
from assistant.pipeline import Assistant
from assistant.types import Chunk, DocumentInfo, Passage
from tests.support import indexed_assistant

MINUTES = """---
title: Shire County Council Cabinet minutes
date: "2025-01-30"
doc_type: minutes
---

# Budget monitoring

Members noted the challenges of managing limited funding from successive governments.
Members cited other councils seeking significant council tax increases for next year.
Particular reference was made to:

- Windsor and Maidenhead, 25%
- Hampshire, 15 %
- Newham, 10%
- Birmingham 10%
- Cheshire East 10 %
- Slough 8%

The Council continued to manage its finances prudently under very difficult circumstances.
"""


@pytest.fixture(scope="module")
def cabinet(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("cabinet"), {"minutes.md": MINUTES}, embedder)


def test_the_items_with_the_figure_asked_about_answer_which(cabinet: Assistant) -> None:
    answer = cabinet.ask("Which councils did members cite as seeking council tax increases of 10%?")
    assert not answer.abstained
    for council in ("Newham", "Birmingham", "Cheshire East"):
        assert council in answer.text
    for council in ("Windsor", "Hampshire", "Slough"):
        assert council not in answer.text
    assert answer.text.startswith("Particular reference was made to:")


def _sentences(lines: list[str]) -> tuple[list[ScoredSentence], list[Passage]]:
    text = "\n".join(lines)
    passage = Passage(Chunk("d", 0, text, 1, (), 0, len(text)), DocumentInfo("d", "Minutes", "m.pdf"), 1.0)
    sentences, at = [], 0
    for index, line in enumerate(lines):
        sentences.append(ScoredSentence(0, index, at, at + len(line), 0.5, 0.5))
        at += len(line) + 1
    return sentences, [passage]


def test_only_a_figure_two_items_give_and_a_which_question_filter_a_list() -> None:
    lines = ["Particular reference was made to:", "- Windsor, 25%", "- Newham, 10%", "- Birmingham 10 %"]
    sentences, passages = _sentences(lines)
    chosen = filtered_items("Which councils sought increases of 10%?", sentences, passages)
    assert [passages[0].text[s.start : s.end] for s in chosen] == [lines[0], lines[2], lines[3]]
    assert filtered_items("Which councils sought increases of 25%?", sentences, passages) == []  # one item
    assert filtered_items("Who sought an increase of 10%?", sentences, passages) == []  # not "which <things>"


BOARD = """---
title: Annual report on the Armed Forces Covenant in Shire
date: "2025-02-27"
doc_type: report
---

# Civilian-Military Partnership Board

Since May 2024 the Shire Civilian-Military Partnership Board has been chaired by Cllr Bryan Sweetland.
During 2024 the Board membership has been further strengthened by the new membership of the:

- Royal British Legion Shire Chairman
- 220 Medical Squadron, 256 Multi Role Medical Regiment Reserves
- new SERFCA Deputy Chief Executive (East)

The Board continues to oversee the implementation of the Covenant and meets quarterly.
"""


def test_which_things_are_answered_by_the_list_a_chosen_lead_in_opens(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    assistant = indexed_assistant(tmp_path_factory.mktemp("board"), {"report.md": BOARD}, embedder)
    answer = assistant.ask("According to the annual report, which new members strengthened the Board during 2024?")
    assert not answer.abstained
    for member in ("Royal British Legion", "256 Multi Role Medical Regiment", "SERFCA Deputy Chief Executive"):
        assert member in answer.text
