"""Distractors: the whole course as the pool wrong options and substitutions are
drawn from (:class:`CourseIndex`), and the choice of options for a blank, of the
same kind as the key and never one the text would also support."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..lexicon import AGENT_NOUNS, GENERIC, NOUN_CLASSES
from ..semantic import SYNONYM, get_embedder
from ..text import (
    Casing,
    Sentence,
    content_words,
    find_words,
    nounish,
    stem,
    tokens,
)
from .analysis import NUMBER, YEAR, ModuleAnalysis, norm
from .cloze import BLANK, LABEL, Blank, _has_number, _plural, kind_of, modifier_kind, vague
from .relations import SlotIndex, WordIndex

NEIGHBOURS = 30
"""Other modules a long course draws options from (see CourseIndex.neighbours)."""


@dataclass
class CourseIndex:
    """What distractors and substitutions may be drawn from: the whole course."""

    casing: Casing
    analyses: dict[str, ModuleAnalysis]
    _words: dict[int, set[str]] = field(default_factory=dict)
    _by_word: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    _slots: SlotIndex | None = None
    _lowered: list[tuple[Sentence, str]] | None = None
    _lowered_words: WordIndex | None = None
    _key_phrases: dict[int, tuple[str, ...]] = field(default_factory=dict)
    _pools: dict[tuple[str, str, bool], list[str]] = field(default_factory=dict)
    _holders: dict[str, list[ModuleAnalysis]] = field(default_factory=dict)
    contrasts: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Per module, the phrases it sets side by side (made by quiz._contrasts)."""
    _shapes: dict[int, dict[tuple[int, str], dict[str, list[str]]]] = field(default_factory=dict)

    def slot_index(self) -> SlotIndex:
        if self._slots is None:
            self._slots = SlotIndex(s.text for s in self.all_sentences())
        return self._slots

    def neighbours(self, module_id: str) -> list[str]:
        """The modules (ids, sorted) whose phrases may serve as options in
        ``module_id``: every other one, or in a long course the
        :data:`NEIGHBOURS` nearest in course order (so the cost of a course
        grows with its length, not with its square)."""
        others = sorted(k for k in self.analyses if k != module_id)
        if len(others) <= NEIGHBOURS:
            return others
        place = {k: n for n, k in enumerate(self.analyses)}
        nearest = sorted(others, key=lambda k: (abs(place[k] - place[module_id]), k))
        return sorted(nearest[:NEIGHBOURS])

    def all_sentences(self) -> Iterable[Sentence]:
        for analysis in self.analyses.values():
            yield from analysis.sents

    def words_of(self, sent: Sentence) -> set[str]:
        key = id(sent)
        if key not in self._words:
            self._words[key] = content_words(sent.text)
        return self._words[key]

    def related(self, a: str, b: str) -> bool:
        """Do words of ``a`` and ``b`` stand together in one phrase of the course
        (a sign that one could pass for the other)?"""
        if not self._by_word:
            for analysis in self.analyses.values():
                for key in analysis.phrases:
                    words = frozenset(key.split())
                    for word in words:
                        self._by_word.setdefault(word, []).append(words)
        wa, wb = set(norm(a).split()), set(norm(b).split())
        return any(words & wb for word in wa for words in self._by_word.get(word, ()))

    def name_kind(self, name: str) -> str:
        """The kind of a name across the whole course: 'other' when modules disagree
        ('Wendell Phillips' read as a place in one, 'Phillips' a person in all), so
        that a person is never swapped for a place."""
        if not self._holders:
            for analysis in self.analyses.values():
                for held in analysis.names:
                    self._holders.setdefault(held, []).append(analysis)
        kinds = {a.name_kind(name) for a in self._holders.get(name, ())}
        last = name.split()[-1]
        if " " in name:
            kinds |= {a.name_kind(last) for a in self._holders.get(last, ())}
        kinds -= {"other"}
        return kinds.pop() if len(kinds) == 1 else "other"

    def supported(self, statement: str, word: str, threshold: float = 0.5) -> bool:
        """Does some sentence containing ``word`` say much what ``statement`` says?"""
        target = content_words(statement) - content_words(word)
        if not target:
            return False
        low = word.lower()
        for sent, lower in self.holding(low):
            if low in lower and find_words(lower, low) is not None:
                words = self.words_of(sent)
                if len(target & words) / len(target) >= threshold:
                    return True
        return False

    def texts(self) -> str:
        """The whole course text (for what the text pairs a word with)."""
        return "\n\n".join(a.text for a in self.analyses.values())

    def context_of(self, phrase: str, besides: str, width: int = 5) -> str:
        """A few words around ``phrase`` where the course uses it in a sentence
        other than ``besides`` ('' when it does not)."""
        low = phrase.lower()
        for sent, lower in self.holding(low):
            if sent.text == besides or low not in lower:
                continue
            place = find_words(lower, low)
            if place is None:
                continue
            start = place[0]
            for _ in range(width):
                start = sent.text.rfind(" ", 0, max(0, start - 1)) + 1
            end = place[1]
            for _ in range(width):
                found = sent.text.find(" ", end + 1)
                end = len(sent.text) if found < 0 else found
            return re.split(r"[^\w\s]{3,}", sent.text[start:end])[0].strip(" ,;:.")
        return ""

    def lowered(self) -> list[tuple[Sentence, str]]:
        """Every sentence of the course with its text in lower case (made once)."""
        if self._lowered is None:
            self._lowered = [(s, s.text.lower()) for s in self.all_sentences()]
        return self._lowered

    def holding(self, low: str) -> list[tuple[Sentence, str]]:
        """The sentences of :meth:`lowered` (in order) that may hold the lower-case
        ``low`` as whole words: every one that does, and a few that do not."""
        lowered = self.lowered()
        if self._lowered_words is None:
            self._lowered_words = WordIndex([lower for _, lower in lowered])
        return [lowered[n] for n in self._lowered_words.candidates(low)]

    def same_shape(
        self, module_id: str, count: int, size: int, head: str
    ) -> list[tuple[ModuleAnalysis, list[str]]]:
        """Per module (``module_id``'s first, then the others by id), those of its
        first ``count`` key phrases that have ``size`` words, the last ``head`` (in
        lower case): what a walk through all of them would keep."""
        if count not in self._shapes:
            shapes: dict[tuple[int, str], dict[str, list[str]]] = {}
            for key, analysis in sorted(self.analyses.items()):
                for phrase in analysis.key_phrases[:count]:
                    words = phrase.split()
                    if words:
                        shape = shapes.setdefault((len(words), words[-1].lower()), {})
                        shape.setdefault(key, []).append(phrase)
            self._shapes[count] = shapes
        found = self._shapes[count].get((size, head), {})
        return [(self.analyses[module_id], found.get(module_id, []))] + [
            (self.analyses[k], phrases) for k, phrases in found.items() if k != module_id]

    def key_phrases(self, count: int) -> tuple[str, ...]:
        """The first ``count`` key phrases of every module, in course order."""
        if count not in self._key_phrases:
            self._key_phrases[count] = tuple(
                p for analysis in self.analyses.values() for p in analysis.key_phrases[:count])
        return self._key_phrases[count]


