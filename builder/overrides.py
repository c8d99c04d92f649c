"""The instructor's say over the grouping, in ``plan.yaml``. In a module's
entry:

- ``title: ...`` retitles the module (its id stays);
- ``merge: next`` makes the module and the one after it one module;
- ``split_before: [Heading, ...]`` starts a new module at each of those
  section headings of the module.

Ids stay stable: a merged module keeps the first one's id, the parts of a
split module get ``<id>-2``, ``<id>-3`` ..., so the other modules' entries
in ``plan.yaml`` still match.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import authored
from .errors import read_inside
from .sizing import Candidate

log = logging.getLogger("builder")
PLAN_FILE = "plan.yaml"


@dataclass(frozen=True)
class Override:
    line: int
    title: str = ""
    merge: bool = False
    split_before: tuple[str, ...] = ()


def load(course_dir: Path, display_dir: str) -> tuple[str, dict[str, Override]]:
    """(plan.yaml as shown, the overrides by module id); none without a plan.
    Problems with the file itself are reported when the plan is loaded for
    its material (:func:`builder.review.load_plan`)."""
    path = course_dir / PLAN_FILE
    shown = f"{display_dir.rstrip('/')}/{PLAN_FILE}"
    if not path.is_file():
        return shown, {}
    try:
        data = authored.load_yaml(read_inside(path, course_dir, shown), shown)
    except Exception:  # noqa: BLE001 - load_plan reports it with its line
        return shown, {}
    entries = data.get("modules") if isinstance(data, dict) else None
    found: dict[str, Override] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            found[entry["id"]] = _override(entry, shown)
    return shown, found


def _override(entry: dict[str, Any], shown: str) -> Override:
    line = int(entry.get(authored.LINE, 1))
    merge = entry.get("merge")
    if merge not in (None, False, "next", True):
        log.warning(f"{shown}:{line}: 'merge: {merge}' is not understood; write 'merge: next' "
                    "to make this module and the next one a single module.")
    split = entry.get("split_before") or []
    split = [split] if isinstance(split, str) else split
    return Override(line, str(entry.get("title") or "").strip(), merge in ("next", True),
                    tuple(" ".join(str(s).split()) for s in split if str(s).strip()))


def apply(planned: list[tuple[str, Candidate]], overrides: dict[str, Override],
          shown: str) -> list[tuple[str, Candidate]]:
    """(id, candidate) pairs after the instructor's merges, splits and titles."""
    if not overrides:
        return planned
    generated = {module_id: candidate.title for module_id, candidate in planned}
    merged: list[tuple[str, Candidate]] = []
    pending = False
    for module_id, candidate in planned:
        if pending and merged:
            first_id, first = merged[-1]
            merged[-1] = (first_id, dataclasses.replace(
                first, sections=first.sections + candidate.sections, kind="lesson"))
        else:
            merged.append((module_id, candidate))
        wanted = overrides.get(module_id)
        pending = bool(wanted and wanted.merge)
    out: list[tuple[str, Candidate]] = []
    for module_id, candidate in merged:
        wanted = overrides.get(module_id)
        parts = _split(candidate, wanted, shown) if wanted else [candidate]
        for number, part in enumerate(parts, start=1):
            part_id = module_id if number == 1 else f"{module_id}-{number}"
            title = overrides[part_id].title if part_id in overrides else ""
            if title == generated.get(part_id, part.title):
                title = ""  # the title plan.yaml was written with: not a new one
            out.append((part_id, dataclasses.replace(part, named=title) if title else part))
    return out


def _split(candidate: Candidate, wanted: Override, shown: str) -> list[Candidate]:
    titles = {" ".join(s.title.split()).casefold(): i for i, s in enumerate(candidate.sections)
              if s.title and i > 0}
    cuts = []
    for heading in wanted.split_before:
        index = titles.get(heading.casefold())
        if index is None:
            log.warning(f"{shown}:{wanted.line}: split_before '{heading}': the module has no "
                        "section with that heading below its first one; it was not split.")
        else:
            cuts.append(index)
    if not cuts:
        return [candidate]
    bounds = [0, *sorted(set(cuts)), len(candidate.sections)]
    return [dataclasses.replace(candidate, sections=candidate.sections[a:b], named="")
            for a, b in zip(bounds, bounds[1:], strict=False) if a < b] or [candidate]


def entry_keys(override: Override | None) -> dict[str, Any]:
    """The grouping keys of a module's plan.yaml entry, to write back."""
    if override is None:
        return {}
    keys: dict[str, Any] = {}
    if override.merge:
        keys["merge"] = "next"
    if override.split_before:
        keys["split_before"] = list(override.split_before)
    return keys
