"""The LMS packages in a real Moodle 4.5 (opt-in): the Moodle kit of
``../shared/moodle-lab`` (its ``setup.sh`` makes the site) imports a fresh
build of the example course and checks it with ``check_all.sh``; then the
cartridge's quizzes are attempted, and both SCORM packages are played module
after module in Moodle's own player, moving by its Next button and by its
table of contents, and every module's SCO must hold its own result.

Skipped, with the reason, unless ``MOODLE_DIR`` names the ``moodle/`` folder
``setup.sh`` made. ``COURSEPACK_MOODLE_KIT`` points at another copy of the kit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
KIT = Path(os.environ.get("COURSEPACK_MOODLE_KIT", REPO.parent / "shared" / "moodle-lab"))
pytestmark = pytest.mark.slow


def _why_not() -> str:
    moodle = os.environ.get("MOODLE_DIR", "")
    if not moodle:
        return "MOODLE_DIR is not set (set up a site with ../shared/moodle-lab/setup.sh)"
    if not (Path(moodle) / "config.php").is_file():
        return f"MOODLE_DIR={moodle} has no config.php"
    if not (KIT / "check_all.sh").is_file():
        return f"no Moodle kit at {KIT} (set COURSEPACK_MOODLE_KIT)"
    if shutil.which("php") is None or shutil.which("node") is None:
        return "php and node are needed (setup.sh installs them)"
    return ""


@pytest.fixture(scope="module")
def site() -> dict[str, str]:
    why = _why_not()
    if why:
        pytest.skip(why)
    moodle = Path(os.environ["MOODLE_DIR"]).resolve()
    env = dict(os.environ, MOODLE_DIR=str(moodle))
    kit_env = moodle.parent / "kit.env"
    if kit_env.is_file():
        for line in kit_env.read_text().splitlines():
            found = re.match(r"export (\w+)=(.*)$", line)
            if found and found.group(1) not in os.environ:
                env[found.group(1)] = found.group(2)
    return env


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory, site: dict[str, str]) -> Path:
    out = tmp_path_factory.mktemp("moodle") / "build"
    done = subprocess.run([str(REPO / ".venv/bin/coursepack"), "build", str(REPO / "course"),
                           "--out", str(out), "-q"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def checked(build_dir: Path, site: dict[str, str], tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[subprocess.CompletedProcess[str], Path]:
    logs = tmp_path_factory.mktemp("kit-logs")
    done = subprocess.run([str(KIT / "check_all.sh"), str(build_dir)], capture_output=True,
                          text=True, timeout=900, env=dict(site, KIT_LOG_DIR=str(logs)))
    return done, logs


def test_check_all_passes(checked: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    done, _ = checked
    assert done.returncode == 0, done.stdout[-4000:]
    assert re.search(r"^check_all: ok, 14 checks passed", done.stdout, re.M), done.stdout[-2000:]


def _field(log: Path, key: str) -> str:
    values = re.findall(rf"^{key}=(.*)$", log.read_text(), re.M)
    return values[-1] if values else ""


def test_cartridge_quizzes_grade_right(checked: tuple[subprocess.CompletedProcess[str], Path],
                                       build_dir: Path, site: dict[str, str]) -> None:
    """Every question of every cartridge quiz is graded right in Moodle. Its
    CC import grades a quiz out of four questions whatever it holds (the build
    warns), so a four-question check gives 10/10 as imported and any other
    after Moodle recounts the quiz total, the teacher's fix the README gives."""
    _, logs = checked
    course = json.loads((build_dir / "course.json").read_text())
    quiz_ids = _field(logs / "cc-import.log", "QUIZ_IDS").split(",")
    modules = [m for m in course["modules"] if m["quiz"]]
    assert len(quiz_ids) == len(modules)
    for quiz_id, module in zip(quiz_ids, modules, strict=True):
        recount = [] if len(module["quiz"]) == 4 else ["--recompute-sumgrades"]
        done = subprocess.run(["php", str(KIT / "attempt_quiz.php"), "existing", quiz_id,
                               str(build_dir / "course.json"), module["id"], *recount],
                              capture_output=True, text=True, timeout=300, env=site)
        assert "attempt right: ok, 10/10" in done.stdout, done.stdout[-3000:]
        assert "attempt onewrong: ok" in done.stdout, done.stdout[-3000:]


