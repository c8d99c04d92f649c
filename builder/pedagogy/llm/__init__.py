"""The optional ``llm`` backend: any OpenAI-compatible chat endpoint.

``[pedagogy] backend = "llm"`` with ``base_url``, ``model`` and
``api_key_env`` (the name of the environment variable holding the key; an
unset variable sends no key, which local servers accept). The model gets the
module's text and the item-writing rules and answers in JSON that follows
:data:`SCHEMA`. Every item it returns goes through the same flaw checks as
``coursepack check``; a failing item is replaced by the rules backend's, and
the module's notes say how many were replaced and why. Answers are cached in
``<course root>/.coursepack-cache/llm/`` (see :mod:`.client`).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from typing import Any

from ...config import PedagogyConfig
from ...errors import BuildError
from ...language import language
from ...model import BLOOM_LEVELS, Course, Module, Objective, Question, QuizItem
from ..answers import variants
from ..backend import Material
from ..flaws import (
    Problem,
    check_item,
    check_objective,
    check_question,
    item_against_text,
    near_duplicates,
)
from ..lexicon import BLOOM_VERBS
from ..rules import RulesBackend
from .client import CACHE_DIR, ChatClient
from .combine import combine

MAX_WORDS = 2500
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["objectives", "discussion", "quiz"],
    "properties": {
        "objectives": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["text", "bloom"],
            "properties": {"text": {"type": "string"},
                           "bloom": {"type": "string", "enum": list(BLOOM_LEVELS)}}}},
        "discussion": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["text", "note", "bloom", "assesses"],
            "properties": {"text": {"type": "string"}, "note": {"type": "string"},
                           "bloom": {"type": "string", "enum": list(BLOOM_LEVELS)},
                           "assesses": {"type": "array", "items": {"type": "integer"}}}}},
        "quiz": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["kind", "stem", "choices", "answer", "feedback", "assesses"],
            "properties": {
                "kind": {"type": "string",
                         "enum": ["multiple_choice", "true_false", "fill_blank"]},
                "stem": {"type": "string"},
                "choices": {"type": "array", "items": {"type": "string"}},
                "answer": {"type": "string"},
                "feedback": {"type": "string"},
                "assesses": {"type": "array", "items": {"type": "integer"}}}}},
    },
}
def schema(config: PedagogyConfig) -> dict[str, Any]:
    """:data:`SCHEMA` asking for exactly the configured number of each item."""
    out = json.loads(json.dumps(SCHEMA))
    for key, count in (("objectives", config.objectives), ("discussion", config.questions),
                       ("quiz", config.quiz_items)):
        out["properties"][key].update(minItems=count, maxItems=count)
    return out


SYSTEM = """You write teaching material for one module of a course, from the module's text only.
Answer with JSON only, following the schema.
- objectives: {objectives} learning objectives. Each starts with one measurable verb and names
  specific content of the text, 6-30 words. Verbs by level: {verbs}. Never understand, know,
  learn or appreciate. Use at least two levels, one of them analyze, evaluate or create.
- discussion: {questions} open questions (why, how, to what extent, what would happen if),
  anchored in specific claims of the text, never yes/no; "note" says what a strong answer
  would consider; "assesses" lists the objective numbers (from 1) the question assesses.
- quiz: {quiz} knowledge checks answerable from the text. multiple_choice: 4 choices of the
  same kind as the key, alike in length and grammar, exactly one correct according to the
  text; no "all/none of the above"; no negative stems; "answer" repeats the correct choice.
  true_false: a statement from the text or one changed by a single swapped entity, number or
  relation (never by adding "not"); "answer" is "True" or "False"; "choices" is empty.
  fill_blank: a sentence of the text with one key term replaced by _____; "answer" is the
  term; "choices" is empty. "feedback" quotes the sentence of the text the answer comes from.
Write in the language of the text."""


class LlmBackend:
    name = "llm"

    def __init__(self, course: Course) -> None:
        config = course.config.pedagogy
        where = course.config.path or "course.toml"
        missing = [k for k in ("base_url", "model") if not getattr(config, k).strip()]
        if missing:
            raise BuildError(
                f"the 'llm' pedagogy backend needs {' and '.join(missing)}",
                where,
                'Set base_url (e.g. "http://localhost:8080/v1") and model in the [pedagogy] '
                'table, or use backend = "rules"',
            )
        self.course = course
        self.rules = RulesBackend(course)
        self.client = ChatClient(
            config.base_url, config.model, os.environ.get(config.api_key_env, ""),
            course.root / CACHE_DIR, where, config.seed,
        )
        self.labels = language(course.language).true_false

    def generate(self, module: Module) -> Material:
        fallback = self.rules.generate(module)
        config = self.course.config.pedagogy
        system = SYSTEM.format(
            objectives=config.objectives, questions=config.questions, quiz=config.quiz_items,
            verbs="; ".join(f"{b}: {', '.join(v)}" for b, v in BLOOM_VERBS.items()),
        )
        words = module.text.split()
        user = f"Module: {module.title}\n\nText:\n{' '.join(words[:MAX_WORDS])}"
        reply = self.client.complete(system, user, schema(config))
        try:
            data = json.loads(reply)
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict):
            note = "The LLM's answer for this module was not valid JSON: all items are the " \
                   "rules backend's."
            return dataclasses.replace(fallback, notes=fallback.notes + (note,))
        english = language(self.course.language).code == "en"
        found = parse(data, module, self.labels, english)
        material, rejected = combine(found, fallback, module, config)
        return dataclasses.replace(material, notes=material.notes + _notes(found, rejected))


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


def _notes(found: Parsed, rejected: Counter[str]) -> tuple[str, ...]:
    total = len(found.objectives) + len(found.discussion) + len(found.quiz)
    if not total:
        return ("The LLM returned no items for this module: all items are the rules "
                "backend's.",)
    if not rejected:
        return ()
    codes = ", ".join(f"{code} ({n})" for code, n in sorted(rejected.items()))
    return (
        f"{sum(rejected.values())} of the LLM's {total} items failed the flaw checks "
        f"({codes}) and were left out; the rules backend's items took their place.",
    )
