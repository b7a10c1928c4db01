"""Reading a question in its conversation: follow-ups, and questions that ask for the latest."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import Turn

_PRONOUN = re.compile(
    r"\b(it|its|it's|they|them|their|theirs|this|that|these|those|he|she|his|her|there)\b", re.IGNORECASE
)
_WHAT_ABOUT = re.compile(r"^\s*(and\s+)?(what|how)\s+about\s+(?P<subject>.+?)\s*\??\s*$", re.IGNORECASE)
_LATEST = re.compile(
    r"\b(latest|most recent|newest|current(ly)?|now|today|nowadays|these days|recent(ly)?|still)\b", re.IGNORECASE
)
_PICK = re.compile(
    r"^\s*(and\s+)?(which|what|who)\s+(one\s+|ones\s+)?(of\s+)?(them|those|these|they)\b|^\s*(and\s+)?which\s+(one|ones)\b",
    re.IGNORECASE,
)
_EVENT_PRONOUNS = frozenset({"this", "that", "these", "those", "there"})  # point back at the whole question
_QUESTION_WORDS = frozenset(
    "what who whom whose when where which why how is are was were do does did can could should will would "
    "tell list name give show and or the a an of in on for to".split()
)
_NAME_RUN = re.compile(r"(?:[A-Z][\w&’'-]*|of|and|for|the)(?:\s+(?:[A-Z][\w&’'-]*|of|and|for|the))*")


def asks_for_latest(question: str) -> bool:
    """Whether the question asks for the newest information ('who chairs it now?')."""
    return bool(_LATEST.search(question))


def contextualize(question: str, history: Sequence[Turn]) -> str:
    """The question rewritten to stand alone, using the conversation so far.

    "who chairs it?" after "what is Safer Essex?" becomes "who chairs Safer Essex?";
    "what about the Essex Assembly?" after "how often does Essex Partners meet?" becomes
    "how often does the Essex Assembly meet?" when the earlier question names its subject.
    The earlier question is itself read in its own light first, so a subject carries through
    a chain of follow-ups ("what is Safer Essex?", "who chairs it?", "when does it meet?").
    Questions that already stand alone are returned unchanged.
    """
    if not history:
        return question
    previous = contextualize(history[-1].question, history[:-1])  # "who chairs it?" -> "who chairs Safer Essex?"
    subject = main_subject(previous)
    if match := _WHAT_ABOUT.match(question):
        new_subject = match.group("subject")
        if subject and subject in previous:
            return previous.replace(subject, new_subject, 1)
        return f"{previous} {new_subject}"
    if picks_from_previous(question):
        return f"{previous} {question}"
    if not _is_follow_up(question):
        return question
    pronoun = _PRONOUN.search(question).group(0).lower()  # type: ignore[union-attr]
    if subject and pronoun not in _EVENT_PRONOUNS:
        return _PRONOUN.sub(
            lambda m: _possessive(subject) if m.group(0).lower() in ("its", "their") else subject, question, count=1
        )
    return f"{previous} {question}"


def picks_from_previous(question: str) -> bool:
    """Whether a follow-up picks among the items of the previous answer ("which of them ...?")."""
    return bool(_PICK.search(question))


def main_subject(question: str) -> str | None:
    """The longest capitalised name in a question ('Safer Essex' in 'What is Safer Essex?')."""
    best = ""
    for match in _NAME_RUN.finditer(question):
        words = match.group(0).split()
        while words and (words[0].lower() in _QUESTION_WORDS or words[0].islower()):
            words.pop(0)
        while words and words[-1].islower():
            words.pop()
        name = " ".join(words)
        if len(name) > len(best):
            best = name
    return best or None


def _is_follow_up(question: str) -> bool:
    if _PRONOUN.search(question):
        return main_subject(question) is None or len(question.split()) <= 6
    return False


def _possessive(subject: str) -> str:
    return f"{subject}'s" if not subject.endswith("s") else f"{subject}'"
