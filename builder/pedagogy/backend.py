"""The backend interface: what any generator of teaching material provides.

A backend is made once per course (so it can index the whole course, e.g.
to draw distractors from other modules) and then asked for each module's
:class:`~builder.model.Material`. It never sees or changes authored items:
:func:`builder.pedagogy.stage.enrich` merges, and authored items always win.
Backends are registered by name in :data:`builder.pedagogy.BACKENDS`.
"""

from __future__ import annotations

from typing import Protocol

from ..model import Material, Module


class Backend(Protocol):
    """Generates teaching material; deterministic for a given course config."""

    name: str

    def generate(self, module: Module) -> Material:
        """The material for ``module`` (one of the course's modules)."""
