"""The SCORM run-time in a real browser with a real LMS run-time: scorm-again
(npm) provides window.API / window.API_1484_11 in a harness page, headless
Chromium (apt) driven by playwright-core (npm) loads each SCO of the built
packages in a frame, scrolls it, answers its knowledge check right or wrong
and leaves; the test reads what the LMS recorded."""

from __future__ import annotations

import dataclasses
import json
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.config import LmsConfig
from builder.model import Course

from .test_package import build

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.slow


def _needs() -> str:
    if shutil.which("node") is None:
        return "node is not installed"
    for package in ("scorm-again", "playwright-core"):
        if not (REPO / "node_modules" / package).is_dir():
            return f"npm package {package} is not installed (run `npm ci` at the repository root)"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both SCORM packages of the sample course unzipped next to the harness
    and scorm-again, served by python's http.server on localhost."""
    why = _needs()
    if why:
        pytest.skip(why)
    from .conftest import sample_course

    root = tmp_path_factory.mktemp("runtime")
    course = sample_course(root / "course")
    paths = build(course, root / "out", frozenset({"scorm12", "scorm2004"}))
    # the same course with time on page counting as reading after one second
    quick = dataclasses.replace(course, config=dataclasses.replace(
        course.config, lms=LmsConfig(completion_seconds=1)))
    paths += build(quick, root / "quick", frozenset({"scorm12"}))
    web = root / "web"
    web.mkdir()
    for path, name in zip(paths, ("p12", "p2004", "p12quick"), strict=True):
        with zipfile.ZipFile(path) as archive:
            archive.extractall(web / name)
    shutil.copyfile(REPO / "tests/js/harness.html", web / "harness.html")
    shutil.copytree(REPO / "node_modules/scorm-again/dist", web / "lib")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(web)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(base: str, **scenario: object) -> dict:
    done = subprocess.run(
        ["node", str(REPO / "tests/js/run_sco.mjs"), json.dumps({"base": base, **scenario})],
        capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict = json.loads(done.stdout)
    return result


def names(result: dict) -> list[str]:
    return [c[0] for c in result["calls"]]


def last_set(result: dict, element: str) -> str | None:
    values = [c[2] for c in result["calls"] if len(c) == 3 and c[1] == element]
    return values[-1] if values else None


def test_scorm12_read_and_answered_right(served: str) -> None:
    result = run(served, version="1.2", sco="p12/modules/m01-water-cycle.html",
                 scroll=True, answers="right", leave="unload")
    assert result["errors"] == []
    assert result["before"]["status"] == "incomplete"
    assert result["after"] == {"status": "passed", "raw": "100", "min": "0", "max": "100"}
    calls = names(result)
    assert calls[0] == "LMSInitialize" and calls[-1] == "LMSFinish"
    assert calls[-2] == "LMSCommit" and calls.count("LMSFinish") == 1
    assert last_set(result, "cmi.core.exit") == ""
    assert (last_set(result, "cmi.core.session_time") or "").startswith("0000:00:")


def committed(result: dict, element: str) -> list[str]:
    """The value ``element`` had at each commit, in order."""
    value, seen = None, []
    for call in result["calls"]:
        if len(call) == 3 and call[1] == element:
            value = call[2]
        elif call[0] in ("LMSCommit", "Commit") and value is not None:
            seen.append(value)
    return seen


def test_only_settled_statuses_are_committed(served: str) -> None:
    # Moodle's player may send commits as beacons that its server stores in
    # either order: a module read before its check is answered must not
    # commit "completed" (or "incomplete" on launch) ahead of "passed".
    result = run(served, version="1.2", sco="p12/modules/m01-water-cycle.html",
                 scroll=True, answers="right", leave="unload")
    assert result["errors"] == []
    assert set(committed(result, "cmi.core.lesson_status")) == {"passed"}, result["calls"]
    unread = run(served, version="1.2", sco="p12/modules/m02-conclusion.html",
                 scroll=False, answers="none", leave="unload")
    assert committed(unread, "cmi.core.lesson_status") == ["incomplete"], unread["calls"]
    assert names(unread).count("LMSCommit") == 1


def test_scorm12_read_and_answered_wrong(served: str) -> None:
    result = run(served, version="1.2", sco="p12/modules/m01-water-cycle.html",
                 scroll=True, answers="wrong", leave="unload")
    # a formative check: a low score never turns a read module into "failed"
    assert result["after"] == {"status": "completed", "raw": "0", "min": "0", "max": "100"}
    assert names(result)[-1] == "LMSFinish"


def test_scorm12_left_unread(served: str) -> None:
    result = run(served, version="1.2", sco="p12/modules/m02-conclusion.html",
                 scroll=False, answers="none", leave="unload")
    assert result["after"]["status"] == "incomplete"
    assert result["after"]["raw"] == ""
    assert last_set(result, "cmi.core.exit") == "suspend"
    assert names(result)[-2:] == ["LMSCommit", "LMSFinish"]


def test_scorm2004_read_and_answered_right(served: str) -> None:
    result = run(served, version="2004", sco="p2004/modules/m01-water-cycle.html",
                 scroll=True, answers="right", leave="unload")
    assert result["errors"] == []
    assert result["after"] == {"completion": "completed", "success": "passed", "scaled": "1",
                               "raw": "3", "min": "0", "max": "3"}
    calls = names(result)
    assert calls[0] == "Initialize" and calls[-2:] == ["Commit", "Terminate"]
    assert last_set(result, "cmi.exit") == "normal"
    assert (last_set(result, "cmi.session_time") or "").startswith("PT")


def test_scorm2004_read_and_answered_wrong(served: str) -> None:
    result = run(served, version="2004", sco="p2004/modules/m01-water-cycle.html",
                 scroll=True, answers="wrong", leave="unload")
    assert result["after"] == {"completion": "completed", "success": "failed", "scaled": "0",
                               "raw": "0", "min": "0", "max": "3"}
    assert names(result)[-1] == "Terminate"


def test_scorm2004_answered_without_reading_to_the_end(served: str) -> None:
    result = run(served, version="2004", sco="p2004/modules/m02-conclusion.html",
                 scroll=False, answers="none", leave="unload")
    assert result["after"]["completion"] == "incomplete"
    assert result["after"]["success"] == "unknown"
    assert last_set(result, "cmi.exit") == "suspend"
    assert names(result)[-2:] == ["Commit", "Terminate"]


def test_scorm2004_in_moodles_player_keeps_the_session_open(served: str) -> None:
    # Moodle's 2004 API object serves every SCO of a visit and refuses
    # Initialize for good after a Terminate: there the SCO commits when it
    # leaves, and the next SCO carries on in the session (error 103)
    result = run(served, version="2004", sco="p2004/modules/m01-water-cycle.html",
                 scroll=True, answers="right", leave="unload", moodle=True,
                 next="p2004/modules/m02-conclusion.html")
    calls = names(result)
    assert "Terminate" not in calls
    assert calls.count("Initialize") == 1  # scorm-again logs a successful one only
    assert last_set(result, "cmi.exit") == "normal"
    # the second SCO (one item) reported its own score through the same session
    assert result["after"]["raw"] == "1" and result["after"]["max"] == "1"
    assert result["after"]["success"] == "passed"


def test_sco_works_without_an_lms(served: str) -> None:
    result = run(served, direct=True, sco="p12/modules/m01-water-cycle.html", answers="right")
    assert result["errors"] == []
    assert "3 of 3" in result["score"]


def test_course_model_matches_scenarios(course_model: Course) -> None:
    # the scenarios above rely on the sample course's check sizes
    assert [len(m.quiz) for m in course_model.modules] == [3, 1]


@pytest.mark.parametrize(("version", "expected"), [
    ("1.2", {"status": "passed", "raw": "100", "min": "0", "max": "100"}),
    ("2004", {"completion": "completed", "success": "passed", "scaled": "1", "raw": "3",
              "min": "0", "max": "3"}),
])
def test_a_worse_retry_keeps_the_best_score(served: str, version: str, expected: dict) -> None:
    folder = "p12" if version == "1.2" else "p2004"
    result = run(served, version=version, sco=f"{folder}/modules/m01-water-cycle.html",
                 scroll=True, answers="right-then-wrong", leave="unload")
    assert result["after"] == expected


def test_time_on_page_counts_as_reading(served: str) -> None:
    result = run(served, version="1.2", sco="p12quick/modules/m01-water-cycle.html",
                 scroll=False, answers="none", wait=1500, leave="unload")
    assert result["before"]["status"] == "incomplete"
    assert result["after"]["status"] == "completed"
    unread = run(served, version="1.2", sco="p12/modules/m01-water-cycle.html",
                 scroll=False, answers="none", wait=1500, leave="unload")
    assert unread["after"]["status"] == "incomplete"
