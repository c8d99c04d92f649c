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
