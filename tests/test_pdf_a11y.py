"""The PDFs of the example course and of the Arabic corpus essay read back as
a reader's tools see them: tagged PDF/UA-1 (structure tree, /Lang, XMP
metadata), bookmarks that match the modules, every font embedded (pdffonts),
and Arabic text that pdftotext extracts in logical order."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest

from builder import theme_dir
from builder.model import Course
from builder.pipeline import load
from builder.progress import NullProgress
from builder.render import render
from builder.strings import course_strings

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
ARABIC = "05-appsec-program-arabic.md"
MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
NOT_WORD = re.compile(r"[^\w]+")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tests.conftest import CORPUS as corpus_dir  # the fixture is function-scoped

    if not (corpus_dir / ARABIC).is_file():
        pytest.skip(f"corpus essay {ARABIC} not found")
    if shutil.which("pdffonts") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    base = tmp_path_factory.mktemp("pdfua")
    arabic = base / "arabic"
    arabic.mkdir()
    shutil.copyfile(corpus_dir / ARABIC, arabic / "essay.md")
    (arabic / "course.toml").write_text('language = "ar"\n', encoding="utf-8")
    courses = {"example": load(REPO / "course"), "arabic": load(arabic)}
    for name, course in courses.items():
        render(course, base / name, frozenset({"pdf"}), 2, NullProgress())
    return {"base": base, "courses": courses}


def glossary_title(course: Course) -> str:
    return course_strings(course, theme_dir())["glossary"]


def pdfs(built: dict[str, Any], name: str) -> list[Path]:
    return sorted((built["base"] / name / "pdf").glob("*.pdf"))


def top_outline(reader: pypdf.PdfReader) -> list[str]:
    return [str(item.title) for item in reader.outline if not isinstance(item, list)]


@pytest.mark.parametrize("name", ["example", "arabic"])
def test_every_pdf_is_tagged_pdf_ua_with_language_and_metadata(
    built: dict[str, Any], name: str
) -> None:
    course: Course = built["courses"][name]
    for path in pdfs(built, name):
        reader = pypdf.PdfReader(path)
        root = reader.root_object
        assert "/StructTreeRoot" in root, path.name
        mark, prefs = root["/MarkInfo"], root["/ViewerPreferences"]
        assert isinstance(mark, dict) and isinstance(prefs, dict)
        assert mark["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
        assert root["/Lang"] == course.language
        assert prefs["/DisplayDocTitle"] == True  # noqa: E712
        meta = reader.metadata
        assert meta is not None and meta.title and course.title in meta.title
        stream = root["/Metadata"].get_object()
        assert isinstance(stream, pypdf.generic.StreamObject)
        xmp = stream.get_data().decode("utf-8")
        assert 'pdfuaid:part="1"' in xmp
        assert f"<rdf:li xml:lang=\"x-default\">{meta.title}</rdf:li>" in xmp


@pytest.mark.parametrize("name", ["example", "arabic"])
def test_bookmarks_match_the_modules(built: dict[str, Any], name: str) -> None:
    course: Course = built["courses"][name]
    titles = [m.title for m in course.modules]
    pack = top_outline(pypdf.PdfReader(built["base"] / name / "pdf" / "course-pack.pdf"))
    assert pack[0] == course.title
    modules_part = pack[2:] if course.overview else pack[1:]
    assert [t for t in modules_part if t != glossary_title(course)] == titles
    guide = top_outline(pypdf.PdfReader(built["base"] / name / "pdf" / "instructor-guide.pdf"))
    assert guide[1:] == titles
    for module in course.modules:
        handout = pypdf.PdfReader(built["base"] / name / "pdf" / f"{module.id}.pdf")
        assert top_outline(handout) == [module.title]


@pytest.mark.parametrize("name", ["example", "arabic"])
def test_every_font_is_embedded(built: dict[str, Any], name: str) -> None:
    for path in pdfs(built, name):
        lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert lines, path.name
        for line in lines:
            emb = line[-38:].split()[-5]  # columns: ... emb sub uni object ID
            assert emb == "yes", f"{path.name}: {line}"


def _words(text: str) -> list[str]:
    """Words without Arabic short vowels, tatweel or punctuation."""
    text = MARKS.sub("", unicodedata.normalize("NFC", text))
    return [w for w in NOT_WORD.split(text) if w]


def test_arabic_handout_text_comes_out_in_logical_order(built: dict[str, Any]) -> None:
    """pdftotext gives the reading's words, and pairs of neighbouring words in
    the order of the source (visual order would give them reversed). Poppler
    starts a new line at some raised vowel marks, so a few pairs are split."""
    course: Course = built["courses"]["arabic"]
    for module in course.modules:
        path = built["base"] / "arabic" / "pdf" / f"{module.id}.pdf"
        got = _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                    text=True, check=True).stdout)
        pairs = set(zip(got, got[1:], strict=False))
        source = _words(module.text)
        wanted = list(zip(source, source[1:], strict=False))
        found = sum(w in set(got) for w in source) / len(source)
        in_order = sum(p in pairs for p in wanted) / len(wanted)
        reversed_ = sum((b, a) in pairs for a, b in wanted) / len(wanted)
        assert found >= 0.95 and in_order >= 0.85 and reversed_ <= 0.05, \
            f"{module.id}: words {found:.2f}, in order {in_order:.2f}, reversed {reversed_:.2f}"
        assert set(_words(module.title)) <= set(got)


@pytest.mark.parametrize("name", ["example", "arabic"])
def test_course_pack_ends_with_the_glossary_when_terms_exist(
    built: dict[str, Any], name: str
) -> None:
    course: Course = built["courses"][name]
    pack = pypdf.PdfReader(built["base"] / name / "pdf" / "course-pack.pdf")
    has_terms = any(m.terms for m in course.modules)
    assert (top_outline(pack)[-1] == glossary_title(course)) == has_terms
