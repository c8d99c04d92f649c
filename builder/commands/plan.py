"""``coursepack plan``: write ``plan.yaml`` with the generated material for
the instructor to review (the command; the file format is :mod:`builder.planfile`)."""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..pipeline import load
from ..plan import module_table
from ..planfile import PLAN_FILE, load_plan, plan_text


def write_plan(course_dir: Path, display_dir: str, update: bool) -> str:
    """``coursepack plan``: write ``plan.yaml``; returns the module table and a
    one-line summary."""
    shown = f"{display_dir.rstrip('/')}/{PLAN_FILE}"
    path = course_dir / PLAN_FILE
    if path.exists() and not update:
        raise BuildError(
            f"{shown} already exists", None,
            "Run coursepack plan --update to add new and changed modules and keep your edits, "
            "or delete the file to start over",
        )
    course = load(course_dir, display_dir)
    previous = load_plan(course_dir, display_dir, course.language)
    text = plan_text(course, previous)
    temp = path.with_name(f".{PLAN_FILE}.tmp")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)
    known = previous.modules if previous else {}
    new = sum(m.id not in known for m in course.modules)
    changed = sum(m.id in known and not m.reviewed for m in course.modules)
    return (f"{module_table(course)}\n\nWrote {shown}: {len(course.modules)} modules ({new} new, "
            f"{changed} changed, {len(course.modules) - new - changed} unchanged). Review it, "
            "then build.")
