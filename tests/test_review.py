"""plan.yaml round trip and authored blocks in the Markdown: the instructor's
edits survive rebuilds, changed modules are flagged, origins are right."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import lxml.html
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
formed this way over thousands of years. Floods matter to farmers because each flood spreads
fresh silt across the fields. A river that floods often builds natural banks called levees.

## Rivers and Cities

Most old cities stand on rivers because rivers gave them water, food and a road for trade.
Cairo grew on the Nile, and London grew on the Thames, where ships could reach the markets.
Bridges became the places where roads met, so markets and churches gathered around them.
"""


ONE_PER_SECTION = "[plan]\nmin_minutes = 0\n"


TEACHER_ITEM = {"stem": "Fast water carries sand and stones upstream.", "kind": "true_false",
                "answer": False, "assesses": [1]}
"""A teacher's own item: the generated checks of ESSAY's first module hold one item
since a true statement copied alone from its sentence is no longer made (round 10),
and the review tests act on two."""


def with_teacher_item(course: Path) -> None:
    """Add :data:`TEACHER_ITEM` to the first module of the course's plan.yaml when
    the rules left it fewer than two quiz items."""
    data = yaml.safe_load((course / "plan.yaml").read_text("utf-8"))
    quiz = data["modules"][0]["quiz"]
    if len(quiz) < 2:
        quiz.insert(0, dict(TEACHER_ITEM))
        (course / "plan.yaml").write_text(yaml.safe_dump(data, allow_unicode=True,
                                                         sort_keys=False), "utf-8")


@pytest.fixture
def make_course(make_course):
    """Courses whose short sections stay modules of their own ([plan] min_minutes = 0),
    unless a test writes its own course.toml."""

    def make(files: dict[str, str | bytes], name: str = "course") -> Path:
        return make_course({"course.toml": ONE_PER_SECTION, **files}, name)

    return make


def plan(runner: CliRunner, course: Path, *args: str) -> str:
    result = runner.invoke(cli, ["plan", str(course), *args])
    assert result.exit_code == 0, result.output
    return result.output


def read_plan(course: Path) -> dict:
    return yaml.safe_load((course / "plan.yaml").read_text())


def write_plan(course: Path, data: dict) -> None:
    (course / "plan.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_plan_lists_every_module_with_fingerprints(runner: CliRunner, make_course) -> None:
    course = make_course({"essay.md": ESSAY, "course.toml": "[plan]\nmin_minutes = 0\n"})
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
    assert [q["stem"] for q in again["quiz"] if q.get("drop")] == [dropped_stem]
    rebuilt = load(course, "course").modules[0]
    assert [(q.stem, q.objectives, q.origin) for q in rebuilt.quiz] == [
        (q.stem, q.objectives, q.origin) for q in m1.quiz]


def test_changed_module_is_flagged(runner: CliRunner, make_course, caplog) -> None:
    course = make_course({"essay.md": ESSAY, "course.toml": "[plan]\nmin_minutes = 0\n"})
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
         "essay.md:12: unknown key 'colour' in discussion item 1. Known keys: assesses, bloom, "
         "drop, generated, note, origin, text."),
    ],
    ids=["vague-verb", "bad-answer", "tf-answer", "yaml", "unknown-key"],
)
def test_bad_authored_block(make_course, block: str, message: str) -> None:
    with pytest.raises(BuildError) as info:
        load(_with_block(make_course, block), "course")
    assert info.value.message == "course/" + message


def _with_block(make_course, block: str) -> Path:
    """A course whose one module holds ``block``: the block starts on line 9,
    its first item is on line 11."""
    essay = "\n".join(["# Rivers", "", "## How Rivers Shape Land", "",
                       "A river cuts its valley by erosion, and fast water carries stones.",
                       "The stones grind the riverbed deeper every year, and the valley grows.",
                       "Where the river slows down it drops the sand on wide flat plains.",
                       "", "```coursepack", *block.rstrip("\n").split("\n"), "```", ""])
    return make_course({"essay.md": essay})


# --- dropped items stay dropped -------------------------------------------

UNUSED = "A river cuts its valley by erosion."
"""A sentence of module 1 that no generated item comes from (checked below)."""


def _words(text: str) -> str:
    return " ".join(text.split())


def _strings(data: object) -> list[str]:
    """Every string in ``data`` (parsed JSON), however deep."""
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [s for v in values for s in _strings(v)]


