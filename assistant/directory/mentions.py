"""Finding where a document names an initiative or a board.

Three sources, most trusted first:

1. structure: a heading inside an ambition's section names one of its initiatives
   ("Case Study: Digital Boomers" names Digital Boomers);
2. list items under an ambition, in lists introduced as work ("This includes:", "much work
   underway") rather than as context ("For example:", "trends we want to change"): the item's
   lead name ("Essex Forest Initiative - we are planting ...", "The launch of Essex Unites ...");
3. patterns anywhere: a Title Case name ending in a kind word ("... Board", "... Fund"), a name
   followed by one in lower case ("Digital Boomers project"), "X is a new project",
   "boards such as X and Y" (with no kind word, a body's: "Task Force"), "a programme named the 'X'".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.directory.doctext import DocText, Line, Section
from assistant.directory.named_forms import (
    acronym_after,
    among_glossary,
    cut_at_slash,
    described_names,
    extend_left,
    in_quotation,
    is_glossary,
    is_table_row,
    lower_kind_suffix,
    mid_sentence,
    preceded_by_initials,
    quoted_names,
    raised_for,
    row_label,
    skip_acronym,
    start_by_acronym,
    wrapped_name,
)
from assistant.directory.names import (
    BOARD_WORDS,
    BODY_NOUNS,
    FINANCE_WORDS,
    INITIATIVE_WORDS,
    NOT_INITIATIVE_WORDS,
    NOT_NAMES,
    STRUCTURAL_WORDS,
    VERB_START,
    clean_name,
    is_generic,
    is_own,
    is_title_case,
    kind_of,
    last_word,
    named_items,
    owner_of,
    phrase_items,
    proper_phrases,
    strip_lead_in,
)
from assistant.directory.themes import Themes

_QUESTION = re.compile(r"^(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?", re.IGNORECASE)
_DASH = re.compile(r"^(.{2,90}?)\s+[-–—]\s+\S")
_POSITIVE_INTRO = re.compile(
    r"includ|underway|development|activit|projects|programmes|initiatives|examples? of impact|achiev|delivered",
    re.IGNORECASE,
)
_NEGATIVE_INTRO = re.compile(r"for example|trends?\b|inequalit|remain|risks?\b|challenges? (?:are|include)", re.I)
_IS_A = re.compile(
    r"\s*,?\s+(?:(?:this\s+)?(?:is|was)\s+(?:an?|the)|an?)\s+(?:[a-z\-]+\s+){0,3}?"
    r"(project|programme|scheme|campaign|initiative|pilot|fund|prize|partnership|board)\b"
)
_LIST_NOUNS = (
    r"\b(projects|programmes|programs|initiatives|schemes|boards|partnerships|forums|groups|alliances|networks)\b"
)
_SUCH_AS = re.compile(_LIST_NOUNS + r"[^.;:]{0,80}?\b(?:such as|include|including)\s+", re.IGNORECASE)
_LIST_NOUN = re.compile(_LIST_NOUNS, re.IGNORECASE)
# A capitalised verb inside a listed name opens a table's next cell, unless the name goes on with a
# connector or a kind word ("Priority Places Support KALC", not "Kent Support and Assistance Service").
_NEXT_CELL_VERB = re.compile(
    r"(?<=[\w)])\s+(?=(?:" + "|".join(sorted(w.title() for w in VERB_START)) + r")\s+(?!(?:and|of|for|&|the)\b)"
    r"(?!(?i:" + "|".join(sorted(INITIATIVE_WORDS | BOARD_WORDS)) + r")\b)\S)"
)
_NAMED = re.compile(r"\b(?:named|called|known as)\s+(?:the\s+)?['\"“‘]?(?=[A-Z#])")
_CHAIR_OF = re.compile(r"\b[Tt]he (?:chair|chairman|chairwoman|chairperson) of (?:the )?")
_CHAIRED_BY = re.compile(r"(?<=\w),? (?:(?:is|was|are|has been|have been) )?(?:currently |now )?chaired by\b")
_BOARD_SUFFIXES = frozenset({"partnership", "board", "group"})
# Kind words that make one capitalised word inside a sentence a name ("engagement with Multiply project").
_SINGLE_NAME_KINDS = frozenset({"project", "programme", "campaign", "initiative", "pilot"})
_LISTED_WORDS = frozenset({"commission", "assembly"})
_LIST_GAP = re.compile(r"(?:\s*(?:,|and|&|or)\s*)*(?:the\s+)?|\s*\([^)]{1,12}\)(?:\s*(?:,|and|&)\s*)*(?:the\s+)?")
_WRAPPED_ROLE = re.compile(
    r"\s*\n\s*(?:Manager|Officer|Lead|Director|Coordinator|Team|Administrator)s?(?=\s*$|[,;])", re.M
)
_ROLE_AFTER = re.compile(r"[ \t]+(?:Manager|Officer|Lead|Director|Coordinator|Co-ordinator|Team|Administrator)s?\b")
_NAMED_AFTER = re.compile(
    r"\b(?:programmes?|projects?|schemes?|funds?|campaigns?|initiatives?|pilots?|grants?)\b", re.IGNORECASE
)
_LABELLED = re.compile(r"\s[–—-]\s|/")
_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True)
class Mention:
    """A place where a document names an initiative or a board.

    ``context`` is the stretch of text about it: its section for a heading, its line for a
    list item, its sentence for a pattern. ``quoted``: the document gives the name in quotes.
    """

    name: str
    kind: str
    start: int
    end: int
    context: tuple[int, int]
    origin: str
    theme: str
    quoted: bool = False


def find_mentions(doc: DocText, themes: Themes) -> list[Mention]:
    """Every mention of an initiative or board in a document, in the order of the sources above."""
    patterns = [mention for mention in _pattern_mentions(doc, themes) if mention is not None]
    return [*_heading_mentions(doc, themes), *_item_mentions(doc, themes), *patterns]


def _heading_mentions(doc: DocText, themes: Themes) -> Iterator[Mention]:
    for section in doc.sections:
        ambition = themes.ambition_at(section.start)
        under_ambition = bool(ambition) and section.title != ambition and section.level > 1
        name = _heading_name(doc, section)
        if not name or is_generic(name) or last_word(name) in NOT_INITIATIVE_WORDS:
            continue
        labelled = _LABELLED.search(section.title) or is_glossary(section.title) or len(section.title.split()) > 8
        if not under_ambition and ("," in section.title or not is_title_case(name) or labelled):
            continue  # outside an ambition a heading names a body only when it is nothing but the name
        kind = kind_of(name) or ("initiative" if under_ambition else None)
        if _ROLE_AFTER.match(doc.text, section.start + len(section.title)) or _WRAPPED_ROLE.match(
            doc.text, section.start + len(section.title)
        ):
            continue  # a table cell "... Senior Project" that runs on into "Manager"
        if kind is None or (not under_ambition and last_word(name) in STRUCTURAL_WORDS):
            continue
        theme = ambition if under_ambition else themes.theme_at(section.start)
        end = section.start + len(section.title)
        yield Mention(name, kind, section.start, end, (section.body_start, section.end), "heading", theme)


def _heading_name(doc: DocText, section: Section) -> str:
    title = _QUESTION.sub("", section.title).rstrip("?").strip()
    if ":" in title and is_generic(title.split(":", 1)[0]):
        title = title.split(":", 1)[1]
    name = clean_name(strip_lead_in(title))
    if re.search(r"\(Item\s+\d+\)|^\d+\.\s", section.title):
        return ""
    if len(name.split()) > 8 and kind_of(name) is None:
        return _repeated_phrase(doc, section)
    return name


def _repeated_phrase(doc: DocText, section: Section) -> str:
    """The name a section with a descriptive heading keeps returning to ("Full Circle")."""
    counts: Counter[str] = Counter()
    for start, end in proper_phrases(doc.text, section.body_start, section.end):
        phrase = re.split(r"['’]s\b", doc.text[start:end])[0].strip()
        if len(phrase.split()) >= 2 and phrase.split()[0].lower() not in NOT_NAMES:
            counts[phrase] += 1
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else ""


def _item_mentions(doc: DocText, themes: Themes) -> Iterator[Mention]:
    intro = ""
    for line in doc.lines:
        if not line.is_item:
            intro = line.text
            continue
        ambition = themes.ambition_at(line.start)
        if not ambition or (_NEGATIVE_INTRO.search(intro) and not _POSITIVE_INTRO.search(intro)):
            continue
        found = _item_name(doc, line)
        if found is None:
            continue
        name, start, end = found
        kind = kind_of(name) or "initiative"
        yield Mention(name, kind, start, end, (line.content_start, line.end), "item", ambition)


def _item_name(doc: DocText, line: Line) -> tuple[str, int, int] | None:
    content, offset = line.content, line.content_start
    dash = _DASH.match(content)
    if dash and (content[0].isupper() or content[0] == "#") and len(dash.group(1).split()) <= 9:
        name = clean_name(strip_lead_in(dash.group(1)))
        if name and not is_generic(name):
            return name, offset, offset + len(dash.group(1))
    rest = strip_lead_in(content)
    lead = offset + max(0, content.find(rest[:12])) if rest else offset
    phrases = proper_phrases(doc.text, lead, line.end)
    if phrases and phrases[0][0] == lead:
        named = _name_at(doc, *phrases[0])
        if named and _is_strong(doc, named):
            return named
    for start, end in phrases:
        name = clean_name(doc.text[start:end])
        if len(name.split()) >= 2 and kind_of(name) and not is_generic(name):
            return name, start, end
    return None


def _name_at(doc: DocText, start: int, end: int) -> tuple[str, int, int] | None:
    """The name a phrase starts, extended by a lower-case kind word ("Chelmsford local plan")."""
    name = clean_name(doc.text[start:end])
    suffix = lower_kind_suffix(doc.text, end)
    if suffix:
        if suffix.group(2) == "plan":
            name, end = clean_name(doc.text[start : suffix.end()]), suffix.end()
        elif suffix.group(1):
            name = clean_name(f"{name} {suffix.group(1)}")
    if not name or is_generic(name):
        return None
    return name, start, end


def _is_strong(doc: DocText, named: tuple[str, int, int]) -> bool:
    """Whether an item's lead phrase is a name rather than a capitalised first word."""
    name, _, end = named
    words = name.split()
    if len(words) >= 2 or _IS_A.match(doc.text, end):
        return True
    word = words[0]
    return any(c.isdigit() for c in word) or word.startswith("#") or sum(c.isupper() for c in word) >= 2


