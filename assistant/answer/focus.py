"""What a question is about: its subject noun phrases, without its framing words.

"Roughly how many former service personnel live in the county?" asks about "former service
personnel"; "roughly", "how many" and "live" frame the question. The confidence features that ask
whether a sentence is about the thing asked (see :mod:`assistant.answer.features`) read these
phrases, not the question's rarest words, which are often its framing ("owe", "mentioned",
"according", "roughly").

Without a part-of-speech tagger the phrases are read from the question's function words: runs of
words between question words, auxiliaries, determiners, prepositions and pronouns, less framing
words (hedges such as "roughly", reporting verbs such as "mentioned"), and less the words a run's
position marks as a verb: the last lower-case word of the run after "does"/"did"/"will"
("does KCC *run*"), of a run that follows "which"/"how many" with no auxiliary ("which
organisation *holds* the contract"), the word after a bare "who" ("who *chairs* Safer Essex"), a
lower-case word after "to" that ends its run ("to *add* to the project"), and a lower-case word
in "-ed" that ends its run ("the amendment *proposed* by"). Capitalised words are never verbs.
"""

from __future__ import annotations

import functools
import re

from assistant.answer.question import _HEAD_TYPES
from assistant.evidence import _VALUE_TERMS, terms_of

_QUESTION = frozenset("what which who whom whose when where why how".split())
_DO_MODAL = frozenset("do does did will would can could should shall may might must".split())
_BE_HAVE = frozenset("is are was were be been being has have had".split())
_DETERMINERS = frozenset(
    "the a an this that these those each every any all some its their our his her my your no both either "
    "such another other".split()
)
_PREPOSITIONS = frozenset(
    "of in on at for by with from to into onto over under across between among through during since until "
    "per as than within without against after before towards toward via upon up out off".split()
)
_HOW = frozenset("many much large big long far high low old often".split())
_JOINERS = frozenset("and or but nor if whether that then so".split())
_PRONOUNS = frozenset("it they we you he she i us them me him there here one ones".split())
# Words that frame a question rather than name its thing: hedges, reporting verbs, the documents
# themselves, and the words after "how" that ask for a kind of value.
_FRAMING = frozenset(
    "roughly approximately around about nearly almost circa estimated estimate exactly precisely "
    "currently now today presently still ever already also just only actually overall "
    "according mentioned mention mentions say says said state states stated stating report reports reported "
    "describe describes described note notes noted show shows shown give gives given tell list listed name "
    "named documents document papers paper text texts please know known "
    "seek seeks sought want wants aim aims intend intends plan plans try trying expected expect likely "
    "many much large big long far high low old often frequently regularly soon".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)  # a date the question names is a specific it must find, not what it is about
_STOPS = _MONTHS | _QUESTION | _DO_MODAL | _BE_HAVE | _DETERMINERS | _PREPOSITIONS | _JOINERS | _PRONOUNS
_LEAD = re.compile(r"^[^?]*?,\s*(?=(?:what|which|who|whom|whose|when|where|why|how|by what|by how)\b)", re.I)
_KINDS = frozenset(_HEAD_TYPES) | frozenset("law act legislation statute regulation regulations".split())
_WORD = re.compile(r"[A-Za-z][\w'’&-]*|[^\sA-Za-z]+")


def question_focus(question: str) -> list[str]:
    """The question's subject phrases, in order ("former service personnel", "Kent Travel Saver pass").

    A leading clause that sets the question's source or occasion ("According to the Budget Risks
    Register, ...", "At the Cabinet meeting on 9 January 2025, ...") is left out when the question
    after it names a thing of its own.
    """
    lead = _LEAD.match(question)
    if lead:
        rest = _phrases_of(question[lead.end() :])
        if rest:
            return rest
    return _phrases_of(question)


def _phrases_of(text: str) -> list[str]:
    words = _WORD.findall(text)
    runs: list[list[str]] = []
    current: list[str] = []
    breaks: list[str] = []  # what ended each run
    for word in [*words, "."]:
        if _is_content(word):
            current.append(word)
            continue
        if current:
            runs.append(current)
            breaks.append(word.lower())
            current = []
        runs.append([word])  # the break itself, so verbs are judged by what precedes them
        breaks.append("")
    return [" ".join(phrase) for phrase in _phrases(runs, breaks) if phrase]


def focus_terms(question: str, weights: dict[str, float], known: frozenset[str]) -> dict[str, float]:
    """The keyword terms of the question's subject phrases that the collection uses, with their weights.

    Words asking for a kind of value ("cost", "number") are left out: a value answers them.
    """
    phrases = question_focus(question)
    terms = set().union(*terms_of(phrases)) if phrases else set()
    return {t: w for t, w in weights.items() if t in terms and t in known and t not in _VALUE_TERMS}


def content_weights(question: str, weights: dict[str, float]) -> dict[str, float]:
    """The question's weighted terms without its framing words ("roughly", "according", "mentioned")."""
    framing = _framing_terms() - set().union(*terms_of(question_focus(question) or [""]))
    return {t: w for t, w in weights.items() if t not in framing}


@functools.cache
def _framing_terms() -> frozenset[str]:
    """The framing words as keyword terms (stemmed as the index stems them), read once."""
    return frozenset(terms_of([" ".join(sorted(_FRAMING))])[0])


def _is_content(word: str) -> bool:
    lower = word.lower()
    return word[0].isalpha() and (len(word) > 1 or word.isupper()) and lower not in _STOPS and lower not in _FRAMING


def _phrases(runs: list[list[str]], breaks: list[str]) -> list[list[str]]:
    """Each content run less the words its position marks as verbs (see the module docstring)."""
    phrases = []
    previous = ""  # the last function word before the current run ("how" for "how many")
    last = ""  # the word just before it
    after_do = False
    for run, ended_by in zip(runs, breaks, strict=True):
        if not ended_by:  # a function word or punctuation
            word = last = run[0].lower()
            after_do = word in _DO_MODAL or (after_do and (word in _DETERMINERS or word == "of"))
            if word not in _DETERMINERS and not (previous == "how" and word in _HOW):
                previous = word
            continue
        phrases.append(_without_verbs(run, ended_by, previous if previous != "to" or last == "to" else "", after_do))
        after_do = after_do and ended_by == "of" and not run[-1].islower()  # "did the School of Medicine open"
        previous = ""
    return phrases


def _without_verbs(run: list[str], ended_by: str, previous: str, after_do: bool) -> list[str]:
    """The run less its verb; nothing when all it names is the kind of answer wanted ("which law
    led to", "what proportion of": a law, a share answers it)."""
    words = _less_verb(run, ended_by, previous, after_do)
    if previous in ("what", "which") and len(words) == 1 and words[0].lower() in _KINDS:
        return []
    return words


def _less_verb(run: list[str], ended_by: str, previous: str, after_do: bool) -> list[str]:
    """The run less its verb, when its position marks one."""
    if previous in ("who", "whom") and run[0].islower():
        return run[1:]  # "who chairs Safer Essex"
    if not run[-1].islower() or ended_by in _DO_MODAL or ended_by in _BE_HAVE:
        return run
    ends = ended_by in _DETERMINERS or not ended_by[0].isalpha()
    verb_last = (
        after_do  # "does KCC run", "will each county councillor receive"
        or (previous == "how" and len(run) > 1)  # "how many former service personnel live in"
        or (previous in ("what", "which") and len(run) > 1 and ends)  # "which organisation holds the"
        or (previous == "to" and len(run) == 1)  # "seek to add to"
        or run[-1].endswith("ed")  # "the amendment proposed by"
    )
    return run[:-1] if verb_last else run
