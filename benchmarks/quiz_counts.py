"""Count the knowledge-check items in a dump of benchmarks/reviews/dump.py: items per
kind per essay, lesson modules with fewer than two items, and the share of true/false
keys that are True (40-60% wanted per course).

    .venv/bin/python benchmarks/quiz_counts.py DUMP_DIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

KINDS = ("MC", "TF", "FB")


def row(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    modules = re.findall(r"^## (\S+): .*\n\((\w+);", text, re.M)
    lessons = [m for m, kind in modules if kind == "lesson"]
    counts = {k: len(re.findall(rf"^- \*\*\S+-{k}\d+\*\*", text, re.M)) for k in KINDS}
    keys = re.findall(r"\(true_false\)[^\n]*\n((?:  - [^\n]*\n)*)", text)
    trues = sum(1 for k in keys if re.search(r"True\s+<- key", k))
    per = [
        len(re.findall(rf"^- \*\*{re.escape(m)}-(?:MC|TF|FB)\d+\*\*", text, re.M))
        for m in lessons
    ]
    short = sum(1 for n in per if n < 2)
    full = sum(1 for n in per if n == 4)
    share = f"{100 * trues / counts['TF']:.0f}%" if counts["TF"] else "-"
    cells = [path.name[:2], len(lessons), *counts.values(), sum(counts.values()), short, full,
             share]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main(folder: Path) -> None:
    print("| essay | lesson modules | MC | TF | FB | items | lessons under 2 | lessons at 4 "
          "| TF True |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows = [row(path) for path in sorted(folder.glob("*-items.md"))]
    for line in rows:
        print(line)
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in rows]
    total = [sum(int(c[i]) for c in cells) for i in range(1, 8)]
    print(f"| all | {' | '.join(map(str, total))} | - |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
