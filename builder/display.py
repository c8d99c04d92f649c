"""What the user sees in the terminal: a live progress display (rich) when
stderr is a terminal, warnings as ``Warning: ...`` lines, a closing summary."""

from __future__ import annotations

import logging
import os
import sys
from types import TracebackType

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from .wording import sentence

LABELS = {
    "pedagogy": "Teaching material",
    "site": "Site pages",
    "handouts": "PDF handouts",
    "epub": "EPUB",
    "package": "LMS packages",
}


def interactive(quiet: bool) -> bool:
    """A live display only for a person at a terminal."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


class LiveProgress:
    """The Progress protocol on a rich progress display."""

    def __init__(self) -> None:
        self._bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> LiveProgress:
        self._bars.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._bars.stop()

    def task(self, name: str, total: int) -> None:
        label = LABELS.get(name, name.capitalize())
        if name in self._tasks:
            self._bars.update(self._tasks[name], total=total, completed=0)
        else:
            self._tasks[name] = self._bars.add_task(label, total=total)

    def advance(self, name: str, steps: int = 1) -> None:
        if name in self._tasks:
            self._bars.advance(self._tasks[name], steps)


class WarningEcho(logging.Handler):
    """Prints the builder's warnings on stderr as ``Warning: ...``."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"Warning: {sentence(record.getMessage())}", err=True)


class DetailEcho(logging.Handler):
    """``--verbose``: what each stage did and how long it took, on stderr."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.addFilter(lambda record: record.levelno < logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


def setup_logging(verbose: bool) -> None:
    log = logging.getLogger("builder")
    log.setLevel(logging.DEBUG if verbose else logging.WARNING)
    log.propagate = False
    for handler in [h for h in log.handlers if isinstance(h, WarningEcho | DetailEcho)]:
        log.removeHandler(handler)
    log.addHandler(WarningEcho())
    if verbose:
        log.addHandler(DetailEcho())
    # WeasyPrint's own messages are ours to report (e.g. a refused URL).
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