def _pattern_mentions(doc: DocText, themes: Themes) -> Iterator[Mention | None]:
    glossary = [is_glossary(whole.text) for whole in doc.lines]
    for index, whole in enumerate(doc.lines):
        label = row_label(whole.text)
        line = Line(whole.start, whole.start + len(label), label) if label else whole
        if glossary[index] or among_glossary(glossary, index) or (not label and is_table_row(line.text)):
            continue  # a glossary entry or a row of figures names no initiative; a phrase labelling a row may
        yield from _kind_word_mentions(doc, themes, line)
        yield from _quoted_mentions(doc, themes, line)
        yield from _chair_mentions(doc, themes, line)
        yield from _list_mentions(doc, themes, line)
        for match in _NAMED.finditer(doc.text, line.start, line.end):
            if not _NAMED_AFTER.search(doc.text[max(line.start, match.start() - 60) : match.start()]):
                continue  # "(known as 'Additional Modifications')" names a term, not an initiative
            phrases = proper_phrases(doc.text, match.end(), line.end)
            if phrases and phrases[0][0] == match.end():
                name = clean_name(doc.text[slice(*phrases[0])])
                yield _pattern_mention(doc, themes, name, kind_of(name) or "initiative", phrases[0])


def _quoted_mentions(doc: DocText, themes: Themes, line: Line) -> Iterator[Mention | None]:
    """Names in quotes beside a kind word, and a line's lead name that its text says is a service."""
    for name, span in quoted_names(doc.text, line.start, line.end):
        yield _pattern_mention(doc, themes, name, kind_of(name) or "initiative", span, quoted=True)
    following = doc.lines[doc.line_index(line) + 1] if doc.line_index(line) + 1 < len(doc.lines) else None
    for name, span in described_names(doc.text, line.start, line.end, following and following.content):
        yield _pattern_mention(doc, themes, name, kind_of(name) or "initiative", span)


