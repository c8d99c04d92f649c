"""Readings from Word, OpenDocument, web pages and plain text (builder/importer.py).

The documents are made here: python-docx writes Word documents with real
heading styles, a table, an image, a link and a footnote; pandoc writes corpus
essays to .docx. No binary fixture of unknown origin."""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import importer, places
from builder.cli import cli
from builder.read import read_course

from .conftest import CORPUS
from .test_cli import ESSAY

docx = pytest.importorskip("docx", reason="python-docx (the test extra) writes the documents")
pypandoc = pytest.importorskip("pypandoc", reason="the import extra (pypandoc-binary)")


@pytest.fixture(autouse=True)
def _reading_only(no_models):
    """These builds test reading, not teaching material: without the models;
    the paragraph labels of one test's documents are forgotten after it."""
    yield
    places._LABELS.clear()
    places.describe("", ())


def png(width: int = 4, height: int = 3) -> bytes:
    raw = b"".join(b"\0" + b"\x20\x60\xa0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


_FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    '</w:footnote></w:footnotes>'
)


def _add_footnote(document, paragraph, text: str) -> None:
    """A real Word footnote: a footnotes part and a reference in the paragraph."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                _FOOTNOTES.format(text=text).encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = paragraph.add_run()
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


def _add_link(document, paragraph, text: str, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def word_document(path: Path, styled: bool = True) -> Path:
    """The test essay (tests/test_cli.py) as Word writes it: Title and
    Heading 1 styles (or, with ``styled=False``, bold lines), emphasis, a
    list, a table, an image, a link and a footnote."""
    document = docx.Document()
    document.add_paragraph("Rivers", style="Title")

    def heading(text: str) -> None:
        if styled:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph().add_run(text).bold = True

    heading("Introduction")
    first = document.add_paragraph("Rivers carry water ")
    first.add_run("from the hills").italic = True
    first.add_run(" to the sea, and people have always settled beside them.")
    heading("How Rivers Shape Land")
    land = document.add_paragraph(
        "A river cuts its valley by erosion. Fast water carries sand and stones downstream, and "
        "the stones grind the riverbed deeper every year. Where the river slows down on flat "
        "land it drops the sand, building wide plains that farmers value for their rich soil.")
    _add_footnote(document, land, "Erosion is slow: a valley takes many thousands of years.")
    document.add_paragraph("sand settles on the plain", style="List Bullet")
    document.add_paragraph("stones stay in the riverbed", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "River", (0, 1): "Length", (1, 0): "Nile",
                             (1, 1): "6,650 km"}.items():
        table.cell(row, col).text = text
    document.add_picture(io.BytesIO(png()))
    heading("Rivers and Cities")
    cities = document.add_paragraph(
        "Most old cities stand on rivers because rivers gave them water, food and a road for "
        "trade. Cairo grew on the Nile, and London grew on the Thames, where ships could reach "
        "the markets. Bridges became the places where roads met, so markets and churches "
        "gathered around them. ")
    _add_link(document, cities, "A map of old cities", "https://example.org/map")
    document.save(str(path))
    return path


def course_with(tmp_path: Path, files: dict[str, bytes | str], toml: str = "[plan]\n"
                "min_minutes = 0\n") -> Path:
    course = tmp_path / "course"
    course.mkdir(parents=True)
    (course / "course.toml").write_text(toml, encoding="utf-8")
    for name, content in files.items():
        target = course / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return course


def build(runner: CliRunner, course: Path, out: Path, *args: str):
    result = runner.invoke(cli, ["build", str(course), "--out", str(out), "-q", *args])
    assert result.exit_code != 1, result.output + repr(result.exc_info)
    return result


# --- Word ------------------------------------------------------------------------------------


def test_a_word_document_reads_like_its_markdown(tmp_path: Path) -> None:
    course = course_with(tmp_path, {})
    word_document(course / "essay.docx")
    source = read_course(course, "course")
    reading = source.readings[0]
    assert reading.title == "Rivers"
    assert [(s.level, s.title) for s in reading.sections] == [
        (1, "Rivers"), (2, "Introduction"), (2, "How Rivers Shape Land"),
        (2, "Rivers and Cities")]
    intro, land, cities = reading.sections[1:]
    assert "<em>from the hills</em>" in intro.html
    assert "<table>" in land.html and "<td>Nile</td>" in land.html
    assert "<li>" in land.html and "stones stay in the riverbed" in land.html
    assert 'class="footnote"' in land.html and "many thousands of years" in land.html
    assert '<a href="https://example.org/map">A map of old cities</a>' in cities.html
    # the image is extracted outside the course folder, named after the document
    (asset,) = land.assets
    assert asset.target == "assets/essay.docx-image1.png"
    assert not asset.source.is_relative_to(course) and asset.source.read_bytes() == png()
    assert f'src="{asset.target}"' in land.html
    assert sorted(p.name for p in course.iterdir()) == ["course.toml", "essay.docx"]
    # read again, the model is the same (the build cache keys on it)
    assert read_course(course, "course").readings == source.readings


def test_an_instructor_goes_from_a_docx_to_a_built_course(
    runner: CliRunner, tmp_path: Path
) -> None:
    course = course_with(tmp_path, {})
    word_document(course / "essay.docx")
    out = tmp_path / "out"
    result = build(runner, course, out, "--format", "html,qti", "--strict")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "course.json").read_text("utf-8"))
    assert data["title"] == "Rivers"
    assert [m["title"] for m in data["modules"]] == ["How Rivers Shape Land",
                                                     "Rivers and Cities"]
    assert all(m["objectives"] for m in data["modules"])
    # a module with no sound quiz item says so (round 10: no lone true copy)
    assert all(m["quiz"] or any("knowledge-check items (0 of" in n for n in m["notes"])
               for m in data["modules"]) and any(m["quiz"] for m in data["modules"])
    assert (out / "site" / "assets" / "essay.docx-image1.png").read_bytes() == png()
    page = (out / "site" / "modules" / f"{data['modules'][0]['id']}.html").read_text("utf-8")
    assert "../assets/essay.docx-image1.png" in page
    assert sorted(p.name for p in course.iterdir() if not p.name.startswith(".")) == [
        "course.toml", "essay.docx"]


def test_bold_lines_instead_of_heading_styles_get_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    course = course_with(tmp_path, {})
    word_document(course / "essay.docx", styled=False)
    result = build(runner, course, tmp_path / "out", "--format", "html")
    assert result.exit_code == 0, result.output
    assert (f"Warning: {course}/essay.docx: the document has no headings, but 3 bold line(s) "
            'look like headings (paragraph 2 ("Introduction"); paragraph 4 ("How Rivers Shape '
            'Land"); paragraph 10 ("Rivers and Cities")).') in " ".join(result.output.split())
    assert "give each heading the style Heading 1, Heading 2 or Heading 3" in result.output


def test_messages_name_the_paragraph_of_a_document(runner: CliRunner, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Rivers", level=1)
    document.add_paragraph(ESSAY.split("## Introduction")[1].split("##")[0].strip())
    document.add_paragraph("See the map: ")
    document.paragraphs[-1].add_run("x")
    _add_link(document, document.paragraphs[-1], "map", "missing-map.pdf")
    document.add_heading("Rivers and Cities", level=2)
    document.add_paragraph(ESSAY.split("## Rivers and Cities")[1].strip())
    course = course_with(tmp_path, {})
    document.save(str(course / "essay.docx"))
    result = build(runner, course, tmp_path / "out", "--format", "html")
    assert result.exit_code == 0, result.output
    assert (f'Warning: {course}/essay.docx: paragraph 3 ("See the map: xmap"): link target '
            "missing-map.pdf is not in the course folder") in result.output


def test_paragraph_styles_named_after_boxes_are_boxes(tmp_path: Path) -> None:
    """Word has no boxes: paragraphs in a style named after a box kind are
    that box, the heading right before it its title, the solution after an
    exercise inside it, and a lesson's objectives a list after a paragraph in
    the Objectives style; any other style is plain text."""
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    for name in ("Objectives", "Questions", "Challenge", "Solution", "Pull Quote"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Rivers", style="Title")
    document.add_paragraph("Objectives", style="Objectives")
    document.add_paragraph("Explain how a river cuts its valley.", style="List Bullet")
    document.add_paragraph("Questions", style="Questions")
    document.add_paragraph("Why do rivers bend?", style="List Bullet")
    document.add_heading("How Rivers Shape Land", level=1)
    document.add_paragraph("A river cuts its valley by erosion, year after year.")
    document.add_paragraph("Water is patient.", style="Pull Quote")
    document.add_heading("Try It", level=1)
    document.add_paragraph("Which carries more sand, fast water or slow?", style="Challenge")
    document.add_heading("Solution", level=2)
    document.add_paragraph("Fast water.", style="Solution")
    document.add_heading("Rivers and Cities", level=1)
    document.add_paragraph("Most old cities stand on rivers.")
    path = document.save(str(tmp_path / "essay.docx")) or tmp_path / "essay.docx"

    text = "\n".join(importer.import_reading(path, "essay.docx").lines)
    assert re.search(r"^:+ objectives\n- Explain how a river cuts its valley\.\n:+$", text, re.M)
    assert re.search(r"^:+ questions\n- Why do rivers bend\?\n:+$", text, re.M)  # box + list
    assert re.search(r"^:+ challenge\n## Try It\n\nWhich carries more sand, fast water or "
                     r"slow\?\n\n:+ solution\n### Solution\n\nFast water\.\n:+\n:+$", text, re.M)
    assert "Water is patient." in text and "custom-style" not in text
    course = course_with(tmp_path / "course", {"essay.docx": path.read_bytes()}, toml="")
    from builder import plan

    planned = plan.plan_course(read_course(course, "docx"))
    titles = [m.title for m in planned.modules]
    assert not any("Try It" in t or "Solution" in t for t in titles), titles


def test_a_table_of_contents_is_left_out(tmp_path: Path) -> None:
    """Word's contents: a paragraph per heading, each a link to its bookmark."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("Rivers", style="Title")
    titles = ["Introduction", "How Rivers Shape Land", "Rivers and Cities"]
    for number, title in enumerate(titles):
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), f"_Toc{number}")
        for text in (title, "\t", str(number + 2)):
            run = OxmlElement("w:r")
            run.append(OxmlElement("w:tab") if text == "\t" else OxmlElement("w:t"))
            if text != "\t":
                run[0].text = text
            link.append(run)
        document.add_paragraph()._p.append(link)
    for number, title in enumerate(titles):
        heading = document.add_heading(title, level=1)
        mark = OxmlElement("w:bookmarkStart")
        mark.set(qn("w:id"), str(number))
        mark.set(qn("w:name"), f"_Toc{number}")
        heading._p.insert(1, mark)
        document.add_paragraph(ESSAY.split(f"## {title}")[1].split("##")[0].strip())
    course = course_with(tmp_path, {})
    document.save(str(course / "essay.docx"))
    reading = read_course(course, "course").readings[0]
    assert [s.title for s in reading.sections] == ["Rivers", *titles]
    assert reading.sections[0].text == ""
    assert "Shape Land 3" not in "".join(s.html for s in reading.sections)
    assert str(reading.sections[2].location).endswith('paragraph 7 ("How Rivers Shape Land")')


