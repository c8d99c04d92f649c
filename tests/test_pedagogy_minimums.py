"""The minimums (issues 11 and 12, round 10): every lesson module with enough text gets
two objectives at two Bloom levels and a discussion question, from the patterns that
found none before on real essays. Each test runs a pattern on a fixed text and asserts
the items it makes (or that it makes none)."""

from __future__ import annotations

from pathlib import Path

from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.analysis import ModuleAnalysis
from builder.pedagogy.rules.candidates import trimmed
from builder.pedagogy.rules.frames import addressed, lesson_ideas, quotable, warning_question
from builder.pedagogy.rules.salience import Profile
from builder.pedagogy.text import Casing

from .test_pedagogy_items import course_of


def analysis_of(text: str) -> ModuleAnalysis:
    return ModuleAnalysis(text, Casing(text))


def test_a_stated_lesson_is_explained_and_judged_against_its_case() -> None:
    text = ("The agency refused to release the records for two years. The reporters appealed "
            "to the ombudsman, who called the refusal maladministration. "
            "Lessons: Don't take no for an answer when it's about transparency.")
    ideas = lesson_ideas(analysis_of(text).sents)
    assert [(i.objective.bloom, i.objective.text) for i in ideas] == [
        ("understand", "Explain how the lesson \"Don't take no for an answer when it's about "
                       "transparency\" follows from the case it closes."),
        ("evaluate", "Judge whether the case it closes justifies the lesson \"Don't take "
                     "no for an answer when it's about transparency\"."),
    ]
    question = ideas[1].question
    assert question is not None and question.text == (
        "The reading closes a case with the lesson \"Don't take no for an answer when it's "
        "about transparency\". What in that case leads to it, and in what situation would "
        "following it not pay off?")
    assert lesson_ideas(analysis_of("The lesson was taught in a small room in 1990.").sents) == []
    # rounds 10-12: 'the case the reading closes with it' -> name the case by its heading
    sections = (("Case Study 1: Tractors", "The ministry kept the tractor grants secret."),
                ("Case Study 2: Side Effects", text))
    named = lesson_ideas(analysis_of(text).sents, sections)
    assert named[0].objective.text.endswith('follows from the case "Side Effects".')
    assert named[1].objective.text.startswith('Judge whether the case "Side Effects" justifies')


def test_a_case_study_module_with_a_lesson_meets_the_minimum(tmp_path: Path) -> None:
    text = ("In 2004 the reporters asked the commission for the subsidy records. The commission "
            "refused to release the records, and the ombudsman called the refusal "
            "maladministration. Partners in other countries then asked their own governments, "
            "and the records came out country by country. The first records came from "
            "countries with liberal access laws. Lesson: Go wob-shopping. Different countries "
            "have different access laws at different times. Later the reporters asked the "
            "drug agency for reports on side-effects. The agency refused for three years. "
            "Lessons: Don't take no for an answer when it's about transparency.")
    course = course_of(tmp_path, ("Cases", text))
    backend = RulesBackend(course)
    material = backend.generate(course.modules[0])
    levels = {o.bloom for o in material.objectives}
    assert len(material.objectives) >= 2 and len(levels) >= 2
    assert any("lesson" in o.text for o in material.objectives)
    assert any(q.text.startswith("The reading closes a case with the lesson")
               for q in material.discussion)


def test_a_warning_of_a_how_to_asks_what_goes_wrong() -> None:
    sents = analysis_of(
        "It's a very bad idea to try redirecting the output of a command that operates on a "
        "file to the same file. It's a good idea to keep a copy.").sents
    idea = warning_question(sents[0])
    assert idea is not None and idea.question is not None
    assert idea.question.text == (
        "The lesson warns that it is a very bad idea to try redirecting the output of a "
        "command that operates on a file to the same file. What would go wrong if you did "
        "it, why, and how would you get the same result safely?")
    assert warning_question(sents[1]) is None


