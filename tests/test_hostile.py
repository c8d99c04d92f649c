"""Hostile input: every case that once ended in a traceback, a hang or a
file read outside the course folder exits 0 or 2 with a message naming
``file:line``, quickly, and leaves no half build behind."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import cli

from .test_cli import ESSAY

pytestmark = pytest.mark.usefixtures("no_models")  # input handling, not teaching material


def build(runner: CliRunner, course: Path, out: Path, *args: str):
    result = runner.invoke(cli, ["build", str(course), "--out", str(out), "-q", *args])
    assert result.exit_code != 1, result.output + repr(result.exc_info)
    return result


HTML = ("--format", "html")
WITH_LINK = ESSAY + "\nSee [the \x1bmap](http://example.org) and ![a\x01 map](http://x.org/m.png).\n"


@pytest.mark.parametrize(
    "files, warning",
    [
        ({"essay.md": ESSAY.replace("## Rivers and Cities", "## Rivers\x01 and Cities")},
         "essay.md:13: 1 control character(s) (U+0001) removed"),
        ({"essay.md": WITH_LINK}, "essay.md:19: 2 control character(s) (U+0001, U+001B) removed"),
        ({"essay.md": ESSAY + "\nA page\x0cbreak and \ufffe\uffff.\n"},
         "essay.md:19: 3 control character(s) (U+000C, U+FFFE, U+FFFF) removed"),
        ({"essay.md": ESSAY + "\n[x](http://[::1)\n"},
         "essay.md:19: http://[::1 is not a valid address; it was left out."),
    ],
    ids=["heading", "link-and-alt", "form-feed-body", "bad-ipv6"],
)
def test_control_characters_and_bad_urls_are_dropped_with_a_warning(
    runner: CliRunner, make_course, tmp_path: Path, files, warning: str
) -> None:
    course = make_course(files)
    out = tmp_path / "out"
    result = build(runner, course, out, *HTML)
    assert result.exit_code == 0, result.output
    assert f"Warning: {course}/{warning}" in result.output
    for page in (out / "site").rglob("*.html"):
        text = page.read_text("utf-8")
        assert not any(c in text for c in "\x01\x1b\x0c\ufffe\uffff"), page


PLAN_DATE = """modules:
  - id: m01-how-rivers-shape-land
    quiz:
      - stem: When did the river flood?
        kind: fill_blank
        answer: 2020-01-01
