"""Every package for the example course and every essay of the shared corpus:
built from the real pipeline (read, plan, pedagogy, render) and re-opened by
``check_packages`` with schema validation, the CC profile rules and pyslet
(when installed)."""

from __future__ import annotations

import importlib.util
import shutil
import time
from pathlib import Path

import pytest

from builder.package import check_packages, package
from builder.pipeline import load
from builder.progress import NullProgress
from builder.render import render

from .test_package import _pyslet_results

REPO = Path(__file__).resolve().parent.parent
ALL = frozenset({"scorm12", "scorm2004", "imscc", "qti"})
pytestmark = pytest.mark.slow


def _package_and_check(course_dir: Path, out: Path, schemas: Path) -> float:
    course = load(course_dir, course_dir.name)
    render(course, out, frozenset({"html"}), 1, NullProgress())
    started = time.perf_counter()
    paths = package(course, out, ALL, NullProgress())
    seconds = time.perf_counter() - started
    assert len(paths) == 6
    assert check_packages(out, schemas) == [], course_dir.name
    if importlib.util.find_spec("pyslet") is not None:
        result = _pyslet_results(out / "lms" / f"{course.slug}.imscc")
        assert result.wasSuccessful(), (course_dir.name, result.failures + result.errors)
    return seconds


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_example_course_packages(tmp_path: Path, schemas: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(REPO / "course", course)
    _package_and_check(course, tmp_path / "out", schemas)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_every_corpus_essay_packages(corpus_dir: Path, tmp_path: Path, schemas: Path) -> None:
    essays = sorted(corpus_dir.glob("0*.md"))
    assert essays
    for essay in essays:
        course = tmp_path / essay.stem
        course.mkdir()
        (course / "essay.md").write_text(essay.read_text(encoding="utf-8"), encoding="utf-8")
        if "arabic" in essay.stem:
            (course / "course.toml").write_text('language = "ar"\n')
        _package_and_check(course, tmp_path / f"{essay.stem}-out", schemas)
