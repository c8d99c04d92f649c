"""The item ranker (builder/pedagogy/rules/ranker.py) and the labels it learns from
(benchmarks/reviews/labels.py)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

from builder.pedagogy.rules import ranker
from builder.pedagogy.rules.ranker import (
    DROP,
    FEATURES,
    Item,
    ModuleView,
    choose,
    features,
    fit,
    load,
)

REPO = Path(__file__).resolve().parents[1]

MODULE = """Photosynthesis is defined as the process by which plants turn light into
chemical energy.

It takes place in the chloroplasts, where chlorophyll absorbs light. Because the
light reactions split water, plants release oxygen as a by-product.

In 1779 Jan Ingenhousz showed that light is needed. This matters for every food chain.
"""


def _labels_module():
    spec = importlib.util.spec_from_file_location(
        "labels", REPO / "benchmarks" / "reviews" / "labels.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["labels"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _no_embeddings(monkeypatch):
    """Word-overlap centrality: fast and the same with or without the nlp extra."""
    monkeypatch.setenv("COURSEPACK_SEMANTIC", "off")
    from builder.pedagogy import semantic

    semantic.get_embedder.cache_clear()
    yield
    semantic.get_embedder.cache_clear()


def test_features_of_fixed_texts():
    view = ModuleView(MODULE)
    tf = features(Item("TF", "Because the light reactions split water, plants release oxygen "
                             "as a by-product.", key="True"), view)
    assert tf["cat_TF"] == 1.0 and tf["verbatim"] == 1.0 and tf["tf_false"] == 0.0
    assert tf["kind_argued"] == 1.0  # a causal sentence
    assert tf["opening"] == 0.0 and 0 < tf["position"] < 1
    stat = features(Item("FB", "In 1779 Jan Ingenhousz showed that _____ is needed.",
                         key="light"), view)
    assert stat["digits"] == 1.0 and stat["kind_number"] == 1.0
    assert stat["pronoun_start"] == 0.0
    this = features(Item("O", "Explain why this matters for every food chain.",
                         bloom="understand"), view)
    assert this["frame_mechanism"] == 1.0 and this["bloom_understand"] == 1.0
    assert this["pronoun_start"] == 1.0  # the source sentence opens with "This"
    d = features(Item("D", 'The author writes: "I may be wrong". What does the author mean '
                           'by this?', bloom="analyze"), view)
    assert d["frame_interpret"] == 1.0 and d["first_person"] == 1.0 and d["hedge"] == 1.0
    assert d["author_named"] == 1.0 and 0 < d["quoted_share"] < 1
    define = features(Item("O", "Define photosynthesis as the reading uses the term.",
                           bloom="remember"), view)
    assert define["frame_define"] == 1.0 and define["kind_definition"] == 1.0
    assert define["opening"] == 1.0
    assert set(tf) == set(FEATURES)


QUIZ_MODULE = """Photosynthesis is defined as the process by which plants turn light into
chemical energy. Photosynthesis needs light, water and carbon dioxide.

It takes place in the chloroplasts, where chlorophyll absorbs light. Because the
light reactions split water, plants release oxygen as a by-product.

