"""What a package carries: its pages (the course home and one page per module,
rendered for the LMS by :mod:`.pages`) and every local file those pages
reference in the rendered site (stylesheets, scripts, images, and what
stylesheets reference in turn)."""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from ..errors import BuildError
from ..model import Course
from .pages import Kind, lms_pages
from .xmlgen import SAFE_NAME

log = logging.getLogger("builder")

HOME = "index.html"
_REF_ATTRS = {"href", "src", "poster", "data"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass(frozen=True)
class SitePage:
    """A page of the site: ``path`` relative to the site root, its bytes,
    the local files it depends on and the other pages it links to."""

    path: str
    html: bytes
    files: tuple[str, ...]
    links: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    root: Path
    home: SitePage
    modules: dict[str, SitePage]

    def read(self, rel: str) -> bytes:
        data = (self.root / rel).read_bytes()
        return for_package(data) if rel.endswith((".html", ".htm")) else data

    def shared_files(self) -> tuple[str, ...]:
        """Every file any page depends on, sorted."""
        pages = [self.home, *self.modules.values()]
        return tuple(sorted({f for p in pages for f in p.files}))


def module_page(module_id: str) -> str:
    return f"modules/{module_id}.html"


def load_site(course: Course, site_root: Path, kind: Kind) -> Site:
    """The pages of a ``kind`` package of ``course`` and the files of the
    rendered site (``site_root``, out/site) they use."""
    if not (site_root / HOME).is_file():
        raise BuildError(f"the site page {site_root / HOME} is missing",
                         hint="LMS packages are made from the site: build the html format too")
    rendered = lms_pages(course, kind)
    return site_of(site_root, rendered, [m.id for m in course.modules])


def site_of(site_root: Path, rendered: dict[str, bytes], module_ids: list[str]) -> Site:
    """A :class:`Site` of the pages ``rendered`` (path -> HTML), whose files
    come from ``site_root``."""
    pages = set(rendered)
    home = _load_page(site_root, HOME, rendered[HOME], pages)
    modules = {m: _load_page(site_root, module_page(m), rendered[module_page(m)], pages)
               for m in module_ids}
    return Site(site_root, home, modules)


def _load_page(root: Path, rel: str, html: bytes, pages: set[str]) -> SitePage:
    files: set[str] = set()
    links: set[str] = set()
    for ref in _html_refs(html.decode("utf-8", "replace")):
        target = _resolve(rel, ref)
        if target is None:
            continue
        if target in pages:
            if target != rel:
                links.add(target)
        elif target.endswith((".html", ".htm")) and not (root / target).is_file():
            log.warning("%s links to %s, which the site does not have", rel, target)
        else:
            _collect(root, rel, target, files, pages)
    return SitePage(rel, html, tuple(sorted(files)), tuple(sorted(links)))


def for_package(html: bytes) -> bytes:
    """A page without the parts that only work on the standalone site (the
    PDF and EPUB downloads, which live beside the site, not in a package):
    elements the theme marks ``data-site-only``."""
    if b"data-site-only" not in html:
        return html
    doc = lxml.html.document_fromstring(html)
    for element in doc.xpath("//*[@data-site-only]"):
        element.drop_tree()
    return lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="utf-8")


def _collect(root: Path, referrer: str, target: str, files: set[str],
             pages: set[str]) -> None:
    """Add ``target`` and, for a stylesheet or another page, what it references."""
    if target in files:
        return
    path = root / target
    if not path.is_file():
        log.warning("%s references %s, which the site does not have", referrer, target)
        return
    if not path.resolve().is_relative_to(root.resolve()):
        log.warning("%s references %s, which leads outside the site; it was left out",
                    referrer, target)
        return
    bad = [part for part in target.split("/") if not SAFE_NAME.match(part)]
    if bad:
        raise BuildError(f"the site file {path} has a name LMS packages cannot carry",
                         hint="Use only letters, digits, '.', '_' and '-' in file names")
    files.add(target)
    if target.endswith(".css"):
        text = path.read_text("utf-8", "replace")
        refs = [m.group(1) or m.group(2) for m in _CSS_URL.finditer(text)]
    elif target.endswith((".html", ".htm")):
        refs = _html_refs(for_package(path.read_bytes()).decode("utf-8", "replace"))
    else:
        return
    for ref in refs:
        inner = _resolve(target, ref)
        if inner is not None and inner not in pages:
            _collect(root, target, inner, files, pages)


def _resolve(base: str, ref: str) -> str | None:
    """``ref`` as a path relative to the site root, or None when it is not a
    local file (another site, an anchor, a data: URL) or leaves the site."""
    try:
        parts = urlsplit(ref.strip())
    except ValueError:  # not a URL (e.g. an unclosed IPv6 host): nothing to include
        return None
    if parts.scheme or parts.netloc or not parts.path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
    if joined.startswith("../") or joined in ("..", ".") or joined.startswith("/"):
        return None
    return joined


def _html_refs(html: str) -> list[str]:
    parser = _RefParser()
    parser.feed(html)
    parser.close()
    return parser.refs


class _RefParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _REF_ATTRS:
                self.refs.append(value)
            elif name == "srcset":
                self.refs.extend(c.strip().split(" ")[0] for c in value.split(",") if c.strip())
            elif name == "style":
                self.refs.extend(m.group(1) for m in _CSS_URL.finditer(value) if m.group(1))
