"""What a generator writes for the instructor, in the course's language.

The texts live next to the interface strings, in the default theme:
``templates/strings/notes/<lang>.toml`` (``[notes]`` plus ``short_for`` and
``openers``, see ``en.toml``). English is complete and is the fallback for a
language without a table (``de``) and for a key a table lacks; ``fr-CA``
uses ``fr``. Numbers are filled in as digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import theme_dir
from ..language import has_data, load, primary_language
from ..model import Course, Module
from ..strings import fmt

FALLBACK = "en"


@dataclass(frozen=True)
class Notes:
    """The notes table of one language (with the English fallback applied)."""

    language: str
    notes: dict[str, str]
    short_for: str
    openers: tuple[str, ...]
    """Sentence openers that lean on the sentence before, lower case."""

    def say(self, key: str, **values: object) -> str:
        """The note ``key`` with its ``{placeholders}`` filled in."""
        return fmt(self.notes[key], **values)

    def abbreviation(self, long_form: str) -> str:
        """The one-line definition of an abbreviation the text spells out."""
        return fmt(self.short_for, long=long_form)

    @property
    def opener(self) -> re.Pattern[str]:
        return _opener_pattern(self.openers)


def notes_for(language: str) -> Notes:
    """The table for a course language such as ``ar``, ``fr-CA`` or ``de``."""
    return _load(primary_language(language))


def folder() -> Path:
    return theme_dir() / "strings" / "notes"


@lru_cache(maxsize=16)
def _load(language: str) -> Notes:
    data = load(folder(), language)  # English first, the language's own keys win
    return Notes(
        language=language if has_data(folder(), language) else FALLBACK,
        notes={str(k): str(v) for k, v in data.get("notes", {}).items()},
        short_for=str(data["short_for"]),
        openers=tuple(str(o).lower() for o in data["openers"]),
    )


@lru_cache(maxsize=16)
def _opener_pattern(openers: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted(openers, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"^[\"“‘«(]?(?:{alternatives})(?=[\s,،:;]|$)", re.I)


def shortfall(module: Module, course: Course) -> tuple[str, ...]:
    """Notes on what the module's final material (authored, generated, reviewed,
    minus what was dropped) lacks against the ``[pedagogy]`` counts. Computed on
    the finished module, so that a note never counts items that are not there.
    A module in another language that has no items at all says why elsewhere."""
    notes = notes_for(course.language)
    # whether the rules backend writes material in this language (else a module
    # without items says why in the note of builder.pedagogy.rules)
    written = course.lang.code == "en" or bool(course.lang.frames("define"))
    if not written and not (module.objectives or module.discussion or module.quiz):
        return ()
    counts = course.config.pedagogy
    out: list[str] = []
    if len(module.objectives) < 2 or len(module.discussion) < 2:
        out.append(notes.say("few_ideas", objectives=len(module.objectives),
                             questions=len(module.discussion)))
    if written and not module.terms:
        from .rules.terms import named_terms  # the rules backend imports this module

        named = named_terms(module.text) if course.lang.code == "en" else []
        out.append(notes.say("no_terms_named", terms=", ".join(f"“{t}”" for t in named))
                   if named else notes.say("no_terms"))
    if len(module.quiz) < counts.quiz_items:
        out.append(notes.say("few_items", items=len(module.quiz), wanted=counts.quiz_items))
    return tuple(out)
