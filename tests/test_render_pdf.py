"""The render stage, PDF part: handouts, course pack and instructor guide read
back with pypdf (pages, text, outline, metadata), and determinism.

WeasyPrint is the slow part: the course is rendered once per module (the
``pdfs`` fixture) and once more for the determinism check."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

import pypdf
import pytest

from builder.config import PdfConfig
from builder.model import Course
from builder.progress import NullProgress
from builder.render import RenderResult, render
from tests.conftest import Recorder
from tests.test_render_html import course_with_figure

BOTH = frozenset({"html", "pdf"})
MODULES = ("m01-water-cycle", "m02-conclusion")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Course, Path, RenderResult, Recorder]:
    base = tmp_path_factory.mktemp("pdf")
    course = course_with_figure(base / "course")
    progress = Recorder()
    result = render(course, base / "out", BOTH, 2, progress)
    return course, base / "out", result, progress


def read(out: Path, name: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(out / "pdf" / name)


def text_of(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def outline(reader: pypdf.PdfReader, items: list[Any] | None = None) -> list[Any]:
    """The outline as [(title, page index, [children])]."""
    tree: list[Any] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            tree[-1][2].extend(outline(reader, item))
        else:
            tree.append((item.title, reader.get_destination_page_number(item), []))
    return tree


def test_writes_every_pdf_and_counts_pages(
    built: tuple[Course, Path, RenderResult, Recorder],
) -> None:
    _, out, result, progress = built
    names = sorted(p.name for p in (out / "pdf").iterdir())
    assert names == sorted(["course-pack.pdf", "instructor-guide.pdf",
                            *(f"{m}.pdf" for m in MODULES)])
    pdfs = [p for p in result.files if p.suffix == ".pdf"]
    assert len(pdfs) == 4
    assert result.pdf_pages == sum(len(pypdf.PdfReader(p).pages) for p in pdfs)
    assert result.pdf_seconds > 0
    assert progress.totals == progress.done == {
        "site": 1, "course pack": 1, "instructor guide": 1, "handouts": 2}


def test_handouts_have_exercises_but_no_answers(
    built: tuple[Course, Path, RenderResult, Recorder],
) -> None:
    course, out, _, _ = built
    for module in course.modules:
        reader = read(out, f"{module.id}.pdf")
        text = text_of(reader)
        assert module.title in text
        assert "learning objectives" in text.lower()
        for question in module.discussion:
            assert question.text in text
        for item in module.quiz:
            assert item.stem in text
            assert item.feedback not in text
        for note in (q.note for q in module.discussion):
            assert note not in text
        assert f"Page 1 of {len(reader.pages)}" in text
        assert course.title in reader.pages[0].extract_text()
    assert "Write your answer here" in text_of(read(out, "m01-water-cycle.pdf"))


def test_course_pack_outline_metadata_and_toc(
    built: tuple[Course, Path, RenderResult, Recorder],
) -> None:
    course, out, _, _ = built
    reader = read(out, "course-pack.pdf")
    tree = outline(reader)
    titles = [title for title, _, _ in tree]
    assert titles == [course.title, "Introduction", "The Water Cycle", "Conclusion", "Glossary"]
    assert [child[0] for child in tree[2][2]] == ["Precipitation"]
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author) == (course.title, course.author)
    assert reader.root_object["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.root_object
    assert meta["/CreationDate"] == "D:20260101000000Z"
    for title, page, _ in tree[1:]:
        assert title in reader.pages[page].extract_text()
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last


def test_toc_page_numbers_point_at_the_chapters(
    built: tuple[Course, Path, RenderResult, Recorder],
) -> None:
    _, out, _, _ = built
    reader = read(out, "course-pack.pdf")
    lines = [" ".join(line.replace(".", " ").split())
             for line in reader.pages[1].extract_text().splitlines()]
    for title, page, _ in outline(reader)[1:]:
        entry = next(line for line in lines if title in line)
        assert entry.endswith(f" {page + 1}"), entry


def test_instructor_guide_has_notes_keys_and_alignment(
    built: tuple[Course, Path, RenderResult, Recorder],
) -> None:
    course, out, _, _ = built
    reader = read(out, "instructor-guide.pdf")
    text = text_of(reader)
    for module in course.modules:
        assert module.title in text
        for question in module.discussion:
            assert question.note in text
        for item in module.quiz:
            assert item.feedback in text
    assert "Answer: A. The sun" in text
    assert "Answer: precipitation" in text
    assert "Alignment of questions to objectives" in text
    assert "Objective 1: Describe how evaporation" in text
    assert [t for t, _, _ in outline(reader)][1:] == [m.title for m in course.modules]


def test_images_are_embedded_from_the_course_folder(
    built: tuple[Course, Path, RenderResult, Recorder],
) -> None:
    _, out, _, _ = built
    page = read(out, "m01-water-cycle.pdf").pages[0]
    assert len(page.images) == 1


def test_two_renders_are_byte_identical_and_quiet(
    built: tuple[Course, Path, RenderResult, Recorder],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    course, first, _, _ = built
    with caplog.at_level(logging.INFO):
        render(course, tmp_path / "again", BOTH, 1, NullProgress())
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    for path in sorted(first.rglob("*")):
        if path.is_file():
            rel = path.relative_to(first)
            assert (tmp_path / "again" / rel).read_bytes() == path.read_bytes(), rel


def test_letter_pages_and_no_handouts(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c")
    course = dataclasses.replace(
        course, modules=course.modules[1:],
        config=dataclasses.replace(course.config, pdf=PdfConfig(page_size="Letter",
                                                                 handouts=False)))
    result = render(course, tmp_path / "out", frozenset({"pdf"}), 1, NullProgress())
    assert sorted(p.name for p in result.files) == ["course-pack.pdf", "instructor-guide.pdf"]
    box = read(tmp_path / "out", "course-pack.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert not (tmp_path / "out" / "site").exists()


def test_arabic_handout_runs_right_to_left(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c", language="ar")
    render(course, tmp_path / "out", frozenset({"pdf"}), 1, NullProgress())
    reader = read(tmp_path / "out", "m02-conclusion.pdf")
    assert reader.root_object["/Lang"] == "ar"
    assert "أهداف التعلم" in text_of(reader)


def structure(node: Any, found: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """(structure type, alt text) of every element of a PDF structure tree."""
    found = [] if found is None else found
    node = node.get_object()
    if "/S" in node:
        found.append((str(node["/S"]), str(node.get("/Alt", ""))))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object()
        if isinstance(kid, dict):
            structure(kid, found)
    return found


def test_images_are_tagged_figures_with_alt_text_and_headings_are_real(
    built: tuple[Course, Path, RenderResult, Recorder],
) -> None:
    _, out, _, _ = built
    tree = structure(read(out, "m01-water-cycle.pdf").root_object["/StructTreeRoot"])
    assert [alt for kind, alt in tree if kind == "/Figure"] == ["The water cycle"]
    kinds = [kind for kind, _ in tree]
    assert kinds.count("/H1") == 1 and kinds.count("/H2") >= 4


def test_course_pack_ends_with_the_glossary(
    built: tuple[Course, Path, RenderResult, Recorder],
) -> None:
    _, out, _, _ = built
    reader = read(out, "course-pack.pdf")
    title, page, _ = outline(reader)[-1]
    assert title == "Glossary"
    text = " ".join(reader.pages[page].extract_text().split())
    assert "precipitation Rain, snow and hail that return water to the ground." in text
    assert "Introduced in: Module 1" in text
    assert "Glossary" in reader.pages[1].extract_text()


def test_long_titles_are_shortened_in_running_headers(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c")
    long = "A Very Long Course Title That Would Never Fit Into The Running Header Of A Page"
    course = dataclasses.replace(course, title=long, modules=course.modules[1:])
    render(course, tmp_path / "out", frozenset({"pdf"}), 1, NullProgress())
    first = read(tmp_path / "out", "m02-conclusion.pdf").pages[0].extract_text()
    assert "A Very Long Course Title That Would Never…" in first
    assert long not in first
