"""What Canvas makes of the cartridge and the QTI zip: both go through
instructure/QTIMigrationTool (``migrate.py``, Python 3 + lxml), run the way
Canvas's ``qti_exporter`` plugin runs it (``--ucvars --nogui --overwrite
--cpout=OUT PACKAGE``); the converted QTI 2 items are then read with the rules
of Canvas's importer (``gems/plugins/qti_exporter/lib/qti/*.rb``).

The tool is a test-time dependency, never vendored: set ``COURSEPACK_QTIMT``
to a checkout of https://github.com/instructure/QTIMigrationTool (the folder
holding ``migrate.py``); without it the tests skip and say so.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.config import LmsConfig
from builder.model import Course
from builder.package.qti import lms_answers

from .test_package import build
from .test_package_banks import TRICKY

QTI2 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


@pytest.fixture(scope="module")
def qtimt() -> Path:
    folder = Path(os.environ.get("COURSEPACK_QTIMT", ""))
    if not os.environ.get("COURSEPACK_QTIMT"):
        pytest.skip("COURSEPACK_QTIMT is not set (a checkout of instructure/QTIMigrationTool)")
    if not (folder / "migrate.py").is_file():
        pytest.skip(f"no migrate.py in COURSEPACK_QTIMT={folder}")
    return folder


@pytest.fixture
def course(course_model: Course) -> Course:
    first = dataclasses.replace(course_model.modules[0], title="Cycles / stages & more",
                                quiz=TRICKY)
    return dataclasses.replace(course_model, modules=(first, course_model.modules[1]))


def convert(qtimt: Path, package: Path, out: Path) -> Path:
    """Unzip ``package`` and run migrate.py on it; the converted folder."""
    source = out / f"{package.name}-in"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(source)
    target = out / f"{package.name}-out"
    done = subprocess.run([sys.executable, "migrate.py", "--ucvars", "--nogui", "--overwrite",
                           f"--cpout={target}", str(source)],
                          cwd=qtimt, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "ERROR" not in done.stdout.upper().replace("ERRORS: 0", ""), done.stdout[-3000:]
    return target


def text_of(node: etree._Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def read_item(path: Path) -> dict:
    """A converted item as Canvas reads it."""
    doc = etree.parse(str(path)).getroot()
    fields = {f.get("name"): f.get("value") for f in doc.iter(f"{QTI2}instructureField")}
    choices = {c.get("identifier"): text_of(c) for c in doc.iter(f"{QTI2}simpleChoice")}
    right: list[str] = []
    for cond in doc.iter(f"{QTI2}responseIf"):
        scores = [b.text for s in cond.iter(f"{QTI2}setOutcomeValue")
                  if s.get("identifier") == "SCORE" for b in s.iter(f"{QTI2}baseValue")]
        if scores and float(scores[0] or 0) > 0:
            right += [b.text or "" for test in ("match", "stringMatch", "member")
                      for m in cond.iter(f"{QTI2}{test}") for b in m.iter(f"{QTI2}baseValue")
                      if m.getparent().tag != f"{QTI2}not"]
    variables = [v.get("identifier") for m in doc.iter(f"{QTI2}match")
                 for v in m.iter(f"{QTI2}variable")]
    return {
        "title": doc.get("title"), "fields": fields, "choices": choices, "right": right,
        "stem": text_of(doc.find(f"{QTI2}itemBody/{QTI2}div")),
        "feedback": text_of(doc.find(f"{QTI2}modalFeedback")),
        "type": canvas_type(fields, choices, right, variables, doc),
    }


def canvas_type(fields: dict, choices: dict, right: list[str], variables: list[str | None],
                doc: etree._Element) -> str:
    """The question type Canvas gives a converted item (choice_interaction.rb:
    a question_type field, or a response variable starting with TF and two
    choices reading true and false, makes a true/false question)."""
    if doc.find(f".//{QTI2}extendedTextInteraction") is not None:
        return "short_answer_question"
    kind = fields.get("question_type")
    if kind is None and any(v and v.startswith("TF") for v in variables):
        kind = "true_false_question"
    if kind == "true_false_question":
        texts = sorted(t.lower() for t in choices.values())
        return kind if len(texts) == 2 and "true" in texts[1] and "false" in texts[0] \
            else "multiple_choice_question"
    return kind or ("multiple_choice_question" if len(right) == 1
                    else "multiple_answers_question")


def items_of(folder: Path) -> list[dict]:
    return [read_item(p) for p in sorted((folder / "assessmentItems").glob("*.xml"))]


EXPECTED_TYPES = {"multiple_choice": "multiple_choice_question",
                  "true_false": "true_false_question", "fill_blank": "short_answer_question"}


def check_items(course: Course, items: list[dict]) -> None:
    """Every question, choice, right answer, accepted form and feedback."""
    expected = [(m, n, q) for m in course.modules for n, q in enumerate(m.quiz, start=1)]
    assert len(items) == len(expected)
    for item, (module, n, quiz) in zip(items, expected, strict=True):
        assert item["title"] == f"{module.title} {n:02d}"
        assert item["stem"] == " ".join(quiz.stem.split())
        assert item["feedback"] == " ".join(quiz.feedback.split())
        # a two-choice multiple choice, written as a multiple response with
        # one right choice, is a multiple choice again in Canvas
        assert item["type"] == EXPECTED_TYPES[quiz.kind], (item["title"], item["type"])
        if quiz.kind == "fill_blank":
            assert sorted(item["right"]) == sorted(lms_answers(quiz, course.language))
            continue
        assert list(item["choices"].values()) == list(quiz.choices)
        assert isinstance(quiz.answer, int)
        key = list(item["choices"])[quiz.answer]
        assert item["right"][:1] == [key], item


def test_qti_zip_in_canvas(qtimt: Path, course: Course, tmp_path: Path) -> None:
    paths = build(course, tmp_path / "build", frozenset({"qti"}))
    items = items_of(convert(qtimt, paths[0], tmp_path))
    check_items(course, items)
    banks = [(i["fields"].get("question_bank"), i["title"]) for i in items]
    assert all(title.startswith(bank) for bank, title in banks), banks


@pytest.mark.parametrize("version", ["1.1", "1.3"])
def test_cartridge_in_canvas(qtimt: Path, course: Course, tmp_path: Path, version: str) -> None:
    course = dataclasses.replace(course, config=dataclasses.replace(
        course.config, lms=LmsConfig(cc_version=version)))
    paths = build(course, tmp_path / "build", frozenset({"imscc"}))
    folder = convert(qtimt, paths[0], tmp_path)
    check_items(course, items_of(folder))
    manifest = (folder / "imsmanifest.xml").read_text()
    assert 'name="quiz_type"' not in manifest  # practice quizzes by default


def test_graded_checks_become_graded_quizzes(qtimt: Path, course: Course,
                                             tmp_path: Path) -> None:
    course = dataclasses.replace(course, config=dataclasses.replace(
        course.config, lms=LmsConfig(knowledge_checks="graded")))
    paths = build(course, tmp_path / "build", frozenset({"imscc"}))
    manifest = (convert(qtimt, paths[0], tmp_path) / "imsmanifest.xml").read_text()
    assert manifest.count('<instructureField name="quiz_type" value="examination" />') == 2
