"""Places in source files, as messages name them.

A Markdown file is read line by line, so a place is ``file:line``. A reading
imported from a format without lines (a Word document, a web page, plain
text: :mod:`builder.importer`) is read as Markdown converted from it, whose
line numbers mean nothing to its author: :func:`describe` registers, for
each line of that Markdown, the paragraph of the document it came from, and
every message then names ``file: paragraph N ("its first words")`` instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

_LABELS: dict[str, tuple[str, ...]] = {}
_PATTERN: re.Pattern[str] | None = None


def describe(path: str, labels: Sequence[str]) -> None:
    """``labels[n]`` names line ``n + 1`` of the reading shown as ``path``
    (an empty sequence forgets the file)."""
    global _PATTERN
    if labels:
        _LABELS[path] = tuple(labels)
    else:
        _LABELS.pop(path, None)
    names = sorted(_LABELS, key=len, reverse=True)
    _PATTERN = (re.compile("(" + "|".join(map(re.escape, names)) + r"):(\d+)\b")
                if names else None)


def place(path: str, line: int) -> str:
    """``path:line``, or ``path: paragraph N (...)`` for an imported reading."""
    labels = _LABELS.get(path)
    if not labels:
        return f"{path}:{line}"
    return f"{path}: {labels[min(max(line, 1), len(labels)) - 1]}"


def relabel(text: str) -> str:
    """``text`` with every ``path:line`` of an imported reading named as :func:`place` does."""
    if _PATTERN is None or ":" not in text:
        return text
    return _PATTERN.sub(lambda m: place(m.group(1), int(m.group(2))), text)


class _Relabel(logging.Filter):
    """Names the places of imported readings in every message of the
    ``builder`` logger (many are written as ``f"{file}:{line}: ..."``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _PATTERN is not None:
            message = record.getMessage()
            relabelled = relabel(message)
            if relabelled != message:
                record.msg, record.args = relabelled, ()
        return True


def install(logger: logging.Logger) -> None:
    """Relabel the messages of ``logger`` (once)."""
    if not any(isinstance(f, _Relabel) for f in logger.filters):
        logger.addFilter(_Relabel())
