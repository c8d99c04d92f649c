"""plan.yaml round trip and authored blocks in the Markdown: the instructor's
edits survive rebuilds, changed modules are flagged, origins are right."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from builder.cli import cli
from builder.errors import BuildError
from builder.pipeline import load

ESSAY = """# Rivers

## Introduction

Rivers carry water from the hills to the sea, and people have always settled beside them.

## How Rivers Shape Land

A river cuts its valley by erosion. Fast water carries sand and stones downstream, and the
stones grind the riverbed deeper every year. Where the river slows down on flat land it drops
the sand, building wide plains that farmers value for their rich soil. The delta of the Nile
formed this way over thousands of years.

## Rivers and Cities

Most old cities stand on rivers because rivers gave them water, food and a road for trade.
Cairo grew on the Nile, and London grew on the Thames, where ships could reach the markets.
Bridges became the places where roads met, so markets and churches gathered around them.
"""


def plan(runner: CliRunner, course: Path, *args: str) -> str:
    result = runner.invoke(cli, ["plan", str(course), *args])
    assert result.exit_code == 0, result.output
    return result.output


def read_plan(course: Path) -> dict:
    return yaml.safe_load((course / "plan.yaml").read_text())


def write_plan(course: Path, data: dict) -> None:
    (course / "plan.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_plan_lists_every_module_with_fingerprints(runner: CliRunner, make_course) -> None:
    course = make_course({"essay.md": ESSAY})
    assert "2 modules (2 new, 0 changed, 0 unchanged)" in plan(runner, course)
    data = read_plan(course)
    assert data["schema"] == "coursepack-plan/1"
    assert [m["id"] for m in data["modules"]] == ["m01-how-rivers-shape-land",
                                                   "m02-rivers-and-cities"]
    first = data["modules"][0]
    assert first["source"] == "essay.md:7" and first["source_hash"].startswith("sha256:")
    assert all("generated" in o for o in first["objectives"])
    again = runner.invoke(cli, ["plan", str(course)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_edits_and_drops_survive_a_rebuild(runner: CliRunner, make_course) -> None:
    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    data = read_plan(course)
    module = data["modules"][0]
    module["objectives"][0]["text"] = "Explain how erosion deepens a river valley over time."
    dropped_stem = module["quiz"][0]["stem"]
    module["quiz"][0]["drop"] = True
    module["discussion"].append({"text": "Why do farmers value river plains?", "bloom": "analyze",
                                 "assesses": [1]})
    write_plan(course, data)
    built = load(course, "course")
    m1 = built.modules[0]
    assert m1.reviewed
    assert m1.objectives[0].text == "Explain how erosion deepens a river valley over time."
    assert m1.objectives[0].origin == "authored"
    assert [o.origin for o in m1.objectives[1:]] == ["generated"] * (len(m1.objectives) - 1)
    assert dropped_stem not in [q.stem for q in m1.quiz]
    assert len(m1.quiz) == len(module["quiz"]) - 1
    assert m1.discussion[-1].text == "Why do farmers value river plains?"
    assert m1.discussion[-1].origin == "authored" and m1.discussion[-1].objectives == (0,)
    # plan --update keeps all of it
    plan(runner, course, "--update")
    again = read_plan(course)["modules"][0]
    assert again["objectives"][0]["text"].startswith("Explain how erosion deepens")
    assert "generated" not in again["objectives"][0]
    assert dropped_stem not in [q["stem"] for q in again["quiz"]]


def test_changed_module_is_flagged(runner: CliRunner, make_course, caplog) -> None:
    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    data = read_plan(course)
    data["modules"][1]["objectives"][0]["text"] = "Explain why old cities grew on rivers."
    write_plan(course, data)
    essay = course / "essay.md"
    essay.write_text(ESSAY.replace("Cairo grew on the Nile", "Baghdad grew on the Tigris"))
    with caplog.at_level(logging.WARNING, logger="builder"):
        built = load(course, "course")
    assert "module 'm02-rivers-and-cities' changed since plan.yaml was written" in caplog.text
    m2 = built.modules[1]
    assert not m2.reviewed
    assert m2.objectives[0].text == "Explain why old cities grew on rivers."
    assert m2.objectives[0].origin == "authored"
    assert "changed" in plan(runner, course, "--update")
    updated = read_plan(course)["modules"]
    assert updated[1]["stale"] is True and "stale" not in updated[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="builder"):
        load(course, "course")
    assert "is marked stale" in caplog.text


AUTHORED = """# Rivers

