"""Module summaries: the module's central ideas, each standing alone, no two alike."""

from __future__ import annotations

import re
from pathlib import Path

from builder.pedagogy.stage import enrich

from .test_pedagogy import planned


def summary(tmp_path: Path, text: str) -> str:
    course = enrich(planned(tmp_path / "course", f"# An essay\n\n## Section\n\n{text}\n"))
    return course.modules[0].summary


def sentences_of(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


FILLER = (
    "Glaciers store most of the fresh water on the planet in their thick layers of ice. "
    "A warming climate makes glaciers lose more ice in summer than they gain in winter. "
    "Meltwater from glaciers feeds the rivers that millions of farmers depend on for irrigation. "
    "When a glacier retreats, the valley it leaves behind is exposed to erosion and landslides. "
    "Scientists measure the mass of a glacier by comparing the snow it gains with the ice lost. "
)


def test_no_two_summary_sentences_say_the_same(tmp_path: Path) -> None:
    text = FILLER * 1 + (
        "Melting glaciers threaten the water supply of the farmers who live downstream. "
        "The melting of glaciers is a threat to the water supply of farmers downstream. "
        "Glacier loss also raises the sea level, which floods low coastal cities. "
    ) + FILLER.replace("Glaciers store", "Ice sheets store")
    found = sentences_of(summary(tmp_path, text))
    assert 2 <= len(found) <= 4, found
    threats = [s for s in found if "water supply" in s]
    assert len(threats) <= 1, found


def test_summary_sentences_stand_alone_and_keep_text_order(tmp_path: Path) -> None:
    text = (
        "The soul does violence to itself when it becomes a tumour on the universe. "
        "For it is according to nature, and nothing is evil which is according to nature. "
        "From thence all things flow, and there is besides necessity for the whole. "
        "Fourthly, when it plays a part and does anything insincerely and untruly. "
        "Many critics do not know the one from the other in matters of style. "
    ) + FILLER
    text_order = summary(tmp_path, text)
    found = sentences_of(text_order)
    assert found
    for sentence in found:
        assert not re.match(r"(?:For|Fourthly)\b", sentence), sentence
        assert "thence" not in sentence and "the one from the other" not in sentence
    positions = [text.find(s[:30]) for s in found]
    assert positions == sorted(positions)


def test_a_lesson_the_text_labels_is_in_the_summary(tmp_path: Path) -> None:
    text = FILLER + (
        "Lesson: Measure every glacier twice a year and compare the results with satellite "
        "images of each valley. "
    ) + FILLER.replace("Glaciers store", "Ice caps store")
    found = summary(tmp_path, text)
    assert "Measure every glacier twice a year" in found
    assert "Lesson:" not in found


def test_a_leading_and_or_for_is_dropped_only_when_the_rest_stands_alone() -> None:
    from builder.pedagogy.rules.summary import _unjoined

    assert _unjoined("For to be vexed at anything is a separation from nature.") == (
        "To be vexed at anything is a separation from nature."
    )
    assert _unjoined("And reverence of the daemon consists in keeping it pure.") == (
        "Reverence of the daemon consists in keeping it pure."
    )
    for leaning in ("For it is according to nature.", "And this is the whole of it.",
                    "For the same reason it fails.", "Formal review takes months."):
        assert _unjoined(leaning) == leaning
