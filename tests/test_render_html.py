"""The render stage, site part: pages, links, accessibility basics, the quiz,
interface strings, template overrides and their errors."""

from __future__ import annotations

import dataclasses
import json
import shutil
import struct
import subprocess
import tomllib
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from builder import theme_dir
from builder.config import Config, SiteConfig
from builder.errors import BuildError
from builder.model import Asset, Course
from builder.progress import NullProgress
from builder.render import render
from builder.render.theme import running
from builder.strings import PLACEHOLDER
from tests.conftest import sample_course

HTML = frozenset({"html"})


def tiny_png(rgb: tuple[int, int, int] = (30, 90, 140)) -> bytes:
    """A valid 2x2 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes(rgb) * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def course_with_figure(root: Path, language: str = "en", **config: object) -> Course:
    """The sample course, with an image in module 1 and optional config changes."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "cycle.png").write_bytes(tiny_png())
    course = sample_course(root, language=language)
    module = course.modules[0]
    first = module.sections[0]
    figure = ('<figure><img src="assets/cycle.png" alt="The water cycle">'
              "<figcaption>The cycle.</figcaption></figure>\n")
    first = dataclasses.replace(
        first, html=first.html + figure,
        assets=(Asset(root / "images" / "cycle.png", "assets/cycle.png"),))
    module = dataclasses.replace(module, sections=(first, *module.sections[1:]))
    return dataclasses.replace(
        course, modules=(module, *course.modules[1:]),
        config=dataclasses.replace(course.config, **config))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("site")
    course = course_with_figure(base / "course")
    render(course, base / "out", frozenset({"html", "pdf"}) - {"pdf"}, 1, NullProgress())
    return base / "out" / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def test_writes_home_module_pages_and_assets(site: Path) -> None:
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert names == [
        "assets/cycle.png", "assets/quiz.js", "assets/search-index.js", "assets/search.js",
        "assets/style.css", "glossary.html", "index.html",
        "modules/m01-water-cycle.html", "modules/m02-conclusion.html", "search.html",
    ]
    assert (site / "assets" / "cycle.png").read_bytes() == tiny_png()


def test_render_result_lists_files_and_no_pdf_work(tmp_path: Path) -> None:
    result = render(course_with_figure(tmp_path / "c"), tmp_path / "out", HTML, 1,
                    NullProgress())
    assert all(p.is_file() for p in result.files)
    assert len(result.files) == 10
    assert (result.pdf_pages, result.pdf_seconds) == (0, 0.0)
    assert not (tmp_path / "out" / "pdf").exists()


@pytest.mark.parametrize("name", ["index.html", "modules/m01-water-cycle.html",
                                  "modules/m02-conclusion.html", "glossary.html",
                                  "search.html"])
def test_page_has_language_title_landmarks_and_skip_link(site: Path, name: str) -> None:
    doc = parse(site / name)
    assert doc.get("lang") == "en" and doc.get("dir") == "ltr"
    assert doc.findtext(".//title").strip()
    assert len(doc.findall(".//h1")) == 1
    for landmark in ("header", "main", "footer"):
        assert len(doc.findall(f".//{landmark}")) >= 1, landmark
    skip = doc.find(".//a[@class='skip-link']")
    assert skip is not None and doc.get_element_by_id(skip.get("href")[1:]) is not None
    for field in doc.xpath(".//input[@type='text']"):
        assert doc.xpath(f".//label[@for='{field.get('id')}']"), field.get("id")
    for radio in doc.xpath(".//input[@type='radio']"):
        assert radio.getparent().tag == "label"
    for img in doc.xpath(".//img"):
        assert img.get("alt")


def test_module_page_contract_for_the_lms_runtime(site: Path) -> None:
    doc = parse(site / "modules" / "m01-water-cycle.html")
    main = doc.find(".//main")
    assert main.get("data-module") == "m01-water-cycle"
    end = doc.get_element_by_id("end-of-module")
    article = main.find(".//article")
    assert end.getparent() is main
    assert list(main).index(end) > list(main).index(article)
    nav = doc.xpath(".//nav[@class='pager'][@aria-label]")
    assert nav and nav[0].xpath(".//a[@rel='next']/@href") == ["m02-conclusion.html"]