def _assessed(item: dict, objectives: list[dict]) -> set[str]:
    """The texts of the objectives a plan.yaml item lists in ``assesses``."""
    return {objectives[n - 1]["text"] for n in item.get("assesses", [])}


def _drop_some(course: Path) -> tuple[dict, str, str]:
    """Drop, in module 1, an objective some item assesses (after editing its
    text: only its fingerprint matches) and the last quiz item (without its
    fingerprint: only its text matches). Returns the plan's module 1 as
    written, the dropped objective's and the dropped quiz item's text."""
    with_teacher_item(course)
    data = read_plan(course)
    written = yaml.safe_load(yaml.safe_dump(data["modules"][0]))
    module = data["modules"][0]
    referenced = [n for i in module["discussion"] + module["quiz"] for n in i.get("assesses", [])]
    assert referenced and len(module["objectives"]) >= 2
    objective = module["objectives"][referenced[0] - 1]
    dropped_objective = objective["text"]
    objective["text"] += " (too vague)"
    objective["drop"] = True
    item = module["quiz"][-1]
    dropped_stem = item["stem"]
    del item["generated"]
    item["drop"] = True
    write_plan(course, data)
    return written, dropped_objective, dropped_stem


@pytest.mark.parametrize("changed", [False, True], ids=["same-text", "changed-text"])
def test_dropped_items_stay_out(runner: CliRunner, make_course, tmp_path: Path, caplog,
                                changed: bool) -> None:
    from builder.pipeline import build

    essay = ESSAY.replace(UNUSED, "A river slowly cuts its valley.") if changed else ESSAY
    assert (essay != ESSAY) is changed
    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    written, dropped_objective, dropped_stem = _drop_some(course)
    (course / "essay.md").write_text(essay)
    # without the drops, the changed module generates both items again
    control = load(make_course({"essay.md": essay}, name="control"), "control").modules[0]
    assert dropped_objective in [o.text for o in control.objectives]
    assert dropped_stem in [q.stem for q in control.quiz]
    with caplog.at_level(logging.WARNING, logger="builder"):
        result = build(course, tmp_path / "out", frozenset({"html"}), jobs=1)
    assert result.course.modules[0].reviewed is not changed
    assert ("the items you dropped stay out" in caplog.text) is changed
    data = json.loads((tmp_path / "out" / "course.json").read_text())
    strings = "\n".join(_strings(data))
    assert dropped_objective not in strings and _words(dropped_stem) not in strings
    m1 = data["modules"][0]
    assert len(m1["objectives"]) == len(written["objectives"]) - 1
    assert len(m1["quiz"]) == len(written["quiz"]) - 1
    page = lxml.html.parse(str(tmp_path / "out" / "site" / "modules" / f"{m1['id']}.html"))
    shown = {kind: _words(" ".join(s.text_content() for s in page.xpath(
        f"//section[contains(@class, '{kind}')]"))) for kind in ("objectives", "quiz")}
    assert shown["objectives"] and shown["quiz"]
    assert _words(dropped_stem).replace("_____", "") not in shown["quiz"]
    assert _words(dropped_objective) not in shown["objectives"]
    # every kept item still points at the objectives it assessed, less the dropped one
    texts = [o["text"] for o in m1["objectives"]]
    before = {i.get("text") or i["stem"]: i for i in written["discussion"] + written["quiz"]}
    kept = m1["discussion"] + m1["quiz"]
    assert kept and all((i.get("text") or i["stem"]) in before for i in kept)
    lost = 0
    for item in kept:
        was = _assessed(before[item.get("text") or item["stem"]], written["objectives"])
        assert {texts[n] for n in item["objectives"]} == was - {dropped_objective}
        lost += dropped_objective in was
    assert lost >= 1, "no kept item assessed the dropped objective"


