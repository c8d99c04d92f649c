"""Quiz, round 10 (issue 12): more sound items for a module short of them (a term
that opens its sentence, a plural of a key phrase, siblings the course sets side
by side in another module), never a statement about an unnamed 'they' nor a name
cut in two. Each test runs on a fixed text and asserts the item made (or not)."""

from __future__ import annotations

from pathlib import Path

from builder import plan, read, review
from builder.model import Course
from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.cloze import BLANK, blanks
from builder.pedagogy.rules.quiz import false_statement, trimmed, true_statement
from builder.pedagogy.rules.statements import unresolved_subject

from .test_pedagogy_items import LABELS, claim_with, course_of

PREJUDICE = (
    "Racial prejudice had the force of law in the northern towns precisely because the "
    "machinery of local government had institutionalized the opinions of the white majority. "
    "Mobs attacked abolitionist speakers in Boston and New York throughout the decade. "
    "The schools, the churches and the courts of the region were shaped by racial prejudice. "
    "The abolitionists answered the mobs with newspapers, petitions and public lectures. "
    "The power of majority opinions about race was actively punitive in the growing cities. "
)


def test_a_key_phrase_that_opens_its_sentence_is_blanked(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Prejudice", PREJUDICE))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Racial prejudice had")
    found = {b.key: b.stem for b in blanks(backend.index.analyses[module_id], claim)}
    assert found.get("racial prejudice", "").startswith(f"{BLANK} had the force of law")


