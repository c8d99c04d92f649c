"""Readings from Word: every corpus essay written to .docx by pandoc, then
read back by coursepack (builder/importer.py).

    .venv/bin/python benchmarks/importer.py

Prints, per essay: the .docx size, the time to read it (pandoc and the
Markdown reader; the Markdown alone for comparison), pandoc's peak memory,
and whether the planned modules (ids and titles) equal those of the
Markdown. Then the time to refuse a zip bomb. Needs the import extra; not
run by the tests (tests/test_importer.py checks the modules).
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

os.environ.setdefault("COURSEPACK_TAGGER", "off")
os.environ.setdefault("COURSEPACK_SEMANTIC", "off")

from builder import importer, plan  # noqa: E402
from builder.errors import BuildError  # noqa: E402
from builder.read import read_course  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
WRITE_AS = "markdown-smart-space_in_atx_header"


def timed(folder: Path) -> tuple[float, object]:
    started = time.perf_counter()
    source = read_course(folder, folder.name)
    return time.perf_counter() - started, plan.plan_course(source)


def main() -> int:
    if not CORPUS.is_dir():
        print(f"corpus not found: {CORPUS}")
        return 1
    pandoc = importer.pandoc_binary("docx", "benchmark")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for essay in sorted(CORPUS.glob("[0-9][0-9]-*.md")):
            text = re.sub(r"!\[[^\]]*\]\(https?://[^)]*\)", "", essay.read_text("utf-8"))
            md, word = Path(tmp, essay.stem, "md"), Path(tmp, essay.stem, "docx")
            md.mkdir(parents=True)
            word.mkdir()
            (md / "essay.md").write_text(text, "utf-8")
            styles = Path(tmp, essay.stem, "boxes.lua")
            styles.write_text(importer.BOXES_AS_STYLES, "utf-8")  # boxes as Word styles
            subprocess.run([str(pandoc), "--sandbox", "-f", WRITE_AS, "-t", "docx",
                            f"--lua-filter={styles}", "-o", str(word / "essay.docx"),
                            str(md / "essay.md")], check=True, capture_output=True)
            md_seconds, expected = timed(md)
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            docx_seconds, got = timed(word)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            same = ([(m.id, m.title) for m in got.modules]  # type: ignore[attr-defined]
                    == [(m.id, m.title) for m in expected.modules])  # type: ignore[attr-defined]
            divs = bool(re.search(r"^:::", text, re.M))
            rows.append((essay.stem, (word / "essay.docx").stat().st_size // 1024,
                         len(expected.modules), md_seconds, docx_seconds,  # type: ignore
                         max(peak, before) // 1024, same, divs))
        bomb = Path(tmp, "bomb", "essay.docx")
        bomb.parent.mkdir()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", b"<w:document>" + b" " * 1_000_000_000)
        started = time.perf_counter()
        try:
            read_course(bomb.parent, "bomb")
            refused = "read (!)"
        except BuildError as exc:
            refused = exc.problem
        bomb_seconds = time.perf_counter() - started
        bomb_kb = bomb.stat().st_size // 1024
    print("| essay | .docx KB | modules | read .md s | read .docx s | pandoc peak MB "
          "| same modules |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for stem, kb, modules, md_s, docx_s, peak, same, divs in rows:
        note = "yes" if same else ("no (fenced divs)" if divs else "NO")
        print(f"| {stem} | {kb} | {modules} | {md_s:.2f} | {docx_s:.2f} | {peak} | {note} |")
    print(f"\nzip bomb ({bomb_kb} KB unpacking to 1 GB): refused in {bomb_seconds:.2f} s: "
          f"{refused}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
