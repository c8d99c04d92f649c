"""plan: sections -> modules, on dataclasses built directly."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest

from builder import review, sizing
from builder.config import Config, PlanConfig
from builder.markup import plain_text
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


EVERY = Config(plan=PlanConfig(min_minutes=0))
"""Every section a module of its own (no grouping by reading time)."""


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
            config=EVERY,
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
            config=EVERY,
        )
    )
    assert [m.title for m in course.modules] == ["Alpha", "Beta"]
    alpha = course.modules[0]
    assert [(s.title, s.level) for s in alpha.sections] == [("Alpha", 2), ("Tiny", 3)]


def test_short_first_section_merges_into_next() -> None:
    course = plan_course(source(section("T", 1, 0), section("Tiny", 2, 5), section("Big", 2, 90),
                                config=EVERY))
    # reading order is kept: the short heading introduces the next section
    assert [m.title for m in course.modules] == ["Tiny"]
    assert [(s.title, s.level) for s in course.modules[0].sections] == [("Tiny", 2), ("Big", 3)]


def test_long_section_splits_at_subheadings() -> None:
    config = Config(plan=PlanConfig(min_minutes=0, max_minutes=2))  # 400 words
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
    assert [m.title for m in course.modules] == ["Huge", "Part two and Part three", "Next"]
    assert all(m.words <= 400 for m in course.modules)


def test_no_headings_is_one_module_when_short() -> None:
    course = plan_course(source(section("", 0, 300)))
    assert len(course.modules) == 1
    assert course.modules[0].title == "Essay"


def test_single_top_heading_is_title_and_children_are_modules() -> None:
    # like the virology essay: "## Virology" then "###" sections, no H1
    course = plan_course(
        source(
            section("Virology", 2, 120),
            section("Genome Structure", 3, 200),
            section("Evolution", 3, 200),
            config=EVERY,
        )
    )
    assert course.modules[0].title == "Genome Structure"
    assert [s.text for s in course.overview] == [words(120)]


def test_long_introduction_becomes_a_module() -> None:
    course = plan_course(
        source(section("", 0, 900), section("One", 2, 200), section("Two", 2, 200), config=EVERY)
    )
    assert course.overview == ()
    assert [m.title for m in course.modules] == ["Introduction", "One", "Two"]
    assert course.modules[0].sections[0].level == 1


def test_introduction_that_shows_code_is_lesson_text() -> None:
    # a tutorial that starts teaching before its first heading: short, but it
    # runs a command, so it is a module's text and not the course overview
    intro = section("", 0, 120)
    intro = dataclasses.replace(intro, html=intro.html + "<pre><code>$ wc *.pdb</code></pre>")
    course = plan_course(
        source(intro, section("One", 2, 200), section("Two", 2, 200), config=EVERY)
    )
    assert course.overview == ()
    assert course.modules[0].sections[0].text == words(120)
    # the same introduction without the code stays the overview
    course = plan_course(
        source(section("", 0, 120), section("One", 2, 200), section("Two", 2, 200), config=EVERY)
    )
    assert [s.text for s in course.overview] == [words(120)]


def test_ids_unique_and_ascii() -> None:
    course = plan_course(
        source(section("T", 1, 0), section("Café Über", 2, 60), section("Café Über", 2, 60),
               section("المرحلة الأولى", 2, 60), config=EVERY)
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


# --- modules sized by reading time (issue 13) ---


def prose(title: str, level: int, paragraphs: list[str], line: int = 1) -> Section:
    html = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return Section(
        title=title, level=level, anchor=slugify(title) or "s",
        location=SourceLocation("course/essay.md", line), markdown="\n\n".join(paragraphs),
        html=html, text="\n\n".join(paragraphs), title_html=title,
    )


def test_short_sections_group_into_modules_of_the_target_time() -> None:
    names = [f"Topic {n}" for n in "ABCDEFGH"]
    course = plan_course(source(section("Book", 1, 0),
                                *(section(n, 2, 300, i) for i, n in enumerate(names, 2))))
    # 2,400 words = 12 minutes, about 5 minutes a module: two of 1,200 words
    assert [m.words for m in course.modules] == [1200, 1200]
    assert [m.title for m in course.modules] == [
        "Topic A, Topic B, Topic C and Topic D", "Topic E, Topic F, Topic G and Topic H"]
    assert [[s.title for s in m.sections][1:] for m in course.modules] == [names[1:4], names[5:]]
    assert all(3 <= m.words / 200 <= 25 for m in course.modules)


def test_a_short_reading_is_one_module_with_its_title() -> None:
    course = plan_course(source(section("Virology", 2, 120), section("Genome", 3, 300),
                                section("Evolution", 3, 300)))
    assert [(m.id, m.title) for m in course.modules] == [("m01-virology", "Virology")]
    assert [s.title for s in course.modules[0].sections] == ["Genome", "Evolution"]


RIVER = ("The river carries water and sand from the hills down to the valley floor, where the "
         "river slows and the sand of the river settles on its banks. ") * 7
BREAD = ("The baker mixes flour, yeast and water into a dough; the dough rises in the warm "
         "kitchen and the baker shapes the bread before baking the loaves. ") * 7


def test_a_long_section_without_subheadings_splits_where_the_topic_shifts() -> None:
    paragraphs = [RIVER] * 4 + [BREAD] * 4
    config = Config(plan=PlanConfig(min_minutes=2, target_minutes=4))
    course = plan_course(source(prose("Essay", 1, paragraphs), config=config))
    first, second = course.modules
    assert [s.text for s in first.sections] == [RIVER.strip()] * 4
    assert [s.text for s in second.sections] == [BREAD.strip()] * 4
    # each part is titled by its own opening clause
    assert first.title == "Essay: The river carries water and sand from the hills…"
    assert second.title == "Essay: The baker mixes flour"
    assert second.sections[0].level == 1 and second.sections[0].title == second.title
    assert [s.level for s in second.sections[1:]] == [0, 0, 0]


def test_a_split_never_separates_a_lead_in_from_its_code() -> None:
    section = Section(
        title="Howto", level=1, anchor="howto", location=SourceLocation("course/e.md", 1),
        markdown="", text="",
        html=(f"<p>{RIVER}</p><p>{RIVER}</p><p>{RIVER} Run this:</p><pre><code>ls</code></pre>"
              f"<p>{BREAD}</p><p>{BREAD}</p>"),
    )
    section = dataclasses.replace(section, text=plain_text(section.html))
    config = Config(plan=PlanConfig(min_minutes=1, target_minutes=2))
    course = plan_course(source(section, config=config))
    assert len(course.modules) == 2
    (lead_in,) = [m for m in course.modules if "Run this:" in m.text]
    assert "<pre><code>ls</code></pre>" in "".join(s.html for s in lead_in.sections)
    assert all(BREAD.strip() not in lead_in.text for lead_in in course.modules[:1])


def test_parts_keep_the_footnotes_they_cite() -> None:
    html = (f'<p>{RIVER}<sup id="fnref-1-a-1"><a class="footnote-ref" href="#fn-1-a-1">1</a>'
            f'</sup></p><p>{RIVER}</p><p>{BREAD}<sup id="fnref-1-a-2"><a class="footnote-ref" '
            f'href="#fn-1-a-2">2</a></sup></p><p>{BREAD}</p>'
            '<div class="footnote"><hr><ol><li id="fn-1-a-1"><p>River note.</p></li>'
            '<li id="fn-1-a-2"><p>Bread note.</p></li></ol></div>')
    section = Section(title="Essay", level=1, anchor="a", location=SourceLocation("e.md", 1),
                      markdown="", html=html, text=plain_text(html))
    config = Config(plan=PlanConfig(min_minutes=1, target_minutes=1))
    course = plan_course(source(section, config=config))
    htmls = ["".join(s.html for s in m.sections) for m in course.modules]
    river = next(h for h in htmls if "fn-1-a-1" in h)
    bread = next(h for h in htmls if "fn-1-a-2" in h)
    assert river != bread
    assert "River note." in river and "Bread note." not in river
    assert 'value="2"' in bread and "Bread note." in bread


@pytest.mark.parametrize("title", [
    "Credits", "References", "Bibliography", "Acknowledgements", "Further reading",
    "More Resources on CRS", "Notes", "Licence", "License", "Referencias", "Bibliografía",
    "Notas", "Para saber más", "Remerciements", "Pour aller plus loin", "Références",
    "المراجع", "مصادر", "Sources",
])
def test_back_matter_goes_to_the_resources_page(title: str) -> None:
    course = plan_course(source(
        section("Essay", 1, 0), section("Rivers", 2, 900, 3),
        section(title, 2, 60, 9), section("Detail", 3, 20, 11),
    ))
    assert [m.title for m in course.modules] == ["Rivers"]
    assert [s.title for s in course.resources] == [title, "Detail"]


def test_learning_goals_list_becomes_authored_objectives() -> None:
    goals = Section(
        title="Objectifs de la leçon", level=2, anchor="objectifs",
        location=SourceLocation("course/essay.md", 3), markdown="",
        html="<p>À la fin :</p><ul><li>Explain how a river carries sand.</li>"
             "<li>Describe how bread rises.</li></ul>",
        text="À la fin :\n\nExplain how a river carries sand.\n\nDescribe how bread rises.",
    )
    course = review.apply(plan_course(source(
        section("Essay", 1, 0), goals, prose("Rivers", 2, [RIVER] * 3, 9),
        prose("Bread", 2, [BREAD] * 3, 20), config=EVERY,
    )), None)
    assert [m.title for m in course.modules] == ["Rivers", "Bread"]
    (river,), (bread,) = (m.sections[0].authored for m in course.modules)
    assert [o["text"] for o in river["objectives"]] == ["Explain how a river carries sand."]
    assert [o["text"] for o in bread["objectives"]] == ["Describe how bread rises."]
    assert [o.origin for o in course.modules[0].objectives] == ["authored"]
    assert course.modules[0].objectives[0].location == SourceLocation("course/essay.md", 3)


def test_lesson_blocks_become_material_of_the_module_they_are_about() -> None:
    lesson = (
        {"kind": "objectives", "text": "Explain where a river drops its sand.", "__line__": 4},
        {"kind": "discussion", "text": "Why does the dough rise?", "__line__": 8},
        {"kind": "summary", "text": "A river drops sand where it slows", "__line__": 30},
        {"kind": "summary", "text": "Yeast makes the dough rise.", "__line__": 31},
        {"kind": "objectives", "text": "Name three planets.", "__line__": 5},
    )
    reading = Reading(Path("/c/essay.md"), "essay.md", "Essay", {}, (
        section("Essay", 1, 0), prose("Rivers", 2, [RIVER] * 3, 9),
        prose("Bread", 2, [BREAD] * 3, 20)), SourceLocation("course/essay.md", 1), lesson)
    course = review.apply(plan_course(CourseSource(Path("/c"), EVERY, (reading,), 0)), None)
    rivers, bread = course.modules
    assert [o.text for o in rivers.objectives] == [
        "Explain where a river drops its sand.", "Name three planets."]  # no match: first
    assert [q.text for q in bread.discussion] == ["Why does the dough rise?"]
    assert rivers.summary == "A river drops sand where it slows."
    assert bread.summary == "Yeast makes the dough rise."
    assert all(o.origin == "authored" for o in rivers.objectives)


def test_a_key_point_on_commands_goes_to_the_module_that_introduces_them() -> None:
    """Round10 08: '`sort` sorts its inputs' went to the module that uses sort most
    (by shared words), not to the one that introduces it; a key point naming
    commands in code goes where they first appear in code."""
    first = dataclasses.replace(prose("Counting", 2, [RIVER] * 3, 9), html=(
        "<p>" + RIVER + "</p><pre><code>$ sort -n lengths.txt\n$ head -n 1 x</code></pre>"))
    later = "The sort and head commands sort lines and show the first lines of a file. " * 8
    second = dataclasses.replace(prose("Pipes", 2, [later] * 3, 20), html=(
        "<p>" + later + "</p><p><code>sort -n x | head -n 1</code></p>"))
    lesson = (
        {"kind": "summary", "text": "sort sorts its inputs.", "code": ["sort"], "__line__": 30},
        {"kind": "summary", "text": "head shows the first lines of its input.",
         "code": ["head"], "__line__": 31},
        {"kind": "summary", "text": "[first] | [second] is a pipeline of sort and head.",
         "code": ["[first] | [second]"], "__line__": 32},
        {"kind": "summary", "text": "sort and head sort and show lines.", "__line__": 33},
    )
    reading = Reading(Path("/c/essay.md"), "essay.md", "Essay", {}, (
        section("Essay", 1, 0), first, second), SourceLocation("course/essay.md", 1), lesson)
    course = review.apply(plan_course(CourseSource(Path("/c"), EVERY, (reading,), 0)), None)
    counting, pipes = course.modules
    assert counting.summary == "sort sorts its inputs. head shows the first lines of its input."
    # '|' first appears in the second module's code; without code, shared words decide
    assert pipes.summary == ("[first] | [second] is a pipeline of sort and head. "
                             "sort and head sort and show lines.")


def test_the_instructor_merges_splits_and_retitles_in_plan_yaml(make_course, caplog) -> None:
    from builder.plan import module_table
    from builder.read import read_course

    body = " ".join(["The river carries sand down to the sea every day."] * 30)
    essay = "# Rivers\n\n" + "".join(f"## {t}\n\n{body}\n\n" for t in ("One", "Two", "Three"))
    essay += "### Three b\n\n" + body + "\n"
    plan_yaml = (
        "modules:\n- id: m01-one\n  merge: next\n- id: m03-three\n  title: Deltas\n"
        "  split_before: [Three b, Nowhere]\n"
    )
    root = make_course({"essay.md": essay, "plan.yaml": plan_yaml,
                        "course.toml": "[plan]\nmin_minutes = 0\n"})
    with caplog.at_level(logging.WARNING, logger="builder"):
        course = plan_course(read_course(root, "course"))
    assert [(m.id, m.title) for m in course.modules] == [
        ("m01-one", "One"), ("m03-three", "Deltas"), ("m03-three-2", "Three b")]
    assert [s.title for s in course.modules[0].sections] == ["One", "Two"]
    assert "course/plan.yaml:4: split_before 'Nowhere': the module has no section" in caplog.text
    table = module_table(course).splitlines()
    assert table[0].split() == ["id", "title", "sections", "words", "minutes"]
    assert table[1].split() == ["m01-one", "One", "2", "600", "3"]


def _partition_every_start(units: list, count: int, size: float, low: int,
                           high: int) -> list[list[int]]:
    """The module cuts as the plain dynamic programme finds them: every start
    tried for every group end (what sizing._partition must match)."""
    n = len(units)
    prefix = [0]
    for unit in units:
        prefix.append(prefix[-1] + unit.words)

    def group_cost(i: int, j: int) -> float:
        words = prefix[j] - prefix[i]
        cost = sizing.BALANCE * ((words - size) / size) ** 2
        if words > high:
            cost += 10.0 + (words - high) / high
        elif words < low and count > 1:
            cost += 2.0 * (low - words) / low
        return cost

    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for g in range(1, count + 1):
        for j in range(g, n - (count - g) + 1):
            for i in range(g - 1, j):
                if best[g - 1][i] == inf:
                    continue
                value = best[g - 1][i] + group_cost(i, j) + (units[i].cost if i > 0 else 0.0)
                if value < best[g][j]:
                    best[g][j], back[g][j] = value, i
    cuts, j = [], n
    for g in range(count, 0, -1):
        i = back[g][j]
        cuts.append(list(range(i, j)))
        j = i
    return cuts[::-1]


def test_partition_search_that_skips_long_groups_finds_the_same_cuts() -> None:
    import random
    from types import SimpleNamespace

    rng = random.Random(7)
    for _ in range(400):
        n = rng.randint(1, 30)
        units = [SimpleNamespace(
            words=rng.choice([rng.randint(0, 50), rng.randint(50, 800), rng.randint(800, 5000)]),
            cost=rng.choice([rng.uniform(0.5, 1.0), rng.uniform(-1.0, 2.0), 0.0]))
            for _ in range(n)]
        count = rng.randint(1, n)
        size = max(1.0, sum(u.words for u in units) / count * rng.uniform(0.5, 1.5))
        low = rng.choice([0, int(size * 0.5), int(size * 1.2)])
        high = max(1, int(size * rng.uniform(1.0, 2.5)))
        assert sizing._partition(units, count, size, low, high) == _partition_every_start(
            units, count, size, low, high)
