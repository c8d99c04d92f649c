"""The flaw checker's public API, one flaw at a time: a bad item shows the flaw,
a good version of the same item does not."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from builder.model import Module, Objective, Question, QuizItem, SourceLocation
from builder.pedagogy.flaws import Flaw, course_flaws, module_flaws

from .conftest import sample_course

COURSE = sample_course()
BASE = COURSE.modules[0]
"""The water-cycle module: its material has no flaw."""

Obj = Objective
MC_STEM = "Rain, snow and _____ return water to the ground as precipitation."
FEEDBACK = "The reading says: “Rain, snow and hail return water to the ground as precipitation.”"


def mc(choices: tuple[str, ...], answer: int = 0, stem: str = MC_STEM, feedback: str = FEEDBACK
       ) -> QuizItem:
    return QuizItem("multiple_choice", stem, choices, answer, feedback, objectives=(0,))


def tf(stem: str, answer: int, feedback: str = "The reading says: “Clouds form when water "
       "vapour cools and condenses around dust particles.”") -> QuizItem:
    return QuizItem("true_false", stem, ("True", "False"), answer, feedback, objectives=(1,))


def blank(stem: str, answer: str) -> QuizItem:
    return QuizItem("fill_blank", stem, (), answer, FEEDBACK, objectives=(0,))


def q(text: str, note: str = "Strong answers link cooling, dust particles and clouds.",
      bloom: str = "analyze") -> Question:
    return Question(text, bloom, note, objectives=(1,))  # type: ignore[arg-type]


GOOD_MC = mc(("hail", "dust", "smoke", "steam"))
# (code, field, index, bad, good)
ITEMS: list[tuple[str, str, int, Any, Any]] = [
    ("vague-verb", "objectives", 0,
     Obj("Understand how evaporation moves water from oceans into the air.", "understand",
       "understand"), BASE.objectives[0]),
    ("verb-mismatch", "objectives", 0,
     Obj("Explain how evaporation moves water from oceans into the air.", "describe",
       "understand"), BASE.objectives[0]),
    ("bloom-mismatch", "objectives", 0,
     Obj("Describe how evaporation moves water from oceans into the air.", "describe", "analyze"),
     BASE.objectives[0]),
    ("length", "objectives", 0, Obj("Describe evaporation.", "describe", "understand"),
     BASE.objectives[0]),
    ("heading-only", "objectives", 1, Obj("Analyze the water cycle.", "analyze", "analyze"),
     Obj("Analyze how the sun's heat drives evaporation from the oceans.", "analyze", "analyze")),
    ("ungrounded", "objectives", 0,
     Obj("Explain the causes of the French Revolution of 1789.", "explain", "understand"),
     BASE.objectives[0]),
    ("yes-no", "discussion", 0, q("Does condensation form clouds?"),
     q("Why does condensation form clouds around dust particles?")),
    ("closed", "discussion", 0, q("Describe the clouds and the dust particles."),
     q("How do dust particles help clouds form?")),
    ("no-question-mark", "discussion", 0, q("Why do clouds form around dust particles"),
     q("Why do clouds form around dust particles?")),
    ("no-note", "discussion", 0, q("Why do clouds form around dust particles?", note=""),
     q("Why do clouds form around dust particles?")),
    ("lower-order", "discussion", 0, q("What do clouds form around?", bloom="remember"),
     q("What would happen to clouds if the air held no dust particles?", bloom="evaluate")),
    ("ungrounded", "discussion", 0, q("Why did the Roman Empire fall in the fifth century?"),
     q("Why do clouds form around dust particles?")),
    ("no-feedback", "quiz", 0, mc(("hail", "dust", "smoke", "steam"), feedback=""), GOOD_MC),
    ("feedback-unsourced", "quiz", 0, mc(("hail", "dust", "smoke", "steam"), feedback="Right!"),
     GOOD_MC),
    ("few-choices", "quiz", 0, mc(("hail", "dust")), GOOD_MC),
    ("duplicate-choice", "quiz", 0, mc(("hail", "dust", "Dust", "steam")), GOOD_MC),
    ("all-none", "quiz", 0, mc(("hail", "dust", "smoke", "all of the above")), GOOD_MC),
    ("negative-stem", "quiz", 0,
     mc(("hail", "dust", "smoke", "steam"), stem="Which does NOT return water to the ground?"),
     mc(("hail", "dust", "smoke", "steam"), stem="Which returns water to the ground?")),
    ("no-key", "quiz", 0, mc(("hail", "dust", "smoke", "steam"), answer=4), GOOD_MC),
    ("longest-key", "quiz", 0, mc(("hail falling as small balls of ice", "dust", "ash", "fog")),
     mc(("hail", "dust", "ash", "fog"))),
    ("capitalisation", "quiz", 0, mc(("Hail", "dust", "smoke", "steam")), GOOD_MC),
    ("number", "quiz", 0, mc(("hailstones", "dust", "smoke", "steam")),
     mc(("hailstones", "dust grains", "smoke particles", "steam clouds"))),
    ("grammar", "quiz", 0,
     mc(("ocean", "sun", "cloud", "dust"), stem="Water evaporates from an _____ when the sun "
        "heats the surface.",
        feedback="The reading says: “Water evaporates from oceans when the sun heats the "
        "surface.”"),
     mc(("ocean", "estuary", "icefield", "aquifer"), stem="Water evaporates from an _____ when "
        "the sun heats the surface.",
        feedback="The reading says: “Water evaporates from oceans when the sun heats the "
        "surface.”")),
    ("clang", "quiz", 0, mc(("precipitation hail", "dust", "smoke", "steam")), GOOD_MC),
    ("second-key", "quiz", 0, mc(("hail", "rain", "smoke", "steam")), GOOD_MC),
    ("unanswerable", "quiz", 0, mc(("sleet", "dust", "smoke", "steam")), GOOD_MC),
    ("unanswerable", "quiz", 2,
     blank("Rain, snow and hail return water to the ground as _____.", "glaciers"),
     blank("Rain, snow and hail return water to the ground as _____.", "precipitation")),
    ("unanswerable", "quiz", 1, tf("The moon controls the tides of distant planets.", 1),
     tf("Clouds form when water vapour warms and expands.", 1)),
    ("false-by-not", "quiz", 1,
     tf("Clouds do not form when water vapour cools and condenses around dust particles.", 1),
     tf("Clouds form when water vapour warms and expands around dust particles.", 1)),
    ("true-false-shape", "quiz", 1, dataclasses.replace(BASE.quiz[1], choices=("True",)),
     BASE.quiz[1]),
    ("answer-in-stem", "quiz", 2,
     blank("Precipitation: rain, snow and hail return water to the ground as _____.",
           "precipitation"), BASE.quiz[2]),
    ("little-context", "quiz", 2, blank("It is _____.", "precipitation"), BASE.quiz[2]),
    ("blank-count", "quiz", 2,
     blank("Rain, snow and _____ return water to the ground as _____.", "precipitation"),
     BASE.quiz[2]),
    ("no-answer", "quiz", 2, blank("Rain, snow and hail return water to the ground as _____.", ""),
     BASE.quiz[2]),
]


def replaced(field: str, index: int, item: Any) -> Module:
    items = list(getattr(BASE, field))
    items[index] = item
    changes: dict[str, Any] = {field: tuple(items)}
    return dataclasses.replace(BASE, **changes)


def item_name(field: str, index: int) -> str:
    return {"objectives": "objective", "discussion": "question", "quiz": "quiz"}[field] + (
        f" {index + 1}")


def test_the_base_module_has_no_flaw() -> None:
    assert module_flaws(BASE) == []


@pytest.mark.parametrize(("code", "field", "index", "bad", "good"), ITEMS,
                         ids=[f"{c[0]}-{c[1]}" for c in ITEMS])
def test_each_flaw_on_a_bad_item_and_not_on_a_good_one(
    code: str, field: str, index: int, bad: Any, good: Any
) -> None:
    name = item_name(field, index)
    found = {(f.item, f.code) for f in module_flaws(replaced(field, index, bad))}
    assert (name, code) in found, found
    clean = {(f.item, f.code) for f in module_flaws(replaced(field, index, good))}
    assert (name, code) not in clean, clean


MODULE_CASES = [
    ("duplicate", "question 2",
     {"discussion": (BASE.discussion[0], dataclasses.replace(
         BASE.discussion[0], text="Why does the essay treat condensation as the turning point "
         "of the water cycle?"))}),
    ("unassessed", "objective 2",
     {"discussion": tuple(dataclasses.replace(x, objectives=(0,)) for x in BASE.discussion),
      "quiz": tuple(dataclasses.replace(x, objectives=(0,)) for x in BASE.quiz)}),
    ("bloom-levels", "module",
     {"objectives": (BASE.objectives[0], Obj("Explain how clouds form around dust particles.",
                                            "explain", "understand"))}),
    ("bloom-higher", "module",
     {"objectives": (BASE.objectives[0], Obj("Name the three kinds of precipitation the reading "
                                            "lists.", "name", "remember"))}),
    ("all-true", "module",
     {"quiz": (BASE.quiz[0], dataclasses.replace(BASE.quiz[1], answer=0, stem="Clouds form when "
               "water vapour cools and condenses around dust particles."),
               tf("Water evaporates from oceans when the sun heats the surface.", 0))}),
    ("cued", "quiz 2",
     {"quiz": (BASE.quiz[0],
               tf("Rain, snow and hail return water to the ground as precipitation.", 0),
               BASE.quiz[2])}),
    ("key-position", "module",
     {"quiz": (BASE.quiz[0], dataclasses.replace(BASE.quiz[0], stem="What heats the ocean "
               "surface in the reading?"), dataclasses.replace(
                   BASE.quiz[0], stem="What does the reading say heats the surface of oceans?"))}),
]


@pytest.mark.parametrize(("code", "item", "changes"), MODULE_CASES,
                         ids=[c[0] for c in MODULE_CASES])
def test_each_flaw_of_a_whole_module(code: str, item: str, changes: dict[str, Any]) -> None:
    found = {(f.item, f.code) for f in module_flaws(dataclasses.replace(BASE, **changes))}
    assert (item, code) in found, found
    assert not any(c == code for _, c in {(f.item, f.code) for f in module_flaws(BASE)})


def test_flaw_prints_location_module_item_message_and_hint() -> None:
    bad = Obj("Understand how evaporation moves water from oceans into the air.", "understand",
            "understand", origin="authored", location=SourceLocation("course/plan.yaml", 12))
    flaws = module_flaws(replaced("objectives", 0, bad))
    flaw = next(f for f in flaws if f.code == "vague-verb")
    assert flaw == Flaw("m01-water-cycle", "objective 1", "vague-verb",
                        "'understand' is not observable",
                        "Start with a measurable verb such as describe, compare or assess",
                        SourceLocation("course/plan.yaml", 12))
    assert str(flaw) == (
        "course/plan.yaml:12: m01-water-cycle objective 1: 'understand' is not observable. "
        "Start with a measurable verb such as describe, compare or assess."
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        flaw.code = "other"  # type: ignore[misc]


def test_items_without_a_location_point_at_their_module() -> None:
    module = replaced("discussion", 0, q("Does condensation form clouds?"))
    flaw = next(f for f in module_flaws(module) if f.code == "yes-no")
    assert flaw.location == module.location
    assert str(flaw).startswith("course/essay.md:5: m01-water-cycle question 1: ")


def test_course_flaws_covers_every_module_and_synthesis_draws_on_the_course() -> None:
    flaws = course_flaws(COURSE)
    assert {f.module_id for f in flaws} <= {m.id for m in COURSE.modules}
    # the conclusion's objective names 'stages' and 'cycle' of earlier modules: grounded
    assert not any(f.module_id == "m02-conclusion" and f.code == "ungrounded"
                   and f.item.startswith("objective") for f in flaws)


def test_a_verb_of_another_level_is_named_with_its_article() -> None:
    from builder.pedagogy.flaws import check_objective

    problems = check_objective(Objective("Redirect a command's output to a file.", "redirect",
                                         "apply"))
    assert [p.message for p in problems if p.code == "bloom-mismatch"] == [
        "'redirect' is not an apply verb"]
    problems = check_objective(Objective("Evaluate the claim that rivers build plains.",
                                         "evaluate", "remember"))
    assert [(p.message, p.hint) for p in problems if p.code == "bloom-mismatch"] == [
        ("'evaluate' is not a remember verb", "'evaluate' is an evaluate verb: tag it evaluate")]