def _kind_word_mentions(doc: DocText, themes: Themes, line: Line) -> Iterator[Mention | None]:
    for start, end in proper_phrases(doc.text, line.start, line.end):
        if start == line.start and (wrapped := wrapped_name(doc.text, doc.lines, doc.line_index(line), start, end)):
            yield _pattern_mention(doc, themes, wrapped[1], kind_of(wrapped[1]) or "initiative", (wrapped[0], end))
            continue  # "... the One Public" over "Estate Programme through the Kent": one name wrapped
        extended = extend_left(doc.text, start)
        whole = clean_name(doc.text[extended:end])
        if extended != start and kind_of(whole):
            yield _pattern_mention(doc, themes, whole, kind_of(whole) or "initiative", (extended, end))
            continue
        for name, (s, e) in phrase_items(doc.text, start, end):
            kind = kind_of(name)
            if kind and len(name.split()) >= 2 and not is_generic(name):
                yield _pattern_mention(doc, themes, name, kind, (s, e))
        yield from _run_on_mentions(doc, themes, start, end)
        yield from _suffix_mentions(doc, themes, start, end)


def _run_on_mentions(doc: DocText, themes: Themes, start: int, end: int) -> Iterator[Mention | None]:
    """A name that a table cell runs on into the next one ("Holiday Activities and Food Programme Support delivery")."""
    words = list(_NON_SPACE.finditer(doc.text[start:end]))
    for index, word in enumerate(words[:-1]):
        following = words[index + 1].group()
        if word.group().lower() in INITIATIVE_WORDS and following.lower() in VERB_START and index >= 1:
            span = (start, start + word.end())
            name = clean_name(doc.text[slice(*span)])
            if kind_of(name) and not is_generic(name):
                yield _pattern_mention(doc, themes, name, kind_of(name) or "initiative", span)
            return


