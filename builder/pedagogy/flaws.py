"""Item-writing-flaw checks (Haladyna, Downing & Rodriguez 2002; PEDAGOGY.md).

Each check takes one item and returns the flaws found, as :class:`Flaw`
(a code and a message with a fix hint). The rules backend uses them to
filter its own candidates; ``coursepack check`` will run them on authored
and generated items alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Objective, Question, QuizItem
from .lexicon import BLOOM_VERBS, VAGUE_VERBS
from .text import content_words, overlap, word_count

YES_NO_START = re.compile(
    r"^(is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b", re.I
)
OPEN_WORDS = re.compile(r"\b(why|how|to what extent|compare|what would|which|what)\b", re.I)
ALL_NONE = re.compile(r"\b(all|none|both|neither) of the (above|these)\b", re.I)
NEGATIVE_STEM = re.compile(r"\b(not|except|never)\b", re.I)
BLANK = re.compile(r"_{3,}")


@dataclass(frozen=True)
class Flaw:
    code: str
    message: str


def check_objective(objective: Objective) -> list[Flaw]:
    flaws: list[Flaw] = []
    first = objective.text.split(" ", 1)[0].lower().strip(",.")
    if first in VAGUE_VERBS or objective.verb.lower() in VAGUE_VERBS:
        flaws.append(Flaw("vague-verb", f"'{first}' is not observable; use a Bloom verb"))
    elif first != objective.verb.lower():
        flaws.append(Flaw("verb-mismatch", f"starts with '{first}', tagged '{objective.verb}'"))
    if objective.verb.lower() not in BLOOM_VERBS.get(objective.bloom, ()):
        flaws.append(
            Flaw("bloom-mismatch", f"'{objective.verb}' is not a {objective.bloom} verb")
        )
    if not 6 <= word_count(objective.text) <= 30:
        flaws.append(Flaw("length", "an objective has 6-30 words"))
    return flaws


def check_question(question: Question) -> list[Flaw]:
    flaws: list[Flaw] = []
    text = question.text.strip()
    last = text.rsplit(". ", 1)[-1]
    if YES_NO_START.match(last):
        flaws.append(Flaw("yes-no", "answerable with yes or no; ask why, how or to what extent"))
    if not OPEN_WORDS.search(text):
        flaws.append(Flaw("closed", "not an open question; ask why, how or to what extent"))
    if not text.endswith("?"):
        flaws.append(Flaw("no-question-mark", "end the question with '?'"))
    if not question.note.strip():
        flaws.append(Flaw("no-note", "add a facilitation note"))
    return flaws


def check_item(item: QuizItem) -> list[Flaw]:
    flaws: list[Flaw] = []
    if not item.feedback.strip():
        flaws.append(Flaw("no-feedback", "feedback should point to the sentence in the reading"))
    if item.kind == "multiple_choice":
        flaws.extend(_check_choices(item))
    elif item.kind == "true_false":
        if len(item.choices) != 2 or item.answer not in (0, 1):
            flaws.append(Flaw("true-false-shape", "two choices, answer 0 or 1"))
    elif item.kind == "fill_blank":
        if len(BLANK.findall(item.stem)) != 1:
            flaws.append(Flaw("blank-count", "exactly one blank"))
        answer = str(item.answer)
        if not answer.strip():
            flaws.append(Flaw("no-answer", "give the expected answer"))
        elif answer.lower() in item.stem.lower():
            flaws.append(Flaw("answer-in-stem", "the stem gives the answer away"))
        if word_count(BLANK.sub("", item.stem)) < 7:
            flaws.append(Flaw("little-context", "the stem needs more context"))
    return flaws


def _check_choices(item: QuizItem) -> list[Flaw]:
    flaws: list[Flaw] = []
    choices = item.choices
    if not isinstance(item.answer, int) or not 0 <= item.answer < len(choices):
        return [Flaw("no-key", "answer must index one of the choices")]
    if len(choices) < 3:
        flaws.append(Flaw("few-choices", "give three plausible distractors"))
    if len({c.lower() for c in choices}) != len(choices):
        flaws.append(Flaw("duplicate-choice", "choices must differ"))
    if any(ALL_NONE.search(c) for c in choices):
        flaws.append(Flaw("all-none", "no 'all/none of the above'"))
    if NEGATIVE_STEM.search(BLANK.sub("", item.stem)) and "**" not in item.stem:
        flaws.append(Flaw("negative-stem", "avoid negatives in the stem"))
    lengths = [len(c) for c in choices]
    key_len = lengths[item.answer]
    if key_len > 1.8 * max(lengths[:item.answer] + lengths[item.answer + 1 :] or [0]) + 4:
        flaws.append(Flaw("longest-key", "the key is much longer than every distractor"))
    caps = {c[:1].isupper() for c in choices if c[:1].isalpha()}
    if len(caps) > 1 and not all(c[:1].isupper() for c in choices if c[:1].isalpha()):
        proper = sum(1 for c in choices if c[:1].isupper())
        if proper not in (0, len(choices)):
            flaws.append(Flaw("capitalisation", "choices capitalised alike"))
    stem_words = content_words(BLANK.sub("", item.stem))
    key_only = content_words(choices[item.answer]) - set().union(
        *(content_words(c) for i, c in enumerate(choices) if i != item.answer)
    )
    if key_only & stem_words:
        flaws.append(Flaw("clang", "a stem word repeated only in the key gives it away"))
    return flaws


def near_duplicates(texts: Sequence[str], threshold: float = 0.7) -> list[tuple[int, int]]:
    """Pairs of indexes whose content words overlap at least ``threshold``."""
    words = [content_words(t) for t in texts]
    return [
        (i, j)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if overlap(words[i], words[j]) >= threshold
    ]


def unassessed(
    objectives: Sequence[Objective], questions: Sequence[Question], items: Sequence[QuizItem]
) -> list[int]:
    """Indexes of objectives that no question or item assesses."""
    covered = {i for q in questions for i in q.objectives} | {
        i for it in items for i in it.objectives
    }
    return [i for i in range(len(objectives)) if i not in covered]