@pytest.fixture(scope="module")
def server(site: dict[str, str], checked: object) -> Iterator[str]:
    """Moodle's web server for the player runs (php -S, as check_all.sh uses)."""
    url = site.get("MOODLE_URL", "http://localhost:8080")
    host, port = re.match(r"https?://([^:/]+):?(\d*)", url).groups()  # type: ignore[union-attr]
    port_n = int(port or 80)
    process = None
    if not _listening(host, port_n):
        process = subprocess.Popen(
            ["php", "-S", f"{host}:{port_n}", "-t", site["MOODLE_DIR"]],
            env=dict(site, PHP_CLI_SERVER_WORKERS="8"),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not _listening(host, port_n) and time.monotonic() < deadline:
            time.sleep(0.25)
    try:
        yield url
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)


def _listening(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def _import_scorm(site: dict[str, str], package: Path) -> dict[str, Any]:
    done = subprocess.run(["php", str(KIT / "import_scorm.php"), str(package)],
                          capture_output=True, text=True, timeout=300, env=site)
    assert done.returncode == 0, done.stdout[-3000:]
    fields = dict(re.findall(r"^([A-Z_]+)=(.*)$", done.stdout, re.M))
    scos = re.findall(r"sco id=(\d+) identifier=(\S+) .*? type='(\w*)'", done.stdout)
    enrol = subprocess.run(["php", str(KIT / "mkstudent.php"), fields["COURSEID"]],
                           capture_output=True, text=True, timeout=120, env=site)
    assert enrol.returncode == 0, enrol.stdout
    return {"fields": fields, "scos": scos}


def _tracks(site: dict[str, str], scorm_id: str) -> dict[str, dict[str, str]]:
    done = subprocess.run(["php", str(KIT / "tracks.php"), scorm_id, "--expect=any"],
                          capture_output=True, text=True, timeout=120, env=site)
    stored: dict[str, dict[str, str]] = {}
    for sco, element, value in re.findall(r"^\s+sco (\d+): (\S+) = (.*)$", done.stdout, re.M):
        stored.setdefault(sco, {})[element] = value
    return stored


@pytest.mark.parametrize("version", ["12", "2004"])
@pytest.mark.parametrize("mode", ["next", "toc"])
def test_every_sco_records_its_own_result(build_dir: Path, site: dict[str, str], server: str,
                                          version: str, mode: str) -> None:
    package = next((build_dir / "lms").glob(f"*-scorm{version}.zip"))
    imported = _import_scorm(site, package)
    home = next(sco for sco, ident, _ in imported["scos"] if ident == "ITEM-home")
    modules = {sco: ident for sco, ident, kind in imported["scos"] if kind == "sco"}
    course = json.loads((build_dir / "course.json").read_text())
    scenario = {"base": server, "user": site.get("KIT_STUDENT", "scormstudent"),
                "password": site.get("KIT_STUDENT_PASS", "Student-pass1!"),
                "scormid": imported["fields"]["SCORMID"], "homeScoid": home,
                "org": imported["fields"]["ORG"], "mode": mode,
                "titles": [m["title"] for m in course["modules"]]}
    done = subprocess.run(["node", str(REPO / "tests/moodle/scorm_nav.mjs"), json.dumps(scenario)],
                          capture_output=True, text=True, timeout=600, cwd=REPO, env=site)
    assert done.returncode == 0, done.stderr[-3000:]
    played = json.loads(done.stdout)
    assert played["errors"] == [], played
    stored = _tracks(site, imported["fields"]["SCORMID"])
    for sco, ident in modules.items():
        values = stored.get(sco, {})
        if version == "12":
            assert values.get("cmi.core.lesson_status") == "passed", (ident, values)
            assert values.get("cmi.core.score.raw") == "100", (ident, values)
        else:
            assert values.get("cmi.success_status") == "passed", (ident, values)
            assert values.get("cmi.completion_status") == "completed", (ident, values)
            assert values.get("cmi.score.scaled") == "1", (ident, values)