def test_plan_update_keeps_drops(runner: CliRunner, make_course) -> None:
    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    _, dropped_objective, dropped_stem = _drop_some(course)
    (course / "essay.md").write_text(ESSAY.replace(UNUSED, "A river slowly cuts its valley."))
    for changed in ("1 changed", "0 changed"):  # the drop survives one update, and the next
        assert changed in plan(runner, course, "--update")
        module = read_plan(course)["modules"][0]
        assert module["stale"] is True
        drops = {k: [i for i in module[k] if i.get("drop")] for k in ("objectives", "quiz")}
        assert [i["text"] for i in drops["objectives"]] == [dropped_objective + " (too vague)"]
        assert [i["stem"] for i in drops["quiz"]] == [dropped_stem]
        # dropped entries come last, so the numbers in `assesses` still count the kept ones
        assert module["objectives"][-1].get("drop") and module["quiz"][-1].get("drop")
        numbers = [n for i in module["discussion"] + module["quiz"] for n in i.get("assesses", [])]
        assert all(1 <= n < len(module["objectives"]) for n in numbers)
    data = read_plan(course)
    del data["modules"][0]["stale"]
    write_plan(course, data)
    m1 = load(course, "course").modules[0]
    assert m1.reviewed
    assert dropped_objective not in [o.text for o in m1.objectives]
    assert dropped_stem not in [q.stem for q in m1.quiz]


def test_a_dropped_item_comes_back_when_its_sentence_changes(runner: CliRunner,
                                                              make_course) -> None:
    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    data = read_plan(course)
    item = next(q for q in data["modules"][0]["quiz"] if "slows down" in q["stem"])
    item["drop"] = True
    write_plan(course, data)
    assert item["stem"] not in [q.stem for q in load(course, "course").modules[0].quiz]
    essay = ESSAY.replace("it drops\nthe sand", "it drops\nthe gravel")
    assert essay != ESSAY
    (course / "essay.md").write_text(essay)
    fresh = load(make_course({"essay.md": essay}, name="fresh"), "fresh").modules[0]
    assert item["stem"] not in [q.stem for q in fresh.quiz]
    m1 = load(course, "course").modules[0]
    assert [q.stem for q in m1.quiz] == [q.stem for q in fresh.quiz]
    assert any("gravel" in q.stem for q in m1.quiz)


# --- other right answers of fill-in items (accept) --------------------------------


def test_generated_fill_in_items_carry_their_variants_through_plan_yaml(
    runner: CliRunner, make_course
) -> None:
    from builder.pedagogy.answers import variants

    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    data = read_plan(course)
    blanks = [q for m in data["modules"] for q in m["quiz"] if q["kind"] == "fill_blank"]
    assert any("accept" in q for q in blanks), blanks
    for q in blanks:  # the forms of the answer itself (the stem and text add others)
        assert set(variants(q["answer"], "a ", " is")) <= set(q.get("accept", []))
    built = load(course, "course")
    loaded = [q for m in built.modules for q in m.quiz if q.kind == "fill_blank"]
    # the fingerprint covers accept: unedited items stay generated, variants and all
    assert [(q.origin, list(q.accept)) for q in loaded] == [
        ("generated", q.get("accept", [])) for q in blanks]


def test_edited_accept_is_kept_as_written(runner: CliRunner, make_course) -> None:
    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    data = read_plan(course)
    module = data["modules"][0]
    module["quiz"].append({"kind": "fill_blank", "stem": "The Nile built a _____ at the sea.",
                           "answer": "delta", "accept": ["river delta", "  Delta ", "deltas"]})
    write_plan(course, data)
    item = load(course, "course").modules[0].quiz[-1]
    # the answer itself is not repeated; spacing is tidied, nothing else is added or removed
    assert (item.origin, item.answer, item.accept) == ("authored", "delta",
                                                      ("river delta", "deltas"))
    plan(runner, course, "--update")
    again = read_plan(course)["modules"][0]["quiz"]
    kept = [q for q in again if q["stem"] == "The Nile built a _____ at the sea."]
    assert kept == [{"kind": "fill_blank", "stem": "The Nile built a _____ at the sea.",
                     "answer": "delta", "accept": ["river delta", "deltas"]}]
    assert load(course, "course").modules[0].quiz[-1].accept == ("river delta", "deltas")


def test_markdown_block_accept_reaches_course_json(make_course, tmp_path: Path) -> None:
    from builder.pipeline import build

    essay = ESSAY + ("\n```coursepack\nquiz:\n  - stem: Cairo grew on the _____.\n"
                     "    kind: fill_blank\n    answer: Nile\n"
                     "    accept: [river Nile, 'Nile River']\n```\n")
    course = make_course({"essay.md": essay})
    result = build(course, tmp_path / "out", frozenset({"html"}), jobs=1)
    item = result.course.modules[-1].quiz[0]
    assert (item.origin, item.accept) == ("authored", ("river Nile", "Nile River"))
    data = json.loads((tmp_path / "out" / "course.json").read_text())
    quiz = data["modules"][-1]["quiz"]
    assert quiz[0]["accept"] == ["river Nile", "Nile River"]
    assert all("accept" in q for q in quiz if q["kind"] == "fill_blank")
    assert not any("accept" in q for q in quiz if q["kind"] != "fill_blank")


