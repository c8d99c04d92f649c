"""How-to lessons: apply tasks built from the lesson's own commands (issue 11,
"a procedure gets apply tasks ... and what-goes-wrong questions")."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builder.model import Objective
from builder.pedagogy.flaws import check_question
from builder.pedagogy.rules.frames import lesson_pipelines, pipeline_question
from builder.pedagogy.stage import enrich

from .test_pedagogy import planned

LESSON = """# Pipes

## Combining commands

The `wc` command counts lines, words and characters in its inputs.
The `sort` command sorts its input, and `sort -n` sorts numerically rather than
alphanumerically. The `head` command prints the first lines of its input.
We can send the output of one command to the next with a pipe, so that sort and head
work on what wc prints without any intermediate file.

```bash
$ wc -l *.pdb | sort -n | head -n 1
```

```output
9 methane.pdb
```

::: challenge

## Which pipe?

Which command finds the three shortest files?

::: solution

```bash
$ wc -l * | sort -n | head -n 3
```

:::

:::

Pipes let small programs that each do one job combine into a tool that does a larger
one, which is why the shell rewards programs that read standard input and write
standard output. A filter such as sort transforms a stream of input into a stream of
output, and any filter can follow any other in a pipeline. Note that the sort -r command
sorts its input in reverse order.
"""


def test_pipelines_come_from_shell_blocks_never_from_a_solution_or_an_output() -> None:
    assert lesson_pipelines(LESSON) == [("wc -l *.pdb", "sort -n", "head -n 1")]
    text = "```output\n$ a | b\n```\n\n```python\n$ x | y\n```\n\n```\n$ ls -l | less\n```\n"
    assert lesson_pipelines(text) == [("ls -l", "less")]
    assert lesson_pipelines("```bash\n$ echo hi > a.txt\n$ cat a.txt\n```\n") == []


def test_a_pipeline_is_traced_and_diagnosed_without_its_filter() -> None:
    question = pipeline_question(("wc -l *.pdb", "sort -n", "head -n 1"))
    assert question is not None and not check_question(question)
    assert question.text == (
        "Trace `wc -l *.pdb | sort -n | head -n 1` step by step: what does each command pass "
        "to the next? What would the pipeline print if you left out `sort -n`, and why?")
    assert "`wc`, `sort` and `head`" in question.note


def test_two_commands_the_second_reading_the_file_alone() -> None:
    question = pipeline_question(("sort -n lengths.txt", "head -n 1"))
    assert question is not None and not check_question(question)
    assert "What would `head -n 1 lengths.txt` print instead" in question.text
    assert "why does the lesson put `sort` first?" in question.text
    # nothing to predict: the output goes to a file, or no file to read directly
    assert pipeline_question(("cat a.csv", "sort -r > out.txt")) is None
    assert pipeline_question(("wc -l *.pdb", "sort -n")) is None
    assert pipeline_question(("sort a.txt", "uniq", "sort -n")) is None


def test_a_shell_lesson_gets_a_pipeline_question_with_passages(tmp_path: Path) -> None:
    course = enrich(planned(tmp_path / "course", LESSON))
    asked = [q for m in course.modules for q in m.discussion if q.text.startswith("Trace ")]
    assert len(asked) == 1
    note = asked[0].note
    assert "Passages to draw on:" in note
    assert "sort" in note.split("Passages to draw on:")[1]
    assert "head -n 3" not in asked[0].text  # the challenge's solution stays hidden
    assert "sort -r" not in note  # another option of the command is another point


NAMED = """# Donations

## Cleaning the data

