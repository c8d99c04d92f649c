"""The render stage: the finished course model -> ``site/`` and ``pdf/``.

Public entry point: :func:`render`. Output paths (relative to ``out``) are
part of the contract in DESIGN.md::

    site/index.html, site/modules/<module-id>.html, site/glossary.html,
    site/search.html, site/assets/...
    pdf/<module-id>.pdf, pdf/course-pack.pdf, pdf/instructor-guide.pdf
    epub/<course-slug>.epub

Templates come from the course's ``templates/`` folder first, then the
default theme (see :mod:`builder.render.theme` for the page contexts).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import theme_dir
from ..model import Course
from ..progress import Progress
from ..strings import course_strings
from .epub import write_epub
from .html import write_site
from .theme import Where, make_environment

if TYPE_CHECKING:
    from .pdf import PdfJob
from .views import shown_root

FORMATS = frozenset({"html", "pdf", "epub"})


@dataclass(frozen=True)
class RenderResult:
    files: tuple[Path, ...]
    """Every file written (absolute paths), in a fixed order."""
    pdf_pages: int
    """Total pages of all PDFs written."""
    pdf_seconds: float
    """Wall time spent laying out and writing PDFs (WeasyPrint)."""


def render(
    course: Course, out: Path, formats: frozenset[str], jobs: int, progress: Progress
) -> RenderResult:
    """Write the site, the PDFs and the EPUB of ``course`` into ``out``
    (formats: html, pdf, epub); other formats are left to the package stage.
    Templates are rendered before any PDF is laid out, so a template error
    stops the build before the slow work, and each PDF is laid out once.
    """
    theme = theme_dir()
    env = make_environment(course.root, shown_root(course))
    where = Where(course.root, shown_root(course))
    strings = course_strings(course, theme)
    pdf_jobs: list[PdfJob] = []
    if "pdf" in formats:
        from .pdf import plan_pdfs  # WeasyPrint is slow to import: only for PDFs

        pdf_jobs = plan_pdfs(course, out, env, strings, where, theme)
    files: list[Path] = []
    if "html" in formats:
        progress.task("site", 1)
        files += write_site(course, out, env, strings, formats, where, theme)
        progress.advance("site")
    if "epub" in formats:
        progress.task("epub", 1)
        files.append(write_epub(course, out, env, strings, where, theme))
        progress.advance("epub")
    if not pdf_jobs:
        return RenderResult(tuple(files), 0, 0.0)
    from .pdf import write_pdfs

    result = write_pdfs(course, pdf_jobs, jobs, progress)
    return RenderResult(tuple(files) + result.files, result.pages, result.seconds)
