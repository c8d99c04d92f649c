"""PDFs with WeasyPrint: one handout per module, the course pack and the
instructor guide.

Templates are rendered to HTML strings in this process (fast, and template
errors surface before any slow work). The course pack is laid out once and
each handout is cut from its pages (:mod:`builder.render.cut`): a module's
text is laid out once, not once per document. A handout gets its own margin
boxes (page 1 of its own total), title, bookmarks and tags. When the course
overrides the pack or handout template, handouts are laid out on their own.
The pack and the guide are laid out in parallel with ``jobs`` > 1. Every
document is fetched through :class:`SandboxFetcher`, dated from
``course.source_date`` and given a PDF identifier derived from its HTML, so
the same course gives the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import url_join

from ..model import Course
from ..progress import Progress
from . import cut
from .fetcher import SandboxFetcher
from .glossary import glossary
from .pool import run_all
from .theme import CoursePackContext, GuideContext, HandoutContext, ModuleDoc, Where, render_page
from .views import page_context, pdf_assets, section_views, theme_file, w3c_date

log = logging.getLogger("builder")
PDF = "pdf"
PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1"}
URL_ATTR = re.compile(r'\s(?:src|href|poster|data)="([^"]*)"')
CUT_FROM_PACK = ("pdf/course-pack.html", "pdf/handout.html")
"""Handouts are cut from the pack unless the course overrides one of these."""
AFTER_MODULES = ("glossary", "resources")
"""Anchors of the pack's chapters after the modules (when it has them)."""


@dataclass(frozen=True)
class PdfJob:
    """One document to lay out: everything a worker process needs."""

    task: str
    html: str
    base_url: str
    target: Path
    roots: tuple[Path, ...]
    anchor: str = ""
    """For a handout: the id where its module starts in the course pack."""


@dataclass(frozen=True)
class PdfUnit:
    """What one worker does: lay out ``main`` and cut ``cuts`` from its pages."""

    main: PdfJob
    cuts: tuple[PdfJob, ...] = ()


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
    cut: int = 0
    """Handouts cut from the course pack (not laid out again)."""


@dataclass
class _Fonts:
    """One font configuration per process, shared by every document it lays out."""

    config: FontConfiguration | None = None

    def get(self) -> FontConfiguration:
        if self.config is None:
            self.config = FontConfiguration()
        return self.config


FONTS = _Fonts()


def plan_pdfs(
    course: Course, out: Path, env: jinja2.Environment, strings: dict[str, str], where: Where,
    theme: Path,
) -> list[PdfJob]:
    """Render the PDF templates: course pack, instructor guide, then handouts."""
    base = course.root.resolve().as_uri() + "/"
    roots = (course.root.resolve(), theme.resolve())
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
    return cut.supported() and not any((overrides / name).exists() for name in CUT_FROM_PACK)


def lay_out_unit(unit: PdfUnit) -> list[PdfOutcome]:
    """Lay out ``unit.main`` once, write it and every document cut from it."""
    refused: list[tuple[str, str]] = []
    job = unit.main
    fetcher = SandboxFetcher(job.roots, on_refuse=lambda url, why: refused.append((url, why)))
    html = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
    laid = cut.lay_out(html, FONTS.get(), PDF_OPTIONS) if unit.cuts else None
    document = laid.document if laid else html.render(font_config=FONTS.get(), **PDF_OPTIONS)
    _write(document, job.target, job.html)
    outcomes = [PdfOutcome(job.task, job.target, len(document.pages), tuple(refused))]
    if laid is None:
        return outcomes
    ranges = module_ranges(laid.document, [c.anchor for c in unit.cuts])
    for handout, pages in zip(unit.cuts, ranges, strict=True):
        if pages is None:  # its module is not in the pack: lay it out on its own
            outcomes += lay_out_unit(PdfUnit(handout))
            continue
        meta = cut.metadata_of(HTML(string=_head(handout.html), base_url=handout.base_url))
        doc = cut.cut(laid, pages[0], pages[1], meta)
        _write(doc, handout.target, job.html + handout.anchor)
        outcomes.append(PdfOutcome(handout.task, handout.target, len(doc.pages), ()))
    return outcomes


def module_ranges(document: Document, anchors: list[str]) -> list[tuple[int, int] | None]:
    """(first page, stop page) of each module in the pack, by the anchor of its
    title; a module runs to the next one's start, the last one to the glossary,
    the resources or the end. None for a module whose start is missing or out of order."""
    pages = document.pages
    where: dict[str, int] = {}
    for index, page in enumerate(pages):
        for name in page.anchors:
            where.setdefault(name, index)
    starts = [where.get(a) for a in anchors]
    end = min([where[a] for a in AFTER_MODULES if a in where] + [len(pages)])
    ranges: list[tuple[int, int] | None] = []
    for i, start in enumerate(starts):
        following = [s for s in starts[i + 1:] if s is not None] + [end]
        stop = following[0]
        ranges.append((start, stop) if start is not None and start < stop else None)
    return ranges


def _head(html: str) -> str:
    """The document up to ``</head>``: enough for its metadata, quick to parse."""
    cut_at = html.find("</head>")
    return html if cut_at < 0 else html[:cut_at] + "</head><body></body></html>"


def _write(document: Document, target: Path, identity: str) -> None:
    identifier = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32].encode("ascii")
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_identifier=identifier, **PDF_OPTIONS)


def write_pdfs(course: Course, jobs: list[PdfJob], workers: int, progress: Progress) -> PdfResult:
    """Lay out every job, ``workers`` at a time; report refused URLs once each."""
    for task in dict.fromkeys(j.task for j in jobs):
        progress.task(task, sum(1 for j in jobs if j.task == task))
    start = time.perf_counter()
    plan = units(course, jobs)
    outcomes: list[PdfOutcome] = []
    for batch in run_all(lay_out_unit, plan, workers):
        for outcome in batch:
            progress.advance(outcome.task)
            outcomes.append(outcome)
    seconds = time.perf_counter() - start
    _report_refused(course, jobs, outcomes)
    order = {j.target: i for i, j in enumerate(jobs)}
    outcomes.sort(key=lambda o: order[o.target])
    cut_count = sum(len(u.cuts) for u in plan)
    return PdfResult(tuple(o.target for o in outcomes), sum(o.pages for o in outcomes), seconds,
                     cut_count)


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
