"""The build cache: a rebuild from the cache is byte-identical to a clean
build, skips the pedagogy stage and the PDF layout, and notices every change
(essay, image, configuration) and every damaged entry."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from builder import cache
from builder.pipeline import build
from tests.test_render_html import tiny_png

ESSAY = """# Rivers

A short course about rivers and the cities along them.

## How rivers shape valleys

Rivers carry water from the hills to the sea. Over thousands of years a river
cuts into the rock and deepens its valley. The water carries sand and stones,
and where the river slows down on flat land it drops them. Floods spread the
sand over the plain and make the soil rich, so farmers settle there.

![A river valley](valley.png)

## Rivers and cities

Many old cities grew where a river could be crossed. A bridge or a ford
brought traders together, and markets grew beside the crossing. Boats carried
goods along the river, and the city taxed the trade that passed. Ports grew
where the river meets the sea and where ships could shelter from storms.
"""
FORMATS = frozenset({"html", "pdf", "qti"})


@pytest.fixture()
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COURSEPACK_CACHE", "on")
    monkeypatch.setenv("COURSEPACK_TAGGER", "off")
    monkeypatch.setenv("COURSEPACK_SEMANTIC", "off")
    cache.generator.cache_clear()
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "essay.md").write_text(ESSAY, encoding="utf-8")
    (folder / "valley.png").write_bytes(tiny_png())
    return folder


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def test_a_cached_build_is_byte_identical_to_a_clean_one(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = build(course, tmp_path / "first", FORMATS, 1)
    assert (course / cache.FOLDER / "pedagogy").is_dir()
    assert (course / cache.FOLDER / "pdf").is_dir()
    with caplog.at_level(logging.INFO, logger="builder"):
        again = build(course, tmp_path / "again", FORMATS, 1)
    assert "(from the build cache)" in caplog.text
    assert again.stage_seconds.get("weasyprint", 0.0) < first.stage_seconds["weasyprint"] / 5
    monkeypatch.setenv("COURSEPACK_CACHE", "off")
    build(course, tmp_path / "clean", FORMATS, 1)
    clean = files(tmp_path / "clean")
    assert files(tmp_path / "first") == clean
    assert files(tmp_path / "again") == clean


@pytest.mark.parametrize("change", ["essay", "image", "config"])
def test_a_change_is_never_served_stale(course: Path, tmp_path: Path, change: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    build(course, tmp_path / "before", FORMATS, 1)
    if change == "essay":
        essay = course / "essay.md"
        essay.write_text(essay.read_text(encoding="utf-8").replace(
            "Many old cities", "Many ancient cities"), encoding="utf-8")
    elif change == "image":
        (course / "valley.png").write_bytes(tiny_png((200, 30, 30)))
    else:
        (course / "course.toml").write_text('[pdf]\npage_size = "Letter"\n', encoding="utf-8")
    build(course, tmp_path / "cached", FORMATS, 1)
    monkeypatch.setenv("COURSEPACK_CACHE", "off")
    build(course, tmp_path / "clean", FORMATS, 1)
    assert files(tmp_path / "cached") == files(tmp_path / "clean")
    assert files(tmp_path / "cached") != files(tmp_path / "before")


def test_damaged_entries_are_ignored(course: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    build(course, tmp_path / "first", FORMATS, 1)
    for entry in (course / cache.FOLDER).rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[:-7] + b"garbage")
    build(course, tmp_path / "again", FORMATS, 1)
    monkeypatch.setenv("COURSEPACK_CACHE", "off")
    build(course, tmp_path / "clean", FORMATS, 1)
    assert files(tmp_path / "again") == files(tmp_path / "clean")


def test_canonical_form_is_stable_for_sets_and_paths() -> None:
    assert cache.canonical({"b": frozenset({"y", "x"}), "a": Path("/p")}) == \
        cache.canonical({"a": Path("/p"), "b": frozenset({"x", "y"})})


def test_stored_vectors_come_back_bit_for_bit() -> None:
    np = pytest.importorskip("numpy")
    vectors = {"a river": np.arange(4, dtype=np.float64) / 3, "line\nbreak \u2028": np.ones(4)}
    back = cache._unpack_vectors(cache._pack_vectors(vectors))
    assert list(back) == list(vectors)
    assert all(back[t].tobytes() == v.tobytes() and back[t].dtype == v.dtype
               for t, v in vectors.items())
    assert cache._unpack_vectors(b"not json\n") == {}
    assert cache._unpack_vectors(cache._pack_vectors(vectors)[:-3]) == {}


def test_an_edit_with_the_models_on_reuses_vectors_and_stays_clean(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A one-module edit with the similarity model on: the vectors of the text that
    did not change come from the cache, and the build is byte-identical to a clean one."""
    from builder.pedagogy import semantic

    monkeypatch.delenv("COURSEPACK_SEMANTIC")
    semantic.get_embedder.cache_clear()
    try:
        if semantic.get_embedder() is None:
            pytest.skip("the similarity model is not installed (coursepack[nlp])")
        cache.generator.cache_clear()
        build(course, tmp_path / "before", FORMATS, 1)
        stored = cache._unpack_vectors(
            (course / cache.FOLDER / cache.VECTORS / cache.key(cache.VECTORS)).read_bytes()
            .partition(b"\n")[2])
        assert "Rivers carry water from the hills to the sea." in stored
        essay = course / "essay.md"
        essay.write_text(essay.read_text(encoding="utf-8").replace(
            "Many old cities", "Many ancient cities"), encoding="utf-8")
        semantic.get_embedder().clear()  # type: ignore[union-attr]  # a new process
        asked: list[str] = []
        run = semantic.Embedder.embed

        def counting(self: semantic.Embedder, texts: list[str]) -> dict:
            texts = list(texts)
            asked.extend(t for t in texts if t not in self._cache and t not in semantic._KNOWN)
            return run(self, texts)

        monkeypatch.setattr(semantic.Embedder, "embed", counting)
        build(course, tmp_path / "cached", FORMATS, 1)
        assert asked and all("Rivers carry water" not in t for t in asked)
        monkeypatch.setenv("COURSEPACK_CACHE", "off")
        semantic.get_embedder().clear()  # type: ignore[union-attr]
        build(course, tmp_path / "clean", FORMATS, 1)
        assert files(tmp_path / "cached") == files(tmp_path / "clean")
    finally:
        semantic.get_embedder.cache_clear()
