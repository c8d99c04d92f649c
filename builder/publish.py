"""Publish: build into a temporary folder beside ``--out``, move it into place
only when the whole build succeeded. A failed build never destroys the last
good one, and never leaves a half-written folder behind."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from .errors import BuildError

MARKER = "course.json"
"""Every coursepack build has this file; a folder without it is not ours to replace."""


def check_out_dir(out: Path, course_dir: Path) -> None:
    """Refuse an output folder that would overwrite the sources or a folder
    that is not an earlier build."""
    out_r, course_r = out.resolve(), course_dir.resolve()
    if out_r == course_r or course_r.is_relative_to(out_r):
        raise BuildError(
            f"the output folder {out} would replace the course folder {course_dir}",
            None,
            "Choose another --out, e.g. --out build",
        )
    if out.exists() and not out.is_dir():
        raise BuildError(f"the output path {out} is a file", None, "Choose a folder for --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise BuildError(
            f"the output folder {out} is not empty and holds no earlier coursepack build",
            None,
            "Choose a new or empty folder for --out, or delete it first",
        )


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh temporary folder next to ``out``; removed if the build fails."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.parent / f".coursepack-{out.name}-{os.getpid()}"
    if temp.exists():
        shutil.rmtree(temp)
    temp.mkdir()
    try:
        yield temp
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def publish(temp: Path, out: Path) -> None:
    """Swap the finished build in place of the previous one."""
    old = out.parent / f".coursepack-{out.name}-{os.getpid()}-old"
    if out.exists():
        out.rename(old)
    try:
        temp.rename(out)
    except OSError:
        if old.exists():
            old.rename(out)
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
