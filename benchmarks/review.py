"""The review page of ``coursepack serve`` on every corpus essay: how long its
data takes, how large it is, and how often an item is shown beside the
sentence it came from.

    .venv/bin/python -m benchmarks.review [PREFIX ...]   (e.g. 05 09: only those essays)

Per essay: writes plan.yaml (``coursepack plan``), builds the site as serve
does, then times ``data.json`` (first call, with the flaws of ``coursepack
check``; and again, as the page polls) and one Keep written to plan.yaml.
"Sentence" is the share of items shown with a source sentence; "fill-in
right" the share of generated fill-in items whose shown sentence holds their
answer, and "quoted right" the share of generated items whose feedback quotes
a sentence ("The reading says: “...”") for which that sentence is the one
shown. Not run by the tests.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.modules import LANGUAGES
from builder.commands.plan import write_plan
from builder.reviewpage import Reviewer, page_data
from builder.serve import Preview

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
QUOTE = re.compile(r"“([^”]{20,})”")


def measure(essay: Path, tmp: Path) -> list[str]:
    folder = tmp / essay.stem
    folder.mkdir()
    shutil.copyfile(essay, folder / "essay.md")
    for key, code in LANGUAGES.items():
        if key in essay.stem:
            (folder / "course.toml").write_text(f'language = "{code}"\n', encoding="utf-8")
    write_plan(folder, essay.stem, update=False)
    preview = Preview(folder, essay.stem, frozenset({"html"}))
    try:
        started = time.perf_counter()
        assert preview.rebuild_if_changed()
        build = time.perf_counter() - started
        started = time.perf_counter()
        data = page_data(folder, essay.stem, preview.course, preview.built_version)
        first = time.perf_counter() - started
        started = time.perf_counter()
        page_data(folder, essay.stem, preview.course, preview.built_version)
        again = time.perf_counter() - started
        size = len(json.dumps(data, ensure_ascii=False).encode())
        items = [i for m in data["modules"] for kind in m["kinds"].values() for i in kind]
        with_sentence = sum(i["sentence"] is not None for i in items)
        fills = right = quoted = quoted_right = 0
        for module in data["modules"]:
            reading = [s["text"] for s in module["reading"]]
            for item in module["kinds"]["quiz"]:
                if item["origin"] != "generated":
                    continue
                shown = reading[item["sentence"]] if item["sentence"] is not None else ""
                if item["data"].get("kind") == "fill_blank":
                    fills += 1
                    right += str(item["data"]["answer"]).casefold() in shown.casefold()
                quote = QUOTE.search(str(item["data"].get("feedback", "")))
                if quote:
                    quoted += 1
                    quoted_right += quote.group(1).strip().rstrip(".") in shown
        module, kind, item = next((m, k, i) for m in data["modules"]
                                  for k, listed in m["kinds"].items() for i in listed
                                  if i["origin"] == "generated")
        reviewer = Reviewer(folder, essay.stem)
        started = time.perf_counter()
        reviewer.change({"action": "keep", "module": module["id"], "kind": kind,
                         "index": item["index"], "version": data["version"]},
                        preview.course.language if preview.course else "en")
        keep = time.perf_counter() - started
    finally:
        preview.close()

    def share(n: int, total: int) -> str:
        return f"{n}/{total} ({100 * n // total}%)" if total else "-"

    return [essay.stem, str(len(data["modules"])), str(len(items)), f"{build:.1f}",
            f"{first * 1000:.0f}", f"{again * 1000:.0f}", f"{size // 1024}",
            share(with_sentence, len(items)), share(right, fills), share(quoted_right, quoted),
            f"{keep * 1000:.0f}"]


def main() -> None:
    import sys

    logging.disable(logging.WARNING)
    heads = ["essay", "modules", "items", "build s", "data.json ms", "again ms", "KB",
             "sentence", "fill-in right", "quoted right", "keep ms"]
    print("| " + " | ".join(heads) + " |")
    print("|" + "---|" * len(heads))
    with tempfile.TemporaryDirectory() as tmp:
        for essay in sorted(CORPUS.glob("[0-9][0-9]-*.md")):
            if sys.argv[1:] and not essay.name.startswith(tuple(sys.argv[1:])):
                continue
            print("| " + " | ".join(measure(essay, Path(tmp))) + " |", flush=True)


if __name__ == "__main__":
    main()