def _suffix_mentions(doc: DocText, themes: Themes, start: int, end: int) -> Iterator[Mention | None]:
    """A phrase followed by a lower-case kind word, or by "is a new project"."""
    name = clean_name(doc.text[start:end])
    if all(word.lower() in NOT_NAMES for word in name.split()):
        return
    is_a = _IS_A.match(doc.text, skip_acronym(doc.text, end))
    if is_a:
        kind = "board" if is_a.group(1) in ("partnership", "board") else "initiative"
        yield _pattern_mention(doc, themes, name, kind, (start, end))
        return
    suffix = lower_kind_suffix(doc.text, skip_acronym(doc.text, end))
    if not suffix or (suffix.group(1) or "").endswith("s") or re.search(r"['’]s$", name):
        return  # "KCC's resettlement programme" names no programme
    acronym = skip_acronym(doc.text, end) != end
    if (suffix.group(1) in FINANCE_WORDS and not acronym) or (suffix.group(2).endswith("s") and not suffix.group(1)):
        return  # "Net Zero projects", "Annual Maintenance capital project": a class of projects or a budget line
    word = suffix.group(2)
    single_ok = (
        len(name.split()) >= 2
        or (sum(c.isupper() for c in name) >= 2 and word != "service")
        or word == "plan"
        or (word in _SINGLE_NAME_KINDS and not suffix.group(1) and mid_sentence(doc.text, start))
    )
    if not single_ok or (word == "plan" and suffix.group(1) != "local"):
        return
    if word in ("scheme", "service") and re.fullmatch(r"[A-Za-z]{2,5}", name) and not name.istitle():
        return  # "the DfT scheme", "the AVC scheme": an organisation's or a pension's scheme, no named initiative
    if word == "plan" or (len(name.split()) == 1 and sum(c.isupper() for c in name) < 2):
        name = clean_name(doc.text[start : suffix.end()])  # "Respect campaign": one word alone is no name
    kind = "board" if word in _BOARD_SUFFIXES else "initiative"
    between = suffix.group(1) or ""
    if kind == "board" and between and re.fullmatch(r"[A-Z]{2,6}", name):
        return  # "our existing KCC staff group": an organisation's people, not a body it names
    if kind == "board" and not between:
        name = f"{name} {word.title()}"  # "the Treasury Management group (TMG)"
    elif word != "plan" and between and skip_acronym(doc.text, end) == end and between not in FINANCE_WORDS:
        name = f"{name} {between}"  # "Community Speed watch programmes"
    yield _pattern_mention(doc, themes, name, kind, (start, end))