"""
PLAN_BINARY = PLAN_DATE.replace("answer: 2020-01-01", "answer: !!binary aGVsbG8=")
BOMB = ("---\ntitle: &a [x, x, x, x, x, x, x, x]\nauthor: &b [*a, *a, *a, *a, *a, *a, *a]\n"
        "---\n")
BLOCK_BOMB = "\n```coursepack\na: &a [x, x, x, x]\nb: [*a, *a, *a, *a]\n```\n"


@pytest.mark.parametrize(
    "files, message",
    [
        ({"essay.md": ESSAY, "course.toml": '[plan]\nreadings = ["essay.md\\u0000"]\n'},
         "{course}/course.toml:2: 'plan.readings' holds control character(s) U+0000; remove them."),
        ({"essay.md": ESSAY, "course.toml": 'title = "A\\u0001B"\n'},
         "{course}/course.toml:1: 'title' holds control character(s) U+0001; remove them."),
        ({b"caf\xe9.md": ESSAY},
         "{course}/caf\ufffd.md: the file name is not valid UTF-8. Rename the file (names "
         "become part of the course and its packages)."),
        ({"essay.md": ESSAY, "plan.yaml": PLAN_BINARY},
         "{course}/plan.yaml:6: invalid YAML: the YAML tag !!binary is not supported here; "
         "write plain text. Fix the YAML (indent with spaces; quote text that contains ': ')."),
        ({"essay.md": BOMB + ESSAY},
         "{course}/essay.md:3: invalid YAML front matter: YAML aliases (*a) are not allowed; "
         "write the value out. Fix the YAML between the --- lines (for example: title: My "
         "essay)."),
        ({"essay.md": ESSAY + BLOCK_BOMB},
         "{course}/essay.md:21: invalid YAML: YAML aliases (*a) are not allowed; write the "
         "value out. Fix the YAML (indent with spaces; quote text that contains ': ')."),
        ({"essay.md": "\x00" * 20000},
         "{course}/essay.md:1: not a text file (20000 of its 20000 characters are control "
         "characters such as NUL). Save the essay as plain UTF-8 text."),
    ],
    ids=["nul-in-readings", "control-in-title", "non-utf8-name", "yaml-binary",
         "front-matter-bomb", "block-bomb", "nul-file"],
)
def test_bad_input_exits_2(
    runner: CliRunner, make_course, tmp_path: Path, files, message: str
) -> None:
    course = tmp_path / "course"
    course.mkdir()
    for name, content in files.items():
        path = course / (os.fsdecode(name) if isinstance(name, bytes) else name)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "out"
    result = build(runner, course, out, *HTML)
    assert result.exit_code == 2, result.output
    assert result.output == "Error: " + message.format(course=course) + "\n"
    assert not out.exists()


def test_yaml_dates_stay_text(runner: CliRunner, make_course, tmp_path: Path) -> None:
    course = make_course({"essay.md": ESSAY, "plan.yaml": PLAN_DATE,
                          "course.toml": "[plan]\nmin_minutes = 0\n"})  # m01 as the plan has it
    result = build(runner, course, tmp_path / "out", *HTML)
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "course.json").read_text())
    answers = [q["answer"] for m in data["modules"] for q in m["quiz"]]
    assert "2020-01-01" in answers


def test_very_long_sentences_are_not_tagged() -> None:
    from builder.pedagogy.tagger import MAX_SENTENCE, Tagger

    class Refuses:
        class vocab:  # noqa: N801 - stands in for spaCy's vocabulary
            strings: dict[int, str] = {}

        def pipe(self, texts, batch_size):
            assert all(len(t) <= MAX_SENTENCE for t in texts)
            return iter(())

    long = "word " * 300_000
    tagged = Tagger(Refuses(), "stub").tag([long])
    assert tagged[0].tokens == ()


TEMPLATES = [
    ('{% include "module.html" %}', "module.html:1", "it includes or extends itself"),
    ('{% extends "module.html" %}', "module.html:1", "it includes or extends itself"),
    ("x\n{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "module.html:2",
     "a macro calls itself without end"),
    ("a\nb\n{{ '%d'|format('x') }}", "module.html:3",
     "TypeError: %d format: a real number is required, not str"),
    (b"\xff\xfe{{ x }}", "module.html:1", "not valid UTF-8"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "module.html:1",
     "not allowed in a template override (access to attribute '__init__'"),
    ("{{ lipsum.__globals__['os'] }}", "module.html:1", "attribute '__globals__'"),
    ("{{ course.root.joinpath('/etc/passwd').read_text() }}", "module.html:1",
     "attribute 'joinpath' of 'PosixPath' object is unsafe"),
    ("{{ 'x' * 1000000000 }}", "module.html:1", "too much"),
    ("{{ 'x'|center(1000000000) }}", "module.html:1", "too large"),
    ("{{ '%0999999999d'|format(1) }}", "module.html:1", "field width"),
    ("{{ '{:>999999999}'.format(1) }}", "module.html:1", "field width"),
    ("{{ ('x' * 999999).join(range(99999)|map('string')) }}", "module.html:1", "too large"),
]


@pytest.mark.parametrize("template, where, message", TEMPLATES,
                         ids=["include-self", "extend-self", "recursive-macro", "format",
                              "not-utf8", "globals", "lipsum", "path", "multiply", "center",
                              "percent-width", "format-width", "join"])
def test_template_override_errors(
    runner: CliRunner, make_course, tmp_path: Path, template, where: str, message: str
) -> None:
    course = make_course({"essay.md": ESSAY, "templates/module.html": template})
    result = build(runner, course, tmp_path / "out", *HTML)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {course}/templates/{where}: "), result.output
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_template_override_endless_loop_stops(
    runner: CliRunner, make_course, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr("builder.render.sandbox.SECONDS", 1.0)
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    course = make_course({"essay.md": ESSAY, "templates/module.html": loop})
    result = build(runner, course, tmp_path / "out", *HTML)
    assert result.exit_code == 2, result.output
    assert "module.html:1: template error: the template ran longer than 1 s" in result.output


def test_template_override_that_extends_the_default_still_works(
    runner: CliRunner, make_course, tmp_path: Path
) -> None:
    override = ('{% extends "!default/module.html" %}'
                "{% block terms %}<p>Hi {{ course.title|upper }}</p>{{ super() }}{% endblock %}")
    course = make_course({"essay.md": ESSAY, "templates/module.html": override})
    result = build(runner, course, tmp_path / "out", *HTML)
    assert result.exit_code == 0, result.output
    page = next((tmp_path / "out" / "site" / "modules").glob("*.html")).read_text()
    assert "<p>Hi RIVERS</p>" in page


# --- the environment: where the build goes, a port, a signal ------------------------------


def test_out_under_a_file_or_in_proc_is_bad_input(
    runner: CliRunner, make_course, tmp_path: Path
) -> None:
    course = make_course({"essay.md": ESSAY})
    (tmp_path / "afile").write_text("x")
    for out, reason in ((tmp_path / "afile" / "out", "a file stands where a folder is needed"),
                        (Path("/proc/coursepack-out"), "")):
        result = build(runner, course, out, *HTML)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Error: cannot write the output folder {out} ("), \
            result.output
        assert reason in result.output
        assert "Choose a folder you can write to for --out" in result.output


def test_read_only_out_is_bad_input(runner: CliRunner, make_course, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    course = make_course({"essay.md": ESSAY})
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        result = build(runner, course, parent / "out", *HTML)
    finally:
        parent.chmod(0o700)
    assert result.exit_code == 2, result.output
    assert "Permission denied" in result.output


def test_init_under_a_file_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    for target in (tmp_path / "afile" / "course", Path("/proc/coursepack-course")):
        result = runner.invoke(cli, ["init", str(target)])
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Error: cannot create the course folder {target} (")


def test_serve_on_a_taken_port_or_bad_host(runner: CliRunner, make_course) -> None:
    import socket

    course = make_course({"essay.md": ESSAY})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", str(course), "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert f"Error: cannot listen on 127.0.0.1:{port} (Address already in use)" in result.output
    assert "choose another with --port" in result.output
    host = "x" * 70  # a label over 63 characters: refused before any look-up
    result = runner.invoke(cli, ["serve", str(course), "--host", host])
    assert result.exit_code == 2, result.output
    assert f"Error: cannot listen on {host}:8000" in result.output
    assert "Give --host an address of this machine" in result.output


# --- publishing: marker, lock, recovery -------------------------------------------------------


def test_a_folder_with_a_stray_course_json_is_not_replaced(
    runner: CliRunner, make_course, tmp_path: Path
) -> None:
    course = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    out.mkdir()
    (out / "course.json").write_text("{}")
    (out / "notes.txt").write_text("my notes")
    result = build(runner, course, out, *HTML)
    assert result.exit_code == 2
    assert "holds no earlier coursepack build" in result.output
    assert (out / "notes.txt").read_text() == "my notes"


def test_a_build_carries_its_marker_and_is_replaced(
    runner: CliRunner, make_course, tmp_path: Path
) -> None:
    from builder import __version__
    from builder.publish import MARKER

    course = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    assert build(runner, course, out, *HTML).exit_code == 0
    assert (out / MARKER).read_text() == f"coursepack {__version__}\n"
    assert build(runner, course, out, *HTML).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course", "out"]


def test_a_second_build_into_the_same_out_waits_its_turn(
    runner: CliRunner, make_course, tmp_path: Path
) -> None:
    import fcntl

    course = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    with open(tmp_path / ".coursepack-out.lock", "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        result = build(runner, course, out, *HTML)
    assert result.exit_code == 2, result.output
    assert f"Error: another coursepack build is writing {out}." in result.output
    assert not out.exists()


@pytest.mark.parametrize("moment", ["staging", "between-renames", "removing-old"])
def test_the_next_build_recovers_from_a_kill(
    runner: CliRunner, make_course, tmp_path: Path, moment: str
) -> None:
    """What a build killed at each point of publishing leaves, and the next
    build: exactly one complete build and no stray folder."""
    from builder.publish import MARKER

    course = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    assert build(runner, course, out, *HTML).exit_code == 0
    stale, old = tmp_path / ".coursepack-out-999999", tmp_path / ".coursepack-out-999999-old"
    stale.mkdir()
    (stale / "half.html").write_text("<p>")
    if moment != "staging":
        out.rename(old)
    if moment == "removing-old":
        stale.rename(out)
        (out / MARKER).write_text("coursepack\n")
        shutil.rmtree(old / "site")
    (tmp_path / ".coursepack-out.lock").write_text("")  # a killed build's lock file
    if moment == "between-renames":
        assert runner.invoke(cli, ["check", str(course), "--out", str(out)]).exit_code == 2
    result = build(runner, course, out, *HTML)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course", "out"]
    assert (out / "site" / "index.html").is_file() and (out / MARKER).is_file()


def test_recover_puts_back_a_build_left_between_renames(tmp_path: Path) -> None:
    from builder.publish import MARKER, recover

    out = tmp_path / "out"
    old = tmp_path / ".coursepack-out-4242-old"
    old.mkdir()
    (old / MARKER).write_text("coursepack\n")
    (tmp_path / ".coursepack-out-4242").mkdir()
    recover(out)
    assert (out / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


SLOW = "{% for a in range(100000) %}{% for b in range(40) %}{% endfor %}{% endfor %}"


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
                         ids=["sigterm", "sigint"])
def test_a_signal_stops_the_build_at_once_and_cleans_up(
    make_course, tmp_path: Path, signum: int, code: int
) -> None:
    course = make_course({"essay.md": ESSAY, "templates/module.html": SLOW})
    out = tmp_path / "out"
    env = {**os.environ, "COURSEPACK_TAGGER": "off", "COURSEPACK_SEMANTIC": "off"}
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "build", str(course), "--out", str(out), "-q",
         "--format", "html"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".coursepack-out-") for p in tmp_path.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.02)
    time.sleep(0.3)  # inside the slow template
    sent = time.monotonic()
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    # about 0.2 s on an idle machine (it took 53 s before); the margin is for a
    # machine shared by many jobs, where a process may wait its turn for a second
    assert time.monotonic() - sent < 5
    assert process.returncode == code, err
    assert f"Stopped ({signal.Signals(signum).name})." in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course"]


# --- deep nesting, empty courses, images, files outside the course ------------------------


@pytest.mark.parametrize(
    "text, line",
    [("- " * 500 + "x\n", 19),
     ("".join("    " * i + "- x\n" for i in range(40)), 19 + 33),
     ("> " * 200 + "x\n", 19),
     ("[" * 100 + "x" + "](y)" * 100 + "\n", 19)],
    ids=["one-line-lists", "indented-lists", "quotes", "brackets"],
)
def test_deep_nesting_is_bad_input(
    runner: CliRunner, make_course, tmp_path: Path, text: str, line: int
) -> None:
    course = make_course({"essay.md": ESSAY + "\n" + text})
    started = time.monotonic()
    result = build(runner, course, tmp_path / "out", *HTML)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: {course}/essay.md:{line}: lists, quotes or brackets nested more than 32 "
        "levels deep. Flatten the nesting (or put the text in a code block).\n")


def test_nesting_in_code_blocks_is_fine(runner: CliRunner, make_course, tmp_path) -> None:
    code = "```\n" + "- " * 500 + "x\n```\n"
    course = make_course({"essay.md": ESSAY + "\n" + code})
    assert build(runner, course, tmp_path / "out", *HTML).exit_code == 0


@pytest.mark.parametrize("essay", ["# Only a Title\n", "# Title\n\n## Part\n\n### Sub\n"],
                         ids=["h1", "headings"])
def test_an_essay_of_headings_alone_is_an_error(
    runner: CliRunner, make_course, tmp_path: Path, essay: str
) -> None:
    course = make_course({"essay.md": essay})
    for command in (["build", str(course), "--out", str(tmp_path / "out")], ["check", str(course)]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 2, result.output
        assert result.output == (
            f"Error: {course}/essay.md:1: the essay has headings but no text to teach from. "
            "Write the reading below the title; each '## ' section becomes a module.\n")


def test_front_matter_title_must_be_text(runner: CliRunner, make_course, tmp_path) -> None:
    course = make_course({"essay.md": "---\nauthor: Ann\ntitle: [a, b]\n---\n" + ESSAY})
    result = build(runner, course, tmp_path / "out", *HTML)
    assert result.exit_code == 2
    assert f"Error: {course}/essay.md:3: front matter 'title' must be text." in result.output


def _png(width: int, height: int) -> bytes:
    """A PNG header claiming ``width`` x ``height`` (enough for Pillow to read its size)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_an_image_that_is_not_one_is_left_out(runner: CliRunner, make_course, tmp_path) -> None:
    course = make_course({"essay.md": ESSAY + "\n![A map](map.png)\n", "map.png": "<html>"})
    result = build(runner, course, tmp_path / "out", *HTML)
    assert result.exit_code == 0, result.output
    assert (f"Warning: {course}/essay.md:19: 'map.png' is not an image (PNG, JPEG, GIF, WebP, "
            "AVIF or SVG); it was left out.") in result.output
    assert not (tmp_path / "out" / "site" / "assets" / "map.png").exists()