def distractors(
    index: CourseIndex, module_id: str, blank: Blank, count: int = 3, siblings: bool = False
) -> list[str]:
    """Same-kind options from the module first, then the course; never one the text
    would also support in this sentence. With ``siblings``, a phrase's options are
    only phrases with its head noun ('vulgar style' / 'florid style', 'sort
    command' / 'head command'): the one sure sign, without a model of the world,
    that they are the same kind of thing (blind review: 'modern technology'
    among 'harmonious world', 'story' among 'region' were rejected)."""
    if blank.kind in ("place", "org", "person") and index.name_kind(blank.key) != blank.kind:
        return []  # the course is unsure what the name is: no swap is safe
    pool = _pool(index, module_id, blank, siblings)
    key_words = set(norm(blank.key).split())
    stem_words = content_words(blank.stem.replace(BLANK, " "))
    before = tokens(blank.stem.split(BLANK)[0])[-6:]
    window = content_words(" ".join(before))
    if blank.kind in ("place", "org", "person"):
        # a name swapped for a name: any shared topic word makes it a second key
        window |= content_words(blank.stem.replace(BLANK, " "))
        window -= {w for n in index.analyses[module_id].names for w in content_words(n)}
    local = set(index.analyses[module_id].key_phrases[:40])
    stem_before = blank.stem.split(BLANK)[0]
    fitting: list[tuple[float, int, str]] = []
    for order, option in enumerate(dict.fromkeys(pool)):
        if siblings and blank.kind == "phrase" and not head_sibling(option, blank.key):
            continue
        if not _alike(option, blank, key_words, index.casing):
            continue
        if blank.kind == "phrase" and described_alike(index, module_id, blank, option):
            continue  # 'gaudy style' beside 'florid style': the same thing, a second key
        if content_words(option) & stem_words or (
            index.related(option, blank.key) and not same_head(option, blank.key)
            and not head_sibling(option, blank.key)
        ):
            continue
        if blank.kind in ("place", "org", "person") and _near(index, option, window):
            continue
        if nested_kind(option, blank.key):
            continue  # 'betacoronavirus genome' for 'coronavirus genome': also true of it
        if blank.kind == "phrase" and (noun_class(option) == "agent") != (
            noun_class(blank.key) == "agent"
        ):
            continue  # people for people, things for things
        if index.slot_index().second_key(stem_before, option, stem_words):
            continue  # the text puts it where the key stands: a second key
        filled = blank.stem.replace(BLANK, option)
        strict = 0.2 if blank.kind in ("place", "org", "person") else 0.5
        if index.supported(filled, option, strict):
            continue
        fitting.append((-_likeness(option, blank, option in local), order, option))
    if blank.kind == "phrase":
        fitting = _by_meaning(blank.key, fitting)
    chosen: list[str] = []
    for _, _, option in sorted(fitting):
        if len(chosen) == count:
            break
        words = set(norm(option).split())
        if any((words & set(norm(c).split())) - {_head(option)} for c in chosen):
            continue
        chosen.append(_match_case(option, blank.key, index.casing))
    return chosen


