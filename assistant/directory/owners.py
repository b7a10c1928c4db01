"""Bodies a document says belong to another organisation, which are not the partnership's boards.

"MPC Monetary Policy Committee. Committee of the Bank of England responsible for ...", "The
Chartered Institute of Public Finance and Accountancy (CIPFA) issued Local Authority Accounting
Panel (LAAP) Bulletin No.99" and "the Bank of England's Monetary Policy Committee" each tie a body
to an organisation that is not the document's own (a possessive owner is an organisation as
:func:`assistant.directory.names.owner_of` reads one: "Young People's ... Board" has none). A body
that directs a department of state ("The Public Accounts Committee (PAC) has requested the
Department for Education ...") is a national one, and one that others are "signatories to" (the
Net Zero Asset Managers Alliance, of fund managers) is a compact of other organisations: neither
is a body the partnership runs or sits on; nor are Parliament's committees ("the House of Commons
Transport Select Committee", any "... Select Committee").
A council (its own or another's) is left to the other rules: "the Council's" names the
document's own, and another council's bodies ("Bedfordshire County Council's Empty Homes Forum")
are refused where they are named.
"""

from __future__ import annotations

import re

from assistant.directory.names import initials, is_own, owner_of

_WORD = r"[A-Z][\w&’'\-]*"
_CONNECTED = r"(?:[ \t]+(?:of|and|for|the|&|" + _WORD + r"))"  # within one line
_BODY_WORD = r"(?:Committee|Board|Panel|Commission|Alliance|Forum)"
_BODY = (
    r"(?P<body>" + _WORD + _CONNECTED + r"{0,6}?[ \t]+" + _BODY_WORD + r")(?:\s*\((?P<acronym>[A-Z][A-Za-z&]{1,8})\))?"
)
_OWNER = r"(?P<owner>" + _WORD + _CONNECTED + r"{0,6})"
# "Committee of the Bank of England", "a sub-committee of HM Treasury" after the body's name.
_BODY_OF = re.compile(
    _BODY + r"[.,]?\s+(?:(?:an?|the)\s+)?(?:[a-z\-]+\s+){0,2}?(?:[Cc]ommittee|[Bb]oard|[Pp]anel|body|arm)\s+of\s+"
    r"(?:the\s+)?" + _OWNER
)
_ISSUED = re.compile(
    r"(?:\((?P<short>[A-Z]{2,8})\)|" + _OWNER + r")\s+(?:issued|published)\s+(?:the\s+|its\s+)?" + _BODY
)
# "the Bank of England's Monetary Policy Committee": checked by owner_of.
_POSSESSED = re.compile(r"(?P<owner>" + _WORD + _CONNECTED + r"{0,6}?)['’]s[ \t]+" + _BODY)
# A body that directs a department of state is a national one ("The Public Accounts Committee (PAC) has
# requested the Department for Education ..."); a local body writes to ministers, it does not direct them.
_DIRECTS = re.compile(
    _BODY + r"\s+(?:has\s+|had\s+)?(?:requested|recommended|required|instructed|directed)\s+(?:that\s+)?(?:the\s+)?"
    r"(?:Department\s+(?:for|of)|Ministry\s+of|HM\s+Treasury|Secretary\s+of\s+State)\b"
)
# Others sign up to it: "funds operated by managers that are signatories to ..., the Net Zero Asset Managers
# Alliance and/or ..." (a compact of other organisations, not a body the partnership runs or sits on).
_SIGNED_BY_OTHERS = re.compile(r"\b(?:that|which|who)\s+(?:are|is)\s+(?:an?\s+)?signator(?:y|ies)\s+(?:to|of)\s+")
# Parliament's committees: "the House of Commons Transport Select Committee", any "... Select Committee".
_PARLIAMENTS = re.compile(
    r"(?:House\s+of\s+(?:Commons|Lords)|Parliament(?:['’]s)?|[Pp]arliamentary)[ \t]+"
    + _BODY
    + r"|(?P<select>"
    + _WORD
    + _CONNECTED
    + r"{0,4}?[ \t]+Select[ \t]+Committee)"
)
_HOUSE = re.compile(r"^(?:The\s+)?(?:House\s+of\s+(?:Commons|Lords)|Parliament(?:['’]s)?)\s+")
_ANY_BODY = re.compile(_BODY)
_CUE = re.compile(
    r"(?:ommittee|oard|anel|body|arm) of | issued | published |['’]s [A-Z]|signator|House of |arliament|Select Comm|"
    r"(?:requested|recommended|required|instructed|directed) (?:that )?(?:the )?(?:Department|Ministry|HM|Secretary)"
)


def bodies_of_others(text: str, organisation: str | None) -> tuple[str, ...]:
    """Names (and acronyms) of bodies ``text`` ties to an organisation that is not ``organisation``."""
    found: list[str] = []
    lines = [line for line in text.splitlines() if _CUE.search(line)]  # few lines say so; read only those
    for line in lines:
        for body, acronym in (*_owned(line, organisation), *_national(line)):
            found += [n for n in _names(body, acronym) if n not in found]
    return tuple(found)


def _owned(line: str, organisation: str | None) -> list[tuple[str, str | None]]:
    """Bodies a line names as another organisation's: "... of X", "X issued ...", "X's ..."."""
    bodies = []
    for match in (m for pattern in (_BODY_OF, _ISSUED) for m in pattern.finditer(line)):
        owner = match.group("owner") or match.groupdict().get("short") or ""
        if owner and "Council" not in owner and not is_own(owner, organisation):
            bodies.append((match.group("body"), match.group("acronym")))
    for match in _POSSESSED.finditer(line):
        owner = owner_of(match.group())
        if owner and "Council" not in owner and not is_own(owner, organisation):
            bodies.append((match.group("body"), match.group("acronym")))
    return bodies


def _national(line: str) -> list[tuple[str, str | None]]:
    """Bodies a line shows are not local: one that directs a department of state, Parliament's
    committees, one others sign up to."""
    bodies = [(m.group("body"), m.group("acronym")) for m in _DIRECTS.finditer(line)]
    for m in _PARLIAMENTS.finditer(line):
        body = _HOUSE.sub("", m.group("select")) if m.group("select") else m.group("body")
        bodies.append((body, m.group("acronym")))
    for cue in _SIGNED_BY_OTHERS.finditer(line):
        listed = line[cue.end() :].split(". ")[0]  # the list runs to the end of the sentence
        bodies += [(m.group("body"), m.group("acronym")) for m in _ANY_BODY.finditer(listed)]
    return bodies


def _names(body: str, acronym: str | None) -> list[str]:
    """The body's name as written, without a glossary's acronym before it, and its acronym."""
    words = " ".join(body.split()).split()
    words = words[1:] if words[0] == "The" and len(words) > 2 else words  # a sentence's opening article
    if len(words) > 2 and words[0].isupper() and initials(words[1:]).startswith(words[0]):
        acronym, words = acronym or words[0], words[1:]  # "MPC Monetary Policy Committee"
    return [" ".join(words), *([acronym] if acronym else [])]
