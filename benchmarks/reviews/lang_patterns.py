"""Count round-3 patterns in dump.py output for 05 (ar), 09 (es), 10 (fr).

    .venv/bin/python benchmarks/reviews/lang_patterns.py DUMP_DIR [DUMP_DIR ...]

we_summary / we_item: summaries / knowledge checks with a first-person word of the
language data ([words] first_person and we); label_key: a multiple choice whose blank is
an interface label in quotation marks; step_item: a knowledge check on a sentence with a
verb or noun of the procedure list; analyze_modules: modules with a stated objective at
analyze or above.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

CODES = {"05": "ar", "09": "es", "10": "fr"}
MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
ROOT = Path(__file__).resolve().parents[2]


def count(folder: Path) -> dict[str, int]:
    tot = dict.fromkeys(("we_summary", "we_item", "label_key", "step_item",
                         "analyze_modules", "modules", "quiz"), 0)
    for n, code in CODES.items():
        toml = ROOT / "templates" / "strings" / "language" / f"{code}.toml"
        data = tomllib.loads(toml.read_text(encoding="utf-8"))["words"]
        we = {MARKS.sub("", w) for w in [*data.get("we", ()), *data["first_person"]]}
        proc = {MARKS.sub("", w) for w in data["procedure"]}
        text = (folder / f"{n}-items.md").read_text(encoding="utf-8")
        for mod in text.split("\n## ")[1:]:
            tot["modules"] += 1
            if re.search(r"\*\*\S+-O\d\*\* \[(analyze|evaluate|create)\]", mod):
                tot["analyze_modules"] += 1
            for line in mod.splitlines():
                m = re.match(r"- \*\*\S+\*\* (summary:|\((\w+)\))(.*)", line)
                if not m:
                    continue
                words = [MARKS.sub("", w.lower()) for w in re.findall(r"\w+", m.group(3))]
                voiced = any(w in we for w in words)
                if m.group(1) == "summary:":
                    tot["we_summary"] += voiced
                    continue
                tot["quiz"] += 1
                tot["we_item"] += voiced
                tot["label_key"] += "“_____”" in m.group(3)
                tot["step_item"] += any(w in proc and len(w) > 3 for w in words) or bool(
                    words and words[0] in proc)
    return tot


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg, count(Path(arg)))
