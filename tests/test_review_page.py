"""The review page of coursepack serve (/_review/), through its HTTP endpoints:
what it lists, the session token and the other-site checks, the conflict
with an edit made in an editor, invalid input refused, and what plan.yaml
holds after each change (and that a build uses it)."""

from __future__ import annotations

import http.client
import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from builder.cli import cli
from builder.pipeline import load
from builder.reviewpage import NO_PLAN, ReviewError, plan_version, write_atomically
from builder.serve import Preview
from tests.test_review import AUTHORED, ESSAY, ONE_PER_SECTION, with_teacher_item


class Served:
    """A course served by a Preview on a free port."""

    def __init__(self, course: Path) -> None:
        self.course = course
        self.preview = Preview(course, "course", frozenset({"html"}))
        assert self.preview.rebuild_if_changed()
        self.httpd = self.preview.server("127.0.0.1", 0)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def data(self) -> dict[str, Any]:
        status, body = self.get("/_review/data.json")
        assert status == 200, body
        result: dict[str, Any] = json.loads(body)
        return result

    def post(self, change: dict[str, Any], headers: dict[str, str] | None = None,
             shown: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        """POST ``change`` as the page does, showing the data ``shown`` (the
        data of now by default)."""
        sent = {"Content-Type": "application/json", "X-Coursepack-Token": self.preview.token,
                **(headers or {})}
        shown = shown or self.data()
        hashes = [m.get("hash") for m in shown["modules"] if m["id"] == change.get("module")]
        body = {**change, "version": shown["version"], "moduleHash": (hashes or [None])[0]}
        request = urllib.request.Request(self.base + "/_review/change",
                                         json.dumps(body).encode(), sent, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def plan(self) -> dict[str, Any]:
        result: dict[str, Any] = yaml.safe_load((self.course / "plan.yaml").read_text("utf-8"))
        return result

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.preview.close()


@pytest.fixture
def served(make_course) -> Iterator[Served]:
    course = make_course({"course.toml": ONE_PER_SECTION, "essay.md": ESSAY})
    runner = CliRunner()
    result = runner.invoke(cli, ["plan", str(course)])
    assert result.exit_code == 0, result.output
    with_teacher_item(course)
    server = Served(course)
    yield server
    server.close()


def _module(data: dict[str, Any], n: int = 0) -> dict[str, Any]:
    module: dict[str, Any] = data["modules"][n]
    return module


def test_page_carries_the_session_token_and_is_not_framed(served: Served) -> None:
    status, body = served.get("/_review/")
    assert status == 200
    page = body.decode()
    assert f'content="{served.preview.token}"' in page and "{{ token }}" not in page
    assert len(served.preview.token) >= 32
    assert served.get("/_review/review.js")[0] == 200
    assert served.get("/_review/review.css")[0] == 200
    request = urllib.request.Request(served.base + "/_review/")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"
    assert served.get("/index.html")[0] == 200  # the preview is still there


def test_data_lists_every_item_with_origin_bloom_assesses_and_sentence(served: Served) -> None:
    data = served.data()
    plan = served.plan()
    assert data["hasPlan"] and data["current"]
    assert [m["id"] for m in data["modules"]] == [m["id"] for m in plan["modules"]]
    for module, entry in zip(data["modules"], plan["modules"], strict=True):
        assert module["summary"] == entry["summary"]
        total = sum(len(entry[k]) for k in ("objectives", "discussion", "quiz", "terms"))
        authored = sum("generated" not in raw for k in ("objectives", "discussion", "quiz",
                                                         "terms") for raw in entry[k])
        assert module["total"] == total and module["reviewed"] == authored  # the teacher's
        assert not module["stale"] and not module["changed"]
        for kind in ("objectives", "discussion", "quiz", "terms"):
            for item, raw in zip(module["kinds"][kind], entry[kind], strict=True):
                if "generated" not in raw:  # the teacher's item (with_teacher_item)
                    assert item["origin"] == "authored"
                    continue
                assert item["origin"] == "generated" and item["state"] == "unreviewed"
                assert "generated" not in item["data"]
                assert item["data"].get("assesses") == raw.get("assesses")
                assert item["data"].get("bloom") == raw.get("bloom")
    first = _module(data)
    quiz = next(q for q in first["kinds"]["quiz"] if q["data"]["kind"] != "true_false")
    sentence = first["reading"][quiz["sentence"]]["text"]
    assert quiz["data"]["answer"] in sentence  # the sentence the blank was cut from


def test_writes_need_the_token_and_this_site(served: Served) -> None:
    before = (served.course / "plan.yaml").read_bytes()
    change = {"action": "drop", "module": _module(served.data())["id"], "kind": "quiz",
              "index": 0}
    for headers in (
        {"X-Coursepack-Token": ""},
        {"X-Coursepack-Token": "guessed"},
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Content-Type": "text/plain"},
    ):
        status, body = served.post(change, headers)
        assert status == 403, headers
        assert body["error"].startswith("refused")
    # a page of another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing
    evil = {"Host": f"evil.example:{served.httpd.server_port}"}
    status, _ = served.get("/_review/data.json", evil)
    assert status == 403
    status, _ = served.post(change, {"Host": "evil.example"})
    assert status == 403
    assert (served.course / "plan.yaml").read_bytes() == before
    status, _ = served.post(change, {"Origin": served.base})
    assert status == 200


def test_serve_binds_loopback_unless_told_otherwise() -> None:
    params = {p.name: p for p in cli.commands["serve"].params}
    assert params["host"].default == "127.0.0.1"


def test_keep_drop_restore_edit_and_add_are_written_to_plan_yaml(served: Served,
                                                                tmp_path: Path) -> None:
    module = _module(served.data())
    mid = module["id"]
    for action, kind, index in (("keep", "objectives", 0), ("drop", "quiz", 1)):
        change = {"action": action, "module": mid, "kind": kind, "index": index}
        assert served.post(change)[0] == 200
    plan = served.plan()["modules"][0]
    assert "generated" not in plan["objectives"][0]
    assert "generated" in plan["objectives"][1]
    assert plan["quiz"][1]["drop"] is True
    data = served.data()
    assert _module(data)["reviewed"] == 3  # the two reviewed and the teacher's own item
    assert _module(data)["kinds"]["objectives"][0]["state"] == "kept"
    assert _module(data)["kinds"]["quiz"][1]["state"] == "dropped"
    dropped_stem = plan["quiz"][1]["stem"]

    status, _ = served.post({"action": "edit", "module": mid, "kind": "quiz", "index": 0, "item": {
        "kind": "multiple_choice", "stem": "  Where does a river drop   its sand? ",
        "choices": ["On flat land", "In the hills", "At the source", ""],
        "answer": "On flat land", "feedback": "It slows down there.", "assesses": [2]}})
    assert status == 200
    status, _ = served.post({"action": "add", "module": mid, "kind": "quiz", "item": {
        "kind": "fill_blank", "stem": "A river cuts its valley by _____.", "answer": "erosion",
        "accept": ["erosion by water", " "], "assesses": [1]}})
    assert status == 200
    status, _ = served.post({"action": "add", "module": mid, "kind": "quiz", "item": {
        "kind": "true_false", "stem": "Floods spread fresh silt across the fields.",
        "answer": True, "assesses": []}})
    assert status == 200
    status, _ = served.post({"action": "add", "module": mid, "kind": "terms", "item": {
        "term": "delta", "definition": "The fan of sand a river builds at the sea."}})
    assert status == 200
    status, _ = served.post({"action": "add", "module": mid, "kind": "discussion", "item": {
        "text": "Why do farmers settle on flood plains?", "bloom": "evaluate",
        "assesses": [1, 2]}})
    assert status == 200
    status, _ = served.post({"action": "add", "module": mid, "kind": "objectives", "item": {
        "text": "Describe how a delta forms.", "bloom": ""}})
    assert status == 200
    status, _ = served.post({"action": "summary", "module": mid,
                             "summary": "Rivers carve valleys and build plains."})
    assert status == 200

    plan = served.plan()["modules"][0]
    assert plan["quiz"][0] == {
        "kind": "multiple_choice", "stem": "Where does a river drop its sand?",
        "choices": ["On flat land", "In the hills", "At the source"], "answer": "On flat land",
        "feedback": "It slows down there.", "assesses": [2]}
    assert plan["quiz"][-2] == {"kind": "fill_blank", "stem": "A river cuts its valley by _____.",
                                "answer": "erosion", "accept": ["erosion by water"],
                                "assesses": [1]}
    assert plan["quiz"][-1] == {"kind": "true_false",
                                "stem": "Floods spread fresh silt across the fields.",
                                "answer": True}
    assert plan["terms"][-1] == {"term": "delta",
                                 "definition": "The fan of sand a river builds at the sea."}
    assert plan["objectives"][-1] == {"text": "Describe how a delta forms."}
    assert plan["summary"] == "Rivers carve valleys and build plains."
    text = (served.course / "plan.yaml").read_text("utf-8")
    assert text.startswith("# coursepack plan:") and "assesses: [2]" in text
    assert not [p for p in served.course.iterdir() if p.name.endswith(".tmp")]

    # restore brings a dropped item back
    status, _ = served.post({"action": "restore", "module": mid, "kind": "quiz", "index": 1})
    assert status == 200 and "drop" not in served.plan()["modules"][0]["quiz"][1]
    status, _ = served.post({"action": "drop", "module": mid, "kind": "quiz", "index": 1})
    assert status == 200

    # the build uses plan.yaml as it now is
    course = load(served.course, "course")
    built = course.modules[0]
    stems = [q.stem for q in built.quiz]
    assert "Where does a river drop its sand?" in stems
    assert "A river cuts its valley by _____." in stems
    assert dropped_stem not in stems
    assert all(q.origin == "authored" for q in built.quiz)
    assert built.objectives[0].origin == "authored" and built.objectives[1].origin == "generated"
    assert built.objectives[-1].text == "Describe how a delta forms."
    assert built.objectives[-1].bloom == "understand"  # from its verb
    assert built.summary == "Rivers carve valleys and build plains."
    assert [t.term for t in built.terms][-1] == "delta"

    # and the page, once the preview has rebuilt, says so
    assert served.data()["current"] is False
    assert served.preview.rebuild_if_changed()
    data = served.data()
    assert data["current"] is True
    assert _module(data)["kinds"]["quiz"][0]["data"]["stem"] == "Where does a river drop its sand?"


@pytest.mark.parametrize(("item", "message"), [
    ({"kind": "multiple_choice", "stem": "Where?", "choices": ["Here", "There"],
      "answer": "Elsewhere"}, "not one of the choices"),
    ({"kind": "multiple_choice", "stem": "Where?", "choices": ["Here", "There"], "answer": ""},
     "mark which choice is the right answer"),
    ({"kind": "multiple_choice", "stem": "Where?", "choices": ["Here", ""], "answer": "Here"},
     "at least 2"),
    ({"kind": "fill_blank", "stem": "   ", "answer": "x"}, "needs its question"),
    ({"kind": "fill_blank", "stem": "A _____.", "answer": ""}, "missing word"),
    ({"kind": "true_false", "stem": "Rivers flow."}, "true/false"),
    ({"kind": "fill_blank", "stem": "A _____.", "answer": "x", "assesses": [9]},
     "objective 9 does not exist"),
    ({"kind": "essay", "stem": "Why?"}, "unknown quiz kind"),
])
def test_invalid_input_is_refused_and_not_written(served: Served, item: dict[str, Any],
                                                  message: str) -> None:
    before = (served.course / "plan.yaml").read_bytes()
    mid = _module(served.data())["id"]
    status, body = served.post({"action": "edit", "module": mid, "kind": "quiz", "index": 0,
                                "item": item})
    assert status == 400 and message in body["error"], body
    status, body = served.post({"action": "add", "module": mid, "kind": "quiz", "item": item})
    assert status == 400 and message in body["error"], body
    assert (served.course / "plan.yaml").read_bytes() == before


def test_other_bad_requests_are_refused(served: Served) -> None:
    mid = _module(served.data())["id"]
    for change, status_wanted in (
        ({"action": "add", "module": mid, "kind": "terms",
          "item": {"term": "", "definition": "x"}}, 400),
        ({"action": "edit", "module": mid, "kind": "objectives", "index": 0,
          "item": {"text": "Explain how rivers shape land.", "bloom": ""}}, 200),
        ({"action": "edit", "module": mid, "kind": "objectives", "index": 0,
          "item": {"text": "Understand rivers", "bloom": ""}}, 400),
        ({"action": "edit", "module": mid, "kind": "objectives", "index": 0,
          "item": {"text": "Understand rivers", "bloom": "evaluate"}}, 200),
        ({"action": "keep", "module": "nope", "kind": "quiz", "index": 0}, 404),
        ({"action": "keep", "module": mid, "kind": "quiz", "index": 99}, 404),
        ({"action": "keep", "module": mid, "kind": "nope", "index": 0}, 400),
        ({"action": "fly", "module": mid, "kind": "quiz", "index": 0}, 400),
        ({"action": "create"}, 409),
    ):
        status, body = served.post(change)
        assert status == status_wanted, (change, body)
    request = urllib.request.Request(
        served.base + "/_review/change", b"{not json", method="POST",
        headers={"Content-Type": "application/json", "X-Coursepack-Token": served.preview.token})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    for length, wanted in (("-1", 411), ("many", 411), (str(2 << 20), 413)):
        connection = http.client.HTTPConnection("127.0.0.1", served.httpd.server_port, timeout=10)
        connection.putrequest("POST", "/_review/change")
        for name, value in (("Content-Type", "application/json"), ("Content-Length", length),
                            ("X-Coursepack-Token", served.preview.token)):
            connection.putheader(name, value)
        connection.endheaders()
        assert connection.getresponse().status == wanted, length
        connection.close()


def test_an_edit_made_in_an_editor_meanwhile_is_never_lost(served: Served) -> None:
    data = served.data()
    mid = _module(data)["id"]
    path = served.course / "plan.yaml"
    plan = served.plan()
    plan["modules"][0]["summary"] = "Written in my editor."
    edited = "# my own comment\n" + yaml.safe_dump(plan, sort_keys=False, allow_unicode=True)
    path.write_text(edited, encoding="utf-8")
    status, body = served.post({"action": "drop", "module": mid, "kind": "quiz", "index": 0},
                               shown=data)
    assert status == 409
    assert "changed outside this page" in body["error"] and "not written" in body["error"]
    assert path.read_text("utf-8") == edited
    assert body["version"] == plan_version(served.course)
    # with the page showing the file as it is now, the change goes through and keeps the edit
    status, _ = served.post({"action": "drop", "module": mid, "kind": "quiz", "index": 0})
    assert status == 200
    plan = served.plan()["modules"][0]
    assert plan["summary"] == "Written in my editor." and plan["quiz"][0]["drop"] is True


def test_a_change_to_another_module_than_the_editor_changed_goes_through(
        served: Served) -> None:
    data = served.data()
    plan = served.plan()
    plan["modules"][1]["summary"] = "Written in my editor."
    (served.course / "plan.yaml").write_text(yaml.safe_dump(plan, sort_keys=False),
                                             encoding="utf-8")
    first = _module(data)["id"]
    status, _ = served.post({"action": "drop", "module": first, "kind": "quiz", "index": 0},
                            shown=data)
    assert status == 200
    plan = served.plan()
    assert plan["modules"][1]["summary"] == "Written in my editor."
    assert plan["modules"][0]["quiz"][0]["drop"] is True
    # the page still shows module 2 as it was: a change to it is refused
    second = _module(data, 1)["id"]
    status, body = served.post({"action": "summary", "module": second, "summary": "Mine."},
                               shown=data)
    assert status == 409 and "changed outside this page" in body["error"]
    assert served.plan()["modules"][1]["summary"] == "Written in my editor."
    status, _ = served.post({"action": "create"}, shown=data)
    assert status == 409


def test_an_atomic_write_checks_the_version_again_and_leaves_no_temporary_file(
        served: Served) -> None:
    path = served.course / "plan.yaml"
    os.chmod(path, 0o640)
    before = path.read_bytes()
    with pytest.raises(ReviewError) as caught:
        write_atomically(served.course, "changed", "sha256:not-this-one", "course/plan.yaml")
    assert caught.value.status == 409 and path.read_bytes() == before
    version = write_atomically(served.course, before.decode() + "\n", plan_version(served.course),
                               "course/plan.yaml")
    assert version == plan_version(served.course) and (path.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in served.course.iterdir() if p.name.startswith(".plan")) == []


def test_a_plan_yaml_linking_outside_the_course_is_refused(served: Served,
                                                             tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes((served.course / "plan.yaml").read_bytes())
    (served.course / "plan.yaml").unlink()
    (served.course / "plan.yaml").symlink_to(outside)
    status, body = served.get("/_review/data.json")
    assert status == 409 and b"outside the course folder" in body
    status, answer = served.post({"action": "keep", "module": "x", "kind": "quiz", "index": 0},
                                 shown={"version": plan_version(served.course), "modules": []})
    assert status == 409 and "outside the course folder" in answer["error"]
    assert outside.read_bytes() == (served.course / "plan.yaml").read_bytes()


def test_without_plan_yaml_the_page_offers_to_make_one(make_course) -> None:
    course = make_course({"course.toml": ONE_PER_SECTION, "essay.md": ESSAY})
    served = Served(course)
    try:
        data = served.data()
        assert data["hasPlan"] is False and data["version"] == NO_PLAN
        assert [m["title"] for m in data["modules"]] == ["How Rivers Shape Land",
                                                         "Rivers and Cities"]
        status, _ = served.post({"action": "keep", "module": "x", "kind": "quiz", "index": 0})
        assert status == 409
        status, body = served.post({"action": "create"})
        assert status == 200 and body["version"] == plan_version(course)
        assert served.plan()["schema"] == "coursepack-plan/1"
        assert served.data()["hasPlan"] is True
    finally:
        served.close()


def test_a_changed_module_is_marked_stale_and_the_plan_can_be_updated(served: Served) -> None:
    essay = served.course / "essay.md"
    essay.write_text(ESSAY.replace("Cairo grew on the Nile", "Cairo grew beside the Nile"),
                     encoding="utf-8")
    assert served.preview.rebuild_if_changed()
    data = served.data()
    changed = {m["id"]: m["changed"] for m in data["modules"]}
    assert list(changed.values()) == [False, True]
    status, _ = served.post({"action": "update"})
    assert status == 200
    entry = served.plan()["modules"][1]
    assert entry["stale"] is True
    assert served.preview.rebuild_if_changed()
    module = _module(served.data(), 1)
    assert module["stale"] and not module["changed"]
    status, _ = served.post({"action": "reviewed", "module": entry["id"]})
    assert status == 200 and "stale" not in served.plan()["modules"][1]


def test_flaws_check_finds_show_beside_their_item(served: Served) -> None:
    mid = _module(served.data())["id"]
    status, _ = served.post({"action": "edit", "module": mid, "kind": "quiz", "index": 0, "item": {
        "kind": "multiple_choice", "stem": "Which is true of rivers?",
        "choices": ["They carry sand", "All of the above", "They are dry", "None"],
        "answer": "All of the above", "assesses": [1]}})
    assert status == 200
    assert served.preview.rebuild_if_changed()
    item = _module(served.data())["kinds"]["quiz"][0]
    assert any("above" in flaw.lower() for flaw in item["flaws"]), item["flaws"]


def test_items_written_in_the_markdown_are_shown_but_changed_there(make_course) -> None:
    course = make_course({"course.toml": ONE_PER_SECTION, "essay.md": AUTHORED})
    assert CliRunner().invoke(cli, ["plan", str(course)]).exit_code == 0
    served = Served(course)
    try:
        module = _module(served.data())
        first = module["kinds"]["objectives"][0]
        assert first["origin"] == "markdown" and first["state"] == "kept"
        assert first["from"].endswith(("essay.md:11", "essay.md:12"))
        assert first["data"]["text"] == "Explain how a river deepens its valley."
        assert module["reviewed"] >= 2  # the block's objective and quiz item
        before = (course / "plan.yaml").read_bytes()
        for action in ("keep", "drop", "edit"):
            status, body = served.post({"action": action, "module": module["id"],
                                        "kind": "objectives", "index": 0,
                                        "item": {"text": "Explain rivers."}})
            assert status == 400 and first["from"] in body["error"]
        assert (course / "plan.yaml").read_bytes() == before
    finally:
        served.close()


def test_a_failed_rebuild_is_reported_to_the_page(served: Served) -> None:
    essay = served.course / "essay.md"
    essay.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    os.utime(essay, (1, 2))
    assert served.preview.rebuild_if_changed() is False
    data = served.data()
    assert data["current"] and "course/essay.md:2" in data["buildError"]
    mid = _module(data)["id"]
    assert served.post({"action": "keep", "module": mid, "kind": "quiz", "index": 0})[0] == 200
    assert served.preview.rebuild_if_changed() is False
    data = served.data()
    assert not data["current"] and "course/essay.md" in data["buildError"]
