"""PDFs with WeasyPrint: one handout per module, the course pack and the
instructor guide.

Templates are rendered to HTML strings in this process (fast, and template
errors surface before any slow work). The course pack is laid out once and
each handout is cut from its pages (:mod:`builder.render.cut`): a module's
text is laid out once, not once per document. A handout gets its own margin
boxes (page 1 of its own total), title, bookmarks and tags. When the course
overrides the pack or handout template, handouts are laid out on their own.
The pack and the guide are laid out in parallel with ``jobs`` > 1
(:mod:`builder.render.layout`, in workers that die with the build). A unit
whose HTML and files are unchanged is copied from the build cache
(:mod:`builder.cache`) without importing WeasyPrint. Every document is
fetched through :class:`SandboxFetcher`, dated from ``course.source_date``
and given a PDF identifier derived from its HTML, so the same course gives
the same bytes.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import jinja2

from .. import media
from ..cache import BuildCache, files_digest, key
from ..model import Course
from ..progress import Progress
from .glossary import glossary
from .jobs import PDF_OPTIONS, PdfJob, PdfOutcome, PdfUnit
from .theme import CoursePackContext, GuideContext, HandoutContext, ModuleDoc, Where, render_page
from .views import page_context, pdf_assets, section_views, theme_file, w3c_date

log = logging.getLogger("builder")
PDF = "pdf"
URL_ATTR = re.compile(r'\s(?:src|href|poster|data)="([^"]*)"')
CUT_FROM_PACK = ("pdf/course-pack.html", "pdf/handout.html")
"""Handouts are cut from the pack unless the course overrides one of these."""


@dataclass(frozen=True)
class PdfResult:
    files: tuple[Path, ...]
    pages: int
    seconds: float
    cut: int = 0
    """Handouts cut from the course pack (not laid out again)."""


def plan_pdfs(
    course: Course, out: Path, env: jinja2.Environment, strings: dict[str, str], where: Where,
    theme: Path,
) -> list[PdfJob]:
    """Render the PDF templates: course pack, instructor guide, then handouts."""
    base = course.root.resolve().as_uri() + "/"
    root = course.root.resolve()
    extracted = {a.source.resolve().parent for a in course.assets  # images from a document
                 if not a.source.resolve().is_relative_to(root) and media.extracted(a.source)}
    roots = (root, theme.resolve(), *sorted(extracted))
    sheet = theme_file(course.root, theme, "assets/style.css").resolve().as_uri()
    created = w3c_date(course.source_date)
    rewrite = pdf_assets(course)

    def job(task: str, name: str, context: object, filename: str, anchor: str = "") -> PdfJob:
        html = render_page(env, name, context, where)
        return PdfJob(task, html, base, out / PDF / filename, roots, anchor)

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
        jobs.append(job("handouts", "pdf/handout.html", context, f"{module.id}.pdf", module.id))
    return jobs


def units(course: Course, jobs: list[PdfJob]) -> list[PdfUnit]:
    """Group the jobs: the pack with the handouts cut from it, the guide alone
    (and each handout alone when it cannot be cut from the pack)."""
    pack, rest = jobs[0], jobs[1:]
    handouts = tuple(j for j in rest if j.anchor)
    others = [PdfUnit(j) for j in rest if not j.anchor]
    if handouts and cuttable(course):
        return [PdfUnit(pack, handouts), *others]
    return [PdfUnit(pack), *others, *(PdfUnit(h) for h in handouts)]


def cuttable(course: Course) -> bool:
    overrides = course.root / "templates"
    return not any((overrides / name).exists() for name in CUT_FROM_PACK)


def write_pdfs(course: Course, jobs: list[PdfJob], workers: int, progress: Progress) -> PdfResult:
    """Lay out every job, ``workers`` at a time; report refused URLs once each."""
    for task in dict.fromkeys(j.task for j in jobs):
        progress.task(task, sum(1 for j in jobs if j.task == task))
    start = time.perf_counter()
    plan = units(course, jobs)
    store = BuildCache(course.root)
    keys = {unit.main.target: unit_key(course, unit) for unit in plan}
    outcomes: list[PdfOutcome] = []
    todo: list[PdfUnit] = []
    for unit in plan:
        found = from_cache(store, keys[unit.main.target], unit)
        todo += [] if found else [unit]
        outcomes += found or []
    if todo:  # WeasyPrint is imported only when something is laid out
        from .layout import lay_out_unit
        from .pool import run_all

        batches = run_all(lay_out_unit, todo, workers)
    for batch in batches if todo else ():
        to_cache(store, keys[batch[0].target], batch)
        outcomes += batch
    for outcome in outcomes:
        progress.advance(outcome.task)
    seconds = time.perf_counter() - start
    _report_refused(course, jobs, outcomes)
    order = {j.target: i for i, j in enumerate(jobs)}
    outcomes.sort(key=lambda o: order[o.target])
    cut_count = sum(len(u.cuts) for u in plan)
    return PdfResult(tuple(o.target for o in outcomes), sum(o.pages for o in outcomes), seconds,
                     cut_count)


def unit_key(course: Course, unit: PdfUnit) -> str:
    """The cache key of a unit: its HTML, what the cuts take, and the bytes of
    every local file the documents may load (fonts of the system excepted)."""
    jobs = (unit.main, *unit.cuts)
    files = {course.root / "templates" / "assets" / "style.css"}
    for job in jobs:
        for raw in URL_ATTR.findall(job.html):
            resolved = urljoin(job.base_url, raw.replace("&amp;", "&"))
            if resolved.startswith("file:"):
                files.add(Path(url2pathname(urlsplit(resolved).path)))
    return key("pdf", PDF_OPTIONS, [(j.task, j.html, j.base_url, j.target.name, j.anchor)
                                    for j in jobs], files_digest(files))


def from_cache(store: BuildCache, entry: str, unit: PdfUnit) -> list[PdfOutcome] | None:
    """Write the unit's PDFs from the cache, if it holds all of them."""
    raw = store.read("pdf", entry)
    if raw is None:
        return None
    try:
        pages = [int(n) for n in json.loads(raw)["pages"]]
    except (ValueError, KeyError, TypeError):
        return None
    jobs = (unit.main, *unit.cuts)
    blobs = [store.read("pdf", f"{entry}-{i}") for i in range(len(jobs))]
    if len(pages) != len(jobs) or any(b is None for b in blobs):
        return None
    outcomes = []
    for job, count, blob in zip(jobs, pages, blobs, strict=True):
        job.target.parent.mkdir(parents=True, exist_ok=True)
        job.target.write_bytes(blob or b"")
        outcomes.append(PdfOutcome(job.task, job.target, count, ()))
    return outcomes


def to_cache(store: BuildCache, entry: str, outcomes: list[PdfOutcome]) -> None:
    """Keep a unit's PDFs (not when a URL was refused: its warning must come again)."""
    if not store.on or any(o.refused for o in outcomes):
        return
    for i, outcome in enumerate(outcomes):
        store.write("pdf", f"{entry}-{i}", outcome.target.read_bytes())
    store.write("pdf", entry, json.dumps({"pages": [o.pages for o in outcomes]}).encode())


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
    from weasyprint.urls import url_join  # as the fetcher saw it (WeasyPrint has run)

    rewrite = pdf_assets(course)
    sections = list(course.overview) + [s for m in course.modules for s in m.sections]
    origins: dict[str, str] = {}
    for section in sections:
        for raw in URL_ATTR.findall(rewrite(section.html)):
            resolved = url_join(base_url, raw.replace("&amp;", "&"), False, raw)
            if resolved:
                origins.setdefault(resolved, str(section.location))
    return origins
