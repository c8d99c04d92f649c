"""``plan.yaml``, the file format: the instructor's review of the generated
material, read into :class:`PlanFile` and written back by :func:`plan_text`.

``coursepack plan`` writes every module's id, title, source hash and items
into ``COURSE_DIR/plan.yaml``. Each generated item carries a ``generated``
fingerprint of its content; an item the instructor edits no longer matches
it and counts as authored, and so does an item they add. ``drop: true``
leaves an item out. ``build`` then uses a module's reviewed material as it
is, as long as the module's text has not changed; when it has, the authored
items are kept and the rest is generated afresh, with a warning. Dropped
items stay out of the fresh material as long as it generates them again
unchanged (same fingerprint or same text), and ``plan --update`` keeps the
dropped entries, at the end of their lists, so the drop lasts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import authored, overrides
from .authored import LINE, Parser
from .errors import BuildError, raise_all, read_inside
from .model import Course, Material, Module, SourceLocation, kept_objectives, renumbered

log = logging.getLogger("builder")

PLAN_FILE = "plan.yaml"
PLAN_KEYS = frozenset({"schema", "course", "modules"})
MODULE_KEYS = frozenset({"id", "title", "source", "source_hash", "stale", "merge",
                         "split_before"})
"""The keys of a module's entry besides its items and summary."""
SCHEMA = "coursepack-plan/1"
HEADER = """\
# coursepack plan: the teaching material of each module, for you to review.
#
# Edit any item and it becomes yours: an item whose content no longer matches
# its `generated` fingerprint (or that has none) counts as authored, and no
# later build or `coursepack plan --update` changes it. Add items the same way.
# Write `drop: true` in an item to leave it out; it stays out when the essay
# changes, unless its sentence changes too. Numbers in `assesses` are the
# objectives an item tests, counting from 1. A fill_blank item's `accept` lists
# the other answers that count as right (case, spaces, a leading article and a
# final full stop never matter). Items from coursepack blocks in the Markdown
# are listed with `from:` and are edited there, not here.
#
# `coursepack build` uses this file while a module's `source_hash` matches its
# text; after you change the essay, run `coursepack plan --update`.
#
# The modules themselves: change a module's `title:` to retitle it (its id
# stays), write `merge: next` to make it and the next module one, or
# `split_before: [A heading]` to start a new module at that section.
"""


@dataclass(frozen=True)
class PlannedModule:
    id: str
    title: str
    source_hash: str
    line: int
    material: Material
    stale: bool
    drops: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)
    """The entries marked ``drop: true``, per kind, as written (``assesses``
    renumbered past dropped objectives), for ``plan --update`` to keep."""

    @property
    def dropped(self) -> frozenset[str]:
        """Fingerprints and text keys of the dropped items (``Module.dropped``)."""
        return frozenset(
            key for kind, entries in self.drops.items() for e in entries
            for key in entry_keys(kind, e)
        )


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
    data = authored.load_yaml(read_inside(path, course_dir, shown), shown)
    if not isinstance(data, dict) or not isinstance(data.get("modules", []), list):
        raise BuildError("not a coursepack plan", f"{shown}:1",
                         "Delete it and run coursepack plan to write a new one")
    parser = Parser(shown, language)
    parser.check_keys(data, PLAN_KEYS, shown.rsplit("/", 1)[-1], SourceLocation(shown, 1))
    entries = data.get("modules") or []
    lines = getattr(entries, "lines", [])
    modules: dict[str, PlannedModule] = {}
    for number, entry in enumerate(entries):
        line = lines[number] if number < len(lines) else 1
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            parser.fail(parser.where(entry, line), "a module needs its 'id'",
                        "Keep the id line that coursepack plan wrote")
            continue
        line = entry.get(LINE, line)
        if not parser.is_text(entry, "title", parser.where(entry, line)):
            continue
        if entry["id"] in modules:
            parser.fail(parser.where(entry, line), f"module '{entry['id']}' is listed twice "
                        f"(first on line {modules[entry['id']].line})",
                        "Keep one entry per module: move the items you want into one of them")
            continue
        gone = _dropped_objectives(entry)
        material = parser.material(_without_markdown_items(entry), line, trusted=True,
                                   keys=MODULE_KEYS, what=f"module '{entry['id']}'",
                                   objectives=_count(entry.get("objectives")))
        modules[entry["id"]] = PlannedModule(
            id=entry["id"],
            title=str(entry.get("title") or ""),
            source_hash=str(entry.get("source_hash", "")),
            line=line,
            material=_renumbered(material, gone, _count(entry.get("objectives"))),
            stale=bool(entry.get("stale", False)),
            drops=_drops(entry, gone, shown),
        )
    raise_all(parser.errors)
    return PlanFile(shown, modules)


