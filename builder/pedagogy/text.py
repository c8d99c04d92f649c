"""Plain-text helpers: cleaning, sentence splitting, tokens, casing, phrases.

Pure Python and regular expressions: fast, offline, deterministic. Good
enough for essays; the rules backend only uses sentences it can vouch for.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..markup import mark_typeset
from .lexicon import ED_ADJECTIVES, GENERIC, LY_ADJECTIVES, QUANTIFIERS, STOPWORDS, VERBS

ABBREVIATIONS = frozenset(
    """e.g i.e etc vs cf al fig figs no nos st dr mr mrs ms prof jr sr inc ltd co approx ca
    vol pp ed eds u.s u.k e.u jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_FOOTNOTE = re.compile(r"\^\[")
_FENCE = re.compile(r":{3,}[ \t]*(?:\{[^}\n]*\}|[A-Za-z][\w-]*)?")  # ':::: challenge' (fenced divs)
_CITATION = re.compile(r"\s*\[@[^\]]*\]|\s*\\?\[ref[^\]]*\\?\]|;?\s*@doi:[^\s;\]]+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_TAG = re.compile(r"<!--.*?-->|<[^>]+>", re.S)
_ESCAPE = re.compile(r"\\([()\[\]*_#.!-])")
_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}(?=[^\s.,;:!?/)\]])|(?<=[^\s(/])[*_]{1,3}(?![\w*])")
"""Emphasis markers: '*word*', '**two words**'; not a shell wildcard ('wc *.pdb',
'ls data/*', '*.dat'), which would run into its neighbour ('wc.pdb')."""
_SPACE = re.compile(r"[ \t\u00a0]+")
_SPLIT = re.compile(r"(?<=[.!?؟])([\"”’)]*)\s+(?=[\"“‘(]?[A-Z0-9\u0600-\u06ff])")
WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?|[$€£]\d[\d,.]*\w*")
NUMERIC = re.compile(r"^[$€£]?\d")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


def strip_footnotes(text: str) -> str:
    """Remove Pandoc footnotes ``^[...]`` (balanced brackets)."""
    out: list[str] = []
    i = 0
    while True:
        found = _FOOTNOTE.search(text, i)
        if not found:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i : found.start()])
        depth, j = 0, found.start() + 1
        while j < len(text):
            if text[j] == "[":
                depth += 1
            elif text[j] == "]":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        i = j + 1


