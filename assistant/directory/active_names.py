"""Names of things the text says are at work, though no kind word follows them.

- a service named with its initials: "Kent Support and Assistance Service (KSAS)", "Kent
  Community Warden Service (KCWS)" (a service named without them is as often a department:
  "the Early Years and Childcare Service"), or any name with its initials before what is
  delivered of it: "Road Sense (RS) delivery to Year 7 (23 schools)";
- a name opening a sentence whose verb says what it does: "Digital Kent is working to improve
  digital inclusion ...", "ReferKent continues to register organisations ...", or spelling out
  the initials that open it: "LWKM (Live Well Kent and Medway) continued to see high demand ...";
- a name set beside what it is or is for: "A national recruitment hub, Fostering South East,
  launched on 8th July 2024", "the Better Use of Beds, which aims to ensure ...", "Community
  Gateways - These sites allow individuals to access ...";
- a name opening a sentence, perhaps after its owner, with what is delivered of it at work:
  "Bikeability training continues across Kent", "The Early Years and Childcare Service's Threads
  of Success training offer continues to be delivered ..." (here one word is a name);
- a named operation: "the Resilience Forum's implementation of Operation Brock";
- a line that is only a name over a line that opens with it as subject: "Forces Connect APP"
  over "Forces Connect APP is a free resource ..." (a name opening with a verb, "Explore Kent"
  over "Explore Kent's digital channels ...", is still read as a heading's action).

Organisations ("The Council aims to ...", "NHS England provides"), people ("Mr Gough"), posts and
bodies with a kind word of their own are left to the other rules. These functions read text only;
:mod:`assistant.directory.mentions` makes mentions of what they find.
"""

from __future__ import annotations

import re

from assistant.directory.names import ACRONYM_AFTER, NOT_NAMES, ORGANISATION_WORDS, kind_of, last_word, proper_phrases

_WORK = (
    r"(?:is\s+working\s+to|continues\s+to|has\s+been\s+established\s+to|was\s+established\s+to|aims\s+to|"
    r"provides|offers|delivers|helps|enables)\b"
)
_DOING = re.compile(r"\s+" + _WORK)
_SPELT_OUT = re.compile(r"\)\s+(?:continued\s+to\b|" + _WORK + r")")  # "LWKM (Live Well Kent and Medway) continued to"
_INITIALS_OPENING = re.compile(r"(?:^|[.!?]\s+|,\s+)[A-Z][A-Za-z]{1,7}\s*\($")
_KIND_NOUN = r"(?:hub|programme|project|scheme|service|campaign|initiative|app|platform|website|pilot)"
_APPOSED_BEFORE = re.compile(r"\b" + _KIND_NOUN + r"\s*,\s*$")
_APPOSED_AFTER = re.compile(r"\s*,\s*(?:launched|which|that|is|was|has|will)\b")
_FOR_WHAT = re.compile(r"\s*,\s*which\s+" + _WORK)
_THIS_DOES = re.compile(
    r"\s+[-–—]\s+(?:These|This|It)\s+(?:[a-z]+\s+)?(?:allows?|provides?|offers?|supports?|helps?|gives?|enables?)\b"
)
_OPENS_ABOUT = r"(?:['’]s\b|\s+(?:is|was|has|have|are|were|continues|continued|provides|offers|delivers|aims)\b)"
_OPENING = r"(?:^|[.!?]\s+|[:•–—]\s*)"  # where a sentence, a list item or a cell opens
_SENTENCE_OPENING = re.compile(_OPENING + r"(?:The\s+|[A-Z]{2,6}['’]s\s+)?$")  # "KCC's ReferKent"
_DELIVERY = r"(?:delivery|deliveries|training|sessions?|interventions?|courses?|workshops?)\b"
_DELIVERED = re.compile(r"\s+" + _DELIVERY)
# What is delivered of a name, at work: "Bikeability training continues across Kent", "... Threads of
# Success training offer continues to be delivered"; its owner may come first ("The Early Years and
# Childcare Service's Threads of Success ...").
_DELIVERED_WORK = re.compile(
    r"\s+(?:training|sessions?|courses?|workshops?|classes)(?:\s+offer)?\s+"
    r"(?:continues|continued|is|are|was|were|has|have|will)\b"
)
# A named operation: "the Kent and Medway Resilience Forum's implementation of Operation Brock".
_OPERATION = re.compile(r"Operation\s+(?!(?:Of|The|And|In|To)\b)[A-Z][a-z]+")
_OWNED = re.compile(r"['’]s\s+(?=[A-Z])")
_OWNED_OPENING = re.compile(
    _OPENING + r"(?:The\s+)?(?:[A-Z][\w&\-]*\s+(?:(?:and|of|for|&)\s+)?){0,5}[A-Z][\w\-]*['’]s\s+$"
)
# A cheap test first: most lines have none of these.
_CUE = re.compile(
    r"Service\s*\(|Operation\s+[A-Z]|\)\s+"
    + _DELIVERY
    + "|"
    + _WORK
    + "|"
    + _DELIVERED_WORK.pattern
    + r"|\)\s+continued\s+to\b|,\s*(?:launched|which)\b|\s[-–—]\s+(?:These|This|It)\s"
)
_SERVICE = frozenset(("service", "services"))
# The last words of an organisation, a post or a department rather than of something it runs.
_NOT_AT_WORK = frozenset(word.lower() for word in ORGANISATION_WORDS) | frozenset(
    "councils police university college school schools "
    "hospital hospitals foundation ltd limited plc cic england wales scotland britain kingdom team teams "
    "directorate officer officers director manager lead leader member members chair care health "
    "service services".split()
)
_PUBLIC_SERVICE = re.compile(r"^(?:National|Civil)\b|\bFire\s+(?:and|&)\s+Rescue\b")


