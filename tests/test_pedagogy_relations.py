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

def test_not_only_is_no_negation_and_no_antonym_swap(example: Course) -> None:
    backend = RulesBackend(example)
    module = next(m for m in example.modules if "Africa" in m.text)
    claim = next(c for c in backend.index.analyses[module.id].claims
                 if "strengthened diplomatic relations" in c.statement)
    assert not claim.negated
    item = false_statement(backend.index, module.id, claim, ("True", "False"))
    # 'weakened' for 'strengthened' is an antonym: nonsense, not a plausible mistake
    assert item is None or "weakened" not in item.stem


def test_true_false_items_change_one_word_and_never_add_not(tmp_path: Path) -> None:
    # the example course has no true/false item since round 10 (its one was a lone true
    # copy): a fixed text whose module sets two things side by side
    text = (
        "A river cuts its valley by erosion. Fast water carries sand and stones downstream, "
        "and the stones grind the riverbed deeper every year. Where the river slows down on "
        "flat land it drops the sand, building wide plains that farmers value for their rich "
        "soil. Fast water carries the sand, and slow water drops it."
    )
    course = planned(tmp_path / "course", f"# Rivers\n\n## How Rivers Shape Land\n\n{text}\n")
    items = [i for m in enrich(course).modules for i in m.quiz if i.kind == "true_false"]
    assert items and sum(i.answer == 0 for i in items) <= sum(i.answer == 1 for i in items) + 1
    for item in items:
        assert " not " not in item.stem.replace("not only", "")
        if item.answer == 1:  # a false statement: one word of its sentence changed
            assert "Slow water carries sand" in item.stem or "Fast water drops" in item.stem


def test_a_name_the_course_reads_two_ways_is_never_swapped(tmp_path: Path) -> None:
    text = (
        "Next week a symposium in Cambridge is dedicated to Wendell Phillips and his work. "
        "Yet Wendell Phillips was also a sharp and sophisticated critic of democracy. "
        "Phillips argued that public opinion could be a bulwark of wrong in Boston. "
        "The speech was printed in Boston and read in Cambridge by many readers."
    )
    course = planned(tmp_path / "course", f"# An essay\n\n## Phillips\n\n{text}\n")
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    analysis = backend.index.analyses[module_id]
    claim = next(c for c in analysis.claims if "sharp and sophisticated" in c.statement)
    blank = next(b for b in blanks(analysis, claim) if b.key == "Wendell Phillips")
    assert blank.kind == "place"  # how the first sentence alone reads it
    assert distractors(backend.index, module_id, blank) == []
    for module in enrich(course).modules:
        for item in module.quiz:
            assert "Cambridge was" not in item.stem and "Boston was" not in item.stem


def test_what_the_text_values_is_a_second_key_for_a_value() -> None:
    # 'belief in the importance of _____' (collective security): the essay also
    # says the nations are dedicated to global peace, so that is no distractor
    index = SlotIndex([
        "Their participation is a reflection of their dedication to global peace.",
        "Their experience in disaster recovery is long.",
    ])
    before = "Their involvement underlines their deep-rooted belief in the importance of "
    assert index.second_key(before, "global peace", set())
    assert not index.second_key(before, "disaster recovery", set())


SENTENCES = [
    "Their participation in global forums is noteworthy.",
    "The budget was spent on new roads and schools, driving long-term peace.",
    "GLOBAL FORUMS, the nations said, foster long-term peace.",
    "A long ſentence with a long s and the dotless ı in global forums.",
    "Peacekeeping is not peace, and new-roads are not new roads.",
    "The nations invest in new roads for mutual growth.",
]
PHRASES = ["global forums", "long-term peace", "new roads", "sentence", "peace", "mutual growth",
           "roads", "İstanbul", "in", "nothing here"]


def test_word_index_finds_what_a_full_search_finds() -> None:
    """The word index only skips sentences that cannot hold the phrase: the slots
    are the ones a search of every sentence finds, in order, whatever the case
    (and the letters case-blind matching pairs with another: long s, dotless i)."""
    index = SlotIndex(SENTENCES)
    for phrase in PHRASES:
        assert index.slots(phrase) == occurrences(SENTENCES, phrase), phrase
    assert index.slots("sentence")  # 'ſentence' matches case-blind
    assert WordIndex(["Aa bb.", "cc aa", "dd"]).candidates("AA") == [0, 1]


def test_rival_is_any_second_key_but_the_key_itself() -> None:
    index = SlotIndex(SENTENCES)
    befores = ["The nations drive ", "Their participation in ", "They spent it on ",
               "The nations invest in ", "It is "]
    for before in befores:
        for words in (set(), {"participation", "nation"}, {"budget"}):
            for key in PHRASES:
                expected = any(
                    index.second_key(before, p, words) for p in PHRASES
                    if p.lower() != key.lower() and p.lower() not in key.lower())
                assert index.rival(before, PHRASES, words, key) == expected, (before, key)
