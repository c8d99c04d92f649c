"""Calibrate SAME_CLAIM (builder.pedagogy.rules) on the labelled reviews.

For every English objective and discussion question of labels.jsonl, the claim
it is built on (its text without the frame; items
whose frame quotes no claim, templates, are left out) is compared with every other
objective and question of the same essay in the same round, with
:func:`builder.pedagogy.rules.claim_similarity`. An item a teacher called a
repeat of another (pattern 'duplicate' or a comment saying so) is a duplicate;
its score is its highest similarity. Every other item is scored against the
items that are not duplicates. Prints, for each threshold, the share of
duplicates at or above it and the share of the others.

    .venv/bin/python benchmarks/reviews/claims.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from builder.pedagogy.rules import claim_similarity  # noqa: E402

REPEAT = re.compile(r"duplicat|same (?:claim|point|thesis|idea|target|sentence)|near-repeat|"
                    r"repeats|restates", re.I)
FRAME = re.compile(r".*?(?:argues that|view that|claim that|states that|says that|"
                   r"writes: |reports it, that|holds that|believed that) ", re.I)
TAIL = re.compile(r"(?:\.? What in the reading.*|, given the examples.*|\?.*|\.$)", re.S)


def claim(text: str) -> str:
    return TAIL.sub("", FRAME.sub("", text, count=1)).strip(' "“”…')


def main() -> None:
    rows = [json.loads(line) for line in open(Path(__file__).with_name("labels.jsonl"))]
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        if row["language"] == "en" and row["category"] in ("O", "D") and FRAME.match(row["text"]):
            groups[(row["round"], row["essay"])].append(row)
    for scope in ("any", "same module", "earlier module"):
        table(groups, scope)


def table(groups: dict[tuple[str, str], list[dict]], scope: str) -> None:
    dup: list[float] = []
    other: list[float] = []
    for items in groups.values():
        repeats = {r["id"] for r in items
                   if r["pattern"] == "duplicate" or REPEAT.search(r["comment"])}
        for row in items:
            rest = [r for r in items if r["id"] != row["id"] and r["category"] == row["category"]
                    and (row["id"] in repeats or r["id"] not in repeats)
                    and (scope == "any" or (r["module"] == row["module"]) == (
                        scope == "same module") and r["module"] <= row["module"])]
            if not rest:
                continue
            score = max(claim_similarity(claim(row["text"]), claim(r["text"])) for r in rest)
            (dup if row["id"] in repeats else other).append(score)
    print(f"\n{scope}: duplicates {len(dup)}, others {len(other)}")
    print("threshold  duplicates>=  others>=")
    for t in (0.5, 0.52, 0.55, 0.58, 0.6, 0.62, 0.65, 0.7):
        print(f"{t:.2f}  {sum(s >= t for s in dup) / max(len(dup), 1):.0%} "
              f"({sum(s >= t for s in dup)})  {sum(s >= t for s in other) / len(other):.0%} "
              f"({sum(s >= t for s in other)})")

if __name__ == "__main__":
    main()
