"""Pandoc fenced divs (``::: name`` ... ``:::``), as the Carpentries lessons
write them, turned into what coursepack already understands.

- ``objectives`` and ``keypoints`` are the lesson's own teaching material:
  their list items leave the reading and become authored objectives and the
  summary (see :class:`Lesson`).
- ``questions`` is a box in the reading, titled "Questions" where the author
  put it: a lesson's questions ("How can I combine commands?") are the how-to
  questions the episode answers, not questions to discuss (teachers rejected
  every one as a discussion question), so the module's discussion questions
  are generated.
- ``challenge`` is an exercise: a box in the reading; its ``solution`` leaves
  the reading for the instructor guide.
- ``callout``, ``instructor``, ``testimonial`` and the other known kinds are
  boxes: ``<div class="box box-KIND" markdown="1">``, so python-markdown's
  md_in_html renders the Markdown inside, and a heading inside is the box's
  title, not a section of the reading.
- Any other div shows its content as if the colons were not there.

Every line keeps its number: fences become a tag line or a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN = re.compile(
    r"^ {0,3}:{3,}[ \t]*(?:\{(?P<attrs>[^}]*)\}|(?P<name>[A-Za-z][\w-]*))(?P<rest>.*)$"
)
_REST = re.compile(r"(?:\{[^}]*\})?[ \t:]*")
"""After the name: attributes, then only spaces and colons (checked on the
stripped rest, so no two runs of spaces can trade characters)."""
_CLOSE = re.compile(r"^ {0,3}:{3,}\s*$")
_CLASS = re.compile(r"(?:^|\s)\.([A-Za-z][\w-]*)")
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
LESSON_KINDS = {"objectives": "objectives", "keypoints": "summary"}
LIST_KINDS = frozenset({*LESSON_KINDS, "questions"})
"""Blocks whose content is a list (a Word paragraph of the style, then a list)."""
TITLES = {"questions": "Questions"}
"""Boxes that show a title of their own when no heading inside gives one."""
BOX_KINDS = frozenset({
    "questions", "callout", "instructor", "testimonial", "discussion", "challenge", "caution",
    "warning", "prereq", "checklist", "hint", "spoiler", "note", "tip", "important", "example",
})  # fmt: skip
EXERCISE = "challenge"
SOLUTION = "solution"


@dataclass(frozen=True)
class Item:
    line: int
    """1-based line of the list item."""
    text: str
    """The item as Markdown, continuation lines joined."""


@dataclass
class Divs:
    """What the fenced divs of a reading hold."""

    lines: list[str]
    """The reading's lines with every fence replaced (same numbering)."""
    boxes: set[int] = field(default_factory=set)
    """1-based lines inside boxes: a heading there is the box's title."""
    lesson: list[tuple[str, int, list[Item]]] = field(default_factory=list)
    """(kind: objectives | summary, line of the fence, items)."""
    solutions: list[tuple[int, int, list[str]]] = field(default_factory=list)
    """(1-based line of the challenge's fence, line of the solution's first
    content line, its Markdown lines)."""


def fenced_divs(lines: list[str], code: set[int]) -> Divs:
    """Find the fenced divs of ``lines`` (``code``: 1-based lines inside
    fenced code, where colons are text) and rewrite them."""
    found = Divs(list(lines))
    stack: list[tuple[str, int]] = []  # (kind, 0-based index of the opening fence)
    for index, line in enumerate(lines):
        if index + 1 in code or ":::" not in line:
            continue
        opening = _OPEN.match(line)
        if opening is not None and _REST.fullmatch(opening.group("rest").strip()):
            stack.append((_kind(opening), index))
        elif _CLOSE.match(line) and stack:
            kind, start = stack.pop()
            _close(found, kind, start, index, stack)
    for _, start in stack:  # never closed: the colons go, the content stays
        found.lines[start] = ""
    return found


def _kind(opening: re.Match[str]) -> str:
    if opening.group("name"):
        return opening.group("name").lower()
    classes = _CLASS.findall(opening.group("attrs") or "")
    return classes[0].lower() if classes else ""


def _close(found: Divs, kind: str, start: int, end: int, outer: list[tuple[str, int]]) -> None:
    """The div from line index ``start`` to its closing fence at ``end``."""
    inside = range(start + 1, end)
    if kind in LESSON_KINDS and not outer:
        found.lesson.append((LESSON_KINDS[kind], start + 1, _items(found.lines, inside)))
        _blank(found, range(start, end + 1))
    elif kind == SOLUTION:
        challenge = next((s for k, s in reversed(outer) if k == EXERCISE), None)
        if challenge is None and found.solutions:
            challenge = found.solutions[-1][0] - 1
        body = [found.lines[i] for i in inside]
        found.solutions.append(((challenge if challenge is not None else start) + 1,
                                start + 2, body))
        _blank(found, range(start, end + 1))
    elif kind in BOX_KINDS:
        found.lines[start] = f'<div class="box box-{kind}" markdown="1">'
        found.lines[end] = "</div>"
        found.boxes.update(range(start + 1, end + 2))
    else:
        _blank(found, (start, end))


def _blank(found: Divs, indexes: range | tuple[int, int]) -> None:
    for index in indexes:
        found.lines[index] = ""


def _items(lines: list[str], inside: range) -> list[Item]:
    """The list items of a block, each with its continuation lines; text
    that is not in a list is one item per paragraph."""
    items: list[Item] = []
    current: list[str] = []
    first = 0
    for index in inside:
        line = lines[index]
        item = _ITEM.match(line)
        if item is not None or (not line.strip() and current):
            if current:
                items.append(Item(first + 1, " ".join(current)))
            current = [item.group(1).strip()] if item is not None else []
            first = index
        elif line.strip():
            if not current:
                first = index
            current.append(line.strip())
    if current:
        items.append(Item(first + 1, " ".join(current)))
    return [i for i in items if i.text]
