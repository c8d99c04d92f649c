"""Small helpers for messages people read: counts with the right plural."""

from __future__ import annotations

IRREGULAR = {"quiz item": "quiz items"}


def count(number: int, noun: str, plural: str = "") -> str:
    """``count(1, "module")`` -> ``1 module``; ``count(2, "module")`` -> ``2 modules``."""
    if number == 1:
        return f"1 {noun}"
    return f"{number:,} {plural or IRREGULAR.get(noun) or noun + 's'}"


def sentence(text: str) -> str:
    """``text`` ending as a sentence does: with a full stop unless it has one
    (or a question or exclamation mark)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!", ".)")) else text + "."
