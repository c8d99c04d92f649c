"""Runs the stages in order: read -> plan -> review -> pedagogy -> render ->
package -> publish. The whole course model is complete before the first file is
written; the build goes to a temporary folder that replaces ``--out`` only
when everything succeeded."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, export, plan, planfile, publish, read, review
from .errors import BuildError
from .formats import FORMATS, NEEDS_HTML, PACKAGE_FORMATS, RENDER_FORMATS
from .model import Course, Module
from .pedagogy import stage
from .progress import NullProgress, Progress
from .wording import count

log = logging.getLogger("builder")



@dataclass(frozen=True)
class BuildResult:
    """What ``build`` made, for the closing summary."""

    course: Course
    out: Path
    files: tuple[Path, ...]
    """Every file written, under ``out``."""
    pdf_pages: int
    seconds: float
    """Wall time of the whole build."""
    stage_seconds: dict[str, float] = field(default_factory=dict)
    """Wall time per stage (``read``, ``plan``, ... and ``weasyprint``)."""
    warnings: int = 0


def parse_formats(value: str | Iterable[str] | None) -> frozenset[str]:
    """``"html,pdf"`` -> {"html", "pdf"}; None or "all" -> every format."""
    if value is None:
        return frozenset(FORMATS)
    names = value.split(",") if isinstance(value, str) else list(value)
    chosen = {n.strip().lower() for n in names if n.strip()}
    if "all" in chosen:
        return frozenset(FORMATS)
    unknown = sorted(chosen - set(FORMATS))
    if unknown or not chosen:
        raise BuildError(
            f"unknown format '{', '.join(unknown) or value}'",
            None,
            "Choose from: " + ", ".join(FORMATS) + " (comma-separated) or all",
        )
    if chosen & NEEDS_HTML:
        chosen.add("html")
    return frozenset(chosen)


def load(
    course_dir: Path,
    display_dir: str | None = None,
    progress: Progress | None = None,
    timer: _Timer | None = None,
) -> Course:
    """Read, plan and generate: the finished course model, nothing written."""
    timer = timer or _Timer()
    with timer("read"):
        source = read.read_course(course_dir, display_dir)
    sections = sum(len(r.sections) for r in source.readings)
    words = sum(s.words for r in source.readings for s in r.sections)
    timer.done("read", f"{count(len(source.readings), 'reading')}, "
               f"{count(sections, 'section')}, {count(words, 'word')}")
    with timer("plan"):
        course = plan.plan_course(source)
    timer.done("plan", count(len(course.modules), "module") + ": "
               + ", ".join(m.id for m in course.modules))
    with timer("review"):
        display = source.display_dir or str(source.root)
        plan_file = planfile.load_plan(source.root, display, course.language)
        course = review.apply(course, plan_file)
    timer.done("review", f"{count(sum(m.reviewed for m in course.modules), 'module')} "
               f"reviewed in {planfile.PLAN_FILE}" if plan_file else f"no {planfile.PLAN_FILE}")
    with timer("pedagogy"):
        finished, described = cache.enrich(
            course, lambda c: stage.enrich(c, progress or NullProgress()), stage.describe)
        finished = review.check_assessed(finished, plan_file.path if plan_file else "")
    timer.done("pedagogy", described)
    for module in finished.modules:
        log.info("  %s: %s", module.id, _material(module))
    return finished


def _material(module: Module) -> str:
    """``3 objectives, 3 questions, 4 quiz items, 5 terms (2 authored)``."""
    kinds = (module.objectives, module.discussion, module.quiz, module.terms)
    own = sum(item.origin == "authored" for items in kinds for item in items)
    reviewed = ", reviewed in plan.yaml" if module.reviewed else ""
    return (f"{count(len(module.objectives), 'objective')}, "
            f"{count(len(module.discussion), 'question')}, "
            f"{count(len(module.quiz), 'quiz item')}, {count(len(module.terms), 'term')} "
            f"({own} authored{reviewed})")


def build(
    course_dir: Path,
    out: Path,
    formats: frozenset[str] | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    display_dir: str | None = None,
) -> BuildResult:
    """Build the course in ``course_dir`` into ``out``."""
    started = time.perf_counter()
    formats = formats or frozenset(FORMATS)
    progress = progress or NullProgress()
    jobs = max(1, jobs or os.cpu_count() or 1)
    timer = _Timer()
    publish.check_out_dir(out, course_dir)  # before any work: the sources are never at risk
    with _count_warnings() as warnings:
        course = load(course_dir, display_dir, progress, timer)
        with publish.locked(out), publish.staging(out) as temp:
            publish.check_out_dir(out, course_dir)  # again: a build may have ended meanwhile
            written, pages = _write(course, temp, formats, jobs, progress, timer)
            if strict and warnings.count:
                raise BuildError(
                    f"{count(warnings.count, 'warning')} with --strict",
                    None,
                    "Fix the warnings above or build without --strict",
                )
            publish.publish(temp, out)
    return BuildResult(
        course=course,
        out=out,
        files=tuple(out / f.relative_to(temp) for f in written),
        pdf_pages=pages,
        seconds=time.perf_counter() - started,
        stage_seconds=timer.seconds,
        warnings=warnings.count,
    )


def _write(
    course: Course,
    temp: Path,
    formats: frozenset[str],
    jobs: int,
    progress: Progress,
    timer: _Timer,
) -> tuple[list[Path], int]:
    from . import render  # imported late: WeasyPrint is slow to import

    files: list[Path] = []
    pages = 0
    render_formats = formats & set(RENDER_FORMATS)
    if render_formats:
        with timer("render"):
            rendered = render.render(course, temp, frozenset(render_formats), jobs, progress)
        files.extend(rendered.files)
        pages = rendered.pdf_pages
        timer.seconds["weasyprint"] = rendered.pdf_seconds
        pdf = (f", {count(pages, 'PDF page')} ({rendered.pdf_seconds:.2f} s in WeasyPrint, "
               f"{count(jobs, 'job')})" if pages else "")
        timer.done("render", f"{', '.join(sorted(render_formats))}: "
                   f"{count(len(rendered.files), 'file')}{pdf}")
    package_formats = formats & set(PACKAGE_FORMATS)
    if package_formats:
        from . import package

        with timer("package"):
            packaged = package.package(course, temp, frozenset(package_formats), progress)
        files.extend(packaged)
        timer.done("package", f"{', '.join(sorted(package_formats))}: "
                   f"{count(len(packaged), 'file')}")
    data = temp / "course.json"
    data.write_text(export.course_json(course, formats), encoding="utf-8")
    files.append(data)
    return sorted(files), pages


class _Timer:
    """Wall time per stage; :meth:`done` tells what a stage did (``--verbose``)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def done(self, stage: str, what: str) -> None:
        log.info("%s: %s (%.2f s)", stage, what, self.seconds.get(stage, 0.0))

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _count_warnings() -> Iterator[_WarningCounter]:
    counter = _WarningCounter()
    log.addHandler(counter)
    try:
        yield counter
    finally:
        log.removeHandler(counter)
