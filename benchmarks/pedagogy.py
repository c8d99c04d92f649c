"""Benchmark of the pedagogy stage over the example course and every essay of the corpus.

    .venv/bin/python benchmarks/pedagogy.py [CORPUS_DIR] [--show] [--course DIR]

Each essay is copied into a temporary course folder (``essay.md``, plus
``course.toml`` with ``language = "ar"`` for the Arabic one) and goes through
the real read and plan stages. Prints per essay: modules, words, generated
items, the share of items that pass every flaw check (``course_flaws`` on the
final output), the checks that failed with their pass rate, the Bloom
distribution of objectives and questions, and ms per 1,000 words for the
pedagogy stage alone (median of three runs after one warm-up).
``--show`` also prints every item, to read them as a teacher would.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from builder import plan, read
from builder.model import BLOOM_LEVELS, Course
from builder.pedagogy.flaws import course_flaws
from builder.pedagogy.semantic import get_embedder
from builder.pedagogy.stage import enrich
from builder.pedagogy.tagger import get_tagger

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
SHORT = {"remember": "rem", "understand": "und", "apply": "app", "analyze": "ana",
         "evaluate": "eva", "create": "cre"}


def course_folder(essay: Path, into: Path) -> Path:
    root = into / essay.stem / "course"
    root.mkdir(parents=True)
    shutil.copy(essay, root / "essay.md")
    if "arabic" in essay.name:
        (root / "course.toml").write_text('language = "ar"\n', encoding="utf-8")
    return root


def planned(root: Path) -> Course:
    return plan.plan_course(read.read_course(root, "course"))


def clear_caches() -> None:
    """Forget tagged sentences and embeddings (the models stay loaded), so each
    timed run does all the work a build does."""
    found = get_tagger()
    if found is not None:
        found.clear()
    embedder = get_embedder()
    if embedder is not None:
        embedder.clear()


def timed(course: Course) -> tuple[Course, float]:
    result = enrich(course)
    runs = []
    for _ in range(3):
        clear_caches()
        start = time.perf_counter()
        result = enrich(course)
        runs.append(time.perf_counter() - start)
    return result, statistics.median(runs)


def tally(course: Course) -> Counter[str]:
    out: Counter[str] = Counter()
    for m in course.modules:
        out["objectives"] += len(m.objectives)
        out["questions"] += len(m.discussion)
        out["quiz"] += len(m.quiz)
        out["terms"] += len(m.terms)
        out.update(item.kind for item in m.quiz)
    flaws = course_flaws(course)
    flagged = {(f.module_id, f.item) for f in flaws if f.item != "module"}
    out["items"] = out["objectives"] + out["questions"] + out["quiz"]
    out["flawed"] = len(flagged)
    for code, items in _by_code(flaws).items():
        out[f"flaw:{code}"] = len(items)
    out["module-flaws"] = sum(1 for f in flaws if f.item == "module")
    return out


def _by_code(flaws: list) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for f in flaws:
        found.setdefault(f.code, set()).add((f.module_id, f.item))
    return found


def bloom(course: Course) -> str:
    levels = Counter(o.bloom for m in course.modules for o in m.objectives)
    levels.update(q.bloom for m in course.modules for q in m.discussion)
    return " ".join(f"{SHORT[b]}:{levels[b]}" for b in BLOOM_LEVELS if levels[b])


def show(course: Course) -> None:
    flaws = course_flaws(course)
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
            print(f"      feedback: {i.feedback}")
        for t in m.terms:
            print(f"  T {t.term}: {t.definition}")
        for note in m.notes:
            print(f"  NOTE {note}")
        for flaw in flaws:
            if flaw.module_id == m.id:
                print(f"  FLAW {flaw}")


def row(name: str, course: Course, result: Course, seconds: float) -> Counter[str]:
    c = tally(result)
    rate = f"{100 * (c['items'] - c['flawed']) / c['items']:.0f}%" if c["items"] else "-"
    kinds = f"{c['multiple_choice']}/{c['true_false']}/{c['fill_blank']}"
    ms = 1000 * seconds / max(1, course.words) * 1000
    failed = ", ".join(
        f"{k[5:]} {100 - 100 * v / max(1, c['items']):.0f}%"
        for k, v in sorted(c.items()) if k.startswith("flaw:")
    )
    print(f"{name[:34]:34} {len(course.modules):>3} {course.words:>5} {c['objectives']:>3} "
          f"{c['questions']:>3} {c['quiz']:>4} {kinds:>8} {c['terms']:>5} {rate:>5} "
          f"{ms:>6.1f}  {bloom(result)}")
    if failed:
        print(f"{'':34}   checks below 100%: {failed}")
    c["words"] = course.words
    return c


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    essays = sorted(corpus.glob("0*.md"))
    start = time.perf_counter()
    tagger, embedder = get_tagger(), get_embedder()
    print(f"tagger: {tagger.name if tagger else 'none (word lists)'}; similarity model: "
          f"{'all-MiniLM-L6-v2 int8' if embedder else 'none'}; loading both took "
          f"{1000 * (time.perf_counter() - start):.0f} ms (once per build, not in ms/1kw)\n")
    print(f"{'essay':34} {'mod':>3} {'words':>5} {'obj':>3} {'que':>3} {'quiz':>4} "
          f"{'mc/tf/fb':>8} {'terms':>5} {'pass':>5} {'ms/1kw':>6}  bloom")
    total: Counter[str] = Counter()
    total_time = 0.0
    shown: list[tuple[str, Course]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folders = [("example course", REPO / "course")] + [
            (essay.name, course_folder(essay, Path(tmp))) for essay in essays
        ]
        for name, root in folders:
            course = planned(root)
            result, seconds = timed(course)
            total.update(row(name, course, result, seconds))
            total_time += seconds
            shown.append((name, result))
    items = total["items"]
    print(f"\ntotal: {total['words']} words, {items} objectives/questions/quiz items "
          f"({total['quiz']} quiz, {total['terms']} terms); items passing every check "
          f"{100 * (items - total['flawed']) / max(1, items):.1f}%; module-level flaws "
          f"{total['module-flaws']}; {1000 * total_time / max(1, total['words']) * 1000:.1f} "
          "ms per 1,000 words")
    for key, value in sorted(total.items()):
        if key.startswith("flaw:"):
            print(f"  {key[5:]:20} {value:>3} items  pass {100 - 100 * value / items:.1f}%")
    if "--show" in argv:
        for name, result in shown:
            print(f"\n\n##### {name}")
            show(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
