"""The directory's value types: initiatives, boards, meetings, decisions and figures.

Every entry carries :class:`SourceRef` citations: the chunk (by ordinal in its document) and
the character span of the supporting sentence inside that chunk's text, so an entry can be
shown with the exact passage it came from.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9#&]+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for every comparison of names
def normalise_name(name: str) -> str:
    """A name's comparison key: lower case, no accents, parenthesised acronyms or punctuation.

    "The Essex Centre for Data Analytics (ECDA)" and "Essex Centre for Data Analytics" share a key;
    ``&`` reads as "and" and apostrophes vanish ("Men's" -> "mens").
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES)).encode("ascii", "ignore").decode()
    text = _PARENTHESES.sub(" ", text.lower()).replace("'", "")
    text = _NON_WORD.sub(" ", text).replace("&", " and ").strip()
    text = " ".join(text.split())
    return _LEADING_ARTICLE.sub("", text)


def spelled_otherwise(first: list[str], second: list[str]) -> bool:
    """Whether two names of four words or more (normalised tokens) are one name written two ways:
    a word inserted inside it ("MoD Employer Recognition Scheme" and "MoD Employer Recognition Awards
    Scheme") or one word spelled otherwise, its first four letters kept ("England National
    Concessionary Travel Scheme" and "English National ..."). A word added at either end, or two
    words that differ from their start ("... Integrated Care Board" and "... Partnership"), make
    another name."""
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) < 4:
        return False
    if len(longer) == len(shorter) + 1:
        return any(longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer) - 1))
    if len(longer) != len(shorter):
        return False
    differ = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    return (
        len(differ) == 1
        and all(w.isalpha() and len(w) >= 5 for w in differ[0])
        and differ[0][0][:4] == differ[0][1][:4]
    )


@dataclass(frozen=True)
class SourceRef:
    """Where an entry was read: a chunk of a document and the supporting sentence inside it.

    ``chunk`` is the chunk's ordinal in its document and ``start``/``end`` are offsets into that
    chunk's text; when a document was extracted without chunks, ``chunk`` is -1 and the offsets
    are into the page text instead.
    """

    doc_id: str
    chunk: int
    page: int | None
    section: str
    start: int
    end: int


@dataclass(frozen=True)
class Item:
    """An agenda item of a set of minutes: where its heading starts in the text and its title."""

    start: int
    title: str


@dataclass(frozen=True)
class Figure:
    """A number a document reports, as written, with what it counts and where it was read.

    ``value`` keeps the qualifier the text gives it ("over 130", "up to £500"). ``kind`` is
    ``"achievement"`` for something delivered (households kept from homelessness, residents
    trained, money secured), ``"context"`` for a statistic about the place (residents over 65, a
    crime rate, a projection) and ``"target"`` for what is planned, needed or applied for.
    """

    value: str
    label: str
    sentence: str
    date: str | None
    theme: str
    source: SourceRef
    kind: str = "achievement"


@dataclass(frozen=True)
class Setting:
    """A sentence that introduces the list or paragraph an initiative is named in, and where it is.

    "Those without digital skills are more at risk of isolation and loneliness" introduces the
    list naming Connect and Digital Boomers: it is what ties them to loneliness.
    """

    sentence: str
    source: SourceRef


@dataclass(frozen=True)
class Subject:
    """A sentence whose subject is a name ("Family Hubs are about bringing together ..."), and where it is.

    Kept per document, so an initiative another document only lists can be described by it.
    """

    name: str
    sentence: str
    source: SourceRef


# Shown for an initiative whose documents give its name and no sentence about it.
UNDESCRIBED = "The documents name it without saying what it is."


@dataclass(frozen=True)
class Initiative:
    """A project, programme, campaign, fund, prize or centre the documents name.

    ``description`` is one sentence about it, or "" when the documents name it and say nothing
    more (show :data:`UNDESCRIBED` then); when there is one, ``sources[0]`` cites it (perhaps in
    another document than the rest).
    """

    name: str
    description: str
    theme: str
    partners: tuple[str, ...]
    figures: tuple[Figure, ...]
    sources: tuple[SourceRef, ...]
    aliases: tuple[str, ...] = ()
    settings: tuple[Setting, ...] = ()

    @property
    def key(self) -> str:
        """The normalised name, stable across documents and runs."""
        return normalise_name(self.name)


@dataclass(frozen=True)
class Board:
    """A partnership, board, group or panel, with what the documents say about how it runs.

    ``chair_since`` is when the chair took office where the text says so, otherwise the date of
    the document that names the chair (the chair "as of" that date).
    """

    name: str
    chair: str | None
    chair_since: str | None
    frequency: str | None
    purpose: str | None
    members: tuple[str, ...]
    reports_to: str | None
    sources: tuple[SourceRef, ...]
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The normalised name, stable across documents and runs."""
        return normalise_name(self.name)


@dataclass(frozen=True)
class Decision:
    """A resolution, decision or action recorded in minutes, under its agenda item.

    ``kind`` is ``"resolution"`` (RESOLVED that ...), ``"decision"`` (an agreement or a vote
    outcome not recorded as a resolution) or ``"action"`` (someone undertakes to do something).
    """

    kind: str
    text: str
    item: str
    source: SourceRef


@dataclass(frozen=True)
class Meeting:
    """One meeting read from its minutes."""

    body: str
    date: str | None
    chair: str | None
    attendees: tuple[str, ...]
    decisions: tuple[Decision, ...]
    doc_id: str


@dataclass(frozen=True)
class DocumentEntries:
    """Everything extracted from one document; stored per document so unchanged ones are reused.

    ``ambitions`` are the themes the document itself defines (its "Our Ambitions" list), in order.
    ``others`` names the bodies it says belong to another organisation (the Bank of England's
    Monetary Policy Committee): no document's entry for them is a board of the partnership.
    ``subjects`` are its sentences whose subject is a name, which may describe another
    document's initiative of that name.
    """

    doc_id: str
    initiatives: tuple[Initiative, ...]
    boards: tuple[Board, ...]
    meetings: tuple[Meeting, ...]
    figures: tuple[Figure, ...]
    ambitions: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    subjects: tuple[Subject, ...] = ()


@dataclass(frozen=True)
class Directory:
    """The directory across documents: duplicates merged, the newer document winning conflicts."""

    initiatives: tuple[Initiative, ...]
    boards: tuple[Board, ...]
    meetings: tuple[Meeting, ...]
    figures: tuple[Figure, ...]
    ambitions: tuple[str, ...] = ()