def _pool(index: CourseIndex, module_id: str, blank: Blank, siblings: bool) -> list[str]:
    """The options of the blank's kind, in order: from the module, then its
    neighbours. The same for every blank of one kind in a module (but a number's),
    so made once per module and kind."""
    cached = (module_id, blank.kind, siblings)
    if blank.kind not in ("year", "number") and cached in index._pools:
        return index._pools[cached]
    home = index.analyses[module_id]
    chunks: list[list[str]] = []
    ordered = [home] + [index.analyses[k] for k in index.neighbours(module_id)]
    for analysis in ordered:
        chunk: list[str] = []
        chunks.append(chunk)
        if blank.kind in ("year", "number"):
            chunk.extend(
                w for s in analysis.sents for w in tokens(s.text) if _same_number(w, blank))
        elif blank.kind == "phrase":
            chunk.extend(
                p
                for p in (analysis.key_phrases if siblings else analysis.key_phrases[:40])
                if p not in analysis.names
                and not _has_number(p)
                and (" " in p or (analysis.phrases[norm(p)] >= 2 and nounish(p)))
            )
        elif blank.kind != "name":
            chunk.extend(
                n for n in analysis.names
                if kind_of(analysis, n) == blank.kind == index.name_kind(n)
            )
    # never a phrase that one of the modules from its own on quotes
    pool: list[str] = []
    for n, chunk in enumerate(chunks):
        later = ordered[n:]
        quotes = "\0".join(q for a in later for q in a.quoted)
        pool.extend(p for p in chunk if not _quoted(p, later, quotes) and not vague(p))
    if blank.kind not in ("year", "number"):
        index._pools[cached] = pool
    return pool


def _quoted(phrase: str, analyses: list[ModuleAnalysis], quotes: str) -> bool:
    """Does one of ``analyses`` quote ``phrase`` (:meth:`ModuleAnalysis.in_quote`)?
    ``quotes``: their quotations joined by NUL, for one search."""
    low = phrase.lower()
    if not low or "\0" in low:
        return any(a.in_quote(phrase) for a in analyses)
    return low in quotes


