"""The one exception type for bad input.

Built on :class:`click.ClickException` so the CLI prints ``Error: <message>``
and exits with code 2, without a traceback. A message names the place
(``file:line``, anything whose ``str()`` is that, e.g.
:class:`builder.model.SourceLocation`), says what is wrong and what to do.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

import click

from .places import relabel
from .wording import sentence

log = logging.getLogger("builder")

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 forbids (every page, package and EPUB is XML); tab,
newline and carriage return are allowed."""
BLANK_CONTROLS = str.maketrans({"\x0b": " ", "\x0c": " "})
"""Vertical tab and form feed separate words: they become spaces."""


class BuildError(click.ClickException):
    """Bad input: a course folder, a source file or an option the user can fix."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        location: object | None = None,
        hint: str = "",
    ) -> None:
        self.location = location
        self.problem = message
        self.hint = hint
        super().__init__(format_problem(message, location, hint))


class BuildErrors(BuildError):
    """Several problems found in one pass, reported together."""

    def __init__(self, errors: Iterable[BuildError]) -> None:
        self.errors = list(errors)
        if len(self.errors) == 1:
            only = self.errors[0]
            super().__init__(only.problem, only.location, only.hint)
        else:
            click.ClickException.__init__(
                self,
                f"{len(self.errors)} problems:\n"
                + "\n".join(f"  {e.message}" for e in self.errors),
            )
            self.location = None
            self.problem = self.message
            self.hint = ""


def format_problem(message: str, location: object | None, hint: str) -> str:
    text = sentence(message)
    if location is not None and str(location):
        text = f"{relabel(str(location))}: {text}"
    if hint:
        text += " " + sentence(hint)
    return text


def read_source(raw: bytes, shown: str) -> str:
    """A source file's text; not UTF-8 is bad input at the line of the first
    bad byte. Control characters XML cannot hold are removed with a warning;
    a file made mostly of them is not text and is refused."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BuildError(
            "not valid UTF-8", f"{shown}:{line}", "Save the file with UTF-8 encoding"
        ) from None
    return strip_controls(text, shown)


def strip_controls(text: str, shown: str) -> str:
    """``text`` without the characters XML forbids (form feeds and vertical
    tabs become spaces), with one warning naming the first line that had one."""
    found = NOT_XML.search(text)
    if found is None:
        return text
    count = len(NOT_XML.findall(text))
    line = text.count("\n", 0, found.start()) + 1
    if count > 16 and count * 10 > len(text):
        raise BuildError(
            f"not a text file ({count} of its {len(text)} characters are control characters "
            "such as NUL)", f"{shown}:{line}", "Save the essay as plain UTF-8 text",
        )
    log.warning(
        f"{shown}:{line}: {count} control character(s) ({control_characters(text)}) removed; "
        "they cannot appear in web pages, packages or the EPUB."
    )
    return NOT_XML.sub("", text.translate(BLANK_CONTROLS))


def control_characters(text: str) -> str:
    """The control characters XML forbids that ``text`` holds, as ``U+0001, ...``
    ('' when there are none)."""
    return ", ".join(sorted({f"U+{ord(c):04X}" for c in NOT_XML.findall(text)}))


def raise_all(errors: list[BuildError]) -> None:
    """Raise every collected problem at once, if there are any."""
    if errors:
        raise BuildErrors(errors)


def read_inside(path: Path, root: Path, shown: str) -> str:
    """The text of a source file that must lie inside the course folder
    ``root``: a symlink to a file elsewhere is refused, not followed."""
    if not path.resolve().is_relative_to(root.resolve()):
        raise BuildError(
            "links to a file outside the course folder", shown,
            "Copy the file into the course folder instead of linking to it",
        )
    return read_source(path.read_bytes(), shown)