@pytest.mark.parametrize(
    "item, message",
    [
        ("  - stem: Which?\n    choices: [a, b]\n    answer: a\n    accept: [b]\n",
         "essay.md:11: 'accept' is only for fill_blank items, not multiple_choice. Delete the "
         "accept: line, or write kind: fill_blank."),
        ("  - stem: Rivers drop ____.\n    kind: fill_blank\n    answer: sand\n"
         "    accept: grains of sand\n",
         "essay.md:11: 'accept' must be a list of the other right answers. For example: "
         "accept: [long term peace, lasting peace] (quote an answer that contains ': ' or "
         "starts with a symbol)."),
        ("  - stem: Rivers drop ____.\n    kind: fill_blank\n    answer: sand\n"
         "    accept: [grit, {a: b}]\n",
         "essay.md:11: 'accept' must be a list of the other right answers. For example: "
         "accept: [long term peace, lasting peace] (quote an answer that contains ': ' or "
         "starts with a symbol)."),
        ("  - stem: Rivers drop ____.\n    kind: fill_blank\n    answer: sand\n"
         "    accept: [grit, yes]\n",
         "essay.md:11: 'accept' must be a list of the other right answers. For example: "
         "accept: [long term peace, lasting peace] (quote an answer that contains ': ' or "
         "starts with a symbol)."),
    ],
    ids=["not-fill-blank", "not-a-list", "mapping", "boolean"],
)
def test_bad_accept(make_course, item: str, message: str) -> None:
    test_bad_authored_block(make_course, "quiz:\n" + item, message)


def test_notes_count_the_items_a_reviewed_module_has(runner: CliRunner, make_course) -> None:
    course = make_course({"essay.md": ESSAY, "course.toml": "[pedagogy]\nquiz_items = 5\n"})
    plan(runner, course)
    generated = load(course, "course").modules[0]
    assert any(n.startswith("Too few knowledge-check items") for n in generated.notes)
    data = read_plan(course)
    quiz = data["modules"][0]["quiz"]
    while len(quiz) < 5:  # the instructor tops the knowledge check up by hand
        quiz.append({"kind": "fill_blank",
                     "stem": f"Rivers carry water from the _____ ({len(quiz)}).",
                     "answer": "hills", "feedback": "The reading says they start in the hills."})
    write_plan(course, data)
    reviewed = load(course, "course").modules[0]
    assert reviewed.reviewed and len(reviewed.quiz) == 5
    assert not any("knowledge-check" in n for n in reviewed.notes), reviewed.notes


TRUE_FALSE_BLOCK = """

```coursepack
quiz:
  - stem: A river drops its sand where it slows down.
    kind: true_false
    answer: true
```
"""


@pytest.mark.parametrize("language", ["fr", "FR", "fr-ca"])
def test_authored_true_false_labels_follow_the_course_language(make_course, language: str
                                                               ) -> None:
    """The tag is case-insensitive: "FR" gives Vrai/Faux, as the rules backend does."""
    course = make_course({"essay.md": AUTHORED.split("```coursepack")[0] + TRUE_FALSE_BLOCK,
                          "course.toml": f'language = "{language}"\n'})
    built = load(course, "course")
    authored = [q for q in built.modules[0].quiz if q.origin == "authored"]
    generated = [q for q in built.modules[0].quiz if q.kind == "true_false" and
                 q.origin == "generated"]
    assert authored[0].choices == ("Vrai", "Faux")
    assert all(q.choices == ("Vrai", "Faux") for q in generated)
    assert built.language == {"fr": "fr", "FR": "fr", "fr-ca": "fr-CA"}[language]


TERMS_BLOCK = """

```coursepack
terms:
  - term: delta
    definition: The plain of sand a river builds where it meets the sea.
```
"""


