"""Small helpers for messages people read: counts with the right plural."""

from __future__ import annotations

IRREGULAR = {"quiz item": "quiz items", "flaw in teaching material": "flaws in teaching material"}


def count(number: int, noun: str, plural: str = "") -> str:
    """``count(1, "module")`` -> ``1 module``; ``count(2, "module")`` -> ``2 modules``."""
    if number == 1:
        return f"1 {noun}"
    return f"{number:,} {plural or IRREGULAR.get(noun) or noun + 's'}"
