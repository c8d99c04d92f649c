"""The course website: ``site/index.html``, ``site/modules/<id>.html`` and
``site/assets/`` (the theme's stylesheet and script, the course's images).

Every link is relative, so the site works from ``file://`` and inside an
LMS package; nothing is loaded from the network.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from ..model import Course, Module
from .theme import IndexContext, ModuleContext, ModuleEntry, Where, render_page
from .views import page_context, section_views, site_assets, theme_file

SITE = "site"
THEME_ASSETS = ("assets/style.css", "assets/quiz.js")


def write_site(
    course: Course,
    out: Path,
    env: jinja2.Environment,
    strings: dict[str, str],
    with_pdf: bool,
    where: Where,
    theme: Path,
) -> list[Path]:
    """Write the whole site into ``out/site`` and return the files written."""
    site = out / SITE
    (site / "modules").mkdir(parents=True, exist_ok=True)
    written = [_write(site / "index.html", render_page(
        env, "index.html", index_context(course, strings, with_pdf), where))]
    for number, module in enumerate(course.modules, start=1):
        context = module_context(course, strings, number, with_pdf)
        written.append(_write(site / "modules" / f"{module.id}.html",
                              render_page(env, "module.html", context, where)))
    written += copy_assets(course, site, theme)
    return written


def index_context(course: Course, strings: dict[str, str], with_pdf: bool) -> IndexContext:
    base = page_context(course, strings, "", course.title)
    downloads: list[tuple[str, str]] = []
    if with_pdf:
        downloads.append((strings["course_pack"], "../pdf/course-pack.pdf"))
    return IndexContext(
        **base,
        overview=section_views(course.overview, site_assets(""), top=2, first_is_title=False),
        modules=[_entry(m, n, "modules/", "../", course, with_pdf)
                 for n, m in enumerate(course.modules, start=1)],
        downloads=downloads,
    )


def module_context(
    course: Course, strings: dict[str, str], number: int, with_pdf: bool
) -> ModuleContext:
    module = course.modules[number - 1]
    base = page_context(course, strings, "../", f"{module.title} – {course.title}")
    neighbours = [
        _entry(course.modules[n - 1], n, "", "../../", course, with_pdf)
        if 1 <= n <= len(course.modules) else None
        for n in (number - 1, number + 1)
    ]
    entry = _entry(module, number, "", "../../", course, with_pdf)
    return ModuleContext(
        **base,
        module=module,
        number=number,
        sections=section_views(module.sections, site_assets("../")),
        prev=neighbours[0],
        next=neighbours[1],
        handout=entry["handout"],
    )


def copy_assets(course: Course, site: Path, theme: Path) -> list[Path]:
    """The theme's stylesheet and script, then every image the sections use."""
    written = []
    for rel in THEME_ASSETS:
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(theme_file(course.root, theme, rel), target)
        written.append(target)
    for asset in course.assets:
        target = site / asset.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset.source, target)
        written.append(target)
    return written


def _entry(
    module: Module, number: int, prefix: str, pdf_prefix: str, course: Course, with_pdf: bool
) -> ModuleEntry:
    handouts = with_pdf and course.config.pdf.handouts
    return ModuleEntry(
        module=module,
        number=number,
        href=f"{prefix}{module.id}.html",
        handout=f"{pdf_prefix}pdf/{module.id}.pdf" if handouts else "",
    )


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
