"""Handouts cut from the laid-out course pack read exactly as handouts laid
out on their own (pages, page numbers, text, bookmarks, title, tags), and
the worker pool dies with its parent."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pypdf
import pytest

from builder import theme_dir
from builder.model import Course
from builder.progress import NullProgress
from builder.render import render
from builder.render.pdf import units
from tests.test_render_html import course_with_figure

PDF_ONLY = frozenset({"pdf"})


def pages_text(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(path).pages]


def outline_titles(path: Path) -> list[str]:
    def walk(items: list[Any]) -> list[str]:
        found: list[str] = []
        for item in items:
            found += walk(item) if isinstance(item, list) else [item.title]
        return found
    return walk(pypdf.PdfReader(path).outline)


def with_resources(course: Course) -> Course:
    """The course with a resources chapter after the glossary (its overview text)."""
    assert course.overview
    return dataclasses.replace(course, resources=course.overview)


def test_cut_handouts_read_like_handouts_laid_out_alone(tmp_path: Path) -> None:
    course = with_resources(course_with_figure(tmp_path / "c"))
    cut_result = render(course, tmp_path / "cut", PDF_ONLY, 1, NullProgress())
    alone = with_resources(course_with_figure(tmp_path / "alone"))
    override = alone.root / "templates" / "pdf"
    override.mkdir(parents=True)
    shutil.copyfile(theme_dir() / "pdf" / "handout.html", override / "handout.html")
    alone_result = render(alone, tmp_path / "alone-out", PDF_ONLY, 1, NullProgress())
    assert cut_result.pdf_pages == alone_result.pdf_pages
    for module in course.modules:
        mine = tmp_path / "cut" / "pdf" / f"{module.id}.pdf"
        theirs = tmp_path / "alone-out" / "pdf" / f"{module.id}.pdf"
        assert pages_text(mine) == pages_text(theirs)
        assert outline_titles(mine) == outline_titles(theirs)
        reader = pypdf.PdfReader(mine)
        assert reader.metadata is not None
        assert reader.metadata.title == f"{module.title} – {course.title}"
        assert "/StructTreeRoot" in reader.root_object
        assert f"Page 1 of {len(reader.pages)}" in pages_text(mine)[0]


def test_handouts_are_cut_unless_a_template_is_overridden(tmp_path: Path) -> None:
    from builder.render.pdf import PdfJob

    course = course_with_figure(tmp_path / "c")
    jobs = [PdfJob("course pack", "", "", tmp_path / "p.pdf", ()),
            PdfJob("instructor guide", "", "", tmp_path / "g.pdf", ()),
            *(PdfJob("handouts", "", "", tmp_path / f"{m.id}.pdf", (), m.id)
              for m in course.modules)]
    plan = units(course, jobs)
    assert [len(u.cuts) for u in plan] == [len(course.modules), 0]
    (course.root / "templates" / "pdf").mkdir(parents=True)
    (course.root / "templates" / "pdf" / "course-pack.html").write_text("x", encoding="utf-8")
    assert [len(u.cuts) for u in units(course, jobs)] == [0] * (2 + len(course.modules))


WORKER_SCRIPT = """
import os, sys, time
from builder.render.pool import run_all
def job(n):
    with open(sys.argv[1], "a", encoding="ascii") as pids:
        pids.write(f"{os.getpid()}\\n")
    time.sleep(60)
    return n
for _ in run_all(job, [1, 2], 2):
    pass
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_when_the_parent_is_killed(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    pids.touch()
    parent = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT, str(pids)],
                              cwd=Path(__file__).resolve().parent.parent)
    deadline = time.monotonic() + 60
    while len(pids.read_text(encoding="ascii").split()) < 2 and time.monotonic() < deadline:
        assert parent.poll() is None, "the parent ended before its workers started"
        time.sleep(0.05)
    workers = [int(pid) for pid in pids.read_text(encoding="ascii").split()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in workers if _alive(pid)]
        time.sleep(0.05)
    assert alive == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"
