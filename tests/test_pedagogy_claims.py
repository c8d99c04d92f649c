"""Items on one claim and items on a platitude (issue 11): fixed texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pedagogy.rules import same_claim
from builder.pedagogy.rules.statements import vague
from builder.pedagogy.semantic import get_embedder
from builder.pedagogy.stage import enrich

from .test_pedagogy import planned
from .test_pedagogy_summary import FILLER


def test_a_platitude_is_vague() -> None:
    assert vague("One can visualize data in many different ways.")
    assert vague("The question of tools is not any easy one.")
    assert vague("Remote work presents new challenges and opportunities.")
    assert not vague("Charts map the dimensions of data to shapes and colours.")
    assert not vague("The river bends in many places.")


@pytest.mark.parametrize("platitude", [
    "The question of measuring glacier ice is not an easy one.",
    "Melting glaciers present farmers with new challenges and opportunities.",
])
def test_no_item_is_built_on_a_platitude(tmp_path: Path, platitude: str) -> None:
    # without the rule, each became a fill-in-the-blank item ('_____ present farmers ...')
    text = f"{platitude} {FILLER}\n\n{FILLER.replace('Glaciers store', 'Ice sheets store')}"
    course = planned(tmp_path / "course", f"# An essay\n\n## Section\n\n{text}\n")
    module = enrich(course).modules[0]
    items = ([o.text for o in module.objectives] + [q.text for q in module.discussion]
             + [i.stem for i in module.quiz])
    assert any("glacier" in t.lower() for t in items)  # the module did get material
    for item in items:
        assert "easy one" not in item and "opportunities" not in item, item


needs_model = pytest.mark.skipif(get_embedder() is None,
                                 reason="the sentence-embedding model (nlp extra) is absent")


@needs_model
def test_one_claim_in_other_words() -> None:
    # the names both sentences use and the lead-in do not make two sentences alike
    assert same_claim("In the end, however, Darwin developed a view of nature that was "
                      "all his own.",
                      "Darwin developed a theory of nature that gave chance a central, "
                      "lasting role.")
    assert not same_claim("Darwin developed a view of nature that was entirely his own.",
                          "Darwin waited twenty years to publish because the Church of "
                          "England opposed any such idea.")
    assert not same_claim("Cities grow along rivers because water carries trade.",
                          "Floods destroy a river town every few decades.")


def test_same_claim_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import builder.pedagogy.rules as rules

    monkeypatch.setattr(rules, "get_embedder", lambda: None)
    assert same_claim("A river cuts its valley.", "A river cuts its valley.")
    assert not same_claim("A river cuts its valley.", "A stream carves its vale.")
    # without the model, sentences that share most of their words
    assert same_claim("In the end, a river slowly cuts its valley.",
                      "A river cuts its valley over many centuries.")
    assert not same_claim("A river cuts its valley.", "A river floods its town in spring.")


def test_no_claim_is_a_fragment(tmp_path: Path) -> None:
    from builder.pedagogy.rules import RulesBackend
    from builder.pedagogy.rules.statements import verbless

    fragment = "Spreadsheets like LibreOffice, Numbers or Google Sheets."
    assert verbless(fragment) and not verbless(FILLER.split(". ")[0])
    # without the rule, the list item was a claim ('Explain the reading's point that
    # spreadsheets like ...', a true/false item on it)
    text = (f"{FILLER}\n\nSeveral tools measure glaciers well.\n\n"
            f"* {fragment}\n* Radar surveys like IceBridge (nasa.gov)\n\n"
            f"{FILLER.replace('Glaciers store', 'Ice sheets store')}")
    course = planned(tmp_path / "course", f"# An essay\n\n## Section\n\n{text}\n")
    (analysis,) = RulesBackend(course).index.analyses.values()
    assert fragment in {s.text for s in analysis.sents}
    claims = [c.sentence.text for c in analysis.claims]
    assert claims and fragment not in claims


ONE_CLAIM_TWICE = """# Marlow on cities

## Marlow and the planners

Marlow argued that cities grow best when their residents decide how streets are used. \
Marlow never suggested a return to a form of city government in which a few planners ruled \
and the many obeyed. Because planners rarely walk the streets they draw, their maps miss how \
neighbours actually move. Marlow showed that markets on open streets draw more visitors than \
sealed malls. Residents who meet on the street trust each other more, so they organise to \
repair what breaks.

## Marlow and the engineers

Engineers, Marlow wrote, measure traffic but not the life of a street. Marlow, by contrast, \
never suggested a preference for anything other than neighbourhood assemblies and majority \
rule. Wide roads cut neighbourhoods in two, so children can no longer walk to school alone. \
Marlow claimed that a street with many doors is safer than a street with blank walls. Small \
blocks give walkers more corners, and more corners mean more shops.
"""


@needs_model
@pytest.mark.parametrize("rule", [True, False])
def test_a_later_module_asks_no_claim_again(tmp_path: Path, rule: bool,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # round10 03-m05-O2/D1: the second section restates the first one's claim in other
    # words ('never suggested a return to ... a few ruled' / '... a preference for
    # anything other than ... majority rule'); the second module asks of another
    import builder.pedagogy.rules as rules

    if not rule:
        monkeypatch.setattr(rules, "SAME_CLAIM", 2.0)
    first, second = enrich(planned(tmp_path / "course", ONE_CLAIM_TWICE)).modules
    assert any("few planners ruled" in o.text for o in first.objectives)
    items = [o.text for o in second.objectives] + [q.text for q in second.discussion]
    assert any("majority rule" in t for t in items) is not rule
    # the module keeps its minimum: two objectives at two levels, a question
    assert len(second.objectives) >= 2 and len({o.bloom for o in second.objectives}) >= 2
    assert second.discussion


@needs_model
@pytest.mark.slow
def test_one_question_per_claim_in_the_corpus(tmp_path: Path, corpus_dir: Path) -> None:
    # round10 03-m01-D2 'same claim as D1/O1' ('a vision of democracy that was all his
    # own' / 'a theory of modern democratic society'): main at 57675b7 asked both
    from builder import plan, read, review

    essay = corpus_dir / "03-wendell-phillips-democracy.md"
    if not essay.exists():
        pytest.skip(f"{essay} not found")
    (tmp_path / "essay.md").write_text(essay.read_text(encoding="utf-8"), encoding="utf-8")
    course = enrich(review.apply(plan.plan_course(read.read_course(tmp_path, "course")), None))
    first = [q.text for q in course.modules[0].discussion if q.origin == "generated"]
    assert first
    assert not (any("all his own" in q for q in first)
                and any("theory of modern democratic society" in q for q in first)), first
