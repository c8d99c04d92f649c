"""What a generator writes for the instructor, in the course's language.

The texts live next to the interface strings, in the default theme:
``templates/strings/notes/<lang>.toml`` (``[notes]`` plus ``short_for`` and
``openers``, see ``en.toml``). English is complete and is the fallback for a
language without a table (``de``) and for a key a table lacks; ``fr-CA``
uses ``fr``. Numbers are filled in as digits.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import theme_dir
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
    primary = language.split("-")[0].lower() or FALLBACK
    return _load(primary)


def folder() -> Path:
    return theme_dir() / "strings" / "notes"


@lru_cache(maxsize=16)
def _load(language: str) -> Notes:
    english = _read(folder() / f"{FALLBACK}.toml")
    path = folder() / f"{language}.toml"
    own = _read(path) if language != FALLBACK and path.is_file() else {}
    found = english if not own else own
    notes = {**english.get("notes", {}), **own.get("notes", {})}
    return Notes(
        language=language if own else FALLBACK,
        notes={str(k): str(v) for k, v in notes.items()},
        short_for=str(found.get("short_for", english["short_for"])),
        openers=tuple(str(o).lower() for o in found.get("openers", english["openers"])),
    )


def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


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
    english = course.language.split("-")[0].lower() == "en"
    if not english and not (module.objectives or module.discussion or module.quiz):
        return ()
    counts = course.config.pedagogy
    out: list[str] = []
    if len(module.objectives) < 2 or len(module.discussion) < 2:
        out.append(notes.say("few_ideas", objectives=len(module.objectives),
                             questions=len(module.discussion)))
    if english and not module.terms:
        out.append(notes.say("no_terms"))
    if len(module.quiz) < counts.quiz_items:
        out.append(notes.say("few_items", items=len(module.quiz), wanted=counts.quiz_items))
    return tuple(out)
