"""The long fuzz run: many course folders from the strategies of
tests/test_fuzz.py, each built in-process as ``coursepack build`` would
(html and the question banks; ``--full`` for every format), with the count of
outcomes and the outliers in time and memory.

    .venv/bin/python benchmarks/fuzz.py [--cases 10000] [--seed 1] [--full] [--out FILE]
                                        [--minutes M]

Exit 0: built; 2: bad input (BuildError); 1: anything else, i.e. a bug: each
is printed with its traceback's last line and the folder is kept for replay.
``--minutes`` stops building new cases after that much wall time (the rest of
the examples are drawn but not built) and reports what was built; ``--out``
is rewritten every 100 cases, so a run that is stopped still leaves its counts.
Time is CPU time of the case; memory is the growth of the process's peak RSS
during the case (so only new peaks show). Not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder import pipeline  # noqa: E402
from builder.errors import BuildError  # noqa: E402
from tests.test_fuzz import course_folders, write_course  # noqa: E402

TIME_OUTLIER = 10.0
MEMORY_OUTLIER = 1 << 30


def run_case(files: dict, base: Path, formats: frozenset[str]) -> tuple[int, float, int, str]:
    """(exit code, CPU seconds, peak RSS growth in bytes, first line of a bug)."""
    root = write_course(base / "course", files)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    started = time.process_time()
    code, bug = 0, ""
    try:
        pipeline.build(root, base / "out", formats, jobs=1, display_dir="course")
    except BuildError:
        code = 2
    except Exception as exc:  # a bug: what the issue counts as a traceback
        code, bug = 1, f"{type(exc).__name__}: {exc}"[:300]
        bug += " @ " + traceback.extract_tb(exc.__traceback__)[-1].filename
    seconds = time.process_time() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    return code, seconds, grown, bug


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--full", action="store_true", help="every format, PDFs included")
    parser.add_argument("--out", type=Path, default=None, help="write the counts as JSON")
    parser.add_argument("--minutes", type=float, default=0.0,
                        help="stop building new cases after this much wall time (0: no limit)")
    args = parser.parse_args()
    os.environ.setdefault("COURSEPACK_TAGGER", "off")
    os.environ.setdefault("COURSEPACK_SEMANTIC", "off")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    formats = frozenset(pipeline.FORMATS) if args.full else frozenset({"html", "qti"})
    work = Path(tempfile.mkdtemp(prefix="coursepack-fuzz-"))
    counts: Counter[int] = Counter()
    outliers: list[str] = []
    bugs: list[str] = []
    times: list[float] = []

    @seed(args.seed)
    @given(files=course_folders())
    @settings(max_examples=args.cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def one(files: dict) -> None:
        if args.minutes and time.monotonic() - started > args.minutes * 60:
            return
        n = sum(counts.values()) + 1
        base = work / f"case-{n}"
        base.mkdir()
        code, seconds, grown, bug = run_case(files, base, formats)
        counts[code] += 1
        times.append(seconds)
        if code == 1:
            bugs.append(f"case-{n}: {bug}")
            (base / "files.json").write_text(json.dumps(
                {k: v if isinstance(v, str) else v.hex() for k, v in files.items()}))
        else:
            shutil.rmtree(base, ignore_errors=True)
        if seconds > TIME_OUTLIER or grown > MEMORY_OUTLIER:
            outliers.append(f"case-{n}: {seconds:.1f} s CPU, +{grown >> 20} MB peak")
        if n % 500 == 0:
            print(f"{n} cases: {dict(counts)}", flush=True)
        if n % 100 == 0 and args.out:
            args.out.write_text(json.dumps(summary(), indent=2) + "\n")

    def summary() -> dict:
        ordered = sorted(times)
        return {
            "cases": sum(counts.values()), "exit_0": counts[0], "exit_2": counts[2],
            "exit_1": counts[1], "wall_seconds": round(time.monotonic() - started),
            "cpu_median_s": round(ordered[len(ordered) // 2], 3) if ordered else 0,
            "cpu_p99_s": round(ordered[int(len(ordered) * 0.99)], 3) if ordered else 0,
            "cpu_max_s": round(ordered[-1], 3) if ordered else 0,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10,
            "outliers": outliers, "bugs": bugs, "kept_in": str(work) if bugs else "",
        }

    started = time.monotonic()
    one()
    report = summary()
    print(json.dumps(report, indent=2))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n")
    if not bugs:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