In 1779 Jan Ingenhousz showed that light is needed for photosynthesis.
"""


def test_quiz_features_of_keys_distractors_and_swaps():
    view = ModuleView(QUIZ_MODULE)
    fb = features(Item("FB", "_____ is defined as the process by which plants turn light into "
                             "chemical energy.", key="Photosynthesis",
                       accepted=("photosynthesis",)), view)
    assert fb["key_defined"] == 1.0 and fb["key_repeated"] > 0 and fb["key_topic"] == 1.0
    assert fb["key_number"] == 0.0 and fb["fb_accepted"] > 0
    assert fb["stem_copy"] > 0.8  # the stem quotes all of its sentence
    year = features(Item("FB", "In _____ Jan Ingenhousz showed that light is needed.",
                         key="1779"), view)
    assert year["key_number"] == 1.0 and year["key_defined"] == 0.0
    assert year["key_repeated"] == 0.0 and year["fb_accepted"] == 0.0
    mc = features(Item("MC", "Where does chlorophyll absorb light?", key="chloroplasts",
                       choices=("chloroplasts", "oxygen", "Jan Ingenhousz", "quickly")), view)
    assert mc["mc_in_module"] == pytest.approx(2 / 3)  # "quickly" is not in the text
    assert mc["mc_in_paragraph"] == pytest.approx(1 / 3)  # "oxygen" is in its paragraph
    assert mc["mc_shape_differs"] == pytest.approx(2 / 3)  # a name and an adverb
    assert mc["mc_head_shared"] == 0.0 and mc["key_not_noun"] == 0.0
    swapped = features(Item("TF", "In 1779 Jan Ingenhousz showed that light is not needed "
                                  "for photosynthesis.", key="False"), view)
    assert swapped["tf_swap_negation"] == 1.0 and swapped["tf_swap_number"] == 0.0
    year_swap = features(Item("TF", "In 1802 Jan Ingenhousz showed that light is needed for "
                                    "photosynthesis.", key="False"), view)
    assert year_swap["tf_swap_number"] == 1.0 and year_swap["tf_swap_word"] == 0.0
    word = features(Item("TF", "Because the light reactions split water, plants absorb oxygen "
                               "as a by-product.", key="False"), view)
    assert word["tf_swap_word"] == 1.0 and word["tf_reworded"] == 0.0
    true = features(Item("TF", "The author says plants give off oxygen when light splits "
                               "water.", key="True"), view)
    assert 0 < true["tf_reworded"] < 1 and true["tf_swap_word"] == 0.0
    objective = features(Item("O", "Define photosynthesis.", "remember"), view)
    assert all(objective[f] == 0.0 for f in ranker.QUIZ_FEATURES)
    assert objective["linked_source"] > 0  # a sentence sharing words with the others


def test_frame_families_are_general():
    view = ModuleView(MODULE)
    asked = {
        "What would you expect to see if this were not so?": "counterfactual",
        "Argue for or against the view that plants need light.": "argue",
        "The reading states that plants need light. What in the reading supports this, and "
        "what could a critic say against it?": "critic",
        "How convincing is the reading's view that plants need light?": "convincing",
        "Use a light meter to measure the light a leaf gets.": "apply",
        "Describe the steps of the light reactions.": "describe",
    }
    for text, frame in asked.items():
        assert features(Item("D", text), view)[f"frame_{frame}"] == 1.0, text


def test_fit_learns_a_separable_feature_and_is_deterministic():
    rows = [{"hedge": float(i % 2), "digits": float(i % 3 == 0)} for i in range(40)]
    labels = [int(r["hedge"]) for r in rows]
    model = fit(rows, labels, ("hedge", "digits"), l2=0.1)
    again = fit(rows, labels, ("hedge", "digits"), l2=0.1)
    assert model == again
    assert model.probability({"hedge": 1.0, "digits": 0.0}) > 0.8
    assert model.probability({"hedge": 0.0, "digits": 0.0}) < 0.2
    assert abs(model.weights[1]) < abs(model.weights[0])


def test_trained_model_loads_and_scores_deterministically():
    loaded = load()
    assert loaded is not None, "builder/pedagogy/data/ranker.json is missing or unreadable"
    data = json.loads(ranker.MODEL.read_text(encoding="utf-8"))
    assert list(data["not_reject"]["weights"]) == list(ranker.JOINT)
    assert list(data["usable"]["weights"]) == list(ranker.JOINT)
    view = ModuleView(MODULE)
    item = Item("O", "Explain how plants turn light into chemical energy.", "understand")
    values = features(item, view)
    assert math.isnan(values["central_source"])  # no model (fixture): unknown, not guessed
    first = loaded.score(values)
    assert 0.0 < first < 1.0
    at_mean = dict(values, central_source=loaded.kept.mean[ranker.JOINT.index("central_source")],
                   central_item=loaded.kept.mean[ranker.JOINT.index("central_item")])
    assert loaded.score(at_mean) == pytest.approx(first)
    assert loaded.score(features(item, ModuleView(MODULE))) == first


def test_missing_model_is_none(tmp_path):
    assert load(tmp_path / "absent.json") is None
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert load(bad) is None


def test_choose_drops_low_scores_only_above_the_minimum():
    assert choose([0.9, 0.1, 0.8], 3, 1) == [0, 2]
    assert choose([0.1, 0.2], 2, 2) == [0, 1]  # the minimum stays
    assert choose([0.1, 0.2, 0.9], 3, 1) == [2]
    assert choose([0.9, 0.8, 0.7], 2, 1) == [0, 1]  # over the limit: the lowest goes
    assert choose([DROP, DROP + 0.1], 2, 0) == [0, 1]
    # a candidate whose removal is not allowed stays; the next lowest goes instead
    assert choose([0.1, 0.2, 0.9], 3, 1, lambda rest: 0 in rest) == [0, 2]


ITEMS = """# Items generated for 99-fixture.md

Course title: Fixture; language en; 2 modules.

## 99-m01: Light
(lesson; essay line 3; 40 words)

