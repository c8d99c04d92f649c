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
    MODEL,
    Item,
    ModuleView,
    choose,
    features,
    fit,
    load,
)

LABELS = REPO / "benchmarks" / "reviews" / "labels.jsonl"
CORPUS = REPO.parent / "shared" / "corpus"
OUT = REPO / "benchmarks" / "ranker.md"
KEEP = "## In generation"
THRESHOLDS = (0.3, 0.35, 0.4, 0.5)


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
                tuple(row.get("choices", ())))


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
             f"- {len(FEATURES)} general features per item "
             "(`builder/pedagogy/rules/ranker.py`): category, frame family, Bloom level, kind, "
             "position and centrality of the module sentence the item is built on, centrality "
             "of the item, module genre, length, quoted share, pronoun at the start, hedge, first "
             "person, 'the author', digits, verbatim true/false or fill-in, false key, key length.",
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
    return "\n".join(lines) + "\n"


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
                "usable": usable.as_dict(), "not_reject": kept.as_dict()}
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