def clean(text: str) -> str:
    """Markdown and citation residue removed; one space between words."""
    text = strip_footnotes(text)
    text = _FENCE.sub(" ", text)
    text = re.sub(r"(?m)^\s*>\s?", "", text)
    text = _TAG.sub(" ", text)
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _CITATION.sub("", text)
    text = _URL.sub(" ", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("`", "")
    # a no-break space the author set before ; : ! ? » is French typography ('données ;'):
    # it stays (round13: 'the French space before ; and : was lost')
    text = mark_typeset(text)
    text = _SPACE.sub(" ", text)
    # no space before punctuation, but a file extension keeps its own ('end in .dat')
    text = re.sub(r"\s+([,;:!?)]|\.(?![A-Za-z0-9]))", r"\1", text).replace("\x00", "\u00a0")
    text = re.sub(r"\(\s*\)", "", text)
    return re.sub(r" ?\n ?", "\n", text).strip()


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; list items become blocks of their own."""
    return list(_paragraphs(text))


@lru_cache(maxsize=1024)  # the same texts are split again and again
def _paragraphs(text: str) -> tuple[str, ...]:
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", clean(text)):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        current: list[str] = []
        for line in lines:
            if _LIST_ITEM.match(line):
                if current:
                    blocks.append(" ".join(current))
                current = [_LIST_ITEM.sub("", line)]
            else:
                current.append(line.strip())
        if current:
            blocks.append(" ".join(current))
    return tuple(b for b in blocks if b.strip())


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, not fooled by common abbreviations."""
    parts: list[str] = []
    start = 0
    for found in _SPLIT.finditer(paragraph):
        end = found.end(1)
        before = paragraph[start:end].rstrip("\"”’)").rstrip(".!?؟")
        last = before.split()[-1].lower().lstrip("([{\"“‘'") if before.split() else ""
        if last.rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Za-z]", last):
            continue
        parts.append(paragraph[start:end].strip())
        start = found.end()
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a module, with its position and tokens."""

    text: str
    index: int
    paragraph: int
    words: tuple[str, ...]


def sentences(text: str) -> list[Sentence]:
    return list(_sentences(text))


@lru_cache(maxsize=1024)  # the same texts are split again and again
def _sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for p_index, para in enumerate(paragraphs(text)):
        for sent in split_sentences(para):
            out.append(Sentence(sent, len(out), p_index, tuple(tokens(sent))))
    return tuple(out)


def tokens(text: str) -> list[str]:
    return [t.rstrip(".") or t for t in WORD.findall(text)]


def content_words(text: str) -> set[str]:
    return {stem(w.lower()) for w in tokens(text) if w.lower() not in STOPWORDS and len(w) > 2}


def stem(word: str) -> str:
    """A crude stem for matching plural and singular forms."""
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class Casing:
    """Which words are proper nouns, learned from where they appear capitalized."""

    def __init__(self, text: str) -> None:
        self.mid_caps: Counter[str] = Counter()
        self.lower: Counter[str] = Counter()
        self.unknown_starts: Counter[str] = Counter()
        for sent in sentences(text):
            for i, word in enumerate(sent.words):
                nxt = sent.words[i + 1] if i + 1 < len(sent.words) else ""
                starts_name = (
                    i == 0
                    and nxt[:1].isupper()
                    and word.lower() not in STOPWORDS
                    and sent.text.startswith(f"{word} {nxt}")
                )
                if i == 0 and word[:1].isupper() and not parts_of_speech(word.lower()):
                    self.unknown_starts[word] += 1
                if word[:1].isupper() and (i > 0 or starts_name or _demonym(word)):
                    self.mid_caps[word] += 1
                elif word[:1].islower():
                    self.lower[word] += 1

    def is_proper(self, word: str) -> bool:
        if word.isupper() and len(word) > 1 or word == "I":
            return True
        if not word[:1].isupper():
            return False
        if word.lower() in STOPWORDS:
            return False
        if self.lower[word.lower()] == 0 and self.unknown_starts[word]:
            return True  # a name the lexicon does not know, seen only at sentence starts
        return self.mid_caps[word] > 0 and self.mid_caps[word] >= self.lower[word.lower()]

    def sentence_case(self, text: str) -> str:
        """Lower-case the first word unless it is a proper noun (to embed a sentence)."""
        first = text.split(" ", 1)[0]
        core = first.strip("\"“‘(,;:.")
        if self.is_proper(core) or (core[:1].isupper() and core[1:2].isupper()):
            return text
        return text[:1].lower() + text[1:] if first[:1].isalpha() else text


@lru_cache(maxsize=20000)
def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech a word can have (lemminflect's lexicon, offline);
    empty when unknown or when lemminflect is not installed."""
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # degraded path: the hand-made lists alone
        return frozenset()
    return frozenset(getAllLemmas(word.lower()))


def _demonym(word: str) -> bool:
    return word.endswith(("ish", "ese", "ian", "ean")) or word in ("Dutch", "French", "Greek")


def nounish(word: str) -> bool:
    """Only a noun (or unknown to the lexicon): safe as a one-word blank or option."""
    tags = parts_of_speech(word.lower())
    return not tags or tags <= {"NOUN", "PROPN"}


def _plural_then_verb(word: str, previous: str) -> bool:
    """'the number of donations increases': a plural noun, then a verb in -s."""
    prev = previous.lower()
    return prev.endswith("s") and not prev.endswith("ss") and word.lower().endswith("s")


def _third_person_verb(word: str, previous: str, plural_ok: bool = False) -> bool:
    """'review presents researchers': a singular noun, then a verb in -s."""
    low = word.lower()
    prev = previous.lower()
    singular = not prev.endswith(("s", "ing"))
    if plural_ok and _plural_then_verb(word, previous):
        singular = True
    return (
        low.endswith("s")
        and singular
        and "VERB" in parts_of_speech(low)
        and not previous[:1].isupper()
    )


def _can_end_phrase(word: str, casing: Casing) -> bool:
    """A noun phrase ends in a noun: 'protein proteolytic', 'subdomains known' do not."""
    if casing.is_proper(word) or any(ch.isdigit() for ch in word):
        return True
    tags = parts_of_speech(word.lower())
    if not tags:
        return not word.lower().endswith(ADJECTIVE_ENDINGS)
    return "NOUN" in tags or "PROPN" in tags


ADJECTIVE_ENDINGS = ("ic", "ical", "ous", "ive", "ful", "less", "able", "ible")


