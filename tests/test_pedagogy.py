"""The pedagogy stage on whole courses: the example essay, the corpus, determinism,
authored items, languages and backends."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from builder import plan, read, review
from builder.model import BLOOM_LEVELS, Course, Objective, Question, QuizItem
from builder.pedagogy.flaws import (
    check_item,
    check_objective,
    check_question,
    course_flaws,
    near_duplicates,
    unassessed,
)
from builder.pedagogy.lexicon import BLOOM_VERBS, VAGUE_VERBS
from builder.pedagogy.notes import notes_for
from builder.pedagogy.stage import enrich

NO_SUMMARY = "No summary"

REPO = Path(__file__).resolve().parent.parent
ESSAY = REPO / "course" / "peacekeeping.md"
HIGHER = {"analyze", "evaluate", "create"}


def planned(
    root: Path, essay: Path | str, language: str = "en", **pedagogy: int | str
) -> Course:
    """The course of one essay in a new folder ``root``, read and planned by the real
    stages (no plan.yaml), before pedagogy: ``pedagogy`` sets [pedagogy] options.
    Every section stays a module (``min_minutes = 0``): these tests look at the
    material of each section."""
    root.mkdir(parents=True, exist_ok=True)
    text = essay.read_text(encoding="utf-8") if isinstance(essay, Path) else essay
    (root / "essay.md").write_text(text, encoding="utf-8")
    toml = f'language = "{language}"\n\n[plan]\nmin_minutes = 0\n\n[pedagogy]\n' + "".join(
        f"{key} = {value!r}\n".replace("'", '"') for key, value in pedagogy.items()
    )
    (root / "course.toml").write_text(toml, encoding="utf-8")
    return review.apply(plan.plan_course(read.read_course(root, "course")), None)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return enrich(planned(tmp_path_factory.mktemp("example") / "course", ESSAY))


@pytest.fixture
def essay_course(tmp_path: Path):
    """Like :func:`planned`, each call in a folder of its own."""
    calls = iter(range(1000))

    def make(essay: Path | str, language: str = "en", **pedagogy: int | str) -> Course:
        return planned(tmp_path / f"c{next(calls)}" / "course", essay, language, **pedagogy)

    return make


def test_example_modules_are_the_body_sections_and_conclusion(example: Course) -> None:
    assert [m.title for m in example.modules] == [
        "An Islamic Nation's Role and Contribution",
        "The Networking and Cooperation",
        "Training and Expertise",
        "Conclusion",
    ]
    assert [m.kind for m in example.modules] == ["lesson", "lesson", "lesson", "synthesis"]


def test_example_counts(example: Course) -> None:
    config = example.config.pedagogy
    for module in example.modules:
        assert 2 <= len(module.objectives) <= config.objectives, module.id
        assert 2 <= len(module.discussion) <= config.questions, module.id
        # a module of three sentences may have one sound item only (issue 12: 'unless
        # its text is too short; then the instructor guide says why'): round 8 no
        # longer fills it with options outside the key's kind ('disaster recovery',
        # 'modern technology' for 'mutual growth'; rejected in every blind round)
        # round 10: nor a blank on the module's topic word or a praising modifier
        # ('active contributors' under 'Role and Contribution', 'essential pillars';
        # rejected in rounds 8 and 9), and the course's one true statement without a
        # false one to pair with goes to the first module short of items: a short
        # module may be left with none, and its note says so
        fewest = 2 if module.text.count(". ") >= 4 else 0
        assert fewest <= len(module.quiz) <= config.quiz_items, module.id
        if len(module.quiz) < config.quiz_items:
            assert any("knowledge-check" in n for n in module.notes), module.id
        assert module.summary and len(module.summary.split()) >= 8


def test_example_objectives_follow_bloom(example: Course) -> None:
    for module in example.modules:
        levels = {o.bloom for o in module.objectives}
        assert len(levels) >= 2, module.id
        assert levels & HIGHER, module.id
        for objective in module.objectives:
            first = objective.text.split()[0]
            assert first.lower() == objective.verb
            assert objective.verb in BLOOM_VERBS[objective.bloom]
            assert objective.verb not in VAGUE_VERBS
            assert 6 <= len(objective.text.split()) <= 30
            assert objective.text.endswith(".")
            assert objective.origin == "generated"
            assert not check_objective(objective)
            # never just the heading with a verb in front
            assert objective.text.rstrip(".") != f"{first} {module.title}"


def test_example_every_objective_is_assessed(example: Course) -> None:
    for module in example.modules:
        assert unassessed(module.objectives, module.discussion, module.quiz) == [], module.id
        indexes = [q.objectives for q in module.discussion] + [i.objectives for i in module.quiz]
        assert all(0 <= i < len(module.objectives) for found in indexes for i in found)


def test_example_questions_are_open_and_annotated(example: Course) -> None:
    for module in example.modules:
        texts = [q.text for q in module.discussion]
        assert near_duplicates(texts, 0.8) == []
        for question in module.discussion:
            assert not check_question(question), question.text
            assert question.bloom in HIGHER
            assert len(question.note.split()) >= 12


def test_example_examines_the_generalisation_instead_of_amplifying_it(example: Course) -> None:
    first = example.modules[0]
    texts = " ".join(q.text for q in first.discussion)
    assert "treatment of \"Islamic nations\" as one group" in texts
    for module in example.modules:
        # a summary restating a generalisation about the group attributes it to the reading
        if "Islamic nations" in module.summary:
            assert module.summary.startswith("The reading argues that")
        for question in module.discussion:
            # every question attributes the claims to the reading
            assert "reading" in question.text or "conclusion" in question.text


def test_example_quiz_items_are_sound(example: Course) -> None:
    positions: Counter[int] = Counter()
    for module in example.modules:
        for item in module.quiz:
            assert not check_item(item), item
            assert "The reading says" in item.feedback
            if item.kind == "multiple_choice":
                assert len(item.choices) == 4 and isinstance(item.answer, int)
                positions[item.answer] += 1
            if item.kind == "true_false":
                assert item.choices == ("True", "False")
        false_items = [i for i in module.quiz if i.kind == "true_false" and i.answer == 1]
        true_items = [i for i in module.quiz if i.kind == "true_false" and i.answer == 0]
        # a set of true/false items is never all true; a lone true statement is the
        # last resort that brings a very short module to three items
        assert false_items or len(true_items) <= 1, "a true/false set is never all true"
        # a module left with no sound item says so (round 10, test_example_counts)
        empty = any("knowledge-check items (0 of" in n for n in module.notes)
        assert module.quiz or empty, module.id
    # round 8: the example's multiple choice items all had options outside the
    # key's kind (the last resort, rejected in every blind round): none is made;
    # key positions are checked on the essay that has same-kind options
    # (test_multiple_choice_keys_are_spread)
    assert max(positions.values(), default=0) <= sum(positions.values()) // 2 + 1


def test_example_answers_come_from_the_text(example: Course) -> None:
    for module in example.modules:
        for item in module.quiz:
            source = item.feedback.split("The reading says: “", 1)[1].split("”", 1)[0]
            assert source in module.text
            if item.kind == "fill_blank":
                assert str(item.answer) in module.text
            if item.kind == "multiple_choice":
                assert isinstance(item.answer, int)
                assert item.choices[item.answer] in module.text


# An essay whose modules name things of one kind (commands, told apart by a
# name before one head noun): multiple choice with same-kind options.
SHELL = """# Working with text files in the shell

