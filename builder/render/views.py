"""From the course model to what templates print: shifted headings, rewritten
asset links, the context every page shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from markupsafe import Markup, escape

from ..errors import BuildError
from ..model import Course, Section
from .theme import PageContext, SectionView

ASSET_ATTR = re.compile(r'(\s(?:src|href|poster)=")(assets/[^"]*)"')


def site_assets(prefix: str) -> Callable[[str], str]:
    """Rewrite ``assets/x`` (relative to the site root) for a page ``prefix`` deep."""
    return lambda html: ASSET_ATTR.sub(lambda m: f'{m.group(1)}{prefix}{m.group(2)}"', html)


def pdf_assets(course: Course) -> Callable[[str], str]:
    """Point ``assets/x`` at the asset's source file inside the course folder."""
    sources = {a.target: a.source.as_uri() for a in course.assets}

    def rewrite(html: str) -> str:
        def one(m: re.Match[str]) -> str:
            target = m.group(2).split("#", 1)[0]
            return f'{m.group(1)}{sources.get(target, m.group(2))}"'

        return ASSET_ATTR.sub(one, html)

    return rewrite


def section_views(
    sections: Sequence[Section],
    rewrite: Callable[[str], str],
    top: int = 2,
    first_is_title: bool = True,
    anchor_prefix: str = "",
) -> list[SectionView]:
    """Sections with heading levels shifted so the first heading lands on ``top``.

    With ``first_is_title`` the first section's heading is the page (or
    chapter) title printed by the template, so its view has level 0 and the
    sections under it start at ``top``.
    """
    views: list[SectionView] = []
    titled = [s.level for s in sections if s.level > 0]
    base = min(titled) if titled else 1
    for index, section in enumerate(sections):
        if section.level == 0 or (first_is_title and index == 0):
            level = 0
        else:
            shift = 1 if first_is_title else 0
            level = max(top, min(6, section.level - base + top - shift))
        views.append(SectionView(
            title=Markup(section.title_html) if section.title_html else escape(section.title),
            level=level,
            anchor=f"{anchor_prefix}{section.anchor}",
            html=Markup(rewrite(section.html)),
        ))
    return views


def page_context(
    course: Course, strings: dict[str, str], root: str, title: str,
    links: dict[str, str] | None = None, term_links: dict[str, str] | None = None,
) -> PageContext:
    return PageContext(
        course=course,
        t=strings,
        lang=course.language,
        dir=course.direction,
        root=root,
        page_title=title,
        links=links or {},
        term_links=term_links or {},
    )


def w3c_date(seconds: int) -> str:
    """``2026-01-01T00:00:00Z``: the form WeasyPrint reads from ``dcterms.*`` meta tags."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def shown_root_of(course_root: Path) -> str:
    """The course folder for messages, relative to the working folder when it is inside it."""
    try:
        return course_root.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(course_root)


def shown_root(course: Course) -> str:
    """The course folder as the user named it (``course``), for messages."""
    if course.config.path:
        return course.config.path.rsplit("/", 1)[0] if "/" in course.config.path else "."
    for module in course.modules:
        path = module.location.path
        if path.endswith("/" + module.reading):
            return path[: -len(module.reading) - 1]
    return str(course.root)


def theme_file(course_root: Path, theme: Path, rel: str) -> Path:
    """A theme file (``assets/style.css``), the course's override first; an
    override that links out of the course folder is refused."""
    override = course_root / "templates" / rel
    if not override.is_file():
        return theme / rel
    if not override.resolve().is_relative_to(course_root.resolve()):
        raise BuildError(
            "theme file links to a file outside the course folder",
            f"{shown_root_of(course_root)}/templates/{rel}",
            "Copy the file into the templates folder instead of linking to it",
        )
    return override
