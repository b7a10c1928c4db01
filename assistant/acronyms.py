"""What an acronym stands for, as the documents spell it out.

Reports and minutes define their acronyms in glossary lines ("CHB – Corporately Held Budgets",
"ASCH - Adult Social Care and Health") or in the text, the full name before the acronym in brackets
("the Medium Term Financial Plan (MTFP)"). A question asking what one stands for ("What does CHB
stand for?") is answered from such a spelling, when the initials of its words make the acronym.
Those lines are often headings or table cells rather than sentences, and other passages repeat the
acronym many times ("NAC & CHB" in every budget table), so the retriever looks for them apart
(:func:`spelling_first`) and the answerer reads them as they are (:func:`meaning`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.directory.entities import initials
from assistant.index import Store
from assistant.types import DocumentInfo, Filters, Passage

# "What does CHB stand for?", "what is the acronym SEND short for", "What does 'MTFP' mean?"
_ASKED = re.compile(
    r"\b(?i:what\s+(?:does|do|did|is|are)\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+|initials\s+)?)[\"'“‘]?"
    r"(?P<acronym>[A-Z][A-Za-z0-9&]{1,9})[\"'”’]?\s+(?i:stand\s+for|mean|short\s+for)\b"
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*|&")
_AFTER_DASH = r"\s*[–—:=-]\s*(?P<words>[A-Z][^\n|;:()]{2,120})"
_MAX_WORDS = 12
_SEARCHED = 50  # keyword matches of the acronym read for a spelling
_SPELLINGS = 2  # passages spelling it out put first


def asked_acronym(question: str) -> str | None:
    """The acronym a question asks the meaning of ("What does CHB stand for?" -> "CHB"), if any."""
    match = _ASKED.search(question)
    if not match:
        return None
    acronym = match.group("acronym")
    return acronym if sum(ch.isupper() for ch in acronym) >= 2 else None


def spelled_out(acronym: str, text: str) -> tuple[int, int] | None:
    """The span of ``text`` that spells ``acronym`` out: "CHB – Corporately Held Budgets" or
    "Medium Term Financial Plan (MTFP)", the words' initials making the acronym."""
    escaped = re.escape(acronym)
    for match in re.finditer(rf"(?<![\w-]){escaped}{_AFTER_DASH}", text):
        words = list(_WORD.finditer(text, match.start("words"), match.end("words")))[:_MAX_WORDS]
        for end in range(1, len(words) + 1):
            if initials(" ".join(w.group(0) for w in words[:end])) == acronym:
                return match.start(), words[end - 1].end()
    for match in re.finditer(rf"\(\s*{escaped}\s*\)", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        words = list(_WORD.finditer(text, max(line_start, match.start() - 160), match.start()))[-_MAX_WORDS:]
        for start, word in enumerate(words):
            if word.group(0)[0].isupper() and initials(" ".join(w.group(0) for w in words[start:])) == acronym:
                return word.start(), match.end()
    return None


def spelling_first(
    store: Store,
    documents: dict[str, DocumentInfo],
    acronym: str,
    ranked: list[tuple[int, Passage]],
    filters: Filters | None = None,
) -> list[tuple[int, Passage]]:
    """``ranked`` with the passages spelling ``acronym`` out (the first of its keyword matches that
    do) put first, above the best score."""
    rows = [row for row, _ in store.keyword_search(acronym, _SEARCHED, filters)]
    spelling = [item for item in store.fetch(rows) if spelled_out(acronym, item.chunk.text)][:_SPELLINGS]
    if not spelling:
        return ranked
    top = max((p.score for _, p in ranked), default=0.0) + 1.0
    known = dict(ranked)
    first = [
        (
            item.row,
            replace(known[item.row], score=top)
            if item.row in known
            else Passage(item.chunk, documents[item.chunk.doc_id], top, item.sentence_vectors),
        )
        for item in spelling
    ]
    taken = {row for row, _ in first}
    return first + [(row, p) for row, p in ranked if row not in taken]


def meaning(acronym: str, text: str) -> tuple[tuple[int, int], str] | None:
    """Where ``text`` spells ``acronym`` out, and the words it spells ("Corporately Held Budgets")."""
    span = spelled_out(acronym, text)
    if span is None:
        return None
    found = text[span[0] : span[1]]
    if found.startswith(acronym):
        words = re.sub(rf"^{re.escape(acronym)}\s*[–—:=-]\s*", "", found)
    else:
        words = re.sub(rf"\s*\(\s*{re.escape(acronym)}\s*\)$", "", found)
    return span, " ".join(words.split())