def _without_markdown_items(entry: dict[str, Any]) -> dict[str, Any]:
    """Items listed with ``from:`` live in the Markdown; the plan only shows
    them. The lines of the entry, its keys and its items stay known."""
    result = authored.Mapping(entry)
    result.lines = getattr(entry, "lines", {})
    for kind in authored.KINDS:
        items = entry.get(kind)
        if isinstance(items, list):
            lines = getattr(items, "lines", [None] * len(items))
            kept = [(i, n) for i, n in zip(items, lines, strict=False)
                    if not (isinstance(i, dict) and "from" in i)]
            result[kind] = authored.Lines(i for i, _ in kept)
            result[kind].lines = [n for _, n in kept if n is not None]
    return result


# --- dropped items ---

TEXT_KEYS = {"objectives": "text", "discussion": "text", "quiz": "stem", "terms": "term"}
"""The key holding each kind's text, for matching dropped items by text."""


def _is_drop(entry: Any) -> bool:
    return isinstance(entry, dict) and entry.get("drop") is True and "from" not in entry


def _count(items: Any) -> int:
    return len(items) if isinstance(items, list) else 0


def _dropped_objectives(entry: dict[str, Any]) -> frozenset[int]:
    """0-based positions of the dropped objectives in the module's list."""
    items = entry.get("objectives")
    if not isinstance(items, list):
        return frozenset()
    return frozenset(n for n, item in enumerate(items) if _is_drop(item))


def _renumbered(material: Material, gone: frozenset[int], count: int) -> Material:
    """``assesses`` counted over the plan's list of ``count`` objectives,
    dropped objectives included; the module's list leaves them out."""
    if not gone:
        return material
    pointed = [n + 1 for items in (material.discussion, material.quiz) for item in items
               for n in item.objectives]
    numbers = kept_objectives(max([count, *pointed]), gone)
    return dataclasses.replace(material, discussion=renumbered(material.discussion, numbers),
                               quiz=renumbered(material.quiz, numbers))


def _drops(entry: dict[str, Any], gone: frozenset[int], shown: str
           ) -> dict[str, tuple[dict[str, Any], ...]]:
    drops: dict[str, tuple[dict[str, Any], ...]] = {}
    for kind in authored.KINDS:
        items = entry.get(kind)
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict) and "from" in item and item.get("drop") is True:
                log.warning("%s:%s: this item comes from %s; delete it there to leave it out",
                            shown, item.get(LINE, "?"), item["from"])
        kept = tuple(_kept_drop(item, gone) for item in items if _is_drop(item))
        if kept:
            drops[kind] = kept
    return drops


def _kept_drop(item: dict[str, Any], gone: frozenset[int]) -> dict[str, Any]:
    """A dropped entry as plan.yaml writes it again: plain data, without line
    numbers, its ``assesses`` renumbered like the kept items'."""
    data = {k: _plain(v) for k, v in item.items() if k != LINE}
    numbers = data.get("assesses")
    if isinstance(numbers, list) and all(isinstance(n, int) for n in numbers):
        new = kept_objectives(max(numbers, default=0), gone)
        moved = [new[n - 1] + 1 for n in numbers if n - 1 in new]
        if moved:
            data["assesses"] = moved
        else:
            del data["assesses"]
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def text_key(kind: str, text: str) -> str:
    """``"quiz:where does a river drop its sand?"``: the same text up to case,
    spacing and Unicode form gives the same key."""
    return f"{kind}:" + " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def entry_keys(kind: str, data: dict[str, Any]) -> set[str]:
    keys = set()
    if isinstance(data.get("generated"), str):
        keys.add(data["generated"])
    text = data.get(TEXT_KEYS[kind])
    if text is not None and str(text).strip():
        keys.add(text_key(kind, str(text)))
    return keys


def plan_text(course: Course, previous: PlanFile | None) -> str:
    """The plan.yaml for ``course`` (already enriched): reviewed modules as
    they are, changed ones flagged ``stale``, new ones as fresh drafts."""
    modules: list[dict[str, Any]] = []
    _, grouping = overrides.load(course.root, str(course.root))
    for module in course.modules:
        before = previous.modules.get(module.id) if previous else None
        stale = before is not None and (before.stale or before.source_hash != source_hash(module))
        data = _module_data(module, stale, before.drops if before else {})
        keys = overrides.entry_keys(grouping.get(module.id))
        modules.append({**dict(list(data.items())[:2]), **keys, **dict(list(data.items())[2:])})
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


def _module_data(module: Module, stale: bool,
                 drops: dict[str, tuple[dict[str, Any], ...]]) -> dict[str, Any]:
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
    data["terms"] = [_item(authored.term_data, t) for t in module.terms]
    for kind in authored.KINDS:
        data[kind].extend(dict(e) for e in drops.get(kind, ()))
    return data


def _item(to_data: Any, item: Any) -> dict[str, Any]:
    data = to_data(item)
    location = getattr(item, "location", None)
    if item.origin == "authored" and location is not None and location.path.endswith(".md"):
        data["from"] = str(location)
    return data


