"""The Ask tab's conversation as HTML: each answer rendered, its [n] marks linked, its sources kept.

Every answer keeps its own sources: the conversation holds, under each answer, its source cards
(shown there on narrow screens), and the Sources panel holds every answer's cards, the selected
answer's visible. Answers are rendered from their text: paragraphs, lists as lists (a lone list
item is a paragraph: one item is not a list), [n] marks as links to the cited card with a
preview of the supporting sentence. All text is escaped here (see :mod:`assistant.ui.render`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.render import answer_markdown
from assistant.ui.render import esc, source_card, viewer_link

_LIST_ITEM = re.compile(r"^\s*(?:[-•*]|(\d{1,3})[.)])\s+(.*\S)\s*$")
_CITE = re.compile(r"\[(\d{1,3})\]")
_TIP_LIMIT = 240
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Block:
    """A block of an answer: ``kind`` is ``p``, ``label`` (a line introducing a list), ``ul`` or ``ol``."""

    kind: str
    lines: tuple[str, ...]
    start: int = 1


def answer_blocks(text: str) -> list[Block]:
    """An answer's text as paragraphs and lists (blank lines separate blocks)."""
    blocks: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in paragraph.splitlines() if line.strip()]
        blocks += _paragraph_blocks(lines)
    return blocks


def _paragraph_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        if not _LIST_ITEM.match(lines[index]):
            introduces = index + 1 < len(lines) and _LIST_ITEM.match(lines[index + 1])
            blocks.append(Block("label" if introduces else "p", (lines[index].strip(),)))
            index += 1
            continue
        items, first = [], _LIST_ITEM.match(lines[index])
        while index < len(lines) and (item := _LIST_ITEM.match(lines[index])):
            items.append(item.group(2))
            index += 1
        ordered = first is not None and first.group(1) is not None
        blocks.append(Block("ol" if ordered else "ul", tuple(items), int(first.group(1)) if ordered else 1))
    if len(blocks) == 1 and blocks[0].kind in ("ul", "ol") and len(blocks[0].lines) == 1:
        return [Block("p", blocks[0].lines)]  # a lone item is a sentence, not a list
    return blocks


def clean_text(text: str) -> str:
    """The answer's text as tidy Markdown: lone list markers dropped, lists numbered from their start."""
    blocks = answer_blocks(text)
    out = []
    for i, block in enumerate(blocks):
        if i:  # a label stays next to the list it introduces
            out.append("\n" if blocks[i - 1].kind == "label" else "\n\n")
        if block.kind == "ul":
            out.append("\n".join(f"- {line}" for line in block.lines))
        elif block.kind == "ol":
            out.append("\n".join(f"{block.start + i}. {line}" for i, line in enumerate(block.lines)))
        else:
            out.append(block.lines[0])
    return "".join(out)


def answer_html(record: dict[str, Any], turn: int) -> str:
    """The answer's text as HTML, its [n] marks linked to this turn's source cards."""
    cited = {c["n"]: c for c in record.get("citations") or []}
    counter = [0]

    def inline(line: str) -> str:
        return _linked(line, cited, turn, counter)

    parts = []
    for block in answer_blocks(record["answer"]):
        if block.kind in ("ul", "ol"):
            start = f' start="{block.start}"' if block.kind == "ol" and block.start != 1 else ""
            items = "".join(f"<li>{inline(line)}</li>" for line in block.lines)
            parts.append(f"<{block.kind}{start}>{items}</{block.kind}>")
        else:
            kind = ' class="pa-label"' if block.kind == "label" else ""
            parts.append(f"<p{kind}>{inline(block.lines[0])}</p>")
    return "".join(parts)


def _linked(line: str, cited: dict[int, dict[str, Any]], turn: int, counter: list[int]) -> str:
    """A line escaped, each [n] that cites a source made a link with a preview of its sentence."""
    out, position = [], 0
    for mark in _CITE.finditer(line):
        citation = cited.get(int(mark.group(1)))
        if citation is None:
            continue
        counter[0] += 1
        out.append(esc(line[position : mark.start()]))
        out.append(_cite_link(citation, turn, counter[0]))
        position = mark.end()
    out.append(esc(line[position:]))
    return "".join(out)


