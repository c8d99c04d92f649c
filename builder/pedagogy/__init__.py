"""The pedagogy stage: module text -> objectives, discussion questions,
knowledge checks, key terms and a summary (:func:`.stage.enrich`).

This module is the registry of backends, by the name ``[pedagogy] backend``
gives in ``course.toml`` (which takes its choices from here). It imports
nothing, so that the configuration can read it; :func:`.stage.get_backend`
imports the chosen backend. A backend is a class made with the course;
:class:`.backend.Backend` is its interface. One with a ``fallback`` is also
given the fallback backend, whose items fill the places its own rejected
items leave.
"""

from __future__ import annotations

from typing import NamedTuple


class Registered(NamedTuple):
    target: str
    """``module:class``, the module relative to this package."""
    fallback: str = ""
    """The name of the backend it falls back on, if any."""


BACKENDS: dict[str, Registered] = {
    "rules": Registered("rules:RulesBackend"),
    "llm": Registered("llm:LlmBackend", fallback="rules"),
}
