"""The command line: options reach the pipeline; bad input gives exit code 2,
one clear message with file:line, no traceback and no output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import cli

ESSAY = """# Rivers

## Introduction

Rivers carry water from the hills to the sea, and people have always settled beside them.

## How Rivers Shape Land

A river cuts its valley by erosion. Fast water carries sand and stones downstream, and the
stones grind the riverbed deeper every year. Where the river slows down on flat land it drops
the sand, building wide plains that farmers value for their rich soil.

## Rivers and Cities

Most old cities stand on rivers because rivers gave them water, food and a road for trade.
Cairo grew on the Nile, and London grew on the Thames, where ships could reach the markets.
Bridges became the places where roads met, so markets and churches gathered around them.
"""


EVERY_SECTION = "[plan]\nmin_minutes = 0\n"
"""Every section a module, however short (no grouping by reading time)."""


@pytest.fixture
def make_course(make_course):
    """Courses whose short sections stay modules of their own ([plan] min_minutes = 0),
    unless a test writes its own course.toml."""

    def make(files: dict[str, str | bytes], name: str = "course") -> Path:
        return make_course({"course.toml": EVERY_SECTION, **files}, name)

    return make


def build(runner: CliRunner, *args: str) -> object:
    return runner.invoke(cli, ["build", *args], catch_exceptions=False)


FRONT = "---\ntitle: [unclosed\n---\n"


@pytest.mark.parametrize(
    "files, message",
    [
        (None, "{course}: course folder not found. Check the path, or create a course with "
               "'coursepack init DIR'."),
        ({"essay.md": "   \n"}, "{course}/essay.md:1: the essay is empty. Write the text in "
                                "Markdown below any front matter, or remove the file."),
        ({"essay.md": ESSAY, "course.toml": 'title = "x'},
         "{course}/course.toml:1: invalid TOML: unterminated string (at end of document). "
         "Fix the syntax "
         "(see https://toml.io)."),
        ({"essay.md": ESSAY, "course.toml": 'titel = "x"\n'},
         "{course}/course.toml:1: unknown key 'titel'. Did you mean 'title'?"),
        ({"essay.md": FRONT + ESSAY},
         "{course}/essay.md:2: invalid YAML front matter: expected ',' or ']', but got "
         "'<stream end>'. Fix the YAML between the --- lines (for example: title: My essay)."),
        ({"essay.md": ESSAY.encode() + b"\n\ncaf\xe9\n"},
         "{course}/essay.md:20: not valid UTF-8. Save the file with UTF-8 encoding."),
    ],
    ids=["missing-folder", "empty-essay", "bad-toml", "unknown-key", "bad-front-matter",
         "not-utf8"],
)
def test_bad_input_exit_2_without_output(
    runner: CliRunner, make_course, tmp_path: Path, files, message: str
) -> None:
    course = make_course(files) if files is not None else tmp_path / "nowhere"
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(course), "--out", str(out), "-q"])
    assert result.exit_code == 2, result.output
    assert result.output == "Error: " + message.format(course=course) + "\n"
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not any(p.name.startswith(".coursepack-") for p in tmp_path.iterdir())


def test_missing_image_warns_and_strict_fails(
    runner: CliRunner, make_course, tmp_path: Path
) -> None:
    course = make_course({"essay.md": ESSAY + "\n![A map](map.png)\n"})
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(course), "--out", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert f"{course}/essay.md:19: image 'map.png' not found" in result.output
    strict = runner.invoke(cli, ["build", str(course), "--out", str(tmp_path / "strict"),
                                 "--format", "html", "--strict", "-q"])
    assert strict.exit_code == 2, strict.output
    assert not (tmp_path / "strict").exists()


def test_failed_build_keeps_last_good_one(runner: CliRunner, make_course, tmp_path: Path) -> None:
    course = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    assert build(runner, str(course), "--out", str(out), "--format", "html", "-q").exit_code == 0
    before = (out / "course.json").read_bytes()
    (course / "course.toml").write_text("bogus = 1\n")
    result = runner.invoke(cli, ["build", str(course), "--out", str(out), "--format", "html"])
    assert result.exit_code == 2
    assert (out / "course.json").read_bytes() == before


def test_no_headings_builds_one_module(
    runner: CliRunner, make_course, tmp_path: Path
) -> None:
    text = " ".join(ESSAY.split("## How Rivers Shape Land")[1].split()[5:])
    course = make_course({"notes.md": text})
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(course), "--out", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output  # a long one would split between paragraphs
    data = json.loads((out / "course.json").read_text())
    assert len(data["modules"]) == 1


def test_strict_turns_warnings_into_failure(runner: CliRunner, make_course, tmp_path) -> None:
    course = make_course({"essay.md": ESSAY + "\n![Remote](https://example.org/x.png)\n"})
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["build", str(course), "--out", str(out), "--format", "html", "--strict"]
    )
    assert result.exit_code == 2
    assert "remote image" in result.output and "--strict" in result.output
    assert not out.exists()


def test_format_option_reaches_pipeline(runner: CliRunner, make_course, tmp_path) -> None:
    course = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    result = build(runner, str(course), "--out", str(out), "--format", "html", "-q")
    assert result.exit_code == 0
    assert (out / "site" / "index.html").is_file()
    assert not (out / "pdf").exists()
    data = json.loads((out / "course.json").read_text())
    assert set(data["modules"][0]["outputs"]) == {"html"}


@pytest.mark.parametrize("flag", ["-v", "--verbose"])
def test_verbose_tells_what_each_stage_did(runner: CliRunner, make_course, tmp_path,
                                           flag: str) -> None:
    course = make_course({"essay.md": ESSAY + "\n```coursepack\nterms: [delta]\n```\n",
                          "course.toml": EVERY_SECTION})
    out = tmp_path / "out"
    result = build(runner, str(course), "--out", str(out), "--format", "html,qti", flag)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for stage, what in [("read", "1 reading, 4 sections, "), ("plan", "2 modules: m01-"),
                        ("pedagogy", "rules backend; part-of-speech model "),
                        ("render", "html: "), ("package", "qti: 3 files")]:
        assert any(line.startswith(f"{stage}: {what}") and line.endswith(" s)")
                   for line in lines), (stage, result.output)
    assert "  m02-rivers-and-cities: " in result.output
    assert "1 term (1 authored)" in result.output
    quiet = build(runner, str(course), "--out", str(out), "--format", "html")
    assert "pedagogy:" not in quiet.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "html,docx"], "unknown format 'docx'"),
        (["--jobs", "0"], "0 is not in the range x>=1"),
    ],
    ids=["format", "jobs"],
)
def test_bad_options(runner: CliRunner, make_course, args: list[str], message: str) -> None:
    course = make_course({"essay.md": ESSAY})
    result = runner.invoke(cli, ["build", str(course), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_out_must_not_be_a_foreign_folder(runner: CliRunner, make_course, tmp_path) -> None:
    course = make_course({"essay.md": ESSAY})
    other = tmp_path / "documents"
    other.mkdir()
    (other / "thesis.docx").write_text("precious")
    result = runner.invoke(cli, ["build", str(course), "--out", str(other)])
    assert result.exit_code == 2
    assert "holds no earlier coursepack build" in result.output
    assert (other / "thesis.docx").read_text() == "precious"


def test_init_scaffolds_an_exemplary_course(runner: CliRunner, tmp_path: Path) -> None:
    """The starter passes check --strict, and every module has objectives at two
    Bloom levels, each assessed, and the configured number of every item."""
    new = tmp_path / "climate-basics"
    result = runner.invoke(cli, ["init", str(new)])
    assert result.exit_code == 0, result.output
    assert (new / "course.toml").is_file() and (new / "essay.md").is_file()
    # the second way in: a Word document in place of essay.md
    assert "save it in this folder\nas a .docx file in place of essay.md" in \
        (new / "essay.md").read_text("utf-8")
    assert 'a Word\n# document can take the place of essay.md' in \
        (new / "course.toml").read_text("utf-8")
    strict = runner.invoke(cli, ["check", str(new), "--strict"])
    assert strict.exit_code == 0 and ", 0 flaws in the teaching material." in strict.output, \
        strict.output
    out = tmp_path / "out"
    assert build(runner, str(new), "--out", str(out), "--format", "html", "-q").exit_code == 0
    data = json.loads((out / "course.json").read_text())
    assert data["title"] == "Climate Basics"
    assert len(data["modules"]) == 3
    for module in data["modules"]:
        assert len(module["objectives"]) >= 2, module["id"]
        assert len({o["bloom"] for o in module["objectives"]}) >= 2, module["id"]
        assessed = {n for item in module["discussion"] + module["quiz"] for n in item["objectives"]}
        assert assessed == set(range(len(module["objectives"]))), module["id"]
        assert len(module["discussion"]) >= 2 and len(module["quiz"]) >= 3, module["id"]
        assert module["summary"] and module["terms"] and not module["notes"], module["id"]
    again = runner.invoke(cli, ["init", str(new)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_init_hint_quotes_a_folder_with_spaces(runner: CliRunner, tmp_path: Path) -> None:
    new = tmp_path / "my course"
    result = runner.invoke(cli, ["init", str(new)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"Edit {new}/essay.md (or replace it with a Word document, .docx), then run: "
        f"coursepack build '{new}'")


def test_python_dash_m_builder_works(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "builder", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("coursepack, version ")


def test_a_bug_exits_1_without_traceback(monkeypatch, capsys, make_course) -> None:
    import builder.pipeline
    from builder.cli import main

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(builder.pipeline, "build", broken)
    monkeypatch.setattr("sys.argv", ["coursepack", "build", str(make_course({"e.md": ESSAY}))])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: unexpected failure (KeyError: 'boom'). This is a bug")
    assert "Traceback" not in err


def test_check_reports_a_clean_build(runner: CliRunner, make_course, tmp_path: Path) -> None:
    course = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    assert build(runner, str(course), "--out", str(out), "--format", "html", "-q").exit_code == 0
    result = runner.invoke(cli, ["check", str(course), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert ": 2 modules, 0 problems, " in result.output and "LMS" not in result.output
    (out / "site" / "index.html").unlink()
    (course / "essay.md").write_text(ESSAY.replace("Rivers carry", "Streams carry"))
    result = runner.invoke(cli, ["check", str(course), "--out", str(out)])
    assert result.exit_code == 2
    assert "Problem: site/index.html: missing. Run coursepack build again" in result.output
    assert "older than the sources" in result.output


FLAWED = ESSAY + """
```coursepack
quiz:
  - stem: Which of these is NOT a reason cities grew on rivers?
    choices: [Water, Food, Trade, All of the above]
    answer: All of the above
    feedback: The reading names water, food and trade.
```
"""


def test_check_reports_flaws_and_strict_fails(runner: CliRunner, make_course) -> None:
    course = make_course({"essay.md": FLAWED, "course.toml": EVERY_SECTION})
    result = runner.invoke(cli, ["check", str(course)])
    assert result.exit_code == 0, result.output
    flaws = [line for line in result.output.splitlines() if line.startswith("Flaw: ")]
    assert any(f"{course}/essay.md:" in line and "m02-rivers-and-cities quiz 1" in line
               for line in flaws), result.output
    assert any("all/none of the above" in line for line in flaws), flaws
    assert any("the stem is negative" in line for line in flaws), flaws
    strict = runner.invoke(cli, ["check", str(course), "--strict"])
    assert strict.exit_code == 2
    assert "flaws in the teaching material. Fix the flaws listed above, or check without" \
        " --strict." in strict.output


def test_check_without_schemas_says_so_once_and_how_to_give_them(
    runner: CliRunner, make_course, tmp_path: Path, monkeypatch
) -> None:
    from builder.package import schemas

    monkeypatch.setattr(schemas, "CHECKOUT_SCHEMAS", tmp_path / "none")
    monkeypatch.delenv("COURSEPACK_SCHEMAS", raising=False)
    course = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    assert build(runner, str(course), "--out", str(out), "--format", "qti", "-q").exit_code == 0
    result = runner.invoke(cli, ["check", str(course), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output
    assert ("LMS packages without their schemas (no LMS schemas given; use --schemas DIR or "
            "set COURSEPACK_SCHEMAS): 2 modules" in result.output)
    given = runner.invoke(cli, ["check", str(course), "--out", str(out), "--schemas",
                                str(tmp_path / "nope")])
    assert (f"Warning: LMS packages not validated against their schemas: no LMS schemas at "
            f"{tmp_path / 'nope'}, the folder given with --schemas." in given.output)


@pytest.mark.parametrize("where", ["course", "parent"])
def test_out_over_the_course_is_refused_before_any_work(runner: CliRunner, make_course,
                                                        monkeypatch, where: str) -> None:
    import builder.read

    def no_reading(*args: object) -> None:
        raise AssertionError("the course was read before --out was checked")

    course = make_course({"essay.md": ESSAY})
    monkeypatch.setattr(builder.read, "read_course", no_reading)
    out = course if where == "course" else course.parent
    result = runner.invoke(cli, ["build", str(course), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"the output folder {out} would replace the course folder {course}" in result.output


def test_the_readme_error_example_is_a_real_message(runner: CliRunner, make_course,
                                                    tmp_path: Path, monkeypatch) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    (example,) = [line.strip() for line in readme.splitlines()
                  if line.startswith("    Error: course/")]
    make_course({"essay.md": ESSAY, "course.toml": 'author = "A"\n\ntitel = "Rivers"\n'})
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build", "course", "--out", "out"])
    assert result.exit_code == 2
    assert result.output.strip() == example