## Counting and sorting

The wc command counts the lines, words and characters in a file. The sort command arranges the \
lines of a file in alphabetical order. The uniq command removes adjacent duplicate lines from its \
input. Because uniq only compares neighbouring lines, the sort command usually runs before it in \
a pipeline. The head command prints the first lines of a file, while the tail command prints the \
last lines of a file.

## Selecting parts of lines

The cut command selects columns from each line of a file. The grep command prints the lines of a \
file that match a pattern. The echo command prints its arguments to the screen. A pipe sends the \
output of one command to the input of the next command, so that small commands combine into a \
longer job. The redirection operator writes the output of a command to a file instead of the \
screen.
"""


def test_same_seed_same_output_other_seed_other_positions(essay_course) -> None:
    one = enrich(essay_course(SHELL, seed=7))
    two = enrich(essay_course(SHELL, seed=7))
    assert one.modules == two.modules
    answers = {
        seed: [
            i.answer
            for m in enrich(essay_course(SHELL, seed=seed)).modules
            for i in m.quiz
            if i.kind == "multiple_choice"
        ]
        for seed in (1, 2, 3)
    }
    assert all(len(a) >= 2 for a in answers.values()), answers
    assert len({tuple(a) for a in answers.values()}) > 1


def test_multiple_choice_options_are_of_the_keys_kind(essay_course) -> None:
    course = enrich(essay_course(SHELL, seed=7))
    choices = [i for m in course.modules for i in m.quiz if i.kind == "multiple_choice"]
    assert len(choices) >= 2
    for item in choices:  # every option a command, as the key is
        assert all(c.endswith(" command") for c in item.choices), item.choices
        assert isinstance(item.answer, int)


def test_counts_follow_config(essay_course) -> None:
    few = enrich(essay_course(ESSAY, objectives=2, questions=2, quiz_items=3))
    for module in few.modules:
        assert len(module.objectives) == 2
        assert len(module.discussion) == 2
        assert len(module.quiz) <= 3


def test_authored_items_are_kept_and_win(essay_course) -> None:
    course = essay_course(ESSAY)
    module = course.modules[0]
    mine = Objective(
        "Describe the peacekeeping missions the essay names.", "describe", "understand",
        origin="authored",
    )
    question = Question(
        "Why might a country send police rather than soldiers?", "analyze",
        "Consider mandates.", origin="authored", objectives=(0,),
    )
    item = QuizItem(
        "true_false", "Kosovo is one of the missions the essay names.", ("True", "False"), 0,
        "See the second paragraph.", origin="authored", objectives=(0,),
    )
    edited = dataclasses.replace(
        module, objectives=(mine,), discussion=(question,), quiz=(item,),
        summary="My own summary.",
    )
    course = dataclasses.replace(course, modules=(edited,) + course.modules[1:])
    result = enrich(course).modules[0]
    assert result.objectives[0] == mine
    assert result.discussion[0] == question
    assert result.quiz[0] == item
    assert result.summary == "My own summary."
    assert len(result.objectives) == course.config.pedagogy.objectives
    assert sum(o.origin == "authored" for o in result.objectives) == 1
    for q in result.discussion[1:]:
        assert all(1 <= i < len(result.objectives) for i in q.objectives)


def test_language_without_frames_gets_summary_and_a_note(tmp_path: Path, essay_course) -> None:
    # German has a data file with section names but no pedagogy frames
    essay = tmp_path / "aufsatz.md"
    essay.write_text(
        "# Der Wasserkreislauf\n\n## Die Verdunstung\n\n"
        "Das Wasser der Ozeane verdunstet, wenn die Sonne die Oberfläche erwärmt. Der Dampf "
        "steigt in die Luft und kühlt in der Höhe ab. Wolken bilden sich um Staubteilchen.\n\n"
        "## Der Regen\n\nRegen, Schnee und Hagel bringen das Wasser zurück zum Boden. Die "
        "Flüsse leiten es dann ins Meer, und der Kreislauf beginnt jeden Tag von vorn.\n",
        encoding="utf-8",
    )
    course = enrich(essay_course(essay, "de"))
    for module in course.modules:
        assert module.summary and module.summary.split()[0] in module.text
        assert module.objectives == () and module.discussion == () and module.quiz == ()
        assert module.notes[0] == notes_for("de").say("not_english", language="de")


def test_french_course_gets_french_material(tmp_path: Path, essay_course) -> None:
    essay = tmp_path / "essai.md"
    essay.write_text(
        "# Le cycle de l'eau\n\n## L'évaporation\n\n"
        "L'eau des océans s'évapore quand le soleil chauffe la surface. La vapeur monte "
        "dans l'air et se refroidit en altitude. Les nuages se forment autour de poussières.\n\n"
        "## Les pluies\n\nLa pluie, la neige et la grêle ramènent l'eau au sol. Les rivières "
        "la conduisent ensuite vers la mer, et le cycle recommence chaque jour.\n",
        encoding="utf-8",
    )
    course = enrich(essay_course(essay, "fr"))
    for module in course.modules:
        assert module.summary and module.summary.split()[0] in module.text
        assert notes_for("fr").say("not_english", language="fr") not in module.notes
        # no phrase made of a noun and a verb ("océans s'évapore") is a concept
        assert not any("s'évapore »" in o.text for o in module.objectives)


def test_progress_is_reported(essay_course, recorder) -> None:
    course = essay_course(ESSAY)
    enrich(course, recorder)
    assert recorder.calls[0] == ("pedagogy", len(course.modules))
    assert recorder.calls.count(("pedagogy", -1)) == len(course.modules)


def test_corpus_material_passes_the_flaw_checks(corpus_dir: Path, essay_course) -> None:
    for essay in sorted(corpus_dir.glob("0*.md")):
        language = "ar" if "arabic" in essay.name else "en"
        course = enrich(essay_course(essay, language))
        assert course.modules, essay.name
        for module in course.modules:
            where = f"{essay.name} {module.id}"
            assert module.summary or any(n.startswith(NO_SUMMARY) for n in module.notes), where
            if language != "en":  # Arabic: material, and every item passes the checks
                assert module.objectives and module.quiz, where
                for problems in (map(check_objective, module.objectives),
                                 map(check_question, module.discussion),
                                 map(check_item, module.quiz)):
                    assert not any(problems), where
                continue
            # the lesson's own objectives and questions (08's Carpentries blocks) are the
            # author's: the checks here are for the generated ones
            own = {i for i, o in enumerate(module.objectives) if o.origin == "authored"}
            if len(module.objectives) < 2 or not module.discussion:
                assert any(n.startswith(("Too few learning objectives", "No discussion question"))
                           for n in module.notes), where
            elif not own:
                # two levels at least (issue 12), one of them asking students to use or
                # weigh what they read: apply in a how-to section, analyze or above elsewhere
                levels = {o.bloom for o in module.objectives}
                assert len(levels) >= 2 and levels & (HIGHER | {"apply"}), where
            assert set(unassessed(module.objectives, module.discussion, module.quiz)) <= own, where
            for objective in module.objectives:
                assert objective.origin == "authored" or not check_objective(objective), where
            for question in module.discussion:
                assert question.origin == "authored" or not check_question(question), where
            for item in module.quiz:
                assert not check_item(item), (where, item)
            assert all(o.bloom in BLOOM_LEVELS for o in module.objectives)


def test_module_without_usable_text_gets_notes_not_nonsense(tmp_path: Path) -> None:
    root = tmp_path / "course"
    root.mkdir()
    (root / "course.toml").write_text("[plan]\nmin_words = 0\nmin_minutes = 0\n",
                                      encoding="utf-8")
    essay = root / "essay.md"
    essay.write_text(
        "# Title\n\n## Links\n\n* metrics vs. more qualitative assessment\n"
        "* platforms, methods and tools of open peer review\n* what can I see? is it new?\n\n"
        "## Body\n\nThe genome of the virus is large and it encodes sixteen proteins in total. "
        "The spike protein binds to a receptor on the surface of the host cell.\n",
        encoding="utf-8",
    )
    course = enrich(review.apply(plan.plan_course(read.read_course(root, "course")), None))
    links = course.modules[0]
    assert links.objectives == () and links.quiz == () and links.discussion == ()
    assert any(n.startswith("Too few learning objectives") for n in links.notes)
    assert not links.summary or links.summary[0].isupper()


def test_example_material_passes_every_flaw_check(example: Course) -> None:
    item_flaws = [str(f) for f in course_flaws(example)]
    assert item_flaws == []


def test_example_has_no_mere_mention_terms_and_varied_items(example: Course) -> None:
    # the example's modules use phrases ('long-term peace', 'international missions')
    # but define none: a sentence that only mentions a phrase is no definition
    intro = example.overview[0].location
    for module in example.modules:
        # the only term is the one the introduction names ("Islamic Ummah"), given to
        # the first module that uses it
        assert all(t.location == intro for t in module.terms), module.id
        assert bool(module.terms) != any(n.startswith("No key terms") for n in module.notes)
        leads = [" ".join(o.text.split()[:4]) for o in module.objectives]
        assert len(set(leads)) == len(leads), leads  # no two objectives open alike
        endings = [q.text.rsplit(". ", 1)[-1][:30] for q in module.discussion]
        assert len(set(endings)) == len(endings), endings
    # the group the essay generalises about is examined once in a lesson, once at the end
    group = [m.id for m in example.modules
             for q in m.discussion if "as one group" in q.text]
    assert len(group) == 2 and group[-1] == example.modules[-1].id


def test_corpus_final_material_has_no_item_flaw(corpus_dir: Path, essay_course) -> None:
    for essay in sorted(corpus_dir.glob("0*.md")):
        language = "ar" if "arabic" in essay.name else "en"
        course = enrich(essay_course(essay, language))
        own = {(m.id, f"{kind} {n}") for m in course.modules
               for kind, items in (("objective", m.objectives), ("question", m.discussion))
               for n, item in enumerate(items, 1) if item.origin == "authored"}
        flaws = [str(f) for f in course_flaws(course)
                 if f.item != "module" and (f.module_id, f.item) not in own]
        assert flaws == [], essay.name



def test_merge_numbers_equal_objectives_apart(tmp_path: Path) -> None:
    """Two generated objectives with the same text keep their own numbers."""
    from builder.model import Material
    from builder.pedagogy.stage import merge

    course = planned(tmp_path / "course", "# T\n\n## A\n\n" + "Rivers carry sand. " * 30)
    twin = Objective("Explain how rivers carry sand.", "explain", "understand")
    other = Objective("Evaluate the claim that rivers build plains.", "evaluate", "evaluate")
    material = Material(objectives=(twin, twin, other),
                        discussion=(Question("Why?", "analyze", objectives=(2,)),
                                    Question("How?", "analyze", objectives=(1,)),
                                    Question("What?", "analyze", objectives=(0,))))
    merged = merge(course.modules[0], material, course)
    assert [q.objectives for q in merged.discussion] == [(2,), (1,), (0,)]


def _merged_with(tmp_path: Path, material, authored: tuple[Objective, ...] = ()):
    import dataclasses

    from builder.pedagogy.stage import merge

    course = planned(tmp_path / "course", "# T\n\n## A\n\n" + "Rivers carry sand. " * 30)
    module = dataclasses.replace(course.modules[0], objectives=authored)
    return merge(module, material, course)


def test_a_generated_objective_nothing_assesses_goes_when_two_levels_remain(
        tmp_path: Path, no_models) -> None:
    from builder.model import Material, QuizItem

    explain = Objective("Explain how rivers carry sand.", "explain", "understand")
    define = Objective("Define delta as the reading uses the term.", "define", "remember")
    judge = Objective("Evaluate the claim that rivers build plains.", "evaluate", "evaluate")
    item = QuizItem(kind="fill_blank", stem="Rivers carry _____.", answer="sand",
                    choices=(), feedback="The reading says so.", objectives=(0,))
    material = Material(objectives=(explain, define, judge), quiz=(item,),
                        discussion=(Question("Do rivers build plains?", "evaluate",
                                             objectives=(2,)),))
    merged = _merged_with(tmp_path, material)
    assert [o.text for o in merged.objectives] == [explain.text, judge.text]
    assert merged.discussion[0].objectives == (1,)  # renumbered after the one left out
    assert merged.quiz[0].objectives == (0,)


def test_an_unassessed_objective_stays_when_the_module_needs_it(tmp_path: Path,
                                                                no_models) -> None:
    from builder.model import Material

    explain = Objective("Explain how rivers carry sand.", "explain", "understand")
    define = Objective("Define delta as the reading uses the term.", "define", "remember")
    material = Material(objectives=(explain, define),
                        discussion=(Question("How do rivers move sand?", "analyze",
                                             objectives=(0,)),))
    merged = _merged_with(tmp_path, material)
    assert [o.text for o in merged.objectives] == [explain.text, define.text]


def test_the_lessons_own_objective_is_assessed_by_the_question_that_asks_about_it(
        tmp_path: Path, no_models) -> None:
    """An authored objective (a lesson's own list) takes the generated question
    that asks about what it names; one that no question comes near stays
    unassessed (`coursepack check` names it), and nothing is invented for it."""
    from builder.model import Material

    own = (Objective("Redirect a command's output to a file.", "redirect", "apply",
                     origin="authored"),
           Objective("Combine sequences of commands to get new output.", "combine", "apply",
                     origin="authored"))
    generated = Objective("Explain why rivers carry sand.", "explain", "understand")
    warning = Question("The lesson warns against redirecting a command's output to the file it "
                       "reads. What goes wrong, and how do you redirect the output safely?",
                       "analyze")
    merged = _merged_with(tmp_path, Material(objectives=(generated,), discussion=(warning,)),
                          own)
    assert [o.text for o in merged.objectives] == [own[0].text, own[1].text, generated.text]
    assert merged.discussion[0].objectives == (0,)


FAMILIAR = """# On Plain Writing

## Plain words

I think a plain style is the hardest style of all to write well. A plain style rejects \
pompous phrases and loose allusions, and it prefers the best word in common use. I have \
always preferred short words to long ones, because short words carry their meaning at once. \
Many writers mistake a plain style for a careless style and write at random. A careless \
style takes the first word that offers itself, while a plain style weighs every word. \
I myself would never use a rare word where a common one does the work.

## Ornament

Ornament hides a lack of thought more often than it adorns a thought. A writer who \
heaps up fine phrases has usually nothing particular to say. My own rule is to strike \
out every phrase that I admire for its sound alone. Fine phrases age quickly, like \
fashionable clothes, and plain ones last for generations of readers.
"""


def _texts(course: Course) -> str:
    parts: list[str] = []
    for m in course.modules:
        parts.append(m.summary)
        parts.extend(o.text for o in m.objectives)
        parts.extend(f"{q.text} {q.note}" for q in m.discussion)
        parts.extend(f"{i.stem} {i.feedback}" for i in m.quiz)
    return "\n".join(parts)


@pytest.mark.parametrize("where", ["front-matter", "course.toml"])
def test_items_name_the_author_where_the_author_is_known(tmp_path: Path, where: str) -> None:
    essay = f"---\nauthor: Jane Plainwright\n---\n{FAMILIAR}" if where == "front-matter" else (
        FAMILIAR)
    root = tmp_path / "course"
    course = planned(root, essay)
    if where == "course.toml":
        toml = root / "course.toml"
        toml.write_text('author = "Jane Plainwright"\n' + toml.read_text(encoding="utf-8"),
                        encoding="utf-8")
        course = review.apply(plan.plan_course(read.read_course(root, "course")), None)
    anonymous = _texts(enrich(planned(tmp_path / "anonymous", FAMILIAR)))
    named = _texts(enrich(course))
    assert "the author" in anonymous.lower() and "Plainwright" not in anonymous
    assert "Plainwright" in named and "the author" not in named.lower()
    assert "Plainwright think " not in named and "Plainwright have " not in named


def test_author_of_prefers_the_readings_front_matter(tmp_path: Path) -> None:
    root = tmp_path / "course"
    root.mkdir()
    (root / "a.md").write_text(f"---\nauthor: Ann Able\n---\n{FAMILIAR}", encoding="utf-8")
    (root / "b.md").write_text(FAMILIAR.replace("# On Plain Writing", "# More"),
                               encoding="utf-8")
    (root / "course.toml").write_text('author = "Ed Itor"\n', encoding="utf-8")
    course = plan.plan_course(read.read_course(root, "course"))
    assert course.author_of("a.md") == "Ann Able"
    assert course.author_of("b.md") == ""  # several readings: the course's author may edit them
    single = dataclasses.replace(course, readings=("b.md",), reading_authors=("",))
    assert single.author_of("b.md") == "Ed Itor"