def test_absurd_images_and_files_are_refused(runner: CliRunner, make_course, tmp_path) -> None:
    course = make_course({"essay.md": ESSAY + "\n![A map](big.png)\n\n[notes](huge.pdf)\n",
                          "big.png": _png(12_000, 12_000)})
    with open(course / "huge.pdf", "wb") as sparse:
        sparse.truncate(1 << 30)  # 1 GB, sparse: costs no disk
    started = time.monotonic()
    result = build(runner, course, tmp_path / "out", *HTML)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.output
    assert (f"{course}/essay.md:19: image 'big.png' has 144 million pixels; the limit is 60 "
            "million. Scale it down") in result.output
    assert (f"{course}/essay.md:21: 'huge.pdf' is 1,024 MB; files a course uses may be at most "
            "50 MB.") in result.output
    assert "DecompressionBomb" not in result.output


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text("SECRET LEAKED")
    (folder / "course.toml").write_text('title = "SECRET LEAKED"\n')
    (folder / "plan.yaml").write_text("modules: []\n")
    return folder


@pytest.mark.parametrize(
    "link, target, files, message",
    [("course.toml", "course.toml", {}, "course.toml: links to a file outside the course folder"),
     ("plan.yaml", "plan.yaml", {}, "plan.yaml: links to a file outside the course folder"),
     ("templates/leak.html", "secret.txt", {"templates/module.html": '{% include "leak.html" %}'},
      "templates/leak.html: template override links to a file outside the course folder"),
     ("templates/assets/style.css", "secret.txt", {},
      "templates/assets/style.css: theme file links to a file outside the course folder"),
     ("templates/epub/epub.css", "secret.txt", {},
      "templates/epub/epub.css: theme file links to a file outside the course folder"),
     ("templates", ".", {}, "templates: the templates folder links to a folder outside")],
    ids=["course.toml", "plan.yaml", "template", "asset", "epub", "templates-folder"],
)
def test_symlinks_out_of_the_course_are_refused(
    runner: CliRunner, make_course, tmp_path: Path, outside: Path, link, target, files, message
) -> None:
    course = make_course({"essay.md": ESSAY, **files})
    (course / link).parent.mkdir(parents=True, exist_ok=True)
    (course / link).symlink_to(outside / target)
    out = tmp_path / "out"
    result = build(runner, course, out, "--format", "html,epub")
    assert result.exit_code == 2, result.output
    assert f"{course}/{message}" in result.output
    assert "Copy the" in result.output
    assert not out.exists()


