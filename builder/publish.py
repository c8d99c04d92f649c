"""Publish: build into a temporary folder beside ``--out``, move it into place
only when the whole build succeeded. A failed build never destroys the last
good one, and never leaves a half-written folder behind.

- Only a folder coursepack made is ever replaced: every build holds a marker
  file, :data:`MARKER`, that nothing else writes.
- One build at a time per ``--out``: a lock file beside it (``flock``, so a
  killed build releases it).
- Any interruption (Ctrl-C, SIGTERM, kill -9, a full disk) at any point is
  recovered by the next build into the same ``--out``: a previous build
  caught between its two renames is put back, and stray temporary folders
  are removed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from . import __version__
from .errors import BuildError

MARKER = ".coursepack-build"
"""Written into every build (with the version); a folder without it is not ours."""
LEGACY_ENTRIES = frozenset({"course.json", "site", "pdf", "lms", "epub"})
"""A build from before the marker: course.json and only these entries."""


def check_out_dir(out: Path, course_dir: Path) -> None:
    """Refuse an output folder that would overwrite the sources or a folder
    that is not an earlier build."""
    try:
        _check_out_dir(out, course_dir)
    except OSError as exc:
        raise _cannot_write(out, exc) from None


def _check_out_dir(out: Path, course_dir: Path) -> None:
    out_r, course_r = out.resolve(), course_dir.resolve()
    if out_r == course_r or course_r.is_relative_to(out_r):
        raise BuildError(
            f"the output folder {out} would replace the course folder {course_dir}",
            None,
            "Choose another --out, e.g. --out build",
        )
    if out.exists() and not out.is_dir():
        raise BuildError(f"the output path {out} is a file", None, "Choose a folder for --out")
    if out.is_dir() and any(out.iterdir()) and not is_build(out):
        raise BuildError(
            f"the output folder {out} is not empty and holds no earlier coursepack build",
            None,
            "Choose a new or empty folder for --out, or delete it first",
        )


def is_build(folder: Path) -> bool:
    """Did coursepack write ``folder``? (its marker, or an older build's layout)"""
    if (folder / MARKER).is_file():
        return True
    names = {p.name for p in folder.iterdir()}
    return "course.json" in names and names <= LEGACY_ENTRIES


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the lock of ``out`` (``.coursepack-<name>.lock`` beside it) and
    clean up what an interrupted build into ``out`` left behind."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = _lock(out.parent / f".coursepack-{out.name}.lock", out)
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    try:
        recover(out)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        handle.close()


def _lock(path: Path, out: Path) -> IO[str]:
    while True:
        handle = open(path, "a+")  # noqa: SIM115 - held for the whole build
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise BuildError(
                f"another coursepack build is writing {out}",
                None, "Wait for it to finish, or choose another --out",
            ) from None
        try:
            same = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:  # not a lock file the previous holder removed meanwhile
            return handle
        handle.close()


def _leftovers(out: Path) -> list[tuple[Path, bool]]:
    """Temporary folders of earlier builds into ``out``: (path, is the old build)."""
    pattern = re.compile(rf"^\.coursepack-{re.escape(out.name)}-\d+(-old)?$")
    return [
        (path, path.name.endswith("-old"))
        for path in sorted(out.parent.iterdir())
        if pattern.match(path.name) and path.is_dir() and not path.is_symlink()
    ]


def recover(out: Path) -> None:
    """Undo what an interrupted build left: a previous build moved aside but
    never replaced goes back to ``out``; every other temporary folder goes."""
    leftovers = _leftovers(out)
    if not out.exists():
        for path, old in leftovers:
            if old and is_build(path):
                path.rename(out)
                break
    for path, _old in _leftovers(out):
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh temporary folder next to ``out``; removed if the build fails
    or is interrupted."""
    temp = out.parent / f".coursepack-{out.name}-{os.getpid()}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if temp.exists():
            shutil.rmtree(temp)
        temp.mkdir()
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    try:
        yield temp
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM):
            raise _cannot_write(out, exc) from None
        raise
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def publish(temp: Path, out: Path) -> None:
    """Swap the finished build in place of the previous one. Killed at any
    point, :func:`recover` (run by the next build) completes or undoes it."""
    (temp / MARKER).write_text(f"coursepack {__version__}\n", encoding="utf-8")
    old = out.parent / f".coursepack-{out.name}-{os.getpid()}-old"
    try:
        if out.exists():
            out.rename(old)
        try:
            temp.rename(out)
        except OSError:
            if old.exists():
                old.rename(out)
            raise
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _cannot_write(out: Path, exc: OSError) -> BuildError:
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, FileExistsError | NotADirectoryError):
        reason = "a file stands where a folder is needed"
    return BuildError(
        f"cannot write the output folder {out} ({reason})", None,
        "Choose a folder you can write to for --out, e.g. --out build",
    )
