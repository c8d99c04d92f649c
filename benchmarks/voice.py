"""Statements in the author's voice, standing alone: counts on the corpus (issues 11/12).

    .venv/bin/python benchmarks/voice.py statements OUT.json [--corpus DIR]
    .venv/bin/python benchmarks/voice.py compare BEFORE.json AFTER.json

``statements`` turns every sentence of the English corpus essays into a statement
(:func:`builder.pedagogy.rules.statements.standalone`, the step every objective,
question, quiz stem and summary sentence goes through) with whatever ``builder`` is
importable: run it once with the old tree first on PYTHONPATH, once with this one.
``compare`` prints, per essay, how many statements there are, how many say 'the
author' or 'readers' (a rewritten 'you'), how many say 'one' for a 'you', and how
many still lean on an earlier sentence by this tree's
:func:`~builder.pedagogy.rules.statements.leans_back`. The 'refused' column of the
after-file counts sentences refused only because they lean back.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
ENGLISH = ("00", "01", "02", "03", "04", "06", "07", "08", "11", "12")


def statements(out: Path, corpus: Path) -> None:
    from builder.pedagogy.rules import statements as module
    from builder.pedagogy.text import sentences

    found: dict[str, dict[str, object]] = {}
    for essay in sorted(corpus.glob("*.md")):
        if essay.name[:2] not in ENGLISH:
            continue
        made: list[str] = []
        refused = 0
        for sent in sentences(essay.read_text(encoding="utf-8")):
            statement = module.standalone(sent.text)
            if statement is not None:
                made.append(statement)
            elif hasattr(module, "leans_back"):
                real = module.leans_back
                module.leans_back = lambda _text: False  # type: ignore[attr-defined]
                try:
                    refused += module.standalone(sent.text) is not None
                finally:
                    module.leans_back = real  # type: ignore[attr-defined]
        found[essay.name[:2]] = {"statements": made, "refused": refused}
    out.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")


def _count(made: list[str], pattern: str) -> int:
    return sum(bool(re.search(pattern, s)) for s in made)


def compare(before_file: Path, after_file: Path) -> None:
    from builder.pedagogy.rules.statements import leans_back

    before = json.loads(before_file.read_text(encoding="utf-8"))
    after = json.loads(after_file.read_text(encoding="utf-8"))
    print("| essay | statements | 'the author' | 'readers' | 'one' (for 'you') "
          "| leaning back | refused for leaning back |")
    print("|---|---|---|---|---|---|---|")
    totals = [0] * 11
    for essay in sorted(after):
        b, a = before[essay]["statements"], after[essay]["statements"]
        row = [len(b), len(a), _count(b, r"\b[Tt]he author\b"), _count(a, r"\b[Tt]he author\b"),
               _count(b, r"\b[Rr]eaders\b"), _count(a, r"\b[Rr]eaders\b"),
               _count(b, r"\b[Oo]ne(?:'s)? (?!of\b)"), _count(a, r"\b[Oo]ne(?:'s)? (?!of\b)"),
               sum(map(leans_back, b)), sum(map(leans_back, a)), after[essay]["refused"]]
        totals = [t + r for t, r in zip(totals, row, strict=True)]
        print(_row(essay, row))
    print(_row("**all**", totals))


def _row(name: str, r: list[int]) -> str:
    return (f"| {name} | {r[0]} → {r[1]} | {r[2]} → {r[3]} | {r[4]} → {r[5]} | {r[6]} → {r[7]} "
            f"| {r[8]} → {r[9]} | {r[10]} |")


if __name__ == "__main__":
    args = sys.argv[1:]
    corpus = Path(args[args.index("--corpus") + 1]) if "--corpus" in args else CORPUS
    if args[:1] == ["statements"] and len(args) >= 2:
        statements(Path(args[1]), corpus)
    elif args[:1] == ["compare"] and len(args) == 3:
        compare(Path(args[1]), Path(args[2]))
    else:
        raise SystemExit(__doc__)
