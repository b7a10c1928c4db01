"""Questions about one named thing: the answer must be about that thing.

"When does Safer Essex meet?" is not answered by "The Essex Assembly meets twice a year": a
sentence that offers a time but names another body answers another question. For questions
of the simple shapes "WH does/is SUBJECT VERB ...?" and "who VERBs SUBJECT?", a sentence counts
only when its own words, its heading or the sentence before it name the subject, and it states
the verb ("meets", "met", "meeting"); when none does, the answer says what the documents do not
say ("The documents do not say when Safer Essex meets.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.question import offers
from assistant.evidence import ScoredSentence, sentence_headings, terms_of
from assistant.types import Passage

_NAME = r"(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:of|and|for|the|&|[A-Z0-9][\w&'’-]*))*"
_AUX_FRAME = re.compile(
    rf"^\s*(?P<wh>(?i:when|how often|how frequently|where|who))\s+(?P<aux>(?i:does|do|did|is|was|are|were))\s+"
    rf"(?P<subject>{_NAME})\s+(?P<verb>[a-z]+)(?P<rest>[^?]*?)\s*\??\s*$"
)
_WHO_FRAME = re.compile(rf"^\s*(?P<wh>(?i:who))\s+(?P<verb>[a-z]+s)\s+(?P<subject>{_NAME})(?P<rest>)\s*\??\s*$")
_LIGHT_VERBS = frozenset("be become have get do make take give keep go come seem remain stay".split())
_PAST = {
    "meet": "met", "hold": "held", "begin": "began", "become": "became", "take": "took", "give": "gave",
    "make": "made", "win": "won", "set": "set", "put": "put", "run": "ran", "come": "came", "lead": "led",
    "say": "said", "pay": "paid", "find": "found", "go": "went", "see": "saw", "get": "got", "have": "had",
}  # fmt: skip


@dataclass(frozen=True)
class Frame:
    """A simple question about one named subject, in its parts."""

    wh: str
    aux: str
    subject: str
    verb: str
    rest: str

    def indirect(self) -> str:
        """The question as a clause: 'when Safer Essex meets', 'who chairs Safer Essex'."""
        if not self.aux:
            return f"{self.wh} {self.verb} {self.subject}{self.rest}"
        if self.aux == "does":
            return f"{self.wh} {self.subject} {_third_person(self.verb)}{self.rest}"
        if self.aux == "did":
            return f"{self.wh} {self.subject} {_past(self.verb)}{self.rest}"
        if self.aux == "do":
            return f"{self.wh} {self.subject} {self.verb}{self.rest}"
        return f"{self.wh} {self.subject} {self.aux} {self.verb}{self.rest}"


def frame_of(question: str) -> Frame | None:
    """The subject frame of a simple question ('when does Safer Essex meet?'), or None.

    "Who is the Chief Constable ...?" has none: there the named role is what is asked about.
    """
    if (match := _AUX_FRAME.match(question)) and not (
        match["wh"].lower() == "who" and match["aux"].lower()[0] in "iwa"
    ):
        return Frame(match["wh"].lower(), match["aux"].lower(), match["subject"], match["verb"], match["rest"].rstrip())
    if match := _WHO_FRAME.match(question):
        return Frame("who", "", match["subject"], match["verb"], "")
    return None


def not_said_text(frame: Frame) -> str:
    """The reply when the documents name the subject but do not say what was asked."""
    return f"The documents do not say {frame.indirect()}. The nearest passages are listed below."


def is_about(frame: Frame, sentence: ScoredSentence, passages: Sequence[Passage]) -> bool:
    """Whether a sentence, its heading or the sentence before it names the frame's subject."""
    return mention(frame, sentence, passages) > 0


def mention(frame: Frame, sentence: ScoredSentence, passages: Sequence[Passage]) -> int:
    """2 when the sentence names the subject, 1 when its heading or the sentence before it does, else 0."""
    passage = passages[sentence.passage]
    wanted = terms_of([frame.subject])[0]
    if not wanted:
        return 2
    context = [sentence_headings(passage.chunk)[sentence.index]]
    if sentence.index > 0:
        a, b = passage.chunk.sentences[sentence.index - 1]
        context.append(passage.text[a:b])
    text = passage.text[sentence.start : sentence.end]
    own, around = terms_of([text, " ".join(context)])
    if wanted <= own or _by_acronym(frame.subject, text):
        return 2
    return 1 if wanted <= own | around else 0


def _by_acronym(subject: str, text: str) -> bool:
    """Whether ``text`` names the subject by the acronym of its closing words ("the Kent & Medway CMPB"
    for the Kent & Medway Civilian-Military Partnership Board), three letters or more."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w']*", subject) if w[0].isupper())
    return any(len(token) >= 3 and initials.endswith(token) for token in re.findall(r"\b[A-Z]{3,8}\b", text))


def answers_frame(frame: Frame, expected: str | None, sentence: ScoredSentence, passages: Sequence[Passage]) -> bool:
    """Whether a sentence is about the subject, states the question's verb ("meets" for "when
    does it meet") and offers the kind of answer wanted."""
    text = passages[sentence.passage].text[sentence.start : sentence.end]
    if not offers(expected, text) or not is_about(frame, sentence, passages):
        return False
    if frame.verb in _LIGHT_VERBS:
        return True  # "become", "have": the sentence may say it with any verb ("are now statutory partners")
    forms = terms_of([f"{frame.verb} {_third_person(frame.verb)} {_past(frame.verb)}"])[0]
    return not forms or bool(forms & terms_of([text])[0])


def subject_known(frame: Frame, passages: Sequence[Passage]) -> bool:
    """Whether the retrieved passages name the subject at all (else the usual abstention applies)."""
    wanted = terms_of([frame.subject])[0]
    return bool(wanted) and any(wanted <= terms_of([p.text])[0] for p in passages)


def _third_person(verb: str) -> str:
    if verb in ("have", "do", "go"):
        return {"have": "has", "do": "does", "go": "goes"}[verb]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return f"{verb}es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return f"{verb[:-1]}ies"
    return f"{verb}s"


def _past(verb: str) -> str:
    if verb in _PAST:
        return _PAST[verb]
    if verb.endswith("e"):
        return f"{verb}d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return f"{verb[:-1]}ied"
    return f"{verb}ed"
