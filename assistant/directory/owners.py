"""Bodies a document says belong to another organisation, which are not the partnership's boards.

"MPC Monetary Policy Committee. Committee of the Bank of England responsible for ..." and "The
Chartered Institute of Public Finance and Accountancy (CIPFA) issued Local Authority Accounting
Panel (LAAP) Bulletin No.99" each tie a body to an organisation that is not the document's own.
A council (its own or another's) is left to the other rules: "the Council's" names the
document's own, and another council's bodies ("Bedfordshire County Council's Empty Homes Forum")
are refused where they are named.
"""

from __future__ import annotations

import re

from assistant.directory.names import initials, is_own

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
_CUE = re.compile(r"(?:ommittee|oard|anel|body|arm) of | issued | published ")


def bodies_of_others(text: str, organisation: str | None) -> tuple[str, ...]:
    """Names (and acronyms) of bodies ``text`` ties to an organisation that is not ``organisation``."""
    found: list[str] = []
    lines = [line for line in text.splitlines() if _CUE.search(line)]  # few lines say so; read only those
    for pattern, line in ((p, line) for line in lines for p in (_BODY_OF, _ISSUED)):
        for match in pattern.finditer(line):
            owner = match.group("owner") or match.groupdict().get("short") or ""
            if not owner or "Council" in owner or is_own(owner, organisation):
                continue
            for name in _names(match.group("body"), match.group("acronym")):
                if name not in found:
                    found.append(name)
    return tuple(found)


def _names(body: str, acronym: str | None) -> list[str]:
    """The body's name as written, without a glossary's acronym before it, and its acronym."""
    words = " ".join(body.split()).split()
    if len(words) > 2 and words[0].isupper() and initials(words[1:]).startswith(words[0]):
        acronym, words = acronym or words[0], words[1:]  # "MPC Monetary Policy Committee"
    return [" ".join(words), *([acronym] if acronym else [])]