def test_a_claim_loses_a_comment_an_apposition_or_an_attribution_not_its_point() -> None:
    claims = analysis_of(
        "The European Ombudsman helped to push for transparency at the medicines agency, and "
        "it looks, as if he succeeded. "
        "Phillips did not retreat from his defense of democracy as he became a famous orator "
        "for the Garrisonians, a group considered beyond the pale of respectability. "
        "Unlike some other contemporary critics of democracy, Phillips never suggested a "
        "return to a form of government in which the few ruled and the many obeyed. "
        "Phillips spoke for the people at every meeting he attended in the city.").claims
    clauses = [trimmed(c, 21).clause for c in claims]
    assert clauses == [
        "the European Ombudsman helped to push for transparency at the medicines agency",
        "Phillips did not retreat from his defense of democracy as he became a famous "
        "orator for the Garrisonians",
        "Phillips never suggested a return to a form of government in which the few ruled "
        "and the many obeyed",
        claims[3].clause,  # short enough: nothing comes off
    ]
    assert trimmed(claims[3], 21) is claims[3]


def test_a_generic_you_is_said_to_the_student_not_one() -> None:
    source = ("Charts, in general, allow you to map dimensions in your data to visual "
              "properties of geometric shapes.")
    assert addressed("Explain how charts, in general, allow one to map dimensions in one's "
                     "data to visual properties of geometric shapes.", source) == (
        "Explain how to use charts to map dimensions in your data to visual properties of "
        "geometric shapes.")
    assert addressed("Explain the reading's point that one can even start one's "
                     "documentation before one takes a first look at the data.",
                     "You can even start your documentation before you look.") == (
        "Explain the reading's point that you can even start your documentation before you "
        "take a first look at the data.")
    # 'one' before a noun is a number, even in a sentence that says 'you'
    assert addressed("Explain how one can go forward one screenful at a time.",
                     "You can go forward one screenful at a time.") == (
        "Explain how you can go forward one screenful at a time.")
    # no 'you' in the sentence: 'one' is a number or a pronoun of the author's
    assert addressed("Explain why one of the missions failed.", "One of the missions failed.") \
        == "Explain why one of the missions failed."


def test_a_passage_quoted_alone_names_its_subject_and_is_whole() -> None:
    sents = analysis_of(
        "But in truth they do exist, and they do care for human things. "
        "With a sovereign contempt for what is natural, they are the slaves of affectation. "
        "If they criticise actors and actresses, a phantasmagoria of feathers floats before "
        "their eyes. "
        "Since it is possible that thou mayest depart from life this very moment, regulate "
        "every act and thought accordingly. "
        "And reverence of the daemon consists in keeping it pure from passion.").sents
    assert [quotable(s) for s in sents] == [False, False, False, True, True]


def test_a_section_of_a_literary_essay_stays_literary_without_saying_i() -> None:
    text = ("The florid style is the reverse of the familiar. Such writers have merely verbal "
            "imaginations. Objects are not linked to feelings, words to things.")
    course = Profile([], "")
    course.genre = "literary"
    analysis = ModuleAnalysis(text, Casing(text), profile=course)
    assert analysis.salience.genre == "exposition" and analysis.genre == "literary"
    course.genre = "argument"
    assert ModuleAnalysis(text, Casing(text), profile=course).genre == "exposition"


def test_advice_in_an_exposition_is_weighed_and_an_unbound_it_is_no_objective() -> None:
    from builder.pedagogy.rules.candidates import _cut_off
    from builder.pedagogy.rules.frames import fits
    from builder.pedagogy.rules.higher import evaluate_idea

    claim = next(c for c in analysis_of(
        "Visualization and data wrangling should be easy and cheap.").claims)
    assert fits("advice", "exposition", "advice")
    idea = evaluate_idea(claim)
    assert idea is not None and idea.objective.text == (
        "Evaluate when the advice that visualization and data wrangling should be easy and "
        "cheap helps and when it does not.")
    assert _cut_off("once you learned it, it should be really efficient")
    assert not _cut_off("once the tool is learned, it should be really efficient")


def test_a_unique_perspective_is_a_platitude() -> None:
    from builder.pedagogy.rules.candidates import peripheral

    assert peripheral("Visualization provides a unique perspective on the dataset.")
    assert not peripheral("Maps can reveal geographic relations within the data.")