def _cite_link(citation: dict[str, Any], turn: int, serial: int) -> str:
    n = int(citation["n"])
    sentence = " ".join(str(citation.get("sentence") or citation["text"]).split())
    if len(sentence) > _TIP_LIMIT:
        sentence = sentence[: _TIP_LIMIT - 1].rstrip() + "…"
    where = f"{citation['title']} ({citation.get('date') or 'undated'})"
    tip = f"tip-{turn}-{serial}"
    return (
        f'<a class="pa-cite" href="#src-{turn}-{n}" data-turn="{turn}" data-n="{n}" '
        f'aria-label="Source {n}" aria-describedby="{tip}">[{n}]'
        f'<span class="pa-tip" role="tooltip" id="{tip}">“{esc(sentence)}” <em>{esc(where)}</em></span></a>'
    )


def scope_text(value: object) -> str:
    """What a question was narrowed to, from an answer's ``scope`` (text, a list, or a record)."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        for key in ("label", "title", "text", "name", "description"):
            if isinstance(value.get(key), str):
                return scope_text(value[key])
        return ", ".join(scope_text(v) for v in value.values() if isinstance(v, str) and v.strip())
    if isinstance(value, list | tuple):
        return "; ".join(t for t in (scope_text(v) for v in value) if t)
    return ""


def turn_markdown(record: dict[str, Any], heading: bool = True) -> str:
    """An answer as clean Markdown: references by title, date and place, linked to the cited passage."""
    tidy = {**record, "answer": clean_text(record["answer"])}
    scope = scope_text(record.get("scope"))
    if scope:
        tidy["answer"] = f"*Searched in: {scope}*\n\n{tidy['answer']}"
    text = answer_markdown(tidy, link=lambda c: viewer_link(c["doc_id"], c.get("chunk"), c.get("spans"), c.get("page")))
    return text if heading else text.split("\n", 2)[2]


def file_name(question: str) -> str:
    """A download's file name, after the question: 'who-chairs-safer-essex.md'."""
    slug = _SLUG.sub("-", question.lower()).strip("-")[:60].rstrip("-")
    return f"{slug or 'answer'}.md"


def conversation_html(turns: Sequence[dict[str, Any]], examples: dict[str, list[str]]) -> str:
    """The whole conversation (or, before the first question, a welcome with example questions)."""
    if not turns:
        return _welcome(examples)
    latest = max((i for i, t in enumerate(turns) if "answer" in t), default=-1)
    body = "".join(_turn(turn, i, i == latest) for i, turn in enumerate(turns))
    tools = (
        '<div class="pa-chat-tools"><button type="button" class="pa-tool" data-action="export">'
        "Export the conversation (.md)</button></div>"
        if latest >= 0
        else ""
    )
    return f'{tools}<div class="pa-chat" role="log" aria-label="Conversation" data-turns="{len(turns)}">{body}</div>'


def _welcome(examples: dict[str, list[str]]) -> str:
    groups, index = [], 0
    for audience, questions in examples.items():
        buttons = []
        for text in questions:
            buttons.append(
                f'<button type="button" class="pa-example" data-action="example" data-index="{index}">'
                f"{esc(text)}</button>"
            )
            index += 1
        groups.append(f'<div class="pa-example-group"><h3>{esc(audience)}</h3>{"".join(buttons)}</div>')
    return (
        '<div class="pa-chat pa-welcome" data-turns="0"><p>Ask about the partnership’s ambitions, '
        "initiatives, boards and decisions. Every answer cites its sources; when the documents do not "
        f'say, it says so. Or try one of these:</p><div class="pa-examples">{"".join(groups)}</div></div>'
    )