def test_reading_headings_shift_under_one_h1(site: Path) -> None:
    doc = parse(site / "modules" / "m01-water-cycle.html")
    assert doc.findtext(".//h1").strip() == "The Water Cycle"
    sub = doc.get_element_by_id("precipitation")
    assert sub.tag == "h2" and sub.text_content() == "Precipitation"
    text = doc.text_content()
    for expected in ("Learning objectives", "Key terms", "Discussion questions",
                     "Knowledge check", "Describe how evaporation moves water",
                     "Why does the essay treat condensation",
                     "Rain, snow and hail that return water to the ground."):
        assert expected in text


def test_every_relative_link_resolves_and_nothing_is_remote(site: Path) -> None:
    for page in pages(site):
        doc = parse(page)
        for _element, _attribute, link, _pos in doc.iterlinks():
            parts = urlsplit(link)
            assert parts.scheme not in ("http", "https", "ftp") and not link.startswith("//"), \
                f"{page.name}: {link}"
            if parts.scheme or not parts.path:
                continue
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), f"{page.name}: {link}"
            if parts.fragment and target.suffix == ".html":
                assert parse(target).get_element_by_id(parts.fragment) is not None


def test_images_are_rewritten_for_the_page_depth(site: Path) -> None:
    doc = parse(site / "modules" / "m01-water-cycle.html")
    assert doc.xpath(".//img/@src") == ["../assets/cycle.png"]


def test_home_lists_modules_with_reading_times_and_no_downloads_without_pdf(
    site: Path,
) -> None:
    doc = parse(site / "index.html")
    cards = doc.xpath(".//li[contains(@class, 'module-card')]")
    assert [c.xpath(".//h3/a/@href")[0] for c in cards] == [
        "modules/m01-water-cycle.html", "modules/m02-conclusion.html"]
    assert "1 min read" in cards[0].text_content()
    assert "How water moves between oceans" in cards[0].text_content()
    assert "This short essay follows water" in doc.text_content()
    assert not doc.xpath(".//a[contains(@href, '.pdf')]")


def test_knowledge_check_works_without_javascript(site: Path) -> None:
    doc = parse(site / "modules" / "m01-water-cycle.html")
    items = doc.xpath(".//li[contains(@class, 'quiz__item')]")
    assert len(items) == 3
    answers = [i.xpath(".//details[contains(@class, 'quiz__answer')]")[0] for i in items]
    assert all(a.get("open") is None for a in answers)
    assert "The sun" in answers[0].text_content()
    assert "precipitation" in answers[2].text_content()
    assert doc.xpath(".//button[contains(@class, 'quiz__check')]/@hidden") == [""]


def test_quiz_in_a_real_browser_scores_and_fires_the_event(site: Path, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium not installed")
    page = site / "modules" / "m01-water-cycle.html"
    harness = page.read_text(encoding="utf-8").replace("</body>", """<script>
document.addEventListener("coursepack:quiz", function (e) {
  document.body.setAttribute("data-result", JSON.stringify(e.detail));
});
window.addEventListener("load", function () {
  document.querySelector("input[name=q1][value='0']").checked = true;
  document.querySelector("input[name=q2][value='0']").checked = true;
  document.querySelector("input[name=q3]").value = "  Precipitation ";
  document.querySelector(".quiz__check").click();
});
</script></body>""")
    test_page = page.with_name("harness.html")
    test_page.write_text(harness, encoding="utf-8")
    try:
        dom = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
             "--virtual-time-budget=3000", "--dump-dom", test_page.as_uri()],
            capture_output=True, text=True, timeout=60, check=True).stdout
    finally:
        test_page.unlink()
    doc = lxml_html.fromstring(dom)
    assert doc.find(".//body").get("data-result") == \
        '{"module":"m01-water-cycle","score":2,"max":3}'
    assert "You answered 2 of 3 correctly." in doc.findtext(".//p[@role='status']")
    feedback = doc.xpath(".//p[contains(@class, 'quiz__feedback')]")
    assert "Not quite." in feedback[1].text_content()
    assert "The answer is: False" in feedback[1].text_content()
    assert doc.xpath(".//li[contains(@class, 'is-correct')]/@data-kind") == [
        "multiple_choice", "fill_blank"]


def test_right_to_left_course_mirrors_and_speaks_arabic(tmp_path: Path) -> None:
    render(course_with_figure(tmp_path / "c", language="ar"), tmp_path / "out", HTML, 1,
           NullProgress())
    doc = parse(tmp_path / "out" / "site" / "modules" / "m01-water-cycle.html")
    assert (doc.get("lang"), doc.get("dir")) == ("ar", "rtl")
    assert "أهداف التعلم" in doc.text_content()
    assert doc.xpath(".//a[@class='skip-link']")[0].text == "انتقل إلى المحتوى"


