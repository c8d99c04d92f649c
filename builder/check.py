"""``coursepack check``: validate the sources and, with ``--out``, the built
outputs. Returns problems as data; the CLI prints them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import export, pipeline
from .model import Course
from .pedagogy.flaws import course_flaws

PDF_DOCUMENTS = ("pdf/course-pack.pdf", "pdf/instructor-guide.pdf")


@dataclass
class Report:
    """What ``check`` found. ``problems`` break an output; ``flaws`` are
    item-writing flaws in the teaching material (warnings unless --strict)."""

    modules: int = 0
    problems: list[str] = field(default_factory=list)
    flaws: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)


def check(
    course_dir: Path, display_dir: str, out: Path | None, schemas: Path | None = None
) -> Report:
    """Check the course in ``course_dir``; bad sources raise BuildError."""
    course = pipeline.load(course_dir, display_dir)
    report = Report(modules=len(course.modules))
    report.checked.append(f"sources of {display_dir}")
    report.flaws.extend(_flaws(course))
    if out is not None:
        report.checked.append(f"outputs in {out}")
        report.problems.extend(check_outputs(out, export.course_data(course, _built(out))))
        report.problems.extend(_packages(out, schemas, report))
    return report


def _flaws(course: Course) -> list[str]:
    return [str(flaw) for flaw in course_flaws(course)]


def _built(out: Path) -> frozenset[str]:
    """The formats an earlier build wrote, judged by its folders."""
    formats = set()
    if (out / "site").is_dir():
        formats.add("html")
    if (out / "pdf").is_dir():
        formats.add("pdf")
    return frozenset(formats)


def check_outputs(out: Path, expected: dict) -> list[str]:
    """Problems of the html/pdf outputs and course.json in ``out``."""
    data_path = out / "course.json"
    if not data_path.is_file():
        return [f"{out}: no course.json: this is not a coursepack build. Run coursepack build"]
    try:
        data = json.loads(data_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{data_path}: not valid JSON ({exc}). Rebuild the course"]
    problems: list[str] = []
    if data.get("schema") != export.SCHEMA:
        problems.append(f"{data_path}: schema is {data.get('schema')!r}, not '{export.SCHEMA}'")
    if data != expected:
        problems.append(
            f"{data_path}: the build is older than the sources (course.json differs). "
            "Run coursepack build again"
        )
    wanted = [p for m in data.get("modules", []) for p in m.get("outputs", {}).values()]
    if (out / "site").is_dir():
        wanted.append("site/index.html")
    if (out / "pdf").is_dir():
        wanted.extend(PDF_DOCUMENTS)
    for rel in wanted:
        problems.extend(_file_problems(out, rel))
    return problems


def _file_problems(out: Path, rel: str) -> list[str]:
    path = out / rel
    if not path.is_file():
        return [f"{rel}: missing. Run coursepack build again"]
    if rel.endswith(".pdf"):
        blob = path.read_bytes()
        if not blob.startswith(b"%PDF-") or b"%%EOF" not in blob[-1024:]:
            return [f"{rel}: not a complete PDF. Run coursepack build again"]
    return []


def _packages(out: Path, schemas: Path | None, report: Report) -> list[str]:
    """Problems of the LMS packages; a warning says why they were not checked
    against their schemas when they were asked for, and the report when not."""
    from .package.checks import check_packages
    from .package.schemas import find_schemas

    folder, why = find_schemas(schemas)
    if folder is None and (out / "lms").is_dir():
        report.checked.append(f"LMS packages without their schemas ({why})")
    return check_packages(out, schemas)
