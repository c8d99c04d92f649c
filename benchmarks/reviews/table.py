"""Count blind-review verdicts per essay and category.

    .venv/bin/python benchmarks/reviews/table.py REVIEW_DIR

Reads every ``NN-verdicts.tsv`` in REVIEW_DIR (see METHOD.md) and writes
``REVIEW_DIR/table.md``: per essay and category the number of items and the
share usable as is / usable or editable, the totals over the English essays,
and the reject patterns with their counts. Prints the table too.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

CATEGORIES = {"O": "objectives", "D": "discussion", "MC": "multiple choice",
              "TF": "true/false", "FB": "fill-in", "T": "terms", "S": "summaries",
              "N": "notes"}
ORDER = ["O", "D", "MC", "TF", "FB", "T", "S"]
NOT_ENGLISH = {"05", "09", "10"}
VERDICTS = ("usable", "edit", "reject")


def category(item_id: str) -> str:
    last = item_id.rsplit("-", 1)[-1]
    return last.rstrip("0123456789")


def read(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[1].strip() not in VERDICTS:
            raise SystemExit(f"{path}:{n}: expected 'id<TAB>usable|edit|reject<TAB>...'")
        pattern = parts[2].strip() if len(parts) > 2 else "-"
        rows.append((parts[0].strip(), parts[1].strip(), pattern))
    return rows


def share(c: Counter[str]) -> str:
    total = sum(c[v] for v in VERDICTS)
    if not total:
        return "-"
    usable, editable = c["usable"], c["usable"] + c["edit"]
    return f"{total}: {100 * usable / total:.0f}% / {100 * editable / total:.0f}%"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    folder = Path(argv[0])
    cells: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    patterns: Counter[str] = Counter()
    for path in sorted(folder.glob("*-verdicts.tsv")):
        essay = path.name[:2]
        for item_id, verdict, pattern in read(path):
            cells[essay][category(item_id)][verdict] += 1
            if verdict != "usable" and category(item_id) != "N":
                patterns[f"{verdict}: {pattern}"] += 1
    header = ["essay", *(CATEGORIES[c] for c in ORDER), "all items", "notes"]
    lines = ["Each cell: items: % usable as is / % usable or editable.", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    english: dict[str, Counter[str]] = defaultdict(Counter)
    for essay in sorted(cells):
        row = cells[essay]
        every = sum((row[c] for c in ORDER), Counter())
        lines.append("| " + " | ".join([essay, *(share(row[c]) for c in ORDER),
                                        share(every), share(row["N"])]) + " |")
        if essay not in NOT_ENGLISH:
            for c in [*ORDER, "N"]:
                english[c] += row[c]
    every = sum((english[c] for c in ORDER), Counter())
    lines.append("| **English** | " + " | ".join(
        [*(share(english[c]) for c in ORDER), f"**{share(every)}**", share(english["N"])]) + " |")
    lines += ["", "Reasons for edit and reject (all essays, notes left out):", ""]
    lines += [f"- {name}: {count}" for name, count in patterns.most_common()]
    text = "\n".join(lines) + "\n"
    (folder / "table.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
