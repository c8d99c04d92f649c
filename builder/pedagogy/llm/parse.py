"""The LLM's answer, item by item: model objects, each with the problems the
flaw checks of ``coursepack check`` find in it."""

from __future__ import annotations

import dataclasses
from typing import Any

from ...model import BLOOM_LEVELS, Module, Objective, Question, QuizItem
from ..answers import variants
from ..flaws import (
    Problem,
    check_item,
    check_objective,
    check_question,
    item_against_text,
    near_duplicates,
)


@dataclasses.dataclass
class Parsed:
    """What the model returned, item by item, with the problems found in each."""

    objectives: list[tuple[Objective, list[Problem]]]
    discussion: list[tuple[Question, list[Problem]]]
    quiz: list[tuple[QuizItem, list[Problem]]]


def parse(data: dict[str, Any], module: Module, labels: tuple[str, str],
          english: bool = True) -> Parsed:
    """The model's items as model objects, each checked like ``coursepack check`` does.
    Fill-in items of an English text also accept the answer's other forms
    (:func:`..answers.variants`, English only)."""
    text = module.text
    objectives = []
    for entry in _list(data, "objectives"):
        item = _objective(entry)
        if item is not None:
            objectives.append((item, check_objective(item)))
    discussion = []
    for entry in _list(data, "discussion"):
        question = _question(entry, len(objectives))
        if question is not None:
            discussion.append((question, check_question(question)))
    quiz = []
    for entry in _list(data, "quiz"):
        quiz_item = _quiz_item(entry, labels, len(objectives), english)
        if quiz_item is None:
            quiz.append((QuizItem("fill_blank", "", (), "", ""), [Problem("shape", "malformed")]))
            continue
        quiz.append((quiz_item, check_item(quiz_item) + item_against_text(quiz_item, text)))
    _mark_duplicates(objectives, [o.text for o, _ in objectives])
    _mark_duplicates(discussion, [q.text for q, _ in discussion])
    _mark_duplicates(quiz, [i.stem for i, _ in quiz])
    return Parsed(objectives, discussion, quiz)


def _mark_duplicates(pairs: list, texts: list[str]) -> None:
    for _, j in near_duplicates(texts):
        pairs[j][1].append(Problem("duplicate", "near-duplicate"))


def _list(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _objective(entry: dict[str, Any]) -> Objective | None:
    text = str(entry.get("text", "")).strip()
    bloom = str(entry.get("bloom", "")).strip().lower()
    if not text or bloom not in BLOOM_LEVELS:
        return None
    verb = text.split()[0].lower().strip(",.:")
    return Objective(text if text.endswith(".") else text + ".", verb, bloom)  # type: ignore[arg-type]


def _assesses(entry: dict[str, Any], count: int) -> tuple[int, ...]:
    raw = entry.get("assesses")
    numbers = raw if isinstance(raw, list) else []
    return tuple(sorted({n - 1 for n in numbers if isinstance(n, int) and 1 <= n <= count}))


def _question(entry: dict[str, Any], count: int) -> Question | None:
    text = str(entry.get("text", "")).strip()
    bloom = str(entry.get("bloom", "")).strip().lower()
    if not text or bloom not in BLOOM_LEVELS:
        return None
    return Question(text, bloom, str(entry.get("note", "")).strip(),  # type: ignore[arg-type]
                    objectives=_assesses(entry, count))


def _quiz_item(entry: dict[str, Any], labels: tuple[str, str], count: int,
               english: bool = True) -> QuizItem | None:
    kind = entry.get("kind")
    stem = str(entry.get("stem", "")).strip()
    answer = str(entry.get("answer", "")).strip()
    feedback = str(entry.get("feedback", "")).strip()
    raw = entry.get("choices")
    choices = tuple(str(c).strip() for c in raw) if isinstance(raw, list) else ()
    assesses = _assesses(entry, count)
    if kind == "multiple_choice":
        if answer not in choices:
            return None
        return QuizItem(kind, stem, choices, choices.index(answer), feedback, objectives=assesses)
    if kind == "true_false":
        truth = {"true": 0, labels[0].lower(): 0, "false": 1, labels[1].lower(): 1}
        if answer.lower() not in truth:
            return None
        return QuizItem(kind, stem, labels, truth[answer.lower()], feedback, objectives=assesses)
    if kind == "fill_blank":
        return QuizItem(kind, stem, (), answer, feedback, objectives=assesses,
                        accept=variants(answer) if english else ())
    return None
