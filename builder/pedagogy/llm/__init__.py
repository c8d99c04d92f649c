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

from ...config import PedagogyConfig, primary_language
from ...errors import BuildError
from ...model import BLOOM_LEVELS, Course, Material, Module
from ..backend import Backend
from ..lexicon import BLOOM_VERBS, TRUE_FALSE
from .client import CACHE_DIR, ChatClient
from .combine import combine
from .parse import Parsed, parse

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

    def __init__(self, course: Course, fallback: Backend) -> None:
        """``fallback`` writes the items that fill the places of rejected ones."""
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
        self.fallback = fallback
        self.client = ChatClient(
            config.base_url, config.model, os.environ.get(config.api_key_env, ""),
            course.root / CACHE_DIR, where, config.seed,
        )
        self.labels = TRUE_FALSE.get(primary_language(course.language), TRUE_FALSE["en"])

    def generate(self, module: Module) -> Material:
        fallback = self.fallback.generate(module)
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
        english = primary_language(self.course.language) == "en"
        found = parse(data, module, self.labels, english)
        material, rejected = combine(found, fallback, module, config)
        return dataclasses.replace(material, notes=material.notes + _notes(found, rejected))


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
