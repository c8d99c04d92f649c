"""The review: what the instructor wrote reaches the modules. ``coursepack``
blocks in the Markdown and the reviewed ``plan.yaml`` (:mod:`builder.planfile`)
give each module its authored items; a module the plan has reviewed and
that has not changed keeps its whole reviewed material, which the pedagogy
stage leaves as it is. Generated items the instructor dropped stay out
(:func:`without_dropped`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from . import authored
from .authored import ASSESSES_HINT, LINE, Parser, objective_missing
from .errors import BuildError, raise_all
from .model import Course, Material, Module, kept_objectives, renumbered
from .planfile import PlanFile, entry_keys, source_hash

log = logging.getLogger("builder")


_TO_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "objectives": authored.objective_data,
    "discussion": authored.question_data,
    "quiz": authored.quiz_data,
    "terms": authored.term_data,
}


def _is_dropped(dropped: frozenset[str], kind: str, item: Any) -> bool:
    """A generated item the instructor dropped: same fingerprint or same text."""
    if item.origin != "generated":
        return False
    return not dropped.isdisjoint(entry_keys(kind, _TO_DATA[kind](item)))


def without_dropped(module: Module) -> Module:
    """``module`` without the generated items its ``dropped`` keys match;
    questions and quiz items point at the objectives that remain (a reference
    to a dropped objective goes)."""
    if not module.dropped:
        return module

    def kept(kind: str, items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(i for i in items if not _is_dropped(module.dropped, kind, i))

    gone = {n for n, o in enumerate(module.objectives)
            if _is_dropped(module.dropped, "objectives", o)}
    numbers = kept_objectives(len(module.objectives), gone)
    return dataclasses.replace(
        module,
        objectives=kept("objectives", module.objectives),
        discussion=kept("discussion", renumbered(module.discussion, numbers)),
        quiz=kept("quiz", renumbered(module.quiz, numbers)),
        terms=kept("terms", module.terms),
    )


def markdown_material(module: Module, language: str) -> Material:
    """The items of the module's ``coursepack`` blocks (all authored)."""
    merged = Material()
    for section in module.sections:
        for block in section.authored:
            parser = Parser(section.location.path, language)
            found = parser.material(block, block.get(LINE, section.location.line))
            raise_all(parser.errors)
            merged = Material(
                summary=merged.summary or found.summary,
                objectives=merged.objectives + found.objectives,
                discussion=merged.discussion + found.discussion,
                quiz=merged.quiz + found.quiz,
                terms=merged.terms + found.terms,
            )
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
                "are kept and the rest is generated again%s. Run coursepack plan --update to "
                "review it", plan.path if plan else "", planned.line, module.id,
                " (the items you dropped stay out)" if planned.drops else "",
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
        module = _with_material(module, own, extra, keep_generated=reviewed)
        modules.append(dataclasses.replace(module, dropped=planned.dropped if planned
                                           else frozenset()))
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
        return getattr(own, kind) + tuple(
            i for i in getattr(planned, kind) if keep_generated or i.origin == "authored"
        )

    return dataclasses.replace(
        module,
        summary=own.summary or (planned.summary if keep_generated else ""),
        objectives=pick("objectives"),
        discussion=pick("discussion"),
        quiz=pick("quiz"),
        terms=pick("terms"),
        reviewed=keep_generated,
    )


def check_assessed(course: Course, plan_path: str = "") -> Course:
    """Every item's ``assesses`` names an objective its finished module has.
    An item of a ``coursepack`` block that names one past the end is bad
    input, at the item's line. One from ``plan.yaml`` (``plan_path``) was
    checked against the plan's list when it was read; past the end of the
    finished module it can only be in a changed module whose objectives were
    generated again, fewer: the reference goes, with a warning. So does any
    other's."""
    errors: list[BuildError] = []
    modules = []
    for module in course.modules:
        have = len(module.objectives)

        def checked(items: tuple[Any, ...], module: Module = module, have: int = have
                    ) -> tuple[Any, ...]:
            out = []
            for item in items:
                beyond = [n for n in item.objectives if n >= have]
                if beyond:
                    where = item.location
                    missing = objective_missing(beyond[0] + 1, have, f"module '{module.id}'")
                    if item.origin == "authored" and where is not None and where.path != plan_path:
                        errors.append(BuildError(missing, where, ASSESSES_HINT
                                                 + " (those of coursepack blocks come first)"))
                    elif where is not None:
                        log.warning("%s: %s; that number is left out. Run coursepack plan "
                                    "--update and check the item", where, missing)
                    item = dataclasses.replace(
                        item, objectives=tuple(n for n in item.objectives if n < have))
                out.append(item)
            return tuple(out)

        modules.append(dataclasses.replace(module, discussion=checked(module.discussion),
                                           quiz=checked(module.quiz)))
    raise_all(errors)
    return dataclasses.replace(course, modules=tuple(modules))
