"""What matters in a module, in any language with data: its sentences ranked
by how central they are, its key phrases, its kind of text (a procedure or
prose) and the course-wide pool of phrases that distractors come from."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ...language import Language
from ...model import Module
from .phrases import Phrase, find
from .text import (
    WORD,
    Sent,
    has_any,
    is_example,
    is_meta,
    is_prose,
    leans,
    norm,
    personal,
    rarity,
    sentences,
)


@dataclass
class Analysis:
    module: Module
    lang: Language
    sents: list[Sent]
    phrases: dict[str, Phrase]
    """Every phrase of the module by key; ``key_phrases`` are the ones that matter."""
    key_phrases: list[Phrase]
    ranked: list[Sent]
    """Sentences of running prose, most central first."""
    procedure: bool
    """Whether the module mostly tells the reader what to do (a how-to)."""
    supported: set[int] = field(default_factory=set)
    """Sentences already quoted in a facilitation note (each note quotes another)."""
    defined: set[str] = field(default_factory=set)
    """The terms the module defines, lower case: the best targets of a question."""
    headings: str = ""
    """The module's title and the headings inside it, lower case: a phrase they name
    is given away by the page around any blank on it."""
    lenient: bool = False
    voiced: bool = False
    """Whether a knowledge check may quote a sentence in the author's voice (a module
    with no other sentence to ask about)."""
    """Whether everyday words may be blanked: only for a module that has no other item."""

    def sent(self, index: int) -> Sent:
        return self.sents[index]


def analyse(module: Module, lang: Language, spread: Counter[str], modules: int) -> Analysis:
    """``spread``: in how many of the course's ``modules`` each word occurs."""
    sents = sentences(module.text, lang)
    phrases = find(sents, lang)
    tf = Counter(k for s in sents for k in s.keys)
    code = lang.code

    def weight(key: str) -> float:
        idf = math.log(1 + modules / max(1, spread[key]))
        return math.log1p(tf[key]) * (0.5 + rarity(key, code) / 2) * (0.5 + idf)

    keys = _key_phrases(phrases, weight, lang)
    top = {p.key for p in keys[:6]}
    scored = []
    alone = [s for s in sents if is_prose(s) and not is_meta(s, lang) and not personal(s, lang)]
    standing = [s for s in alone if not leans(s, lang)]
    # an item quotes its sentence: it must stand alone, in no one's voice; a module
    # whose every sentence leans on another still gets its material from them
    for sent in standing if len(standing) >= 2 else alone:
        distinct = set(sent.keys)
        score = sum(weight(k) for k in distinct) / (math.sqrt(len(distinct)) + 1)
        if any(o.sentence == sent.index for k in top for o in phrases[k].occurrences):
            score *= 1.3
        if sum(ch.isdigit() for ch in sent.text) > 3:
            score *= 0.5  # statistics and dates: a knowledge check at most
        if is_example(sent, lang):
            score *= 0.6  # an example illustrates a central idea; it is not one
        scored.append((score, sent))
    scored.sort(key=lambda p: (-p[0], p[1].index))
    cues = lang.words("procedure")
    steps = sum(1 for s in sents if has_any(s, cues))
    headings = [module.title, *(section.title for section in module.sections)]
    return Analysis(module, lang, sents, phrases, keys, [s for _, s in scored],
                    procedure=bool(cues) and steps >= max(3, len(sents) // 4),
                    headings=" | ".join(" ".join(norm(w, lang) for w in WORD.findall(h))
                                        for h in headings))


def _key_phrases(phrases: dict[str, Phrase], weight, lang: Language) -> list[Phrase]:
    """The phrases worth a question: repeated ones (two-word forms only when the pair
    itself repeats), ranked by how often and how specialised; in a short module
    with few of them, then the most specialised phrases it uses once."""
    repeated: list[tuple[float, Phrase]] = []
    once: list[tuple[float, Phrase]] = []
    for key, phrase in phrases.items():
        count = len({o.sentence for o in phrase.occurrences})
        if not phrase.text[:1].isalpha():
            continue
        words = key.split()
        if count > 1 and len(words) > 1:
            head = phrases.get(words[0])
            if head is not None and len(head.occurrences) > 3 * len(phrase.occurrences):
                continue  # "archivo" is the phrase; "archivo cargado" is a passing use
        score = sum(weight(w) for w in words if w not in ("de", "d'")) * math.log1p(count)
        score *= 1.5 if len(words) > 1 else 1.0  # "base de données" over "données"
        (repeated if count > 1 else once).append((score, phrase))
    chosen: list[Phrase] = []
    for pool in (repeated, once):
        pool.sort(key=lambda p: (-p[0], p[1].key))
        for _, phrase in pool:
            if pool is once and len(chosen) >= 4:
                break
            if not any(_overlaps(phrase, c) for c in chosen):
                chosen.append(phrase)
    return chosen


def _overlaps(a: Phrase, b: Phrase) -> bool:
    wa, wb = set(a.key.split()), set(b.key.split())
    return bool(wa & wb - {"de", "d'"})