def _chair_mentions(doc: DocText, themes: Themes, line: Line) -> Iterator[Mention | None]:
    """Bodies named as having a chair ("The chair of Safer Essex is ...", "X is chaired by ...")."""
    for match in _CHAIR_OF.finditer(doc.text, line.start, line.end):
        phrases = proper_phrases(doc.text, match.end(), line.end)
        if phrases and phrases[0][0] == match.end():
            name = clean_name(doc.text[slice(*phrases[0])])
            named = not all(w.lower() in NOT_NAMES for w in name.split())
            if named and doc.text[phrases[0][1] : phrases[0][1] + 4] == " is ":
                yield _pattern_mention(doc, themes, name, "board", phrases[0])
    for match in _CHAIRED_BY.finditer(doc.text, line.start, line.end):
        phrases = [p for p in proper_phrases(doc.text, line.start, match.start()) if p[1] == match.start()]
        if phrases:
            yield _pattern_mention(doc, themes, clean_name(doc.text[slice(*phrases[0])]), "board", phrases[0])


def _list_mentions(doc: DocText, themes: Themes, line: Line) -> Iterator[Mention | None]:
    for match in _SUCH_AS.finditer(doc.text, line.start, line.end):
        # the kind noun nearest the cue: "social networks and ... district initiatives including X" lists initiatives
        noun = _LIST_NOUN.findall(match.group())[-1].lower()
        default = "initiative" if noun in ("projects", "programmes", "programs", "initiatives", "schemes") else "board"
        stop = re.compile(r"[.;:]|\s[–-]\s|such as").search(doc.text, match.end(), line.end)
        region_end = stop.start() if stop else line.end
        previous = match.end()
        for name, span in named_items(doc.text, match.end(), region_end):
            if not _LIST_GAP.fullmatch(doc.text[previous : span[0]]):
                break  # the list has ended ("schemes include a borrowing facility by the PFI")
            previous = span[1]
            if (cell := _NEXT_CELL_VERB.search(doc.text, span[0], span[1])) is not None:
                span = (span[0], cell.start())  # "Priority Places Support KALC ...": the next cell opens with a verb
                name = clean_name(doc.text[slice(*span)])
            kind = kind_of(name) or ("board" if default == "board" and last_word(name) in BODY_NOUNS else "initiative")
            if not is_generic(name):
                yield _pattern_mention(doc, themes, name, kind, span)
            if cell is not None:
                break  # the rest of the line is another cell


def _pattern_mention(
    doc: DocText, themes: Themes, name: str, kind: str, span: tuple[int, int], quoted: bool = False
) -> Mention | None:
    start, end = span
    if _ROLE_AFTER.match(doc.text, end) or _WRAPPED_ROLE.match(doc.text, end):
        return None  # "Innovation Delivery Team Senior Project Manager" is a post, "... Programme Team" a team
    if in_quotation(doc.text, start - 1 if quoted else start) or (not quoted and cut_at_slash(doc.text, start, end)):
        return None  # what a respondent said names no initiative; "Drug Drive" is half of "Drink/Drug Drive"
    if raised_for(doc.text, start):
        return None  # "raised £5,000 for ... the Army Benevolent Fund": a charity
    owner = owner_of(doc.text[start:end])
    own = bool(owner) and is_own(owner, doc.document.info.organisation)
    if owner and not own:
        return None  # "Bedfordshire County Council's Empty Homes Forum" belongs to another council
    if is_generic(name, quoted) or (last_word(name) in STRUCTURAL_WORDS and not themes.ambition_at(start) and not own):
        return None  # a "... Centre" or "... Network" named in passing is a place or a network, not an initiative
    if last_word(name) in _LISTED_WORDS and not themes.ambitions:
        return None  # outside a partnership's report, a commission or an assembly is mostly a national body
    if preceded_by_initials(doc.text, start, name):
        return None  # "IMF International Monetary Fund": a glossary entry
    acronym = acronym_after(doc.text, end)
    if acronym and "(" not in name:
        if (whole := start_by_acronym(doc.text, start, name, acronym.group(1))) != start:
            start, name = whole, clean_name(doc.text[whole:end])  # "Council Tax Reduction Scheme (CTRS)"
        name, end = f"{name} ({acronym.group(1)})", acronym.end()
    sentence = doc.sentence_at(start)
    return Mention(name, kind, start, end, sentence, "pattern", themes.theme_at(start), quoted)
