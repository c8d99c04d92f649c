"""Property-based fuzzing of everything a course folder can hold: Markdown,
front matter, ``course.toml``, ``plan.yaml``, ``coursepack`` blocks and
template overrides. The property: coursepack either succeeds or reports bad
input (:class:`BuildError`, exit 2); it never fails with another exception
(exit 1), and no small input takes long.

The quick profile (the default, a few hundred examples, under a minute) runs
with the tests; ``benchmarks/fuzz.py`` runs the same strategies for 10,000+
cases and counts the outcomes. ``HYPOTHESIS_PROFILE=long`` runs more here.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import BuildError

settings.register_profile(
    "quick", max_examples=100, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long", max_examples=2000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

SECONDS = 10.0
"""No small input may take longer (the issue's target for inputs under 100 KB);
measured in CPU time, so a busy machine does not fail the test."""

# --- text -------------------------------------------------------------------------------------

ODD = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\u202e", "\ufeff",
       "\ufffe", "\uffff", "\U0001f600", "\r", "\t", "\\", "`", "*", "_", "[", "]", "(", ")",
       "<", ">", "&", "#", "|", "{", "}", "%", "!", ":", "'", '"', "^", "~", "\u0645", "é"]
words = st.sampled_from(
    "the river peace nations water cycle Cairo London 1648 trade city sea mission United "
    "Nations council security army training cooperation Africa Kosovo".split()
)
odd = st.sampled_from(ODD)
fragments = st.one_of(words, words, words, odd, st.text(max_size=8))
line_text = st.lists(fragments, max_size=14).map(" ".join)
prose = st.lists(words, min_size=10, max_size=60).map(lambda w: " ".join(w) + ".")
"""A plain paragraph, so that most cases get past reading into the later stages."""


def one_in(n: int) -> st.SearchStrategy[bool]:
    """True about once in ``n`` draws (Hypothesis favours the ends of an integer range)."""
    return st.sampled_from([False] * (n - 1) + [True])

URLS = ["http://example.org", "https://x.org/a?b#c", "http://[::1", "http://[::1]:80/",
        "//cdn.example.org/x.png", "mailto:a@b.c", "javascript:alert(1)", "file:///etc/passwd",
        "data:image/png;base64,AAAA", "../outside.png", "/etc/passwd", "map.png", "img/a b.png",
        "a.png#frag", "%2e%2e/x.png", "C:\\win.png", "", "#anchor", "essay.md", "\x00.png",
        "x" * 300]
urls = st.sampled_from(URLS)


@st.composite
def blocks(draw: st.DrawFn) -> str:
    """One Markdown block of some kind."""
    kind = draw(st.sampled_from(
        ["para", "para", "heading", "list", "quote", "code", "table", "link", "image", "html",
         "footnote", "fence-yaml", "hr", "deflist", "attr", "nested"]))
    text = draw(line_text)
    if kind == "heading":
        return "#" * draw(st.integers(1, 7)) + " " + text
    if kind == "list":
        items = draw(st.lists(line_text, min_size=1, max_size=5))
        return "\n".join(f"{'    ' * draw(st.integers(0, 3))}- {i}" for i in items)
    if kind == "quote":
        return "> " * draw(st.integers(1, 4)) + text
    if kind == "code":
        return f"```{draw(st.sampled_from(['', 'python', 'coursepack', '{.x}']))}\n{text}\n```"
    if kind == "table":
        cells = draw(st.lists(line_text, min_size=1, max_size=4))
        row = "| " + " | ".join(c.replace("|", "") for c in cells) + " |"
        return "\n".join([row, "|" + "---|" * len(cells), row])
    if kind == "link":
        return f"{text} [{draw(line_text)}]({draw(urls)}) {draw(line_text)}"
    if kind == "image":
        return f"![{draw(line_text)}]({draw(urls)} \"{draw(words)}\")"
    if kind == "html":
        tag = draw(st.sampled_from(["div", "script", "img", "a", "iframe", "span", "svg"]))
        return f"<{tag} src=\"{draw(urls)}\" onclick=\"x()\">{text}</{tag}>"
    if kind == "footnote":
        return f"{text}[^n]\n\n[^n]: {draw(line_text)}"
    if kind == "fence-yaml":
        return f"```coursepack\n{draw(yaml_texts)}\n```"
    if kind == "hr":
        return draw(st.sampled_from(["---", "***", "* * *", "___"]))
    if kind == "deflist":
        return f"{draw(words)}\n:   {text}"
    if kind == "attr":
        return f"## {draw(words)} {{#{draw(words)} .{draw(words)}}}"
    if kind == "nested":
        depth = draw(st.integers(1, 60))
        return draw(st.sampled_from(["- ", "> ", "[", "*"])) * depth + text
    return text


YAML_PIECES = [
    "objectives:\n  - Explain how rivers shape land.",
    "quiz:\n  - stem: What does a river carry?\n    choices: [sand, ice, fire]\n    answer: sand",
    "quiz:\n  - stem: [a, b]\n    answer: {x: 1}",
    "discussion:\n  - text: Why?\n    assesses: [99]",
    "terms:\n  - term: delta\n    definition: 2020-01-01",
    "a: &a [x, x, x]\nb: [*a, *a, *a]",
    "x: !!binary aGVsbG8=",
    "x: !!python/object/apply:os.system [id]",
    "quiz: 3",
    "- just a list",
    "objectives: [" * 50,
    "key: \"\\u0001\"",
    "quizz:\n  - stem: typo",
    "quiz:\n  - stem: Where?\n    choices: [a, {b: c}, A]\n    answer: a\n    assesses: [0]",
    "quiz:\n  - Where?\n  - stem: Which?\n    stem: Twice?",
    "objectives:\n  - text: [a]\n    bloom: {x: y}\n  - 42\n  - drop: maybe",
    "drop: true",
    "",
]
yaml_texts = st.one_of(
    st.sampled_from(YAML_PIECES),
    st.lists(st.sampled_from(YAML_PIECES), max_size=3).map("\n".join),
    st.text(max_size=40),
)
TOML_PIECES = [
    'title = "Rivers"', 'title = "A\\u0001B"', 'language = "ar"', 'language = "xx-!!"',
    "[plan]\nreadings = [\"essay.md\"]", "[plan]\nreadings = [\"essay.md\\u0000\"]",
    "[plan]\nreadings = [\"../outside.md\"]", "[plan]\nmin_words = -5", "[plan]\nmax_words = 100",
    "[pedagogy]\nquiz_items = 99", "[pedagogy]\nbackend = \"llm\"", "titel = 1",
    "[site.strings]\nobjectives = \"Goals {x}\"", "[pdf]\npage_size = \"A5\"", "= broken",
]
toml_texts = st.one_of(
    st.sampled_from([*TOML_PIECES[:3], "[pedagogy]\nquiz_items = 6", "[lms]\ncc_version = '1.3'"]),
    st.lists(st.sampled_from(TOML_PIECES), max_size=3).map("\n".join),
)
FRONT = ["title: Rivers", "title: [a, b]", "author: &a x", "title: 1984", "title: \"\\x01\"",
         "title: |\n  multi\n  line", ": bad", "date: 2020-01-01"]
front_matter = st.one_of(
    st.just(""),
    st.just(""),
    st.lists(st.sampled_from(FRONT), min_size=1, max_size=3).map(
        lambda lines: "---\n" + "\n".join(lines) + "\n---\n"),
)


@st.composite
def essays(draw: st.DrawFn) -> str:
    """A whole reading: front matter, usually a title, blocks between headings."""
    parts = [draw(front_matter)]
    if draw(st.integers(0, 4)):
        parts.append("# " + draw(line_text) + "\n")
    for _ in range(draw(st.integers(1, 5))):
        parts.append("## " + draw(line_text) + "\n")
        parts.append(draw(prose))
        parts.extend(draw(st.lists(blocks(), max_size=4)))
    text = "\n\n".join(parts)
    if draw(one_in(10)):  # now and then: cut anywhere, or add raw bytes
        text = text[: draw(st.integers(0, len(text)))]
    return text


TEMPLATES = [
    "{{ course.title }}", "{% extends \"!default/module.html\" %}", "{% include \"x.html\" %}",
    "{{ cycler.__init__.__globals__ }}", "{{ '%d'|format('x') }}", "{{ 1/0 }}",
    "{% for i in range(10) %}{{ i }}{% endfor %}", "{{ undefined_name }}", "{% if %}",
    "{{ course.root.read_text() }}", "{{ 'x' * 10000000 }}", "{% macro f() %}{{ f() }}"
    "{% endmacro %}{{ f() }}", "{{ module.title|upper }}", "{% block main %}{% endblock %}",
    "{{ range(99999)|list|join(',')|length }}", "{{ t.objectives }}", "{{ lipsum(99) }}",
]
templates = st.one_of(
    st.lists(st.sampled_from(TEMPLATES), min_size=1, max_size=3).map("\n".join),
    st.text(max_size=30),
)


@st.composite
def course_folders(draw: st.DrawFn) -> dict[str, str | bytes]:
    """Files of a course folder: one or two readings, maybe course.toml,
    plan.yaml, a template override and an image."""
    files: dict[str, str | bytes] = {"essay.md": draw(essays())}
    if draw(one_in(4)):
        files["b-second.md"] = draw(essays())
    if draw(st.booleans()):
        files["course.toml"] = draw(toml_texts)
    if draw(one_in(4)):
        files["plan.yaml"] = "modules:\n  - id: m01-x\n    " + draw(yaml_texts).replace(
            "\n", "\n    ")
    if draw(one_in(4)):
        files["templates/module.html"] = draw(templates)
    if draw(one_in(5)):
        files["map.png"] = draw(st.sampled_from(
            [b"\x89PNG\r\n\x1a\n" + b"\0" * 32, b"<html>", b"", b"GIF89a" + b"\xff" * 20]))
    if draw(one_in(10)):
        files["essay.md"] = draw(st.binary(max_size=200))
    return files


def write_course(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8", "surrogatepass"))
    return root


def outcome(action) -> int:
    """0 (built), 2 (bad input) or 1 (anything else: a bug)."""
    try:
        action()
    except BuildError:
        return 2
    return 0


# --- the properties ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSEPACK_TAGGER", "off")
    monkeypatch.setenv("COURSEPACK_SEMANTIC", "off")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@given(files=course_folders())
def test_reading_and_planning_never_crash(tmp_path_factory, files) -> None:
    from builder import pipeline

    root = write_course(tmp_path_factory.mktemp("fuzz") / "course", files)
    started = time.process_time()
    outcome(lambda: pipeline.load(root, "course"))
    assert time.process_time() - started < SECONDS


@given(files=course_folders())
@settings(max_examples=max(1, settings().max_examples // 5))
def test_building_the_site_never_crashes(tmp_path_factory, files) -> None:
    from builder import pipeline

    base = tmp_path_factory.mktemp("fuzz")
    root = write_course(base / "course", files)
    started = time.process_time()
    code = outcome(lambda: pipeline.build(root, base / "out", frozenset({"html", "qti"}),
                                          display_dir="course"))
    assert time.process_time() - started < SECONDS * 3
    leftovers = [p.name for p in base.iterdir() if p.name.startswith(".coursepack-")]
    assert leftovers == []
    assert (base / "out").is_dir() == (code == 0)


@given(template=templates)
def test_template_overrides_never_crash(tmp_path_factory, template: str) -> None:
    from builder.render.sandbox import Sandbox
    from builder.render.theme import Where, make_environment, render_page

    root = tmp_path_factory.mktemp("fuzz")
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text(template, encoding="utf-8", errors="replace")
    env = make_environment(root, "course")
    assert isinstance(env, Sandbox)
    context = {"course": {"title": "Rivers", "root": root}, "t": {"objectives": "Goals"},
               "module": {"title": "One"}}
    started = time.process_time()
    outcome(lambda: render_page(env, "page.html", context, Where(root, "course")))
    assert time.process_time() - started < SECONDS
