"""plan: sections -> modules, on dataclasses built directly."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from builder.config import Config, PlanConfig
from builder.model import CourseSource, Reading, Section, SourceLocation
from builder.plan import plan_course, slugify


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def section(title: str, level: int, n_words: int, line: int = 1) -> Section:
    text = words(n_words)
    return Section(
        title=title,
        level=level,
        anchor=slugify(title) or "s",
        location=SourceLocation("course/essay.md", line),
        markdown=text,
        html=f"<p>{text}</p>",
        text=text,
        title_html=title,
    )


def source(*sections: Section, config: Config | None = None, rel: str = "essay.md") -> CourseSource:
    reading = Reading(
        path=Path("/c") / rel,
        rel=rel,
        title=next((s.title for s in sections if s.level == 1), "Essay"),
        meta={},
        sections=tuple(sections),
        location=SourceLocation(f"course/{rel}", 1),
    )
    return CourseSource(Path("/c"), config or Config(), (reading,), 0)


def test_example_shape_intro_body_conclusion() -> None:
    course = plan_course(
        source(
            section("Peacekeeping", 1, 0, 1),
            section("Introduction", 2, 70, 3),
            section("Role and Contribution", 2, 110, 7),
            section("Networking", 2, 75, 13),
            section("Training and Expertise", 2, 55, 17),
            section("Conclusion", 2, 90, 21),
        )
    )
    assert course.title == "Peacekeeping"
    assert [s.title for s in course.overview] == ["Introduction"]
    assert [m.id for m in course.modules] == [
        "m01-role-and-contribution",
        "m02-networking",
        "m03-training-and-expertise",
        "m04-conclusion",
    ]
    assert [m.kind for m in course.modules] == ["lesson", "lesson", "lesson", "synthesis"]
    assert course.modules[0].location.line == 7


def test_short_section_merges_into_previous_as_subheading() -> None:
    course = plan_course(
        source(
            section("T", 1, 0),
            section("Alpha", 2, 100),
            section("Tiny", 2, 10),
            section("Beta", 2, 100),
        )
    )
    assert [m.title for m in course.modules] == ["Alpha", "Beta"]
    alpha = course.modules[0]
    assert [(s.title, s.level) for s in alpha.sections] == [("Alpha", 2), ("Tiny", 3)]


def test_short_first_section_merges_into_next() -> None:
    course = plan_course(source(section("T", 1, 0), section("Tiny", 2, 5), section("Big", 2, 90)))
    # reading order is kept: the short heading introduces the next section
    assert [m.title for m in course.modules] == ["Tiny"]
    assert [(s.title, s.level) for s in course.modules[0].sections] == [("Tiny", 2), ("Big", 3)]


def test_long_section_splits_at_subheadings() -> None:
    config = Config(plan=PlanConfig(max_words=300))
    course = plan_course(
        source(
            section("T", 1, 0),
            section("Huge", 2, 50),
            section("Part one", 3, 200),
            section("Part two", 3, 200),
            section("Part three", 3, 200),
            section("Next", 2, 100),
            config=config,
        )
    )
    assert [m.title for m in course.modules] == ["Huge", "Part two", "Part three", "Next"]
    assert all(m.words <= 300 for m in course.modules)


def test_no_headings_is_one_module_with_warning(caplog: pytest.LogCaptureFixture) -> None:
    pre = section("", 0, 300)
    with caplog.at_level(logging.WARNING, logger="builder"):
        course = plan_course(source(pre))
    assert len(course.modules) == 1
    assert course.modules[0].title == "Essay"
    assert "no headings" in caplog.text and "course/essay.md:1" in caplog.text


def test_single_top_heading_is_title_and_children_are_modules() -> None:
    # like the virology essay: "## Virology" then "###" sections, no H1
    course = plan_course(
        source(
            section("Virology", 2, 120),
            section("Genome Structure", 3, 200),
            section("Evolution", 3, 200),
        )
    )
    assert course.modules[0].title == "Genome Structure"
    assert [s.text for s in course.overview] == [words(120)]


def test_long_introduction_becomes_a_module() -> None:
    course = plan_course(
        source(section("", 0, 900), section("One", 2, 200), section("Two", 2, 200))
    )
    assert course.overview == ()
    assert [m.title for m in course.modules] == ["Introduction", "One", "Two"]
    assert course.modules[0].sections[0].level == 1


def test_ids_unique_and_ascii() -> None:
    course = plan_course(
        source(section("T", 1, 0), section("Café Über", 2, 60), section("Café Über", 2, 60),
               section("المرحلة الأولى", 2, 60))
    )
    assert [m.id for m in course.modules] == ["m01-cafe-uber", "m02-cafe-uber", "m03-module"]


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Hello, World!", "hello-world"),
        ("An Islamic Nation's Role and Contribution", "an-islamic-nations-role-and-contribution"),
        ("كيف تبدأ", ""),
        ("The Nation\u2019s Role", "the-nations-role"),
        ("The 2019 election", "the-2019-election"),
        ("COVID-19 in 2020", "covid-19-in-2020"),
        ("A" * 60, "a" * 40),
    ],
    ids=["punctuation", "apostrophe", "arabic", "curly-apostrophe", "year", "digits", "long"],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
