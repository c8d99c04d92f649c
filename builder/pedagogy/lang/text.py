"""Sentences, words and key phrases of a text in any language with a data file.

Everything a language needs (stop words, articles, elided words, joined
prefixes, abbreviations) comes from :class:`builder.language.Language`; word
rarity comes from ``wordfreq`` (bundled data, offline).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ...language import Language
from ...markup import mark_typeset
from ..text import paragraphs

_LETTER = "(?:[^\\W\\d_]|[\u064b-\u0652\u0670\u0640])"
WORD = re.compile(rf"{_LETTER}+(?:[’'\-]{_LETTER}+)*|\d+(?:[.,]\d+)*")
"""A word: letters (with Arabic vowel marks), joined by apostrophes or hyphens."""
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž0-9\u0600-\u06ff"
_SPLIT = re.compile(rf"(?<=[.!?؟…])[»\"”’)]*\s+(?=[¿¡«\"“‘(]?[{_UPPER}])")
_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # Arabic vowel marks and tatweel
MARKS = _MARKS
_NOTE = re.compile(r"\[\^[^\]]*\]")
_CODE = re.compile(r"[|`{}<>=\\]|\[\^|\b\w+\.\w{2,4}\b/|https?:")


@dataclass(frozen=True)
class Sent:
    """A sentence of a module: its text, position and normalised content words."""

    text: str
    index: int
    paragraph: int
    words: tuple[str, ...]
    """Every word, as written."""
    keys: tuple[str, ...]
    """Content words, normalised (:func:`norm`), stop words left out."""


def bare(word: str) -> str:
    """A word in lower case without Arabic vowel marks ("أضِف" -> "أضف")."""
    return _MARKS.sub("", word.lower())


def opens_on(sent: Sent, words: tuple[str, ...]) -> bool:
    """Whether the sentence's first word is one of ``words`` (vowel marks aside)."""
    return bool(sent.words) and bare(sent.words[0]) in {bare(w) for w in words}


def norm(word: str, lang: Language) -> str:
    """The form a word is counted under: lower case, without Arabic vowel marks,
    elision ("l’outil" -> "outil") or a joined particle before the article
    ("والتطبيقات", "بالطريق", "للتطبيقات" -> "التطبيقات")."""
    word = _MARKS.sub("", unicodedata.normalize("NFC", word)).lower().replace("’", "'")
    elided = lang.words("elided")
    if "'" in word and elided:
        head, _, rest = word.partition("'")
        if head in elided and rest:
            word = rest
    if "ال" in lang.articles:
        word = _arabic_stem(word, lang.prefixes)
    return word


def _arabic_stem(word: str, prefixes: tuple[str, ...]) -> str:
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    for first in prefixes:
        rest = word[len(first):]
        if word.startswith(first) and rest.startswith("ال") and len(rest) > 3:
            return rest
        for second in prefixes:
            tail = rest[len(second):]
            if rest.startswith(second) and tail.startswith("ال") and len(tail) > 3:
                return tail
    return word


def split(paragraph: str, lang: Language) -> list[str]:
    """The sentences of one paragraph, not cut after "p. ej." or "etc."."""
    parts: list[str] = []
    start = 0
    abbreviations = {a.lower().rstrip(".") for a in lang.words("abbreviations")}
    for found in _SPLIT.finditer(paragraph):
        before = paragraph[start:found.start()].rstrip(".")
        last = re.sub(r"^\W+|\W+$", "", before.split()[-1].lower()) if before.split() else ""
        tail = " ".join(before.lower().split()[-2:])
        if last in abbreviations or tail in abbreviations or (len(last) == 1 and last.isalpha()):
            continue
        parts.append(paragraph[start:found.start()].strip())
        start = found.end()
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


def sentences(text: str, lang: Language) -> list[Sent]:
    """The sentences of a module's Markdown, with their content words."""
    out: list[Sent] = []
    for number, block in enumerate(paragraphs(html.unescape(text))):
        if block.lstrip().startswith("#"):
            continue  # a heading inside the module's text
        block = _NOTE.sub("", unicodedata.normalize("NFC", block))
        block = mark_typeset(block)  # French typography before ; : ! ? (clean())
        block = " ".join(block.replace("\u00a0", " ").replace("\u202f", " ").split())
        block = block.replace("\x00", "\u00a0")
        for part in split(block, lang):
            words = tuple(WORD.findall(part))
            keys = tuple(k for k in (norm(w, lang) for w in words) if is_content(k, lang))
            out.append(Sent(part, len(out), number, words, keys))
    return out