def test_markdown_terms_appear_once_after_plan(runner: CliRunner, make_course) -> None:
    """Terms are items like the others: origin, location, ``from:`` in plan.yaml."""
    course = make_course({"essay.md": AUTHORED.split("```coursepack")[0] + TERMS_BLOCK})
    plan(runner, course)
    listed = read_plan(course)["modules"][0]["terms"]
    delta = [t for t in listed if t["term"] == "delta"]
    line = (course / "essay.md").read_text().splitlines().index("  - term: delta") + 1
    assert len(delta) == 1 and delta[0]["from"] == f"{course}/essay.md:{line}"
    assert "generated" not in delta[0]
    terms = load(course, "course").modules[0].terms
    assert [t.term for t in terms].count("delta") == 1
    own = next(t for t in terms if t.term == "delta")
    assert own.origin == "authored" and str(own.location) == f"course/essay.md:{line}"
    assert all(t.origin == "generated" for t in terms if t.term != "delta")


def test_a_term_edited_in_plan_yaml_is_authored(runner: CliRunner, make_course) -> None:
    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    data = read_plan(course)
    data["modules"][0]["terms"] = [{"term": "erosion", "definition": "Wearing away of rock."}]
    write_plan(course, data)
    terms = load(course, "course").modules[0].terms
    assert [(t.term, t.origin) for t in terms][0] == ("erosion", "authored")
    assert plan(runner, course, "--update")
    again = read_plan(course)["modules"][0]["terms"][0]
    assert again == {"term": "erosion", "definition": "Wearing away of rock."}


def test_reviewed_modules_are_not_generated_again(runner: CliRunner, make_course,
                                                  monkeypatch) -> None:
    """Reviewed material is used as it is: no backend is even made for it."""
    from builder.pedagogy import stage

    course = make_course({"essay.md": ESSAY})
    plan(runner, course)
    before = read_plan(course)["modules"]

    def no_backend(*args: object) -> None:
        raise AssertionError("a backend was made for reviewed modules")

    monkeypatch.setattr(stage, "get_backend", no_backend)
    built = load(course, "course")
    assert all(m.reviewed for m in built.modules)
    assert [o.text for o in built.modules[0].objectives] == [
        o["text"] for o in before[0]["objectives"]]


def test_a_part_split_at_a_topic_shift_points_at_its_first_paragraph(runner: CliRunner,
                                                                     make_course) -> None:
    river = ("The river carries water and sand from the hills down to the valley floor, where "
             "the river slows and the sand of the river settles on its banks. ") * 7
    bread = ("The baker mixes flour, yeast and water into a dough; the dough rises in the warm "
             "kitchen and the baker shapes the bread before baking the loaves. ") * 7
    essay = "# Essay\n\n\n" + "\n\n".join([river] * 4 + [bread] * 4) + "\n"
    course = make_course({"essay.md": essay, "course.toml":
                          "[plan]\nmin_minutes = 2\ntarget_minutes = 4\n"})
    plan(runner, course)
    lines = essay.split("\n")
    first_bread = next(n for n, line in enumerate(lines, 1) if line.startswith("The baker"))
    sources = [m["source"] for m in read_plan(course)["modules"]]
    assert sources == ["essay.md:1", f"essay.md:{first_bread}"]


# --- review files with wrong types ----------------------------------------

MD_CASES = [
    ("quiz:\n  - stem: [a, b]\n    kind: true_false\n    answer: true\n",
     "essay.md:11: 'stem' must be text, not a list. Write the text on the same line after "
     "'stem:', in quotes if it starts with [ or { or holds ': '."),
    ("quiz:\n  - stem: Where does a river drop its sand?\n    choices:\n      - On flat land\n"
     "      - At the mouth: where it meets the sea\n    answer: On flat land\n",
     "essay.md:14: choice 2 must be text, not a mapping. Write each choice as text, in quotes "
     "if it holds ': ', starts with [ or { or is yes, no, true or false."),
    ("quiz:\n  - stem: Where does a river drop its sand?\n"
     "    choices: [On flat land, In the hills, on  flat land]\n    answer: In the hills\n",
     "essay.md:12: choices 1 and 3 are the same ('on  flat land'). Make every choice "
     "different, or delete the repeated one."),
    ("quizz:\n  - stem: Where does a river drop its sand?\n",
     "essay.md:10: unknown key 'quizz' in the coursepack block. Did you mean 'quiz'?"),
    ("discussion:\n  - text: Why do rivers flood?\n    notes: Strong answers name the rain.\n",
     "essay.md:12: unknown key 'notes' in discussion item 1. Did you mean 'note'?"),
    ("terms:\n  - term: delta\n    definition: {fan: of sand}\n",
     "essay.md:12: 'definition' must be text, not a mapping. Write the text on the same line "
     "after 'definition:', in quotes if it starts with [ or { or holds ': '."),
    ("summary:\n  - Rivers shape land.\n",
     "essay.md:10: 'summary' must be text, not a list. Write the text on the same line after "
     "'summary:', in quotes if it starts with [ or { or holds ': '."),
    ("quiz:\n  - stem: Rivers drop ____.\n    kind: fill_blank\n    answer: no\n",
     "essay.md:13: 'answer' must be the missing word, not false. Put it in quotes: YAML reads a "
     "bare yes, no, on, off, true or false as true or false."),
    ("quiz:\n  - stem: Where?\n    stem: Where does a river drop its sand?\n",
     "essay.md:12: invalid YAML: 'stem' is given twice; keep one of them. Fix the YAML (indent "
     "with spaces; quote text that contains ': ')."),
]