def test_word_and_markdown_of_one_name_are_refused(tmp_path: Path) -> None:
    course = course_with(tmp_path, {"essay.md": ESSAY, "~$essay.docx": b"lock"})
    word_document(course / "essay.docx")
    with pytest.raises(Exception) as caught:
        read_course(course, "course")
    assert "two readings have the same name: essay.docx and essay.md" in str(caught.value)


@pytest.mark.parametrize("name", ["essay.docx", "essay.odt", "page.html"])
def test_without_the_import_extra_a_document_is_bad_input(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setitem(sys.modules, "pypandoc", None)  # import pypandoc fails
    course = course_with(tmp_path, {name: b"anything"})
    result = build(runner, course, tmp_path / "out", "--format", "html")
    assert result.exit_code == 2, result.output
    assert f"Error: {course}/{name}: reading a" in result.output
    assert "needs pandoc, from coursepack's optional 'import' extra, which is not installed. " \
        "Install the optional 'import' extra" in result.output
    assert "pip install 'coursepack[import]'" in result.output
    assert "Traceback" not in result.output


def test_plain_text_needs_no_extra(runner: CliRunner, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypandoc", None)
    course = course_with(tmp_path, {"essay.txt": TEXT})
    assert build(runner, course, tmp_path / "out", "--format", "html").exit_code == 0


# --- OpenDocument and HTML -------------------------------------------------------------------


def _pandoc(*args: str, stdin: bytes = b"") -> bytes:
    """pandoc writing a test document (in its sandbox: it fetches nothing)."""
    binary = importer.pandoc_binary("docx", "test")
    done = subprocess.run([str(binary), "--sandbox", *args], input=stdin, capture_output=True,
                          timeout=120, check=True)
    return done.stdout


def test_an_opendocument_text_is_read(tmp_path: Path) -> None:
    course = course_with(tmp_path, {})
    (course / "essay.odt").write_bytes(
        _pandoc("-f", "markdown", "-t", "odt", "-o", "-",
                stdin=(ESSAY + "\nA note.[^n]\n\n[^n]: The note text.\n").encode()))
    reading = read_course(course, "course").readings[0]
    assert [s.title for s in reading.sections] == ["Rivers", "Introduction",
                                                   "How Rivers Shape Land", "Rivers and Cities"]
    assert "The note text." in reading.sections[-1].html


HOSTILE_PAGE = """<!DOCTYPE html><html><head><title>Tab title | My Blog</title>
<link rel="stylesheet" href="http://evil.example/x.css">
<script src="http://evil.example/x.js"></script>
<style>@import url(http://evil.example/y.css);</style></head>
<body onload="alert(1)"><h1>Rivers</h1>
<h2>How Rivers Shape Land</h2>
<p onclick="x()">A river cuts its valley by <b>erosion</b>. <a href="javascript:alert(1)">Click</a>
and <a href="https://example.org/">read more</a>.</p>
<script>alert(2)</script><iframe src="http://evil.example/frame"></iframe>
<img src="http://evil.example/track.png" alt="tracker">
<img src="data:image/png;base64,{png}" alt="a drawing">
<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDMpPC9zY3JpcHQ+PC9zdmc+" alt="svg">
<form action="http://evil.example/post"><input name="a"></form>
<object data="http://evil.example/o"></object>
<h2>Rivers and Cities</h2><table><tr><th>City</th><th>River</th></tr>
<tr><td><p>Cairo</p><p>(old)</p></td><td>Nile</td></tr></table>
</body></html>
"""


def test_a_hostile_web_page_is_sanitised_and_fetches_nothing(tmp_path: Path, caplog) -> None:
    import base64

    page = HOSTILE_PAGE.replace("{png}", base64.b64encode(png()).decode())
    course = course_with(tmp_path, {"page.html": page})
    reading = read_course(course, "course").readings[0]
    assert reading.title == "Rivers"  # the <h1>, not the tab's <title>
    html = "\n".join(s.html for s in reading.sections)
    for bad in ("<script", "alert", "onclick", "onload", "<iframe", "<form", "<input",
                "<object", "javascript:", "evil.example/x", "@import", "<style"):
        assert bad not in html, bad
    assert "<strong>erosion</strong>" in html and 'href="https://example.org/"' in html
    assert "<td><p>Cairo</p>" in html or "<td>Cairo" in html
    (asset,) = {a for s in reading.sections for a in s.assets}
    assert asset.source.read_bytes() == png() and asset.target == "assets/page.html-image-1.png"
    messages = caplog.text
    assert "remote image http://evil.example/track.png is not included" in messages
    assert "image 2 written into the page" in messages and "it was left out" in messages


# --- plain text ------------------------------------------------------------------------------

TEXT = """Rivers

Introduction

Rivers carry water from the hills to the sea, and people have always settled beside them.
# not a heading, * not a list, <b>not bold</b> & [not a link](x.md)

How Rivers Shape Land

A river cuts its valley by erosion. Fast water carries sand and stones downstream, and the
stones grind the riverbed deeper every year.

This line is a sentence, not a heading.

Rivers and Cities

---
Most old cities stand on rivers because rivers gave them water, food and a road for trade.
"""


def test_plain_text_is_paragraphs_with_title_case_headings(tmp_path: Path, caplog) -> None:
    course = course_with(tmp_path, {"essay.txt": TEXT})
    reading = read_course(course, "course").readings[0]
    assert [(s.level, s.title) for s in reading.sections] == [
        (1, "Rivers"), (2, "Introduction"), (2, "How Rivers Shape Land"),
        (2, "Rivers and Cities")]
    intro = reading.sections[1]
    assert ("# not a heading, * not a list, &lt;b&gt;not bold&lt;/b&gt; &amp; [not a link](x.md)"
            in intro.html)
    assert "---" in reading.sections[3].html and "<hr" not in reading.sections[3].html
    assert reading.sections[2].location.line == 8  # file:line stays true
    assert ("course/essay.txt:1: 4 line(s) taken as headings, each standing alone in title "
            "case: line 1 'Rivers', line 3 'Introduction', line 8 'How Rivers Shape Land', "
            "line 15 'Rivers and Cities'. Check them") in caplog.text


@pytest.mark.parametrize("line, heading", [
    ("The Long Peace", True), ("Rivers and Cities", True), ("CHAPTER I", True),
    ("What Is a River?", True), ("1. The Beginning", True), ("The end.", False),
    ("I went home", False), ("For example:", False), ("la guerre froide", False),
    ("A Very Long Line That Goes On And On With Far Too Many Words To Be A Heading", False),
])
def test_title_case(line: str, heading: bool) -> None:
    assert importer.title_case(line) is heading


# --- bad input -------------------------------------------------------------------------------


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


BAD_DOCUMENTS = {
    "not-a-zip": (lambda p: p.write_bytes(b"This is not a Word document at all.") or p,
                  "not a Word document: a .docx file is a zip archive, and this file is not one"),
    "truncated": (lambda p: p.write_bytes(word_document(p).read_bytes()[:3000]) or p,
                  "not a Word document: a .docx file is a zip archive"),
    "no-document-part": (lambda p: _zip(p, {"hello.txt": b"hi"}),
                         "not a Word document: it has no word/document.xml"),
    "zip-bomb": (lambda p: _zip(p, {"word/document.xml": b"<w:document>" + b" " * 250_000_000}),
                 "the Word document unpacks to more than 40 MB of text (a zip bomb"),
    "entity-bomb": (lambda p: _zip(p, {"word/document.xml": b'<?xml version="1.0"?>'
                                       b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><d>&a;</d>'}),
                    "holds a DTD (<!DOCTYPE or <!ENTITY) in word/document.xml"),
    "corrupt-xml": (lambda p: _zip(p, {"[Content_Types].xml": b"<Types/>",
                                       "word/document.xml": b"<w:document><w:body>"}),
                    "cannot read the Word document: it is damaged or not a Word document"),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=list(BAD_DOCUMENTS))
def test_bad_word_documents_are_bad_input(runner: CliRunner, tmp_path: Path, case: str) -> None:
    make, message = BAD_DOCUMENTS[case]
    course = course_with(tmp_path, {})
    make(course / "essay.docx")
    result = build(runner, course, tmp_path / "out", "--format", "html")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {course}/essay.docx: "), result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name, content, message", [
    ("essay.odt", b"PK\x03\x04garbage", "course/essay.odt: not an OpenDocument text: a .odt "
     "file is a zip archive, and this file is not one. Open it in LibreOffice and save it "
     "again as OpenDocument text (.odt)."),
    ("essay.txt", b"\n\n", "course/essay.txt:1: the essay is empty. Write the essay's text in "
     "the document, or remove the file."),
])
def test_other_bad_documents(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    course = course_with(tmp_path, {name: content})
    with pytest.raises(importer.BuildError) as caught:
        read_course(course, "course")
    assert caught.value.message == message


def test_pandoc_is_bounded_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "PANDOC_SECONDS", 0.001)
    course = course_with(tmp_path, {})
    word_document(course / "essay.docx")
    with pytest.raises(importer.BuildError, match="pandoc took more than"):
        read_course(course, "course")


def test_pandoc_is_bounded_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "PANDOC_HEAP", "8m")
    document = docx.Document()
    for _ in range(3000):
        document.add_paragraph("Rivers carry water from the hills to the sea. " * 6)
    course = course_with(tmp_path, {})
    document.save(str(course / "essay.docx"))
    with pytest.raises(importer.BuildError, match="needs more memory to read than coursepack "
                       "allows"):
        read_course(course, "course")


def test_an_oversized_document_is_refused_before_reading(tmp_path: Path) -> None:
    course = course_with(tmp_path, {})
    with open(course / "essay.docx", "wb") as sparse:
        sparse.truncate(importer.MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(importer.BuildError, match="coursepack reads documents of up to 50 MB"):
        read_course(course, "course")


def test_a_document_build_opens_no_socket(tmp_path: Path) -> None:
    from .test_hostile import _NO_SOCKETS

    course = course_with(tmp_path, {"page.html": HOSTILE_PAGE.replace("{png}", "")})
    word_document(course / "essay.docx")
    done = subprocess.run(
        [sys.executable, "-c", _NO_SOCKETS, "build", str(course), "--out",
         str(tmp_path / "out"), "-q", "--format", "html"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "network access" not in done.stderr


# --- corpus essays through Word --------------------------------------------------------------


def _corpus_essays() -> list[str]:
    names = sorted(p.name for p in CORPUS.glob("[0-9][0-9]-*.md"))
    return names or ["missing"]


READ_AS_COURSEPACK = "markdown-smart-space_in_atx_header"
"""pandoc reading Markdown as coursepack does: quotes as typed, ``###Title`` a heading."""


@pytest.mark.slow
@pytest.mark.parametrize("name", _corpus_essays())
def test_corpus_essays_as_word_documents_make_the_same_modules(
    tmp_path: Path, name: str
) -> None:
    """pandoc writes a corpus essay to .docx; the course planned from the
    document has the modules (ids and titles) of the one planned from the
    Markdown."""
    from builder import plan

    source = CORPUS / name
    if not source.is_file():
        pytest.skip(f"corpus essay {source} not found (../shared/corpus)")
    stem = Path(name).stem
    # pandoc offline writes a remote image's alt text as text: the same essay without them
    text = re.sub(r"!\[[^\]]*\]\(https?://[^)]*\)", "", source.read_text("utf-8"))
    markdown = course_with(tmp_path / "md", {f"{stem}.md": text}, toml="")
    word = course_with(tmp_path / "docx", {}, toml="")
    # boxes (``::: challenge``) become paragraph styles named after them, as in Word
    styles = tmp_path / "boxes.lua"
    styles.write_text(importer.BOXES_AS_STYLES, "utf-8")
    (word / f"{stem}.docx").write_bytes(_pandoc(
        "-f", READ_AS_COURSEPACK, "-t", "docx", f"--lua-filter={styles}", "-o", "-",
        str(markdown / f"{stem}.md")))
    expected = plan.plan_course(read_course(markdown, "md"))
    got = plan.plan_course(read_course(word, "docx"))
    assert [(m.id, m.title) for m in got.modules] == [(m.id, m.title) for m in expected.modules]
    assert got.title == expected.title


def test_the_test_extra_installs_pandoc() -> None:
    """The bundled pandoc, never one on PATH (its version and options are unknown)."""
    binary = importer.pandoc_binary("docx", "test")
    assert binary.is_relative_to(Path(pypandoc.__file__).parent)


def test_an_unsafe_media_folder_is_not_used(tmp_path: Path, monkeypatch) -> None:
    """Someone else could have made the shared folder, or opened it to all:
    extracted images then go to a fresh private folder."""
    import os
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    shared = tmp_path / f"coursepack-media-{os.getuid()}"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    stored = importer._store(png(), "image1.png")
    assert not stored.is_relative_to(shared) and stored.read_bytes() == png()
    assert stored.parent.parent.stat().st_mode & 0o077 == 0
    shared.chmod(0o700)
    again = importer._store(png(), "image1.png")
    assert again.is_relative_to(shared) and importer._store(png(), "image1.png") == again


@pytest.mark.slow
def test_images_of_a_word_document_reach_the_pdfs_and_the_epub(
    runner: CliRunner, tmp_path: Path
) -> None:
    """WeasyPrint reads only the course folder, the theme and the folders of
    images extracted from the course's documents."""
    from pypdf import PdfReader

    course = course_with(tmp_path, {})
    word_document(course / "essay.docx")
    out = tmp_path / "out"
    result = build(runner, course, out, "--format", "pdf,epub", "--strict")
    assert result.exit_code == 0, result.output
    pack = PdfReader(str(out / "pdf" / "course-pack.pdf"))
    assert any(image.data for page in pack.pages for image in page.images)
    (epub,) = (out / "epub").glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        assert archive.read("EPUB/assets/essay.docx-image1.png") == png()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
def test_pandoc_connects_nowhere_and_writes_nothing(tmp_path: Path) -> None:
    """Under strace (pandoc is a program of its own, out of reach of a
    Python patch): reading a web page full of remote resources and a Word
    document connects to no address, and no process writes a file outside
    the temporary folder and the course's cache."""
    import tempfile

    course = course_with(tmp_path / "c", {"page.html": HOSTILE_PAGE.replace("{png}", "")})
    word_document(course / "essay.docx")
    log = tmp_path / "strace.log"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-o", str(log), "-e", "trace=connect,open,openat,creat,execve",
         sys.executable, "-m", "builder", "check", str(course)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    trace = log.read_text()
    assert len(re.findall(r'execve\("[^"]*/pandoc"', trace)) == 2  # both documents
    assert [line for line in trace.splitlines()
            if "connect(" in line and ("AF_INET" in line or "AF_INET6" in line)] == []
    allowed = (tempfile.gettempdir(), str(course / ".coursepack-cache"), "/dev/", "/proc/")
    written = []
    for line in trace.splitlines():
        found = re.search(r'(?:open(?:at)?\((?:\w+, )?|creat\()"([^"]+)"(.*)', line)
        if found and ("creat(" in line or re.search(r"O_WRONLY|O_RDWR|O_CREAT", found.group(2))):
            path = found.group(1)
            inside = path.startswith(str(course) + "/") and not path.startswith(allowed[1])
            if (inside or not path.startswith(allowed)) and "= -1" not in found.group(2):
                written.append(line)
    assert written == []