def is_content(key: str, lang: Language) -> bool:
    return len(key) > 2 and key not in lang.stopwords and not key[:1].isdigit() and (
        not key.startswith("ال") or key[2:] not in lang.stopwords
    )


def is_prose(sent: Sent) -> bool:
    """A sentence of running prose: not code, a table row, a link list or a fragment."""
    return not _CODE.search(sent.text) and 6 <= len(sent.words) <= 45 and (
        sent.text[-1:] in ".!?؟…»\"”)" and not sent.text.endswith(":")
    )


@lru_cache(maxsize=20000)
def rarity(word: str, code: str) -> float:
    """How rare a word is in its language, 0 (very common) to about 4 (rare):
    the specialised words of a text are its rare ones."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 1.0
    return max(0.0, min(4.0, 6.0 - zipf_frequency(word, code)))


POINTING_SPAN = 4
"""How many words from the start a demonstrative makes a sentence lean ("Grâce à ce
nouveau tableau", "يسمح ذلك"); further on it points inside the sentence."""
_TYPO = re.compile(r"(?<![\w])[^\W\d_A-Z]{3,}[A-Z](?![\w])")
"""A lower-case word with one stray capital at its end ("monoauraL")."""


def leans(sent: Sent, lang: Language) -> bool:
    """Whether the sentence leans on the one before it: it starts with a leaning word
    or connective, or names something with a demonstrative in its first words."""
    start = " ".join(_MARKS.sub("", w.lower()) for w in sent.words[:3])
    if any(start == w or start.startswith(w + " ") for w in lang.words("leaning")):
        return True
    pointing = set(lang.words("pointing"))
    words = [_MARKS.sub("", w.lower()) for w in sent.words]
    if any(w in pointing for w in words[:POINTING_SPAN]):
        return True
    # further on, "ces tables" points back unless the sentence named the tables before
    # ("les objets et les relations entre ces objets")
    for n, word in enumerate(words[:-1]):
        after = norm(sent.words[n + 1], lang)
        if word in pointing and is_content(after, lang) and after not in {
                norm(w, lang) for w in sent.words[:n]} and (
                "ال" not in lang.articles or after.startswith("ال")):
            return True  # (in Arabic "هذه المكونات"; "ذلك تلقائيًا" is a pronoun)
    return False


def personal(sent: Sent, lang: Language) -> bool:
    """Whether the sentence speaks of the author's own case ("mi voz", "ma traduction")
    or carries a typo: an item copying it would copy the voice or the slip."""
    mine = set(lang.words("first_person"))
    for word in sent.words:
        low = _MARKS.sub("", word.lower()).replace("’", "'")
        if low in mine or "'" in low and low.split("'")[0] + "'" in mine:
            return True
    return bool(_TYPO.search(sent.text))


def ours(sent: Sent, lang: Language) -> bool:
    """Whether the author speaks in the sentence as "we" or "I" ("nous encourageons",
    "nuestra posición"): a summary or a statement to judge would copy the voice."""
    return has_any(sent, lang.words("we")) or personal(sent, lang)


def is_meta(sent: Sent, lang: Language) -> bool:
    """A sentence about the lesson rather than its subject ("Veremos …", "la figure")."""
    return has_any(sent, lang.words("meta")) or any(
        re.search(p, sent.text, re.I) for p in lang.data.get("patterns", {}).get("meta", ())
    )


def is_example(sent: Sent, lang: Language) -> bool:
    return has_any(sent, lang.words("example"))


def has_any(sent: Sent, words: tuple[str, ...]) -> bool:
    """Whether the sentence contains one of ``words`` (single words or phrases)."""
    low = " " + " ".join(_MARKS.sub("", w.lower()) for w in sent.words) + " "
    return any(f" {w} " in low for w in words)