def _verb_not_noun(word: str) -> bool:
    tags = parts_of_speech(word.lower())
    return "VERB" in tags and "NOUN" not in tags and word.lower().endswith("ed")


def is_verbish(word: str) -> bool:
    """Can only be a verb (or adverb): never part of a noun phrase."""
    low = word.lower()
    if low in VERBS:
        return True
    if low in ED_ADJECTIVES:
        return False
    tags = parts_of_speech(low)
    if tags:
        return tags <= {"VERB", "AUX", "ADV"}
    return low.endswith("ed") and len(low) > 4


def _adverb(word: str) -> bool:
    """'unavoidably', 'often': an adverb ends a noun phrase. 'early', 'family',
    'elderly' end in -ly too, but the lexicon knows them as adjectives or nouns."""
    low = word.lower()
    if not low.endswith("ly") or low in LY_ADJECTIVES:
        return False
    return not parts_of_speech(low) & {"NOUN", "PROPN"}


def phrase_candidates(sent: Sentence, casing: Casing) -> list[str]:
    """Noun-phrase-like runs of content words (1-4 words) and capitalized names."""
    found: list[str] = []
    run: list[str] = []

    def flush() -> None:
        while run and (is_verbish(run[0]) or _adverb(run[0]) or (
            run[0].lower() in QUANTIFIERS
        )):
            run.pop(0)
        while run and (
            is_verbish(run[-1])
            or run[-1].lower().endswith(("ly", "ing", "based"))
            or _verb_not_noun(run[-1])
            or not _can_end_phrase(run[-1], casing)
        ):
            run.pop()
        if run and len(run) <= 4 and not all(w.lower() in GENERIC for w in run):
            found.append(" ".join(run))
        run.clear()

    text = sent.text
    pieces = re.split(r"[,;:()\"“”‘’?!&—]|\s[-–]\s|--|\.(?=\s|$)", text)
    for number, piece in enumerate(pieces):
        words = tokens(piece)
        for i, word in enumerate(words):
            low = word.lower()
            after = words[i + 1] if i + 1 < len(words) else ""
            if number == 0 and run and i - len(run) <= 2 and _subject_verb(
                run[-1], word, after, casing
            ):
                flush()  # 'Clouds form ...', 'Rain soaks ...': the subject ends here
                continue
            joiner = low in ("of", "and") and run and casing.is_proper(run[-1])
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if joiner and nxt and casing.is_proper(nxt):
                run.append(word)
                continue
            if low in STOPWORDS or low in VERBS or _adverb(word) or len(word) < 2 or (
                "." in word and not NUMERIC.match(word)
            ) or (
                not casing.is_proper(word) and is_verbish(word)
            ):
                flush()
                continue
            if run and is_verbish(word) and not casing.is_proper(word):
                flush()
            if run and casing.is_proper(word) and not run[-1][:1].isupper() and not (
                run[-1] in ("of", "and") and casing.is_proper(run[0])
            ):
                flush()  # 'the prescription Phillips usually settled on'
            if run and (len(run) >= 2 or _plural_then_verb(word, run[-1])) and _third_person_verb(
                word, run[-1], plural_ok=True
            ):
                flush()
                continue
            run.append(word)
        flush()
    return found


def _subject_verb(noun: str, word: str, after: str, casing: Casing) -> bool:
    """Is ``word`` the verb after the subject ``noun`` at the start of a sentence?
    ('Data sets grow': no, 'sets' is a noun when a verb follows it.)"""
    tags = parts_of_speech(word.lower())
    if casing.is_proper(word) or "VERB" not in tags:
        return False
    after_tags = parts_of_speech(after.lower()) if after else frozenset()
    if "NOUN" in tags and "VERB" in after_tags and "NOUN" not in after_tags:
        return False
    noun_plural = noun.lower().endswith("s") and not noun.lower().endswith("ss")
    verb_s = word.lower().endswith("s") and not word.lower().endswith("ss")
    return noun_plural != verb_s and not word.lower().endswith(("ing", "ed"))


def find_words(text: str, phrase: str) -> tuple[int, int] | None:
    """Where ``phrase`` first stands as whole words in ``text`` (str.find, not a
    regular expression: thousands of different phrases would overflow re's cache)."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if not (start and _word_char(text[start - 1])) and not (
            end < len(text) and _word_char(text[end])
        ):
            return start, end
        start = text.find(phrase, start + 1)
    return None


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def word_count(text: str) -> int:
    return len(text.split())
