"""Shared fixtures: a CLI runner, a course-folder factory and a sample course
model built directly from dataclasses (no reading, no generation)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.config import Config
from builder.model import (
    Course,
    Module,
    Objective,
    Question,
    QuizItem,
    Section,
    SourceLocation,
    Term,
)
from builder.package.schemas import find_schemas

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

def pytest_report_header() -> str:
    if SHARED.is_dir():
        return f"shared test material: {SHARED}"
    return (f"shared test material: {SHARED} not found; the tests that need the corpus, the "
            "LMS schemas or the Moodle lab will skip (README: Repository layout)")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


class Recorder:
    """A real Progress implementation that remembers what it was told:
    ``calls`` in order (``(name, total)`` for a task, ``(name, -steps)`` for an
    advance), and ``totals`` and ``done`` per task."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self.totals: dict[str, int] = {}
        self.done: dict[str, int] = {}

    def task(self, name: str, total: int) -> None:
        self.calls.append((name, total))
        self.totals[name] = total

    def advance(self, name: str, steps: int = 1) -> None:
        self.calls.append((name, -steps))
        self.done[name] = self.done.get(name, 0) + steps


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def schemas() -> Path:
    """The official LMS schemas (COURSEPACK_SCHEMAS or ../shared/lms-schemas)."""
    folder, why = find_schemas()
    if folder is None:
        pytest.skip(f"schema validation not possible: {why}")
    return folder

@pytest.fixture
def make_course(tmp_path: Path):
    """Write ``files`` ({relative path: text or bytes}) into a new course folder."""

    def make(files: dict[str, str | bytes], name: str = "course") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make

@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS

@pytest.fixture(autouse=True)
def _fixed_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    if "SOURCE_DATE_EPOCH" not in os.environ:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


@pytest.fixture(autouse=True)
def _no_build_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build in the tests is a clean build (tests/test_cache.py turns the
    cache on), so determinism checks compare two real layouts."""
    monkeypatch.setenv("COURSEPACK_CACHE", "off")


@pytest.fixture
def no_models(monkeypatch: pytest.MonkeyPatch):
    """Builds that test something else than the teaching material: without the
    optional models (and their loaders forgotten before and after)."""
    from builder.pedagogy.semantic import get_embedder
    from builder.pedagogy.tagger import get_tagger

    monkeypatch.setenv("COURSEPACK_TAGGER", "off")
    monkeypatch.setenv("COURSEPACK_SEMANTIC", "off")
    get_tagger.cache_clear()
    get_embedder.cache_clear()
    yield
    get_tagger.cache_clear()
    get_embedder.cache_clear()


def _section(title: str, level: int, anchor: str, line: int, paragraphs: list[str]) -> Section:
    html = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return Section(
        title=title,
        level=level,
        anchor=anchor,
        location=SourceLocation("course/essay.md", line),
        markdown="\n\n".join(paragraphs),
        html=html,
        text="\n\n".join(paragraphs),
        title_html=title,
    )

def sample_course(root: Path | None = None, language: str = "en") -> Course:
    """A small but complete course model: overview + two lesson modules."""
    m1 = Module(
        id="m01-water-cycle",
        title="The Water Cycle",
        kind="lesson",
        reading="essay.md",
        location=SourceLocation("course/essay.md", 5),
        sections=(
            _section("The Water Cycle", 2, "the-water-cycle", 5, [
                "Water evaporates from oceans when the sun heats the surface.",
                "Clouds form when water vapour cools and condenses around dust particles.",
            ]),
            _section("Precipitation", 3, "precipitation", 11, [
                "Rain, snow and hail return water to the ground as precipitation.",
            ]),
        ),
        summary="How water moves between oceans, air and land.",
        objectives=(
            Objective("Describe how evaporation moves water from oceans into the air.",
                      "describe", "understand"),
            Objective("Compare evaporation and condensation as stages of the water cycle.",
                      "compare", "analyze"),
        ),
        discussion=(
            Question("Why does the essay treat condensation as the turning point of the cycle?",
                     "analyze", "Strong answers connect cooling, dust particles and cloud form.",
                     objectives=(1,)),
            Question("How would the cycle change if the sun heated the oceans less?",
                     "evaluate", "Look for reasoning about reduced evaporation.",
                     objectives=(0,)),
        ),
        quiz=(
            QuizItem("multiple_choice", "What heats the ocean surface so that water evaporates?",
                     ("The sun", "The moon", "The wind", "The tides"), 0,
                     "The reading says water evaporates when the sun heats the surface.",
                     objectives=(0,)),
            QuizItem("true_false", "Clouds form when water vapour warms and expands.",
                     ("True", "False"), 1,
                     "False: clouds form when water vapour cools and condenses.",
                     objectives=(1,)),
            QuizItem("fill_blank", "Rain, snow and hail return water to the ground as ____.",
                     (), "precipitation",
                     "The reading names rain, snow and hail as precipitation.",
                     objectives=(0,)),
        ),
        terms=(Term("precipitation", "Rain, snow and hail that return water to the ground."),),
    )
    m2 = Module(
        id="m02-conclusion",
        title="Conclusion",
        kind="synthesis",
        reading="essay.md",
        location=SourceLocation("course/essay.md", 15),
        sections=(
            _section("Conclusion", 2, "conclusion", 15, [
                "The water cycle links the oceans, the air and the land in one system.",
            ]),
        ),
        summary="The cycle as one system.",
        objectives=(
            Objective("Summarize the stages of the water cycle in order.", "summarize",
                      "understand"),
            Objective("Evaluate which stage of the cycle matters most for farmers.", "evaluate",
                      "evaluate"),
        ),
        discussion=(
            Question("To what extent is the water cycle one system rather than three?",
                     "evaluate", "Strong answers name the links between stages.",
                     objectives=(1,)),
            Question("How does the conclusion connect evaporation, condensation and precipitation "
                     "into one system of oceans, air and land?",
                     "analyze", "Look for evaporation, condensation, precipitation.",
                     objectives=(0,)),
        ),
        quiz=(
            QuizItem("true_false", "The water cycle links the oceans, the air and the land.",
                     ("True", "False"), 0,
                     "True: the conclusion says the water cycle links the oceans, the air and "
                     "the land in one system.", objectives=(0,)),
        ),
    )
    return Course(
        title="Water on Earth",
        author="A. Teacher",
        language=language,
        license="CC BY 4.0",
        slug="water-on-earth",
        root=root or Path("/nonexistent/course"),
        config=Config(title="Water on Earth", author="A. Teacher", language=language),
        source_date=1767225600,
        overview=(_section("Introduction", 2, "introduction", 3, [
            "This short essay follows water around the planet.",
        ]),),
        modules=(m1, m2),
        readings=("essay.md",),
    )

@pytest.fixture
def course_model(tmp_path: Path) -> Course:
    return sample_course(tmp_path)
