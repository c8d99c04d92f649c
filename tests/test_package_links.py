"""Inside every package, every page's resources resolve to files the package
carries, and the pages are content only: no site frame (header, navigation,
pager, footer, downloads), no link to another page (the LMS navigates), and
in the Common Cartridge no questions or answers (its QTI quizzes are the
checks) and no ``<h1>`` (the LMS prints the page title)."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html

from builder.package import package
from builder.progress import NullProgress
from builder.render import render

from .conftest import sample_course

ALL = frozenset({"scorm12", "scorm2004", "imscc"})


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("links")
    course = sample_course(out / "course")
    render(course, out, frozenset({"html", "pdf"}), 1, NullProgress())
    assert "../pdf/" in (out / "site" / "index.html").read_text()  # the site has downloads
    return list(package(course, out, ALL, NullProgress()))


def test_every_reference_resolves_inside_the_package(packages: list[Path]) -> None:
    for path in packages:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            pages = sorted(n for n in names if n.endswith(".html"))
            assert pages == ["index.html", "modules/m01-water-cycle.html",
                             "modules/m02-conclusion.html"], path.name
            for page in pages:
                root = lxml_html.fromstring(archive.read(page))
                for element in root.iter():
                    for attr in ("href", "src"):
                        ref = element.get(attr)
                        if not ref or ref.startswith(("#", "mailto:", "data:")):
                            continue
                        parts = urlsplit(ref)
                        if parts.scheme in ("http", "https"):
                            continue
                        target = posixpath.normpath(
                            posixpath.join(posixpath.dirname(page), unquote(parts.path))
                        )
                        assert target in names, f"{path.name}: {page} -> {ref}"
                        assert not target.endswith(".html"), f"{path.name}: {page} -> {ref}"


FRAME = ("skip-link", "site-header", "site-nav", "pager", "site-footer", "data-site-only",
         "../pdf/", "download")


def test_pages_are_content_only(packages: list[Path]) -> None:
    for path in packages:
        cartridge = path.suffix == ".imscc"
        with zipfile.ZipFile(path) as archive:
            for page in ("index.html", "modules/m01-water-cycle.html"):
                text = archive.read(page).decode()
                root = lxml_html.fromstring(text)
                assert not [f for f in FRAME if f in text], (path.name, page)
                assert len(root.findall(".//h1")) == (0 if cartridge else 1), (path.name, page)
            module = archive.read("modules/m01-water-cycle.html").decode()
            for part in ("objectives", "reading", "key-terms", "discussion"):
                assert f'class="{part}"' in module, (path.name, part)
            quiz = ("quiz__item", "data-answer", "Show answer", "assets/quiz.js")
            if cartridge:
                assert not [q for q in quiz if q in module]
                assert "assets/quiz.js" not in archive.namelist()
            else:
                assert all(q in module for q in quiz), path.name
