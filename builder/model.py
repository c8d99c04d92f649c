"""The course model: frozen dataclasses shared by every stage.

Data flows one way: ``read`` makes a :class:`CourseSource`, ``plan`` turns its
sections into :class:`Module` objects, ``pedagogy`` fills in objectives,
questions, quiz items and terms, and ``render``/``package`` write files from the
finished :class:`Course`. Nothing here touches the disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from .config import Config
from .language import Language, language
from .places import place

Bloom = Literal["remember", "understand", "apply", "analyze", "evaluate", "create"]
BLOOM_LEVELS: tuple[Bloom, ...] = (
    "remember",
    "understand",
    "apply",
    "analyze",
    "evaluate",
    "create",
)
Origin = Literal["generated", "authored"]
QuizKind = Literal["multiple_choice", "true_false", "fill_blank"]
ModuleKind = Literal["lesson", "synthesis"]

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})


@dataclass(frozen=True)
class SourceLocation:
    """A line in a source file. ``path`` is for people (as the user named the
    course folder, e.g. ``course/essay.md``); ``line`` is 1-based. A reading
    imported from Word, a web page, ... prints as ``path: paragraph N``
    (:mod:`builder.places`)."""

    path: str
    line: int

    def __str__(self) -> str:
        return place(self.path, self.line)


@dataclass(frozen=True)
class Asset:
    """A local file (image, ...) that a section references and that the
    outputs must carry. ``source`` is absolute and inside the course folder;
    ``target`` is the ASCII-safe path relative to the site root
    (``assets/<name>``) that the section's HTML already points at."""

    source: Path
    target: str


@dataclass(frozen=True)
class Exercise:
    """A challenge of the reading (a Carpentries ``challenge`` block): the
    reading shows it as a box; its solution is for the instructor guide."""

    title: str
    solution_html: str
    location: SourceLocation


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, up to the next heading of any level.

    ``level`` is the Markdown heading level (1-6), or 0 for the text before
    the first heading of a reading. ``html`` is the sanitized body without the
    heading; ``text`` its plain text (for word counts and pedagogy)."""

    title: str
    level: int
    anchor: str
    location: SourceLocation
    markdown: str
    html: str
    text: str
    title_html: str = ""
    assets: tuple[Asset, ...] = ()
    authored: tuple[dict[str, Any], ...] = ()
    """Teaching material the author wrote in ``coursepack`` blocks in this
    section, as parsed YAML (every mapping carries its ``__line__``)."""
    exercises: tuple[Exercise, ...] = ()
    """The challenges in this section, with their solutions."""
    markdown_line: int = 0
    """The source line of ``markdown``'s first line (0: not known)."""

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Reading:
    """One Markdown file of the course."""

    path: Path
    rel: str
    title: str
    meta: dict[str, Any]
    sections: tuple[Section, ...]
    location: SourceLocation
    lesson: tuple[dict[str, Any], ...] = ()
    """The lesson's own material for the whole reading (Carpentries
    ``objectives``, ``questions`` and ``keypoints`` blocks): one mapping per
    item, ``kind`` (objectives, discussion or summary), ``text`` and
    ``__line__``. The planner gives each item to the module it is about."""


@dataclass(frozen=True)
class CourseSource:
    """Everything ``read`` found in a course folder."""

    root: Path
    config: Config
    readings: tuple[Reading, ...]
    source_date: int
    """Seconds since the epoch for dates in outputs: SOURCE_DATE_EPOCH if set,
    else the newest modification time of the sources."""
    display_dir: str = ""
    """The course folder as the user named it, for messages."""


@dataclass(frozen=True)
class Objective:
    """A learning objective: ``Explain why ...``."""

    text: str
    verb: str
    """The measurable verb it starts with, lower case (``explain``)."""
    bloom: Bloom
    origin: Origin = "generated"
    location: SourceLocation | None = None
    """Where an authored objective was written; None for generated ones."""


@dataclass(frozen=True)
class Question:
    """A discussion question; ``note`` is the facilitation note for the
    instructor guide (what a strong answer would consider)."""

    text: str
    bloom: Bloom
    note: str = ""
    origin: Origin = "generated"
    objectives: tuple[int, ...] = ()
    location: SourceLocation | None = None


@dataclass(frozen=True)
class QuizItem:
    """A knowledge-check item. ``answer`` is the index of the key in
    ``choices`` (multiple choice, true/false: choices are localized
    True/False) or the expected text (fill in the blank).

    ``accept`` (fill in the blank only) lists the other answers that count
    as right besides ``answer``: other forms of the same words ("active
    contributor" for "active contributors", "long term" for "long-term"),
    never another meaning. Case, spacing, a leading article, curly quotes
    and a final full stop are ignored everywhere and are not listed here."""

    kind: QuizKind
    stem: str
    choices: tuple[str, ...]
    answer: int | str
    feedback: str
    origin: Origin = "generated"
    objectives: tuple[int, ...] = ()
    location: SourceLocation | None = None
    accept: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """A key term of a module, with its definition (the glossary)."""

    term: str
    definition: str
    location: SourceLocation | None = None
    origin: Origin = "generated"


