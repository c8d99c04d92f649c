"""The course website: ``site/index.html``, ``site/modules/<id>.html``,
``site/glossary.html`` (when the course has key terms), ``site/resources.html``
(when the readings have back matter), ``site/search.html``
and ``site/assets/`` (the theme's stylesheet and scripts, the search index,
the course's images).

Every link is relative, so the site works from ``file://`` and inside an
LMS package; nothing is loaded from the network.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from ..model import Course, Module
from .glossary import glossary, sort_key
from .search import INDEX, search_index
from .theme import (
    GlossaryContext,
    IndexContext,
    ModuleContext,
    ModuleEntry,
    PageContext,
    ResourcesContext,
    SearchContext,
    Where,
    render_page,
)
from .views import page_context, section_views, site_assets, theme_file

SITE = "site"
THEME_ASSETS = ("assets/style.css", "assets/quiz.js", "assets/search.js")
GLOSSARY = "glossary.html"
RESOURCES = "resources.html"
SEARCH = "search.html"


class SiteWriter:
    """Renders the pages of one course into ``out/site``."""

    def __init__(
        self, course: Course, env: jinja2.Environment, strings: dict[str, str],
        formats: frozenset[str], where: Where,
    ) -> None:
        self.course = course
        self.env = env
        self.t = strings
        self.formats = formats
        self.where = where
        self.glossary = glossary(course)

    def links(self, root: str) -> dict[str, str]:
        links = {"home": f"{root}index.html", "search": f"{root}{SEARCH}"}
        if self.glossary:
            links["glossary"] = f"{root}{GLOSSARY}"
        if self.course.resources:
            links["resources"] = f"{root}{RESOURCES}"
        return links

    def term_links(self, root: str) -> dict[str, str]:
        anchors = {sort_key(e.term): e.anchor for e in self.glossary}
        return {t.term: f"{root}{GLOSSARY}#{anchors[sort_key(t.term)]}"
                for m in self.course.modules for t in m.terms}

    def base(self, root: str, title: str) -> PageContext:
        return page_context(self.course, self.t, root, title, self.links(root),
                            self.term_links(root))

    def page(self, name: str, context: object) -> str:
        return render_page(self.env, name, context, self.where)


def write_site(
    course: Course,
    out: Path,
    env: jinja2.Environment,
    strings: dict[str, str],
    formats: frozenset[str],
    where: Where,
    theme: Path,
) -> list[Path]:
    """Write the whole site into ``out/site`` and return the files written."""
    site = out / SITE
    (site / "modules").mkdir(parents=True, exist_ok=True)
    writer = SiteWriter(course, env, strings, formats, where)
    written = [_write(site / "index.html", writer.page("index.html", index_context(writer)))]
    for number in range(1, len(course.modules) + 1):
        module = course.modules[number - 1]
        written.append(_write(site / "modules" / f"{module.id}.html",
                              writer.page("module.html", module_context(writer, number))))
    if writer.glossary:
        written.append(_write(site / GLOSSARY, writer.page("glossary.html", GlossaryContext(
            **writer.base("", f"{strings['glossary']} – {course.title}"),
            entries=writer.glossary, modules_prefix="modules/"))))
    if course.resources:
        written.append(_write(site / RESOURCES, writer.page("resources.html", ResourcesContext(
            **writer.base("", f"{strings['resources']} – {course.title}"),
            sections=section_views(course.resources, site_assets(""), top=2,
                                   first_is_title=False)))))
    written.append(_write(site / SEARCH, writer.page("search.html", SearchContext(
        **writer.base("", f"{strings['search']} – {course.title}"),
        index=INDEX))))
    written.append(_write(site / INDEX, search_index(course, strings, writer.glossary,
                                                     GLOSSARY)))
    written += copy_assets(course, site, theme)
    return written


def downloads(course: Course, strings: dict[str, str], formats: frozenset[str],
              prefix: str) -> list[tuple[str, str]]:
    """(label, href) of the course-wide downloads that this build writes."""
    found: list[tuple[str, str]] = []
    if "pdf" in formats:
        found.append((strings["course_pack"], f"{prefix}pdf/course-pack.pdf"))
    if "epub" in formats:
        found.append((strings["epub"], f"{prefix}epub/{course.slug}.epub"))
    return found


def index_context(writer: SiteWriter) -> IndexContext:
    course, with_pdf = writer.course, "pdf" in writer.formats
    return IndexContext(
        **writer.base("", course.title),
        overview=section_views(course.overview, site_assets(""), top=2, first_is_title=False),
        modules=[_entry(m, n, "modules/", "../", course, with_pdf)
                 for n, m in enumerate(course.modules, start=1)],
        downloads=downloads(course, writer.t, writer.formats, "../"),
        total_minutes=sum(m.reading_minutes for m in course.modules),
    )


def module_context(writer: SiteWriter, number: int) -> ModuleContext:
    course, with_pdf = writer.course, "pdf" in writer.formats
    module = course.modules[number - 1]
    neighbours = [
        _entry(course.modules[n - 1], n, "", "../../", course, with_pdf)
        if 1 <= n <= len(course.modules) else None
        for n in (number - 1, number + 1)
    ]
    entry = _entry(module, number, "", "../../", course, with_pdf)
    return ModuleContext(
        **writer.base("../", f"{module.title} – {course.title}"),
        module=module,
        number=number,
        sections=section_views(module.sections, site_assets("../")),
        prev=neighbours[0],
        next=neighbours[1],
        handout=entry["handout"],
    )


def copy_assets(course: Course, site: Path, theme: Path) -> list[Path]:
    """The theme's stylesheet and scripts, then every image the sections use."""
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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
