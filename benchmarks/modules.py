"""Modules of every corpus essay: how many, and how long they take to read.

    .venv/bin/python benchmarks/modules.py [--modules] [--markdown]

Reads and plans each essay of ``../shared/corpus`` (no generation) and prints
per essay: modules, min/median/max reading minutes of the lesson modules
(words / 200, one decimal), back-matter modules, modules under 3 or over 25
minutes, and the authored objectives/questions/summaries the lesson's own
structure gave. ``--modules`` also lists every module. Not run by the tests.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import statistics
import tempfile
from pathlib import Path

from builder import plan, read, review
from builder.model import Course

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
LANGUAGES = {"arabic": "ar", "audacity": "es", "concevoir": "fr"}
BACK_MATTER = re.compile(
    r"^\W*(notes?|credits?|references?|bibliograph\w*|acknowledg\w*|further reading|"
    r"more resources.*|resources|licen[cs]e|sources?|notas|références|"
    r"bibliograf\w*|remerciements|المراجع|مراجع)\W*$",
    re.IGNORECASE,
)


def courses(tmp: Path) -> list[tuple[str, Path]]:
    found = []
    for essay in sorted(CORPUS.glob("[0-9][0-9]-*.md")):
        folder = tmp / essay.stem
        folder.mkdir()
        (folder / "essay.md").write_text(essay.read_text(encoding="utf-8"), encoding="utf-8")
        language = next((v for k, v in LANGUAGES.items() if k in essay.stem), "")
        if language:
            (folder / "course.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
        found.append((essay.stem, folder))
    return found


def row(name: str, course: Course) -> str:
    lessons = [m for m in course.modules]
    minutes = [m.words / 200 for m in lessons] or [0.0]
    back = sum(bool(BACK_MATTER.match(m.title)) for m in course.modules)
    outside = sum(not 3 <= m.words / 200 <= 25 for m in lessons)
    authored = [
        sum(o.origin == "authored" for m in course.modules for o in m.objectives),
        sum(q.origin == "authored" for m in course.modules for q in m.discussion),
        sum(bool(m.summary) for m in course.modules),
    ]
    return (f"| {name} | {len(course.modules)} | {min(minutes):.1f} | "
            f"{statistics.median(minutes):.1f} | {max(minutes):.1f} | {outside} | {back} | "
            f"{authored[0]}/{authored[1]}/{authored[2]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", action="store_true", help="list every module")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    logging.basicConfig(level=logging.ERROR)
    print("| essay | modules | min | median | max | <3 or >25 min | back matter | "
          "authored obj/questions/summaries |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    listing: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        for name, folder in courses(Path(tmp_name)):
            try:
                course = review.apply(plan.plan_course(read.read_course(folder, name)), None)
            except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
                print(f"| {name} | fails: {str(exc).splitlines()[0][:60]} | | | | | | |")
                continue
            print(row(name, course))
            listing.append(f"\n{name}")
            for m in course.modules:
                listing.append(f"  {m.id:44} {m.words:5} w {m.words / 200:5.1f} min  "
                               f"{len(m.sections):2} sections  {m.title[:60]}")
    if args.modules:
        print("\n".join(listing))


if __name__ == "__main__":
    main()
