"""Questions that name their source: a document, a body's meeting, a date.

"In the Pay Policy Statement 2025/26, ...", "At the Cabinet meeting on 30 January 2025, ...",
"According to Annex A of the Treasury Management Strategy 2025-26, ...": such a question says
where its answer is. :class:`SourceNames` holds what the index knows about each document's name
(its title, its file name, its id, its date) and about the meetings in the directory (body and
date), and finds which of them a question names:

- a document is named when the question repeats two or more consecutive words of one of its
  names ("Treasury Management Strategy 2025-26"), written as a name (capitalised as titles are)
  and not just the end of a longer one ("the Essex Partnership" is not "Safer Essex Partnership");
  words that many documents' names share ("Kent", "council", "report") count for little, and
  the share of the name repeated counts;
- a meeting is named by its date written out in the question ("30 January 2025"), more surely
  with its body ("Cabinet", "County Council"), matched against the end of the body's name so
  that "County Council" does not name the County Council's Cabinet;
- the other documents dated the day of a named meeting (its agenda, the reports put to it)
  join the scope with a smaller weight;
- among the documents so named, each other word of the question found in a document's names
  (its title, file name or type: "the agenda", "the summons") counts for it;
- a named document's appendices join it with its weight: a document whose
  title or file name reads "<name> appendix/annex ..." where ``<name>`` is words of the named
  document's own names ("kcc_ics_appx_b_priorities" for "Integrated Care Strategy (KCC ICS)"):
  a report's tables and plans are often filed beside it.

The result is a :class:`Scope`: the documents to favour, each with a weight, a label for the
answer ("searched in: Kent County Council – Cabinet – minutes, 30 January 2025"), and the
question without the words that named the source (``rest``), which is what to look for inside
those documents: every passage of the Cabinet's minutes is about "the Cabinet meeting on 30
January 2025", so those words cannot tell its passages apart. Nothing here lists names:
everything comes from the index.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace

from assistant.dates import MONTHS, date_spans, human_date, question_dates, question_months
from assistant.scope_words import (
    acronym_positions,
    as_a_name,
    heads,
    located_tokens,
    name_tokens,
    names_of,
    suffix_match,
    unique,
    without,
    written_as_name,
)
from assistant.types import DocumentInfo

_APPENDIX = re.compile(r"(?:appx|apx|appendix|appendic|annex)\d*$")  # as name_tokens stems them

_MONTH_STEMS = frozenset(m[:3] for m in MONTHS)
_ANOTHER = 0.75  # a capitalised word the name lacks, this telling against the words repeated, names another
_MIN_NAME_COVERAGE = 0.5  # share of a name's weight the question must repeat to name the document
_LOWER_CASE_COVERAGE = 0.8  # the same for a question written all in lower case
_MIN_NAME_WEIGHT = 2.5  # and at least this much of it (idf-weighted), so two common words are not enough
_MEETING = 3.0  # a meeting named by its date ...
_BODY = 1.0  # ... plus this per word of its body's name
_PAPERS = 0.6  # weight, against the minutes, of the other documents dated a named meeting's day
_APPENDIX_WEIGHT = 1.0  # weight, against the document named, of its appendices
_NAME_WORD = 0.25  # per idf of any other question word in a named document's names ("the agenda", "summons")
_KEEP = 0.6  # documents scoring at least this share of the best one stay in scope
_LABELLED = 3  # documents named in the label before "and N more"


@dataclass(frozen=True)
class MeetingName:
    """What scoping needs of a meeting in the directory: its body, its date and its minutes."""

    body: str
    date: str | None
    doc_id: str


@dataclass(frozen=True)
class Scope:
    """Documents a question names, best first, with a weight each (the best is 1.0)."""

    doc_ids: tuple[str, ...]
    weights: Mapping[str, float] = field(default_factory=dict)
    label: str = ""
    rest: str = ""

    def weight(self, doc_id: str) -> float:
        """How strongly the question names this document (0 when it does not)."""
        return self.weights.get(doc_id, 0.0)


class SourceNames:
    """The names of the indexed documents and meetings, ready to match questions against."""

    def __init__(self, documents: Mapping[str, DocumentInfo], meetings: Iterable[MeetingName] = ()) -> None:
        self.documents = dict(documents)
        self.meetings = [m for m in meetings if m.doc_id in self.documents and m.date]
        self._variants: dict[str, list[tuple[str, ...]]] = {
            doc_id: unique([tuple(name_tokens(name)) for name in names_of(info)])
            for doc_id, info in self.documents.items()
        }
        self._words = {doc_id: {t for v in variants for t in v} for doc_id, variants in self._variants.items()}
        self._name_heads = {
            tuple(name_tokens(name)): heads(name) for info in self.documents.values() for name in names_of(info)
        }
        frequency: dict[str, int] = defaultdict(int)
        for variants in self._variants.values():
            for token in {t for variant in variants for t in variant}:
                frequency[token] += 1
        count = max(1, len(self.documents))
        self._idf = {token: math.log(1 + count / n) for token, n in frequency.items()}
        self._bigrams: dict[tuple[str, str], set[str]] = defaultdict(set)
        for doc_id, variants in self._variants.items():
            for variant in variants:
                for pair in itertools.pairwise(variant):
                    self._bigrams[pair].add(doc_id)
        self._bodies = {id(m): name_tokens(m.body) for m in self.meetings}
        self._parents = {doc_id: parents for doc_id, parents in self._appendix_parents().items() if parents}

    def scope(self, question: str) -> Scope | None:
        """The documents ``question`` names, or None when it names none."""
        located = located_tokens(question)
        tokens = [token for token, _ in located]
        scores: dict[str, float] = defaultdict(float)
        spans: dict[str, set[int]] = defaultdict(set)  # per document, the question words naming it
        written = [written_as_name(question, span) for _, span in located]
        coverage = _MIN_NAME_COVERAGE
        if not any(written):  # a question typed in lower case says nothing by its capitals ...
            written = [None] * len(located)
            coverage = _LOWER_CASE_COVERAGE  # ... so it must repeat more of a name
        for doc_id, (value, covered) in self._named_documents(tokens, written, coverage).items():
            scores[doc_id] += value
            spans[doc_id] |= covered
        days = question_dates(question)
        meetings = self._named_meetings(tokens, days)
        if not meetings and (monthly := self._meetings_of_month(question, tokens, days)):
            body = set().union(*(words for _, words in monthly.values()))
            if all(spans[doc_id] <= body for doc_id in scores):  # any document named only by the body's words
                meetings = monthly
        for doc_id, (value, covered) in meetings.items():
            scores[doc_id] += value
            spans[doc_id] |= covered
        self._add_papers(scores, {self.documents[doc_id].date for doc_id in meetings}, set(meetings))
        used = {i for _, covered in meetings.values() for i in covered}
        dated = date_spans(question)
        asked = {
            token
            for i, (token, (start, _)) in enumerate(located)
            if i not in used and not any(a <= start < b for a, b in dated)
        }
        for doc_id in scores:  # among the documents named, those whose names share more words come first
            scores[doc_id] += _NAME_WORD * sum(self._idf[t] for t in self._words[doc_id] & asked)
        self._add_appendices(scores)
        scope = self._scope_of(scores, set(meetings))
        if scope is None:
            return None
        named = {i for doc_id in scope.doc_ids for i in spans.get(doc_id, ())}
        cuts = [located[i][1] for i in named] + (date_spans(question) if meetings else [])
        return replace(scope, rest=without(question, cuts))

    def _add_papers(self, scores: dict[str, float], days: set[str | None], minutes: set[str]) -> None:
        """Documents dated a named meeting's day (not another body's minutes) join in, less strongly; so
        do those dated only by its month ("Questions put and answers given - March 2025")."""
        others = {m.doc_id for m in self.meetings if m.date in days} - minutes
        papers = _PAPERS * max((scores[d] for d in minutes), default=0.0)
        months = {day[:7] for day in days if day}
        for doc_id, info in self.documents.items():
            if (info.date in days or info.date in months) and doc_id not in others:
                scores[doc_id] = max(scores[doc_id], papers)

    def _add_appendices(self, scores: dict[str, float]) -> None:
        """Appendices of the documents named join in with their parent's score (an appendix is part of it)."""
        named = dict(scores)  # appendices join the documents named, not one another
        for doc_id, parents in self._parents.items():
            parent = max((named.get(p, 0.0) for p in parents), default=0.0)
            if parent > 0:
                scores[doc_id] = max(scores.get(doc_id, 0.0), _APPENDIX_WEIGHT * parent)

    def _appendix_parents(self) -> dict[str, set[str]]:
        """For each document named as an appendix, the documents whose names hold its lead words.

        The words before "appendix" in a name ("kcc ics" of "kcc_ics_appx_b") must weigh as much
        as a question must repeat of a name to name it, so a bare "Appendix I" has no parent.
        """
        parents: dict[str, set[str]] = {}
        for doc_id, variants in self._variants.items():
            for variant in variants:
                marker = next((i for i, token in enumerate(variant) if _APPENDIX.fullmatch(token)), None)
                lead = set(variant[:marker]) if marker else set()
                if sum(self._idf[t] for t in lead) >= _MIN_NAME_WEIGHT:
                    found = {d for d, words in self._words.items() if d != doc_id and lead <= words}
                    parents.setdefault(doc_id, set()).update(found)
        return parents

    def _named_documents(
        self, tokens: list[str], written: list[bool | None], coverage: float
    ) -> dict[str, tuple[float, set[int]]]:
        """Documents whose names the question repeats, written as a name (see :func:`written_as_name`)."""
        positions: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, pair in enumerate(itertools.pairwise(tokens)):
            positions[pair].append(i)
        candidates = {doc_id for pair in positions for doc_id in self._bigrams.get(pair, ())}
        found = {}
        matched: dict[tuple[str, ...], tuple[float, set[int]]] = {}  # names many documents share, matched once
        for doc_id in candidates:
            for variant in self._variants[doc_id]:
                if variant not in matched:
                    matched[variant] = self._name_match(variant, positions, coverage)
            variant = max(self._variants[doc_id], key=lambda v: matched[v][0])
            best = matched[variant]
            if (
                best[0] > 0
                and as_a_name([written[i] for i in best[1]])
                and not self._another(variant, best[1], tokens, written)
            ):
                found[doc_id] = best
        return found

    def _name_match(
        self, variant: tuple[str, ...], positions: Mapping[tuple[str, str], list[int]], coverage: float
    ) -> tuple[float, set[int]]:
        """The idf-weighted part of a name the question repeats, times the share it is of the name,
        with the positions of the question's words that repeat it."""
        covered: set[str] = set()
        words: set[int] = set()
        starts = []
        for i, pair in enumerate(itertools.pairwise(variant)):
            if pair in positions:
                covered.update(variant[i : i + 2])
                words.update(j for start in positions[pair] for j in (start, start + 1))
                if i == 0 or variant[i - 1] not in covered:
                    starts.append(i)
        total = sum(self._idf[t] for t in set(variant))
        matched = sum(self._idf[t] for t in covered)
        if total <= 0 or matched < _MIN_NAME_WEIGHT or matched / total < coverage:
            return 0.0, set()
        if any(self._qualified(variant, start, covered) for start in starts):
            return 0.0, set()
        return matched * matched / total, words

    def _another(
        self, variant: tuple[str, ...], repeated: set[int], tokens: list[str], written: list[bool | None]
    ) -> bool:
        """Whether the question and the name put two different telling words just before the words the
        question repeats: "the Corporate Risk Register" is not the "Budget Risks Register" (a word many
        names share, such as "Kent" or "KCC", does not count, nor a qualifier only one of them has:
        "the Kent and Medway Integrated Care Strategy")."""
        rare = math.log(1 + max(1, len(self.documents)))  # a word in no document's name
        weights = [self._idf.get(tokens[i], rare) for i in repeated]
        for j in repeated:
            before = tokens[j - 1] if j > 0 else ""
            if j - 1 in repeated or written[j - 1] is not True or before in variant or before[:3] in _MONTH_STEMS:
                continue  # a month names the document's date ("the February 2025 budget report"), not another one
            at = variant.index(tokens[j]) if tokens[j] in variant else 0
            own = variant[at - 1] if at > 0 else ""  # the name's own qualifier in that place ("budget")
            telling = _ANOTHER * sum(weights) / len(weights)
            if own and own not in tokens and min(self._idf.get(before, rare), self._idf.get(own, 0.0)) >= telling:
                return True
        return False

    def _qualified(self, variant: tuple[str, ...], start: int, covered: set[str]) -> bool:
        """Whether the name puts a telling word the question lacks just before the part it repeats:
        "Safer Essex Partnership" is not "the Essex Partnership" (a word many names share, such as
        an organisation's "Kent County Council" before a report's title, does not count)."""
        if start == 0 or variant[start - 1] in covered or start - 1 in self._name_heads.get(variant, ()):
            return False  # "Implementation of the Armed Forces Covenant": a head of the part, not a qualifier
        repeated = [self._idf[t] for t in variant[start:] if t in covered]
        return self._idf[variant[start - 1]] >= sum(repeated) / len(repeated)

    def _named_meetings(self, tokens: list[str], days: set[str]) -> dict[str, tuple[float, set[int]]]:
        """Minutes of meetings held on a day the question names, those of the body it names first."""
        held = [m for m in self.meetings if m.date in days]
        if not held:
            return {}
        matches = {id(m): suffix_match(self._bodies[id(m)], tokens) for m in held}
        most = max(len(words) for words in matches.values())
        return {m.doc_id: (_MEETING + _BODY * most, matches[id(m)]) for m in held if len(matches[id(m)]) == most}

    def _meetings_of_month(self, question: str, tokens: list[str], days: set[str]) -> dict[str, tuple[float, set[int]]]:
        """Minutes of a meeting the question names by its body and a month ("the Treasury Management
        Group meeting in November 2024"): the body must be named, by its name's end or spelled out
        from its acronym ("TMG"), and the month's meetings of it are the ones named."""
        months = set() if days else question_months(question)
        found = {}
        for m in self.meetings:
            if m.date and m.date[:7] in months:
                body = self._bodies[id(m)]
                words = suffix_match(body, tokens) if len(body) > 1 or not m.body.isupper() else set()
                words = words or acronym_positions(m.body, question, tokens)
                if words:
                    found[m.doc_id] = (_MEETING + _BODY * len(words), words)
        return found

    def _scope_of(self, scores: Mapping[str, float], minutes: Set[str] = frozenset()) -> Scope | None:
        """The documents scoring near the best, each weighed against it. The minutes of a meeting the
        question names are weighed against the meetings named, not against a document named by its
        title: "the Pay Policy Statement at the County Council meeting on 13 March 2025" names both
        the report and the minutes recording what was said about it."""
        if not scores:
            return None
        best = max(scores.values())
        if best < _MIN_SCOPE:
            return None
        weights = {d: s / best for d, s in scores.items() if s >= _KEEP * best}
        best_meeting = max((scores[d] for d in minutes), default=0.0)
        for doc_id in minutes:
            if scores[doc_id] >= _KEEP * best_meeting:
                weights[doc_id] = max(weights.get(doc_id, 0.0), scores[doc_id] / best_meeting)
        kept = sorted(weights, key=lambda d: (-weights[d], -scores[d], d))
        return Scope(tuple(kept), weights, self._label(kept))

    def _label(self, doc_ids: Sequence[str]) -> str:
        parts = []
        for doc_id in doc_ids[:_LABELLED]:
            info = self.documents[doc_id]
            parts.append(f"{info.title}, {human_date(info.date)}" if info.date else info.title)
        if len(doc_ids) > _LABELLED:
            parts.append(f"and {len(doc_ids) - _LABELLED} more")
        return "; ".join(parts)


_MIN_SCOPE = min(_MIN_NAME_WEIGHT * _MIN_NAME_COVERAGE, _MEETING)
