"""``plan.yaml``: the instructor's review of the generated material.

``coursepack plan`` writes every module's id, title, source hash and items
into ``COURSE_DIR/plan.yaml``. Each generated item carries a ``generated``
fingerprint of its content; an item the instructor edits no longer matches
it and counts as authored, and so does an item they add. ``drop: true``
leaves an item out. ``build`` then uses a module's reviewed material as it
is, as long as the module's text has not changed; when it has, the authored
items are kept and the rest is generated afresh, with a warning.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import authored
from .authored import LINE, Material, Parser
from .errors import BuildError, raise_all, read_source
from .model import Course, Module

log = logging.getLogger("builder")

PLAN_FILE = "plan.yaml"
SCHEMA = "coursepack-plan/1"
HEADER = """\
# coursepack plan: the teaching material of each module, for you to review.
#
# Edit any item and it becomes yours: an item whose content no longer matches
# its `generated` fingerprint (or that has none) counts as authored, and no
# later build or `coursepack plan --update` changes it. Add items the same way.
# Write `drop: true` in an item to leave it out. Numbers in `assesses` are the
# objectives an item tests, counting from 1. Items from coursepack blocks in the
# Markdown are listed with `from:` and are edited there, not here.
#
# `coursepack build` uses this file while a module's `source_hash` matches its
# text; after you change the essay, run `coursepack plan --update`.
"""


@dataclass(frozen=True)
class PlannedModule:
    id: str
    title: str
    source_hash: str
    line: int
    material: Material
    stale: bool


@dataclass(frozen=True)
class PlanFile:
    path: str
    """As shown to the user, e.g. ``course/plan.yaml``."""
    modules: dict[str, PlannedModule]


def source_hash(module: Module) -> str:
    """Changes when the module's text or its authored blocks change."""
    blocks = [s.authored for s in module.sections]
    blob = module.text + json.dumps(blocks, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()[:16]


def load_plan(course_dir: Path, display_dir: str, language: str) -> PlanFile | None:
    """``plan.yaml`` of a course folder, or None when there is none."""
    path = course_dir / PLAN_FILE
    shown = f"{display_dir.rstrip('/')}/{PLAN_FILE}"
    if not path.is_file():
        return None
    data = authored.load_yaml(read_source(path.read_bytes(), shown), shown)
    if not isinstance(data, dict) or not isinstance(data.get("modules", []), list):
        raise BuildError("not a coursepack plan", f"{shown}:1",
                         "Delete it and run coursepack plan to write a new one")
    parser = Parser(shown, language)
    modules: dict[str, PlannedModule] = {}
    for entry in data.get("modules") or []:
        line = entry.get(LINE, 1) if isinstance(entry, dict) else 1
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            parser.fail(parser.where(entry, line), "a module needs its 'id'",
                        "Keep the id line that coursepack plan wrote")
            continue
        modules[entry["id"]] = PlannedModule(
            id=entry["id"],
            title=str(entry.get("title", "")),
            source_hash=str(entry.get("source_hash", "")),
            line=line,
            material=parser.material(_without_markdown_items(entry), line, trusted=True),
            stale=bool(entry.get("stale", False)),
        )
    raise_all(parser.errors)
    return PlanFile(shown, modules)


def _without_markdown_items(entry: dict[str, Any]) -> dict[str, Any]:
    """Items listed with ``from:`` live in the Markdown; the plan only shows them."""
    result = dict(entry)
    for kind in authored.KINDS:
        items = entry.get(kind)
        if isinstance(items, list):
            result[kind] = [i for i in items if not (isinstance(i, dict) and "from" in i)]
    return result


def markdown_material(module: Module, language: str) -> Material:
    """The items of the module's ``coursepack`` blocks (all authored)."""
    merged = Material()
    for section in module.sections:
        for block in section.authored:
            parser = Parser(section.location.path, language)
            found = parser.material(block, block.get(LINE, section.location.line))
            raise_all(parser.errors)
            merged.summary = merged.summary or found.summary
            for kind in authored.KINDS:
                getattr(merged, kind).extend(getattr(found, kind))
    return merged


def apply(course: Course, plan: PlanFile | None) -> Course:
    """Modules carry their authored items (Markdown blocks, then plan.yaml);
    a module the plan has reviewed and that has not changed carries its whole
    reviewed material and is marked ``reviewed``."""
    modules = []
    for module in course.modules:
        own = markdown_material(module, course.language)
        planned = plan.modules.get(module.id) if plan else None
        reviewed = planned is not None and planned.source_hash == source_hash(module)
        if planned is not None and not reviewed:
            log.warning(
                "%s:%d: module '%s' changed since plan.yaml was written; its authored items "
                "are kept and the rest is generated again. Run coursepack plan --update to "
                "review it", plan.path if plan else "", planned.line, module.id,
            )
        elif planned is not None and planned.stale:
            log.warning(
                "%s:%d: module '%s' is marked stale (its text changed): review its items, "
                "then delete the line 'stale: true'", plan.path if plan else "", planned.line,
                module.id,
            )
        elif plan is not None and planned is None:
            log.warning("%s: module '%s' is not in plan.yaml yet; run coursepack plan --update",
                        plan.path, module.id)
        extra = planned.material if planned else Material()
        modules.append(_with_material(module, own, extra, keep_generated=reviewed))
    if plan:
        for planned in plan.modules.values():
            if all(m.id != planned.id for m in course.modules):
                log.warning("%s:%d: module '%s' is no longer in the course; its items are not "
                            "used. Run coursepack plan --update", plan.path, planned.line,
                            planned.id)
    return dataclasses.replace(course, modules=tuple(modules))


def _with_material(module: Module, own: Material, planned: Material,
                   keep_generated: bool) -> Module:
    def pick(kind: str) -> tuple:
        items = getattr(own, kind) + [
            i for i in getattr(planned, kind)
            if keep_generated or getattr(i, "origin", "authored") == "authored"
        ]
        return tuple(items)

    terms = tuple(own.terms) + (tuple(planned.terms) if keep_generated else ())
    return dataclasses.replace(
        module,
        summary=own.summary or (planned.summary if keep_generated else ""),
        objectives=pick("objectives"),
        discussion=pick("discussion"),
        quiz=pick("quiz"),
        terms=terms,
        reviewed=keep_generated,
    )


def keep_reviewed(planned: Course, enriched: Course) -> Course:
    """Reviewed modules keep their material exactly as the plan has it."""
    by_id = {m.id: m for m in planned.modules if m.reviewed}
    modules = tuple(
        dataclasses.replace(by_id[m.id], notes=m.notes) if m.id in by_id else m
        for m in enriched.modules
    )
    return dataclasses.replace(enriched, modules=modules)


def plan_text(course: Course, previous: PlanFile | None) -> str:
    """The plan.yaml for ``course`` (already enriched): reviewed modules as
    they are, changed ones flagged ``stale``, new ones as fresh drafts."""
    modules: list[dict[str, Any]] = []
    for module in course.modules:
        before = previous.modules.get(module.id) if previous else None
        stale = before is not None and (before.stale or before.source_hash != source_hash(module))
        modules.append(_module_data(module, stale))
    if previous:
        current = {m.id for m in course.modules}
        for gone in previous.modules.values():
            if gone.id not in current:
                log.warning("%s:%d: module '%s' is no longer in the course and was removed "
                            "from the plan", previous.path, gone.line, gone.id)
    body = yaml.dump(
        {"schema": SCHEMA, "course": course.title, "modules": modules}, Dumper=_Dumper,
        sort_keys=False, allow_unicode=True, width=96, default_flow_style=False,
    )
    return HEADER + "\n" + body


class _Dumper(yaml.SafeDumper):
    """Short lists of numbers (``assesses``) on one line."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in data)
    flow = numbers and bool(data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def _module_data(module: Module, stale: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": module.id,
        "title": module.title,
        "source": f"{module.reading}:{module.location.line}",
        "source_hash": source_hash(module),
    }
    if stale:
        data["stale"] = True
    data["summary"] = module.summary
    data["objectives"] = [_item(authored.objective_data, o) for o in module.objectives]
    data["discussion"] = [_item(authored.question_data, q) for q in module.discussion]
    data["quiz"] = [_item(authored.quiz_data, q) for q in module.quiz]
    data["terms"] = [authored.term_data(t) for t in module.terms]
    return data


def _item(to_data: Any, item: Any) -> dict[str, Any]:
    data = to_data(item)
    location = getattr(item, "location", None)
    if item.origin == "authored" and location is not None and location.path.endswith(".md"):
        data["from"] = str(location)
    return data


def write_plan(course_dir: Path, display_dir: str, update: bool) -> str:
    """``coursepack plan``: write ``plan.yaml``; returns a one-line summary."""
    from .pipeline import load

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
    return (f"Wrote {shown}: {len(course.modules)} modules ({new} new, {changed} changed, "
            f"{len(course.modules) - new - changed} unchanged). Review it, then build.")
