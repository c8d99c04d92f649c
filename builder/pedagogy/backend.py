"""The backend interface: what any generator of teaching material provides.

A backend is made once per course (so it can index the whole course, e.g.
to draw distractors from other modules) and then asked for each module's
:class:`Material`. It never sees or changes authored items: :func:`enrich`
merges, and authored items always win.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..errors import BuildError
from ..model import Course, Module, Objective, Question, QuizItem, Term


@dataclass(frozen=True)
class Material:
    """Generated teaching material for one module. Indexes in
    ``Question.objectives`` and ``QuizItem.objectives`` point into
    ``objectives``."""

    summary: str = ""
    objectives: tuple[Objective, ...] = ()
    discussion: tuple[Question, ...] = ()
    quiz: tuple[QuizItem, ...] = ()
    terms: tuple[Term, ...] = ()
    notes: tuple[str, ...] = ()


class Backend(Protocol):
    """Generates teaching material; deterministic for a given course config."""

    name: str

    def generate(self, module: Module) -> Material:
        """The material for ``module`` (one of the course's modules)."""


BackendFactory = Callable[[Course], Backend]


def _rules(course: Course) -> Backend:
    from .rules import RulesBackend

    return RulesBackend(course)


def _llm(course: Course) -> Backend:
    from .llm import LlmBackend

    return LlmBackend(course)


BACKENDS: dict[str, BackendFactory] = {"rules": _rules, "llm": _llm}


def get_backend(course: Course) -> Backend:
    name = course.config.pedagogy.backend
    factory = BACKENDS.get(name)
    if factory is None:
        listed = ", ".join(f'"{n}"' for n in BACKENDS)
        raise BuildError(
            f"unknown pedagogy backend \"{name}\"",
            course.config.path or "course.toml",
            f"Use one of {listed}",
        )
    return factory(course)
