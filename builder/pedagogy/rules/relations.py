"""Second keys by relation: a distractor the course text puts in the same slot as
the key (an outcome, a goal, something the actor takes part in, or simply the
same governing word) is also defensible, so it is no distractor at all.

'... strategic planning into the missions they participate in, driving _____'
(long-term peace): 'harmonious world' ('their vision for a harmonious world')
and 'mutual growth' ('creates avenues for collaboration, trust, and mutual
growth') are outcomes the essay attributes to the same activity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..lexicon import STOPWORDS
from ..text import stem

_TOKEN = re.compile(r"[\w'’-]+|[,;:()]|\s[-–—]\s")
_BREAKS = frozenset(",;:()")
_SKIP = frozenset(
    "the a an these those this that their its his her our my your other others more "
    "numerous many several various such some all each every new greater".split()
)
PREPOSITIONS = frozenset(
    "of in for to into on with by from towards toward about among between through".split()
)
# What a slot says about the thing in it. Stems, matched at the start of a word.
RELATIONS: dict[str, tuple[str, ...]] = {
    "outcome": (
        "driv", "promot", "foster", "creat", "lead", "led", "result", "vision", "aim",
        "goal", "toward", "achiev", "ensur", "strengthen", "betterment", "avenue",
        "way", "produc", "help", "build", "built", "dedicat", "commit", "pursu",
        "seek", "sought", "advanc", "enhanc", "improv", "boost", "ideal", "hope",
        "purpose", "objective", "benefit", "importan", "belie", "valu",
    ),
    "engagement": (
        "participat", "involv", "invest", "contribut", "engag", "role", "serv",
        "deploy", "join", "mission", "operat", "activit", "work",
    ),
    "cause": ("caus", "due", "because", "driven", "stem", "origin", "reason"),
}


@dataclass(frozen=True)
class Slot:
    """What governs a position in a sentence: the preposition right before it (if
    any), the content word that governs it, and the relation that context implies."""

    preposition: str
    head: str
    relations: frozenset[str]


def slot_before(before: str) -> Slot:
    """The slot that the text ``before`` opens, looking through a list that the
    position ends ('avenues for collaboration, trust, and _____')."""
    toks = [t.strip().lower() for t in _TOKEN.findall(before)]
    toks = [t if t.strip("-–—") else ";" for t in toks]
    toks = _drop_list(toks)
    while toks and toks[-1] in _SKIP:
        toks.pop()
    clause: list[str] = []
    for tok in reversed(toks):
        if tok in _BREAKS:
            break
        clause.insert(0, tok)
    window = clause[-5:]
    preposition = window[-1] if window and window[-1] in PREPOSITIONS else ""
    content = [w for w in window if w not in STOPWORDS and w not in _SKIP]
    head = stem(content[-1]) if content else ""
    return Slot(preposition, head, _relations(window if preposition else window[-2:]))


def _drop_list(toks: list[str]) -> list[str]:
    """Remove the earlier members of a list the position closes."""
    toks = list(toks)
    if not toks or toks[-1] not in ("and", "or"):
        return toks
    toks.pop()
    if toks and toks[-1] == ",":
        toks.pop()
    while toks:
        taken = 0
        while toks and toks[-1] not in _BREAKS and toks[-1] not in STOPWORDS and taken < 3:
            toks.pop()
            taken += 1
        if toks and toks[-1] == "," and taken:
            toks.pop()
            continue
        break
    return toks


def _relations(words: Iterable[str]) -> frozenset[str]:
    found = set()
    for word in words:
        for name, stems in RELATIONS.items():
            if any(word.startswith(s) for s in stems):
                found.add(name)
    return frozenset(found)


def occurrences(sentences: Iterable[str], phrase: str) -> list[Slot]:
    """The slot of every occurrence of ``phrase`` in ``sentences``."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I)
    return [slot_before(text[: m.start()]) for text in sentences for m in pattern.finditer(text)]


def same_slot(key_slot: Slot, other: Slot, stem_words: set[str]) -> bool:
    """Does ``other`` hold its phrase the way ``key_slot`` holds the key: the same
    relation (both outcomes, both things taken part in), or the same governing word
    and preposition, or a preposition after a word the stem also uses?"""
    if key_slot.relations & other.relations:
        return True
    if key_slot.head and other.head == key_slot.head and (
        other.preposition == key_slot.preposition
    ):
        return True
    return bool(
        key_slot.preposition
        and other.preposition == key_slot.preposition
        and other.head
        and other.head in stem_words
    )


class SlotIndex:
    """The slots of phrases in the course's sentences, computed once per phrase."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self.sentences = list(sentences)
        self._slots: dict[str, list[Slot]] = {}

    def slots(self, phrase: str) -> list[Slot]:
        key = phrase.lower()
        if key not in self._slots:
            self._slots[key] = occurrences(self.sentences, phrase)
        return self._slots[key]

    def second_key(self, stem_before: str, option: str, stem_words: set[str]) -> bool:
        """Does the course text relate ``option`` to something as the stem relates
        its key (``stem_before``: the stem up to the blank)?"""
        key_slot = slot_before(stem_before)
        return any(same_slot(key_slot, other, stem_words) for other in self.slots(option))
