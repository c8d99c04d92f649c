"""The item generators on tricky sentences, and the flaw checker, one flaw at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model import Course, Objective, Question, QuizItem
from builder.pedagogy.flaws import (
    check_item,
    check_objective,
    check_question,
    cued,
    module_flaws,
    near_duplicates,
)
from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.analysis import Claim
from builder.pedagogy.rules.cloze import BLANK, blanks, kind_of
from builder.pedagogy.rules.distractors import distractors, noun_class
from builder.pedagogy.rules.quiz import false_statement, fill_blank
from builder.pedagogy.rules.terms import definitions
from builder.pedagogy.stage import enrich

from .test_pedagogy import planned

LABELS = ("True", "False")


def course_of(tmp_path: Path, *sections: tuple[str, str]) -> Course:
    body = "\n\n".join(f"## {title}\n\n{text}" for title, text in sections)
    return planned(tmp_path / "course", f"# An essay\n\n{body}\n")


def claim_with(backend: RulesBackend, module_id: str, start: str) -> Claim:
    analysis = backend.index.analyses[module_id]
    return next(c for c in analysis.claims if c.statement.startswith(start))


VIRUS = (
    "Coronaviruses are large viruses that can be identified by the distinctive crown shape. "
    "SARS-CoV-2 has a high affinity for the human ACE2 receptor in the lungs and kidneys. "
    "Even within the S1 domain, some regions are more conserved than others in the genome. "
    "The virus does not bind to sugar receptors on the surface of the host cells at all. "
    "The genome of the virus was sequenced in 2020 by a team working in a hospital laboratory."
)
HISTORY = (
    "Tocqueville explained the dangers of majority rule to his European readers in 1835. "
    "Phillips argued that public opinion could be a bulwark of wrong in the United States. "
    "Later, Phillips delivered a speech in Boston that cited the Frenchman explicitly in 1837. "
    "Tocqueville travelled in Pennsylvania, where “freed Negroes” could not vote in 1831. "
    "The speech on public opinion was printed in a Boston newspaper in the year 1852."
)


def test_no_antonym_swap_makes_a_false_statement(tmp_path: Path) -> None:
    # 'a low affinity' for 'a high affinity' is nonsense, not a plausible mistake
    course = course_of(tmp_path, ("Virus", VIRUS))
    backend = RulesBackend(course)
    claim = claim_with(backend, course.modules[0].id, "SARS-CoV-2 has")
    item = false_statement(backend.index, course.modules[0].id, claim, LABELS)
    assert item is None or "low" not in item.stem


def test_a_sibling_year_from_the_text_makes_a_false_statement(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("History", HISTORY))
    backend = RulesBackend(course)
    claim = claim_with(backend, course.modules[0].id, "Tocqueville explained")
    item = false_statement(backend.index, course.modules[0].id, claim, LABELS)
    assert item is not None and item.answer == 1
    year = next(y for y in ("1837", "1831", "1852") if y in item.stem)
    assert item.stem == claim.statement.replace("1835", year)
    assert f"“1835”, not “{year}”" in item.feedback
    assert not check_item(item)


def test_negated_sentence_gives_no_false_statement(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Virus", VIRUS))
    backend = RulesBackend(course)
    claim = claim_with(backend, course.modules[0].id, "The virus does not bind")
    assert claim.negated
    assert false_statement(backend.index, course.modules[0].id, claim, LABELS) is None


def test_comparative_is_not_flipped(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Virus", VIRUS))
    backend = RulesBackend(course)
    claim = claim_with(backend, course.modules[0].id, "Even within the S1 domain")
    item = false_statement(backend.index, course.modules[0].id, claim, LABELS)
    assert item is None or "more variable than others" not in item.stem


def test_generated_false_statements_never_add_not(tmp_path: Path) -> None:
    course = enrich(course_of(tmp_path, ("Virus", VIRUS), ("History", HISTORY)))
    for module in course.modules:
        for item in module.quiz:
            if item.kind == "true_false" and item.answer == 1:
                assert " not " not in f" {item.stem} " or " not " in item.feedback


def test_year_blank_gets_other_years_from_the_text(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("History", HISTORY))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Tocqueville explained")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim) if b.key == "1835")
    assert blank.kind == "year"
    options = distractors(backend.index, module_id, blank)
    assert len(options) == 3
    assert all(o.isdigit() and o != "1835" for o in options)
    assert set(options) <= {"1831", "1837", "1852"}


def test_names_have_kinds_and_quotes_never_become_options(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("History", HISTORY))
    analysis = RulesBackend(course).index.analyses[course.modules[0].id]
    assert kind_of(analysis, "Tocqueville") == "person"
    assert kind_of(analysis, "Pennsylvania") == "place"
    assert "Negroes" not in analysis.names
    enriched = enrich(course)
    for item in enriched.modules[0].quiz:
        assert not any("Negroes" in c for c in item.choices)


def test_person_is_never_swapped_for_a_place(tmp_path: Path) -> None:
    course = enrich(course_of(tmp_path, ("History", HISTORY)))
    for item in course.modules[0].quiz:
        assert not item.stem.startswith(("Pennsylvania explained", "Boston argued"))


def test_second_key_is_rejected(tmp_path: Path) -> None:
    text = (
        "Peacekeepers from the region served in Kosovo during the long war in the Balkans. "
        "Peacekeepers from the region also served in Lebanon during the long war there. "
        "The mission in Cyprus was led by a small team of police officers from Canada. "
        "The mission in Haiti was led by a large team of soldiers from the region."
    )
    course = course_of(tmp_path, ("Missions", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Peacekeepers from the region served in Kosovo")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim) if b.key == "Kosovo")
    assert "Lebanon" not in distractors(backend.index, module_id, blank)


def test_blank_never_splits_a_name(tmp_path: Path) -> None:
    text = (
        "The armies of many Islamic nations are known for their advanced training in "
        "international missions. Islamic nations are active contributors to the United "
        "Nations operations in many regions."
    )
    course = course_of(tmp_path, ("Training", text))
    backend = RulesBackend(course)
    analysis = backend.index.analyses[course.modules[0].id]
    for claim in analysis.claims:
        for blank in blanks(analysis, claim):
            assert "Islamic " + BLANK not in blank.stem
            assert BLANK + " nations" not in blank.stem


def test_passive_sentence_fill_blank(tmp_path: Path) -> None:
    text = (
        "The data was uploaded into a central database by the commission staff. The data "
        "couldn't be retrieved from the central database without a lot of manual work. "
        "The commission refused to release the data from the central database in 2004."
    )
    course = course_of(tmp_path, ("Data", text))
    backend = RulesBackend(course)
    analysis = backend.index.analyses[course.modules[0].id]
    claim = claim_with(backend, course.modules[0].id, "The data was uploaded")
    items = [fill_blank(b) for b in blanks(analysis, claim)]
    item = next(i for i in items if i is not None)
    assert item.stem.count(BLANK) == 1
    assert str(item.answer) in claim.statement
    assert item.stem.replace(BLANK, str(item.answer)) == claim.statement
    assert not check_item(item)


def test_list_sentence_is_a_fact_not_an_objective(tmp_path: Path) -> None:
    text = (
        "Notable examples include peacekeeping forces in Bosnia and Herzegovina, Kosovo, and "
        "Lebanon. Their personnel have served in diverse missions across the globe for many "
        "years. The missions strengthened diplomatic relations with the host countries."
    )
    course = enrich(course_of(tmp_path, ("Examples", text)))
    for objective in course.modules[0].objectives:
        assert "Notable examples include" not in objective.text
        assert "notable examples include" not in objective.text


def test_definitions_and_acronyms(tmp_path: Path) -> None:
    text = (
        "Peer review is the formal quality assurance mechanism whereby manuscripts are "
        "scrutinised by others. They are enveloped, which means that the genome is encased by "
        "a lipid bilayer. SARS-CoV-2 binds to Angiotensin-Converting Enzyme 2 (ACE2) in cells. "
        "The virus reaches the lungs through the nose and the throat. Peer review of such "
        "findings takes months, and viruses that are enveloped are easier to destroy. "
        "A high dose of "
        "Vitamin D Supplement (VDS) was given to every patient. VDS is a daily capsule that "
        "the patients swallowed with water."
    )
    course = course_of(tmp_path, ("Terms", text))
    analysis = RulesBackend(course).index.analyses[course.modules[0].id]
    found = {d.term: d.definition for d in definitions(analysis)}
    assert found["peer review"].startswith("The formal quality assurance mechanism")
    assert found["enveloped"] == "The genome is encased by a lipid bilayer."
    # an expansion alone teaches nothing (blind review): kept only with what it is or does
    assert "ACE2" not in found
    assert found["VDS"].startswith("Short for Vitamin D Supplement; it is a daily capsule")


# ---- the flaw checker: one bad and one good item per flaw -------------------------------


@pytest.mark.parametrize(
    ("objective", "code"),
    [
        (Objective("Understand the role of peacekeeping in Africa.", "understand",
                   "understand"), "vague-verb"),
        (Objective("Explain how missions build ties.", "describe", "understand"),
         "verb-mismatch"),
        (Objective("Explain how peacekeeping missions build diplomatic ties.", "explain",
                   "analyze"), "bloom-mismatch"),
        (Objective("Explain peacekeeping.", "explain", "understand"), "length"),
    ],
    ids=["vague", "mismatch", "level", "short"],
)
def test_objective_flaws(objective: Objective, code: str) -> None:
    assert code in {f.code for f in check_objective(objective)}
    good = Objective("Explain how peacekeeping deployments strengthened diplomatic ties.",
                     "explain", "understand")
    assert check_objective(good) == []


@pytest.mark.parametrize(
    ("text", "note", "code"),
    [
        ("Did the missions strengthen ties?", "Consider the evidence.", "yes-no"),
        ("Describe the missions.", "Consider the evidence.", "closed"),
        ("Why did the missions strengthen ties", "Consider the evidence.", "no-question-mark"),
        ("Why did the missions strengthen ties?", "", "no-note"),
    ],
    ids=["yes-no", "closed", "mark", "note"],
)
def test_question_flaws(text: str, note: str, code: str) -> None:
    assert code in {f.code for f in check_question(Question(text, "analyze", note))}
    good = Question("Why did the missions strengthen ties?", "analyze", "Consider the evidence.")
    assert check_question(good) == []


GOOD_MC = QuizItem(
    "multiple_choice", "Peacekeeping in Africa strengthened _____ with the host countries.",
    ("diplomatic relations", "trade barriers", "border disputes", "military rivalries"), 0,
    "The reading says so.",
)


@pytest.mark.parametrize(
    ("choices", "answer", "stem", "code"),
    [
        (("diplomatic relations", "trade barriers", "all of the above", "border disputes"), 0,
         None, "all-none"),
        (("diplomatic relations", "diplomatic relations", "trade barriers", "border disputes"),
         0, None, "duplicate-choice"),
        (("long-lasting diplomatic relations of many kinds and types", "ties", "wars", "pacts"),
         0, None, "longest-key"),
        (("host relations", "trade barriers", "border disputes", "military rivalries"), 0,
         None, "clang"),
        (("diplomatic relations", "trade barriers", "border disputes", "military rivalries"), 0,
         "Which did peacekeeping NOT strengthen with _____?", "negative-stem"),
        (("diplomatic relations", "trade barriers"), 0, None, "few-choices"),
        (("diplomatic relations", "trade barriers", "border disputes", "military rivalries"), 7,
         None, "no-key"),
    ],
    ids=["all-none", "duplicate", "longest", "clang", "negative", "few", "no-key"],
)
def test_multiple_choice_flaws(
    choices: tuple[str, ...], answer: int, stem: str | None, code: str
) -> None:
    item = QuizItem("multiple_choice", stem or GOOD_MC.stem, choices, answer, "Feedback.")
    assert code in {f.code for f in check_item(item)}
    assert check_item(GOOD_MC) == []


def test_fill_blank_and_true_false_flaws() -> None:
    leaked = QuizItem("fill_blank", "The _____ of data journalism is data journalism.", (),
                      "data journalism", "Feedback.")
    assert "answer-in-stem" in {f.code for f in check_item(leaked)}
    short = QuizItem("fill_blank", "It is _____.", (), "large", "Feedback.")
    assert "little-context" in {f.code for f in check_item(short)}
    good = QuizItem("fill_blank", "Coronaviruses are _____ viruses identified by a distinctive "
                    "crown-like shape.", (), "large", "Feedback.")
    assert check_item(good) == []
    bad_tf = QuizItem("true_false", "Kosovo is a mission.", ("True",), 0, "Feedback.")
    assert "true-false-shape" in {f.code for f in check_item(bad_tf)}


def test_near_duplicates() -> None:
    texts = [
        "Why did peacekeeping missions strengthen diplomatic ties with host countries?",
        "Why did the peacekeeping missions strengthen diplomatic ties with the host countries?",
        "How does the essay treat Islamic nations as one group?",
    ]
    assert near_duplicates(texts) == [(0, 1)]


def test_defined_term_is_blanked_in_its_definition(tmp_path: Path) -> None:
    text = (
        "Phillips became a famous orator for the Garrisonians, a group of radical "
        "abolitionists who "
        "demanded the immediate abolition of slavery. The Garrisonians refused to vote. "
        "Public opinion could be a bulwark "
        "of wrong in the United States of his time. The mobs of the North attacked the "
        "abolitionist speakers in Boston and elsewhere in 1835."
    )
    course = enrich(course_of(tmp_path, ("Orator", text)))
    module = course.modules[0]
    assert any(t.term == "Garrisonians" for t in module.terms)
    blanks_ = [i for i in module.quiz if i.kind == "fill_blank"]
    assert any(i.answer == "Garrisonians" and "_____, a group of radical abolitionists" in i.stem
               for i in blanks_)


def test_distractors_are_the_same_kind_of_thing_as_the_key(tmp_path: Path) -> None:
    text = (
        "The NS1 protein binds to the receptor on the surface of the host cell in the lungs. "
        "The NS2 protein shapes the envelope of the virus particle during its assembly. "
        "The NS3 protein forms small channels in the membrane of the infected cell. "
        "The NS5 protein copies the genome of the virus in the infected cell. "
        "Soldiers and police officers served in the missions for many years abroad. "
        "The organisation of the missions depended on the cooperation of many governments."
    )
    course = course_of(tmp_path, ("Proteins", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The NS1 protein binds")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "NS1 protein")
    options = distractors(backend.index, module_id, blank)
    assert set(options) == {"NS2 protein", "NS3 protein", "NS5 protein"}
    assert noun_class("police officers") == "agent" == noun_class("active contributors")
    assert noun_class("cooperation") == "process" != noun_class("genome")


def test_no_distractor_names_a_sub_or_super_kind_of_the_key() -> None:
    # blind review: 'betacoronavirus genome' and 'viral genome' are also true of a
    # coronavirus genome: a second key
    from builder.pedagogy.rules.distractors import nested_kind

    assert nested_kind("betacoronavirus genome", "coronavirus genome")
    assert nested_kind("viral genome", "coronavirus genome")
    assert nested_kind("coronavirus genome", "betacoronavirus genome")
    for option in ("dsRNA genome", "coronavirus protein"):
        assert not nested_kind(option, "coronavirus genome")
    assert not nested_kind("NS2 protein", "NS1 protein")
    assert not nested_kind("vulgar style", "florid style")


def test_a_two_sentence_module_still_gets_two_independent_items(tmp_path: Path) -> None:
    text = (
        "The armies of many Islamic nations are known for their advanced training, therefore "
        "their involvement in international peacekeeping missions is highly valued. They bring "
        "their knowledge of modern technology, practicality, and strategic planning into the "
        "missions they participate in, driving long-term peace."
    )
    course = enrich(course_of(tmp_path, ("Training", text), ("Other", VIRUS)))
    module = course.modules[0]
    assert len(module.quiz) >= 2, module.quiz
    assert cued(module.quiz) == []  # no stem gives away another item's answer
    assert not [f for f in module_flaws(module) if f.item.startswith("quiz")]


def test_a_decade_is_a_number_not_a_label() -> None:
    from builder.pedagogy.rules.cloze import _has_number

    assert _has_number("early 1990s") and _has_number("27 kilobases")
    assert not _has_number("NS1 protein") and not _has_number("ACE2")


def test_therefore_gives_an_objective_that_asks_why(tmp_path: Path) -> None:
    text = (
        "The armies of many Islamic nations are known for their advanced training, therefore "
        "their involvement in international peacekeeping missions is highly valued. They bring "
        "their knowledge of modern technology, practicality, and strategic planning into the "
        "missions they participate in, driving long-term peace."
    )
    module = enrich(course_of(tmp_path, ("Training", text), ("Other", VIRUS))).modules[0]
    # an argued claim is framed as the reading's, never asserted (blind review: 'loaded')
    assert ("Explain why, according to the reading, the involvement of the armies of many "
            "Islamic nations in international peacekeeping missions is highly valued."
            ) in [o.text for o in module.objectives]


def test_a_statement_that_one_thing_shows_another_asks_how() -> None:
    from builder.pedagogy.rules.analysis import ModuleAnalysis
    from builder.pedagogy.rules.ideas import explain_idea
    from builder.pedagogy.text import Casing

    text = (
        "The active participation of Islamic nations in international peacekeeping missions is "
        "a reflection of their dedication to global peace and stability."
    )
    claim = ModuleAnalysis(text, Casing(text)).claims[0]
    idea = explain_idea(claim)
    assert idea is not None and idea.objective.text == (
        "Explain how the active participation of Islamic nations in international "
        "peacekeeping missions reflects their dedication to global peace and stability.")
