"""JSON for one document's entries, so an index can store them and re-extract only what changed.

``entries_from_json(entries_to_json(e)) == e`` for any :class:`DocumentEntries`; the JSON holds
only plain lists, dicts, strings and numbers. ``FORMAT`` changes when the shape does, so a
store can tell stale entries from current ones and re-extract.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from assistant.directory.model import (
    Board,
    Decision,
    Directory,
    DocumentEntries,
    Figure,
    Initiative,
    Meeting,
    Setting,
    SourceRef,
    Subject,
)

# 6: descriptions say what an initiative is (no passing mentions), cited first; subjects for other documents
# (5: row labels of tables of figures are no initiatives; 4: descriptions from anywhere; others)
FORMAT = 6


def entries_to_json(entries: DocumentEntries) -> dict[str, Any]:
    """A JSON-ready dict of one document's entries (with ``format``)."""
    return {"format": FORMAT, **dataclasses.asdict(entries)}


def entries_from_json(data: dict[str, Any]) -> DocumentEntries:
    """The entries :func:`entries_to_json` wrote.

    Raises:
        ValueError: when the data was written in another format (re-extract the document).
    """
    if data.get("format") != FORMAT:
        raise ValueError(f"directory entries in format {data.get('format')!r}, expected {FORMAT}")
    return DocumentEntries(
        doc_id=data["doc_id"],
        initiatives=tuple(_initiative(i) for i in data["initiatives"]),
        boards=tuple(_board(b) for b in data["boards"]),
        meetings=tuple(_meeting(m) for m in data["meetings"]),
        figures=tuple(_figure(f) for f in data["figures"]),
        ambitions=tuple(data.get("ambitions", ())),
        others=tuple(data.get("others", ())),
        subjects=tuple(Subject(s["name"], s["sentence"], _source(s["source"])) for s in data.get("subjects", ())),
    )


def directory_to_json(directory: Directory) -> dict[str, Any]:
    """A JSON-ready dict of a whole directory (for ``--json`` output and the web app)."""
    return dataclasses.asdict(directory)


def _source(data: dict[str, Any]) -> SourceRef:
    return SourceRef(**data)


def _figure(data: dict[str, Any]) -> Figure:
    return Figure(**{**data, "source": _source(data["source"])})


def _initiative(data: dict[str, Any]) -> Initiative:
    return Initiative(
        name=data["name"],
        description=data["description"],
        theme=data["theme"],
        partners=tuple(data["partners"]),
        figures=tuple(_figure(f) for f in data["figures"]),
        sources=tuple(_source(s) for s in data["sources"]),
        aliases=tuple(data.get("aliases", ())),
        settings=tuple(Setting(s["sentence"], _source(s["source"])) for s in data.get("settings", ())),
    )


def _board(data: dict[str, Any]) -> Board:
    return Board(
        **{
            **data,
            "members": tuple(data["members"]),
            "sources": tuple(_source(s) for s in data["sources"]),
            "aliases": tuple(data.get("aliases", ())),
        }
    )


def _meeting(data: dict[str, Any]) -> Meeting:
    return Meeting(
        body=data["body"],
        date=data["date"],
        chair=data["chair"],
        attendees=tuple(data["attendees"]),
        decisions=tuple(Decision(**{**d, "source": _source(d["source"])}) for d in data["decisions"]),
        doc_id=data["doc_id"],
    )