## How Rivers Shape Land

A river cuts its valley by erosion. Fast water carries sand and stones downstream, and the
stones grind the riverbed deeper every year. Where the river slows down on flat land it drops
the sand, building wide plains that farmers value for their rich soil.

```coursepack
objectives:
  - Explain how a river deepens its valley.
quiz:
  - stem: Where does a river drop the sand it carries?
    choices: [On flat land, In the hills, At the source, Under bridges]
    answer: On flat land
    feedback: The reading says the river drops the sand where it slows down on flat land.
    assesses: [1]
```
"""


def test_markdown_block_items_are_authored_and_hidden(make_course, tmp_path: Path) -> None:
    from builder.pipeline import build

    course = make_course({"essay.md": AUTHORED})
    result = build(course, tmp_path / "out", frozenset({"html"}), jobs=1)
    module = result.course.modules[0]
    assert module.objectives[0].text == "Explain how a river deepens its valley."
    assert module.objectives[0].origin == "authored" and module.objectives[0].bloom == "understand"
    assert module.quiz[0].answer == 0 and module.quiz[0].origin == "authored"
    assert str(module.quiz[0].location) == f"{course}/essay.md:13"
    page = (tmp_path / "out" / "site" / "modules" / f"{module.id}.html").read_text()
    assert "coursepack" not in page.split("<main")[1].split("</article>")[0]
    data = json.loads((tmp_path / "out" / "course.json").read_text())
    assert data["modules"][0]["quiz"][0]["origin"] == "authored"


@pytest.mark.parametrize(
    "block, message",
    [
        ("objectives:\n  - Understand rivers.\n",
         "essay.md:11: cannot tell the Bloom level of 'Understand'. Start with a verb such as "
         "explain, compare or evaluate, or add 'bloom: analyze' (remember, understand, apply, "
         "analyze, evaluate, create)."),
        ("quiz:\n  - stem: Which?\n    choices: [a, b]\n    answer: c\n",
         "essay.md:11: the answer 'c' is not one of the choices. Give the right choice's text, "
         "or its number counting from 1."),
        ("quiz:\n  - stem: Rivers are wet.\n    kind: true_false\n    answer: yes please\n",
         "essay.md:11: a true/false item needs 'answer: true' or 'answer: false'."),
        ("objectives: [\n", "essay.md:10: invalid YAML: expected the node content, but found "
         "'<stream end>'. Fix the YAML (indent with spaces; quote text that contains ': ')."),
        ("discussion:\n  - text: Why?\n    colour: red\n",
         "essay.md:11: unknown key 'colour' in discussion item 1. Known keys: assesses, bloom, "
         "drop, generated, note, origin, text."),
    ],
    ids=["vague-verb", "bad-answer", "tf-answer", "yaml", "unknown-key"],
)
def test_bad_authored_block(make_course, block: str, message: str) -> None:
    # the block starts on line 9; its first item is on line 11
    essay = "\n".join(["# Rivers", "", "## How Rivers Shape Land", "",
                       "A river cuts its valley by erosion, and fast water carries stones.",
                       "The stones grind the riverbed deeper every year, and the valley grows.",
                       "Where the river slows down it drops the sand on wide flat plains.",
                       "", "```coursepack", *block.rstrip("\n").split("\n"), "```", ""])
    course = make_course({"essay.md": essay})
    with pytest.raises(BuildError) as info:
        load(course, "course")
    assert info.value.message == "course/" + message
