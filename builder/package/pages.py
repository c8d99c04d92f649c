"""The pages inside LMS packages: content only.

An LMS shows a package's pages inside its own frame, with its own title,
navigation and grade book, so these pages carry none of the website's frame
(skip link, header, site navigation, pager, footer, downloads) and no link to
another page of the course: moving between modules is the LMS's job (a link
between SCOs would open the next module inside this one's frame, and Moodle's
Common Cartridge import cannot resolve links between pages at all).

Two kinds, rendered from ``templates/lms/`` (a course can override them):

* ``scorm``: a module page with its interactive knowledge check, the SCO
  whose run-time reports completion and score;
* ``cc`` (Common Cartridge): objectives, reading, key terms and discussion
  prompts only. The knowledge check is the cartridge's QTI quiz, so the page
  holds no question and no answer; the LMS shows the title, so the page has
  no ``<h1>`` of its own.
"""

from __future__ import annotations

import posixpath
from typing import Literal

import lxml.html

from .. import theme_dir
from ..model import Course, Module
from ..render.theme import PageContext, SectionView, Where, make_environment, render_page
from ..render.views import page_context, section_views, shown_root, site_assets
from ..strings import course_strings

Kind = Literal["scorm", "cc"]
HOME_TEMPLATE = "lms/home.html"
MODULE_TEMPLATE = "lms/module.html"


class LmsHomeContext(PageContext):
    """``lms/home.html``: the course home inside a package."""

    kind: Kind
    overview: list[SectionView]
    modules: list[Module]
    total_minutes: int


class LmsModuleContext(PageContext):
    """``lms/module.html``: one module inside a package. ``kind`` is "scorm"
    (the page has its knowledge check) or "cc" (content only, no ``<h1>``)."""

    kind: Kind
    module: Module
    number: int
    sections: list[SectionView]


def lms_pages(course: Course, kind: Kind) -> dict[str, bytes]:
    """``index.html`` and ``modules/<id>.html`` for packages of ``kind``."""
    env = make_environment(course.root)
    where = Where(course.root, shown_root(course))
    strings = course_strings(course, theme_dir())
    home = LmsHomeContext(
        **page_context(course, strings, "", course.title),
        kind=kind,
        overview=section_views(course.overview, site_assets(""), top=2, first_is_title=False),
        modules=list(course.modules),
        total_minutes=sum(m.reading_minutes for m in course.modules),
    )
    pages = {"index.html": _finish(render_page(env, HOME_TEMPLATE, home, where), "index.html")}
    for number, module in enumerate(course.modules, start=1):
        rel = f"modules/{module.id}.html"
        context = LmsModuleContext(
            **page_context(course, strings, "../", f"{module.title} – {course.title}"),
            kind=kind, module=module, number=number,
            sections=section_views(module.sections, site_assets("../")),
        )
        pages[rel] = _finish(render_page(env, MODULE_TEMPLATE, context, where), rel)
    return pages


def _finish(html: str, rel: str) -> bytes:
    """The page with every link to another HTML page of the course turned
    into its text (an LMS cannot follow it; the LMS's own navigation can)."""
    doc = lxml.html.document_fromstring(html)
    changed = False
    for link in doc.xpath("//a[@href]"):
        if _local_page(rel, link.get("href", "")):
            link.drop_tag()
            changed = True
    if not changed:
        return html.encode("utf-8")
    return lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="utf-8")


def _local_page(rel: str, href: str) -> bool:
    """Whether ``href`` (on page ``rel``) leads to another HTML file of the
    package rather than to a place on the same page or another site."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "data:")) or "://" in href \
            or href.startswith("//"):
        return False
    path = href.split("#", 1)[0].split("?", 1)[0]
    if not path.lower().endswith((".html", ".htm", ".xhtml")):
        return False
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    return target != rel