def test_a_dash_aside_or_closing_elaboration_comes_off_for_an_objective() -> None:
    analysis = analysis_of(
        "In the first place, American institutions and customs were pervaded by racial "
        "prejudice--a force at odds with the egalitarian principles of democracy. "
        "Violent mobs menaced the personal safety of white Northern abolitionists--and of "
        "Phillips in particular--not to mention the safety of free black activists.")
    assert analysis.claims == []  # as written, neither stands alone
    assert [c.statement for c in analysis.undashed_claims] == [
        "American institutions and customs were pervaded by racial prejudice.",
        "Violent mobs menaced the personal safety of white Northern abolitionists, not to "
        "mention the safety of free black activists.",
    ]


def test_you_can_use_after_an_opening_phrase_is_an_apply_task() -> None:
    from builder.pedagogy.rules.frames import apply_idea

    sents = analysis_of("In all charts you can use different kinds of scales to explore "
                        "different aspects in your data (e.g., linear or log scale).").sents
    idea = apply_idea(sents[0], frozenset())
    assert idea is not None and idea.objective.text == (
        "Use different kinds of scales to explore different aspects in your data.")


def test_no_generated_objective_repeats_one_the_lesson_states(tmp_path: Path) -> None:
    import dataclasses

    from builder.model import Objective

    text = ("The greater than symbol tells the shell to redirect the output of a command to a "
            "file. It's a very bad idea to try redirecting the output of a command that "
            "operates on a file to the same file. The shell empties the file before the "
            "command reads it, so the data is lost. The cat command prints the contents of "
            "files one after another, and the less command shows a file one screen at a time.")
    course = course_of(tmp_path, ("Redirecting", text))
    module = course.modules[0]
    plain = RulesBackend(course).generate(module)
    assert any("same file" in o.text for o in plain.objectives)
    own = Objective("Redirect a command's output to a file.", "redirect", "apply",
                    origin="authored")
    stated = dataclasses.replace(module, objectives=(own,))
    material = RulesBackend(course).generate(stated)
    assert not any("same file" in o.text for o in material.objectives)
    count = len(material.objectives)
    assert all(n < count for q in material.quiz for n in q.objectives)


def test_a_tool_named_by_a_plural_at_the_sentence_start_loses_only_that_capital() -> None:
    from builder.pedagogy.rules.frames import _clean_x

    # the capital of a common plural is the sentence's, a singular may be a name
    assert _clean_x("Histograms") == "histograms"
    assert _clean_x("Spreadsheets, for example,") == "spreadsheets"
    assert _clean_x("The pipe") == "the pipe"
    assert _clean_x("Python") == "Python"
    assert _clean_x("Wendell Phillips") == "Wendell Phillips"
    assert _clean_x("GIS layers") == "GIS layers"


def test_a_scenario_set_up_is_no_claim() -> None:
    from builder.pedagogy.rules.statements import _imperative

    # 'Describe how suppose you want to delete your processed data files' (08, a section
    # of its own): the set-up of an example is an instruction, not a claim to restate
    for text in ("Suppose you want to delete your processed data files",
                 "Assume we have ten files in a folder", "Consider your own data"):
        assert _imperative(text.split()), text
    for text in ("Work you do at night is saved", "Data you collect is raw",
                 "Remember that the shell is case sensitive"):
        assert not _imperative(text.split()), text


def test_a_view_the_reading_reports_is_explained_as_reported() -> None:
    from builder.pedagogy.rules.ideas import REPORTED

    # round9/10 03-m05-O1: 'Explain how the reading argues that Phillips believed that
    # ...': the reading reports the belief, it does not argue it
    found = REPORTED.match('Mazzini believed that over the long run "the people never err"')
    assert found is not None and found.group("who") == "Mazzini"
    assert REPORTED.match("Giuseppe Mazzini firmly held that exile was a school") is not None
    assert REPORTED.match("Marlow argued that the river was a snake") is not None
    assert REPORTED.match("The people believed that kings were sacred") is None
