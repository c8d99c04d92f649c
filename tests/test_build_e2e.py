"""End to end: build real courses with the real pipeline and read the outputs
back (PDF text, outline and metadata with pypdf; pages with lxml)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from builder.pipeline import build

from .conftest import REPO

pytestmark = pytest.mark.slow

GOLDEN = REPO / "tests" / "golden"
EXAMPLE = REPO / "course"
EXAMPLE_MODULES = [
    "m01-an-islamic-nations-role-and-contribution",
    "m02-the-networking-and-cooperation",
    "m03-training-and-expertise",
    "m04-conclusion",
]


@contextlib.contextmanager
def models_off() -> Iterator[None]:
    """The optional models explicitly off, so that the golden file is the same with
    and without the nlp extra."""
    from builder.pedagogy.semantic import get_embedder
    from builder.pedagogy.tagger import get_tagger

    saved = {k: os.environ.get(k) for k in ("COURSEPACK_TAGGER", "COURSEPACK_SEMANTIC")}
    os.environ.update({k: "off" for k in saved})
    get_tagger.cache_clear()
    get_embedder.cache_clear()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_tagger.cache_clear()
        get_embedder.cache_clear()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example course built with the optional models off (:func:`models_off`)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    out = tmp_path_factory.mktemp("example") / "build"
    with models_off():
        build(EXAMPLE, out, frozenset({"html", "pdf"}), jobs=2, display_dir="course")
    return out


def test_example_outputs_exist(example: Path) -> None:
    expected = ["site/index.html", "course.json", "pdf/course-pack.pdf",
                "pdf/instructor-guide.pdf"]
    expected += [f"site/modules/{m}.html" for m in EXAMPLE_MODULES]
    expected += [f"pdf/{m}.pdf" for m in EXAMPLE_MODULES]
    for rel in expected:
        assert (example / rel).is_file(), rel


def test_example_course_json_matches_golden(example: Path) -> None:
    data = json.loads((example / "course.json").read_text())
    assert data["schema"] == "coursepack/1"
    assert [m["id"] for m in data["modules"]] == EXAMPLE_MODULES
    golden = GOLDEN / "course.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes((example / "course.json").read_bytes())
    assert (example / "course.json").read_text() == golden.read_text(), (
        "course.json drifted from tests/golden/course.json; if the change is intended, run "
        "scripts/update-golden and review the diff"
    )


def test_every_page_link_resolves(example: Path) -> None:
    site = example / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 1 + len(EXAMPLE_MODULES)
    for page in pages:
        tree = lxml_html.parse(str(page))
        root = tree.getroot()
        assert root.get("lang") == "en"
        assert root.findtext(".//title")
        assert root.find(".//main") is not None and root.find(".//h1") is not None
        for element in root.iter():
            for attr in ("href", "src"):
                url = element.get(attr)
                if not url or url.startswith(("#", "mailto:", "data:")):
                    continue
                parts = urlsplit(url)
                if parts.scheme in ("http", "https"):
                    assert element.tag == "a", f"{page.name}: external resource {url}"
                    continue
                target = (page.parent / unquote(parts.path)).resolve()
                assert target.is_file(), f"{page.relative_to(site)}: broken link {url}"
                assert target.is_relative_to(example.resolve()), url


def test_module_pages_carry_the_teaching_material(example: Path) -> None:
    data = json.loads((example / "course.json").read_text())
    for module in data["modules"]:
        text = (example / module["outputs"]["html"]).read_text()
        assert module["title"].replace("'", "&#39;") in text or module["title"] in text
        for objective in module["objectives"]:
            assert objective["text"] in _unescape(text)
        for item in module["quiz"]:
            assert item["stem"] in _unescape(text)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_course_pack_pdf(example: Path) -> None:
    reader = PdfReader(example / "pdf" / "course-pack.pdf")
    data = json.loads((example / "course.json").read_text())
    assert len(reader.pages) >= 4
    meta = reader.metadata
    assert meta is not None and meta.title == data["title"]
    assert meta.author == data["author"]
    text = "\n".join(page.extract_text() for page in reader.pages)
    for module in data["modules"]:
        assert module["title"] in " ".join(text.split())
    outline_titles = _outline_titles(reader.outline)
    for module in data["modules"]:
        assert any(module["title"] in t for t in outline_titles), outline_titles
    root = reader.trailer["/Root"]
    assert str(root.get("/Lang", "")).startswith("en")


def _outline_titles(outline: list) -> list[str]:
    titles: list[str] = []
    for entry in outline:
        if isinstance(entry, list):
            titles.extend(_outline_titles(entry))
        else:
            titles.append(" ".join(entry.title.split()))
    return titles


def test_handouts_and_guide(example: Path) -> None:
    data = json.loads((example / "course.json").read_text())
    for module in data["modules"]:
        reader = PdfReader(example / module["outputs"]["pdf"])
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        assert module["title"] in text
        for item in module["quiz"]:
            assert item["feedback"] not in text, "a handout must not show answers"
    guide = PdfReader(example / "pdf" / "instructor-guide.pdf")
    text = " ".join(" ".join(p.extract_text() for p in guide.pages).split())
    for module in data["modules"]:
        for question in module["discussion"]:
            assert " ".join(question["note"].split())[:40] in text


def test_two_builds_are_byte_identical(example: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    with models_off():
        build(EXAMPLE, again, frozenset({"html", "pdf"}), jobs=1, display_dir="course")
    assert _digests(again) == _digests(example)


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


SANDBOX_ESSAY = """# Sandbox

