"""Interface strings: the theme's translation tables plus the course's overrides.

The tables live in the theme (``templates/strings/<lang>.toml``); English is
complete and is the fallback for any key another language lacks. A course
overrides single strings in ``course.toml``::

    [site.strings]
    objectives = "Goals for this week"

Unknown override keys are bad input (reported with a did-you-mean), and so
is an override that drops or renames a ``{placeholder}`` the theme fills in.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path

from .errors import BuildError, raise_all
from .language import chain
from .model import Course

FALLBACK = "en"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def load_table(theme: Path, language: str) -> dict[str, str]:
    """The strings for ``language`` (``fr-CA`` falls back to ``fr``, then to English)."""
    table: dict[str, str] = {}
    for tag in chain(language):  # the one fallback rule of builder.language
        path = theme / "strings" / f"{tag}.toml"
        if path.is_file():
            table.update(_read(path))
    return table


def course_strings(course: Course, theme: Path) -> dict[str, str]:
    """The theme's strings for the course language with ``[site.strings]`` applied."""
    table = load_table(theme, course.language)
    overrides = course.config.site.strings
    where = f"{course.config.path}" if course.config.path else "course.toml"
    errors: list[BuildError] = []
    for key in sorted(overrides):
        if key not in table:
            close = difflib.get_close_matches(key, sorted(table), n=1)
            hint = f"Did you mean '{close[0]}'?" if close else "See the theme's strings/en.toml"
            errors.append(BuildError(f"unknown interface string 'site.strings.{key}'", where,
                                     hint))
            continue
        wanted = set(PLACEHOLDER.findall(table[key]))
        given = set(PLACEHOLDER.findall(overrides[key]))
        if wanted != given:
            names = ", ".join("{" + n + "}" for n in sorted(wanted)) or "no placeholders"
            errors.append(BuildError(f"'site.strings.{key}' must use {names}", where,
                                     "Keep the placeholders of the default string"))
    raise_all(errors)
    return {**table, **overrides}


def fmt(template: str, **values: object) -> str:
    """Fill ``{name}`` placeholders, leaving other braces alone."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


def _read(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {str(k): str(v) for k, v in data.items()}
