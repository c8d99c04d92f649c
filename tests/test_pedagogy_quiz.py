"""Quiz items that test understanding (issue 12), on fixed texts: false statements
from the text's own siblings, balanced keys, first person, fill-in answers,
feedback that teaches, items that assess objectives, and the checks
``coursepack check`` makes on any set of items."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builder.model import Course, Module, Objective, QuizItem
from builder.pedagogy.flaws import check_item, course_flaws, module_flaws
from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.cloze import BLANK, blanks, in_stem, ordinary
from builder.pedagogy.rules.quiz import (
    false_statement,
    fill_blank,
    multiple_choice,
    term_options,
)
from builder.pedagogy.stage import enrich

from .test_pedagogy import planned
from .test_pedagogy_items import HISTORY, LABELS, VIRUS, claim_with, course_of

EXAMPLE = Path(__file__).resolve().parent.parent / "course" / "peacekeeping.md"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return planned(tmp_path_factory.mktemp("example") / "course", EXAMPLE)


SPIKE = (
    "The spike protein of the virus has two subunits with different tasks. "
    "The S1 subunit guides the binding of the virus to a host cell receptor, and the "
    "S2 subunit guides the fusion process. "
    "The S1 subunit evolves much more rapidly than the rest of the viral genome. "
    "Mutations in the S2 subunit are rare because they often prevent fusion altogether."
)
SHELL = (
    "The cat command prints the contents of files one after another on the screen. "
    "The sort command sorts the lines of a file in alphabetical order by default. "
    "The head command shows the first ten lines of a file and then stops reading. "
    "The tail command prints the last few lines of a file, which helps with logs. "
    "The wc command counts the lines, words and characters in its input files."
)
MEMOIR = (
    "I asked the European Commission for the farm subsidy data in the summer of 2004. "
    "The Commission refused to release the data because it was stored in a database. "
    "I then asked every national ministry of agriculture for the same subsidy data. "
    "Denmark was the first member state to publish the names of the subsidy recipients. "
    "The Danish data showed that large land owners received most of the farm subsidies."
)


def test_siblings_of_one_sentence_trade_places_for_a_false_statement(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Spike", SPIKE))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The S1 subunit guides")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is not None and item.answer == 1
    assert item.stem.startswith("The S2 subunit guides the binding")
    assert "and the S1 subunit guides the fusion" in item.stem
    assert "The reading says: “The S1 subunit guides" in item.feedback


def test_a_command_gets_other_commands_of_the_text_as_distractors(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Shell", SHELL))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The head command")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "head command")
    item = multiple_choice(backend.index, module_id, blank, 2)
    assert item is not None and item.choices[2] == "head command"
    others = set(item.choices) - {"head command"}
    assert len(others) == 3 and all(o.endswith(" command") for o in others), item.choices
    # feedback: why the key is right, and where each distractor belongs instead
    assert item.feedback.startswith("“head command” is right. The reading says: “The head")
    for other in others:
        assert f"“{other}” belongs elsewhere: “…" in item.feedback
    assert not check_item(item)


def test_first_person_needs_the_authors_name(tmp_path: Path) -> None:
    anonymous = enrich(course_of(tmp_path / "a", ("Subsidies", MEMOIR), ("Virus", VIRUS)))
    stems = [i.stem for m in anonymous.modules for i in m.quiz]
    assert stems and not any("the author" in s.lower() for s in stems)
    named = planned(
        tmp_path / "b" / "course",
        f"---\nauthor: Brigitte Alfter\n---\n# Wobbing\n\n## Subsidies\n\n{MEMOIR}\n\n"
        f"## Virus\n\n{VIRUS}\n",
    )
    backend = RulesBackend(named)
    claim = claim_with(backend, named.modules[0].id, "The author asked")
    item = backend.quizzes._item("true_false", named.modules[0],
                                 backend.index.analyses[named.modules[0].id], claim, [0], False)
    assert item is not None and item.stem.startswith("Alfter asked the European Commission")


def test_true_false_keys_alternate_over_the_course(tmp_path: Path) -> None:
    course = enrich(course_of(tmp_path, ("History", HISTORY), ("Spike", SPIKE),
                              ("Shell", SHELL), ("Subsidies", MEMOIR), ("Virus", VIRUS)))
    keys = [i.answer for m in course.modules for i in m.quiz if i.kind == "true_false"]
    assert keys and abs(keys.count(0) - keys.count(1)) <= 1, keys
    assert not [f for f in course_flaws(course) if f.code == "tf-balance"]


def test_every_generated_item_assesses_an_objective(tmp_path: Path) -> None:
    course = enrich(course_of(tmp_path, ("History", HISTORY), ("Spike", SPIKE),
                              ("Shell", SHELL)))
    items = [(m, i) for m in course.modules for i in m.quiz]
    assert items
    for module, item in items:
        assert item.objectives and all(0 <= n < len(module.objectives) for n in item.objectives)


def test_no_blank_on_the_lessons_topic(tmp_path: Path) -> None:
    # blind review: a blank on the words of the lesson's title is guessed from
    # the heading ('blanks the essay's topic', 'key echoes lesson title')
    for title, kept in (("Shell", True), ("Using the head commands", False)):
        course = course_of(tmp_path / title.replace(" ", "-"), (title, SHELL))
        backend = RulesBackend(course)
        module_id = course.modules[0].id
        claim = claim_with(backend, module_id, "The head command")
        keys = [b.key for b in blanks(backend.index.analyses[module_id], claim)]
        assert ("head command" in keys) is kept, (title, keys)


def test_no_fill_in_on_a_list_member(tmp_path: Path) -> None:
    text = (
        "The missions drew on experience in mediation, security operations, and disaster "
        "recovery across the globe. " + VIRUS
    )
    course = course_of(tmp_path, ("Missions", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The missions drew")
    for blank in blanks(backend.index.analyses[module_id], claim):
        if blank.key in ("disaster recovery", "security operations"):
            assert fill_blank(blank, backend.index) is None


def test_fill_in_accepts_the_head_noun_in_context(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Virus", VIRUS))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Coronaviruses are large")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "large viruses")
    item = fill_blank(blank, backend.index)
    assert item is not None and item.stem.startswith(f"Coronaviruses are {BLANK} that")
    # the head noun alone; 'are _____' fixes the number: no 'large virus'
    assert item.accept == ("viruses",)


STYLES = (
    "The plain style is the reverse of the pompous style in every respect. "
    "Many writers mistake a plain manner for a careless one and write at random. "
    "A pompous style uses a word twice as big as the thing it wants to express. "
    "A florid style hides a want of ideas under a show of colours and ornaments. "
    "A vulgar style picks the first word that comes without caring whether it fits. "
    "Good writers weigh every word before they put it into a sentence of their own."
)


def test_phrase_options_are_siblings_with_the_keys_head(tmp_path: Path) -> None:
    """'florid style' gets other styles, never phrases of another kind."""
    course = course_of(tmp_path, ("Styles", STYLES))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "A florid style hides")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "florid style")
    item = multiple_choice(backend.index, module_id, blank, 1)
    assert item is not None, "three other styles are in the text"
    assert item.choices[1] == "florid style"
    assert all(c.endswith(" style") for c in item.choices), item.choices


def test_no_multiple_choice_without_three_siblings(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Virus", VIRUS))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    analysis = backend.index.analyses[module_id]
    for claim in analysis.ranked_claims:
        for blank in blanks(analysis, claim):
            if blank.kind != "phrase":
                continue
            item = multiple_choice(backend.index, module_id, blank, 0)
            if item is not None:
                head = blank.key.split()[-1]
                assert all(c.split()[-1] == head for c in item.choices), item.choices


def test_no_false_statement_from_list_members_trading_places(tmp_path: Path) -> None:
    """'Bosnia, Lebanon, and Kosovo' for 'Bosnia, Kosovo, and Lebanon' is still true."""
    text = ("Notable examples include peacekeeping forces in Bosnia, Kosovo, and Lebanon "
            "during the last three decades. " + VIRUS)
    course = course_of(tmp_path, ("Missions", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Notable examples")
    from builder.pedagogy.rules.quiz import _exchange

    assert _exchange(backend.index, module_id, claim) is None


def test_head_sibling() -> None:
    from builder.pedagogy.rules.distractors import head_sibling

    assert head_sibling("vulgar style", "florid style")
    assert head_sibling("S2 subunit", "S1 subunit")
    assert not head_sibling("florid style", "florid style")
    assert not head_sibling("modern technology", "harmonious world")
    assert not head_sibling("style", "florid style")


def test_fill_in_skips_the_readings_wording(tmp_path: Path) -> None:
    """'active participation' once in the text: other adjectives fit as well and the
    head noun is not accepted alone (another adjective precedes it elsewhere)."""
    text = (
        "The active participation of small states in the missions reflects their dedication "
        "to peace and to the rule of law. Passive participation in a mission would earn them "
        "little respect abroad. " + VIRUS
    )
    course = course_of(tmp_path, ("Missions", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The active participation")
    found = [b for b in blanks(backend.index.analyses[module_id], claim)
             if b.key == "active participation"]
    for blank in found:
        assert fill_blank(blank, backend.index) is None
        assert fill_blank(blank, backend.index, strict=False) is not None


def test_no_blank_on_a_possessive(tmp_path: Path) -> None:
    text = (
        "The power of majority opinion was actively punitive, even in Phillips's Boston and "
        "in the other cities of the North. " + VIRUS
    )
    course = course_of(tmp_path, ("Boston", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The power of majority")
    assert all("'s" not in b.key for b in blanks(backend.index.analyses[module_id], claim))


@pytest.mark.parametrize(("statement", "expected"), [
    ("Phillips also developed a vision of democracy that was all his own.",
     "Phillips developed a vision of democracy that was all his own."),
    ("The power of opinion was not abstract or putative, either.",
     "The power of opinion was not abstract or putative."),
    ("It was, however, a good idea for the farmers.", "It was a good idea for the farmers."),
    ("Viral receptors show higher affinity with protein receptors than sugar receptors, "
     "which suggests that selection might reduce the risk.",
     "Viral receptors show higher affinity with protein receptors than sugar receptors."),
    ("Where the river slows down on flat land it drops the sand, building wide plains.",
     "Where the river slows down on flat land it drops the sand."),
    ("He stood for majority rule as well as abolition.",
     "He stood for majority rule as well as abolition."),
    ("It is too much for the river.", "It is too much for the river."),
    ("In the third place, the soul does violence to itself when it is overpowered by pain.",
     "The soul does violence to itself when it is overpowered by pain."),
])
def test_true_statements_stand_alone(statement: str, expected: str) -> None:
    from builder.pedagogy.rules.quiz import paraphrase, trimmed

    assert paraphrase(trimmed(statement)) == expected


# -- the checks coursepack check makes ----------------------------------------------

FEEDBACK = ("The reading says: “Notable examples include peacekeeping forces in Bosnia and "
            "Herzegovina, Kosovo, and Lebanon.”")


def _module(example: Course, *quiz: QuizItem) -> Module:
    goal = Objective("Name the places where the missions served peacekeeping forces.",
                     "name", "remember")
    return dataclasses.replace(example.modules[0], quiz=quiz, objectives=(goal,))


def _mc(choices: tuple[str, ...], answer: int = 0) -> QuizItem:
    return QuizItem("multiple_choice", "Notable peacekeeping forces served in _____.",
                    choices, answer, FEEDBACK, objectives=(0,))


def test_check_flags_a_key_hidden_in_a_stem_word() -> None:
    """'concatenate' gives away 'cat' (blind review r1: giveaway)."""
    stem = "The _____ gets its name from 'concatenate', and it prints files one after another."
    choices = ("cat command", "head command", "echo command", "sort command")
    item = QuizItem("multiple_choice", stem, choices, 0, FEEDBACK, objectives=(0,))
    assert "clang" in {p.code for p in check_item(item)}
    plain = dataclasses.replace(item, stem="The _____ prints files one after another.")
    assert "clang" not in {p.code for p in check_item(plain)}


def test_check_flags_a_key_that_opens_like_a_stem_word() -> None:
    stem = "Phillips feared that majority rule could turn into _____ over time."
    choices = ("majoritarian tyranny", "public life", "individual property", "mob violence")
    item = QuizItem("multiple_choice", stem, choices, 0, FEEDBACK, objectives=(0,))
    assert "clang" in {p.code for p in check_item(item)}


def test_no_blank_before_its_own_abbreviation() -> None:
    from builder.pedagogy.rules.cloze import _spelled_out

    assert _spelled_out("coordinate reference system", " (CRS) information, in a format")
    assert not _spelled_out("coordinate reference system", " information (see below)")


def test_check_flags_a_distractor_of_another_kind() -> None:
    codes = {p.code for p in check_item(_mc(("Kosovo", "Lebanon", "1999", "Mali")))}
    assert "distractor-kind" in codes
    codes = {p.code for p in check_item(_mc(("Kosovo", "Lebanon", "soldiers", "Mali")))}
    assert "distractor-kind" in codes
    assert "distractor-kind" not in {
        p.code for p in check_item(_mc(("Kosovo", "Lebanon", "Bosnia", "Mali")))}
    phrases = _mc(("police officers", "soldiers", "quickly", "nations"))
    assert "distractor-kind" in {p.code for p in check_item(phrases)}


def test_check_flags_an_item_that_assesses_no_objective(example: Course) -> None:
    item = dataclasses.replace(_mc(("Kosovo", "Lebanon", "Bosnia", "Mali")), objectives=())
    assert "unassessed-item" in {f.code for f in module_flaws(_module(example, item))}
    assert "unassessed-item" not in {f.code for f in module_flaws(_module(
        example, _mc(("Kosovo", "Lebanon", "Bosnia", "Mali"))))}


def test_check_flags_unbalanced_true_false_keys(example: Course) -> None:
    def tf(answer: int) -> QuizItem:
        return QuizItem("true_false", "Notable peacekeeping forces served in Kosovo.",
                        LABELS, answer, FEEDBACK, objectives=(0,))

    def course(*answers: int) -> Course:
        return dataclasses.replace(example, modules=(_module(example, *map(tf, answers)),))

    assert "tf-balance" in {f.code for f in course_flaws(course(0, 0, 0, 1))}
    assert "tf-balance" in {f.code for f in course_flaws(course(0, 0))}
    assert "tf-balance" not in {f.code for f in course_flaws(course(0, 1, 0))}
    assert "tf-balance" not in {f.code for f in course_flaws(course(0, 1, 1, 0, 0, 1))}


@pytest.mark.parametrize(("phrase", "common"), [
    ("government", True), ("theory", True), ("region", True), ("involvement", True),
    ("tyranny", False), ("peacekeeping", False), ("CRS", False), ("1835", False),
    ("head command", False), ("spike protein", False), ("political life", True),
])
def test_a_blank_never_falls_on_an_everyday_word(phrase: str, common: bool) -> None:
    assert ordinary(phrase) is common


def test_a_phrase_the_module_keeps_using_is_a_term_however_plain() -> None:
    assert ordinary("political life", count=1) and not ordinary("political life", count=3)


@pytest.mark.parametrize(("key", "rest", "given"), [
    ("review", "Open _____ lets the reviewers sign their reports.", True),
    ("coordinate reference system", "Each _____ (CRS) has a code.", True),
    ("CRS", "Each _____ is a coordinate reference system with a code.", True),
    ("transparency", "Open _____ lets the reviewers sign their reports.", False),
])
def test_no_blank_whose_key_the_stem_gives(key: str, rest: str, given: bool) -> None:
    assert in_stem(key, rest) is given


def test_no_lone_true_statement_where_other_items_suffice(tmp_path: Path) -> None:
    # a true statement pairs with a false one the course already has, unless a
    # module is short of two items once every other kind has failed
    for texts in ((("Subsidies", MEMOIR),), (("History", HISTORY), ("Subsidies", MEMOIR))):
        course = enrich(course_of(tmp_path / str(len(texts)), *texts))
        for module in course.modules:
            keys = [i.answer for i in module.quiz if i.kind == "true_false"]
            others = [i for i in module.quiz if i.kind != "true_false"]
            if len(others) >= 2:
                assert keys.count(0) <= keys.count(1), keys


def test_feedback_says_why_the_key_is_right(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Shell", SHELL + " Use the head command on long logs first."))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The head command")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "head command")
    item = multiple_choice(backend.index, module_id, blank, 0)
    assert item is not None
    assert "also uses it in “…Use the head command on long logs first" in item.feedback


GLOSSARY = (
    "A wildcard is a character that matches any run of characters in the names of files. "
    "A redirect is an operator that sends the output of a command into a file on the disk. "
    "A filter is a program that transforms a stream of input into a stream of output. "
    "A loop is a construct that repeats the same commands for each item of a list. "
    "A variable is a name that stands for a value the shell keeps during a session. "
    "The shell expands each wildcard before the command runs, so the command never sees it. "
    "A second redirect of the same command appends instead of replacing the file. "
    "Each filter in a pipeline reads what the one before it writes. "
    "A loop over the files of a folder saves typing the same command many times. "
    "A variable inside a loop holds the current item."
)


def test_a_defined_term_gets_other_defined_terms_as_options(tmp_path: Path) -> None:
    from builder.pedagogy.rules.cloze import term_blank
    from builder.pedagogy.rules.terms import definitions

    course = course_of(tmp_path, ("Shell words", GLOSSARY))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    analysis = backend.index.analyses[module_id]
    terms = [d.term for d in definitions(analysis)]
    assert {"wildcard", "redirect", "filter", "loop"} <= {t.lower() for t in terms}
    claim = claim_with(backend, module_id, "A redirect is")
    blank = term_blank(claim, "redirect")
    assert blank is not None
    options = term_options(backend.index, blank, terms)
    assert len(options) >= 3 and "redirect" not in [o.lower() for o in options]
    made = enrich(course).modules[0].quiz
    chosen = [i for i in made if i.kind == "multiple_choice"]
    assert chosen and all(len(i.choices) == 4 for i in chosen)
    assert all("belongs elsewhere" in i.feedback for i in chosen)


def test_no_false_statement_from_two_places_trading_places(tmp_path: Path) -> None:
    text = (
        "Denmark and the UK are amongst the more liberal countries in Europe, so there may "
        "well have been political winds blowing into the direction of transparency there. "
        + MEMOIR + " Sweden publishes data in Europe. Farmers in Denmark got the most."
    )
    course = course_of(tmp_path, ("Liberal", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Denmark and the UK")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is None or "countries in Denmark" not in item.stem


@pytest.mark.parametrize(("statement", "image"), [
    ("Words, like clothes, get old-fashioned when they have been for some time laid aside.",
     True),
    ("The mind is like a river that never stops.", True),
    ("Phillips, like Tocqueville, feared the power of the majority.", False),
    ("Tools like grep filter the lines of a file.", False),
])
def test_no_true_false_item_on_a_simile(statement: str, image: bool) -> None:
    from builder.pedagogy.rules.quiz import simile

    assert simile(statement) is image


def test_two_people_of_a_comparison_trade_places_for_a_false_statement(tmp_path: Path) -> None:
    text = (
        "Phillips had a much deeper awareness of racial prejudice than Tocqueville in the "
        "years before the war. Phillips praised agitation in his speeches in Boston. "
        "Tocqueville travelled in America and wrote about its democracy for French readers. "
        "Phillips and Tocqueville both feared the tyranny of the majority in a democracy. "
        "Tocqueville may have been less hopeful than Phillips about the future of democracy."
    )
    course = course_of(tmp_path, ("Compared", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Phillips had a much deeper")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is not None and item.answer == 1
    assert item.stem.startswith("Tocqueville had a much deeper awareness") and (
        "than Phillips" in item.stem)
    hedged = claim_with(backend, module_id, "Tocqueville may have been")
    made = false_statement(backend.index, module_id, hedged, LABELS)
    assert made is None or "less hopeful than Tocqueville" not in made.stem
