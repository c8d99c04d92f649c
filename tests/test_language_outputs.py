"""No output of a Spanish, French or Arabic course shows raw Markdown.

Corpus 05 (Arabic, wrapped in ``<div dir="rtl" markdown="1">`` as the original
page is), 09 (Spanish, with a pull quote in an ``<aside markdown="1">`` whose
credit is a link) and 10 (French) are built with every format; every page,
summary, package entry, EPUB chapter, question bank and PDF (read back with
pdftotext) is scanned for ``##`` headings, ``**bold**``, ``[text](url)`` links
and ``:::`` fences.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CORPUS

RAW = {
    "heading": re.compile(r"(?m)(?:^|>)[ \t]*#{2,6}[ \t]+\S"),
    "bold": re.compile(r"\*\*[^*\s][^*\n]*\*\*"),
    "link": re.compile(r"\[[^\]\n]+\]\((?:https?:|/|\.|#|mailto:)[^)\s]*\)"),
    "fence": re.compile(r"(?m)^[ \t]*:::"),
}
TEXT = (".html", ".xhtml", ".xml", ".json", ".txt", ".opf", ".ncx")
ESSAYS = {
    "05-appsec-program-arabic": "ar",
    "09-editar-audio-con-audacity": "es",
    "10-concevoir-base-donnees": "fr",
}


def raw_markdown(text: str) -> list[str]:
    """Each piece of Markdown syntax left in ``text``, with a little context."""
    plain = html.unescape(text)
    return [f"{name}: {plain[max(0, m.start() - 30): m.end() + 30]!r}"
            for name, pattern in RAW.items() for m in pattern.finditer(plain)]


def outputs(out: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every file of a build, inside archives too; PDFs as text."""
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        where = str(path.relative_to(out))
        if path.suffix in TEXT or path.name == "search-index.js":
            yield where, path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix in (".zip", ".imscc", ".epub"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(TEXT):
                        yield f"{where}!{name}", archive.read(name).decode("utf-8", "replace")
        elif path.suffix == ".pdf":
            done = subprocess.run(["pdftotext", "-layout", str(path), "-"],
                                  capture_output=True, text=True, check=True)
            yield where, done.stdout


def test_the_scan_finds_raw_markdown() -> None:
    found = raw_markdown(
        "<p>## Título</p><p>Es **muy** útil: [Audacity](http://a.org)</p>\n::: note"
    )
    assert [f.split(":")[0] for f in found] == ["heading", "bold", "link", "fence"]
    assert raw_markdown("<h2>Título</h2><p>C# and **</p><p>[1] a note</p>") == []


def _course(root: Path, stem: str, language: str) -> Path:
    text = (CORPUS / f"{stem}.md").read_text(encoding="utf-8")
    if language == "ar":  # as on the original page: the body in an RTL block
        title, _, body = text.partition("\n")
        text = f'{title}\n\n<div dir="rtl" markdown="1">\n\n{body.strip()}\n\n</div>\n'
    if language == "es":  # a pull quote whose credit is a link
        text = text.replace("\n## Grabar audio", (
            '\n<aside markdown="1">\n**Consejo:** graba en un lugar silencioso. '
            'Fuente: [Audacity](http://www.audacityteam.org/).\n</aside>\n\n## Grabar audio'), 1)
    root.mkdir()
    (root / "essay.md").write_text(text, encoding="utf-8")
    (root / "course.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    from click.testing import CliRunner

    from builder.cli import cli

    base = tmp_path_factory.mktemp("languages")
    out: dict[str, Path] = {}
    for stem, language in ESSAYS.items():
        course = _course(base / stem, stem, language)
        target = base / f"out-{language}"
        result = CliRunner().invoke(cli, ["build", str(course), "--out", str(target), "-q"])
        assert result.exit_code == 0, result.output
        out[language] = target
    return out


@pytest.mark.slow
@pytest.mark.parametrize("language", list(ESSAYS.values()))
def test_no_output_shows_raw_markdown(built: dict[str, Path], language: str) -> None:
    found = [f"{where}: {hit}" for where, text in outputs(built[language])
             for hit in raw_markdown(text)]
    assert found == [], "\n".join(found[:20])


@pytest.mark.slow
@pytest.mark.parametrize("language", list(ESSAYS.values()))
def test_every_module_is_taught_in_its_language(built: dict[str, Path], language: str) -> None:
    import json

    course = json.loads((built[language] / "course.json").read_text(encoding="utf-8"))
    assert course["language"] == language
    for module in course["modules"]:
        assert module["objectives"] and module["discussion"] and module["quiz"], module["id"]
        assert not module["summary"].lstrip().startswith("#"), module["id"]