def test_course_overrides_interface_strings(tmp_path: Path) -> None:
    site = SiteConfig(strings={"objectives": "Goals for this week", "next": "Onward"})
    course = course_with_figure(tmp_path / "c", site=site)
    render(course, tmp_path / "out", HTML, 1, NullProgress())
    text = parse(tmp_path / "out" / "site" / "modules" / "m01-water-cycle.html").text_content()
    assert "Goals for this week" in text and "Onward" in text
    assert "Learning objectives" not in text


@pytest.mark.parametrize(("strings", "message"), [
    ({"objectivs": "Goals"},
     "course/course.toml: unknown interface string 'site.strings.objectivs'. "
     "Did you mean 'objectives'?"),
    ({"reading_time": "{mins} minutes"},
     "course/course.toml: 'site.strings.reading_time' must use {minutes}. "
     "Keep the placeholders of the default string."),
], ids=["unknown-key", "lost-placeholder"])
def test_bad_string_override_is_a_build_error(
    tmp_path: Path, strings: dict[str, str], message: str
) -> None:
    course = course_with_figure(tmp_path / "c", site=SiteConfig(strings=strings),
                                path="course/course.toml")
    with pytest.raises(BuildError) as caught:
        render(course, tmp_path / "out", HTML, 1, NullProgress())
    assert caught.value.message == message


def write_override(course: Course, name: str, text: str) -> None:
    path = course.root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_override_extends_the_default_template(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c")
    write_override(course, "module.html",
                   '{% extends "!default/module.html" %}\n'
                   '{% block objectives %}<p class="mine">Aims: {{ module.objectives | length }}'
                   "</p>{% endblock %}\n")
    write_override(course, "assets/style.css", "body { color: #000; }\n")
    render(course, tmp_path / "out", HTML, 1, NullProgress())
    site = tmp_path / "out" / "site"
    doc = parse(site / "modules" / "m01-water-cycle.html")
    assert doc.xpath(".//p[@class='mine']/text()") == ["Aims: 2"]
    assert not doc.xpath(".//section[@class='objectives']")
    assert "Knowledge check" in doc.text_content()
    assert (site / "assets" / "style.css").read_text() == "body { color: #000; }\n"
    assert "module-card" in (site / "index.html").read_text()


@pytest.mark.parametrize(("text", "message"), [
    ('{% extends "!default/module.html" %}\n{% block objectives %}\n{% if %}\n{% endblock %}\n',
     "course/templates/module.html:3: template syntax error: Expected an expression, "
     "got 'end of statement block'."),
    ('{% extends "!default/module.html" %}\n{% block objectives %}\n'
     "{{ module.objectivez }}\n{% endblock %}\n",
     "course/templates/module.html:3: template error: "
     "'builder.model.Module object' has no attribute 'objectivez'."),
    ('{% extends "!default/modul.html" %}\n',
     "course/templates/module.html:1: template not found: !default/modul.html."),
], ids=["syntax", "undefined", "missing-parent"])
def test_broken_override_is_a_build_error_at_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    course = course_with_figure(tmp_path / "c")
    write_override(course, "module.html", text)
    with pytest.raises(BuildError) as caught:
        render(course, tmp_path / "out", HTML, 1, NullProgress())
    assert caught.value.message.startswith(message)


def test_same_course_gives_identical_site(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c")
    for out in ("a", "b"):
        render(course, tmp_path / out, HTML, 1, NullProgress())
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*")
             if p.is_file()}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*")
              if p.is_file()}
    assert first == second


def test_config_defaults_are_usable(tmp_path: Path) -> None:
    course = dataclasses.replace(sample_course(tmp_path), config=Config())
    result = render(course, tmp_path / "out", HTML, 1, NullProgress())
    assert len(result.files) == 9


def test_glossary_page_lists_terms_with_links_back(site: Path) -> None:
    doc = parse(site / "glossary.html")
    entry = doc.get_element_by_id("term-precipitation")
    assert entry.findtext(".//dt") == "precipitation"
    assert "Rain, snow and hail that return water" in entry.text_content()
    assert entry.xpath(".//a/@href") == ["modules/m01-water-cycle.html#terms-m01-water-cycle"]
    module = parse(site / "modules" / "m01-water-cycle.html")
    assert module.xpath(".//section[@class='key-terms']//dt/a/@href") == [
        "../glossary.html#term-precipitation"]
    assert doc.xpath(".//nav[@class='site-nav']//a[@aria-current='page']/@href") == [
        "glossary.html"]


