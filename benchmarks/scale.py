"""Cost against size: the example essay repeated N times (its sections
numbered so the headings differ), read, planned and generated as
``coursepack check`` does, with the models on.

    .venv/bin/python benchmarks/scale.py [N ...] [--table benchmarks/scale.md]

Prints one row per N: bytes, modules, CPU seconds of the whole load and
CPU milliseconds per module and per KB; linear cost shows as flat
per-module and per-KB columns. CPU time (not wall time) so a busy machine
does not distort the table. Not run by the tests.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from builder import pipeline
from builder.pedagogy.semantic import get_embedder
from builder.pedagogy.tagger import get_tagger

REPO = Path(__file__).resolve().parent.parent
ESSAY = REPO / "course" / "peacekeeping.md"


def repeated(folder: Path, times: int) -> Path:
    title, _, body = ESSAY.read_text(encoding="utf-8").partition("\n")
    copies = [body.replace("\n## ", f"\n## Part {n}: ") for n in range(1, times + 1)]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "essay.md").write_text("\n".join([title, *copies]), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("times", nargs="*", type=int, default=[5, 10, 20, 40, 80])
    parser.add_argument("--table", type=Path, default=None)
    args = parser.parse_args()
    get_tagger(), get_embedder()  # loaded once, outside the timings
    rows = ["| copies | KB | modules | CPU s | ms / module | ms / KB |",
            "|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        for times in args.times:
            folder = repeated(Path(tmp) / f"x{times}", times)
            size = (folder / "essay.md").stat().st_size
            started = time.process_time()
            course = pipeline.load(folder, f"x{times}")
            cpu = time.process_time() - started
            modules = len(course.modules)
            row = (f"| {times} | {size / 1000:,.0f} | {modules} | {cpu:.1f} | "
                   f"{cpu * 1000 / modules:.0f} | {cpu * 1000 / (size / 1000):.0f} |")
            print(row, flush=True)
            rows.append(row)
    if args.table:
        args.table.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
