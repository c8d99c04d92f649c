"""Benchmark of the pedagogy stage over every essay of the shared corpus.

    .venv/bin/python benchmarks/pedagogy.py [CORPUS_DIR] [--show]

Prints per essay: modules, words, generated items, flaw-check pass rate, Bloom
distribution of objectives and questions, and ms per 1,000 words (median of
three warm runs; the one-time import of the lexicon is timed apart).
``--show`` also prints every generated item, to read them as a teacher would.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from builder.model import BLOOM_LEVELS, Course
from builder.pedagogy import enrich
from builder.pedagogy.essay import essay_course
from builder.pedagogy.flaws import check_item, check_objective, check_question, unassessed

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SHORT = {"remember": "rem", "understand": "und", "apply": "app", "analyze": "ana",
         "evaluate": "eva", "create": "cre"}


def language_of(path: Path) -> str:
    return "ar" if "arabic" in path.name else "en"


def timed(course: Course) -> tuple[Course, float]:
    runs = []
    result = course
    for _ in range(3):
        start = time.perf_counter()
        result = enrich(course)
        runs.append(time.perf_counter() - start)
    return result, statistics.median(runs)


def counts(course: Course) -> dict[str, int]:
    out: Counter[str] = Counter()
    for m in course.modules:
        out["objectives"] += len(m.objectives)
        out["questions"] += len(m.discussion)
        out["quiz"] += len(m.quiz)
        out["terms"] += len(m.terms)
        out["notes"] += len(m.notes)
        out["passed"] += sum(not check_objective(o) for o in m.objectives)
        out["passed"] += sum(not check_question(q) for q in m.discussion)
        out["passed"] += sum(not check_item(i) for i in m.quiz)
        out["unassessed"] += len(unassessed(m.objectives, m.discussion, m.quiz))
        for item in m.quiz:
            out[item.kind] += 1
    return dict(out)


def bloom(course: Course) -> str:
    levels = Counter(o.bloom for m in course.modules for o in m.objectives)
    levels.update(q.bloom for m in course.modules for q in m.discussion)
    return " ".join(f"{SHORT[b]}:{levels[b]}" for b in BLOOM_LEVELS if levels[b])


def show(course: Course) -> None:
    for m in course.modules:
        print(f"\n  == {m.id} ({m.kind}, {m.words} words)\n  summary: {m.summary}")
        for n, o in enumerate(m.objectives):
            print(f"  O{n} [{o.bloom}] {o.text}")
        for q in m.discussion:
            print(f"  Q [{q.bloom}] {q.text} -> {q.objectives}\n      note: {q.note}")
        for i in m.quiz:
            print(f"  I [{i.kind}] {i.stem} -> {i.objectives}")
            if i.choices:
                marked = [("*" if k == i.answer else "") + c for k, c in enumerate(i.choices)]
                print("      " + " | ".join(marked))
            else:
                print(f"      answer: {i.answer}")
        for t in m.terms:
            print(f"  T {t.term}: {t.definition}")
        for note in m.notes:
            print(f"  NOTE {note}")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    essays = sorted(corpus.glob("0*.md"))
    if not essays:
        print(f"no essays in {corpus}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    enrich(essay_course(essays[0], language=language_of(essays[0])))
    print(f"first call (imports, lexicon): {1000 * (time.perf_counter() - start):.0f} ms\n")
    header = (f"{'essay':38} {'mod':>3} {'words':>5} {'obj':>3} {'que':>3} {'quiz':>4} "
              f"{'mc/tf/fb':>8} {'terms':>5} {'pass':>6} {'unass':>5} {'ms/1kw':>6}  bloom")
    print(header)
    total: Counter[str] = Counter()
    total_words, total_time = 0, 0.0
    shown: list[Course] = []
    for essay in essays:
        course = essay_course(essay, language=language_of(essay))
        result, seconds = timed(course)
        c = counts(result)
        items = c.get("objectives", 0) + c.get("questions", 0) + c.get("quiz", 0)
        rate = f"{100 * c.get('passed', 0) / items:.0f}%" if items else "-"
        kinds = f"{c.get('multiple_choice', 0)}/{c.get('true_false', 0)}/{c.get('fill_blank', 0)}"
        ms = 1000 * seconds / max(1, course.words) * 1000
        print(f"{essay.name[:38]:38} {len(course.modules):>3} {course.words:>5} "
              f"{c.get('objectives', 0):>3} {c.get('questions', 0):>3} {c.get('quiz', 0):>4} "
              f"{kinds:>8} {c.get('terms', 0):>5} {rate:>6} {c.get('unassessed', 0):>5} "
              f"{ms:>6.1f}  {bloom(result)}")
        total.update(c)
        total_words += course.words
        total_time += seconds
        shown.append(result)
    items = total["objectives"] + total["questions"] + total["quiz"]
    print(f"\ntotal: {total_words} words, {items} objectives/questions/items "
          f"({total['quiz']} quiz), {total['terms']} terms, flaw checks passed "
          f"{100 * total['passed'] / max(1, items):.0f}%, "
          f"{1000 * total_time / max(1, total_words) * 1000:.1f} ms per 1,000 words")
    if "--show" in argv:
        for result in shown:
            print(f"\n\n##### {result.readings[0]}")
            show(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
