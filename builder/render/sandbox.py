"""Template overrides are data, not code: a course folder may come from a
colleague or a download. They render in Jinja2's ``SandboxedEnvironment``
(no ``__globals__``, no ``__class__``, no Python internals) with limits:

- no file access through the objects in the context (a ``Path`` shows only its
  name), and overrides are read only from inside the course's ``templates/``
  folder (a symlink out of it is refused);
- no single step that builds a huge string or list (``'x' * 10**9``,
  ``center(10**9)``, ``'%999999999d'``, ``join``/``replace`` blowing up);
- a time and memory budget per page (:data:`SECONDS`, :data:`MEMORY`) that
  also stops endless loops and recursion.

Anything an override gets wrong is a :class:`BuildError` at its ``file:line``.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath
from types import FrameType
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..errors import BuildError, read_source

MAX_SIZE = 1_000_000
"""Characters or items one template expression may make at once."""
MAX_TEMPLATE = 1_000_000
"""Bytes of one override file."""
SECONDS = 5.0
"""Time one page may spend in override code."""
MEMORY = 512 << 20
"""Bytes one page's override code may add to the process."""
PATH_ATTRIBUTES = frozenset({"name", "stem", "suffix", "suffixes", "as_posix"})
_WIDTH = re.compile(r"[%:][^%{}]*?\d{7,}")


class TemplateLimit(Exception):
    """An override went past a limit (time, memory, size)."""


class OverrideLoader(jinja2.BaseLoader):
    """The course's ``templates/`` folder: UTF-8 files inside it, nothing else."""

    def __init__(self, folder: Path, shown: str) -> None:
        self.folder = folder.resolve()
        self.shown = shown.rstrip("/")

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        path = self.folder.joinpath(*pieces)
        shown = f"{self.shown}/{'/'.join(pieces)}"
        try:
            if not path.is_file():
                raise jinja2.TemplateNotFound(template)
            real = path.resolve()
            raw = path.read_bytes()[: MAX_TEMPLATE + 1] if real.is_relative_to(self.folder) else b""
            mtime = path.stat().st_mtime
        except (OSError, ValueError, RuntimeError):
            raise jinja2.TemplateNotFound(template) from None
        if not real.is_relative_to(self.folder):
            raise BuildError(
                "template override links to a file outside the course folder", shown,
                "Copy the file into the templates folder instead of linking to it",
            )
        if len(raw) > MAX_TEMPLATE:
            raise BuildError(f"template override larger than {MAX_TEMPLATE:,} bytes", shown,
                             "Keep templates small; put long text in the essay")
        text = read_source(raw, shown)
        return text, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime

    def list_templates(self) -> list[str]:
        return sorted(
            p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*") if p.is_file()
        )


class Sandbox(SandboxedEnvironment):
    """The sandbox, with size checks on the operations that can blow up."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath) and attr not in PATH_ATTRIBUTES:
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError(f"exponent {right} too large")
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        if operator == "%" and isinstance(left, str):
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: N805
             *args: Any, **kwargs: Any) -> Any:
        args = _check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def guard_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Wrap every filter so its arguments go through the same size checks."""
    for name, function in list(filters.items()):
        filters[name] = _guarded(name, function)


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs)
        if name == "format" and args and isinstance(args[0], str):
            _check_format(args[0])
        if name == "join" and len(args) >= 2:  # (eval_ctx, items, separator='')
            items = list(args[1])
            _check_join(items, str(args[2] if len(args) > 2 else kwargs.get("d", "")))
            args = (args[0], items, *args[2:])
        if name == "replace" and len(args) >= 4:  # (eval_ctx, text, old, new)
            _check_replace(*args[1:4])
        return function(*args, **kwargs)

    if hasattr(function, "jinja_pass_arg"):
        guarded.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
    guarded.__name__ = getattr(function, "__name__", name)
    return guarded


def _check_call(
    function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Check a call from a template; returns its arguments (an iterator to
    ``str.join`` is turned into a list, so its size can be checked)."""
    _check_sizes(args, kwargs)
    bound = getattr(getattr(function, "__wrapped__", function), "__self__", None)
    name = getattr(function, "__name__", "")
    if isinstance(bound, str):
        if name in ("format", "format_map"):
            _check_format(bound)
        if name == "join" and args:
            items = list(args[0])
            _check_join(items, bound)
            return (items, *args[1:])
        if name == "replace" and len(args) >= 2:
            _check_replace(bound, args[0], args[1])
    return args


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise SecurityError(f"the number {value} is too large for a template")


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, str | list | tuple) and isinstance(times, int):
        if len(sequence) * times > MAX_SIZE:
            raise SecurityError(f"repeating {len(sequence)} items {times} times is too much")


def _check_format(text: str) -> None:
    if _WIDTH.search(text):
        raise SecurityError("a field width in a format string is too large")


def _check_join(items: list[Any], separator: str) -> None:
    size = len(items) * len(separator) + sum(len(i) for i in items if isinstance(i, str))
    if size > MAX_SIZE:
        raise SecurityError("joining makes a string too large for a template")


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if all(isinstance(a, str) for a in (text, old, new)):
        hits = len(text) + 1 if not old else text.count(old)
        if hits * len(new) > MAX_SIZE:
            raise SecurityError("replacing makes a string too large for a template")


def _resident() -> int:
    """Resident memory of this process in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextmanager
def limits(folder: Path) -> Iterator[None]:
    """Run the block with a budget on the code of override templates (files
    under ``folder``): past :data:`SECONDS` or :data:`MEMORY` it raises TemplateLimit.
    Inactive under a debugger or coverage tracer (it would replace theirs)."""
    if sys.gettrace() is not None:
        yield
        return
    prefix = str(folder.resolve()) + os.sep
    seconds, memory = SECONDS, MEMORY
    start, base, steps = time.monotonic(), _resident(), [0]

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        steps[0] += 1
        if steps[0] % 2000 == 0:
            if time.monotonic() - start > seconds:
                raise TemplateLimit(f"ran longer than {seconds:.0f} s")
            if base and _resident() - base > memory:
                raise TemplateLimit(f"used more than {memory >> 20} MB of memory")
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line if frame.f_code.co_filename.startswith(prefix) else None

    sys.settrace(call)
    try:
        yield
    finally:
        sys.settrace(None)
