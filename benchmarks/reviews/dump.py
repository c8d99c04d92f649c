"""Build corpus essays and write every generated item in a form a blind reviewer reads.

    .venv/bin/python benchmarks/reviews/dump.py OUT_DIR [ESSAY ...] [--corpus DIR]

Each essay of ``../shared/corpus`` (or the ones named, by number or file name)
is copied into a temporary course folder as ``essay.md`` (``course.toml`` sets
the language for the Spanish, French and Arabic essays) and built with the
real CLI (``coursepack build --format html``), so the items are exactly what
an instructor gets. A figure the essay names but the corpus lacks is replaced
by a 1-pixel PNG in the temporary folder; figures do not change the items.

For each essay, ``OUT_DIR/NN-items.md`` lists every module with its title,
source line and words, then its summary (S), objectives (O), discussion
questions with facilitation notes (D), quiz items (MC, TF, FB) with key and
feedback, key terms (T) and instructor notes (N). Every item has an id such
as ``03-m02-MC1``: the reviewer's verdicts (``NN-verdicts.tsv``) refer to it,
and ``table.py`` turns the verdicts into the tables.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
LANGUAGES = {"arabic": "ar", "editar": "es", "concevoir": "fr"}
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
KINDS = {"multiple_choice": "MC", "true_false": "TF", "fill_blank": "FB"}


def course_folder(essay: Path, into: Path) -> Path:
    root = into / essay.stem
    root.mkdir(parents=True)
    text = essay.read_text(encoding="utf-8")
    (root / "essay.md").write_text(text, encoding="utf-8")
    for lang_hint, tag in LANGUAGES.items():
        if lang_hint in essay.name:
            (root / "course.toml").write_text(f'language = "{tag}"\n', encoding="utf-8")
    for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)", text):
        path = root / target
        if "://" not in target and not path.exists() and path.resolve().is_relative_to(root):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(PIXEL)
    return root


def build(root: Path, out: Path) -> dict:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    exe = Path(sys.executable).with_name("coursepack")
    done = subprocess.run(
        [str(exe), "build", str(root), "--out", str(out), "--format", "html", "-q"],
        capture_output=True, text=True, env=env, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{root.name}: build failed ({done.returncode}):\n{done.stderr}")
    return json.loads((out / "course.json").read_text(encoding="utf-8"))


def numbers(indexes: list[int]) -> str:
    return ", ".join(str(n + 1) for n in indexes)


def quiz_lines(prefix: str, item: dict) -> list[str]:
    lines = [f"- **{prefix}** ({item['kind']}) {item['stem']}"]
    if item["kind"] == "fill_blank":
        # only the other answers there are: never "also accepted: nothing else" (round9
        # 04-m01-FB2, read as if students saw it); an item with none says only its key
        accepted = ", ".join(a for a in item.get("accept") or [] if a.strip())
        lines.append(f"  - answer: {item['answer']}"
                     + (f" (also accepted: {accepted})" if accepted else ""))
    else:
        for n, choice in enumerate(item["choices"]):
            mark = "  <- key" if n == item["answer"] else ""
            lines.append(f"  - {'ABCDEFGH'[n]}. {choice}{mark}")
    if item.get("feedback"):
        lines.append(f"  - feedback: {item['feedback']}")
    if item.get("objectives"):
        lines.append(f"  - assesses objectives: {numbers(item['objectives'])}")
    return lines


def module_lines(key: str, module: dict) -> list[str]:
    src = module.get("source", {})
    out = [f"## {key}: {module['title']}",
           f"({module.get('kind', 'lesson')}; essay line {src.get('line', '?')}; "
           f"{module.get('words', '?')} words)", ""]
    out.append(f"- **{key}-S** summary: {module.get('summary') or '(none)'}")
    for n, o in enumerate(module.get("objectives", []), 1):
        out.append(f"- **{key}-O{n}** [{o.get('bloom', '')}] {o['text']}")
    for n, q in enumerate(module.get("discussion", []), 1):
        out.append(f"- **{key}-D{n}** [{q.get('bloom', '')}] {q['text']}")
        if q.get("note"):
            out.append(f"  - facilitation note: {q['note']}")
        if q.get("objectives"):
            out.append(f"  - assesses objectives: {numbers(q['objectives'])}")
    counts: dict[str, int] = {}
    for item in module.get("quiz", []):
        kind = KINDS.get(item["kind"], "Q")
        counts[kind] = counts.get(kind, 0) + 1
        out += quiz_lines(f"{key}-{kind}{counts[kind]}", item)
    for n, t in enumerate(module.get("terms", []), 1):
        out.append(f"- **{key}-T{n}** term: {t['term']} = {t['definition']}")
    for n, note in enumerate(module.get("notes", []), 1):
        out.append(f"- **{key}-N{n}** instructor note: {note}")
    return out + [""]


def dump(essay: Path, out_dir: Path) -> int:
    number = essay.name[:2]
    with tempfile.TemporaryDirectory() as tmp:
        course = build(course_folder(essay, Path(tmp)), Path(tmp) / "out")
    lines = [f"# Items generated for {essay.name}", "",
             f"Course title: {course['title']}; language {course.get('language', 'en')}; "
             f"{len(course['modules'])} modules.", ""]
    for n, module in enumerate(course["modules"], 1):
        lines += module_lines(f"{number}-m{n:02d}", module)
    (out_dir / f"{number}-items.md").write_text("\n".join(lines), encoding="utf-8")
    return sum(1 for line in lines if line.startswith("- **"))


def main(argv: list[str]) -> int:
    corpus = CORPUS
    if "--corpus" in argv:
        at = argv.index("--corpus")
        corpus = Path(argv[at + 1])
        del argv[at:at + 2]
    if not argv:
        print(__doc__)
        return 2
    out_dir = Path(argv[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = argv[1:]
    essays = [e for e in sorted(corpus.glob("[0-9][0-9]-*.md"))
              if not wanted or any(e.name.startswith(w) or e.name == w for w in wanted)]
    for essay in essays:
        print(f"{essay.name}: {dump(essay, out_dir)} items")
    shutil.rmtree(out_dir / "__pycache__", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