# --- no network, no writes outside --out, the temp folder and the course's cache --------------

_NO_SOCKETS = """
import socket, sys
def refuse(*args, **kwargs):
    raise AssertionError(f"network access: {args!r}")
socket.socket.connect = socket.socket.connect_ex = refuse
socket.getaddrinfo = socket.create_connection = socket.gethostbyname = refuse
from builder.cli import main
sys.argv = ["coursepack", *sys.argv[1:]]
main()
"""


def test_a_build_opens_no_socket(make_course, tmp_path: Path) -> None:
    course = make_course({"essay.md": ESSAY})
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PYTHONDONTWRITEBYTECODE": "1"}
    (tmp_path / "home").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _NO_SOCKETS, "build", str(course), "--out",
         str(tmp_path / "out"), "-q", "--format", "html,qti"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "network access" not in done.stderr
    assert list((tmp_path / "home").iterdir()) == []  # nothing in ~/.cache and the like


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
def test_a_full_build_connects_nowhere_and_writes_only_its_own_folders(
    make_course, tmp_path: Path
) -> None:
    """Under strace, with the models on: no connect() to any network address
    (onnxruntime's telemetry is native code, out of reach of a Python patch)
    and every file written lies in --out's folder, the temp folder or the
    course's cache."""
    course = make_course({"essay.md": ESSAY})
    home, builds, log = tmp_path / "home", tmp_path / "builds", tmp_path / "strace.log"
    home.mkdir()
    builds.mkdir()
    env = {**os.environ, "HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1",
           "COURSEPACK_TAGGER": "", "COURSEPACK_SEMANTIC": ""}
    done = subprocess.run(
        ["strace", "-f", "-qq", "-o", str(log), "-e", "trace=connect,openat,mkdir,rename",
         sys.executable, "-m", "builder", "build", str(course), "--out", str(builds / "out"),
         "-q"],
        env=env, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr
    trace = log.read_text()
    connects = [line for line in trace.splitlines() if "connect(" in line
                and ("AF_INET" in line or "AF_INET6" in line)]
    assert connects == []
    allowed = (str(builds), tempfile.gettempdir(), str(course / ".coursepack-cache"),
               "/dev/", "/proc/")
    written = set()
    for line in trace.splitlines():
        found = re.search(r'(?:openat\(\w+, |mkdir\()"([^"]+)"(.*)', line)
        if found and ("mkdir(" in line or re.search(r"O_WRONLY|O_RDWR|O_CREAT", found.group(2))):
            path = os.path.normpath(os.path.join(str(course), found.group(1)))
            if not path.startswith(allowed) and "= -1" not in found.group(2):
                written.add(path)
    assert sorted(written) == []
    assert list(home.iterdir()) == []


def test_a_course_over_the_size_limit_is_refused_before_reading(
    runner: CliRunner, make_course, tmp_path: Path
) -> None:
    course = make_course({"a.md": ESSAY})
    with open(course / "b.md", "wb") as sparse:
        sparse.truncate(5_000_000)  # 5 MB of NULs: refused by size before anything reads it
    started = time.monotonic()
    result = build(runner, course, tmp_path / "out", *HTML)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: {course}/b.md:1: the readings hold more than 1,000 KB of text (from this one "
        "on); coursepack takes up to 1,000 KB (about 150,000 words) per course. Split the text "
        "into several courses, one per part or book.\n")