def test_site_navigation_on_every_page(site: Path) -> None:
    for page in pages(site):
        doc = parse(page)
        links = doc.xpath(".//nav[@class='site-nav']//a")
        assert [a.text for a in links] == ["Contents", "Glossary", "Search"], page.name
        for a in links:
            assert (page.parent / a.get("href")).resolve().is_file()


def search_docs(site: Path) -> list[dict[str, str]]:
    text = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.coursepackSearch = "
    start = text.index(prefix) + len(prefix)
    data = json.loads(text[start:text.rindex(";")])
    assert data["language"] == "en"
    return data["docs"]


def test_search_index_covers_the_course_and_every_link_resolves(site: Path) -> None:
    docs = search_docs(site)
    text = " ".join(d["text"] for d in docs)
    for phrase in ("This short essay follows water", "Clouds form when water vapour",
                   "Rain, snow and hail return water", "Describe how evaporation moves"):
        assert phrase in text
    assert {"title": "precipitation", "where": "Glossary",
            "href": "glossary.html#term-precipitation",
            "text": "Rain, snow and hail that return water to the ground."} in docs
    for doc in docs:
        path, _, fragment = doc["href"].partition("#")
        target = site / path
        assert target.is_file(), doc["href"]
        if fragment:
            assert parse(target).get_element_by_id(fragment) is not None, doc["href"]
    search = parse(site / "search.html")
    assert search.xpath(".//script/@src") == ["assets/search-index.js", "assets/search.js"]
    assert search.xpath(".//label[@for='search-query']")
    assert "Search needs JavaScript" in search.find(".//noscript").text_content()


def test_home_shows_objectives_reading_time_and_every_download(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c")
    render(course, tmp_path / "out", frozenset({"html", "epub"}), 1, NullProgress())
    doc = parse(tmp_path / "out" / "site" / "index.html")
    assert "2 modules · 2 min of reading" in doc.findtext(".//p[@class='course__facts']")
    card = doc.xpath(".//li[contains(@class, 'module-card')]")[0]
    assert card.xpath(".//div[@class='module-card__objectives']//li/text()") == [
        o.text for o in course.modules[0].objectives]
    assert doc.xpath(".//section[@class='downloads']//a/@href") == [
        "../epub/water-on-earth.epub"]
    assert (tmp_path / "out" / "epub" / "water-on-earth.epub").is_file()


def test_summary_that_repeats_the_reading_is_not_printed_twice(tmp_path: Path) -> None:
    course = course_with_figure(tmp_path / "c")
    first = course.modules[0]
    repeated = dataclasses.replace(first, summary=first.sections[0].text.split("\n\n")[0])
    course = dataclasses.replace(course, modules=(repeated, *course.modules[1:]))
    render(course, tmp_path / "out", HTML, 1, NullProgress())
    site = tmp_path / "out" / "site"
    assert not parse(site / "modules" / "m01-water-cycle.html").xpath(".//p[@class='lede']")
    assert parse(site / "modules" / "m02-conclusion.html").xpath(".//p[@class='lede']")
    home = parse(site / "index.html").text_content()
    assert repeated.summary in home


@pytest.mark.parametrize("language", ["ar", "es", "fr"])
def test_every_interface_string_is_translated(language: str) -> None:
    theme = theme_dir() / "strings"
    english = tomllib.loads((theme / "en.toml").read_text(encoding="utf-8"))
    other = tomllib.loads((theme / f"{language}.toml").read_text(encoding="utf-8"))
    assert sorted(other) == sorted(english)
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(other[key])) == set(PLACEHOLDER.findall(text)), key


@pytest.mark.parametrize(("title", "short"), [
    ("Water on Earth", "Water on Earth"),
    ("An Islamic Nation's Role and Contribution to Peacekeeping Missions",
     "An Islamic Nation's Role and Contribution…"),
    ("Supercalifragilisticexpialidocious" * 2, "Supercalifragilisticexpialidocious"
     "Supercal…"),
])
def test_running_headers_are_cut_at_a_word(title: str, short: str) -> None:
    assert running(title) == short
