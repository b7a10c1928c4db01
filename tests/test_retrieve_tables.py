"""A table that continues the section of a passage ranked high follows it: a report's prose
introduces the table holding its figures, and the table's rows share few of the question's words."""

from __future__ import annotations

import pytest

from assistant import retrieve
from assistant.index.chunkstore import StoredChunk
from assistant.types import Chunk, DocumentInfo, Passage
from tests.support import indexed_assistant

_SERVICES = [
    "Highways and Transportation",
    "Adult Social Services",
    "Integrated Children's Services",
    "Education",
    "Libraries, Registration and Archives",
    "Waste Management",
    "Trading Standards",
    "Country Parks",
]
REPORT = (
    '---\ntitle: Quarterly Performance Report Q3\ndate: "2025-02-13"\ndoc_type: report\n---\n'
    "# Customer Services – Complaints Monitoring\n\n"
    "Quarter 3 saw the number of complaints received fall compared with the previous quarter. Residents "
    "complained most about potholes and road repairs, which the customer care team answered within the "
    "twenty working days the policy sets. Fewer residents complained about care packages, school transport "
    "and library opening hours than a year before, and every resident was written to about the outcome. "
    "The service areas receiving the most complaints are shown below.\n\n"
    "| Service | 12 mths to Dec 23 | 12 mths to Dec 24 | Quarter to Sep 24 | Quarter to Dec 24 |\n"
    "| --- | --- | --- | --- | --- |\n"
    + "".join(
        f"| {name} | {2902 - 97 * i:,} | {2355 - 211 * i:,} | {642 - 31 * i} | {422 - 17 * i} |\n"
        for i, name in enumerate(_SERVICES)
    )
    + "\n# Contact Point\n\nContact Point answered fewer calls this quarter about road repairs and potholes.\n"
)
OTHER = (
    '---\ntitle: Roads Annual Report\ndate: "2024-12-01"\ndoc_type: report\n---\n'
    "# Road repairs\n\nThe council repaired 41,000 potholes in the year to December 2024 and received fewer "
    "complaints about road repairs than in any year since 2019. Residents can report a pothole online.\n"
)
QUESTION = "How many complaints about potholes and road repairs were received in the year to December 2024?"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("tables")
    return indexed_assistant(root, {"report.md": REPORT, "policy.md": OTHER}, embedder)


def _ranks(passages: list[Passage]) -> tuple[int | None, int | None]:
    intro = next((i for i, p in enumerate(passages) if "Quarter 3 saw" in p.text), None)
    table = next((i for i, p in enumerate(passages) if "Highways and Transportation —" in p.text), None)
    return intro, table


def test_the_table_follows_its_introduction(assistant) -> None:  # type: ignore[no-untyped-def]
    intro, table = _ranks(assistant.search(QUESTION, k=6))
    assert intro is not None, "the introduction is retrieved"
    assert table is not None, "the table is retrieved, as a chunk of its own"
    assert table <= intro + 1
    assert table < 3


