"""Plan: the sections of each reading become modules.

A reading's title heading (its only top-level heading, usually the H1) names
the reading; the headings one level below are candidate modules, each with
the deeper sections under it. Back matter goes to the resources page and a
learning-goals section becomes objectives (:mod:`builder.lesson`). An
introduction becomes the course overview (or a module when it is long or
shows code or an exercise), a
conclusion a synthesis module; a section too short to teach from merges into
its neighbour; then the candidates are grouped and split into modules of the
target reading time (:mod:`builder.sizing`). Module ids are ``mNN-slug``:
ASCII, unique, derived from the titles, so they stay the same from one build
to the next. The instructor's material (the lesson's own objectives,
questions and key points, ``coursepack`` blocks, the reviewed ``plan.yaml``)
is attached next, by :mod:`builder.review`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from . import lesson, overrides, sizing
from .errors import BuildError
from .language import language, section_titles
from .model import Course, CourseSource, Module, ModuleKind, Reading, Section

log = logging.getLogger("builder")

INTRO_TITLES = section_titles("introduction")
CONCLUSION_TITLES = section_titles("conclusion")
"""Headings that name an introduction or a conclusion, in every language with a
data file (``templates/strings/language/*.toml``, ``[sections]``)."""
MAX_SLUG = 40
_Candidate = sizing.Candidate


def plan_course(source: CourseSource) -> Course:
    """Group the sections of every reading into modules."""
    config = source.config
    overview: list[Section] = []
    candidates: list[_Candidate] = []
    resources: list[Section] = []
    goals: dict[str, list[dict[str, Any]]] = {}
    for index, reading in enumerate(source.readings):
        kept, aside = lesson.back_matter(list(reading.sections))
        kept, goals[reading.rel] = lesson.learning_goals(kept)
        resources.extend(aside)
        reading = dataclasses.replace(reading, sections=tuple(kept))
        intro, body = _candidates(reading)
        if (intro is not None and index == 0 and intro.words <= config.plan.overview_max_words
                and not _teaches(intro.sections)):
            overview = intro.sections
        elif intro is not None:
            intro.kind = "lesson"
            if not intro.sections[0].title:
                name = language(config.language).introduction
                intro.sections = _retitled(intro.sections, name, 1)
            body.insert(0, intro)
        body = _merge_small(body, config.plan.min_words)
        candidates.extend(sizing.fit(body, config.plan, config.language))
    if not candidates and overview:
        candidates = [_Candidate(source.readings[0], overview)]
        overview = []
    display = source.display_dir or str(source.root)
    shown, wanted = overrides.load(source.root, display)
    modules = _modules(overrides.apply(_ids(candidates), wanted, shown))
    modules = lesson.distribute(modules, list(source.readings), goals)
    first = source.readings[0]
    if not any(s.text or s.html for m in modules for s in m.sections):
        raise BuildError(
            "the essay has headings but no text to teach from", first.location,
            "Write the reading below the title; each '## ' section becomes a module",
        )
    title = config.title or str(first.meta.get("title") or _own_title(first))
    course = Course(
        title=title,
        author=config.author or str(first.meta.get("author") or ""),
        language=config.language,
        license=config.license,
        slug=slugify(title, 60) or "course",
        root=source.root,
        config=config,
        source_date=source.source_date,
        overview=tuple(overview),
        modules=tuple(modules),
        readings=tuple(r.rel for r in source.readings),
        reading_authors=tuple(str(r.meta.get("author") or "") for r in source.readings),
        resources=tuple(resources),
    )
    return course


def _teaches(sections: Sequence[Section]) -> bool:
    """Whether an introduction is lesson text rather than an overview: it shows
    code or sets an exercise (a tutorial that starts teaching before its first
    heading), so it belongs in a module, where it gets objectives and checks."""
    return any(s.exercises or "<pre" in s.html for s in sections)


def _own_title(reading: Reading) -> str:
    """The reading's title: its H1, or the single heading at the top of a
    reading without one ("## Virology" above "###" sections)."""
    headed = [s for s in reading.sections if s.level > 0]
    top = min((s.level for s in headed), default=0)
    if top > 1 and headed[0].level == top and sum(s.level == top for s in headed) == 1:
        return headed[0].title
    return reading.title


def _candidates(reading: Reading) -> tuple[_Candidate | None, list[_Candidate]]:
    """The reading's introduction (if any) and its candidate modules."""
    sections = list(reading.sections)
    preamble = [s for s in sections if s.level == 0]
    headed = [s for s in sections if s.level > 0]
    top = min((s.level for s in headed), default=0)
    if headed and headed[0].level == top and sum(s.level == top for s in headed) == 1:
        title_section = headed.pop(0)  # the reading's own title heading
        if not reading.meta.get("title"):
            reading = dataclasses.replace(reading, title=_own_title(reading))
        if title_section.text.strip():
            preamble.append(dataclasses.replace(title_section, title="", level=0))
        top = min((s.level for s in headed), default=0)
    groups = _group(headed, top)
    if not groups:  # no headings below the title: sizing cuts it between paragraphs
        if preamble:
            return None, [_Candidate(reading, _retitled(preamble, reading.title, 1))]
        return None, []
    intro = _Candidate(reading, preamble, "intro") if preamble else None
    if INTRO_TITLES.match(groups[0][0].title) or lesson.is_goals(groups[0][0]):
        intro = _Candidate(reading, preamble + groups.pop(0), "intro")
    body = [_Candidate(reading, group) for group in groups]
    if body and len(body) > 1 and CONCLUSION_TITLES.match(body[-1].sections[0].title):
        body[-1].kind = "synthesis"
    return intro, body


def _group(headed: list[Section], top: int) -> list[list[Section]]:
    """Each section at level ``top`` with the deeper sections after it."""
    groups: list[list[Section]] = []
    for section in headed:
        if section.level == top or not groups:
            groups.append([section])
        else:
            groups[-1].append(section)
    return groups


def _retitled(sections: list[Section], title: str, level: int) -> list[Section]:
    """Sections without a heading of their own, given the module's title."""
    first = dataclasses.replace(sections[0], title=title, title_html="", level=level)
    return [first, *sections[1:]]


def _merge_small(candidates: list[_Candidate], min_words: int) -> list[_Candidate]:
    """Merge candidates too short to teach from into a neighbour: the one
    before, or the next when there is none before."""
    merged: list[_Candidate] = []
    pending: list[Section] = []
    for candidate in candidates:
        if candidate.words < min_words and merged:
            merged[-1].sections.extend(candidate.sections)
            continue
        if candidate.words < min_words and len(candidates) > 1:
            pending.extend(candidate.sections)
            continue
        if pending:
            candidate.sections[:0] = pending
            pending = []
        merged.append(candidate)
    if pending:  # everything was short: keep it as one module
        merged.append(_Candidate(candidates[0].reading, pending, candidates[0].kind))
    return merged


def _ids(candidates: Sequence[_Candidate]) -> list[tuple[str, _Candidate]]:
    """``mNN-slug`` for each candidate: ASCII, unique, from its title."""
    used: set[str] = set()
    return [(_unique(f"m{number:02d}-{slugify(c.title) or 'module'}", used), c)
            for number, c in enumerate(candidates, start=1)]


def _modules(planned: Sequence[tuple[str, _Candidate]]) -> list[Module]:
    modules: list[Module] = []
    for module_id, candidate in planned:
        sections = _levelled(candidate.sections, candidate.title)
        kind: ModuleKind = "synthesis" if candidate.kind == "synthesis" else "lesson"
        modules.append(
            Module(
                id=module_id,
                title=candidate.title,
                kind=kind,
                reading=candidate.reading.rel,
                location=sections[0].location,
                sections=tuple(sections),
            )
        )
    return modules


def _levelled(sections: list[Section], title: str) -> list[Section]:
    """Make ``sections[0]`` the module heading and every other section
    deeper than it (a merged sibling becomes a sub-heading)."""
    first = sections[0]
    if not first.title:
        first = dataclasses.replace(first, title=title, level=max(first.level, 1))
    result = [first]
    for section in sections[1:]:
        level = section.level if section.level > first.level else first.level + 1
        if not section.title:
            level = 0  # a part of a section: no heading of its own
        result.append(dataclasses.replace(section, level=min(level, 6)))
    return result


def _unique(candidate: str, used: set[str]) -> str:
    name, number = candidate, 2
    while name in used:
        name = f"{candidate}-{number}"
        number += 1
    used.add(name)
    return name


def slugify(text: str, limit: int = MAX_SLUG) -> str:
    """An ASCII slug: lower case, [a-z0-9-], cut at a word boundary."""
    text = re.sub("['\u2019]", "", text)  # apostrophes: "nation's" -> "nations"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        extended = f"{slug}-{word}" if slug else word
        if len(extended) > limit:
            break
        slug = extended
    return slug or (words[0][:limit] if words else "")


def module_table(course: Course) -> str:
    """The modules as ``coursepack plan`` prints them: id, title, sections,
    words and reading minutes, one line each."""
    rows = [("id", "title", "sections", "words", "minutes")]
    rows += [(m.id, _cut(m.title, 48), str(len(m.sections)), str(m.words),
              str(m.reading_minutes)) for m in course.modules]
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    return "\n".join(f"{r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]:>8}  {r[3]:>6}  {r[4]:>7}"
                     .rstrip() for r in rows)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
