"""Extracting one document's directory entries: initiatives, boards, meetings and figures.

Extraction reads one document at a time, so an index can store each document's entries with
it and re-extract only documents that changed. It is deterministic and needs no model; an
embedder, when given, only places figures and initiatives that sit outside every ambition's
section (a "Highlights" list, a background section) under the ambition they are closest to.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from assistant.directory.boards import build_board
from assistant.directory.doctext import DocText
from assistant.directory.entities import group_mentions
from assistant.directory.figures import find_figures
from assistant.directory.initiatives import build_initiative
from assistant.directory.mentions import find_mentions
from assistant.directory.minutes import is_minutes, read_meeting
from assistant.directory.model import Board, DocumentEntries, Figure, Initiative, Meeting, normalise_name
from assistant.directory.names import kind_of
from assistant.directory.themes import Themes, read_themes
from assistant.types import Chunk, Document

if TYPE_CHECKING:
    from assistant.embedding import Embedder

logger = logging.getLogger(__name__)

# Cosine similarity (all-MiniLM-L6-v2) above which an unthemed entry is placed under an ambition.
THEME_SIMILARITY = 0.35


def extract_document(document: Document, chunks: Sequence[Chunk], embedder: Embedder | None = None) -> DocumentEntries:
    """Everything the directory holds from one document.

    Args:
        document: the loaded document.
        chunks: its chunks (from :func:`assistant.chunking.split_document`), so that every
            citation names a chunk; with no chunks, citations point into pages (chunk -1).
        embedder: optional; places unthemed figures and initiatives under the nearest ambition.

    Returns:
        The document's initiatives, boards, meetings (for minutes) and figures.
    """
    doc = DocText(document, chunks)
    themes = read_themes(doc)
    placed_figures = find_figures(doc, themes)
    entities = group_mentions(find_mentions(doc, themes))
    initiatives = [build_initiative(doc, e, placed_figures) for e in entities if e.kind == "initiative"]
    boards = [build_board(doc, e) for e in entities if e.kind == "board"]
    meetings = (read_meeting(doc),) if is_minutes(doc) else ()
    boards = _with_meeting_bodies(doc, boards, meetings)
    figures = [figure for _, figure in placed_figures]
    if embedder is not None and themes.ambitions:
        initiatives, figures = _place_by_meaning(themes, initiatives, figures, embedder)
    logger.debug(
        "%s: %d initiatives, %d boards, %d meetings, %d figures",
        doc.doc_id,
        len(initiatives),
        len(boards),
        len(meetings),
        len(figures),
    )
    return DocumentEntries(doc.doc_id, tuple(initiatives), tuple(boards), meetings, tuple(figures), themes.ambitions)


def _with_meeting_bodies(doc: DocText, boards: list[Board], meetings: Sequence[Meeting]) -> list[Board]:
    """Boards, panels and committees whose minutes these are, with the chair the minutes record."""
    for meeting in meetings:
        if kind_of(meeting.body) != "board":
            continue
        known = next((b for b in boards if b.key == normalise_name(meeting.body)), None)
        if known is not None:
            if known.chair is None and meeting.chair:
                boards[boards.index(known)] = dataclasses.replace(known, chair=meeting.chair, chair_since=meeting.date)
            continue
        position = max(0, doc.text.find("PRESENT"))
        source = doc.cite_sentence(position)
        boards.append(
            Board(meeting.body, meeting.chair, meeting.date if meeting.chair else None, None, None, (), None, (source,))
        )
    return boards


def _place_by_meaning(
    themes: Themes, initiatives: list[Initiative], figures: list[Figure], embedder: Embedder
) -> tuple[list[Initiative], list[Figure]]:
    """Unthemed entries placed under the ambition whose wording and initiatives they are closest to."""
    loose_figures = [i for i, f in enumerate(figures) if not f.theme]
    loose_initiatives = [i for i, n in enumerate(initiatives) if not n.theme]
    if not loose_figures and not loose_initiatives:
        return initiatives, figures
    descriptors = []
    for ambition in themes.ambitions:
        names = [n.name for n in initiatives if n.theme == ambition]
        descriptors.append(f"{ambition}: {', '.join(names)}" if names else ambition)
    texts = [figures[i].sentence for i in loose_figures] + [
        f"{initiatives[i].name}: {initiatives[i].description}" for i in loose_initiatives
    ]
    vectors = np.asarray(embedder.embed(descriptors + texts), dtype=np.float32)
    scores = vectors[len(descriptors) :] @ vectors[: len(descriptors)].T
    figures, initiatives = list(figures), list(initiatives)
    for row, index in enumerate(loose_figures):
        if scores[row].max() >= THEME_SIMILARITY:
            figures[index] = dataclasses.replace(figures[index], theme=themes.ambitions[int(scores[row].argmax())])
    offset = len(loose_figures)
    for row, index in enumerate(loose_initiatives, start=offset):
        if scores[row].max() >= THEME_SIMILARITY:
            initiatives[index] = dataclasses.replace(
                initiatives[index], theme=themes.ambitions[int(scores[row].argmax())]
            )
    return initiatives, figures