def _by_meaning(
    key: str, fitting: list[tuple[float, int, str]], count: int = 3
) -> list[tuple[float, int, str]]:
    """With the similarity model: drop near-synonyms of the key (second right
    answers) and unrelated options, and rank the rest closer in meaning first
    (more plausible). 'NS2 protein' for 'NS1 protein' is close but no synonym.
    Options are weighed in the rules' order, a few at a time, until enough
    pass (each one embedded costs about a millisecond)."""
    embedder = get_embedder()
    if embedder is None or not fitting:
        return fitting
    ranked = sorted(fitting)
    kept: list[tuple[float, int, str]] = []
    for start in range(0, len(ranked), MEANING_BATCH):
        batch = ranked[start:start + MEANING_BATCH]
        options = [option for _, _, option in batch]
        near = embedder.similarity(key, options)
        heads = embedder.similarity(key.split()[-1], [o.split()[-1] for o in options])
        for score, order, option in batch:
            # 'large donations' for 'contributions': the heads mean the same
            sibling = head_sibling(option, key)  # one head: the modifiers tell apart
            closeness = near[option] if sibling else max(near[option], heads[option.split()[-1]])
            if UNRELATED <= closeness < (SIBLING_SYNONYM if sibling else SYNONYM) or same_head(
                    option, key):
                kept.append((score - MEANING_WEIGHT * closeness, order, option))
        if len(kept) > count:
            break
    return kept


MEANING_WEIGHT = 4.0
SIBLING_SYNONYM = 0.8
"""Two phrases with one head are close in meaning by that head alone; above
this they say the same thing ('gaudy style' / 'showy style')."""
MEANING_BATCH = 4
# Below this similarity an option has nothing to do with the key: no student
# would weigh it, so it is not offered ('collective security' for 'mutual
# growth' is 0.27, 'disaster recovery' 0.14, 'story' for 'region' 0.12).
UNRELATED = 0.1


@functools.lru_cache(maxsize=1 << 16)
def _head(phrase: str) -> str:
    return stem(phrase.split()[-1].lower())


def same_head(a: str, b: str) -> bool:
    """'S protein' and 'M protein', 'sort command' and 'tail command': the same
    kind of thing, told apart by a label or a noun naming which one. ('global
    peace' and 'long-term peace' are near-synonyms, not alternatives.)"""
    wa, wb = a.split(), b.split()
    if len(wa) != 2 or len(wb) != 2 or _head(a) != _head(b) or wa[0] == wb[0]:
        return False
    if LABEL.match(wa[0]) and LABEL.match(wb[0]):
        return True
    return modifier_kind(a) == modifier_kind(b) == "noun"


ADJECTIVE_ENDS = ("ical", "al", "ic", "ar")


def _modifier_stems(words: list[str]) -> set[str]:
    out = set()
    for word in words:
        out.add(word)
        for end in ADJECTIVE_ENDS:  # 'viral' -> 'vir', as in 'virus'
            if word.endswith(end) and len(word) - len(end) >= 3:
                out.add(word[: -len(end)])
                break
    return out


def nested_kind(option: str, key: str) -> bool:
    """Do two phrases with one head name a kind and its sub- or super-kind:
    'betacoronavirus genome' / 'coronavirus genome' / 'viral genome'? The one
    is also the other, so as options both are right (blind review: second key)."""
    wo, wk = option.lower().split(), key.lower().split()
    if len(wo) < 2 or len(wk) < 2 or _head(option) != _head(key):
        return False
    mo, mk = " ".join(wo[:-1]), " ".join(wk[:-1])
    if mo == mk:
        return False
    for a, b in ((wo[:-1], mk), (wk[:-1], mo)):
        if any(len(s) >= 3 and s in b and s != b for s in _modifier_stems(a)):
            return True
    return False


def described_alike(index: CourseIndex, module_id: str, blank: Blank, option: str) -> bool:
    """Is ``option`` a describing phrase ('gaudy style') of the key's kind
    ('florid style') written in the paragraph of the key's sentence? Adjectives
    on one head in one paragraph are most often the author's words for the same
    thing, not siblings told apart (blind review: 'gaudy style is the same thing
    in the same paragraph: a second key'), unless the paragraph gives the option
    a sentence of its own as subject. A naming modifier ('sort command' / 'uniq
    command') tells things apart wherever it stands."""
    if not head_sibling(option, blank.key) or "noun" in (
        modifier_kind(option), modifier_kind(blank.key)
    ):
        return False
    analysis = index.analyses.get(module_id)
    if analysis is None:
        return False
    paragraph = blank.claim.sentence.paragraph
    pattern = re.compile(rf"(?<![\w-]){re.escape(option)}(?![\w-])", re.I)
    subject = re.compile(rf"^(?:(?:The|A|An)\s+)?{re.escape(option)}\b", re.I)
    near = [s.text for s in analysis.sents if s.paragraph == paragraph and pattern.search(s.text)]
    # a sibling the paragraph describes on its own (the subject of a sentence of
    # its own: 'A pompous style uses ...') is told apart from the key
    return bool(near) and not any(subject.match(t) for t in near)


