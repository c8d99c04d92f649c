"""Key phrases of a text and where each occurs, with what agreement it needs.

A phrase is a noun the text introduces with an article ("la base de données",
"l’outil", "los archivos"), or in Arabic a word with the article, alone or
with the word after it ("الطريق الممهد", "أمن التطبيقات"). Each occurrence
records the article (or the joined particle) it was written with, so that
another phrase can take its place only where it was itself seen with that
article: the words around the blank still agree.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...language import Language
from .text import WORD, Sent, is_content, norm, rarity

LINKS = frozenset({"de", "d'", "d’"})


@dataclass(frozen=True)
class Occurrence:
    sentence: int
    start: int
    """Where the article (or the joined particle) starts in the sentence text."""
    head: int
    """Where the phrase itself starts (after the article)."""
    end: int
    article: str
    """The article or joined particle as written ("la", "l’", "و", ""), lower case."""


@dataclass
class Phrase:
    key: str
    """Normalised words, space separated: the identity of the phrase."""
    text: str
    """As the text writes it, without the article ("diagrama de onda", "الطريق الممهد")."""
    agreement: str
    """Gender and number ("f.sg", "?.pl"; Arabic: "f" when the head ends in ة, else "m")."""
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {o.article for o in self.occurrences}

    @property
    def words(self) -> int:
        return len(self.key.split())


def find(sents: list[Sent], lang: Language) -> dict[str, Phrase]:
    """Every candidate phrase of ``sents`` (one and two-word forms; callers keep
    the longer form only where it repeats), by key."""
    found: dict[str, Phrase] = {}
    agreement = {str(k).replace("’", "'"): str(v) for k, v in
                 lang.data.get("agreement", {}).items()}
    arabic = "ال" in lang.articles
    for sent in sents:
        tokens = [(m.group(0), m.start(), m.end()) for m in WORD.finditer(sent.text)]
        spans = _arabic(tokens, lang) if arabic else _articled(tokens, lang, agreement)
        for article, start, head, parts, gender in spans:
            end = parts[-1][2]
            key = " ".join(norm(p[0], lang) for p in parts)
            written = sent.text[head:end]
            text = _arabic_text(written, key) if arabic else _bare(written, lang)
            phrase = found.setdefault(key, Phrase(key, text, gender))
            if phrase.agreement.startswith("?") and not gender.startswith("?"):
                phrase.agreement = gender
            phrase.occurrences.append(Occurrence(sent.index, start, head, end, article))
    for phrase in found.values():
        if phrase.agreement.startswith("?"):
            phrase.agreement = _guess(phrase.key.split()[0], lang) + phrase.agreement[1:]
    return found


def _guess(head: str, lang: Language) -> str:
    """A noun's gender from its ending ("informations" -> f), "?" when it says nothing."""
    word = head[:-1] if head.endswith(("s", "x")) else head
    endings = lang.data.get("gender", {})
    best = ("?", 0)
    for gender in ("feminine", "masculine"):
        for ending in endings.get(gender, ()):
            if word.endswith(ending) and len(ending) > best[1]:
                best = (gender[0], len(ending))
    return best[0]


def _articled(tokens: list[tuple[str, int, int]], lang: Language,
              agreement: dict[str, str]) -> list[tuple]:
    out: list[tuple] = []
    for i, (word, start, end) in enumerate(tokens):
        low = word.lower().replace("’", "'")
        head_at = None
        if low in agreement and i + 1 < len(tokens) and _adjacent(tokens[i], tokens[i + 1]):
            article, head_at, first = low, i + 1, tokens[i + 1]
        elif "'" in low and low.split("'")[0] + "'" in agreement:
            article = low.split("'")[0] + "'"
            head_at, first = i, (word[len(article):], start + len(article), end)
        if head_at is None or not _noun(first[0], lang):
            continue
        gender = agreement[article]
        rest = tokens[head_at + 1: head_at + 4]
        forms = [[first]]
        if rest and _noun(rest[0][0], lang) and _adjacent(first, rest[0]) and (
                not rest[0][0][:1].isupper() and not re.search("['’]", rest[0][0])):
            forms.append([first, rest[0]])
        if len(rest) >= 2 and rest[0][0].lower() in LINKS and _noun(rest[1][0], lang):
            forms.append([first, rest[0], rest[1]])
        for parts in forms:
            out.append((word[: len(article)] if "'" in article else low, start,
                        first[1], parts, gender))
    return out


def _arabic(tokens: list[tuple[str, int, int]], lang: Language) -> list[tuple]:
    out: list[tuple] = []
    for i, (word, start, end) in enumerate(tokens):
        key = norm(word, lang)
        if not is_content(key, lang) or key in lang.words("generic"):
            continue
        before = norm(tokens[i - 1][0], lang) if i else ""
        if key.startswith("ال") and before.startswith("ال") and is_content(before, lang):
            continue  # "البديل الآمن": a definite word after a definite noun is its adjective
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        next_key = norm(nxt[0], lang) if nxt else ""
        pair = nxt is not None and next_key.startswith("ال") and is_content(next_key, lang)
        particle = word[: len(word) - len(key)] if key.startswith("ال") else ""
        if key.startswith("ال") and not particle and word.startswith("لل"):
            particle = "ل"  # ل + التطبيقات is written للتطبيقات
        gender = "f" if key.endswith("ة") else "m"
        if key.startswith("ال"):
            out.append((particle, start, start + len(particle), [(word, start, end)], gender))
        if pair and nxt is not None and (key.startswith("ال") or _plain_noun(word, lang)):
            out.append((particle, start, start + len(particle), [(word, start, end), nxt],
                        gender))
    return out


def _arabic_text(written: str, key: str) -> str:
    """The phrase as written, with its article: "لتطبيقات" (of للتطبيقات) -> "التطبيقات"."""
    if key.startswith("ال") and written.startswith("ل") and not written.startswith("ال"):
        return "ا" + written
    return written


def _plain_noun(word: str, lang: Language) -> bool:
    """A word without article or particle that can head "أمن التطبيقات"."""
    if norm(word, lang) != word or len(word) < 3 or not is_content(word, lang):
        return False
    if word[0] in lang.prefixes and rarity(word[1:], lang.code) < rarity(word, lang.code):
        return False  # "وضمان" is "and" + "ضمان"
    return word not in lang.words("generic")


def _noun(word: str, lang: Language) -> bool:
    key = norm(word, lang)
    return is_content(key, lang) and key.isalpha() and key not in lang.words("meta") and (
        key not in lang.words("not_head")
    )


def _adjacent(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return b[1] - a[2] == 1  # one space: no comma or parenthesis between


def _bare(text: str, lang: Language) -> str:
    return re.sub(r"\s+", " ", lang.bare(text)).strip()


def course_counts(phrases: dict[str, Phrase]) -> Counter[str]:
    return Counter({k: len(p.occurrences) for k, p in phrases.items()})
