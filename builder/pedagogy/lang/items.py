"""Knowledge-check items in any language with data: multiple choice and
fill in the blank on a key phrase of a central sentence, true/false with the
phrase swapped for a sibling of the same kind.

The article stays in the stem and every option was seen in the text with that
same article (gender and number), so the sentence still agrees whichever
option is read into it. In Arabic a joined particle stays before the blank
("ب_____") and the answer is the word with its article.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...language import Language
from ...model import QuizItem
from ...strings import fmt
from .analysis import Analysis
from .phrases import Occurrence, Phrase
from .text import Sent, has_any

BLANK = "_____"


@dataclass(frozen=True)
class Slot:
    """One occurrence of a key phrase in a sentence, ready to blank or swap."""

    sent: Sent
    phrase: Phrase
    at: Occurrence

    def with_(self, text: str, lang: Language) -> str:
        """The sentence with the phrase (not its article) replaced by ``text``."""
        s = self.sent.text
        before = s[: self.at.head]
        if text != BLANK and "ال" in lang.articles and before.endswith("ل") and (
            text.startswith("ال") and self.at.article.endswith("ل")
        ):
            text = text[1:]  # ل + الطريق is written للطريق
        return before + text + s[self.at.end:]


def slots(analysis: Analysis, sent: Sent, limit: int = 8) -> list[Slot]:
    """The key phrases of ``sent`` that occur once in it, best first."""
    out: list[Slot] = []
    for phrase in analysis.key_phrases[:limit]:
        here = [o for o in phrase.occurrences if o.sentence == sent.index]
        if len(here) == 1 and (here[0].article or "ال" in analysis.lang.articles):
            out.append(Slot(sent, phrase, here[0]))
    return out


def siblings(slot: Slot, pool: list[Phrase], lang: Language, count: int) -> list[Phrase]:
    """Phrases of the same kind that can take the slot's place: seen with the same
    article (or, in Arabic, as long and of the same gender), absent from the
    sentence, sharing no word with the key."""
    key_words = set(slot.phrase.key.split()) - {"de", "d'"}
    text = slot.sent.text.lower()
    out: list[Phrase] = []
    for other in pool:
        if other.key == slot.phrase.key or set(other.key.split()) & key_words:
            continue
        if other.text.lower() in text or len(other.text) < 3:
            continue
        if "ال" in lang.articles:
            fits = other.words == slot.phrase.words and other.agreement == slot.phrase.agreement \
                and other.text.startswith("ال") == slot.phrase.text.startswith("ال")
        else:
            fits = slot.at.article in other.articles and _agrees(other, slot.phrase)
        if fits and other.text.lower() not in {o.text.lower() for o in out}:
            out.append(other)
        if len(out) == count:
            break
    return out


def _agrees(a: Phrase, b: Phrase) -> bool:
    ga, na = a.agreement.split(".")
    gb, nb = b.agreement.split(".")
    return na == nb and (ga == gb or "?" in (ga, gb) and na == "pl")


def multiple_choice(slot: Slot, pool: list[Phrase], lang: Language,
                    position: int) -> QuizItem | None:
    options = siblings(slot, pool, lang, 3)
    if len(options) < 3:
        return None
    choices = [o.text for o in options]
    choices.insert(position % 4, slot.phrase.text)
    return QuizItem(kind="multiple_choice", stem=slot.with_(BLANK, lang),
                    choices=tuple(choices), answer=position % 4,
                    feedback=_feedback(lang, "feedback", slot.sent))


def fill_blank(slot: Slot, lang: Language) -> QuizItem | None:
    if slot.phrase.words > 3 or slot.phrase.text[:1].isupper() and slot.at.head > 0:
        return None  # a name or a long phrase: too many ways to write it
    answer = slot.phrase.text
    accept: list[str] = []
    if slot.at.article and "ال" not in lang.articles:
        written = slot.sent.text[slot.at.start: slot.at.end]
        accept.append(written)  # "la pista": the article is no mistake
    if "ال" in lang.articles and answer.startswith("ال"):
        accept.append(" ".join(w[2:] if w.startswith("ال") else w for w in answer.split()))
    return QuizItem(kind="fill_blank", stem=slot.with_(BLANK, lang), choices=(),
                    answer=answer, feedback=_feedback(lang, "feedback", slot.sent),
                    accept=tuple(dict.fromkeys(a for a in accept if a != answer)))


def true_false(slot: Slot, pool: list[Phrase], lang: Language, false: bool) -> QuizItem | None:
    labels = lang.true_false
    if not false:
        if has_any(slot.sent, lang.words("second_person")):
            return None  # "puedes silenciar…" is advice, not a statement to judge
        return QuizItem(kind="true_false", stem=slot.sent.text, choices=labels, answer=0,
                        feedback=_feedback(lang, "feedback_true", slot.sent))
    swap = siblings(slot, pool, lang, 1)
    if not swap:
        return None
    new = swap[0].text
    old = slot.sent.text[slot.at.head: slot.at.end]
    return QuizItem(kind="true_false", stem=slot.with_(new, lang), choices=labels, answer=1,
                    feedback=_feedback(lang, "feedback_false", slot.sent, old=old, new=new))


def _feedback(lang: Language, key: str, sent: Sent, **values: str) -> str:
    return fmt(lang.frames(key)[0], quote=sent.text.rstrip(), **values)