def _turn(turn: dict[str, Any], index: int, latest: bool) -> str:
    question = f'<p class="pa-q"><span class="pa-sr">You asked: </span>{esc(turn["question"])}</p>'
    if "answer" not in turn:
        reply = f'<div class="pa-a pa-refused"><p>Sorry, I could not answer: {esc(turn["error"])}</p></div>'
        return f'<article class="pa-turn" id="turn-{index}" data-turn="{index}">{question}{reply}</article>'
    record = turn["answer"]
    scope = scope_text(record.get("scope"))
    parts = [f'<p class="pa-scope">Searched in: {esc(scope)}</p>' if scope else "", answer_html(record, index)]
    if record.get("note"):
        parts.append(f'<p class="pa-note">{esc(record["note"])}</p>')
    parts += [_actions(turn, index, record), _inline_sources(record, index, latest)]
    attributes = (
        f'id="turn-{index}" data-turn="{index}" data-md="{esc(turn_markdown(record))}" '
        f'data-copy="{esc(turn_markdown(record, heading=False))}" data-file="{esc(file_name(record["question"]))}"'
    )
    answer = f'<div class="pa-a">{"".join(parts)}</div>'
    return f'<article class="pa-turn pa-answered" {attributes}>{question}{answer}</article>'


def _actions(turn: dict[str, Any], index: int, record: dict[str, Any]) -> str:
    rating = turn.get("rating")
    count = len(record["citations"]) or min(4, len(record["passages"]))

    def rate(value: int, label: str) -> str:
        pressed = "true" if rating == value else "false"
        return (
            f'<button type="button" class="pa-tool pa-rate" data-action="rate" data-rating="{value}" '
            f'aria-pressed="{pressed}">{label}</button>'
        )

    return (
        f'<div class="pa-actions" role="group" aria-label="Answer {index + 1}">'
        '<button type="button" class="pa-tool" data-action="copy">Copy</button>'
        '<button type="button" class="pa-tool" data-action="download">Download (.md)</button>'
        f"{rate(1, 'Helpful')}{rate(-1, 'Not helpful')}"
        f'<button type="button" class="pa-tool pa-wide" data-action="sources">Sources ({count})</button></div>'
    )


def _inline_sources(record: dict[str, Any], index: int, latest: bool) -> str:
    """This answer's source cards right below it (shown on narrow screens, where there is no panel)."""
    cards = source_cards(record, index, "isrc")
    count = len(record["citations"]) or min(4, len(record["passages"]))
    return (
        f'<details class="pa-inline-sources"{" open" if latest else ""}>'
        f"<summary>Sources ({count})</summary>{cards}</details>"
    )


def source_cards(record: dict[str, Any], turn: int, prefix: str) -> str:
    """An answer's source cards: its citations, or the nearest passages when it abstained."""
    cards = []
    if record["citations"]:
        for c in record["citations"]:
            cards.append(source_card(c, c["n"], c.get("spans") or [], f"{prefix}-{turn}-{c['n']}"))
    else:
        cards.append('<p class="pa-empty">No passage answers this. The nearest passages:</p>')
        cards += [source_card(p, None, [], f"{prefix}-{turn}-near-{i}") for i, p in enumerate(record["passages"][:4])]
    return '<div class="pa-sources">' + "".join(cards) + "</div>"


def sources_panel(turns: Sequence[dict[str, Any]]) -> str:
    """The Sources panel: every answer's cards, the latest answer's shown (the page's script shows
    another answer's when it is selected)."""
    answered = [(i, t["answer"]) for i, t in enumerate(turns or []) if "answer" in t]
    if not answered:
        return '<div class="pa-sources-panel"><p class="pa-empty">Sources for the answer appear here.</p></div>'
    latest = answered[-1][0]
    sections = []
    for index, record in answered:
        hidden = "" if index == latest else " hidden"
        note = f'<div class="pa-note">{esc(record["note"])}</div>' if record.get("note") else ""
        sections.append(
            f'<section class="pa-turn-sources" data-turn="{index}" aria-label="Sources of answer {index + 1}"{hidden}>'
            f'<p class="pa-for">For: “{esc(record["question"])}”</p>{note}{source_cards(record, index, "src")}'
            "</section>"
        )
    return '<div class="pa-sources-panel">' + "".join(sections) + "</div>"
