"""Whole builds against course size, rebuilds and the peer baseline (issue 16).

    .venv/bin/python benchmarks/speed.py [--sizes 1 10 50] [--jobs-size 50] [--out DIR]

Synthetic courses of N modules from the English corpus essays (their
paragraphs, cut into modules of about 700 words, in order, cycled to N, each
under its own ``##`` heading). For each N, whole processes, each measured
alone (``os.wait4``: wall time, CPU time of the process and its workers, peak
resident memory of the largest of them):

- a full build (``coursepack build``, every format, the build cache emptied);
- a no-op rebuild (nothing changed) and a one-module edit (one word of the
  middle module changed), both with the cache the full build left;
- a clean build of the edited course into another folder, compared file by file
  with the cached one (they must be byte-identical);
- the peer baseline on the same text: pandoc (the one pypandoc-binary bundles)
  to one HTML page, then WeasyPrint to one PDF.

For ``--jobs-size`` it also builds with ``--jobs 1`` and ``--jobs 2`` (cache
emptied). Writes ``DIR/speed.json`` and ``DIR/speed.md`` (a table of ratios:
machines are noisy, ratios less so). Not run by the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
ENGLISH = ("00", "01", "02", "03", "04", "06", "07", "11")
MODULE_WORDS = 700
EPOCH = "1767225600"


def paragraphs() -> list[str]:
    """Prose paragraphs of the English corpus essays, in order."""
    found = []
    for essay in sorted(CORPUS.glob("[0-9][0-9]-*.md")):
        if essay.name[:2] not in ENGLISH:
            continue
        for block in re.split(r"\n\s*\n", essay.read_text(encoding="utf-8")):
            block = block.strip()
            if len(block.split()) >= 40 and not block.startswith(tuple("#>!|-<:")):
                found.append(block)
    return found


def course(folder: Path, modules: int) -> Path:
    pool = paragraphs()
    parts, at = [], 0
    for number in range(1, modules + 1):
        body, words = [], 0
        while words < MODULE_WORDS:
            text = pool[at % len(pool)]
            at += 1
            body.append(text)
            words += len(text.split())
        heading = " ".join(re.sub(r"[^\w\s]", "", body[0]).split()[:5])
        parts.append(f"## Part {number}: {heading}\n\n" + "\n\n".join(body))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "essay.md").write_text(f"# A course of {modules} modules\n\n" + "\n\n".join(parts)
                                     + "\n", encoding="utf-8")
    return folder


def run(command: list[str], cwd: Path | None = None) -> dict[str, float]:
    """One whole process: wall s, CPU s (it and its children), peak RSS MB."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status}):\n{errors[-2000:]}")
    return {"wall": round(wall, 2), "cpu": round(usage.ru_utime + usage.ru_stime, 2),
            "rss_mb": round(usage.ru_maxrss / 1024)}


def tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(folder: Path, out: Path, *extra: str) -> dict[str, float]:
    exe = str(Path(sys.executable).with_name("coursepack"))
    return run([exe, "build", str(folder), "--out", str(out), *extra])


def fresh(folder: Path) -> None:
    shutil.rmtree(folder / ".coursepack-cache", ignore_errors=True)


def peer(folder: Path, work: Path) -> dict[str, float]:
    """pandoc to one HTML page, then WeasyPrint to one PDF: two processes."""
    from builder import importer

    pandoc = importer.pandoc_binary("docx", "benchmark")
    html, pdf = work / "peer.html", work / "peer.pdf"
    one = run([str(pandoc), "--sandbox", "--standalone", "-f", "markdown", "-t", "html5",
               "--metadata", "title=Peer", "-o", str(html), str(folder / "essay.md")])
    two = run([sys.executable, "-m", "weasyprint", str(html), str(pdf)])
    return {"wall": round(one["wall"] + two["wall"], 2), "cpu": round(one["cpu"] + two["cpu"], 2),
            "rss_mb": max(one["rss_mb"], two["rss_mb"])}


def measure(modules: int, tmp: Path, jobs: bool) -> dict[str, object]:
    folder = course(tmp / f"c{modules}", modules)
    out = tmp / f"out{modules}"
    fresh(folder)
    row: dict[str, object] = {"modules": modules,
                              "kb": (folder / "essay.md").stat().st_size // 1024}
    row["full"] = build(folder, out)
    row["noop"] = build(folder, out)
    essay = folder / "essay.md"
    text = essay.read_text(encoding="utf-8")
    middle = text.index(f"## Part {modules // 2 + 1}:")
    cut = text.index(" the ", middle)
    essay.write_text(text[:cut] + " this " + text[cut + 5:], encoding="utf-8")
    row["edit"] = build(folder, out)
    clean_folder = tmp / f"clean{modules}"
    shutil.copytree(folder, clean_folder, ignore=shutil.ignore_patterns(".coursepack-cache"))
    build(clean_folder, tmp / f"cleanout{modules}")
    row["identical"] = tree_hash(out) == tree_hash(tmp / f"cleanout{modules}")
    row["peer"] = peer(folder, tmp)
    if jobs:
        for count in (1, 2):
            fresh(folder)
            row[f"jobs{count}"] = build(folder, tmp / f"jobs{count}-{modules}", "--jobs",
                                        str(count))
    return row


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def table(rows: list[dict]) -> str:
    lines = ["| modules | KB | full wall s | full CPU s | peak MB | CPU vs peer | no-op / full "
             "(wall, CPU) | edit / full (wall, CPU) | cached = clean | jobs 1 / jobs 2 (wall) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for r in rows:
        full, peer_cpu = r["full"], r["peer"]["cpu"]
        jobs = ratio(r["jobs1"]["wall"], r["jobs2"]["wall"]) if "jobs1" in r else "-"
        lines.append(
            f"| {r['modules']} | {r['kb']} | {full['wall']} | {full['cpu']} | {full['rss_mb']} "
            f"| {ratio(full['cpu'], peer_cpu)} "
            f"| {ratio(r['noop']['wall'], full['wall'])}, {ratio(r['noop']['cpu'], full['cpu'])} "
            f"| {ratio(r['edit']['wall'], full['wall'])}, {ratio(r['edit']['cpu'], full['cpu'])} "
            f"| {'yes' if r['identical'] else 'NO'} "
            f"| {jobs} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1, 10, 50])
    parser.add_argument("--jobs-size", type=int, default=50)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            rows.append(measure(size, Path(tmp), jobs=size == args.jobs_size))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speed.json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    (args.out / "speed.md").write_text(table(rows), encoding="utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()
