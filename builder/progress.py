"""Progress reporting: a small protocol the stages call, and two displays.

Stages never print. They call ``progress.task(name, total)`` to announce work
and ``progress.advance(name)`` as it gets done; the pipeline chooses a live
display on a terminal, or nothing (``-q``, CI, pipes).
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def task(self, name: str, total: int) -> None:
        """Announce ``total`` steps of work called ``name``."""

    def advance(self, name: str, steps: int = 1) -> None:
        """Mark ``steps`` of ``name`` as done."""


class NullProgress:
    """Shows nothing."""

    def task(self, name: str, total: int) -> None:
        pass

    def advance(self, name: str, steps: int = 1) -> None:
        pass
