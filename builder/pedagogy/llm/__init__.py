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
from ...model import BLOOM_LEVELS, Course, Material, Module
from ...strings import fmt
from ..backend import Backend
from ..lexicon import BLOOM_VERBS
from ..notes import Notes, notes_for
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


def system_prompt(course: Course) -> str:
    """The system prompt, in the course language (``[llm] system`` of its data file),
    with the counts and that language's Bloom verbs filled in."""
    lang = language(course.language)
    config = course.config.pedagogy
    own = lang.data.get("bloom", {})
    verbs = "; ".join(f"{b}: {', '.join(own.get(b) or v)}" for b, v in BLOOM_VERBS.items())
    return fmt(str(lang.data["llm"]["system"]), objectives=config.objectives,
               questions=config.questions, quiz=config.quiz_items, verbs=verbs)


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
        self.labels = language(course.language).true_false
        self.notes = notes_for(course.language)

    def generate(self, module: Module) -> Material:
        fallback = self.fallback.generate(module)
        config = self.course.config.pedagogy
        system = system_prompt(self.course)
        words = module.text.split()
        user = f"Module: {module.title}\n\nText:\n{' '.join(words[:MAX_WORDS])}"
        reply = self.client.complete(system, user, schema(config))
        try:
            data = json.loads(reply)
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict):
            note = self.notes.say("llm_invalid")
            return dataclasses.replace(fallback, notes=fallback.notes + (note,))
        english = language(self.course.language).code == "en"
        found = parse(data, module, self.labels, english)
        material, rejected = combine(found, fallback, module, config)
        return dataclasses.replace(
            material, notes=material.notes + _notes(found, rejected, self.notes))


def _notes(found: Parsed, rejected: Counter[str], notes: Notes) -> tuple[str, ...]:
    """What the instructor is told, in the course language."""
    total = len(found.objectives) + len(found.discussion) + len(found.quiz)
    if not total:
        return (notes.say("llm_empty"),)
    if not rejected:
        return ()
    return (notes.say("llm_rejected", rejected=sum(rejected.values()), total=total),)
