"""Questions about one meeting, answered from the meetings ledger and cited to the minutes.

The directory reads every set of minutes into a meeting: its body, date, chair, attendance and
the resolutions, decisions and actions under each agenda item. A question that names a meeting
(its date, its body or both: "the Cabinet meeting on 9 January 2025") and asks who chaired it,
who attended, when it met or what it decided is answered from that record, each line cited to
the passage of the minutes it was read from. A question about what a meeting decided on a topic
("... decide on 13 March 2025 about the Chair of the Scrutiny Committee?") gets the decisions,
and the parts of a resolution, that are about the topic. A question about who proposed a motion or
amendment it describes ("who proposed the amendment stating that the Council did not support ...")
gets the paragraph naming the movers of one (:mod:`assistant.answer.movers`) whose words fit it best,
with the vote on it when one is recorded.
Anything else, or a meeting the ledger cannot pin down, is left to the ordinary answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.citations import finalize_citations
from assistant.answer.ledger_text import (
    bare_months,
    decision_parts,
    find_span,
    iso_dates,
    months_named,
    readable_date,
    shorten,
)
from assistant.answer.movers import chosen_movers, describe_mover, read_movers
from assistant.answer.votes import asks_about_votes, chosen_votes, describe, document_text, read_votes
from assistant.directory import Decision, Meeting
from assistant.evidence import terms_of
from assistant.scope_words import expansions
from assistant.types import Answer, Passage

DocumentPassages = Callable[[str], list[Passage]]

_CHAIR = re.compile(
    r"\bwho\s+(chaired|presided|was\s+(in\s+)?the\s+chair\b|was\s+(the\s+)?(chair|chairman|chairwoman)\b(?!\s+of\b))",
    re.IGNORECASE,
)
# "who chairs the Corporate Parenting Panel?": a body's chair now, read from its latest minutes
_CHAIRS_NOW = re.compile(r"\bwho\s+(chairs|is\s+(the\s+)?(chair|chairman|chairwoman|chairperson)\s+of)\b", re.I)
# "Which Link Group representatives attended ...?": the attendees whose line in the minutes names them so
_WHICH_ATTENDED = re.compile(
    r"\bwhich\s+(?P<who>[^?]{2,80}?)\s+(?:attended|were\s+present|were\s+in\s+attendance)\b", re.IGNORECASE
)
_ATTENDANCE = re.compile(
    r"\bwho\s+(attended|was\s+present|were\s+present|was\s+there|were\s+there|was\s+in\s+attendance|"
    r"(was|were)\s+at\b)|\b(attendance|attendees)\b|\bhow\s+many\s+(\w+\s+)?(attended|were\s+present)\b|"
    + _WHICH_ATTENDED.pattern,
    re.IGNORECASE,
)
_ATTENDEE_KINDS = frozenset(
    terms_of(["representative representatives member members officer officers councillor councillors people staff"])[0]
)
_WHEN = re.compile(r"^\s*(when|on\s+what\s+date|what\s+date|which\s+date)\b.*\b(meet|met|meeting|held)\b", re.I)
_DECIDED = re.compile(
    r"\bwhat\s+(was|were)\s+(decided|resolved|agreed|approved)\b|\bwhat\s+(decisions?|resolutions?)\b|"
    r"\b(what|which)\b.{0,80}?\b(did|does)\b.{0,80}?\b(decide|resolve|agree|approve|adopt|endorse|note|reject|"
    r"defer)\b|\bwho\s+was\s+(elected|appointed)\b",
    re.IGNORECASE,
)
# "who proposed the amendment stating that ...": whose motion or amendment it was (assistant/answer/movers.py)
_MOVER = re.compile(
    r"\bwho\s+(?:proposed|moved|seconded|put\s+forward|tabled)\b.{0,200}?\b(?:amendment|motion)s?\b", re.IGNORECASE
)
_LATEST = re.compile(r"\b(last|latest|most recent|previous)\b", re.IGNORECASE)
_BODY_HEADS = frozenset(
    "cabinet council committee panel board group partnership partners assembly forum commission executive".split()
)
_VERBS = (
    "decide decided decision decisions resolve resolved resolution resolutions agree agreed approve approved adopt "
    "adopted endorse endorsed note noted reject rejected defer deferred elect elected appoint appointed"
)
_VERB_TERMS = frozenset(terms_of([_VERBS])[0])
_FIELD_TERMS = _VERB_TERMS | frozenset(terms_of(["meeting meet met held"])[0])
_WHEN_TERMS = frozenset(terms_of(["when date last latest most recent previous discuss consider"])[0])
_MAX_DECISIONS = 12
_TOPIC_SHARE = 0.5
_CLOSE = 0.75
_MAX_TOPIC_DECISIONS = 3
_LEAD_LIMIT = 160
_VOTE_REACH = 5  # a vote question naming no meeting looks in the minutes among this many passages
_VERB_WEIGHT = 1  # a part stating the question's own verb ("adopts" for "which plan did it adopt") counts twice


def ledger_answer(
    question: str, answer: Answer, meetings: Sequence[Meeting], passages_of: DocumentPassages
) -> Answer | None:
    """The answer from the meetings ledger, or None when the question is not about a meeting it
    can identify or the ledger does not hold what is asked (the ordinary ``answer`` stands)."""
    field = _field(question)
    if field is None:
        return None
    found = identify(
        question, [m for m in meetings if m.attendees or m.decisions], many=field == "date", latest=field == "chair now"
    )
    if not found and field == "votes":
        return _unnamed_vote(question, answer, meetings, passages_of)
    if not found:
        return None
    if field == "votes":
        lines = _vote_lines(question, found[0], passages_of)
    elif field == "attendance":
        lines = _attendance_lines(question, found[0], passages_of)
    elif field == "mover":
        lines = _mover_lines(question, found[0], passages_of)
    else:
        lines = _lines(field, question, found)
    if not lines:
        return None
    return _cited(answer, lines, passages_of)


def _field(question: str) -> str | None:
    if asks_about_votes(question):
        return "votes"
    if _MOVER.search(question):
        return "mover"
    if _CHAIR.search(question):
        return "chair"
    if _CHAIRS_NOW.search(question):
        return "chair now"
    if _ATTENDANCE.search(question):
        return "attendance"
    if _DECIDED.search(question):
        return "decisions"
    if _WHEN.search(question) and not iso_dates(question):
        return "date"
    return None


def identify(question: str, meetings: Sequence[Meeting], many: bool = False, latest: bool = False) -> list[Meeting]:
    """The meetings a question names by date and body; one unless ``many`` (all of a body's).
    With ``latest``, a body named without a date means its latest meeting."""
    days, months, bare = iso_dates(question), months_named(question), bare_months(question)
    candidates = list(meetings)
    if days:
        candidates = [m for m in candidates if m.date in days]
    elif months:
        candidates = [m for m in candidates if m.date and m.date[:7] in months]
    elif bare:  # "the January meeting": that month of any year (one meeting of the body, or none is named)
        candidates = [m for m in candidates if m.date and m.date[5:7] in bare]
        months = {m.date[:7] for m in candidates if m.date}
    scored = [(_body_match(question, m.body), m) for m in candidates]
    named = [(score, m) for score, m in scored if score > 0]
    if named:
        best = max(score for score, _ in named)
        candidates = [m for score, m in named if score == best]
    elif _mentions_a_body(question) or not (days or months):
        return []
    candidates.sort(key=lambda m: m.date or "", reverse=True)
    latest = latest or bool(_LATEST.search(question))
    if many:
        return candidates[:1] if latest else sorted(candidates, key=lambda m: m.date or "")
    if not (days or months or latest):
        return []  # "what did the Cabinet decide about X?" spans meetings: not one meeting's record
    if len(candidates) > 1 and latest:
        return candidates[:1]
    return candidates if len(candidates) == 1 else []


def _body_match(question: str, body: str) -> int:
    """How well a question names a body: the body's words it uses (its last word required), or
    its acronym ("TMG" for "Treasury Management Group")."""
    words = re.findall(r"[a-z]+", body.lower())
    asked = set(re.findall(r"[a-z]+", question.lower()))
    if body.isupper() and 2 <= len(body) <= 6:  # "TMG": named as such or spelled out
        return 3 if re.search(rf"\b{re.escape(body)}\b", question) or expansions(question, body) else 0
    if not words or words[-1] not in asked:
        return 0
    return sum(1 for w in words if w in asked)


def _mentions_a_body(question: str) -> bool:
    return bool(set(re.findall(r"[a-z]+", question.lower())) & _BODY_HEADS)


Line = tuple[str, Meeting, str | None]  # text, the meeting, the text to find in its minutes (None: the opening)


def _lines(field: str, question: str, meetings: list[Meeting]) -> list[Line]:
    meeting = meetings[0]
    where = f"the {meeting.body} meeting on {readable_date(meeting.date)}"
    if field == "chair":
        return [(f"The chair of {where} was {meeting.chair}.", meeting, meeting.chair)] if meeting.chair else []
    if field == "chair now":
        if not meeting.chair:
            return []
        text = f"At its latest meeting in the minutes, on {readable_date(meeting.date)}, the {meeting.body}'s chair was"
        return [(f"{text} {meeting.chair}.", meeting, meeting.chair)]
    if field == "date":
        fits = [(*_discussed(question, m), m) for m in meetings if m.date]
        best = max((fit for fit, _, _ in fits), default=0.0)
        dated = [(m, needle) for fit, needle, m in fits if fit == best and fit > 0]
        if not dated:
            return []
        if len(dated) == 1:
            ((only, needle),) = dated
            return [(f"The {only.body} met on {readable_date(only.date)}.", only, needle)]
        return [(f"The {meeting.body} met on:", meeting, None)] + [
            (f"- {readable_date(m.date)}", m, needle) for m, needle in dated
        ]
    return _decision_lines(question, meeting, where)


def _attendance_lines(question: str, meeting: Meeting, passages_of: DocumentPassages) -> list[Line]:
    """Who the minutes list as present; for "which Link Group representatives attended?" only those
    whose line of the list names them so ("Chris Jones – Link Group"), when any does."""
    if not meeting.attendees:
        return []
    where = f"the {meeting.body} meeting on {readable_date(meeting.date)}"
    asked = _WHICH_ATTENDED.search(question)
    who = asked.group("who") if asked else ""
    if wanted := terms_of([who])[0] - _ATTENDEE_KINDS:
        lines = document_text(passages_of(meeting.doc_id)).splitlines()
        named = [a for a in meeting.attendees if any(a in line and wanted <= terms_of([line])[0] for line in lines)]
        if named:
            return [(f"{who[:1].upper()}{who[1:]} present at {where}: {', '.join(named)}.", meeting, named[0])]
    names = ", ".join(meeting.attendees)
    return [(f"Present at {where} ({len(meeting.attendees)} listed): {names}.", meeting, meeting.attendees[0])]


def _mover_lines(question: str, meeting: Meeting, passages_of: DocumentPassages) -> list[Line]:
    """Who proposed and seconded the motion or amendment the question describes (see
    :mod:`assistant.answer.movers`), with its vote when the minutes record one; none when no paragraph fits."""
    text = document_text(passages_of(meeting.doc_id))
    votes = read_votes(text)
    lines: list[Line] = []
    for moved in chosen_movers(question, read_movers(text)):
        vote = next((v for v in votes if v.moved == moved.moved and v.item == moved.item), None)
        lines.append((describe(vote) if vote else describe_mover(moved), meeting, moved.moved))
    return lines


def _unnamed_vote(
    question: str, answer: Answer, meetings: Sequence[Meeting], passages_of: DocumentPassages
) -> Answer | None:
    """A vote question that names no meeting ("How many councillors voted against adopting Local
    Transport Plan 5?"): the votes it names in the minutes among the passages retrieved for it,
    the best-ranked minutes first; None when no minutes there record such a vote."""
    by_doc = {m.doc_id: m for m in meetings}
    for doc_id in dict.fromkeys(p.doc.doc_id for p in answer.passages[:_VOTE_REACH]):
        if doc_id in by_doc and (lines := _vote_lines(question, by_doc[doc_id], passages_of, named=False)):
            return _cited(answer, lines, passages_of)
    return None


def _vote_lines(question: str, meeting: Meeting, passages_of: DocumentPassages, named: bool = True) -> list[Line]:
    """The votes of the meeting the question names (see :mod:`assistant.answer.votes`)."""
    votes = chosen_votes(question, read_votes(document_text(passages_of(meeting.doc_id))), named)
    if not votes:
        return []
    if len(votes) == 1:
        return [(describe(votes[0]), meeting, votes[0].put)]
    where = f"the {meeting.body} meeting on {readable_date(meeting.date)}"
    lines: list[Line] = [(f"{len(votes)} votes were recorded at {where}:", meeting, None)]
    for item in dict.fromkeys(v.item for v in votes):  # each agenda item once, its votes under it
        lines += [(f"{item}:", meeting, None)] if item else []
        lines += [(f"- {describe(v, with_item=False)}", meeting, v.put) for v in votes if v.item == item]
    return lines


def _discussed(question: str, meeting: Meeting) -> tuple[float, str | None]:
    """How far a meeting took up what a "when did it meet ..." question names beyond the body (1
    when it names nothing more, 0 when the meeting's decisions do not cover it), and the decision
    that does (None: the minutes' opening is cited)."""
    topic = _topic_terms(question, meeting) - _WHEN_TERMS
    if not topic:
        return 1.0, None
    scored = [(_overlap(topic, f"{d.item} {d.text}"), d.text) for d in meeting.decisions]
    best, text = max(scored, default=(0, None))
    return (best / len(topic), text) if best >= max(1, _TOPIC_SHARE * len(topic)) else (0.0, None)


def _decision_lines(question: str, meeting: Meeting, where: str) -> list[Line]:
    topic, verbs = _topic_terms(question, meeting), _decision_verbs(question)
    if not topic:
        decisions = [d for d in meeting.decisions if d.kind != "action" and len(d.text.split()) > 3]
        shown = decisions[:_MAX_DECISIONS]
        return [(f"At {where}:", meeting, None)] + [(f"- {_item(d)}{shorten(d.text)}", meeting, d.text) for d in shown]
    scored = sorted(((_overlap(topic, f"{d.item} {d.text}"), d) for d in meeting.decisions), key=lambda pair: -pair[0])
    best = scored[0][0] if scored else 0
    if best < max(1, _TOPIC_SHARE * len(topic)):
        return []
    kept = [d for score, d in scored[:_MAX_TOPIC_DECISIONS] if score >= best * _CLOSE]
    kept.sort(key=meeting.decisions.index)
    entries = [(d, *_topic_text(d, topic | verbs)) for d in kept]
    if len(entries) == 1:
        decision, text, needle = entries[0]
        return [(f"{_under(where, decision.item)}: {text}", meeting, needle)]
    lines: list[Line] = []
    heading = ""
    for decision, text, needle in entries:
        if _under(where, decision.item) != heading:
            heading = _under(where, decision.item)
            lines.append((f"{heading}:", meeting, needle))
        lines.append((f"- {text}", meeting, needle))
    return lines


def _under(where: str, item: str) -> str:
    return f"At {where}, under “{item}”" if item else f"At {where}"


def _topic_text(decision: Decision, wanted: frozenset[str]) -> tuple[str, str]:
    """A decision about the topic, whole or as its introduction and the parts about the topic, and
    the words to find it by in the minutes."""
    lead, parts = decision_parts(decision.text)
    scores = [_overlap(wanted, part) + _VERB_WEIGHT * _overlap(wanted & _VERB_TERMS, part) for part in parts]
    if len(parts) < 2 or max(scores) == 0:
        return shorten(decision.text), decision.text
    best = max(scores)
    kept = [part for part, score in zip(parts, scores, strict=True) if score >= best * _CLOSE][:3]
    shown = "\n".join(shorten(part) for part in kept) if len(kept) > 1 else shorten(kept[0])
    separator = "\n" if len(kept) > 1 else " "
    return (f"{shorten(lead, _LEAD_LIMIT)}{separator}{shown}" if lead else shown), kept[0]


def _topic_terms(question: str, meeting: Meeting) -> frozenset[str]:
    """The question's words about what was decided: without the meeting's body, date or the
    words that ask for a decision."""
    words = re.sub(r"\b\d{1,2}(st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\b", " ", question)
    body = terms_of([meeting.body, *expansions(question, meeting.body)])
    found = terms_of([words])[0] - body[0] - set().union(*body[1:]) - _FIELD_TERMS
    return frozenset(t for t in found if not t.isdigit())


def _decision_verbs(question: str) -> frozenset[str]:
    """The decision verbs the question asks with ("adopt" in "which plan did it adopt after noting ...")."""
    words = " ".join(w for w in re.findall(r"[a-z]+", question.lower()) if not w.endswith("ing"))
    return frozenset(terms_of([words])[0] & _VERB_TERMS)


def _overlap(topic: frozenset[str], text: str) -> int:
    return len(topic & terms_of([text])[0])


def _item(decision: Decision) -> str:
    return f"{decision.item}: " if decision.item else ""


def _cited(answer: Answer, lines: list[Line], passages_of: DocumentPassages) -> Answer | None:
    """The lines with their [n] marks, each pointing at the passage of the minutes it came from."""
    shown: list[Passage] = []
    highlights: dict[int, list[tuple[int, int]]] = {}
    texts = []
    retrieved_by_chunk = {p.chunk.chunk_id: p for p in answer.passages}
    for text, meeting, needle in lines:
        found = [retrieved_by_chunk.get(p.chunk.chunk_id, p) for p in passages_of(meeting.doc_id)]
        located = _locate(found, needle)
        if located is None:
            texts.append(text)
            continue
        passage, span = located
        index = next((i for i, p in enumerate(shown) if p.chunk.chunk_id == passage.chunk.chunk_id), None)
        if index is None:
            index = len(shown)
            shown.append(passage)
        highlights.setdefault(index, []).append(span)
        texts.append(f"{text} [{index + 1}]" if not text.endswith(":") else text)
    if not shown:
        return None
    body, citations = finalize_citations("\n".join(texts), shown, highlights)
    # the passages of the minutes the lines were read from rank first: the ledger pinned the meeting down
    cited = {c.passage.chunk.chunk_id: c.passage for c in citations}
    rest = [p for p in answer.passages if p.chunk.chunk_id not in cited]
    evidence = {**answer.evidence, "ledger": 1.0}
    return Answer(
        answer.question, body, citations, (*cited.values(), *rest), False, max(answer.confidence, 0.5), None, evidence
    )


def _locate(passages: list[Passage], needle: str | None) -> tuple[Passage, tuple[int, int]] | None:
    """The passage of the minutes holding ``needle`` (the opening when None) and the sentence span."""
    if not passages:
        return None
    if needle is None:
        first = passages[0]
        span = first.chunk.sentences[0] if first.chunk.sentences else (0, len(first.text))
        return first, span
    for passage in passages:
        span = find_span(passage, needle)
        if span is not None:
            return passage, span
    return None
