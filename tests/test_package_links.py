"""Inside every package, every page's links and resources resolve to files
the package carries: nothing points at the PDFs beside the site, and pages
other than module pages (search, glossary) bring their scripts along."""

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
            pages = [n for n in names if n.endswith(".html")]
            assert "search.html" in pages
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


def test_site_only_parts_are_left_out(packages: list[Path]) -> None:
    for path in packages:
        with zipfile.ZipFile(path) as archive:
            home = archive.read("index.html").decode()
            assert "data-site-only" not in home and "../pdf/" not in home
            assert "assets/search.js" in archive.namelist()
