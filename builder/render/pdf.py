"""PDFs with WeasyPrint: one handout per module, the course pack and the
instructor guide.

Templates are rendered to HTML strings in this process (fast, and template
errors surface before any slow work); each document is then laid out exactly
once, in a pool of up to ``jobs`` processes (in this process when ``jobs`` is
1). Every document is fetched through :class:`SandboxFetcher`, dated from
``course.source_date`` and given a PDF identifier derived from its HTML, so
the same course gives the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import jinja2
from weasyprint import HTML
from weasyprint.urls import url_join

from ..model import Course
from ..progress import Progress
from .fetcher import SandboxFetcher
from .glossary import glossary
from .theme import CoursePackContext, GuideContext, HandoutContext, ModuleDoc, Where, render_page
from .views import page_context, pdf_assets, section_views, theme_file, w3c_date

log = logging.getLogger("builder")
PDF = "pdf"
PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1"}
URL_ATTR = re.compile(r'\s(?:src|href|poster|data)="([^"]*)"')


@dataclass(frozen=True)
class PdfJob:
    """One document to lay out: everything a worker process needs."""

    task: str
    html: str
    base_url: str
    target: Path
    roots: tuple[Path, ...]


@dataclass(frozen=True)
class PdfOutcome:
    task: str
    target: Path
    pages: int
    refused: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PdfResult:
    files: tuple[Path, ...]
    pages: int
    seconds: float


def plan_pdfs(
    course: Course, out: Path, env: jinja2.Environment, strings: dict[str, str], where: Where,
    theme: Path,
) -> list[PdfJob]:
    """Render the PDF templates; the course pack first (the longest job)."""
    base = course.root.resolve().as_uri() + "/"
    roots = (course.root.resolve(), theme.resolve())
    sheet = theme_file(course.root, theme, "assets/style.css").resolve().as_uri()
    created = w3c_date(course.source_date)
    rewrite = pdf_assets(course)

    def job(task: str, name: str, context: object, filename: str) -> PdfJob:
        html = render_page(env, name, context, where)
        return PdfJob(task, html, base, out / PDF / filename, roots)

    docs = [ModuleDoc(module=m, number=n, sections=section_views(
        m.sections, rewrite, anchor_prefix=f"{m.id}--")) for n, m in
        enumerate(course.modules, start=1)]
    pack = CoursePackContext(
        **page_context(course, strings, "", course.title), stylesheet=sheet, created=created,
        overview=section_views(course.overview, rewrite, anchor_prefix="overview--"),
        modules=docs, glossary=glossary(course),
        resources=section_views(course.resources, rewrite, top=2, first_is_title=False,
                                anchor_prefix="resources--"))
    guide_title = strings["instructor_guide_title"]
    guide = GuideContext(
        **page_context(course, strings, "", f"{guide_title} – {course.title}"),
        stylesheet=sheet, created=created, modules=docs)
    jobs = [job("course pack", "pdf/course-pack.html", pack, "course-pack.pdf"),
            job("instructor guide", "pdf/instructor-guide.html", guide, "instructor-guide.pdf")]
    if not course.config.pdf.handouts:
        return jobs
    for doc in docs:
        module = doc["module"]
        context = HandoutContext(
            **page_context(course, strings, "", f"{module.title} – {course.title}"),
            stylesheet=sheet, created=created, module=module, number=doc["number"],
            sections=section_views(module.sections, rewrite))
        jobs.append(job("handouts", "pdf/handout.html", context, f"{module.id}.pdf"))
    return jobs


def lay_out(job: PdfJob) -> PdfOutcome:
    """Lay out one document once and write it (runs in a worker process)."""
    refused: list[tuple[str, str]] = []
    fetcher = SandboxFetcher(job.roots, on_refuse=lambda url, why: refused.append((url, why)))
    document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render(
        **PDF_OPTIONS)
    identifier = hashlib.sha256(job.html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    job.target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(job.target, pdf_identifier=identifier, **PDF_OPTIONS)
    return PdfOutcome(job.task, job.target, len(document.pages), tuple(refused))


def write_pdfs(course: Course, jobs: list[PdfJob], workers: int, progress: Progress) -> PdfResult:
    """Lay out every job, ``workers`` at a time; report refused URLs once each."""
    for task in dict.fromkeys(j.task for j in jobs):
        progress.task(task, sum(1 for j in jobs if j.task == task))
    start = time.perf_counter()
    outcomes: list[PdfOutcome] = []
    for outcome in _run(jobs, workers):
        progress.advance(outcome.task)
        outcomes.append(outcome)
    seconds = time.perf_counter() - start
    _report_refused(course, jobs, outcomes)
    order = {j.target: i for i, j in enumerate(jobs)}
    outcomes.sort(key=lambda o: order[o.target])
    return PdfResult(tuple(o.target for o in outcomes), sum(o.pages for o in outcomes), seconds)


def _run(jobs: list[PdfJob], workers: int) -> Iterator[PdfOutcome]:
    if workers <= 1 or len(jobs) <= 1:
        yield from map(lay_out, jobs)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures: list[Future[PdfOutcome]] = [pool.submit(lay_out, j) for j in jobs]
        for future in as_completed(futures):
            yield future.result()


def _report_refused(course: Course, jobs: list[PdfJob], outcomes: list[PdfOutcome]) -> None:
    """One warning per refused URL, naming the source line that asked for it."""
    seen: dict[str, str] = {}
    for outcome in outcomes:
        for url, why in outcome.refused:
            seen.setdefault(url, why)
    if not seen:
        return
    origins = _url_origins(course, jobs[0].base_url if jobs else "")
    for url in sorted(seen):
        where = origins.get(url)
        prefix = f"{where}: " if where else ""
        log.warning("%srefused to load %s in a PDF: %s", prefix, url, seen[url])


def _url_origins(course: Course, base_url: str) -> dict[str, str]:
    """Resolved URL -> ``file:line`` of the section whose HTML references it."""
    rewrite = pdf_assets(course)
    sections = list(course.overview) + [s for m in course.modules for s in m.sections]
    origins: dict[str, str] = {}
    for section in sections:
        for raw in URL_ATTR.findall(rewrite(section.html)):
            resolved = url_join(base_url, raw.replace("&amp;", "&"), False, raw)
            if resolved:
                origins.setdefault(resolved, str(section.location))
    return origins
