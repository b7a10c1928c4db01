"""The directory: initiatives, boards, meetings and figures extracted from the documents.

Extraction runs per document at index time (:func:`extract_document`), without a language
model, and is stored per document (:func:`entries_to_json`) so that incremental indexing
re-extracts only changed documents; :func:`merge_entries` combines the stored entries into one
:class:`Directory`, from which :func:`build_scorecard` and :func:`find_coverage` answer.
"""

from __future__ import annotations

from assistant.directory.coverage import (
    Coverage,
    CoverageDocument,
    CoverageGroup,
    CoverageIndex,
    CoverageItem,
    coverage_index,
    drop_repeated,
    find_coverage,
    restrict_coverage,
)
from assistant.directory.extract import extract_document
from assistant.directory.merge import merge_entries
from assistant.directory.model import (
    UNDESCRIBED,
    Board,
    Decision,
    Directory,
    DocumentEntries,
    Figure,
    Initiative,
    Meeting,
    Setting,
    SourceRef,
    normalise_name,
)
from assistant.directory.scorecard import OTHER, ScorecardRow, build_scorecard, scorecard_to_json
from assistant.directory.serialise import FORMAT, directory_to_json, entries_from_json, entries_to_json
from assistant.directory.topics import DatedDecision, decisions_on

__all__ = [
    "FORMAT",
    "OTHER",
    "UNDESCRIBED",
    "Board",
    "Coverage",
    "CoverageDocument",
    "CoverageGroup",
    "CoverageIndex",
    "CoverageItem",
    "DatedDecision",
    "Decision",
    "Directory",
    "DocumentEntries",
    "Figure",
    "Initiative",
    "Meeting",
    "ScorecardRow",
    "Setting",
    "SourceRef",
    "build_scorecard",
    "coverage_index",
    "decisions_on",
    "directory_to_json",
    "drop_repeated",
    "entries_from_json",
    "entries_to_json",
    "extract_document",
    "find_coverage",
    "merge_entries",
    "normalise_name",
    "restrict_coverage",
    "scorecard_to_json",
]
