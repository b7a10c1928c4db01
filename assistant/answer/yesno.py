"""Questions asked for a yes or a no, whose "who" or "which" is no question word.

"Can people who live in Chelmsford use the university's books, cafés and gym?" opens with an
auxiliary and asks whether; its "who" is a relative pronoun after a noun ("people who live"), so the
question wants no person, and reading it as a "who" question took the sentence naming a partnership
for its answer. "Do you know who chairs Safer Essex?" and "Does the report say which council leads
it?" still ask who and which: their "who" follows a word of telling or knowing, or a pronoun.
"""

from __future__ import annotations

import re

_AUXILIARY_OPENING = r"can|could|is|are|was|were|do|does|did|will|would|has|have|had|should|may"
# words after which "who"/"which" asks ("tell me who", "know which", "find out who")
_ASKING = (
    "know tell say says said ask explain show shows find see state states confirm list name mention mentions "
    "indicate sure clear me us you them him her out and or"
)
_RELATIVE = re.compile(
    rf"^\s*(?:{_AUXILIARY_OPENING})\b[^?]*?\b(?!(?:{'|'.join(_ASKING.split())})\b)[a-z]+\s+(?:who|whom|whose|which|where)$",
    re.IGNORECASE,
)


def relative_pronoun(opening: str) -> bool:
    """Whether the question word that ends ``opening`` (the question up to it) is a relative pronoun
    in a yes/no question ("Can people who", "Is there a scheme which") rather than what is asked."""
    return bool(_RELATIVE.match(opening))
