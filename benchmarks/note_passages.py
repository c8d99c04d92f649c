"""How often a facilitation note cites the passage a teacher wanted.

    .venv/bin/python benchmarks/note_passages.py [--show]

Reads the labelled set ``benchmarks/data/note-passages.tsv`` (from the round8 and round9
blind reviews: for each discussion question, the passages the teacher wanted and the
ones the teacher called wrong), builds each corpus essay's analysis as the rules
backend does, and runs :func:`builder.pedagogy.rules.passages.draw_on` on the question
and its claim sentence. Passage choice only: the question is the one the review read,
whatever today's generator would ask. Counts, over the rows:

- first: the first passage cited is a wanted one;
- any: some passage cited is a wanted one;
- wrong: some passage cited is one the teacher called wrong;
- none: no passage cited.

``--show`` prints each row's picks. Needs the sentence embeddings (the ``nlp`` extra)
and ``../shared/corpus``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from builder import plan, read  # noqa: E402
from builder.pedagogy.rules import RulesBackend  # noqa: E402
from builder.pedagogy.rules.passages import draw_on  # noqa: E402
from builder.pedagogy.semantic import get_embedder  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
DATA = REPO / "benchmarks" / "data" / "note-passages.tsv"


def rows() -> list[dict[str, str]]:
    lines = [x for x in DATA.read_text(encoding="utf-8").splitlines()
             if x.strip() and not x.startswith("#")]
    head = lines[0].split("\t")
    return [dict(zip(head, x.split("\t"), strict=True)) for x in lines[1:]]


def backend_for(number: str, cache: dict[str, RulesBackend], tmp: Path) -> RulesBackend:
    if number not in cache:
        essay = next(CORPUS.glob(f"{number}-*.md"))
        root = tmp / number
        root.mkdir(parents=True, exist_ok=True)
        (root / "essay.md").write_text(essay.read_text(encoding="utf-8"), encoding="utf-8")
        cache[number] = RulesBackend(plan.plan_course(read.read_course(root)))
    return cache[number]


def main(argv: list[str]) -> int:
    import tempfile

    if get_embedder() is None:
        print("no sentence embeddings (install the nlp extra)", file=sys.stderr)
        return 2
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    show = "--show" in argv
    cache: dict[str, RulesBackend] = {}
    tally = {"first": 0, "any": 0, "wrong": 0, "none": 0}
    kinds: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows():
            number, module_no = row["id"][:2], int(row["id"][4:6])
            backend = backend_for(number, cache, Path(tmp))
            module = backend.course.modules[module_no - 1]
            analysis = backend.index.analyses[module.id]
            found = [s for s in analysis.sents if row["claim"] in s.text]
            if row["claim"] != "-" and not found:
                print(f"{row['id']}: claim not found: {row['claim']}", file=sys.stderr)
                return 1
            picks = [analysis.sents[i].text for i in draw_on(
                row["question"], found[0] if found else None, analysis)]
            wanted = [w.strip() for w in row["wanted"].split("|")]
            wrong = [w.strip() for w in row["rejected"].split("|") if w.strip() != "-"]
            hits = [any(w in p for w in wanted) for p in picks]
            result = {"first": bool(hits[:1] and hits[0]), "any": any(hits),
                      "wrong": any(w in p for p in picks for w in wrong), "none": not picks}
            per = kinds.setdefault(row["kind"], {k: 0 for k in tally} | {"rows": 0})
            per["rows"] += 1
            for key, value in result.items():
                tally[key] += value
                per[key] += value
            if show:
                flags = " ".join(k for k, v in result.items() if v) or "-"
                print(f"{row['id']} [{row['kind']}] {flags}")
                for p in picks:
                    print(f"    “{p[:110]}”")
    total = len(rows())
    print("| rows | first passage wanted | some passage wanted | a wrong passage | no passage |")
    print("|---|---:|---:|---:|---:|")
    for kind, per in sorted(kinds.items()):
        print(f"| {kind} ({per['rows']}) | {per['first']} | {per['any']} | {per['wrong']} "
              f"| {per['none']} |")
    print(f"| all ({total}) | {tally['first']} | {tally['any']} | {tally['wrong']} "
          f"| {tally['none']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
