"""The course glossary: every module's key terms in one alphabetical list,
each with the modules that introduce it (site/glossary.html, the course
pack's glossary chapter and the EPUB's glossary)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Course, Module

NOT_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    anchor: str
    """Fragment id on the glossary page (``term-precipitation``)."""
    modules: tuple[tuple[int, Module], ...]
    """(number, module) of every module whose key terms list it, in order."""


def glossary(course: Course) -> list[GlossaryEntry]:
    """The terms of all modules, merged case-insensitively (the first
    definition wins) and sorted in a language-neutral, stable order."""
    found: dict[str, tuple[str, str, list[tuple[int, Module]]]] = {}
    for number, module in enumerate(course.modules, start=1):
        for term in module.terms:
            key = sort_key(term.term)
            if key not in found:
                found[key] = (term.term, term.definition, [])
            uses = found[key][2]
            if not uses or uses[-1][1].id != module.id:
                uses.append((number, module))
    entries = []
    taken: set[str] = set()
    for key in sorted(found):
        name, definition, uses = found[key]
        entries.append(GlossaryEntry(name, definition, _anchor(name, taken), tuple(uses)))
    return entries


def sort_key(term: str) -> str:
    """Case- and accent-insensitive key: ``Épée`` and ``epee`` are one term."""
    decomposed = unicodedata.normalize("NFKD", term.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _anchor(term: str, taken: set[str]) -> str:
    slug = NOT_WORD.sub("-", sort_key(term)).strip("-")[:40] or "entry"
    anchor = f"term-{slug}"
    suffix = 2
    while anchor in taken:
        anchor = f"term-{slug}-{suffix}"
        suffix += 1
    taken.add(anchor)
    return anchor
