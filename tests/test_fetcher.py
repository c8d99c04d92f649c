"""The PDF sandbox: WeasyPrint may read files inside the course folder and the
theme, and data: URLs; nothing else, and nothing refused reaches a PDF."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pypdf
import pytest
from weasyprint import HTML

from builder import theme_dir
from builder.model import Asset
from builder.progress import NullProgress
from builder.render import render
from builder.render.fetcher import RefusedURL, SandboxFetcher
from tests.test_render_html import course_with_figure, tiny_png

SECRET = "TOPSECRET-7f3a"


@pytest.fixture
def layout(tmp_path: Path) -> dict[str, Path]:
    """A course folder with an image, plus files outside it and a symlink out."""
    course = tmp_path / "course"
    (course / "img").mkdir(parents=True)
    (course / "img" / "ok.png").write_bytes(tiny_png())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.css").write_text(f'body::after {{ content: "{SECRET}"; }}\n')
    (outside / "secret.png").write_bytes(tiny_png((200, 0, 0)))
    (course / "img" / "link.png").symlink_to(outside / "secret.png")
    (course / "img" / "link.css").symlink_to(outside / "secret.css")
    return {"course": course, "outside": outside}


def fetcher(layout: dict[str, Path]) -> SandboxFetcher:
    return SandboxFetcher([layout["course"], theme_dir()])


def test_serves_files_inside_the_course_and_the_theme(layout: dict[str, Path]) -> None:
    sandbox = fetcher(layout)
    image = sandbox.fetch((layout["course"] / "img" / "ok.png").as_uri())
    assert image.read() == tiny_png()
    assert image.content_type == "image/png"
    sheet = sandbox.fetch((theme_dir() / "assets" / "style.css").as_uri())
    assert b".objectives" in sheet.read()
    assert sandbox.refused == []


def test_serves_data_urls(layout: dict[str, Path]) -> None:
    response = fetcher(layout).fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "{course}/img/../../outside/secret.css",
    "{course}/img/link.png",
    "{course}/img/link.css",
    "http://example.com/x.png",
    "https://example.com/x.css",
    "ftp://example.com/x.png",
    "file://otherhost/etc/passwd",
], ids=["absolute", "dot-dot", "symlink-image", "symlink-css", "http", "https", "ftp",
        "remote-file"])
def test_refuses_and_warns_naming_the_url(
    layout: dict[str, Path], url: str, caplog: pytest.LogCaptureFixture
) -> None:
    url = url.replace("{course}", layout["course"].as_uri())
    sandbox = fetcher(layout)
    with caplog.at_level(logging.WARNING, logger="builder"), pytest.raises(RefusedURL):
        sandbox.fetch(url)
    assert sandbox.refused == [url]
    assert [r.name for r in caplog.records] == ["builder"]
    assert url in caplog.records[0].getMessage()


def test_no_refused_bytes_reach_the_pdf(layout: dict[str, Path], tmp_path: Path) -> None:
    course = layout["course"]
    outside = layout["outside"]
    page = f"""<html><head>
<link rel="stylesheet" href="{(outside / 'secret.css').as_uri()}">
<link rel="stylesheet" href="img/link.css">
<link rel="stylesheet" href="../outside/secret.css">
</head><body><p>Visible text</p>
<img src="img/ok.png" alt="ok">
<img src="{(outside / 'secret.png').as_uri()}" alt="outside">
<img src="img/link.png" alt="symlink">
<img src="http://127.0.0.1:9/x.png" alt="web">
</body></html>"""
    refused: list[str] = []
    sandbox = SandboxFetcher([course], on_refuse=lambda url, why: refused.append(url))
    target = tmp_path / "out.pdf"
    HTML(string=page, base_url=course.as_uri() + "/", url_fetcher=sandbox).write_pdf(target)
    assert len(refused) == 6
    reader = pypdf.PdfReader(target)
    text = reader.pages[0].extract_text()
    assert "Visible text" in text and SECRET not in text
    assert len(reader.pages[0].images) == 1
    assert SECRET.encode() not in target.read_bytes()


def test_render_warns_with_source_line_and_keeps_secrets_out(
    layout: dict[str, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    course = course_with_figure(layout["course"])
    module = course.modules[1]
    section = module.sections[0]
    evil = ('<p>See <img src="/etc/passwd" alt="a"> <img src="../outside/secret.png" alt="b">'
            ' <img src="assets/link.png" alt="c"> <img src="https://example.com/t.png" alt="d">'
            "</p>\n")
    section = dataclasses.replace(section, html=section.html + evil, assets=(
        Asset(layout["course"] / "img" / "link.png", "assets/link.png"),))
    course = dataclasses.replace(course, modules=(
        course.modules[0], dataclasses.replace(module, sections=(section,))))
    with caplog.at_level(logging.WARNING, logger="builder"):
        result = render(course, tmp_path / "out", frozenset({"pdf"}), 2, NullProgress())
    messages = sorted(r.getMessage() for r in caplog.records if r.name == "builder")
    assert len(messages) == 4
    assert all(m.startswith("course/essay.md:15: refused to load ") for m in messages)
    assert any("file:///etc/passwd" in m for m in messages)
    assert any("https://example.com/t.png" in m for m in messages)
    secret_png = tiny_png((200, 0, 0))
    for pdf in result.files:
        data = pdf.read_bytes()
        assert b"root:" not in data and secret_png not in data
        reader = pypdf.PdfReader(pdf)
        if pdf.name in ("m02-conclusion.pdf", "instructor-guide.pdf"):
            assert sum(len(p.images) for p in reader.pages) == 0
