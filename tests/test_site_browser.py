"""The course site in a real browser: axe-core in headless Chromium on every
page of the example course and of the Arabic corpus essay (light and dark,
360 px and 1440 px), a keyboard-only walk through a knowledge check, the page
without JavaScript, offline search from file://, no request leaving the site
folder, and screenshots.

One Chromium launch for the whole module (tests/browser/check_site.mjs); set
COURSEPACK_SCREENSHOTS=DIR to keep the screenshots for a look.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest

from builder.model import Course
from builder.pipeline import load
from builder.progress import NullProgress
from builder.render import render
from tests.conftest import sample_course

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tests" / "browser" / "check_site.mjs"
ARABIC = "05-appsec-program-arabic.md"
SEARCH = {"example": "peacekeeping training", "arabic": "أمن التطبيقات",
          "arabic-quiz": "precipitation"}
NAMES = ["example", "arabic", "arabic-quiz"]
"""The example course, the Arabic corpus essay, and the sample course with
Arabic interface strings (the rules backend writes no quiz for Arabic text,
so this one carries the right-to-left knowledge check and glossary)."""
OTHER_ESSAYS = ["01-wobbing-works-foi", "02-sars-cov-2-virology", "03-wendell-phillips-democracy",
                "04-visualization-insights", "06-open-peer-review-messy-headings"]
"""The rest of the corpus: every page scanned by axe, for requests and for width."""
EVERY_SITE = NAMES + OTHER_ESSAYS


def _missing_tools() -> str:
    if shutil.which("node") is None:
        return "node is not installed"
    if not Path("/usr/bin/chromium").is_file():
        return "chromium is not installed at /usr/bin/chromium"
    for package in ("playwright-core", "axe-core"):
        if not (REPO / "node_modules" / package).is_dir():
            return f"npm package {package} is missing (run npm ci)"
    return ""


def _build(course: Course, out: Path) -> Path:
    render(course, out, frozenset({"html", "epub"}), 1, NullProgress())
    return out / "site"


def _first_module(site: Path) -> str:
    return sorted(p.relative_to(site).as_posix() for p in (site / "modules").glob("*.html"))[0]


def _site_job(name: str, site: Path) -> dict[str, Any]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    with_quiz = name in ("example", "arabic-quiz")
    return {"name": name, "root": str(site.resolve()), "pages": pages,
            "keyboard": _first_module(site) if with_quiz else None,
            "nojs": _first_module(site) if with_quiz else None,
            "search": {"page": "search.html", "query": SEARCH[name]} if name in SEARCH else None}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    missing = _missing_tools()
    if missing:
        pytest.skip(missing)
    from tests.conftest import CORPUS

    if not (CORPUS / ARABIC).is_file():
        pytest.skip(f"corpus essay {ARABIC} not found")
    base = tmp_path_factory.mktemp("browser")
    arabic = base / "arabic-course"
    arabic.mkdir()
    shutil.copyfile(CORPUS / ARABIC, arabic / "essay.md")
    (arabic / "course.toml").write_text('language = "ar"\n', encoding="utf-8")
    sample = sample_course(base / "sample", language="ar")
    sites = {"example": _build(load(REPO / "course"), base / "out-example"),
             "arabic": _build(load(arabic), base / "out-arabic"),
             "arabic-quiz": _build(sample, base / "out-sample")}
    for stem in OTHER_ESSAYS:
        folder = base / stem
        folder.mkdir()
        shutil.copyfile(CORPUS / f"{stem}.md", folder / "essay.md")
        sites[stem] = _build(load(folder), base / f"out-{stem}")
    shots = Path(os.environ.get("COURSEPACK_SCREENSHOTS") or base / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    job = {"sites": [_site_job(n, s) for n, s in sites.items()],
           "screenshots": {"dir": str(shots), "pages": [
               {"site": n, "page": p, "label": f"{n}-{p.split('/')[0].split('.')[0]}"}
               for n in NAMES for p in ("index.html", _first_module(sites[n]))]}}
    control = base / "control.html"
    control.write_text('<!DOCTYPE html><html><head><title>x</title></head><body>'
                       '<img src="data:,"><p style="color:#bbb;background:#fff">faint</p>'
                       '<input type="text"></body></html>', encoding="utf-8")
    job["control"] = str(control)
    (base / "job.json").write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(["node", str(SCRIPT), str(base / "job.json")], capture_output=True,
                          text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    result["built"] = {n: str(s) for n, s in sites.items()}
    return result


def _serious(violations: list[dict[str, Any]]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(n["target"] for n in v["nodes"][:3])
            for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", EVERY_SITE)
def test_axe_finds_no_serious_or_critical_violation(report: dict[str, Any], name: str) -> None:
    pages = report["sites"][name]["pages"]
    # home, search, one or more modules (+ glossary); light 360/1440, dark 1440 (the
    # Arabic essay's short phases make one module and define no term: 3 pages)
    assert len(pages) >= 3 * 3
    assert sum(1 for key in pages if key.endswith("dark 1440")) == len(pages) // 3
    problems = {key: _serious(found["violations"]) for key, found in pages.items()}
    assert {k: v for k, v in problems.items() if v} == {}


def test_axe_does_report_a_faulty_page(report: dict[str, Any]) -> None:
    assert {"image-alt", "color-contrast", "label", "html-has-lang"} <= set(report["control"])


@pytest.mark.parametrize("name", EVERY_SITE)
def test_no_request_leaves_the_site_folder_and_no_errors(
    report: dict[str, Any], name: str
) -> None:
    for key, found in report["sites"][name]["pages"].items():
        assert found["outside"] == [], key
        assert found["errors"] == [], key


@pytest.mark.parametrize("name", EVERY_SITE)
def test_nothing_scrolls_sideways_on_a_phone(report: dict[str, Any], name: str) -> None:
    wide = {k: f["overflow"] for k, f in report["sites"][name]["pages"].items()
            if f["overflow"] > 0}
    assert wide == {}


@pytest.mark.parametrize("name", ["example", "arabic-quiz"])
def test_keyboard_only_walk_through_the_knowledge_check(
    report: dict[str, Any], name: str
) -> None:
    walk = report["sites"][name]["keyboard"]
    assert walk["first"]["cls"] == "skip-link" and walk["skipVisible"]
    quiz_stops = [s for s in walk["stops"] if s["inQuiz"]]
    assert quiz_stops and all(s["outline"] for s in quiz_stops)
    assert all(s["outline"] for s in walk["stops"] if s["tag"] in ("a", "button", "input"))
    assert walk["stops"][-1]["tag"] == "button"
    assert len(walk["events"]) == 1
    event = walk["events"][0]
    assert event["score"] == event["max"] == walk["answered"] > 0
    assert walk["live"] == "polite" and str(event["max"]) in walk["status"]
    assert all(not f["hidden"] and f["text"] for f in walk["feedback"])


@pytest.mark.parametrize("name", ["example", "arabic-quiz"])
def test_without_javascript_questions_show_with_answers_collapsed(
    report: dict[str, Any], name: str
) -> None:
    nojs = report["sites"][name]["nojs"]
    assert nojs["items"], "no quiz items"
    for item in nojs["items"]:
        assert item["stem"] and item["summary"]
        assert item["open"] is False and not item["answerShown"]
    assert not nojs["checkButton"]


@pytest.mark.parametrize("name", NAMES)
def test_search_works_from_file_urls(report: dict[str, Any], name: str) -> None:
    found = report["sites"][name]["search"]
    assert found["hits"], found["status"]
    assert found["outside"] == [] and found["errors"] == []
    assert found["target"] and found["target"].endswith(".html")
    assert Path(found["target"]).is_relative_to(report["built"][name])


def test_screenshots_at_both_widths_and_schemes(report: dict[str, Any]) -> None:
    shots = report["screenshots"]
    assert len(shots) == 3 * 2 * 2 * 2
    for shot in shots:
        data = Path(shot).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width = struct.unpack(">I", data[16:20])[0]
        assert str(width) in Path(shot).name
