"""Put the LLM's items that passed the flaw checks together with the rules
backend's, which fill every place a rejected item left, and keep the
objective numbers of questions and quiz items pointing at the right objective."""

from __future__ import annotations

import dataclasses
from collections import Counter

from ...config import PedagogyConfig
from ...model import Material, Module, Objective, Question, QuizItem, kept_objectives, renumbered
from ..flaws import HIGHER, cued, near_duplicates, unassessed
from .parse import Parsed

Key = tuple[str, int]


def combine(
    found: Parsed, fallback: Material, module: Module, config: PedagogyConfig
) -> tuple[Material, Counter[str]]:
    rejected: Counter[str] = Counter()
    for _, problems in found.objectives + found.discussion + found.quiz:
        if problems:
            rejected[problems[0].code] += 1
    objectives = _objectives(found, fallback, config.objectives)
    number = {key: n for n, (key, _) in enumerate(objectives)}
    questions: list[Question] = _fill(
        [("llm", q) for q, p in found.discussion if not p]
        + [("rules", q) for q in fallback.discussion],
        number, config.questions, lambda q: q.text,
    )
    quiz: list[QuizItem] = _fill(
        [("llm", i) for i, p in found.quiz if not p] + [("rules", i) for i in fallback.quiz],
        number, config.quiz_items, lambda i: i.stem, quiz=True,
    )
    kept = [o for _, o in objectives]
    missing = set(unassessed(kept, questions, quiz))
    if missing and len(kept) - len(missing) >= 2:
        kept, questions, quiz = _drop(kept, questions, quiz, missing)
    material = dataclasses.replace(
        fallback, objectives=tuple(kept), discussion=tuple(questions), quiz=tuple(quiz)
    )
    return material, rejected


def _objectives(found: Parsed, fallback: Material, count: int) -> list[tuple[Key, Objective]]:
    chosen: list[tuple[Key, Objective]] = [
        (("llm", n), o) for n, (o, p) in enumerate(found.objectives) if not p
    ][:count]

    def balanced() -> bool:
        levels = {o.bloom for _, o in chosen}
        return len(levels) >= 2 and bool(levels & set(HIGHER))

    while chosen and not balanced() and len(chosen) >= count:
        chosen.pop()
    for n, objective in enumerate(fallback.objectives):
        if len(chosen) >= count:
            break
        if near_duplicates([o.text for _, o in chosen] + [objective.text]):
            continue
        chosen.append((("rules", n), objective))
    return chosen


def _fill(candidates, number: dict[Key, int], count: int, text_of,  # type: ignore[no-untyped-def]
          quiz: bool = False) -> list:
    """The first ``count`` candidates that repeat no chosen one (and, for quiz
    items, give none away: an LLM item and a rules item from one sentence)."""
    out: list = []
    for source, item in candidates:
        if len(out) >= count:
            break
        if near_duplicates([text_of(x) for x in out] + [text_of(item)], both_ways=quiz):
            continue
        if quiz and any(len(out) in pair for pair in cued([*out, item])):
            continue
        moved = tuple(number[(source, i)] for i in item.objectives if (source, i) in number)
        if quiz and item.objectives and not moved:
            continue  # it tests an objective that was not kept: it would assess none
        out.append(dataclasses.replace(item, objectives=moved))
    return out


def _drop(
    objectives: list[Objective], questions: list[Question], quiz: list[QuizItem],
    missing: set[int],
) -> tuple[list[Objective], list[Question], list[QuizItem]]:
    """Leave out objectives nothing assesses, and renumber the references."""
    numbers = kept_objectives(len(objectives), missing)
    kept = [o for i, o in enumerate(objectives) if i not in missing]
    items = [  # an item whose objective was left out would assess none: it goes too
        new for old, new in zip(quiz, renumbered(quiz, numbers), strict=True)
        if new.objectives or not old.objectives
    ]
    return kept, list(renumbered(questions, numbers)), items
