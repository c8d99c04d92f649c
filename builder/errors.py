"""The one exception type for bad input.

Built on :class:`click.ClickException` so the CLI prints ``Error: <message>``
and exits with code 2, without a traceback. A message names the place
(``file:line``, anything whose ``str()`` is that, e.g.
:class:`builder.model.SourceLocation`), says what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Iterable

import click

from .wording import sentence


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
        text = f"{location}: {text}"
    if hint:
        text += " " + sentence(hint)
    return text


def read_source(raw: bytes, shown: str) -> str:
    """A source file's text; not UTF-8 is bad input at the line of the first bad byte."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BuildError(
            "not valid UTF-8", f"{shown}:{line}", "Save the file with UTF-8 encoding"
        ) from None


def raise_all(errors: list[BuildError]) -> None:
    """Raise every collected problem at once, if there are any."""
    if errors:
        raise BuildErrors(errors)
