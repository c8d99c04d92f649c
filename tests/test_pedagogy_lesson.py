"""How-to lessons: apply tasks built from the lesson's own commands (issue 11,
"a procedure gets apply tasks ... and what-goes-wrong questions")."""

from __future__ import annotations

from pathlib import Path

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
output, and any filter can follow any other in a pipeline.
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
