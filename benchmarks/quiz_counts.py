"""Count the knowledge-check items in a dump of benchmarks/reviews/dump.py: items per
kind per essay, lesson modules with fewer than two items, and the share of true/false
keys that are True (40-60% wanted per course).

    .venv/bin/python benchmarks/quiz_counts.py DUMP_DIR
    .venv/bin/python benchmarks/quiz_counts.py BEFORE_DIR AFTER_DIR   # per lesson
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


def per_lesson(folder: Path) -> dict[str, int]:
    """Items per lesson module, by module id ('03-m02': 1)."""
    out: dict[str, int] = {}
    for path in sorted(folder.glob("*-items.md")):
        text = path.read_text(encoding="utf-8")
        for m, kind in re.findall(r"^## (\S+): .*\n\((\w+);", text, re.M):
            if kind == "lesson":
                out[m] = len(re.findall(rf"^- \*\*{re.escape(m)}-(?:MC|TF|FB)\d+\*\*", text,
                                        re.M))
    return out


def compare(before: Path, after: Path) -> None:
    """Per-lesson item counts, before and after, for the lessons that differ or
    have fewer than two items in either."""
    one, two = per_lesson(before), per_lesson(after)
    print("| lesson | items before | items after |")
    print("|---|---|---|")
    for m in sorted(set(one) | set(two)):
        a, b = one.get(m, 0), two.get(m, 0)
        if a != b or min(a, b) < 2:
            print(f"| {m} | {a} | {b} |")


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
    if len(sys.argv) == 3:  # BEFORE_DIR AFTER_DIR: per-lesson counts side by side
        compare(Path(sys.argv[1]), Path(sys.argv[2]))
    else:
        main(Path(sys.argv[1]))