@dataclass(frozen=True)
class Material:
    """The teaching material of one module: what a backend generates, what a
    ``coursepack`` block or ``plan.yaml`` holds. ``objectives`` of questions
    and quiz items are indexes into ``objectives``."""

    summary: str = ""
    objectives: tuple[Objective, ...] = ()
    discussion: tuple[Question, ...] = ()
    quiz: tuple[QuizItem, ...] = ()
    terms: tuple[Term, ...] = ()
    notes: tuple[str, ...] = ()


Assessing = TypeVar("Assessing", Question, QuizItem)


def kept_objectives(count: int, gone: Collection[int]) -> dict[int, int]:
    """Old -> new objective numbers once the objectives at ``gone`` (of
    ``count``) are left out: ``kept_objectives(4, {1})`` -> {0: 0, 2: 1, 3: 2}."""
    kept = [i for i in range(count) if i not in gone]
    return {old: new for new, old in enumerate(kept)}


def renumbered(items: Iterable[Assessing], numbers: Mapping[int, int]) -> tuple[Assessing, ...]:
    """``items`` pointing at their objectives' new numbers; a reference to an
    objective ``numbers`` leaves out goes. The one place objective references
    are renumbered."""
    return tuple(
        dataclasses.replace(i, objectives=tuple(numbers[n] for n in i.objectives if n in numbers))
        for i in items
    )


@dataclass(frozen=True, kw_only=True)
class Module(Material):
    """A lesson: one or more sections of a reading, with its teaching
    material (the fields of :class:`Material`; its ``notes`` are messages for
    the instructor, e.g. what was not generated and why). ``sections[0]`` is
    the module's own heading section."""

    id: str
    title: str
    kind: ModuleKind
    reading: str
    location: SourceLocation
    sections: tuple[Section, ...]
    reviewed: bool = False
    """The material comes from plan.yaml, reviewed by the instructor, and the
    module has not changed since: pedagogy keeps it exactly as it is."""
    dropped: frozenset[str] = frozenset()
    """What the instructor dropped in plan.yaml (``drop: true``): the items'
    ``generated`` fingerprints and ``"<kind>:<normalized text>"`` keys. A
    regenerated item matching one of them is left out (see
    :func:`builder.review.without_dropped`)."""

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections if s.text)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 200))

    @property
    def assets(self) -> tuple[Asset, ...]:
        return tuple(a for s in self.sections for a in s.assets)

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return tuple(e for s in self.sections for e in s.exercises)


@dataclass(frozen=True)
class Course:
    """The finished course model that render and package write out."""

    title: str
    author: str
    language: str
    license: str
    slug: str
    root: Path
    config: Config
    source_date: int
    overview: tuple[Section, ...] = ()
    modules: tuple[Module, ...] = ()
    readings: tuple[str, ...] = field(default=())
    resources: tuple[Section, ...] = ()
    """Back matter of the readings (credits, references, notes, licence,
    further reading): the resources page, never a module."""
    reading_authors: tuple[str, ...] = ()
    """Each reading's own ``author`` (front matter), in the order of
    :attr:`readings`; "" where its front matter names none."""

    def author_of(self, reading: str) -> str:
        """Who wrote ``reading`` (one of :attr:`readings`): the author its front
        matter names; failing that, the course's author when the course has this
        one reading only (in a course of several, the course's author may be the
        instructor or an editor). "" when not known: the text is never guessed from."""
        if reading in self.readings and len(self.reading_authors) == len(self.readings):
            own = self.reading_authors[self.readings.index(reading)].strip()
            if own:
                return own
        return self.author if len(self.readings) <= 1 else ""

    @property
    def lang(self) -> Language:
        """The course language, as its data files describe it (:mod:`builder.language`)."""
        return language(self.language)

    @property
    def direction(self) -> Literal["ltr", "rtl"]:
        return self.lang.direction

    @property
    def words(self) -> int:
        return sum(s.words for s in self.overview) + sum(m.words for m in self.modules)

    @property
    def assets(self) -> tuple[Asset, ...]:
        seen: dict[str, Asset] = {}
        for section in self.overview:
            for a in section.assets:
                seen.setdefault(a.target, a)
        for module in self.modules:
            for a in module.assets:
                seen.setdefault(a.target, a)
        return tuple(seen[k] for k in sorted(seen))
