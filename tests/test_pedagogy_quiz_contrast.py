"""True/false, wave 2 (issue 12): a false statement swaps a phrase for one of the
same kind that the module sets beside it ('X and Y', 'X, while Y', 'unlike X,
Y'), never when the text says the same of the sibling. Each test runs on a fixed
text and asserts the statement made (or not made)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.quiz import false_statement

from .test_pedagogy_items import LABELS, claim_with, course_of

RECEPTORS = (
    "The course compares protein receptors and sugar receptors in detail. "
    "The spike of the virus binds protein receptors on the surface of human cells. "
    "Sugar receptors line the airways of many birds. "
)


def test_a_sibling_the_module_names_beside_the_key_makes_the_false_statement(
    tmp_path: Path,
) -> None:
    course = course_of(tmp_path, ("Receptors", RECEPTORS))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The spike")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is not None and item.answer == 1
    assert item.stem == (
        "The spike of the virus binds sugar receptors on the surface of human cells."
    )
    assert "“protein receptors”, not “sugar receptors”" in item.feedback


def test_a_contrast_with_while_pairs_two_siblings(tmp_path: Path) -> None:
    text = (
        "The northern valley receives heavy rain in winter, while the southern valley "
        "stays dry all year. "
        "Farmers of the northern valley grow rice on steep terraces. "
    )
    course = course_of(tmp_path, ("Valleys", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Farmers")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is not None
    assert "Farmers of the southern valley grow rice" in item.stem


def test_no_swap_when_the_text_says_the_same_of_the_sibling(tmp_path: Path) -> None:
    text = RECEPTORS + (
        "The spike of the virus binds sugar receptors on the surface of human cells too. "
    )
    course = course_of(tmp_path, ("Receptors", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The spike of the virus binds protein")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is None or "sugar receptors on the surface" not in item.stem


def test_no_swap_of_phrases_the_module_never_sets_side_by_side(tmp_path: Path) -> None:
    text = (
        "The spike of the virus binds protein receptors on the surface of human cells. "
        "Much later in the course, sugar receptors line the airways of many birds. "
    )
    course = course_of(tmp_path, ("Receptors", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    from builder.pedagogy.rules.quiz import _contrasts

    assert _contrasts(backend.index, module_id) == {}


def test_no_true_copy_of_a_sentence_the_objective_quotes() -> None:
    from builder.pedagogy.rules.quiz import quoted_in

    statement = "Phillips developed a vision of democracy that was all his own."
    objective = (
        "Examine the reasons the reading gives for its claim that Phillips developed a "
        "vision of democracy that was all his own."
    )
    assert quoted_in(statement, [objective])
    other = "Explain how Phillips saw a continuing role for dissenters and agitators."
    assert not quoted_in(statement, [other])
    redirect = (
        "The greater than symbol tells the shell to redirect the command's output to a file "
        "instead of printing it to the screen."
    )
    assert not quoted_in(redirect, ["Redirect a command's output to a file."])  # a few words


def test_no_true_statement_of_a_fragment_without_a_verb(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quiz import true_statement

    text = (
        "Spreadsheets like LibreOffice, Excel or Google Docs. "
        "A spreadsheet stores every donation as one row of a table. "
    )
    course = course_of(tmp_path, ("Tools", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    analysis = backend.index.analyses[module_id]
    # a verbless fragment is no claim at all (ModuleAnalysis.left_out) ...
    assert not any(c.statement.startswith("Spreadsheets like") for c in analysis.claims)
    # ... and true_statement refuses one even when it is handed one
    fragment = dataclasses.replace(
        claim_with(backend, module_id, "A spreadsheet stores"),
        statement="Spreadsheets like LibreOffice, Excel or Google Docs.")
    assert true_statement(fragment, LABELS) is None
    whole = claim_with(backend, module_id, "A spreadsheet stores")
    item = true_statement(whole, LABELS)
    assert item is not None and item.answer == 0


def test_a_fronted_judgment_is_an_opinion() -> None:
    from builder.pedagogy.rules.quiz import opinion

    assert opinion("More useful in practice is the command less.")
    assert not opinion("More than forty countries sent troops to the mission.")
    assert opinion("It's important to identify the coordinate reference system of the data.")
    assert not opinion("It's the library that transforms coordinates between systems.")


def test_a_reported_theory_is_no_plain_fact() -> None:
    from builder.pedagogy.rules.quiz import opinion

    assert opinion("Open identities and open reports are theorized to lead to better reviews.")
    assert opinion("The virus is thought to come from bats.")
    assert not opinion("Open identities and open reports lead reviewers to write longer reviews.")


PEER = (
    "Open peer review is an umbrella term for several ways to open up peer review. "
    "Its two main traits are “open identities”, where both authors and reviewers are aware "
    "of each other’s identities, and “open reports”, where review reports are published "
    "alongside the relevant article. "
    "Open reports let readers judge the quality of each review for themselves."
)


def test_two_terms_defined_side_by_side_trade_definitions(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quizset import QuizMaker

    course = course_of(tmp_path, ("Forms", PEER))
    backend = RulesBackend(course)
    module = course.modules[0]
    maker = QuizMaker(course, backend.index, LABELS)
    terms = {d.term.lower(): d for d in maker._defined()[module.id]}
    assert {"open identities", "open reports"} <= set(terms)
    reports = terms["open reports"]
    claim = next(c for c in backend.index.analyses[module.id].claims
                 if c.sentence.index == reports.sentence.index)
    item = maker._definition_swap(module, claim)
    assert item is not None and item.answer == 1
    assert item.stem == (
        "In the reading, “open reports” means: both authors and reviewers are aware of each "
        "other’s identities."
    )
    assert "this of “open identities”" in item.feedback
    assert "alongside the relevant article" in item.feedback


def test_two_single_word_terms_do_not_trade_definitions(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quizset import QuizMaker

    text = (
        "Two tools matter here. “PROJ”, where coordinates are transformed between systems, "
        "and “WKT”, where a nested list of geodetic parameters is written as text, are both "
        "common."
    )
    course = course_of(tmp_path, ("Tools", text))
    backend = RulesBackend(course)
    module = course.modules[0]
    maker = QuizMaker(course, backend.index, LABELS)
    for claim in backend.index.analyses[module.id].claims:
        assert maker._definition_swap(module, claim) is None