The big contributions disturb our view on the smaller ones, so we remove them from the
data. This transform is commonly known as outlier removal. After visualizing the data
again, we can see that most donations are small. Figure 2 shows a chart type that is
called ‘dot chart’ in which we see every value of the table at once.
"""


def test_a_module_naming_terms_gets_no_false_no_key_terms_note() -> None:
    from builder.model import Module, Section, SourceLocation
    from builder.pedagogy.shortfall import named_terms

    where = SourceLocation("essay.md", 1)
    html = "<p>The vertical bar is called a <strong>pipe</strong>.</p>"
    section = Section("Cleaning", 2, "cleaning", where, NAMED, html, NAMED)
    module = Module(id="m01", title="Cleaning", kind="lesson", reading="essay.md",
                    location=where, sections=(section,))
    assert named_terms(module, "en") == ["pipe", "outlier removal", "dot chart"]
    assert named_terms(module, "fr") == ["pipe"]  # bold in any language, 'called' in English


def test_the_note_names_the_central_passages_no_item_touches(tmp_path: Path) -> None:
    from builder.pedagogy.notes import notes_for
    from builder.pedagogy.shortfall import uncovered

    course = enrich(planned(tmp_path / "course", LESSON))
    (module,) = [m for m in course.modules if "Combining" in m.title]
    unasked = dataclasses.replace(module, discussion=())
    passages = uncovered(unasked, "en", notes_for("en").opener)
    assert passages and all(p.startswith("“") and p.endswith("”") for p in passages)
    for passage in passages:  # none is the pipeline's own code or output
        assert "$" not in passage and "9 methane" not in passage
    # the passages a question's facilitation note cites are touched by it
    notes = " ".join(q.note for q in module.discussion)
    cited = [p for p in passages if p.strip("“”…. ")[:30] in notes]
    assert cited and not set(cited) & set(uncovered(module, "en", notes_for("en").opener))
    listed = [n for n in module.notes if n.startswith("Central passages")]
    assert all(p in listed[0] for p in uncovered(module, "en", notes_for("en").opener))
    # an item on a passage takes it off the list
    bare = dataclasses.replace(module, objectives=(), discussion=(), quiz=(), terms=())
    first = uncovered(bare, "en")[0]
    start = module.text.index(first.strip("“”…. "))
    whole = module.text[start:module.text.index(".", start)]
    covered = dataclasses.replace(bare, objectives=(Objective(
        "Explain why " + whole[:1].lower() + whole[1:] + ".", "explain", "understand"),))
    assert first not in uncovered(covered, "en")


def test_an_item_points_at_the_objective_it_tests_most() -> None:
    from builder.model import Question, QuizItem
    from builder.pedagogy.stage import pointed

    objectives = (
        Objective("Name some common schemes for describing coordinate reference systems.",
                  "name", "remember", origin="authored"),
        Objective("Interpret a PROJ4 string that describes a projection.", "interpret",
                  "understand"),
    )
    item = QuizItem(kind="true_false", stem="EPSG codes and WKT strings are common schemes "
                    "for describing coordinate reference systems.", choices=("True", "False"),
                    answer=0, feedback="True.", objectives=(1,))
    other = Question(text="How would you read the units of a PROJ4 string?", bloom="analyze",
                     note="A strong answer ...", objectives=(1,))
    for english in (False, True):
        (moved,) = pointed([item], objectives, (other,), english)
        assert moved.objectives == (0,), english
        # never when the objective it leaves would be left unassessed
        assert pointed([item], objectives, (), english)[0].objectives == (1,)
    # an item already on the objective it tests most stays
    on_it = dataclasses.replace(item, objectives=(0,))
    assert pointed([on_it], objectives, (other,), True)[0].objectives == (0,)


def test_a_step_the_lesson_says_matters_is_asked_why_with_its_reason() -> None:
    from builder.pedagogy.rules.analysis import Claim
    from builder.pedagogy.rules.frames import Voice, example_idea
    from builder.pedagogy.text import Sentence

    def claim(text: str) -> Claim:
        sentence = Sentence(text, 0, 0, tuple(text.split()))
        return Claim(sentence, text, text[:1].lower() + text[1:].rstrip("."), 1.0,
                     kind="advice")

    idea = example_idea(claim("It is essential to back up the raw data before cleaning it."),
                        Voice())
    assert idea is not None and idea.question is not None and idea.frame == "important"
    assert idea.question.text == ("Why is it important to back up the raw data before "
                                  "cleaning it, and what would go wrong in a project of your "
                                  "own if you did not?")
    noted = example_idea(claim("It is important to note that maps differ from one country "
                               "to the next."), Voice())
    assert noted is None or noted.frame != "important"


def test_the_lesson_asks_why_a_step_matters_rather_than_a_template(
        corpus_dir: Path, tmp_path: Path) -> None:
    essay = corpus_dir / "12-coordinate-reference-systems.md"
    if not essay.exists():
        pytest.skip("corpus essay 12 (a Carpentries lesson) is not here")
    course = enrich(planned(tmp_path / "course", essay))
    texts = [q.text for m in course.modules for q in m.discussion]
    asked = [q for m in course.modules for q in m.discussion
             if "is it important when working with spatial data" in q.text]
    assert len(asked) == 1 and asked[0].text.startswith("Why"), texts
    # the last-resort template gives way (round7 12-m01-D1, rejected as generic)
    assert not any(t.startswith("How does the reading link") for t in texts)
    # the note quotes the reason first: the sentence the 'thus' points back to
    assert "(“For the purposes of this workshop" in asked[0].note
    assert "great resources" not in asked[0].note


def test_a_blank_stays_on_the_objective_that_names_its_key() -> None:
    from builder.model import QuizItem
    from builder.pedagogy.stage import pointed

    objectives = (
        Objective("Define non-segmented as the reading uses the term.", "define", "remember"),
        Objective("Explain why several regions of the coronavirus genome are critical to "
                  "virulence.", "explain", "understand"),
    )
    blank = QuizItem(kind="fill_blank", stem="The genomes of these viruses are _____, which "
                     "means the viral genome is contained in a single capsid.", choices=(),
                     answer="non-segmented", feedback="…", objectives=(0,))
    other = dataclasses.replace(blank, stem="Several regions of the _____ are critical.",
                                answer="coronavirus genome", objectives=(0,))
    for english in (False, True):
        assert pointed([blank, other], objectives, (), english)[0].objectives == (0,)


def test_the_passages_note_leaves_out_leaning_and_ordinal_openers() -> None:
    from builder.pedagogy.shortfall import POINTER

    for text in ("Statements like these showed that the author did not long for the past.",
                 "As these anguished exclamations reveal, the author was torn.",
                 "Secondly, the author may have been more confident than his friend.",
                 "There are lots of great resources that describe projections.",
                 "And as to the rest, the gods would have provided for this also.",
                 "From thence all things flow."):
        assert POINTER.search(text), text
    assert not POINTER.search("Open reports let reviewers gain public credit for review work.")
