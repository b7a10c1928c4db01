"""Grouping one document's mentions into entities: the same initiative or board named several ways.

Within a document, "Violence and Vulnerability Unit", "County Violence and Vulnerability Unit"
and "V&V Unit" are one thing, as are "Essex Centre for Data Analytics (ECDA)" and "ECDA",
"Safer Essex" and "Safer Essex Partnership", "Healthier Wealthier Children" and "HWC", "MoD Employer
Recognition Scheme" and "MoD Employer Recognition Awards Scheme". The
entity takes the name its most trusted mention gives (a heading, then a list item, then the
most frequent pattern name, longest first).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.directory.mentions import Mention
from assistant.directory.model import normalise_name, spelled_otherwise
from assistant.directory.names import BOARD_WORDS, INITIATIVE_WORDS, acronym_of, kind_of, tidy_name

_ORIGIN_RANK = {"heading": 0, "item": 1, "pattern": 2}
_INITIAL_SKIP = frozenset("and of for the & in".split())


@dataclass
class Entity:
    """Mentions of one initiative or board in one document."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def name(self) -> str:
        best_rank = min(_ORIGIN_RANK[m.origin] for m in self.mentions)
        if best_rank < 2:
            best = next(m for m in self.mentions if _ORIGIN_RANK[m.origin] == best_rank)
            return tidy_name(next((m.name for m in self.mentions if _wraps(m, best)), best.name))
        counts = Counter(m.name for m in self.mentions)
        return tidy_name(max(counts, key=lambda name: (counts[name], len(name))))

    @property
    def kind(self) -> str:
        return kind_of(self.name) or Counter(m.kind for m in self.mentions).most_common(1)[0][0]

    @property
    def theme(self) -> str:
        ranked = sorted(self.mentions, key=lambda m: _ORIGIN_RANK[m.origin])
        return next((m.theme for m in ranked if m.theme), "")

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names and acronyms the document uses for it."""
        names = {m.name for m in self.mentions} | {a for m in self.mentions if (a := acronym_of(m.name))}
        own = normalise_name(self.name)
        return tuple(sorted(n for n in names if normalise_name(n) != own))


def group_mentions(mentions: list[Mention]) -> list[Entity]:
    """Mentions grouped into entities, in the order of their first trusted mention."""
    entities: list[Entity] = []
    for mention in sorted(mentions, key=lambda m: _ORIGIN_RANK[m.origin]):
        entity = next((e for e in entities if any(same_thing(mention.name, m.name) for m in e.mentions)), None)
        if entity is None:
            entities.append(Entity([mention]))
        else:
            entity.mentions.append(mention)
    return entities


def _wraps(longer: Mention, heading: Mention) -> bool:
    """Whether a name runs over from the line before into a heading ("‘Understanding You, Understanding Your
    Child’" over the heading "Parenting Programme"): the heading is the end of that name, not a name of its own."""
    return longer.start < heading.start and longer.end >= heading.end and longer.name.endswith(heading.name)


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked for every pair of a document's mentions
def same_thing(first: str, second: str) -> bool:
    """Whether two names, read in one document, name the same initiative or board."""
    a, b = _tokens(first), _tokens(second)
    if not a or not b:
        return False
    if a == b or _singular(a) == _singular(b) or (len(a) > 1 and sorted(_singular(a)) == sorted(_singular(b))):
        return True
    if _acronym_match(first, second) or _acronym_match(second, first):
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 2 and longer[-len(shorter) :] == shorter and kind_of(" ".join(shorter)):
        return True  # "County Violence and Vulnerability Unit" and "Violence and Vulnerability Unit"
    if _kind_of_last_word(a, b) or _kind_of_last_word(b, a):
        return True  # "the Trailblazers pilot" is the "Homeless Trailblazers" pilot
    if spelled_otherwise(a, b):
        return True
    extra = longer[len(shorter) :]
    return (
        len(shorter) >= 2
        and longer[: len(shorter)] == shorter
        and len(extra) == 1
        and extra[0] in BOARD_WORDS | INITIATIVE_WORDS | {"group"}
    )


def _kind_of_last_word(named: list[str], other: list[str]) -> bool:
    """Whether ``named`` is one word and a kind word ("trailblazers pilot") and that word ends ``other``."""
    return len(named) == 2 and named[1] in INITIATIVE_WORDS and len(other) >= 2 and other[-1] == named[0]


def _acronym_match(short: str, long: str) -> bool:
    """ "ECDA" for "Essex Centre for Data Analytics (ECDA)"; "V&V Unit" for "... Unit (V&V)"; "HWC" by initials."""
    words = short.split()
    acronym = acronym_of(long)
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
        return words[0] == acronym or words[0] == initials(long)
    if acronym and len(words) >= 2 and words[0] == acronym:
        return _tokens(" ".join(words[1:])) == _tokens(long)[-(len(words) - 1) :]
    if len(words) >= 2 and words[-1].isupper() and len(words[-1]) >= 3:
        return _expands(words, long)  # "Kent & Medway CMPB" for "Kent & Medway Civilian-Military Partnership Board"
    return False


def _expands(words: list[str], long: str) -> bool:
    """Whether ``long`` is ``words`` with its final acronym spelled out."""
    prefix = _tokens(" ".join(words[:-1]))
    tokens = _tokens(long)
    if tokens[: len(prefix)] != prefix or len(tokens) <= len(prefix):
        return False
    rest = " ".join(long.split()[len(words) - 1 :]).replace("-", " ")
    return initials(rest) == words[-1]


def initials(name: str) -> str:
    """A name's initials, small words ("and", "of") and a bracketed acronym left out ("CYPE")."""
    words = re.findall(r"[A-Za-z][\w'’\-]*", re.sub(r"\([^)]*\)", " ", name))
    return "".join(w[0].upper() for w in words if w.lower() not in _INITIAL_SKIP)


def _tokens(name: str) -> list[str]:
    return normalise_name(name).split()


def _singular(tokens: list[str]) -> list[str]:
    return [t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]
