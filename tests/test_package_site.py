"""Site pages for the package tests, and tests of how the package stage reads
the site.

``write_site`` writes pages of the shape the render stage promises (module
pages with ``<main data-module>``, ``#end-of-module`` after the content and a
quiz script that dispatches ``coursepack:quiz``) for as long as
``builder.render`` does not exist; once it does, ``site_for`` renders the
real site instead.
"""

from __future__ import annotations

import html
import importlib.util
from pathlib import Path

import pytest

from builder.errors import BuildError
from builder.model import Course, Module
from builder.package.site import Site, load_site, site_of

QUIZ_JS = """(function () {
  var form = document.getElementById("check");
  if (!form) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var items = form.querySelectorAll("fieldset");
    var score = 0;
    items.forEach(function (set) {
      var key = set.getAttribute("data-key");
      var chosen = set.querySelector("input:checked");
      var typed = set.querySelector("input[type=text]");
      var given = chosen ? chosen.value : (typed ? typed.value.trim().toLowerCase() : "");
      if (given === key) { score += 1; }
    });
    document.getElementById("result").textContent = score + " / " + items.length;
    document.dispatchEvent(new CustomEvent("coursepack:quiz", {detail: {
      module: document.querySelector("main").getAttribute("data-module"),
      score: score, max: items.length}}));
  });
})();
"""
STYLE = "body { font: 18px/1.5 serif; max-width: 40em; margin: auto; }\n" \
        "h1 { background: url(img/band.png) no-repeat; }\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def _quiz(module: Module) -> str:
    sets = []
    for n, item in enumerate(module.quiz):
        if item.kind == "fill_blank":
            field = f'<input type="text" name="q{n}" aria-label="answer">'
            key = str(item.answer).lower()
        else:
            field = "".join(
                f'<label><input type="radio" name="q{n}" value="{i}"> {html.escape(c)}</label>'
                for i, c in enumerate(item.choices))
            key = str(item.answer)
        sets.append(f'<fieldset data-key="{html.escape(key)}"><legend>'
                    f"{html.escape(item.stem)}</legend>{field}</fieldset>")
    return (f'<form id="check">{"".join(sets)}<button type="submit">Check answers</button>'
            f'<p id="result"></p></form>')


def _page(title: str, body: str, depth: int) -> str:
    up = "../" * depth
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>"
            f'<link rel="stylesheet" href="{up}assets/style.css"></head>\n'
            f"<body>{body}<script src=\"{up}assets/quiz.js\"></script>\n</body></html>\n")


def write_site(course: Course, out: Path) -> Path:
    """Minimal pages of the render stage's shape under ``out/site``."""
    site = out / "site"
    (site / "modules").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "img").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "style.css").write_text(STYLE)
    (site / "assets" / "quiz.js").write_text(QUIZ_JS)
    (site / "assets" / "img" / "band.png").write_bytes(PNG)
    links = "".join(f'<li><a href="modules/{m.id}.html">{html.escape(m.title)}</a></li>'
                    for m in course.modules)
    (site / "index.html").write_text(_page(course.title, f"<h1>{course.title}</h1><ol>{links}</ol>",
                                           0))
    for module in course.modules:
        text = "".join(s.html for s in module.sections)
        filler = "".join(f"<p>{'Reading text. ' * 40}</p>" for _ in range(12))
        body = (f'<main data-module="{module.id}"><h1>{html.escape(module.title)}</h1>'
                f'{text}{filler}<img src="../assets/img/band.png" alt="">'
                f'<div id="end-of-module"></div>{_quiz(module)}'
                f'<a href="../index.html">Home</a></main>')
        (site / "modules" / f"{module.id}.html").write_text(_page(module.title, body, 1))
    return site


def render_available() -> bool:
    return importlib.util.find_spec("builder.render") is not None


def read_pages(course: Course, root: Path) -> Site:
    """The package view of the pages ``write_site`` wrote under ``root``."""
    rels = ["index.html", *(f"modules/{m.id}.html" for m in course.modules)]
    return site_of(root, {rel: (root / rel).read_bytes() for rel in rels},
                   [m.id for m in course.modules])


def test_site_files_are_what_pages_reference(course_model: Course, tmp_path: Path) -> None:
    write_site(course_model, tmp_path)
    (tmp_path / "site" / "assets" / "unused.js").write_text("// not referenced\n")
    site = read_pages(course_model, tmp_path / "site")
    assert site.shared_files() == ("assets/img/band.png", "assets/quiz.js", "assets/style.css")
    page = site.modules["m01-water-cycle"]
    assert page.links == ("index.html",)
    assert site.home.links == ("modules/m01-water-cycle.html", "modules/m02-conclusion.html")


def test_missing_site_page_is_a_clear_error(course_model: Course, tmp_path: Path) -> None:
    write_site(course_model, tmp_path)
    (tmp_path / "site" / "index.html").unlink()
    with pytest.raises(BuildError, match="index.html is missing.*build the html format"):
        load_site(course_model, tmp_path / "site", "scorm")


def test_unsafe_file_name_is_refused(course_model: Course, tmp_path: Path) -> None:
    write_site(course_model, tmp_path)
    page = tmp_path / "site" / "modules" / "m01-water-cycle.html"
    (tmp_path / "site" / "assets" / "my photo.png").write_bytes(PNG)
    page.write_text(page.read_text().replace("band.png", "../my%20photo.png"))
    with pytest.raises(BuildError, match="name LMS packages cannot carry"):
        read_pages(course_model, tmp_path / "site")


def test_nothing_outside_the_site_gets_in(course_model: Course, tmp_path: Path,
                                          caplog: pytest.LogCaptureFixture) -> None:
    write_site(course_model, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for students")
    (tmp_path / "site" / "assets" / "link.txt").symlink_to(secret)
    page = tmp_path / "site" / "modules" / "m01-water-cycle.html"
    page.write_text(page.read_text().replace(
        "</main>", '<a href="../../secret.txt">x</a><a href="../assets/link.txt">y</a></main>'))
    site = read_pages(course_model, tmp_path / "site")
    assert "assets/link.txt" not in site.shared_files()
    assert not any("secret" in f for f in site.shared_files())
    assert "leads outside the site" in caplog.text
