"""Second keys by relation: distractors the text puts in the key's slot, on the
example course's own sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model import Course
from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.cloze import blanks
from builder.pedagogy.rules.distractors import distractors
from builder.pedagogy.rules.quiz import false_statement
from builder.pedagogy.rules.relations import SlotIndex, WordIndex, occurrences, slot_before
from builder.pedagogy.stage import enrich

from .test_pedagogy import planned

EXAMPLE = Path(__file__).resolve().parent.parent / "course" / "peacekeeping.md"
# what the example essay presents as outcomes of the nations' peacekeeping
OUTCOMES = {"long-term peace", "harmonious world", "mutual growth", "global peace",
            "international cooperation", "diplomatic relations"}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return planned(tmp_path_factory.mktemp("example") / "course", EXAMPLE)


def options_for(course: Course, start: str, key: str) -> list[str]:
    backend = RulesBackend(course)
    for module in course.modules:
        analysis = backend.index.analyses[module.id]
        for claim in analysis.claims:
            if claim.statement.startswith(start):
                blank = next(b for b in blanks(analysis, claim) if b.key == key)
                return distractors(backend.index, module.id, blank)
    raise AssertionError(f"no claim starting {start!r}")


def test_slot_looks_through_the_list_the_blank_ends() -> None:
    slot = slot_before("It creates avenues for collaboration, trust, and ")
    assert (slot.preposition, slot.head, slot.relations) == ("for", "avenu", {"outcome"})
    slot = slot_before("attributing their experience in mediation, security operation, and ")
    assert (slot.preposition, slot.head, slot.relations) == ("in", "experience", frozenset())
    assert slot_before("the missions they participate in, driving ").relations == {"outcome"}
    assert slot_before("particularly in their participation in ").relations == {"engagement"}


def test_other_outcomes_are_not_distractors_for_driving(example: Course) -> None:
    options = options_for(
        example, "The armies of many Islamic nations bring", "long-term peace"
    )
    assert not set(options) & OUTCOMES
    assert "harmonious world" not in options and "mutual growth" not in options


def test_other_outcomes_are_not_distractors_for_vision(example: Course) -> None:
    options = options_for(
        example, "The involvement of Islamic nations in international peacekeeping missions "
        "exemplifies", "harmonious world"
    )
    assert "long-term peace" not in options
    assert not set(options) & OUTCOMES


def test_same_governing_word_is_a_second_key() -> None:
    index = SlotIndex([
        "Their participation in global forums is noteworthy.",
        "The budget was spent on new roads and schools.",
    ])
    before = "The participation of the nations in "
    words = {"participation", "nation"}
    assert index.second_key(before, "global forums", words)
    assert not index.second_key(before, "new roads", words)


def test_a_slot_of_another_kind_stays_a_distractor() -> None:
    index = SlotIndex([
        "Their experience in disaster recovery is long.",
        "The nations drive long-term peace.",
    ])
    assert not index.second_key("the missions, driving ", "disaster recovery", set())
    assert index.second_key("the missions, driving ", "long-term peace", set())


def test_example_course_has_no_outcome_offered_against_an_outcome(example: Course) -> None:
    # round 8: the enriched course no longer makes multiple choice from options
    # outside the key's family (reviewers rejected 'harmonious world' among
    # 'modern technology', 'disaster recovery'); the option finder, which the
    # false statements still use without siblings, is checked on every blank
    backend = RulesBackend(example)
    checked = 0
    for module in example.modules:
        analysis = backend.index.analyses[module.id]
        for claim in analysis.claims:
            for blank in blanks(analysis, claim):
                if blank.key not in OUTCOMES:
                    continue
                checked += 1
                others = set(distractors(backend.index, module.id, blank))
                assert not others & OUTCOMES, (blank.stem, others)
    assert checked >= 2
    enriched = enrich(example)
    for module in enriched.modules:
        for item in module.quiz:
            if item.kind == "multiple_choice" and isinstance(item.answer, int):
                key = item.choices[item.answer]
                assert key not in OUTCOMES or not set(item.choices) - {key} & OUTCOMES
