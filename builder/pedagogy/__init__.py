"""The pedagogy stage: module text -> objectives, discussion questions,
knowledge checks, key terms and a summary.

Public entry point: :func:`enrich`. The backend is chosen by
``course.config.pedagogy.backend`` (see :mod:`builder.pedagogy.backend`).
Items a module already carries with origin ``"authored"`` are kept, come
first and win over generated ones; generated items only fill the remaining
places up to the counts in ``[pedagogy]``.
"""

from __future__ import annotations

import dataclasses

from ..model import Course, Module, Objective, Question, QuizItem, Term
from ..progress import NullProgress, Progress
from .backend import Backend, Material, get_backend
from .notes import shortfall
from .text import content_words, overlap

__all__ = ["Backend", "Material", "enrich", "merge"]

TASK = "pedagogy"


def enrich(course: Course, progress: Progress = NullProgress()) -> Course:  # noqa: B008
    """The course with every module's teaching material filled in."""
    backend = get_backend(course)
    progress.task(TASK, len(course.modules))
    modules: list[Module] = []
    for module in course.modules:
        merged = merge(module, backend.generate(module), course)
        notes = tuple(dict.fromkeys(merged.notes + shortfall(merged, course)))
        modules.append(dataclasses.replace(merged, notes=notes))
        progress.advance(TASK)
    return dataclasses.replace(course, modules=tuple(modules))


def describe(course: Course) -> str:
    """Which backend wrote the material and which optional models it used,
    e.g. ``rules backend; part-of-speech model en_core_web_sm; no similarity model``."""
    from .semantic import get_embedder
    from .tagger import get_tagger

    parts = [f"{course.config.pedagogy.backend} backend"]
    for name, getter in (("part-of-speech model", get_tagger), ("similarity model", get_embedder)):
        if not getter.cache_info().currsize:  # never asked for: this course had no use for it
            parts.append(f"{name} not used")
            continue
        model = getter()
        parts.append(f"{name} {getattr(model, 'name', 'MiniLM (int8)')}" if model
                     else f"no {name} (install coursepack[nlp])")
    return "; ".join(parts)


def _authored(items: tuple, ) -> tuple:
    return tuple(i for i in items if getattr(i, "origin", "generated") == "authored")


def _similar(a: str, b: str) -> bool:
    return overlap(content_words(a), content_words(b)) >= 0.8


def merge(module: Module, material: Material, course: Course) -> Module:
    """Authored items first (kept as they are), generated ones fill up to the counts."""
    counts = course.config.pedagogy
    own_obj: tuple[Objective, ...] = _authored(module.objectives)
    new_obj = [o for o in material.objectives if not any(_similar(o.text, a.text) for a in own_obj)]
    keep_obj = new_obj[: max(0, counts.objectives - len(own_obj))]
    remap = {
        material.objectives.index(o): len(own_obj) + i for i, o in enumerate(keep_obj)
    }

    def moved(indexes: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(remap[i] for i in indexes if i in remap)

    own_q: tuple[Question, ...] = _authored(module.discussion)
    gen_q = [
        dataclasses.replace(q, objectives=moved(q.objectives))
        for q in material.discussion
        if not any(_similar(q.text, a.text) for a in own_q)
    ]
    own_items: tuple[QuizItem, ...] = _authored(module.quiz)
    gen_items = [
        dataclasses.replace(q, objectives=moved(q.objectives))
        for q in material.quiz
        if not any(_similar(q.stem, a.stem) for a in own_items)
    ]
    terms: list[Term] = list(module.terms)
    known = {t.term.lower() for t in terms}
    terms.extend(t for t in material.terms if t.term.lower() not in known)
    return dataclasses.replace(
        module,
        summary=module.summary or material.summary,
        objectives=own_obj + tuple(keep_obj),
        discussion=own_q + tuple(gen_q[: max(0, counts.questions - len(own_q))]),
        quiz=own_items + tuple(gen_items[: max(0, counts.quiz_items - len(own_items))]),
        terms=tuple(terms),
        notes=tuple(dict.fromkeys(module.notes + material.notes)),
    )
