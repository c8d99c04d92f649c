"""The course as an EPUB 3 book: ``epub/<course-slug>.epub``.

One XHTML content document per module (the same accessible markup as the
site: objectives, reading, key terms, discussion, the knowledge check with
answers in collapsed disclosures), a title page, the overview, the glossary,
a navigation document and accessibility metadata. The zip is deterministic:
``mimetype`` first and stored, the other entries sorted, every timestamp
taken from ``course.source_date``.
"""

from __future__ import annotations

import mimetypes
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

from ..model import Course
from .glossary import glossary, sort_key
from .theme import Where, render_page
from .views import page_context, section_views, theme_file, w3c_date
from .xhtml import to_xhtml

EPUB = "epub"
ROOT = "EPUB"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
CORE_IMAGES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}
XHTML = "application/xhtml+xml"


@dataclass(frozen=True)
class Item:
    """A manifest entry of the package document."""

    id: str
    href: str
    media_type: str
    properties: str = ""
    spine: bool = False
    linear: bool = True


class _Book:
    """Renders the content documents of one course."""

    def __init__(self, course: Course, env: jinja2.Environment, strings: dict[str, str],
                 where: Where) -> None:
        self.course = course
        self.env = env
        self.t = strings
        self.where = where
        self.entries = glossary(course)
        anchors = {sort_key(e.term): e.anchor for e in self.entries}
        self.term_links = {t.term: f"glossary.xhtml#{anchors[sort_key(t.term)]}"
                           for m in course.modules for t in m.terms}
        self.overview_title = (course.overview[0].title if course.overview
                               and course.overview[0].level > 0 else strings["overview"])

    def context(self, title: str, **extra: Any) -> dict[str, Any]:
        base = page_context(self.course, self.t, "", title, term_links=self.term_links)
        return {**base, "overview_title": self.overview_title,
                "total_minutes": sum(m.reading_minutes for m in self.course.modules),
                "has_glossary": bool(self.entries), **extra}

    def document(self, name: str, title: str, **extra: Any) -> bytes:
        html = render_page(self.env, f"epub/{name}", self.context(title, **extra), self.where)
        return (XML_DECLARATION + to_xhtml(html) + "\n").encode("utf-8")

    def toc(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = [
            {"href": "title.xhtml", "title": self.course.title, "children": []}]
        if self.course.overview:
            entries.append({"href": "overview.xhtml", "title": self.overview_title,
                            "children": []})
        for module in self.course.modules:
            subs = [s for s in module.sections[1:] if s.level > 0]
            top = min((s.level for s in subs), default=0)
            entries.append({"href": f"{module.id}.xhtml", "title": module.title, "children": [
                {"href": f"{module.id}.xhtml#{s.anchor}", "title": s.title}
                for s in subs if s.level == top]})
        if self.entries:
            entries.append({"href": "glossary.xhtml", "title": self.t["glossary"],
                            "children": []})
        if self.course.resources:
            entries.append({"href": "resources.xhtml", "title": self.t["resources"],
                            "children": []})
        return entries


def write_epub(
    course: Course, out: Path, env: jinja2.Environment, strings: dict[str, str],
    where: Where, theme: Path,
) -> Path:
    """Write ``out/epub/<slug>.epub`` and return its path."""
    book = _Book(course, env, strings, where)
    files, items = _content(book)
    css = theme_file(course.root, theme, "epub/epub.css").read_bytes()
    files[f"{ROOT}/epub.css"] = css
    items.append(Item("css", "epub.css", "text/css"))
    images = _images(course, files, items)
    files[f"{ROOT}/package.opf"] = render_page(env, "epub/package.opf", {
        **book.context(course.title), "identifier": identifier(course),
        "modified": w3c_date(course.source_date), "items": items, "images": images,
    }, where).encode("utf-8")
    files["META-INF/container.xml"] = theme_file(
        course.root, theme, "epub/container.xml").read_bytes()
    target = out / EPUB / f"{course.slug}.epub"
    write_zip(target, files, course.source_date)
    return target


def _content(book: _Book) -> tuple[dict[str, bytes], list[Item]]:
    course = book.course
    files: dict[str, bytes] = {}
    items: list[Item] = []

    def add(item_id: str, href: str, data: bytes, properties: str = "",
            spine: bool = True) -> None:
        files[f"{ROOT}/{href}"] = data
        items.append(Item(item_id, href, XHTML, properties, spine))

    add("title", "title.xhtml", book.document("title.xhtml", course.title))
    add("nav", "nav.xhtml", book.document(
        "nav.xhtml", book.t["table_of_contents"], toc=book.toc()), "nav")
    if course.overview:
        add("overview", "overview.xhtml", book.document(
            "overview.xhtml", book.overview_title,
            sections=section_views(course.overview, str, top=2, first_is_title=False)))
    for number, module in enumerate(course.modules, start=1):
        add(module.id, f"{module.id}.xhtml", book.document(
            "module.xhtml", module.title, module=module, number=number,
            sections=section_views(module.sections, str)))
    if book.entries:
        add("glossary", "glossary.xhtml", book.document(
            "glossary.xhtml", book.t["glossary"], entries=book.entries))
    if course.resources:
        add("resources", "resources.xhtml", book.document(
            "resources.xhtml", book.t["resources"],
            sections=section_views(course.resources, str, top=2, first_is_title=False)))
    return files, items


def _images(course: Course, files: dict[str, bytes], items: list[Item]) -> bool:
    """Add the course's images; True when there is at least one."""
    found = False
    for number, asset in enumerate(course.assets, start=1):
        media = mimetypes.guess_type(asset.source.name)[0] or "application/octet-stream"
        if media not in CORE_IMAGES:
            continue
        files[f"{ROOT}/{asset.target}"] = asset.source.read_bytes()
        items.append(Item(f"asset-{number}", asset.target, media,
                          "svg" if media == "image/svg+xml" else ""))
        found = True
    return found


def identifier(course: Course) -> str:
    """A stable identifier: the same course always gets the same one."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'coursepack:{course.slug}')}"


def write_zip(target: Path, files: dict[str, bytes], source_date: int) -> None:
    """``mimetype`` first and stored, then every file in name order, with fixed
    timestamps and permissions: the same files give the same bytes."""
    when = datetime.fromtimestamp(max(source_date, 315532800), UTC)  # zip starts at 1980
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        entries = [("mimetype", b"application/epub+zip")] + sorted(files.items())
        for name, data in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else \
                zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=9 if name != "mimetype" else None)
