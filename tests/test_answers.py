"""Fill-in-the-blank items accept the answers a teacher would accept: the
variants the generator adds (builder.pedagogy.answers), and the site's quiz
in real Chromium marking a student's typing right or wrong."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.model import Course, QuizItem
from builder.pedagogy.answers import abbreviations, variants
from builder.pipeline import load
from builder.progress import NullProgress
from tests.conftest import sample_course

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("answer", "expected"), [
    ("active contributors", ("active contributor",)),
    ("peacekeepers", ("peacekeeper",)),  # outside the lexicon, a plain plural
    ("stakeholder", ("stakeholders",)),
    ("crises", ("crisis",)),
    ("children", ("child",)),
    ("peacekeeping mission", ("peacekeeping missions",)),
    ("long-term peace", ("long term peace",)),
    ("self-determination", ("self determination",)),
    ("long-term peacekeeping missions", ("long-term peacekeeping mission",
                                         "long term peacekeeping missions",
                                         "long term peacekeeping mission")),
    ("  member   states ", ("member state",)),
    ("the member states", ("the member state",)),
    ("co-operation", ("cooperation",)),  # a bound prefix closes up, never 'co operation'
    ("organisation", ("organization",)),  # British and American spelling
    ("behaviour", ("behavior",)),
    ("centre", ("centres", "center", "centers")),
    ("analysed data", ("analyzed data",)),
], ids=lambda v: v if isinstance(v, str) else None)
def test_variants_of_form(answer: str, expected: tuple[str, ...]) -> None:
    assert variants(answer) == expected


@pytest.mark.parametrize("answer", [
    "1835",                   # a number in digits: nothing more ('1836' is another answer)
    "5 missions",
    "peace",                  # uncountable: no 'peaces'
    "disaster recovery",      # also a mass noun: no 'disaster recoveries'
    "international cooperation",
    "precipitation",
    "advanced training",      # a gerund
    "balance of power",       # the last word is not the head
    "rule of law",
    "United Nations",         # a name
    "Athens",
    "arms",                   # the singular means something else
    "international relations",
    "media",                  # ambiguous: medium? media?
    "wobbing",                # outside the lexicon and not a plain noun ending
    "ماء",
    "",
])
def test_no_variant_that_could_change_the_meaning(answer: str) -> None:
    assert variants(answer) == ()


@pytest.mark.parametrize(("answer", "before", "after", "text", "expected"), [
    # the head noun alone, when the reading gives it no other modifier
    ("mutual growth", "driving ", ".", "It drives mutual growth.", ("growth",)),
    # 'style' alone is no answer where the reading also writes 'vulgar style'
    ("florid style", "The ", " is the reverse.", "a florid style, a vulgar style", ()),
    # a noun before the head names the thing: 'command' alone is not 'sort command'
    ("sort command", "use the ", " to sort", "the sort command", ()),
    # 'a _____' fixes the number: no 'mere partial leagues'
    ("partial league", "but a ", " of states", "a partial league", ("league",)),
    # a term the reading keeps using, beside another of its family ('open reports'
    # twice): the modifier names it, the head alone is no answer
    ("open identities", "", " fosters",
     "Open identities help. Open identities cost. Open reports help. Open reports cost.",
     ("open identity",)),
    # repeated, but the modifier is a description (used once elsewhere): the head
    # noun alone answers (round7 03-m04-FB1: 'accept despotism')
    ("majoritarian tyranny", "majority rule turns into ", ", and",
     "the majoritarian tyranny of the age; majoritarian tyranny again; a majoritarian "
     "society", ("tyranny",)),
    # the other negative prefix of a participle (round7 02-m01-FB1: 'accept unsegmented')
    ("non-segmented", "genomes are ", ", which", "", ("nonsegmented", "unsegmented")),
    ("active contributors", "nations are ", " to peace", "active contributors",
     ("contributors",)),
    ("active contributors", "", "", "", ("active contributor",)),
])
def test_variants_in_context(
    answer: str, before: str, after: str, text: str, expected: tuple[str, ...]
) -> None:
    assert variants(answer, before, after, text) == expected


def test_variants_never_repeat_the_answer_and_keep_its_hyphen_first() -> None:
    found = variants("peace-keepers")
    assert found == ("peace-keeper", "peace keepers", "peace keeper")
    assert "peace-keepers" not in found and len(set(found)) == len(found)


def test_generated_fill_in_items_accept_their_variants() -> None:
    course = load(REPO / "course")
    blanks = [q for m in course.modules for q in m.quiz if q.kind == "fill_blank"]
    text = "\n\n".join(m.text for m in course.modules)
    assert blanks and all(
        q.accept == variants(str(q.answer), *q.stem.split("_____"), text) for q in blanks
    )
    assert any(q.accept for q in blanks)
    for q in blanks:  # every variant keeps the answer's words, up to number and hyphens,
        for other in q.accept:  # or is its head noun alone
            words = other.replace("-", " ").split()
            assert len(words) == 1 or words[:-1] == str(q.answer).replace("-", " ").split()[:-1]


# --- the site's quiz in Chromium -------------------------------------------------

ITEMS = (
    QuizItem("fill_blank", "Islamic nations are _____ to UN peacekeeping.", (),
             "active contributors", "", accept=variants("active contributors")),
    QuizItem("fill_blank", "Peacekeeping aims at _____.", (), "long-term peace", "",
             accept=variants("long-term peace")),
    QuizItem("fill_blank", "The mandate comes from the _____.", (), "member states", "",
             accept=variants("member states")),
    QuizItem("fill_blank", "The treaty was signed in _____.", (), "1835", "",
             accept=variants("1835")),
    QuizItem("fill_blank", "The essay calls it every _____.", (), "nation’s duty", ""),
)
ATTEMPTS = [
    (0, "Active contributor", True),
    (0, "  active   contributors. ", True),
    (0, "the active contributors", True),
    (0, "An active contributor", True),
    (0, "passive contributors", False),
    (0, "contributors", False),
    (1, "long term peace", True),
    (1, "Long-Term Peace.", True),
    (1, "long-term war", False),
    (2, "the member states", True),
    (2, "member state", True),
    (2, "members", False),
    (3, "1835", True),
    (3, "1835.", True),
    (3, "1836", False),
    (4, "nation's duty", True),
    (4, "“nation’s duty”", True),
    (4, "nations duty", False),
]


def _missing_tools() -> str:
    if shutil.which("node") is None:
        return "node is not installed"
    if not Path("/usr/bin/chromium").is_file():
        return "chromium is not installed at /usr/bin/chromium"
    if not (REPO / "node_modules" / "playwright-core").is_dir():
        return "npm package playwright-core is missing (run npm ci)"
    return ""


def _page(tmp_path: Path) -> Path:
    from builder.render import render

    course: Course = sample_course(tmp_path / "course")
    first = dataclasses.replace(course.modules[0], quiz=ITEMS)
    course = dataclasses.replace(course, modules=(first, course.modules[1]))
    render(course, tmp_path / "out", frozenset({"html"}), 1, NullProgress())
    return tmp_path / "out" / "site" / "modules" / f"{first.id}.html"


@pytest.mark.slow
def test_site_quiz_accepts_what_a_teacher_would(tmp_path: Path) -> None:
    missing = _missing_tools()
    if missing:
        pytest.skip(missing)
    page = _page(tmp_path)
    job = tmp_path / "job.json"
    job.write_text(json.dumps({"page": str(page), "attempts": [
        {"item": i, "text": text} for i, text, _ in ATTEMPTS]}), encoding="utf-8")
    done = subprocess.run(["node", str(REPO / "tests/browser/check_quiz.mjs"), str(job)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["errors"] == []
    marks = {(i, text): mark for (i, text, _), mark in zip(ATTEMPTS, result["marks"],
                                                            strict=True)}
    assert marks == {(i, text): right for i, text, right in ATTEMPTS}
    wrong = result["feedback"][ATTEMPTS.index((0, "passive contributors", False))]
    assert "active contributors" in wrong  # a wrong answer is shown the key


def test_site_quiz_page_carries_the_accepted_answers(tmp_path: Path) -> None:
    import lxml.html

    page = lxml.html.parse(str(_page(tmp_path))).getroot()
    items = page.xpath("//li[contains(@class, 'quiz__item')]")
    assert json.loads(items[0].get("data-accept")) == ["active contributor"]
    assert items[3].get("data-accept") is None  # '1835' accepts nothing more
    assert page.xpath("//form[@class='quiz__form']/@data-articles") == ["a an the"]


ABBREVIATED = (
    "The genome is double-stranded RNA (dsRNA) in this phase. The viral spike (S) protein "
    "binds first. A coordinate reference system (CRS) tells how coordinates map to places. "
    "The options are (a) keep it or (B) drop it."
)


def test_the_readings_abbreviations_are_found() -> None:
    assert abbreviations(ABBREVIATED) == [
        ("double-stranded RNA", "dsRNA"), ("spike", "S"), ("coordinate reference system", "CRS"),
    ]


@pytest.mark.parametrize(("answer", "also"), [
    ("dsRNA genome", "double-stranded RNA genome"),
    ("double-stranded RNA", "dsRNA"),
    ("spike protein", "S protein"),
    ("coordinate reference system", "CRS"),
    ("CRS", "coordinate reference system"),
])
def test_fill_in_accepts_the_abbreviation_and_full_form_the_reading_gives(
    answer: str, also: str
) -> None:
    assert also in variants(answer, "The ", " is used.", ABBREVIATED)


def test_no_abbreviation_without_the_reading_giving_it() -> None:
    assert "CRS" not in variants("coordinate reference system", "The ", " is used.", "Nothing.")
    assert variants("keep", "", "", ABBREVIATED) == ()  # '(a)' is a list label, no abbreviation


def test_fill_in_accepts_the_other_name_the_reading_gives_in_the_same_slot() -> None:
    # blind review round3: 'tyranny of the majority' also wants 'majoritarian despotism'
    from builder.pedagogy.answers import appositions

    text = (
        "He feared the tyranny of the majority, or majoritarian despotism, above all. "
        "A vector tile (a compressed tile) loads fast. Red or blue paint, or green paint. "
        "They trained in mediation, security operations, or disaster recovery, for years. "
        "The florid style (see below) is worse."
    )
    assert "majoritarian despotism" in variants(
        "tyranny of the majority", "The Americans feared the", "above all.", text)
    assert appositions("vector tile", text) == ["compressed tile"]
    assert appositions("blue paint", text) == []  # the last of a list: an alternative
    assert appositions("security operations", text) == []  # a list member
    assert appositions("florid style", text) == []  # a cross-reference, no name
    assert appositions("majoritarian despotism", text) == []
