"""Train the item ranker on the blind-review labels and measure it on held-out essays.

    .venv/bin/python benchmarks/ranker.py [--write-model]

Reads ``benchmarks/reviews/labels.jsonl`` (``benchmarks/reviews/labels.py``) and
the corpus essays (``../shared/corpus``: each item's module text is the essay's
lines the module spans, as the review's ``NN-items.md`` gives them). English items
only (the ranker runs in the English rules backend), instructor notes left out.

Leave-one-essay-out: for each essay, both models (P(usable), P(not rejected))
are trained on the items of every other essay, from every round, and score the
held-out essay's items. Reported, on the pooled held-out scores:

- AUC of P(usable) for usable, and of P(not rejected) for usable-or-edit, over
  all items and within each category (the category alone separates a lot: notes
  and terms are kept more often than multiple choice, so within-category AUC is
  the honest one);
- keeping the top half (rounded up) of each category in each essay of each
  round against keeping all: the share of usable and of usable-or-edit items;
- dropping items under a P(not rejected) threshold.

Writes ``benchmarks/ranker.md``; with ``--write-model`` also trains on every
label and writes ``builder/pedagogy/data/ranker.json``.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from builder.pedagogy.rules.ranker import (  # noqa: E402
    CATEGORIES,
    DROP,
    FEATURES,
    JOINT,
    MODEL,
    OWN,
    QUIZ_DROP,
    QUIZ_FEATURES,
    SELECT,
    Item,
    Model,
    ModuleView,
    choose,
    features,
    fit,
    load,
    select,
)

LABELS = REPO / "benchmarks" / "reviews" / "labels.jsonl"
CORPUS = REPO.parent / "shared" / "corpus"
OUT = REPO / "benchmarks" / "ranker.md"
KEEP = "## In generation"
THRESHOLDS = (0.3, 0.35, 0.4, 0.5)
MEASURED = ("FB", "MC", "TF")  # quiz categories whose own model is measured (OWN: used)


def module_text(essay: str, start: int, end: int, cache: dict) -> str:
    if essay not in cache:
        path = CORPUS / f"{essay}.md"
        cache[essay] = path.read_text(encoding="utf-8").splitlines() if path.is_file() else None
    lines = cache[essay]
    if lines is None:
        return ""
    first = max(0, start - 1)
    last = end - 1 if end > start else len(lines)
    return "\n".join(lines[first:last])


def item_of(row: dict) -> Item:
    return Item(row["category"], row["text"], row.get("bloom", ""), row.get("key", ""),
                tuple(row.get("choices", ())), tuple(row.get("accepted", ())))


def load_rows() -> list[dict]:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["language"] == "en" and r["category"] in CATEGORIES]
    essays: dict = {}
    views: dict = {}
    for r in rows:
        where = (r["essay"], r["module_line"], r["module_end"])
        if where not in views:
            views[where] = ModuleView(module_text(*where, essays))
        r["features"] = features(item_of(r), views[where])
    return [r for r in rows if essays.get(r["essay"]) is not None]


def auc(scores: list[float], labels: list[int]) -> float:
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def held_out(rows: list[dict]) -> None:
    for essay in sorted({r["essay"] for r in rows}):
        train = [r for r in rows if r["essay"] != essay]
        test = [r for r in rows if r["essay"] == essay]
        usable = fit([r["features"] for r in train], [r["verdict"] == "usable" for r in train])
        kept = fit([r["features"] for r in train], [r["verdict"] != "reject" for r in train])
        for r in test:
            r["p_usable"] = usable.probability(r["features"])
            r["p_kept"] = kept.probability(r["features"])
            plain = dict(r["features"], central_source=math.nan, central_item=math.nan)
            r["p_plain"] = kept.probability(plain)  # without the nlp extra
    for cat in MEASURED:  # a model of its own, its features chosen on the training essays
        rows_of = [r for r in rows if r["category"] == cat]
        for essay in sorted({r["essay"] for r in rows_of}):
            train = [r for r in rows_of if r["essay"] != essay]
            usable, kept = own_models(train)
            for r in rows_of:
                if r["essay"] == essay:
                    r["p_own_usable"] = usable.probability(r["features"])
                    r["p_own_kept"] = kept.probability(r["features"])
                    r["own_names"] = kept.names


def own_models(train: list[dict]) -> tuple[Model, Model]:
    """P(usable) and P(not rejected) of one quiz category, each on the SELECT features
    that alone best separate its labels in ``train``."""
    out = []
    for labels in ([r["verdict"] == "usable" for r in train],
                   [r["verdict"] != "reject" for r in train]):
        names = select([r["features"] for r in train], labels, SELECT)
        out.append(fit([r["features"] for r in train], labels, names))
    return out[0], out[1]


def within(rows: list[dict], key: str, label) -> float:  # noqa: ANN001
    """AUC over pairs of items of one essay in one round (how the ranker is used: to
    choose among one course's items)."""
    groups: dict = defaultdict(list)
    for r in rows:
        groups[(r["round"], r["essay"])].append(r)
    wins = pairs = 0.0
    for group in groups.values():
        pos = [r[key] for r in group if label(r)]
        neg = [r[key] for r in group if not label(r)]
        wins += sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
        pairs += len(pos) * len(neg)
    return wins / pairs if pairs else float("nan")


def share(rows: list[dict]) -> tuple[int, float, float]:
    n = len(rows)
    if not n:
        return 0, float("nan"), float("nan")
    return (n, sum(r["verdict"] == "usable" for r in rows) / n,
            sum(r["verdict"] != "reject" for r in rows) / n)


def top_half(rows: list[dict], key: str) -> list[dict]:
    groups: dict = defaultdict(list)
    for r in rows:
        groups[(r["round"], r["essay"], r["category"])].append(r)
    out = []
    for group in groups.values():
        group.sort(key=lambda r: -r[key])
        out += group[: (len(group) + 1) // 2]
    return out


HIGHER = ("analyze", "evaluate", "create")


def as_generated(rows: list[dict]) -> list[dict]:
    """The items the generator's rule (RulesBackend._ranked, _ranked_questions) keeps
    of each labelled module's objectives and discussion questions, on held-out scores:
    under the threshold dropped, at least two objectives (keeping a lower and a higher
    Bloom level where there were both) and one question kept."""
    groups: dict = defaultdict(list)
    for r in rows:
        if r["category"] in ("O", "D"):
            groups[(r["round"], r["essay"], r["module"], r["category"])].append(r)
    out = []
    for (_, _, _, cat), group in sorted(groups.items()):
        scores = [r["p_kept"] for r in group]
        if cat == "O":
            both = {r["bloom"] in HIGHER for r in group}
            kept = choose(scores, len(group), min(2, len(group)),
                          lambda rest, g=group, b=both: {g[n]["bloom"] in HIGHER
                                                         for n in rest} == b)
        else:
            kept = choose(scores, len(group), 1)
        out += [group[n] for n in kept]
    return out


def quiz_as_generated(rows: list[dict]) -> list[dict]:
    """The quiz items RulesBackend._ranked_quiz keeps of each labelled module, on
    held-out scores of the category's own model: a multiple-choice or fill-in item under
    QUIZ_DROP left out, lowest first, while the module keeps two quiz items (one where
    it had one). (Whether its objective stays assessed is not seen here.)"""
    groups: dict = defaultdict(list)
    for r in rows:
        if r["category"] in ("MC", "TF", "FB"):
            groups[(r["round"], r["essay"], r["module"])].append(r)
    out = []
    for _, group in sorted(groups.items()):
        scores = [r["p_own_kept"] if r["category"] in OWN else 1.0 for r in group]
        kept = choose(scores, len(group), min(2, len(group)), threshold=QUIZ_DROP)
        out += [group[n] for n in kept]
    return out


def pct(x: float) -> str:
    return "–" if x != x else f"{100 * x:.0f}%"


def report(rows: list[dict]) -> str:
    lines = ["# Item ranker: held-out measurement", "",
             "Made by `benchmarks/ranker.py` from `benchmarks/reviews/labels.jsonl` "
             "(`benchmarks/reviews/labels.py`: every judged item of every blind-review round).",
             "", "## Method", "",
             f"- {len(rows)} English items (instructor notes left out) from "
             f"{len({r['essay'] for r in rows})} essays and {len({r['round'] for r in rows})} "
             "rounds; the same essay's items in several rounds are often alike, so whole essays "
             "are held out: leave-one-essay-out, both models trained on the other essays only.",
             f"- {len(FEATURES)} general features per item ({len(JOINT)} in the model of all "
             "categories, every one for a quiz category's own model) "
             "(`builder/pedagogy/rules/ranker.py`): category, frame family, Bloom level, kind, "
             "position and centrality of the module sentence the item is built on, centrality "
             "of the item, module genre, length, quoted share, pronoun at the start, hedge, first "
             "person, 'the author', digits, verbatim true/false or fill-in, false key, key length; "
             "and for quiz items: the key a number or year, a name, not a noun (by its ending), "
             "in a definition of the module, repeated in the module, a topic word (among the "
             "module's 8 most frequent content words); the share of its sentence the stem "
             "quotes; the number of other accepted answers; a false statement's change (a "
             "number, a name, a negation, another word) and a true one's rewording; the "
             "distractors' head noun shared with the key, their shape unlike the key's "
             "(capital, digits, ending, length), found in the sentence's paragraph or in the "
             "module; and the word-overlap centrality of the item's sentence.",
             "- Two L2-regularised logistic regressions (numpy, Newton's method): P(usable) and "
             "P(not rejected).",
             "- Top half: in each round, essay and category, the items with the highest score, "
             "rounded up (a category with one item keeps it), against keeping all.", "",
             "## AUC (held out)", "",
             "Last column: P(not rejected) as scored without the `nlp` extra (no sentence "
             "embeddings: the two centrality features counted at their training mean).", "",
             "| items | n | AUC P(usable) | AUC P(not rejected) | without nlp |",
             "|---|---|---|---|---|"]

    def aucs(subset: list[dict]) -> str:
        a = auc([r["p_usable"] for r in subset], [r["verdict"] == "usable" for r in subset])
        b = auc([r["p_kept"] for r in subset], [r["verdict"] != "reject" for r in subset])
        c = auc([r["p_plain"] for r in subset], [r["verdict"] != "reject" for r in subset])
        return f"{a:.2f} | {b:.2f} | {c:.2f}"

    lines.append(f"| all | {len(rows)} | {aucs(rows)} |")
    for cat in CATEGORIES:
        subset = [r for r in rows if r["category"] == cat]
        lines.append(f"| {cat} | {len(subset)} | {aucs(subset)} |")
    lines += ["", "## Keeping the top half per category (held out)", "",
              "| items | all: n | usable | usable or edit | top half by P(not rejected): n | "
              "usable | usable or edit | top half by P(usable): usable | usable or edit |",
              "|---|---|---|---|---|---|---|---|---|"]
    for name, subset in [("all", rows)] + [(c, [r for r in rows if r["category"] == c])
                                           for c in CATEGORIES]:
        n, u, k = share(subset)
        kn, ku, kk = share(top_half(subset, "p_kept"))
        _, uu, uk = share(top_half(subset, "p_usable"))
        lines.append(f"| {name} | {n} | {pct(u)} | {pct(k)} | {kn} | {pct(ku)} | {pct(kk)} | "
                     f"{pct(uu)} | {pct(uk)} |")
    lines += ["", "## Dropping under a threshold of P(not rejected) (held out)", "",
              "The rule the generator uses (`RulesBackend`, objectives and discussion questions "
              f"only, under {DROP:.2f}, where the module keeps its minimums) is the "
              f"{DROP:.2f} line of O and D.", "",
              "| items | threshold | kept | usable | usable or edit | dropped: usable / edit / "
              "reject |", "|---|---|---|---|---|---|"]
    for name, subset in (("all", rows), ("O", [r for r in rows if r["category"] == "O"]),
                         ("D", [r for r in rows if r["category"] == "D"])):
        n, u, k = share(subset)
        lines.append(f"| {name} | none | {n} | {pct(u)} | {pct(k)} | – |")
        for t in THRESHOLDS:
            kept = [r for r in subset if r["p_kept"] >= t]
            dropped = [r for r in subset if r["p_kept"] < t]
            n, u, k = share(kept)
            lines.append(f"| {name} | {t:.2f} | {n} of {len(subset)} | {pct(u)} | {pct(k)} | "
                         + " / ".join(str(sum(r["verdict"] == v for r in dropped))
                                      for v in ("usable", "edit", "reject")) + " |")
    lines += ["", "## The generator's rule on the labelled modules (held out)", "",
              f"Each module's objectives and discussion questions, dropped under {DROP:.2f} "
              "as `RulesBackend` does (at least two objectives, a lower and a higher Bloom "
              "level kept where there were both, at least one question).", "",
              "| items | all: n | usable | usable or edit | kept: n | usable | usable or edit | "
              "dropped: usable / edit / reject |", "|---|---|---|---|---|---|---|---|"]
    kept = as_generated(rows)
    ids = {id(r) for r in kept}
    for cat in ("O", "D"):
        subset = [r for r in rows if r["category"] == cat]
        mine = [r for r in kept if r["category"] == cat]
        dropped = [r for r in subset if id(r) not in ids]
        n, u, k = share(subset)
        kn, ku, kk = share(mine)
        lines.append(f"| {cat} | {n} | {pct(u)} | {pct(k)} | {kn} | {pct(ku)} | {pct(kk)} | "
                     + " / ".join(str(sum(r["verdict"] == v for r in dropped))
                                  for v in ("usable", "edit", "reject")) + " |")
    lines += quiz_report(rows)
    return "\n".join(lines) + "\n"


def quiz_report(rows: list[dict]) -> list[str]:
    def usable(r: dict) -> bool:
        return r["verdict"] == "usable"

    def kept(r: dict) -> bool:
        return r["verdict"] != "reject"

    lines = ["", "## Quiz items: a model of their own (held out)", "",
             "With every feature and trained on all categories together, the held-out AUC of "
             "multiple-choice, true/false and fill-in items is at or under 0.5 (above): what "
             "separates them is not what separates objectives, and with about a hundred labels "
             "each, a model with every feature learns the essays, not the items. So each quiz "
             f"category was measured with a model of its own: the {SELECT} "
             "features that alone best separate that category's labels (AUC farthest from 0.5) "
             "on the training essays, then the same logistic regression. Leave-one-essay-out "
             "as above: the features are chosen again in each fold, on the other essays only, "
             "so the numbers below are those of the procedure, not of one hand-picked list. "
             "'Within' counts only pairs of items of one essay in one round (one course: what "
             "the ranker chooses among).", "",
             "| items | n | features chosen (folds) | AUC P(usable): all / within | "
             "AUC P(not rejected): all / within | with every feature, P(not rejected): all / "
             "within |", "|---|---|---|---|---|---|"]
    for cat in MEASURED:
        subset = [r for r in rows if r["category"] == cat]
        chosen: dict = defaultdict(int)
        for essay in {r["essay"] for r in subset}:
            names = next(r["own_names"] for r in subset if r["essay"] == essay)
            for n in names:
                chosen[n] += 1
        names = ", ".join(f"{n} ({c})" for n, c in sorted(chosen.items(), key=lambda x: -x[1]))
        pu = auc([r["p_own_usable"] for r in subset], [usable(r) for r in subset])
        pk = auc([r["p_own_kept"] for r in subset], [kept(r) for r in subset])
        jk = auc([r["p_kept"] for r in subset], [kept(r) for r in subset])
        lines.append(f"| {cat} | {len(subset)} | {names} | {pu:.2f} / "
                     f"{within(subset, 'p_own_usable', usable):.2f} | {pk:.2f} / "
                     f"{within(subset, 'p_own_kept', kept):.2f} | {jk:.2f} / "
                     f"{within(subset, 'p_kept', kept):.2f} |")
    lines += ["", "Each quiz feature alone, on all labels of its category: the AUC of the "
              "feature's value for usable and for not rejected (under 0.5: a lower value is "
              "better; '–' where the feature does not vary in that category). Only its "
              "direction is chosen, so it says how much one feature could tell, not what a "
              "model learns.", "",
              "| feature | " + " | ".join(f"{c}: usable / not rejected" for c in MEASURED) + " |",
              "|---|" + "---|" * len(MEASURED)]
    for name in QUIZ_FEATURES + ("linked_source",):
        cells = []
        for cat in MEASURED:
            subset = [r for r in rows if r["category"] == cat]
            values = [r["features"][name] for r in subset]
            if len(set(values)) < 2:
                cells.append("–")
                continue
            cells.append(f"{auc(values, [usable(r) for r in subset]):.2f} / "
                         f"{auc(values, [kept(r) for r in subset]):.2f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", f"Used in generation: {', '.join(OWN)} only. Multiple-choice and true/false "
              "items stay near chance or under it held out (their rejects are a distractor of "
              "the wrong kind, a second right answer, a wrong or peripheral fact, which no "
              "feature here sees reliably), and dropping a true/false item could upset the "
              "course's balance of true and false keys.", "",
              "### Dropping under a threshold of the category's own P(not rejected) (held out)",
              "", "| items | threshold | kept | usable | usable or edit | "
              "dropped: usable / edit / reject |", "|---|---|---|---|---|---|"]
    for cat in MEASURED:
        subset = [r for r in rows if r["category"] == cat]
        n, u, k = share(subset)
        lines.append(f"| {cat} | none | {n} | {pct(u)} | {pct(k)} | – |")
        for t in THRESHOLDS:
            kept_ = [r for r in subset if r["p_own_kept"] >= t]
            dropped = [r for r in subset if r["p_own_kept"] < t]
            n, u, k = share(kept_)
            lines.append(f"| {cat} | {t:.2f} | {n} of {len(subset)} | {pct(u)} | {pct(k)} | "
                         + " / ".join(str(sum(r["verdict"] == v for r in dropped))
                                      for v in ("usable", "edit", "reject")) + " |")
    lines += ["", "### The generator's rule on the labelled modules (held out)", "",
              f"Each module's quiz items, a fill-in item under {QUIZ_DROP:.2f} "
              "dropped (lowest first) while the module keeps two quiz items, one where it had "
              "one; the other kinds always kept.", "",
              "| items | all: n | usable | usable or edit | kept: n | usable | usable or edit | "
              "dropped: usable / edit / reject |", "|---|---|---|---|---|---|---|---|"]
    mine = quiz_as_generated(rows)
    ids = {id(r) for r in mine}
    for cat in ("MC", "TF", "FB"):
        subset = [r for r in rows if r["category"] == cat]
        kept_ = [r for r in subset if id(r) in ids]
        dropped = [r for r in subset if id(r) not in ids]
        n, u, k = share(subset)
        kn, ku, kk = share(kept_)
        lines.append(f"| {cat} | {n} | {pct(u)} | {pct(k)} | {kn} | {pct(ku)} | {pct(kk)} | "
                     + " / ".join(str(sum(r["verdict"] == v for r in dropped))
                                  for v in ("usable", "edit", "reject")) + " |")
    return lines


def main(argv: list[str]) -> int:
    if not LABELS.is_file():
        print(f"{LABELS}: missing; run benchmarks/reviews/labels.py", file=sys.stderr)
        return 2
    if not CORPUS.is_dir():
        print(f"{CORPUS}: the corpus is needed for the module texts", file=sys.stderr)
        return 2
    rows = load_rows()
    held_out(rows)
    text = report(rows)
    if "--write-model" in argv:
        usable = fit([r["features"] for r in rows], [r["verdict"] == "usable" for r in rows])
        kept = fit([r["features"] for r in rows], [r["verdict"] != "reject" for r in rows])
        data = {"about": "Item ranker (builder/pedagogy/rules/ranker.py), trained by "
                         "benchmarks/ranker.py on benchmarks/reviews/labels.jsonl "
                         f"({len(rows)} English items). A feature's weight is per standard "
                         "deviation: positive makes a teacher's keeping the item likelier.",
                "usable": usable.as_dict(), "not_reject": kept.as_dict(), "own": {}}
        for cat in OWN:
            own_usable, own_kept = own_models([r for r in rows if r["category"] == cat])
            data["own"][cat] = {"usable": own_usable.as_dict(),
                                "not_reject": own_kept.as_dict()}
        MODEL.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    model = load.__wrapped__(MODEL)
    if model is not None:
        order = sorted(zip(model.kept.names, model.kept.weights, strict=True),
                       key=lambda x: -abs(x[1]))
        text += "\n## Weights of P(not rejected), trained on all labels (largest first)\n\n"
        text += "| feature | weight per s.d. |\n|---|---|\n"
        text += "".join(f"| {n} | {w:+.2f} |\n" for n, w in order)
    # a section written by hand (what the rule changes in a dump) is kept
    if OUT.is_file() and KEEP in OUT.read_text(encoding="utf-8"):
        text += "\n" + KEEP + OUT.read_text(encoding="utf-8").split(KEEP, 1)[1]
    OUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
