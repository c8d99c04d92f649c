"""Time and peak memory against input size, whole process (issue 15).

    .venv/bin/python benchmarks/linear.py essay 70 280 1000   # KB of essay
    .venv/bin/python benchmarks/linear.py table 1000 10000     # rows of one table
    .venv/bin/python benchmarks/linear.py essay 70 --keep /tmp/x --profile /tmp/x.prof
    .venv/bin/python benchmarks/linear.py essay 70 100 --format all   # every format

Each run is ``coursepack build --format html`` (or ``--format``) in a fresh process under
``/usr/bin/time`` (wall seconds, CPU seconds, peak RSS), with the build cache
off. The essay is the example essay followed by the English corpus essays
(front matter and first heading dropped), repeated with every heading
numbered ("Part N: ...") until it reaches the size; the table course is a short
introduction and one Markdown table of N rows of three cells (words from the
corpus, a number). Prints one Markdown row per size with the ratio to the
previous size's time, so a doubling of size that costs more than a doubling of
time shows. The corpus is read from ../shared/corpus; without it only the
example essay is repeated. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ESSAY = REPO / "course" / "peacekeeping.md"
CORPUS = REPO.parent / "shared" / "corpus"
ENGLISH = ("00", "01", "02", "03", "04", "06", "07", "08", "11", "12")
COURSE_TOML = 'title = "Scale"\nlanguage = "en"\n\n[pedagogy]\nbackend = "rules"\nseed = 1\n'


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5:] if end > 0 else text
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip() + "\n"


def source_text() -> str:
    parts = [_body(ESSAY)]
    if CORPUS.is_dir():
        parts += [_body(p) for p in sorted(CORPUS.glob("*.md")) if p.name[:2] in ENGLISH]
    return "\n".join(parts)


def essay(folder: Path, kb: int) -> Path:
    """An essay of about ``kb`` KB: the source text, its headings numbered per copy."""
    text, pieces, size, n = source_text(), ["# Scale\n"], 0, 0
    while size < kb * 1000:
        n += 1
        copy = re.sub(r"(?m)^(#{2,6}) ", rf"\1 Part {n}: ", text)
        if not copy.lstrip().startswith("## "):
            copy = f"## Part {n}\n\n" + copy
        pieces.append(copy)
        size += len(copy.encode("utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text(COURSE_TOML, encoding="utf-8")
    whole = "\n".join(pieces).encode("utf-8")[: kb * 1000]
    (folder / "essay.md").write_text(whole.decode("utf-8", "ignore"), encoding="utf-8")
    return folder


def table(folder: Path, rows: int) -> Path:
    """A short essay and one table of ``rows`` rows."""
    words = re.findall(r"[A-Za-z]{4,}", _body(ESSAY))
    lines = ["# Table", "", "## Data", "",
             "The table below lists regions, missions and the number of troops sent.", "",
             "| Region | Mission | Troops |", "|---|---|---:|"]
    for i in range(rows):
        a, b = words[i % len(words)], words[(i * 7 + 3) % len(words)]
        lines.append(f"| {a} {i} | {b} | {i * 37 % 1000} |")
    lines += ["", "The numbers vary widely between regions and between missions.", ""]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text(COURSE_TOML, encoding="utf-8")
    (folder / "essay.md").write_text("\n".join(lines), encoding="utf-8")
    return folder


def run(folder: Path, profile: Path | None, repo: Path, formats: str = "html",
        ) -> tuple[float, float, int, int, str]:
    """(wall s, CPU s, peak RSS MB, exit code, last stderr line) of one build
    (``formats``: its ``--format``; "all" for every format, the default build)."""
    out = folder.parent / (folder.name + "-out")
    stats = folder.parent / (folder.name + ".time")
    cmd = [sys.executable, "-m", "builder", "build", str(folder), "--out", str(out),
           "--format", formats, "-q"]
    if profile:
        cmd[1:1] = ["-m", "cProfile", "-o", str(profile)]
    env = dict(os.environ, COURSEPACK_CACHE="off")
    done = subprocess.run(["/usr/bin/time", "-o", str(stats), "-f", "%e %U %S %M", *cmd],
                          env=env, cwd=repo, capture_output=True, text=True, check=False)
    wall, user, system, rss = stats.read_text().split()[-4:]
    tail = (done.stderr.strip().splitlines() or [""])[-1]
    return float(wall), float(user) + float(system), int(rss) // 1024, done.returncode, tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("essay", "table"))
    parser.add_argument("sizes", nargs="+", type=int, help="KB of essay or rows of table")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--profile", type=Path, help="cProfile output of the (last) build")
    parser.add_argument("--format", default="html",
                        help="the builds' --format (default html; all: the default build)")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="run the builder package of this checkout (e.g. an older commit)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        print(f"| {args.kind} | bytes | wall s | CPU s | peak RSS MB | exit | CPU ratio |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        last = None
        for size in args.sizes:
            folder = (essay if args.kind == "essay" else table)(base / f"{args.kind}{size}", size)
            wall, cpu, rss, code, tail = run(folder, args.profile, args.repo.resolve(),
                                             args.format)
            ratio = f"{cpu / last:.2f}" if last else ""
            nbytes = (folder / "essay.md").stat().st_size
            print(f"| {size:,} | {nbytes:,} | {wall:.1f} | {cpu:.1f} | {rss:,} | {code} "
                  f"| {ratio} |", flush=True)
            if code != 0:
                print(f"  exit {code}: {tail}", flush=True)
            last = cpu


if __name__ == "__main__":
    main()