- **99-m01-S** summary: Plants turn light into energy.
- **99-m01-O1** [understand] Explain how plants turn light into energy.
- **99-m01-D1** [analyze] Why does light matter?
  - facilitation note: A strong answer names the chloroplast.
  - assesses objectives: 1
- **99-m01-MC1** (multiple_choice) Where does photosynthesis take place?
  - A. chloroplasts  <- key
  - B. roots
  - feedback: The reading says so.
- **99-m01-FB1** (fill_blank) Plants release _____.
  - answer: oxygen (also accepted: O2)

## 99-m02: History
(lesson; essay line 9; 12 words)

- **99-m02-TF1** (true_false) Ingenhousz showed that light is needed.
  - A. True  <- key
  - B. False
- **99-m02-N1** instructor note: No key terms.
"""

VERDICTS = ("99-m01-S\tusable\t-\tfine\n99-m01-O1\tedit\tloaded\treword\n"
            "99-m01-MC1\treject\tdistractor-kind\troots\n99-m01-FB1\tusable\t-\t\n"
            "99-m02-TF1\treject\tperipheral\tdate\n99-m09-O1\tusable\t-\tno such item\n")


def test_labels_join_items_and_verdicts(tmp_path, capsys):
    labels = _labels_module()
    round_dir = tmp_path / "2026-01-01-fixture"
    round_dir.mkdir()
    (round_dir / "99-items.md").write_text(ITEMS, encoding="utf-8")
    (round_dir / "99-verdicts.tsv").write_text(VERDICTS, encoding="utf-8")
    rows = labels.collect(tmp_path)
    assert "99-m09-O1 has a verdict but no item" in capsys.readouterr().err
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {"99-m01-S", "99-m01-O1", "99-m01-MC1", "99-m01-FB1", "99-m02-TF1"}
    assert by_id["99-m01-S"]["text"] == "Plants turn light into energy."
    o1 = by_id["99-m01-O1"]
    assert (o1["bloom"], o1["verdict"], o1["pattern"]) == ("understand", "edit", "loaded")
    assert o1["module_line"] == 3 and o1["module_end"] == 9
    mc = by_id["99-m01-MC1"]
    assert mc["choices"] == ["chloroplasts", "roots"] and mc["key"] == "chloroplasts"
    assert mc["text"] == "Where does photosynthesis take place?"
    assert by_id["99-m01-FB1"]["key"] == "oxygen"
    assert by_id["99-m01-FB1"]["accepted"] == ["O2"] and mc["accepted"] == []
    tf = by_id["99-m02-TF1"]
    assert tf["key"] == "True" and tf["module_end"] == 0 and tf["essay"] == "99-fixture"
    assert {r["round"] for r in rows} == {"2026-01-01-fixture"}
    out = tmp_path / "labels.jsonl"
    assert labels.main([str(tmp_path), "--out", str(out)]) == 0
    first = out.read_bytes()
    assert labels.main([str(tmp_path), "--out", str(out)]) == 0
    assert out.read_bytes() == first  # regenerable: same input, same bytes
    assert labels.main([str(tmp_path / "absent")]) == 2


def test_labels_file_in_repository_matches_the_rounds():
    labels = _labels_module()
    kept = REPO / "benchmarks" / "reviews" / "labels.jsonl"
    rows = [json.loads(line) for line in kept.read_text(encoding="utf-8").splitlines()]
    assert {r["verdict"] for r in rows} == {"usable", "edit", "reject"}
    # every kept label is what labels.py reads from its round today (a new round may be
    # added before labels.py and benchmarks/ranker.py are rerun: METHOD.md step 4)
    now = {(r["round"], r["id"], r["verdict"], r["text"])
           for r in labels.collect(REPO / "benchmarks" / "reviews")}
    assert {(r["round"], r["id"], r["verdict"], r["text"]) for r in rows} <= now


class _Low:
    """A scorer that expects a teacher to reject everything."""

    def scores(self, module_text, items):  # type: ignore[no-untyped-def]
        return [0.01 * n for n in range(len(items))]


ARGUMENT = (
    "Majority rule can become a tyranny because the majority controls both law and opinion. "
    "Phillips argued that agitation is the only safeguard of a free people, since officials "
    "follow opinion rather than lead it. Unlike Tocqueville, he thought that dissenters must "
    "keep public opinion restless. Critics may say that agitation breeds disorder, but "
    "Phillips believed that a quiet people is more dangerous than a restless one. The "
    "abolitionists therefore had to speak where the law was silent."
)


def test_rules_backend_drops_only_above_its_minimums(tmp_path):
    from builder.pedagogy.rules import HIGHER, RulesBackend

    from .test_pedagogy_items import course_of

    course = course_of(tmp_path, ("Agitation", ARGUMENT), ("Opinion", ARGUMENT))
    plain = RulesBackend(course)
    plain.scorer = None
    module = course.modules[0]
    before = plain.generate(module)
    ranked = RulesBackend(course)
    ranked.scorer = _Low()  # type: ignore[assignment]
    after = ranked.generate(module)
    assert len(before.objectives) > 2 and len(before.discussion) > 1  # something to drop
    assert len(after.objectives) == min(2, len(before.objectives))
    assert {o.text for o in after.objectives} <= {o.text for o in before.objectives}
    assert {o.bloom in HIGHER for o in after.objectives} == {
        o.bloom in HIGHER for o in before.objectives}
    assert len(after.discussion) == 1
    assert after.discussion[0].text in {q.text for q in before.discussion}
    again = RulesBackend(course)
    again.scorer = _Low()  # type: ignore[assignment]
    assert again.generate(module) == after  # deterministic


def test_select_keeps_the_features_that_separate_alone():
    rows = [{"hedge": float(i % 2), "digits": float(i % 3 == 0), "log_words": 1.0,
             "cat_FB": float(i % 2)} for i in range(30)]
    labels = [1 - int(r["hedge"]) for r in rows]  # separating downwards counts too
    assert ranker.select(rows, labels, 1) == ("hedge",)  # a category is never chosen
    assert ranker.select(rows, labels, 5) == ("hedge", "digits")  # a constant one is not
    assert ranker.select(rows, [1] * 30, 2) == ()


def test_quiz_items_use_their_category_model():
    loaded = load()
    assert loaded is not None
    assert [cat for cat, _, _ in loaded.own] == list(ranker.OWN)
    view = ModuleView(QUIZ_MODULE)
    item = Item("FB", "Because the light reactions split water, plants release _____ as a "
                      "by-product.", key="oxygen")
    values = features(item, view)
    own = dict((cat, kept) for cat, _, kept in loaded.own)["FB"]
    assert loaded.score(values, "FB") == own.probability(values)
    assert loaded.score(values, "O") == loaded.kept.probability(values)
    assert set(own.names) <= set(FEATURES) and len(own.names) == ranker.SELECT


RIVERS = (
    "A watershed is defined as the area of land that drains into one river. Every watershed "
    "collects rain and snow and sends the water downhill to its river. Because soil absorbs "
    "water slowly, heavy storms send much of the rain over the surface. This runoff carries "
    "sediment, which the river deposits where its current slows. Over centuries, these "
    "deposits build natural banks called levees. A floodplain is the flat land beside a river "
    "that floods in most wet years. Farmers have long settled on floodplains because the "
    "deposited silt makes the soil fertile. Engineers later built dams to control floods, but "
    "dams trap the sediment that once renewed the floodplain. In 1936 the United States "
    "passed a Flood Control Act that paid for hundreds of dams. Downstream of a dam, the "
    "river often cuts deeper into its bed, since it carries less sediment. Wetlands slow "
    "floods by storing water and releasing it over weeks. When wetlands are drained for "
    "farms, floods downstream become higher and faster. A tributary is a stream that feeds a "
    "larger river. Tributaries join the main river and add their water to it."
)


class _LowQuiz:
    """A scorer that expects a teacher to reject every quiz item and keep the rest."""

    def scores(self, module_text, items):  # type: ignore[no-untyped-def]
        return [0.01 * n if i.category in ("MC", "TF", "FB") else 0.99
                for n, i in enumerate(items)]


def test_rules_backend_drops_fill_in_items_only_above_two_and_keeps_assessment(tmp_path):
    from builder.pedagogy.rules import RulesBackend

    from .test_pedagogy_items import course_of

    course = course_of(tmp_path, ("Rivers", RIVERS), ("Floods", RIVERS))
    plain = RulesBackend(course)
    plain.scorer = None
    ranked = RulesBackend(course)
    ranked.scorer = _LowQuiz()  # type: ignore[assignment]
    dropped = 0
    for module in course.modules:
        before, after = plain.generate(module), ranked.generate(module)
        assert after.objectives == before.objectives
        kept = [q for q in before.quiz if q in after.quiz]
        assert kept == list(after.quiz)  # a subset, in order
        gone = [q for q in before.quiz if q not in after.quiz]
        assert all(q.kind == "fill_blank" for q in gone)  # true/false, MC never dropped
        assert len(after.quiz) >= min(2, len(before.quiz))
        assessed = {n for x in after.quiz + after.discussion for n in x.objectives}
        assert assessed == {n for x in before.quiz + before.discussion for n in x.objectives}
        dropped += len(gone)
    assert dropped  # three fill-in items a module: one goes where its objective stays assessed