@functools.lru_cache(maxsize=1 << 16)
def head_sibling(option: str, key: str) -> bool:
    """Two phrases of the same length with one head noun and nothing else in
    common ('florid style' / 'vulgar style', 'S1 subunit' / 'S2 subunit'): the
    same kind of thing, told apart by what comes before the head."""
    wo, wk = option.lower().split(), key.lower().split()
    if not 2 <= len(wk) <= 3 or len(wo) != len(wk) or _head(option) != _head(key):
        return False
    if not all(w.replace("-", "").isalnum() for w in wo + wk):
        return False
    return not {stem(w) for w in wo[:-1]} & {stem(w) for w in wk[:-1]}




def noun_class(phrase: str) -> str:
    last = phrase.split()[-1].lower()
    if last in AGENT_NOUNS:
        return "agent"
    for name, endings in NOUN_CLASSES:
        if last.endswith(endings) and len(last) > 4:
            return name
    return "thing"


def _likeness(option: str, blank: Blank, at_home: bool) -> float:
    """How much ``option`` is the same kind of thing as the key: same head noun
    ('S protein' / 'M protein'), same noun class, same module, same length; for
    numbers, nearness in value."""
    if blank.kind in ("year", "number"):
        return -abs(math.log(_value(option) / _value(blank.key)))
    score = 1.0 if at_home else 0.0
    if same_head(option, blank.key):
        score += 3.0
    if blank.kind == "phrase" and noun_class(option) == noun_class(blank.key):
        score += 2.0
    if len(option.split()) == len(blank.key.split()):
        score += 0.5
    return score - abs(len(option) - len(blank.key)) / 40


def _value(word: str) -> float:
    digits = re.sub(r"[^\d.]", "", word.replace(",", "")).strip(".")
    try:
        return max(float(digits), 1e-3)
    except ValueError:
        return 1.0


def _near(index: CourseIndex, option: str, window: set[str]) -> bool:
    """Is ``option`` used in the course next to the words before the slot?"""
    for sent in index.all_sentences():
        if option in sent.text and index.words_of(sent) & window:
            return True
    return False


def _same_number(word: str, blank: Blank) -> bool:
    if blank.kind == "year":
        return bool(YEAR.match(word)) and word != blank.key and word.endswith("s") == (
            blank.key.endswith("s")
        )
    same_shape = word[:1] == blank.key[:1] if not blank.key[:1].isdigit() else word[:1].isdigit()
    return bool(NUMBER.match(word)) and same_shape and word != blank.key and len(word) > 1


def _alike(option: str, blank: Blank, key_words: set[str], casing: Casing) -> bool:
    if option.lower() == blank.key.lower() or option.lower() in blank.claim.statement.lower():
        return False
    words = set(norm(option).split())
    shared = words & key_words
    if shared and (shared != {_head(option)} or not (
        same_head(option, blank.key) or head_sibling(option, blank.key)
    )):
        return False
    if {w.rstrip("'s") for w in words} & key_words - {_head(option)}:
        return False
    if blank.kind != "phrase":
        return True
    if option.lower() in GENERIC:
        return False
    differ = words - key_words
    if any(a[:5] == b[:5] for a in differ for b in key_words - words if min(len(a), len(b)) >= 5):
        return False
    if any(a.startswith(b) or b.startswith(a) for a in differ for b in key_words - words
           if min(len(a), len(b)) >= 4):
        return False
    if _plural(option) != _plural(blank.key):
        return False
    if abs(len(option.split()) - len(blank.key.split())) > 1:
        return False
    ratio = len(option) / max(1, len(blank.key))
    if not 0.5 <= ratio <= 2.0:
        return False
    return casing.is_proper(option.split()[0]) == casing.is_proper(blank.key.split()[0])


def _match_case(option: str, key: str, casing: Casing) -> str:
    if key[:1].isupper() and not casing.is_proper(key.split()[0]):
        return option[:1].upper() + option[1:]
    if key[:1].islower() and not casing.is_proper(option.split()[0]):
        return option[:1].lower() + option[1:]
    return option