@pytest.mark.parametrize(
    "block, message", MD_CASES,
    ids=["stem-list", "choice-mapping", "same-choices", "unknown-block-key", "unknown-item-key",
         "definition-mapping", "summary-list", "fill-in-answer-no", "key-twice"],
)
def test_wrong_types_in_a_block(make_course, block: str, message: str) -> None:
    test_bad_authored_block(make_course, block, message)


def test_a_block_item_assessing_an_objective_the_module_lacks(make_course) -> None:
    """Checked against the finished module: the block's objective comes first,
    then the generated ones (how many depends on the text: matched, not fixed)."""
    block = ("objectives:\n  - Explain how a river deepens its valley.\nquiz:\n"
             "  - stem: Rivers drop their sand on flat land.\n    kind: true_false\n"
             "    answer: true\n    assesses: [1, 99]\n")
    with pytest.raises(BuildError) as info:
        load(_with_block(make_course, block), "course")
    found = re.fullmatch(r"course/essay\.md:13: 'assesses' names objective 99, but module "
                         r"'m01-how-rivers-shape-land' has (\d) objectives?\. Number the "
                         r"module's objectives from 1, in the order they are listed \(those of "
                         r"coursepack blocks come first\)\.", info.value.message)
    assert found and 1 <= int(found.group(1)) <= 4, info.value.message


PLANNED = ["schema: coursepack-plan/1", "course: Rivers", "modules:",
           "- id: m01-how-rivers-shape-land", "  title: How Rivers Shape Land",
           "  objectives:", "  - Explain how a river deepens its valley."]
"""A plan.yaml: module 1 on line 4, its one objective on line 7; each case
goes on from line 8."""


