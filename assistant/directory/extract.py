"""Extracting one document's directory entries: initiatives, boards, meetings and figures.

Extraction reads one document at a time, so an index can store each document's entries with
it and re-extract only documents that changed. It is deterministic and needs no model; an
embedder, when given, only places figures and initiatives that sit outside every ambition's
section (a "Highlights" list, a background section) under the ambition they are closest to.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from assistant.directory.boards import build_board
from assistant.directory.doctext import DocText
from assistant.directory.entities import Entity, group_mentions
from assistant.directory.figures import find_figures
from assistant.directory.initiatives import build_initiative
from assistant.directory.mentions import Mention, find_mentions
from assistant.directory.minutes import is_minutes, read_meeting
from assistant.directory.model import Board, DocumentEntries, Figure, Initiative, Meeting, normalise_name
from assistant.directory.names import NOT_INITIATIVE_WORDS, is_finance, is_generic, kind_of, last_word
from assistant.directory.owners import bodies_of_others
from assistant.directory.subjects import find_subjects
from assistant.directory.themes import Themes, read_themes
from assistant.types import Chunk, Document

if TYPE_CHECKING:
    from assistant.embedding import Embedder

logger = logging.getLogger(__name__)

_FILE_OR_LINK = re.compile(r"\b[\w\-]+\.(?:pdf|docx?|html?|md|txt|csv|xlsx?|pptx?)\b|https?://|www\.", re.IGNORECASE)
_PAID_FROM = re.compile(
    r"\b(?:funded\s+(?:by|from|through)|funding\s+(?:from|through)|grants?\s+from|secured\s+from|"
    r"application\s+(?:for|to)(?:\s+(?:a|an|the))?(?:\s+£[\d.,]+\s*(?:m|k|bn|million)?)?)\s+(?:the\s+)?$"
)
_OTHERS_BODY = re.compile(r"Council['’]s\s|^House of (?:Commons|Lords)\b")
_JOB_TITLE = re.compile(
    r"^(?:Head|Director|Manager|Leader|Members?|Officer|Lead|Deputy|Assistant|Panel|Board|Committee)\s+(?:of|for)\b"
)

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
    if is_file_listing(doc):
        return DocumentEntries(doc.doc_id, (), (), (), (), ())  # a folder's listing names files, not bodies
    themes = read_themes(doc)
    placed_figures = find_figures(doc, themes)
    entities = [
        e for e in group_mentions(find_mentions(doc, themes)) if _is_named_thing(e) and not _only_paid_from(doc, e)
    ]
    initiatives = [
        build_initiative(doc, e, placed_figures, themes.ambitions) for e in entities if e.kind == "initiative"
    ]
    boards = [build_board(doc, e) for e in entities if e.kind == "board"]  # others' bodies leave at the merge
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
    return DocumentEntries(
        doc.doc_id,
        tuple(initiatives),
        tuple(boards),
        meetings,
        tuple(figures),
        themes.ambitions,
        bodies_of_others(doc.text, document.info.organisation),
        find_subjects(doc),
    )


def is_file_listing(doc: DocText) -> bool:
    """Whether a document lists files or links (a folder's PROVENANCE or index page) rather than saying anything.

    A file listing is no source of boards or initiatives: it names documents, not what they say.
    """
    lines = doc.lines
    listed = sum(1 for line in lines if _FILE_OR_LINK.search(line.text))
    return listed >= 5 and listed >= 0.3 * len(lines)


def _is_named_thing(entity: Entity) -> bool:
    """Whether an entity names an initiative or board, not an account, a job title or a heading."""
    name = entity.name
    quoted = any(m.quoted for m in entity.mentions)  # a "Create a Room" project
    if is_generic(name, quoted) or last_word(name) in NOT_INITIATIVE_WORDS or is_finance(name):
        return False
    if _JOB_TITLE.match(name):
        return False  # "Head of Strategic Partnerships" is a post
    if entity.kind != "board":
        return True
    words = name.split()
    heading = any(m.origin == "heading" for m in entity.mentions)
    if _OTHERS_BODY.search(name):
        return False  # "Borough Council's Planning Committee", "House of Commons Transport Select Committee"
    if len(words) == 1 and not (name.isupper() or heading):
        return False
    return last_word(name) not in ("committees", "boards", "panels", "forums")


def _only_paid_from(doc: DocText, entity: Entity) -> bool:
    """Whether a fund or grant is named only as where money came from ("Carers campaign funded by Accelerating
    Reform Fund", "we secured funding from the ... Improvement Fund", "an application for £1.6m Heritage Lottery
    Fund grant"): a funding stream the council receives, not something it runs."""
    if entity.kind != "initiative" or last_word(entity.name) not in ("fund", "funds", "grant", "grants"):
        return False
    starts = [_name_start(doc, mention) for mention in entity.mentions]
    return all(_PAID_FROM.search(doc.text, max(0, start - 60), start) for start in starts)


def _name_start(doc: DocText, mention: Mention) -> int:
    """Where a mention's name begins: past a figure its span opens with ("... for £1.6m Heritage Lottery Fund")."""
    found = doc.text.find(mention.name.split()[0], mention.start, mention.end)
    return mention.start if found < 0 else found


def _with_meeting_bodies(doc: DocText, boards: list[Board], meetings: Sequence[Meeting]) -> list[Board]:
    """Boards, panels and committees whose minutes these are, with the chair the minutes record."""
    for meeting in meetings:
        acronym = meeting.body.isupper() and " " not in meeting.body
        if kind_of(meeting.body) != "board" and not acronym:
            continue
        known = next((b for b in boards if _names_body(b, meeting.body)), None)
        if known is not None:
            index = boards.index(known)
            if known.key != normalise_name(meeting.body):  # "CABINET", the minutes' heading, is the meeting's body
                known = dataclasses.replace(known, name=meeting.body, aliases=(*known.aliases, known.name))
            if known.chair is None and meeting.chair:
                known = dataclasses.replace(known, chair=meeting.chair, chair_since=meeting.date)
            boards[index] = known
            continue
        position = max(0, doc.text.find("PRESENT"))
        source = doc.cite_sentence(position)
        boards.append(
            Board(meeting.body, meeting.chair, meeting.date if meeting.chair else None, None, None, (), None, (source,))
        )
    return boards


def _names_body(board: Board, body: str) -> bool:
    """Whether a board is the body whose minutes these are ("CABINET" in "Kent County Council Cabinet")."""
    key, body_key = board.key, normalise_name(body)
    return key == body_key or (bool(key) and body_key.endswith(" " + key))


def _place_by_meaning(
    themes: Themes, initiatives: list[Initiative], figures: list[Figure], embedder: Embedder
) -> tuple[list[Initiative], list[Figure]]:
    """Unthemed initiatives placed under the ambition whose wording and initiatives they are closest to.

    Figures are not: a figure the text ties to no ambition stays under none (a scorecard must
    not file the highlights under an ambition the text does not name).
    """
    loose = [i for i, n in enumerate(initiatives) if not n.theme]
    if not loose:
        return initiatives, figures
    descriptors = []
    for ambition in themes.ambitions:
        names = [n.name for n in initiatives if n.theme == ambition]
        descriptors.append(f"{ambition}: {', '.join(names)}" if names else ambition)
    texts = [f"{initiatives[i].name}: {initiatives[i].description}" for i in loose]
    vectors = np.asarray(embedder.embed(descriptors + texts), dtype=np.float32)
    scores = vectors[len(descriptors) :] @ vectors[: len(descriptors)].T
    initiatives = list(initiatives)
    for row, index in enumerate(loose):
        if scores[row].max() >= THEME_SIMILARITY:
            initiatives[index] = dataclasses.replace(
                initiatives[index], theme=themes.ambitions[int(scores[row].argmax())]
            )
    return initiatives, figures
