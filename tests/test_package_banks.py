"""Question banks read back by other parsers: GIFT by gift-pegjs (npm), Moodle
XML and the QTI bank zip by lxml, with text that needs escaping."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.model import Course, QuizItem
from builder.package import package
from builder.package.banks import gift, moodle_xml
from builder.package.checks import check_gift, check_moodle_xml
from builder.progress import NullProgress

REPO = Path(__file__).resolve().parent.parent
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"

TRICKY = (
    QuizItem("multiple_choice", "Which sign {in braces} means 'equals' ~ roughly: = or #?",
             ("The = sign", "The ~ sign", "The # sign", "A colon: like this"), 0,
             "Equals is =; see: {1} & <2>."),
    QuizItem("true_false", "Water boils at 100 °C at sea level (a/b \\ c).", ("True", "False"),
             0, ""),
    QuizItem("fill_blank", "The Arabic word for water is ____.", (), "ماء",
             "ماء means water."),
    QuizItem("multiple_choice", "A two-choice question: warm or cold?", ("Warm", "Cold"), 1,
             "Cold."),
)


@pytest.fixture
def tricky(course_model: Course) -> Course:
    first = dataclasses.replace(course_model.modules[0], title="Cycles / stages & more",
                                quiz=TRICKY)
    return dataclasses.replace(course_model, modules=(first, course_model.modules[1]))


def parse_gift(path: Path) -> list[dict]:
    if shutil.which("node") is None or not (REPO / "node_modules" / "gift-pegjs").is_dir():
        pytest.skip("gift-pegjs is not installed (run `npm ci` at the repository root)")
    done = subprocess.run(["node", str(REPO / "tests/js/parse_gift.mjs"), str(path)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_gift_parses_back_with_gift_pegjs(tricky: Course, tmp_path: Path) -> None:
    path = tmp_path / "bank.txt"
    path.write_bytes(gift(tricky))
    parsed = parse_gift(path)
    assert [q["type"] for q in parsed] == [
        "Category", "MC", "TF", "Short", "MC", "Category", "TF"]
    assert parsed[0]["title"] == "$course$/top/Water on Earth/Cycles // stages & more"
    mc = parsed[1]
    assert mc["stem"]["text"] == TRICKY[0].stem
    assert [c["text"]["text"] for c in mc["choices"]] == list(TRICKY[0].choices)
    assert [c["isCorrect"] for c in mc["choices"]] == [True, False, False, False]
    assert mc["globalFeedback"]["text"] == TRICKY[0].feedback
    assert parsed[2]["isTrue"] is True and parsed[2]["stem"]["text"] == TRICKY[1].stem
    # a final full stop is spelled out; no English article before an Arabic word
    assert [c["text"]["text"] for c in parsed[3]["choices"]] == ["ماء", "ماء."]
    assert parsed[4]["choices"][1]["isCorrect"] is True
    assert parsed[6]["isTrue"] is True
    assert check_gift(path.read_text("utf-8")) == []


def test_moodle_xml_parses_back(tricky: Course) -> None:
    root = etree.fromstring(moodle_xml(tricky))
    questions = root.findall("question")
    assert [q.get("type") for q in questions] == [
        "category", "multichoice", "truefalse", "shortanswer", "multichoice",
        "category", "truefalse"]
    assert questions[0].findtext("category/text") == \
        "$course$/top/Water on Earth/Cycles // stages & more"
    mc = questions[1]
    text = etree.fromstring(mc.findtext("questiontext/text"), etree.HTMLParser())
    assert "".join(text.itertext()) == TRICKY[0].stem
    fractions = [(a.get("fraction"), "".join(etree.fromstring(
        a.findtext("text"), etree.HTMLParser()).itertext())) for a in mc.findall("answer")]
    assert fractions == [("100", "The = sign"), ("0", "The ~ sign"), ("0", "The # sign"),
                         ("0", "A colon: like this")]
    assert mc.findtext("single") == "true"
    tf = {a.findtext("text"): a.get("fraction") for a in questions[2].findall("answer")}
    assert tf == {"true": "100", "false": "0"}
    assert questions[3].findtext("answer/text") == "ماء"
    assert check_moodle_xml(moodle_xml(tricky)) == []


@pytest.mark.parametrize(("content", "expected"), [
    (b"<quiz><question type=\"cloze\"><questiontext><text>x</text></questiontext>"
     b"</question></quiz>", "type 'cloze' is not a Moodle question type"),
    (b"<quiz><question type=\"multichoice\"><questiontext><text>x</text></questiontext>"
     b"<answer fraction=\"50\"><text>a</text></answer></question></quiz>",
     "no answer is worth full marks"),
    (b"<questions/>", "not <quiz>"),
    (b"<quiz>", "not well-formed"),
], ids=["type", "no-key", "root", "syntax"])
def test_moodle_check_finds_problems(content: bytes, expected: str) -> None:
    assert any(expected in p for p in check_moodle_xml(content))


@pytest.mark.parametrize(("text", "expected"), [
    ("::a:: stem {=x ~y", "found 0"),
    ("::a:: stem {=x} and {=y}", "found 2"),
    ("::a:: stem {maybe}", "is not a GIFT question"),
], ids=["unclosed", "two-blocks", "unknown"])
def test_gift_check_finds_problems(text: str, expected: str) -> None:
    assert any(expected in p for p in check_gift(text))


def test_qti_bank_zip(tricky: Course, tmp_path: Path) -> None:
    paths = package(tricky, tmp_path, frozenset({"qti"}), NullProgress())
    with zipfile.ZipFile(paths[0]) as archive:
        names = archive.namelist()
        bank = etree.fromstring(archive.read("m01-water-cycle/questions.xml"))
    assert names == ["imsmanifest.xml", "m01-water-cycle/questions.xml",
                     "m02-conclusion/questions.xml"]
    items = bank.findall(f"{QTI}objectbank/{QTI}item")
    profiles = [i.findtext(f".//{QTI}qtimetadatafield[{QTI}fieldlabel='cc_profile']/"
                           f"{QTI}fieldentry") for i in items]
    # a two-choice multiple choice is a multiple response with one right choice
    assert profiles == ["cc.multiple_choice.v0p1", "cc.true_false.v0p1", "cc.fib.v0p1",
                        "cc.multiple_response.v0p1"]
    key = items[0].find(f".//{QTI}respcondition/{QTI}conditionvar/{QTI}varequal").text
    labels = [lab.get("ident") for lab in items[0].iter(f"{QTI}response_label")]
    assert key == "c0" and labels == ["c0", "c1", "c2", "c3"]
    # Moodle's CC importer accepts true/false only with the identifiers true and false
    labels = [lab.get("ident") for lab in items[1].iter(f"{QTI}response_label")]
    key = items[1].find(f".//{QTI}respcondition/{QTI}conditionvar/{QTI}varequal").text
    assert labels == ["true", "false"] and key == "true"
    assert items[2].find(f".//{QTI}varequal").text == "ماء"
    assert items[1].find(f"{QTI}itemfeedback") is None  # no feedback, no empty element
    two = items[3].find(f".//{QTI}respcondition/{QTI}conditionvar/{QTI}and")
    assert items[3].find(f".//{QTI}response_lid").get("rcardinality") == "Multiple"
    assert two[0].text == "c1" and two[1][0].text == "c0" and two[1].tag == f"{QTI}not"
    # question names are the module title and a number, never a cut stem
    assert [i.get("title") for i in items] == [f"Cycles / stages & more {n:02d}"
                                               for n in range(1, 5)]
    title = bank.find(f"{QTI}objectbank/{QTI}qtimetadata/{QTI}qtimetadatafield"
                      f"[{QTI}fieldlabel='bank_title']/{QTI}fieldentry")
    assert title is not None and title.text == "Cycles / stages & more"


def test_empty_banks_are_written_with_a_warning(course_model: Course, tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    bare = dataclasses.replace(course_model, modules=tuple(
        dataclasses.replace(m, quiz=()) for m in course_model.modules))
    paths = package(bare, tmp_path, frozenset({"qti"}), NullProgress())
    assert "question banks" in caplog.text and "are empty" in caplog.text
    assert etree.fromstring(paths[1].read_bytes()).findall("question") == []
    assert check_gift(paths[2].read_text("utf-8")) == []


def test_banks_warn_about_nothing_when_full(course_model: Course, tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    package(course_model, tmp_path, frozenset({"qti"}), NullProgress())
    assert caplog.records == []


ACCEPTING = QuizItem("fill_blank", "Islamic nations are _____ to UN peacekeeping.", (),
                     "active contributors", "The reading says they are active contributors.",
                     accept=("active contributor",))
QUOTED = QuizItem("fill_blank", "The essay calls it the _____ of peace.", (), "nation’s duty", "",
                  accept=("national duty",))
RIGHT = ["active contributors", "active contributors.", "the active contributors",
         "the active contributors.", "active contributor", "active contributor.",
         "the active contributor", "the active contributor.", "an active contributor",
         "an active contributor."]


@pytest.fixture
def accepting(course_model: Course) -> Course:
    first = dataclasses.replace(course_model.modules[0], quiz=(ACCEPTING, QUOTED))
    return dataclasses.replace(course_model, modules=(first, course_model.modules[1]))


def test_gift_lists_every_right_answer(accepting: Course, tmp_path: Path) -> None:
    path = tmp_path / "bank.txt"
    path.write_bytes(gift(accepting))
    parsed = parse_gift(path)
    short = [q for q in parsed if q["type"] == "Short"]
    assert len(short) == 2
    assert [c["text"]["text"] for c in short[0]["choices"]] == RIGHT
    assert all(c["isCorrect"] for c in short[0]["choices"])
    assert short[0]["globalFeedback"]["text"] == ACCEPTING.feedback
    quoted = [c["text"]["text"] for c in short[1]["choices"]]
    assert {"nation’s duty", "nation's duty", "the nation's duty.", "national duty",
            "the national duty"} <= set(quoted)
    assert not any(t.startswith(("a ", "an ")) for t in quoted)  # "duty" is also uncountable
    assert check_gift(path.read_text("utf-8")) == []


def test_moodle_xml_gives_every_right_answer_full_marks(accepting: Course) -> None:
    root = etree.fromstring(moodle_xml(accepting))
    short = [q for q in root.findall("question") if q.get("type") == "shortanswer"]
    answers = [(a.get("fraction"), a.findtext("text")) for a in short[0].findall("answer")]
    assert answers == [("100", text) for text in RIGHT]
    assert short[0].findtext("usecase") == "0"  # Moodle compares without case
    assert check_moodle_xml(moodle_xml(accepting)) == []


def test_qti_bank_scores_every_right_answer_in_one_condition(accepting: Course,
                                                             tmp_path: Path) -> None:
    paths = package(accepting, tmp_path, frozenset({"qti"}), NullProgress())
    with zipfile.ZipFile(paths[0]) as archive:
        bank = etree.fromstring(archive.read("m01-water-cycle/questions.xml"))
    item = bank.findall(f"{QTI}objectbank/{QTI}item")[0]
    right, wrong = item.findall(f".//{QTI}respcondition")
    assert right.get("continue") == "No" and right.findtext(f"{QTI}setvar") == "100"
    keys = right.findall(f"{QTI}conditionvar/{QTI}varequal")
    assert [k.text for k in keys] == RIGHT
    assert {(k.get("respident"), k.get("case")) for k in keys} == {("response1", "No")}
    assert wrong.find(f"{QTI}conditionvar/{QTI}other") is not None


def test_a_number_gets_no_article_and_no_other_number(course_model: Course) -> None:
    year = QuizItem("fill_blank", "The treaty was signed in _____.", (), "1835", "")
    one = dataclasses.replace(course_model.modules[0], quiz=(year,))
    root = etree.fromstring(moodle_xml(dataclasses.replace(
        course_model, modules=(one, course_model.modules[1]))))
    short = [q for q in root.findall("question") if q.get("type") == "shortanswer"][0]
    assert [a.findtext("text") for a in short.findall("answer")] == ["1835", "1835."]


def test_every_item_shape_is_schema_valid(tricky: Course, tmp_path: Path) -> None:
    from builder.package.schemas import find_schemas, validate

    folder, why = find_schemas()
    if folder is None:
        pytest.skip(f"schema validation not possible: {why}")
    paths = package(tricky, tmp_path, frozenset({"qti"}), NullProgress())
    with zipfile.ZipFile(paths[0]) as archive:
        bank = archive.read("m01-water-cycle/questions.xml")
    assert validate(folder, "cc11-qti", bank) == []


def test_a_module_titled_like_the_course_gets_one_category(course_model: Course) -> None:
    only = dataclasses.replace(course_model.modules[0], title=course_model.title)
    course = dataclasses.replace(course_model, modules=(only,))
    assert b"$course$/top/Water on Earth</text>" in moodle_xml(course)
    assert "$CATEGORY: $course$/top/Water on Earth\n" in gift(course).decode()
