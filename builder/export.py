"""``course.json``: the course model as data (schema ``coursepack/1``), for
scripts and other tools. Pure: returns text, writes nothing."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from .model import Course, Module, Objective, Question, QuizItem, Term

SCHEMA = "coursepack/1"


def module_outputs(
    module: Module, formats: Collection[str], handouts: bool = True
) -> dict[str, str]:
    """Where the build writes a module's own files, relative to --out."""
    outputs: dict[str, str] = {}
    if "html" in formats:
        outputs["html"] = f"site/modules/{module.id}.html"
    if "pdf" in formats and handouts:
        outputs["pdf"] = f"pdf/{module.id}.pdf"
    return outputs


def course_data(course: Course, formats: Collection[str]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "title": course.title,
        "author": course.author,
        "language": course.language,
        "license": course.license,
        "slug": course.slug,
        "readings": list(course.readings),
        "overview": "\n\n".join(s.text for s in course.overview),
        "modules": [_module(m, formats, course.config.pdf.handouts) for m in course.modules],
    }


def course_json(course: Course, formats: Collection[str]) -> str:
    return json.dumps(course_data(course, formats), ensure_ascii=False, indent=2) + "\n"


def _module(module: Module, formats: Collection[str], handouts: bool) -> dict[str, Any]:
    return {
        "id": module.id,
        "title": module.title,
        "kind": module.kind,
        "source": {"file": module.reading, "line": module.location.line},
        "words": module.words,
        "reading_minutes": module.reading_minutes,
        "summary": module.summary,
        "objectives": [_objective(o) for o in module.objectives],
        "discussion": [_question(q) for q in module.discussion],
        "quiz": [_quiz(q) for q in module.quiz],
        "terms": [_term(t) for t in module.terms],
        "sections": [
            {"title": s.title, "anchor": s.anchor, "level": s.level, "line": s.location.line}
            for s in module.sections
        ],
        "notes": list(module.notes),
        "outputs": module_outputs(module, formats, handouts),
    }


def _objective(item: Objective) -> dict[str, Any]:
    return {"text": item.text, "verb": item.verb, "bloom": item.bloom, "origin": item.origin}


def _question(item: Question) -> dict[str, Any]:
    return {
        "text": item.text,
        "bloom": item.bloom,
        "note": item.note,
        "objectives": list(item.objectives),
        "origin": item.origin,
    }


def _quiz(item: QuizItem) -> dict[str, Any]:
    """``accept`` (fill in the blank only): the other right answers."""
    data: dict[str, Any] = {
        "kind": item.kind,
        "stem": item.stem,
        "choices": list(item.choices),
        "answer": item.answer,
    }
    if item.kind == "fill_blank":
        data["accept"] = list(item.accept)
    data.update(feedback=item.feedback, objectives=list(item.objectives), origin=item.origin)
    return data


def _term(item: Term) -> dict[str, Any]:
    return {"term": item.term, "definition": item.definition, "origin": item.origin}