def test_without_the_rule_the_table_ranks_lower(assistant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with_rule = _ranks(assistant.search(QUESTION, k=6))[1]
    monkeypatch.setattr(retrieve, "_TABLE_FOLLOW", 0)
    without = _ranks(assistant.search(QUESTION, k=6))[1]
    assert with_rule is not None
    assert without is None or without > with_rule


def _stored(row: int, section: tuple[str, ...], doc_id: str = "d") -> StoredChunk:
    return StoredChunk(row, Chunk(doc_id, row, "text", 1, section, 0, 4, ((0, 4),)), None)


def test_only_a_table_in_the_same_section_continues_it() -> None:
    intro = _stored(1, ("Report", "Complaints"))
    table = _stored(2, ("Report", "Complaints", "Service | 2023 | 2024"))
    assert retrieve._continues_table(intro, table)
    assert retrieve._continues_table(table, _stored(3, ("Report", "Complaints", "Service | 2023 | 2024")))
    assert not retrieve._continues_table(intro, _stored(2, ("Report", "Complaints")))  # prose, not a table
    assert not retrieve._continues_table(intro, _stored(2, ("Report", "Calls", "Service | 2023 | 2024")))
    assert not retrieve._continues_table(intro, _stored(2, ("Report", "Complaints", "A | B"), doc_id="e"))
    assert not retrieve._continues_table(None, table)


def test_a_captioned_table_continues_it_by_its_rows() -> None:
    intro = _stored(1, ("Report", "Complaints"))
    caption = ("Report", "Complaints", "Table 3: Complaints by service")

    def chunk(text: str) -> StoredChunk:
        return StoredChunk(2, Chunk("d", 2, text, 1, caption, 0, len(text), ((0, len(text)),)), None)

    first = "Table 3: Complaints by service\nService | 2023 | 2024 | Change\nRoads — 2023: 1,200; 2024: 1,100"
    assert retrieve._continues_table(intro, chunk(first))
    assert retrieve._continues_table(intro, chunk("Roads — 2023: 1,200; 2024: 1,100; Change: -8%"))
    assert not retrieve._continues_table(intro, chunk("Table 3: Complaints by service\nWe will review it in May."))


class _Store:
    """Only what ``_tables_follow`` reads: chunks by row."""

    def __init__(self, chunks: dict[int, StoredChunk]) -> None:
        self.chunks, self.asked = chunks, []

    def fetch(self, rows):  # type: ignore[no-untyped-def]
        self.asked += rows
        return [self.chunks[r] for r in rows if r in self.chunks]


def test_a_table_is_lifted_only_behind_a_passage_among_the_best(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    info = DocumentInfo("d", "Report", "d.md")
    table = ("Report", "Complaints", "Service | 2023 | 2024")
    stored = {1: _stored(1, ("Report", "Complaints")), 5: _stored(5, ("Report", "Calls")), 8: _stored(8, table)}
    more = {2: _stored(2, table), 6: _stored(6, ("Report", "Calls")), 9: _stored(9, table)}

    def ranked_passages() -> list[tuple[int, Passage]]:
        scores = {1: 1.0, 5: 0.8, 8: 0.2}
        return [(row, Passage(stored[row].chunk, info, scores[row])) for row in (1, 5, 8)]

    retriever = type("R", (), {"store": _Store(more)})()
    lifted = retrieve.HybridRetriever._tables_follow(retriever, ranked_passages(), stored, {"d": info})  # type: ignore[arg-type]
    # row 2 (a table in row 1's section) joins behind row 1; row 9 continues the table of row 8
    assert [(row, round(p.score, 2)) for row, p in lifted] == [(1, 1.0), (2, 0.9), (5, 0.8), (8, 0.2), (9, 0.18)]
    # the rows after the best passages are read, then the row after each table lifted (its next chunk?)
    assert sorted(retriever.store.asked) == [2, 3, 6, 9, 10]

    monkeypatch.setattr(retrieve, "_TABLE_FOLLOW", 2)  # row 8 is no longer among the best
    retriever = type("R", (), {"store": _Store(more)})()
    lifted = retrieve.HybridRetriever._tables_follow(retriever, ranked_passages(), stored, {"d": info})  # type: ignore[arg-type]
    assert [row for row, _ in lifted] == [1, 2, 5, 8]


def test_a_table_over_several_chunks_follows_chunk_after_chunk() -> None:
    info = DocumentInfo("d", "Report", "d.md")
    table = ("Report", "Council tax", "Band | Proportion of Band D | 2025-26")
    stored = {1: _stored(1, ("Report", "Council tax"))}
    # the table's chunks 2 to 5 (bands A-B, C-D, E-F, G-H), then the next section's prose
    more = {row: _stored(row, table) for row in (2, 3, 4, 5)} | {6: _stored(6, ("Report", "Reserves"))}
    retriever = type("R", (), {"store": _Store(more)})()
    ranked = [(1, Passage(stored[1].chunk, info, 1.0))]
    lifted = retrieve.HybridRetriever._tables_follow(retriever, ranked, stored, {"d": info})  # type: ignore[arg-type]
    # each chunk of the table joins behind the one before it, up to _TABLE_CHAIN chunks on
    assert [(row, round(p.score, 3)) for row, p in lifted] == [(1, 1.0), (2, 0.9), (3, 0.81), (4, 0.729)]
    assert retrieve._TABLE_CHAIN == 3