## Attempts

The essay below tries to reach files outside its folder, and every attempt must fail politely.

![passwd](/etc/passwd)
![secret](../../secret.txt)
![link](escape.png)
![remote](http://127.0.0.1:9/tracker.png)
<img src="file:///etc/hostname" alt="hostname">

## More Text

Some more sentences follow so that the module has enough words to teach from, and the planner
keeps it as a module of its own rather than merging it into the section before it.
"""


def test_sandbox(tmp_path: Path, make_course, caplog: pytest.LogCaptureFixture) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-BYTES")
    course = make_course({"essay.md": SANDBOX_ESSAY}, name="a/b/course")
    (course / "escape.png").symlink_to(secret)
    out = tmp_path / "out"
    with caplog.at_level("WARNING", logger="builder"):
        build(course, out, frozenset({"html", "pdf"}), jobs=1, display_dir="course")
    warnings = caplog.text
    for needle in ("/etc/passwd", "../../secret.txt", "escape.png", "127.0.0.1"):
        assert needle in warnings
    passwd = Path("/etc/passwd").read_bytes()[:32]
    for path in out.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert b"TOP-SECRET-BYTES" not in blob, path
            assert passwd not in blob, path


def test_every_corpus_essay_builds(corpus_dir: Path, tmp_path: Path) -> None:
    for essay in sorted(corpus_dir.glob("0*.md")):
        course = tmp_path / essay.stem
        course.mkdir()
        (course / "essay.md").write_text(essay.read_text(encoding="utf-8"), encoding="utf-8")
        if "arabic" in essay.stem:
            (course / "course.toml").write_text('language = "ar"\n')
        out = tmp_path / f"{essay.stem}-out"
        result = build(course, out, frozenset({"html", "pdf"}), jobs=2, display_dir=essay.stem)
        assert result.course.modules, essay.name
        assert len(PdfReader(out / "pdf" / "course-pack.pdf").pages) >= 2
        pdfs = sorted((out / "pdf").glob("*.pdf"))
        assert len(pdfs) == len(result.course.modules) + 2
        for pdf in pdfs:
            _assert_accessible_pdf(pdf, result.course.language, result.course.title)


def _assert_accessible_pdf(path: Path, language: str, title: str) -> None:
    """Tagged, with language and title, every font embedded (pdffonts)."""
    import subprocess

    reader = PdfReader(path)
    root = reader.root_object
    assert "/StructTreeRoot" in root and root["/Lang"] == language, path
    assert reader.metadata is not None and title in str(reader.metadata.title), path
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line[-38:].split()[-5] == "yes" for line in fonts), (path, fonts)
