"""Second keys by relation: a distractor the course text puts in the same slot as
the key (an outcome, a goal, something the actor takes part in, or simply the
same governing word) is also defensible, so it is no distractor at all.

'... strategic planning into the missions they participate in, driving _____'
(long-term peace): 'harmonious world' ('their vision for a harmonious world')
and 'mutual growth' ('creates avenues for collaboration, trust, and mutual
growth') are outcomes the essay attributes to the same activity.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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


@functools.lru_cache(maxsize=8192)
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


class WordIndex:
    """Which of some texts hold every word of a phrase: a filter before the
    exact test (a case-blind regular expression or :func:`..text.find_words`),
    so a phrase is looked for only in the texts that may hold it and the cost
    of a course grows with its length, not with its square. A text or phrase
    with a letter that case-blind matching pairs with a different lower case
    (dotless i, long s, final sigma, ...) is always a candidate."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._postings: dict[str, list[int]] | None = None
        self._odd: list[int] = []

    def _build(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            for n, text in enumerate(self.texts):
                if not _odd_chars().isdisjoint(text):
                    self._odd.append(n)
                for word in set(_WORD.findall(text.lower())):
                    postings.setdefault(word, []).append(n)
            self._postings = postings
        return self._postings

    def candidates(self, phrase: str) -> list[int]:
        """Positions (in order) of the texts that may hold ``phrase`` as whole
        words, case-blind: a superset of the texts that do."""
        words = set(_WORD.findall(phrase.lower()))
        if not words or not _odd_chars().isdisjoint(phrase):
            return list(range(len(self.texts)))
        postings = self._build()
        lists = sorted((postings.get(w, []) for w in words), key=len)
        found = set(lists[0])
        for other in lists[1:]:
            if not found:
                break
            found.intersection_update(other)
        return sorted(found.union(self._odd))


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1)
def _odd_chars() -> frozenset[str]:
    """Characters whose lower case a case-blind regular expression matches with
    another lower case (re's extra cases), and those with a lower case of more
    than one character ('İ')."""
    try:
        from re import _casefix  # type: ignore[attr-defined]

        codes = {k for k, v in _casefix._EXTRA_CASES.items()}
        codes |= {c for v in _casefix._EXTRA_CASES.values() for c in v}
        lower = {chr(c) for c in codes if c > 127}
    except (ImportError, AttributeError):  # another Python: every non-ASCII letter
        return frozenset(chr(c) for c in range(128, sys.maxunicode + 1) if chr(c).isalpha())
    return frozenset(
        chr(c) for c in range(128, 0x10000)
        if chr(c).lower() in lower or chr(c) in lower or len(chr(c).lower()) != 1
    )


@dataclass
class _Held:
    """Every slot one phrase stands in, as what :func:`same_slot` asks of them:
    the relations, the (head, preposition) pairs."""

    relations: frozenset[str]
    heads: frozenset[tuple[str, str]]
    by_preposition: dict[str, set[str]] = field(default_factory=dict)


class SlotIndex:
    """The slots of phrases in the course's sentences, computed once per phrase."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self.sentences = list(sentences)
        self._slots: dict[str, list[Slot]] = {}
        self._held: dict[str, _Held] = {}
        self._words = WordIndex(self.sentences)
        self._rivals: dict[tuple[str, ...], dict[str, dict[object, list[str]]]] = {}

    def slots(self, phrase: str) -> list[Slot]:
        key = phrase.lower()
        if key not in self._slots:
            pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I)
            self._slots[key] = [
                slot_before(text[: m.start()])
                for text in (self.sentences[n] for n in self._words.candidates(phrase))
                for m in pattern.finditer(text)
            ]
        return self._slots[key]

    def held(self, phrase: str) -> _Held:
        key = phrase.lower()
        if key not in self._held:
            slots = self.slots(phrase)
            by_preposition: dict[str, set[str]] = {}
            for slot in slots:
                if slot.preposition and slot.head:
                    by_preposition.setdefault(slot.preposition, set()).add(slot.head)
            self._held[key] = _Held(
                frozenset().union(*(s.relations for s in slots)),
                frozenset((s.head, s.preposition) for s in slots if s.head),
                by_preposition,
            )
        return self._held[key]

    def second_key(self, stem_before: str, option: str, stem_words: set[str]) -> bool:
        """Does the course text relate ``option`` to something as the stem relates
        its key (``stem_before``: the stem up to the blank)?"""
        return _same(slot_before(stem_before), self.held(option), stem_words)

    def rival(
        self, stem_before: str, phrases: Sequence[str], stem_words: set[str], key: str
    ) -> bool:
        """Is some phrase of ``phrases`` (one not part of ``key``) a second key
        for the stem (:meth:`second_key`)? Answered from a map of the phrases by
        relation and by governing word, made once per list of phrases."""
        key_slot = slot_before(stem_before)
        maps = self._rival_maps(tuple(phrases))
        low = key.lower()
        groups: list[list[str]] = [maps["relation"].get(r, []) for r in key_slot.relations]
        if key_slot.head:
            groups.append(maps["head"].get((key_slot.head, key_slot.preposition), []))
        if key_slot.preposition:
            groups += [maps["head"].get((w, key_slot.preposition), []) for w in stem_words]
        return any(p.lower() != low and p.lower() not in low for g in groups for p in g)

    def _rival_maps(self, phrases: tuple[str, ...]) -> dict[str, dict[object, list[str]]]:
        if phrases not in self._rivals:
            maps: dict[str, dict[object, list[str]]] = {"relation": {}, "head": {}}
            for phrase in dict.fromkeys(phrases):
                held = self.held(phrase)
                for relation in held.relations:
                    maps["relation"].setdefault(relation, []).append(phrase)
                for pair in held.heads:
                    maps["head"].setdefault(pair, []).append(phrase)
            self._rivals[phrases] = maps
        return self._rivals[phrases]


def _same(key_slot: Slot, held: _Held, stem_words: set[str]) -> bool:
    """:func:`same_slot` of ``key_slot`` and any slot of a phrase."""
    if key_slot.relations & held.relations:
        return True
    if key_slot.head and (key_slot.head, key_slot.preposition) in held.heads:
        return True
    return bool(
        key_slot.preposition
        and not stem_words.isdisjoint(held.by_preposition.get(key_slot.preposition, ()))
    )
