"""The review page in a real browser (headless Chromium through playwright-core,
tests/browser/check_review.mjs): keyboard first, keep, drop, edit (an
invalid edit refused on the page first), add, reload, axe-core clean in light
and dark; then plan.yaml, a build and the live preview reflect it."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from builder.cli import cli
from builder.pipeline import build
from tests.conftest import CORPUS
from tests.test_review import ESSAY, ONE_PER_SECTION, with_teacher_item
from tests.test_review_page import Served
from tests.test_site_browser import ARABIC, _missing_tools, _serious

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tests" / "browser" / "check_review.mjs"


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    missing = _missing_tools()
    if missing:
        pytest.skip(missing)
    base = tmp_path_factory.mktemp("review")
    course = base / "course"
    course.mkdir()
    (course / "course.toml").write_text(ONE_PER_SECTION, encoding="utf-8")
    (course / "essay.md").write_text(ESSAY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", str(course)])
    assert result.exit_code == 0, result.output
    with_teacher_item(course)
    before = yaml.safe_load((course / "plan.yaml").read_text("utf-8"))
    others = []
    if (CORPUS / ARABIC).is_file():  # a right-to-left course, for axe and the reading pane
        arabic = base / "arabic"
        arabic.mkdir()
        shutil.copyfile(CORPUS / ARABIC, arabic / "essay.md")
        (arabic / "course.toml").write_text('language = "ar"\n', encoding="utf-8")
        assert CliRunner().invoke(cli, ["plan", str(arabic)]).exit_code == 0
        others.append(("arabic", Served(arabic)))
    fresh = base / "fresh"  # no plan.yaml yet
    fresh.mkdir()
    (fresh / "course.toml").write_text(ONE_PER_SECTION, encoding="utf-8")
    (fresh / "essay.md").write_text(ESSAY, encoding="utf-8")
    others.append(("fresh", Served(fresh)))
    served = Served(course)
    stop = threading.Event()

    def rebuild() -> None:  # what coursepack serve's loop does
        while not stop.wait(0.3):
            served.preview.rebuild_if_changed()

    watcher = threading.Thread(target=rebuild, daemon=True)
    watcher.start()
    try:
        job = {"base": served.base, "noPlan": others[-1][1].base,
               "others": [{"name": n, "base": s.base} for n, s in others[:-1]]}
        (base / "job.json").write_text(json.dumps(job), encoding="utf-8")
        done = subprocess.run(["node", str(SCRIPT), str(base / "job.json")],
                              capture_output=True, text=True, timeout=300, cwd=REPO)
        assert done.returncode == 0, done.stderr[-3000:]
        found: dict[str, Any] = json.loads(done.stdout)
    finally:
        stop.set()
        watcher.join()
        served.close()
        for _, other in others:
            other.close()
    found["before"] = before
    found["others"] = [n for n, _ in others[:-1]]
    found["fresh"] = fresh.is_dir() and (fresh / "plan.yaml").is_file()
    found["course"] = str(course)
    found["plan"] = yaml.safe_load((course / "plan.yaml").read_text("utf-8"))
    return found


def test_axe_finds_no_serious_or_critical_violation(review: dict[str, Any]) -> None:
    scanned = {f"{n} {s}" for n in review["others"] for s in ("light", "dark")}
    assert set(review["axe"]) == {"page light", "page dark", "edit form", "no plan"} | scanned
    problems = {k: _serious(v) for k, v in review["axe"].items()}
    assert {k: v for k, v in problems.items() if v} == {}


def test_no_request_leaves_the_server_and_no_errors(review: dict[str, Any]) -> None:
    assert review["outside"] == [] and review["errors"] == []


def test_keyboard_moves_between_items_and_shows_their_sentence(review: dict[str, Any]) -> None:
    steps = review["steps"]
    assert steps["first"] == {**steps["first"], "isItem": True, "kind": "objectives", "index": 0}
    assert steps["first"]["outline"] not in ("", "none")
    assert steps["back"]["kind"] == "objectives" and steps["back"]["index"] == 0
    sentence = steps["sentence"]
    assert sentence and sentence in ESSAY.replace("\n", " ")
    assert steps["afterKeep"]["kind"] == "objectives" and steps["afterKeep"]["index"] == 1
    assert steps["progress"].startswith("2 of ")  # the kept one and the teacher's own item
    assert steps["editFocus"] is True
    assert "right answer" in steps["invalid"]
    assert steps["afterEdit"]["isItem"] and steps["afterEdit"]["index"] == 0
    assert steps["afterEscape"]["isItem"] and steps["afterEscape"]["kind"] == "quiz"


def test_a_course_without_plan_yaml_gets_one_from_the_page(review: dict[str, Any]) -> None:
    assert review["fresh"] is True
    assert review["steps"]["noPlan"]["items"] > 0


def test_nothing_scrolls_sideways_on_a_phone(review: dict[str, Any]) -> None:
    assert review["steps"]["phone"] == {"page": 0, "form": 0}


def test_a_right_to_left_course_reads_right_to_left(review: dict[str, Any]) -> None:
    if "arabic" not in review["others"]:
        pytest.skip(f"corpus essay {ARABIC} not found")
    for scheme in ("light", "dark"):
        step = review["steps"][f"arabic {scheme}"]
        assert step["isItem"] and step["dir"] == "rtl"
        assert step["sentence"] and any("\u0600" <= c <= "\u06ff" for c in step["sentence"])


def test_keep_drop_edit_and_add_survive_a_reload(review: dict[str, Any]) -> None:
    again = review["steps"]["reloaded"]
    assert again["kept"] == "kept" and again["dropped"] == "dropped"
    assert again["edited"] == "Where does a river drop the sand it carries?"
    assert again["right"].startswith("On flat land")
    assert "flood plain" in again["terms"]
    assert again["progress"].startswith("4 of ")  # kept, dropped, edited, added


def test_plan_yaml_holds_every_change(review: dict[str, Any]) -> None:
    before, after = review["before"]["modules"][0], review["plan"]["modules"][0]
    assert "generated" in before["objectives"][0] and "generated" not in after["objectives"][0]
    assert after["objectives"][0]["text"] == before["objectives"][0]["text"]
    assert after["quiz"][1]["drop"] is True
    assert after["quiz"][1]["stem"] == before["quiz"][1]["stem"]
    assert after["quiz"][0] == {
        "kind": "multiple_choice", "stem": "Where does a river drop the sand it carries?",
        "choices": ["On flat land", "In the hills", "At its source", "Under bridges"],
        "answer": "On flat land", "feedback": "The river slows down on flat land.",
        "assesses": sorted({1, *before["quiz"][0].get("assesses", [])})}
    assert after["terms"][-1] == {"term": "flood plain",
                                  "definition": "The flat land a river covers when it floods."}
    assert review["plan"]["modules"][1] == review["before"]["modules"][1]


def test_the_build_and_the_preview_reflect_the_review(review: dict[str, Any],
                                                      tmp_path: Path) -> None:
    assert "Where does a river drop the sand it carries?" in review["steps"]["preview"]
    result = build(Path(review["course"]), tmp_path / "out", frozenset({"html"}))
    data = json.loads((result.out / "course.json").read_text("utf-8"))
    module = data["modules"][0]
    stems = [q["stem"] for q in module["quiz"]]
    assert "Where does a river drop the sand it carries?" in stems
    assert review["before"]["modules"][0]["quiz"][1]["stem"] not in stems
    assert "flood plain" in [t["term"] for t in module["terms"]]
