"""Quiz, round 8 (issue 12): true statements that are no copy of a sentence.
Each test runs on a fixed text and asserts the item made (or not made)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.quiz import false_statement, told_apart

from .test_pedagogy_items import LABELS, claim_with, course_of
from .test_pedagogy_quiz_contrast import RECEPTORS


def test_a_true_statement_states_the_discrimination_the_module_draws(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Receptors", RECEPTORS))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The spike")
    item = told_apart(backend.index, module_id, claim, LABELS)
    assert item is not None and item.answer == 0
    assert item.stem == (
        "The spike of the virus binds protein receptors, not sugar receptors, on the surface "
        "of human cells."
    )
    assert "says this of “protein receptors”, not of “sugar receptors”" in item.feedback


def test_the_discrimination_at_the_end_of_a_sentence_keeps_the_article(tmp_path: Path) -> None:
    text = (
        "The northern valley receives heavy rain in winter, while the southern valley "
        "stays dry all year. "
        "Rice terraces built by early farmers cover the steep slopes of the northern valley. "
    )
    course = course_of(tmp_path, ("Valleys", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Rice terraces")
    item = told_apart(backend.index, module_id, claim, LABELS)
    assert item is not None
    assert item.stem == (
        "Rice terraces built by early farmers cover the steep slopes of the northern valley, "
        "not the southern valley."
    )


def test_no_discrimination_when_the_text_says_the_same_of_the_sibling(tmp_path: Path) -> None:
    text = RECEPTORS + (
        "The spike of the virus binds sugar receptors on the surface of human cells too. "
    )
    course = course_of(tmp_path, ("Receptors", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The spike of the virus binds protein")
    assert told_apart(backend.index, module_id, claim, LABELS) is None


def test_no_discrimination_on_a_negated_sentence(tmp_path: Path) -> None:
    text = RECEPTORS + "The spike of the virus does not bind protein receptors in birds. "
    course = course_of(tmp_path, ("Receptors", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The spike of the virus does not")
    assert told_apart(backend.index, module_id, claim, LABELS) is None


def test_a_swapped_name_in_a_bare_comparison_says_than_whom(tmp_path: Path) -> None:
    text = (
        "Phillips argued for the vote of every citizen. Tocqueville feared the majority. "
        "Unlike Tocqueville, Phillips trusted the people of the republic. "
        "Phillips had a much deeper awareness of the power of racism in the United States. "
    )
    course = course_of(tmp_path, ("Two thinkers", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Phillips had a much deeper")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is not None and item.answer == 1
    assert item.stem == (
        "Tocqueville had a much deeper awareness of the power of racism in the United States "
        "than Phillips."
    )
    assert "belongs elsewhere" not in item.feedback  # a name: its first mention tells nothing


def test_feedback_says_what_the_key_does_not_what_it_has(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quiz import described

    source = "The uniq command filters out adjacent matching lines in a file."
    detail = "The uniq command has a -c option which counts how often a line occurs."
    does = "The uniq command removes repeated lines only when they are next to each other."
    course = course_of(tmp_path, ("Filters", f"{source} {detail}"))
    backend = RulesBackend(course)
    assert described(backend.index, "uniq command", source) == ""
    course = course_of(tmp_path / "b", ("Filters", f"{source} {detail} {does}"))
    backend = RulesBackend(course)
    assert described(backend.index, "uniq command", source) == does
    from builder.pedagogy.rules.cloze import Blank
    from builder.pedagogy.rules.quiz import because

    claim = claim_with(backend, course.modules[0].id, "The uniq command filters")
    blank = Blank(claim, "uniq command", "phrase", source.replace("uniq command", "_____"))
    assert because(backend.index, blank) == (
        "“uniq command” is right: the reading says what it is: “" + does + "”")
    course = course_of(tmp_path / "c", ("Filters", f"{source} {detail}"))
    backend = RulesBackend(course)
    claim = claim_with(backend, course.modules[0].id, "The uniq command filters")
    blank = Blank(claim, "uniq command", "phrase", source.replace("uniq command", "_____"))
    assert because(backend.index, blank) == "“uniq command” is right."


def test_a_module_short_of_items_may_blank_a_term_it_defines_anywhere(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quizset import _defining
    from builder.pedagogy.rules.terms import definitions

    text = (
        "Rivers carry sand and mud from the mountains down to the sea. "
        "Floods spread that mud across the valley floor every spring. "
        "A levee is a natural bank of sediment that builds up along a river channel. "
        "Farmers have always settled on the rich soil of the valley floor."
    )
    course = course_of(tmp_path, ("Rivers", text))
    backend = RulesBackend(course)
    analysis = backend.index.analyses[course.modules[0].id]
    levee = next(d for d in definitions(analysis) if d.term.lower() == "levee")
    first, last = claim_with(backend, course.modules[0].id, "Rivers"), claim_with(
        backend, course.modules[0].id, "Farmers")
    found = _defining(levee, [(first, (0,)), (last, (1,))], analysis.claims)
    assert found is not None
    claim, assesses = found
    assert claim.statement.startswith("A levee is a natural bank")
    assert assesses == (1,)  # the objective of the source sentence nearest to it


def test_no_true_false_on_a_remark_on_terminology_or_a_figure_of_speech(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quiz import true_statement

    text = (
        "Spatial reference systems and coordinate reference systems are synonyms and are "
        "commonly interchanged in practice. "
        "The soul does violence to itself when it becomes, as it were, a tumour on the universe. "
        "A projection transforms the curved surface of the earth into a flat map for printing."
    )
    course = course_of(tmp_path, ("Maps", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    for start in ("Spatial reference systems", "The soul does"):
        assert true_statement(claim_with(backend, module_id, start), LABELS) is None
    item = true_statement(claim_with(backend, module_id, "A projection"), LABELS)
    assert item is not None and item.stem.startswith("A projection transforms the curved")


def test_no_fill_in_on_a_thin_stem_where_the_module_names_the_keys_siblings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Round9 07-m03-FB1 (second key): 'The _____ is the reverse of the familiar.' where
    the module also names a pompous and a vulgar style; with a fuller stem it stays."""
    from builder.model import Module
    from builder.pedagogy.rules import quiz
    from builder.pedagogy.rules.cloze import Blank
    from builder.pedagogy.rules.quiz import fill_blank

    text = ("The florid style is the reverse of the familiar. A pompous style hides the want "
            "of ideas under big words. A vulgar style repeats the cant phrases of the street. "
            "Many readers mistake a familiar style for a vulgar style, and suppose that to "
            "write without affectation is to write at random.")
    course = course_of(tmp_path, ("Styles", text))
    backend = RulesBackend(course)
    module: Module = course.modules[0]
    backend.generate(module)  # builds the course index
    thin = claim_with(backend, module.id, "The florid style")
    full = claim_with(backend, module.id, "Many readers")
    thin_blank = Blank(thin, "florid style", "phrase",
                       "The _____ is the reverse of the familiar.")
    assert fill_blank(thin_blank, backend.index, strict=False) is None
    full_blank = Blank(full, "vulgar style", "phrase",
                       "Many readers mistake a familiar style for a _____, and suppose that to "
                       "write without affectation is to write at random.")
    assert not quiz._siblings_in_module(backend.index, full_blank)  # the stem tells them apart
    # the rule, not another check, refuses the thin one
    monkeypatch.setattr(quiz, "THIN_STEM", -1)
    item = fill_blank(thin_blank, backend.index, strict=False)
    assert item is not None and item.answer == "florid style"