@pytest.mark.parametrize(
    "lines, message",
    [
        (["  quiz:", "  - stem: [a, b]", "    kind: true_false", "    answer: true"],
         "plan.yaml:9: 'stem' must be text, not a list. Write the text on the same line after "
         "'stem:', in quotes if it starts with [ or { or holds ': '."),
        (["  discussion:", "  - text: Why do rivers flood?", "    note: {strong: answers}"],
         "plan.yaml:10: 'note' must be text, not a mapping. Write the text on the same line "
         "after 'note:', in quotes if it starts with [ or { or holds ': '."),
        (["  terms:", "  - term: delta", "    definition: yes"],
         "plan.yaml:10: 'definition' must be text, not true. Put the text in quotes: YAML reads "
         "a bare yes, no, on, off, true or false as true or false."),
        (["  quiz:", "  - stem: Rivers drop their sand on flat land.", "    kind: true_false",
          "    answer: true", "    assesses: [99]"],
         "plan.yaml:12: 'assesses' names objective 99, but the module has 1 objective. Number "
         "the module's objectives from 1, in the order they are listed."),
        (["  quiz:", "  - stem: Where does a river drop its sand?", "    choices:",
          "    - On flat land", "    - At the mouth: where it meets the sea",
          "    answer: On flat land"],
         "plan.yaml:12: choice 2 must be text, not a mapping. Write each choice as text, in "
         "quotes if it holds ': ', starts with [ or { or is yes, no, true or false."),
        (["  quiz:", "  - stem: Where does a river drop its sand?",
          "    choices: [On flat land, In the hills, On flat land]", "    answer: In the hills"],
         "plan.yaml:10: choices 1 and 3 are the same ('On flat land'). Make every choice "
         "different, or delete the repeated one."),
        (["  quizz:", "  - stem: Where does a river drop its sand?"],
         "plan.yaml:8: unknown key 'quizz' in module 'm01-how-rivers-shape-land'. Did you mean "
         "'quiz'?"),
        (["  - Understand rivers."],
         "plan.yaml:8: cannot tell the Bloom level of 'Understand'. Start with a verb such as "
         "explain, compare or evaluate, or add 'bloom: analyze' (remember, understand, apply, "
         "analyze, evaluate, create)."),
        (["  quiz:", "  - Where does a river drop its sand?"],
         "plan.yaml:9: quiz item 1 must be a mapping. Write its question after '- stem: ', then "
         "kind:, choices: and answer: on lines of their own, indented under stem:."),
        (["  summary: [a, b]"],
         "plan.yaml:8: 'summary' must be text, not a list. Write the text on the same line after "
         "'summary:', in quotes if it starts with [ or { or holds ': '."),
        (["- id: m01-how-rivers-shape-land", "  title: Again"],
         "plan.yaml:8: module 'm01-how-rivers-shape-land' is listed twice (first on line 4). "
         "Keep one entry per module: move the items you want into one of them."),
        (["  discussion:", "  - text: Why do rivers flood?", "    drop: 'yes'"],
         "plan.yaml:10: 'drop' must be true or false. Write 'drop: true' to leave the item out, "
         "or delete the line."),
    ],
    ids=["stem-list", "note-mapping", "definition-yes", "assesses-beyond", "choice-mapping",
         "same-choices", "unknown-module-key", "plain-objective-line", "plain-quiz-line",
         "summary-list", "module-twice", "drop-text"],
)
def test_wrong_types_in_plan_yaml(make_course, lines: list[str], message: str) -> None:
    course = make_course({"essay.md": ESSAY, "plan.yaml": "\n".join(PLANNED + lines) + "\n"})
    with pytest.raises(BuildError) as info:
        load(course, "course")
    assert info.value.message == "course/" + message


def test_unknown_top_level_plan_key(make_course) -> None:
    text = "\n".join(PLANNED).replace("modules:", "moduls:") + "\n"
    course = make_course({"essay.md": ESSAY, "plan.yaml": text})
    with pytest.raises(BuildError) as info:
        load(course, "course")
    assert info.value.message == (
        "course/plan.yaml:3: unknown key 'moduls' in plan.yaml. Did you mean 'modules'?")


def test_wrong_types_exit_2_from_the_command_line(runner: CliRunner, make_course,
                                                  tmp_path: Path) -> None:
    lines = ["  quiz:", "  - stem: Where does a river drop its sand?",
             "    choices: [{On: flat land}, In the hills]", "    answer: 1"]
    course = make_course({"essay.md": ESSAY, "plan.yaml": "\n".join(PLANNED + lines) + "\n"})
    result = runner.invoke(cli, ["build", str(course), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "plan.yaml:10: choice 1 must be text, not a mapping" in result.output
    assert "__line__" not in result.output and "Traceback" not in result.output


def test_a_stale_plan_item_past_the_module_s_objectives_loses_the_number(
        make_course, caplog) -> None:
    """A changed module's items from plan.yaml keep their numbers against the
    plan's list; one past the end of the module as generated again goes, with
    a warning, and never reaches the guide as a missing objective."""
    from builder.authored import fingerprint

    generated = []
    for n in range(2, 10):
        text = f"Explain point {n} of the reading."
        stamp = fingerprint("objectives", {"bloom": "understand", "text": text})
        generated += [f"  - text: {text}", "    bloom: understand", f"    generated: {stamp}"]
    many = [*PLANNED, *generated, "  quiz:", "  - stem: Rivers drop their sand on flat land.",
            "    kind: true_false", "    answer: true", "    assesses: [9]"]
    course = make_course({"essay.md": ESSAY, "plan.yaml": "\n".join(many) + "\n",
                          "course.toml": "[plan]\nmin_minutes = 0\n[pedagogy]\nobjectives = 2\n"})
    module = load(course, "course").modules[0]
    item = next(q for q in module.quiz if q.stem.startswith("Rivers drop their sand"))
    assert item.objectives == () and len(module.objectives) < 9
    assert "'assesses' names objective 9" in caplog.text