def active_names(text: str, start: int, end: int, following: str | None = None) -> list[tuple[str, tuple[int, int]]]:
    """Names in the line ``text[start:end]`` that the text says are at work (above), with their spans.

    ``following`` is the next line's text, for a line that is only a name.
    """
    if following and (titled := _titled(text, start, end, following)) is not None:
        return [titled]
    if not _CUE.search(text, start, end):
        return []
    found: list[tuple[str, tuple[int, int]]] = []
    for phrase_start, phrase_end in proper_phrases(text, start, end):
        if delivered := _delivered_at_work(text, start, end, phrase_start, phrase_end):
            found.append(delivered)
            continue
        name = " ".join(text[phrase_start:phrase_end].split())
        if _OPERATION.fullmatch(name):
            found.append((name, (phrase_start, phrase_end)))
            continue
        acronym = ACRONYM_AFTER.match(text, phrase_end, end)
        stop = acronym.end() if acronym else phrase_end
        before = text[max(start, phrase_start - 80) : phrase_start]
        named_service = (
            acronym is not None
            and acronym.group(1)[0] == name[0]  # its initials: "(CYPE)" after a service names its directorate
            and (last_word(name) in _SERVICE or bool(_DELIVERED.match(text, acronym.end(), end)))
            and not _PUBLIC_SERVICE.search(name)
            and not name.endswith(("’", "'", "”", '"'))  # "'Road Safety Club' (RSC)": the quoted-name rule's
        )
        at_work = bool(_SENTENCE_OPENING.search(before)) and bool(_DOING.match(text, stop, end))
        at_work = at_work or bool(_INITIALS_OPENING.search(before) and _SPELT_OUT.match(text, phrase_end, end))
        apposed = bool(_APPOSED_BEFORE.search(before)) and bool(_APPOSED_AFTER.match(text, stop, end))
        described = _FOR_WHAT.match(text, stop, end) or _THIS_DOES.match(text, stop, end)
        if (named_service or at_work or apposed or described) and _is_name(name, named_service):
            found.append((name, (phrase_start, phrase_end)))
    return found


def _delivered_at_work(
    text: str, start: int, end: int, phrase_start: int, phrase_end: int
) -> tuple[str, tuple[int, int]] | None:
    """A name opening its sentence, perhaps after its owner, with what is delivered of it at work."""
    if not _DELIVERED_WORK.match(text, phrase_end, end):
        return None
    owned = _OWNED.search(text, phrase_start, phrase_end)
    begin = owned.end() if owned else phrase_start
    before = text[max(start, begin - 80) : begin]
    if not (_OWNED_OPENING.search(before) if owned else _SENTENCE_OPENING.search(before)):
        return None
    name = " ".join(text[begin:phrase_end].split())
    if name.endswith(("’s", "'s")) or not _is_name(name, False, one_word=True):
        return None  # "Member training sessions", "The Council's training offer"
    return name, (begin, phrase_end)


def _titled(text: str, start: int, end: int, following: str) -> tuple[str, tuple[int, int]] | None:
    line = text[start:end].strip()
    if not line or not following.startswith(line):
        return None  # the cheap test first: most lines are not repeated at the next one's start
    phrases = proper_phrases(text, start, end)
    if len(phrases) != 1 or text[start : phrases[0][0]].strip() or text[phrases[0][1] : end].strip():
        return None  # not a line that is only a name
    name = " ".join(text[slice(*phrases[0])].split())
    opens = following.startswith(name) and re.match(_OPENS_ABOUT, following[len(name) :])
    return (name, phrases[0]) if opens and len(name.split()) >= 2 and _is_name(name, False) else None


def _is_name(name: str, named_service: bool, one_word: bool = False) -> bool:
    """Whether a phrase can name something at work; ``one_word`` where the text says so of one plain
    word ("Bikeability training continues")."""
    words = name.split()
    if words[0].lower() in NOT_NAMES or len(words) > 8:
        return False  # "The Council", "Mr Gough", "This"
    if len(words) == 1 and not one_word and not re.search(r"[a-z][A-Z]", name):
        return False  # one plain word is any word ("Millmead provides ..."); "ReferKent" is a name
    if kind_of(name) is not None:
        return False  # a name with a kind word of its own is found by the other rules
    return named_service or last_word(name) not in _NOT_AT_WORK
