"""A small essay-to-modules helper for the pedagogy tests and benchmark.

It lets the pedagogy stage be exercised on real essays without the ``read``
and ``plan`` stages: headings (ATX, also without the space after ``#``) split
the essay; the shallowest heading level with at least two headings makes the
modules; deeper headings stay inside their module; an introduction becomes
the overview, a conclusion a synthesis module, notes and references are left
out. The pipeline itself uses ``read`` and ``plan``, not this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config, PedagogyConfig
from ..model import Course, Module, ModuleKind, Section, SourceLocation
from .text import clean

_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_SKIP = re.compile(r"^(notes?|references|bibliography|further reading|sources)$", re.I)
_CONCLUSION = re.compile(r"conclusion|what to learn|summary|closing|الخلاصة|خاتمة", re.I)


@dataclass
class _Part:
    title: str
    level: int
    line: int
    lines: list[str] = field(default_factory=list)


def _parts(markdown: str) -> list[_Part]:
    parts = [_Part("", 0, 1)]
    fence = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        found = None if fence else _HEADING.match(line)
        if found:
            parts.append(_Part(clean(found.group(2)), len(found.group(1)), number))
        else:
            parts[-1].lines.append(line)
    return parts


def _section(part: _Part, path: str) -> Section:
    body = "\n".join(part.lines).strip()
    slug = re.sub(r"[^a-z0-9]+", "-", part.title.lower()).strip("-") or "section"
    return Section(
        title=part.title,
        level=part.level,
        anchor=slug,
        location=SourceLocation(path, part.line),
        markdown=body,
        html="",
        text=clean(body),
        title_html=part.title,
    )


def _module_level(parts: list[_Part]) -> int:
    levels = sorted({p.level for p in parts if p.level >= 2 and p.title})
    for level in levels:
        if sum(1 for p in parts if p.level == level and p.title) >= 2:
            return level
    return levels[0] if levels else 1


def essay_course(
    path: Path,
    language: str = "en",
    seed: int = 1,
    objectives: int = 3,
    questions: int = 3,
    quiz_items: int = 4,
) -> Course:
    """A course of modules made from one Markdown essay."""
    markdown = path.read_text(encoding="utf-8")
    shown = f"course/{path.name}"
    parts = _parts(markdown)
    title = next((p.title for p in parts if p.level == 1 and p.title), path.stem)
    level = _module_level(parts)
    groups: list[list[_Part]] = []
    for part in parts:
        if part.level == 1 or (part.level == 0 and not "".join(part.lines).strip()):
            continue
        if part.level == 0 or (part.level <= level and part.title) or not groups:
            groups.append([part])
        else:
            groups[-1].append(part)
    overview: list[Section] = []
    modules: list[Module] = []
    for group in groups:
        head = group[0]
        sections = tuple(_section(p, shown) for p in group if p.title or "".join(p.lines).strip())
        words = sum(s.words for s in sections)
        if _SKIP.match(head.title) or words < 20:
            continue
        if head.level == 0 or head.title.lower() == "introduction":
            overview.extend(sections)
            continue
        kind: ModuleKind = "synthesis" if _CONCLUSION.search(head.title) else "lesson"
        slug = re.sub(r"[^a-z0-9]+", "-", head.title.lower()).strip("-")
        slug = slug[:40].rsplit("-", 1)[0] if len(slug) > 40 else slug or "module"
        modules.append(
            Module(
                id=f"m{len(modules) + 1:02d}-{slug}",
                title=head.title,
                kind=kind,
                reading=path.name,
                location=SourceLocation(shown, head.line),
                sections=sections,
            )
        )
    pedagogy = PedagogyConfig(
        seed=seed, objectives=objectives, questions=questions, quiz_items=quiz_items
    )
    config = Config(title=title, language=language, pedagogy=pedagogy)
    return Course(
        title=title,
        author="",
        language=language,
        license="",
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "course",
        root=path.parent,
        config=config,
        source_date=0,
        overview=tuple(overview),
        modules=tuple(modules),
        readings=(path.name,),
    )
