"""Sentences that report what happened to a thing rather than say what it is.

A directory entry's description says what an initiative is or does. Progress reports name an
initiative most often in news of it: "the design and build contract has been signed", "has now
been delivered with 40 key cluster sites being treated", "successfully retained its ... Gold
Award", "Work is moving forward with an application for ...". Such a sentence is about the
initiative but says nothing of what it is, so it is no description, unless it also says what it
does ("... was substantially completed ..., which successfully helped to decrease the previous
backlog of work"). A performance line ("The number of properties brought back into active use
through the No Use Empty programme remained above target") is not news of this kind: it says
what the programme does. Nor is a list's line that only tallies what a thing did ("'Road Safety
Club' (RSC) intervention to 5,104 Primary School Pupils across 55 different schools").
"""

from __future__ import annotations

import re

_STATUS = re.compile(
    r"\b(?:has|have|had)\s+(?:now\s+|already\s+|successfully\s+)?been\s+"
    r"(?:signed|delivered|completed|approved|agreed|awarded|submitted|extended|finalised|finalized|renewed)\b|"
    r"\b(?:was|were)\s+(?:substantially\s+|successfully\s+|now\s+)?(?:completed|signed|approved|submitted)\b|"
    r"\bretained\s+(?:its|their|the)\b|"
    r"\b[Ww]ork\s+is\s+(?:moving\s+forward|underway|progressing)\b|\bwent\s+live\b|\bmoving\s+(?:its\s+)?focus\b",
)
# What it is or does: a definition, an apposition or relative clause, a verb of purpose.
_SAYS_WHAT = re.compile(
    r"\b(?:is|are)\s+(?:an?|the)\s|\b(?:provides?|supports?|helps?|helped|aims?|offers?|enables?|allows?|"
    r"seeks?|encourages?|promotes?)\b|\bfocus(?:es|ed)?\s+on\b|\b(?:designed|intended|set\s+up)\s+to\b|"
    r",\s+which\s|\swhere\s|"
    r"\bto\s+(?:restore|improve|support|provide|help|create|deliver|develop|reduce|increase|protect|enable|connect)\b",
)


# A verb that makes a line a sentence; a line without one that gives figures is a tally.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|provides?|supports?|helps?|offers?|delivers?|runs?|"
    r"aims?|works?|gives?|brings?|enables?)\b"
)


def only_tallies(line: str) -> bool:
    """Whether a line that opens with a name only tallies what it did, with no verb saying what it is
    ("'Road Safety Club' (RSC) intervention to 5,104 Primary School Pupils across 55 different
    schools", "Winter 'Drink/Drug Drive' campaign for 3 weeks in December"; not "Short term service
    free up to 10 weeks to support hospital discharge")."""
    return bool(re.search(r"\d", line)) and not _FINITE.search(line) and not says_what_it_does(line)


def reports_status(sentence: str) -> bool:
    """Whether a sentence only reports what happened to its subject (see the module docstring)."""
    return bool(_STATUS.search(sentence)) and not says_what_it_does(sentence)


def says_what_it_does(sentence: str) -> bool:
    """Whether a sentence says what something is or does: a definition, an apposition, a relative
    clause, a verb of purpose ("provides", "supports", "aims", "designed to", "to restore")."""
    return bool(_SAYS_WHAT.search(sentence))