def test_a_key_phrase_in_the_plural_is_blanked_as_the_text_writes_it(tmp_path: Path) -> None:
    text = (
        "Every majority opinion on race found its way into the laws of the towns and states. "
    ) + PREJUDICE
    course = course_of(tmp_path, ("Prejudice", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    analysis = backend.index.analyses[module_id]
    claim = claim_with(backend, module_id, "The power of majority")
    keys = [b.key for b in blanks(analysis, claim)]
    assert "majority opinion" in analysis.key_phrases[:30]
    assert "majority opinions" in keys
    assert "majority opinion" not in keys  # never a blank that leaves an 's' behind


def test_no_statement_about_an_unnamed_they() -> None:
    assert unresolved_subject(
        "By augmenting the data with further data, analysis and research, they were able "
        "to map numerous of the routes of the illegal weapon trade.")
    assert unresolved_subject("They were able to map the routes of the trade.")
    assert unresolved_subject("In 1852, he spoke at the hall in Boston.")
    assert not unresolved_subject("When the reviewers disagree, they publish their reports.")
    assert not unresolved_subject("When Phillips spoke, he filled the hall.")
    assert not unresolved_subject("Phillips said they were wrong about the law.")


def test_a_true_statement_never_copies_an_unnamed_they(tmp_path: Path) -> None:
    text = (
        "The journalists requested six thousand pages of export licences from the ministry. "
        "By augmenting the data with further data, analysis and research, they were able "
        "to map many of the routes of the illegal weapon trade. "
        "The ministry published the licences in a public database two years later. "
    )
    course = course_of(tmp_path, ("Weapons", text))
    backend = RulesBackend(course)
    claim = claim_with(backend, course.modules[0].id, "By augmenting")
    assert true_statement(claim, LABELS) is None


THINKERS = (
    "Tocqueville wrote for the readers of France, while Mazzini wrote for the workers of Italy. "
    "Tocqueville wrote his famous book after a long journey through the American states. "
    "Both men travelled widely and corresponded with reformers in several countries. "
)


def modules_of(tmp_path: Path, *sections: tuple[str, str]) -> Course:
    """One module per section, however short (``min_words = 0``)."""
    root = tmp_path / "course"
    root.mkdir(parents=True)
    body = "\n\n".join(f"## {title}\n\n{text}" for title, text in sections)
    (root / "essay.md").write_text(f"# An essay\n\n{body}\n", encoding="utf-8")
    (root / "course.toml").write_text(
        'language = "en"\n\n[plan]\nmin_minutes = 0\nmin_words = 0\n', encoding="utf-8")
    return review.apply(plan.plan_course(read.read_course(root, "course")), None)
EXILE = (
    "Mazzini founded a secret society of young exiles in the port of Marseille. "
    "The society sent pamphlets to the cities of the peninsula every month by ship. "
    "Giuseppe Mazzini was a sharp and tireless critic of the old monarchies of Europe. "
    "The police of several states read the pamphlets and arrested their readers. "
)


def test_two_people_another_module_compares_are_no_siblings_here(tmp_path: Path) -> None:
    # round10 03: 'Tocqueville' swapped in for 'Phillips' in lessons that do not compare
    # them gave a second key ('Tocqueville developed a vision ... all his own'), a wrong
    # fact and nonsense ('In the case of the temperance law, Tocqueville ...')
    course = modules_of(tmp_path, ("Thinkers", THINKERS), ("Exile", EXILE))
    backend = RulesBackend(course)
    module_id = course.modules[1].id
    claim = claim_with(backend, module_id, "Mazzini founded")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is None or "Tocqueville" not in item.stem


def test_a_lone_true_copy_goes(tmp_path: Path) -> None:
    from builder.model import QuizItem
    from builder.pedagogy.rules.quizset import QuizMaker

    course = modules_of(tmp_path, ("Exile", EXILE))
    maker = QuizMaker(course, RulesBackend(course).index, LABELS)
    copy = QuizItem(kind="true_false", stem="The society sent pamphlets by ship.",
                    choices=LABELS, answer=0, feedback="True.")
    blank = QuizItem(kind="fill_blank", stem="Mazzini founded a _____ of exiles.", choices=(),
                     answer="secret society", feedback="")
    false = QuizItem(kind="true_false", stem="The society sent pamphlets by rail.",
                     choices=LABELS, answer=1, feedback="False.")
    maker._copies.add(id(copy))
    maker.tally[0] += 1
    assert maker._without_lone_copy([copy, blank]) == [blank]
    assert maker.tally[0] == 0
    # beside a false statement it stays; as the module's only item it goes too
    assert maker._without_lone_copy([copy, false, blank]) == [copy, false, blank]
    maker.tally[0] += 1
    assert maker._without_lone_copy([copy]) == []


def test_no_swap_cuts_a_name_in_two(tmp_path: Path) -> None:
    course = modules_of(tmp_path, ("Thinkers", THINKERS), ("Exile", EXILE))
    backend = RulesBackend(course)
    module_id = course.modules[1].id
    claim = claim_with(backend, module_id, "Giuseppe Mazzini")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is None or "Giuseppe Tocqueville" not in item.stem


def test_a_comment_clause_goes_but_not_an_adjective_or_a_list() -> None:
    assert trimmed(
        "The river floods the valley every spring, building wide plains of fertile soil."
    ) == "The river floods the valley every spring."
    kept = ("Phillips developed a theory of modern democratic society that accorded a vital, "
            "continuing role to dissenters and agitators like himself.")
    assert trimmed(kept) == kept
    listed = ("The data shows who applies for funding, how much they get, and whether they "
              "get it for farming their land, developing their region or exporting milk.")
    assert trimmed(listed) == listed


def test_a_fill_in_with_no_other_answer_never_says_nothing_else() -> None:
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "reviews" / "dump.py"
    spec = importlib.util.spec_from_file_location("dump", path)
    assert spec is not None and spec.loader is not None
    dump = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dump)
    item = {"kind": "fill_blank", "stem": "Bar charts compare _____.", "answer": "categorical data",
            "accept": [], "feedback": ""}
    lines = dump.quiz_lines("04-m01-FB2", item)
    assert lines[1] == "  - answer: categorical data"
    item["accept"] = ["categories", " "]
    assert dump.quiz_lines("04-m01-FB2", item)[1] == (
        "  - answer: categorical data (also accepted: categories)")


def test_accepted_answers_are_never_blank() -> None:
    from builder.pedagogy.answers import variants

    for answer in ("transparency", "categorical data", "replicase gene", "  ", "-"):
        assert all(form.strip() for form in variants(answer, "comparing ", ".", ""))


def test_no_blank_on_the_topic_word_a_heading_names(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quizset import headed

    course = modules_of(
        tmp_path,
        ("Role and Contribution in Peacekeeping Missions", EXILE),
        ("It is not easy to write a familiar style", THINKERS),
        ("Passing output to another command", PREJUDICE),
    )
    role, style, command = course.modules
    assert headed(role, "active contributors")  # 'Contribution': guessed from the heading
    assert headed(role, "contribution")
    assert not headed(role, "secret society")
    assert not headed(style, "vulgar style")  # the heading's 'familiar style' is a sibling
    assert not headed(command, "uniq command")  # a name that says which command
    assert not headed(command, "sort command")


def test_the_subject_of_a_sentence_is_a_blank_and_an_unknown_name_is_no_adjective(
    tmp_path: Path,
) -> None:
    from builder.pedagogy.rules.cloze import modifier_kind

    assert modifier_kind("uniq command") == "noun"
    assert modifier_kind("majoritarian tyranny") == "adj"
    text = (
        "The sort command arranges the lines of a file in alphabetical order by default. "
        "The uniq command has a -c option which gives a count of the number of times a line "
        "occurs in its input. "
        "The uniq command filters out adjacent matching lines in a file or a stream. "
        "The sort command with the -n option sorts the lines by their numeric value instead. "
    )
    course = course_of(tmp_path, ("Filters", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The uniq command has")
    stems = {b.key: b.stem for b in blanks(backend.index.analyses[module_id], claim)}
    assert stems["uniq command"].startswith(f"The {BLANK} has a -c option")


MASSES = (
    "Phillips trusted the unfettered common sense of the masses above the counsel of statesmen. "
    "Statesmen flattered the voters and followed the majority wherever it went in those years. "
    "Phillips believed that over the long run the democratic tendencies of the masses tended "
    "towards right and justice. "
    "The abolitionists toured the northern states with petitions, newspapers and lectures. "
)


def test_a_fill_in_accepts_the_readings_other_phrase_for_the_same_slot(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quiz import fill_blank

    course = course_of(tmp_path, ("Masses", MASSES))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Phillips believed")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "democratic tendencies")
    item = fill_blank(blank, backend.index, strict=False)
    assert item is not None and item.answer == "democratic tendencies"
    assert "common sense" in item.accept  # 'the _____ of the masses': the reading's other words


def test_a_fill_in_accepts_a_coined_name_without_its_class_noun() -> None:
    from builder.pedagogy.answers import variants

    assert "replicase" in variants("replicase gene", "The ", " comprises two-thirds.", "")
    assert "spike" not in variants("spike protein", "The ", " binds receptors.", "")


def test_two_traits_trade_definitions_though_their_sentence_is_no_source(
    tmp_path: Path,
) -> None:
    from builder.pedagogy.rules.quizset import QuizMaker

    from .test_pedagogy_quiz_contrast import PEER

    course = course_of(tmp_path, ("Forms", PEER))
    backend = RulesBackend(course)
    module = course.modules[0]
    maker = QuizMaker(course, backend.index, LABELS)
    judge = claim_with(backend, module.id, "Open reports let readers")
    found = maker._trait_swap(module, [(judge, (0,))], set(), [])
    assert found is not None
    item, claim = found
    assert item.answer == 1 and item.objectives == (0,)
    assert item.stem.startswith("In the reading, “open ")
    assert "means: both authors" in item.stem or "means: review reports" in item.stem
    # once its sentence has an item, no second swap from it
    assert maker._trait_swap(module, [(judge, (0,))], {(claim.sentence.index, 0)}, []) is None


def test_a_true_statement_is_no_negation(tmp_path: Path) -> None:
    text = (
        "The power of majority opinions about race was not abstract or putative in the towns. "
        "Mobs attacked abolitionist speakers in Boston and New York throughout the decade. "
        "The courts of the region upheld the segregated schools of the northern towns. "
    )
    course = course_of(tmp_path, ("Power", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    assert true_statement(claim_with(backend, module_id, "The power of majority"), LABELS) is None
    item = true_statement(claim_with(backend, module_id, "Mobs attacked"), LABELS)
    assert item is not None and item.stem.startswith("Mobs attacked abolitionist speakers")


def test_no_statement_with_a_his_or_their_that_names_no_one() -> None:
    from builder.pedagogy.rules.statements import unresolved_pronoun

    # round11 07-m02-TF1: 'The matter is completely his own, though the manner is
    # assumed' ('his' has no referent: always true, nonsense)
    assert unresolved_pronoun("The matter is completely his own, though the manner is assumed.")
    assert unresolved_pronoun("The number shows his age.")  # no person in a noun in -er
    for text in ("Mazzini said that his mother never forgave him.",
                 "The armies of many nations are known for their advanced training.",
                 "The writer keeps his style plain.", "A sailor knows his ship."):
        assert not unresolved_pronoun(text), text
