"""Build time of the example course and of every corpus essay.

    .venv/bin/python benchmarks/build.py [--jobs N] [--repeat N] [--format html,pdf]

Prints, per course: modules, PDF pages, wall time, time per stage, pages per
second and the share of the time spent inside WeasyPrint. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from builder.pipeline import FORMATS, build, parse_formats

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def courses(tmp: Path) -> list[tuple[str, Path]]:
    found = [("example", REPO / "course")]
    for essay in sorted(CORPUS.glob("0[1-9]*.md")):
        folder = tmp / essay.stem
        folder.mkdir()
        (folder / "essay.md").write_text(essay.read_text(encoding="utf-8"), encoding="utf-8")
        if "arabic" in essay.stem:
            (folder / "course.toml").write_text('language = "ar"\n', encoding="utf-8")
        found.append((essay.stem, folder))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--format", default=",".join(FORMATS))
    args = parser.parse_args()
    formats = parse_formats(args.format)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    header = f"{'course':38} {'mods':>4} {'pages':>5} {'wall s':>7} {'pdf s':>6} {'wp %':>5} "
    print(header + f"{'pages/s':>7}  stages")
    totals = {"wall": 0.0, "wp": 0.0, "pages": 0}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, folder in courses(tmp):
            walls = []
            for run in range(args.repeat):
                started = time.perf_counter()
                result = build(folder, tmp / f"out-{name}-{run}", formats, args.jobs)
                walls.append(time.perf_counter() - started)
            wall = statistics.median(walls)
            wp = result.stage_seconds.get("weasyprint", 0.0)
            stages = " ".join(f"{k}={v:.2f}" for k, v in result.stage_seconds.items())
            rate = result.pdf_pages / wall if wall else 0.0
            share = 100 * wp / wall if wall else 0.0
            print(f"{name:38} {len(result.course.modules):4} {result.pdf_pages:5} {wall:7.2f} "
                  f"{wp:6.2f} {share:5.0f} {rate:7.1f}  {stages}")
            totals["wall"] += wall
            totals["wp"] += wp
            totals["pages"] += result.pdf_pages
    wall = totals["wall"]
    print(f"{'total':38} {'':4} {totals['pages']:5} {wall:7.2f} {totals['wp']:6.2f} "
          f"{100 * totals['wp'] / wall:5.0f} {totals['pages'] / wall:7.1f}")


if __name__ == "__main__":
    main()
