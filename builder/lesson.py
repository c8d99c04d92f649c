"""What a reading says about itself rather than teaches: back matter
(credits, references, notes, licence, further reading ...) goes to the
course's resources page; a learning-goals section ("Objectives",
"Objetivos", "Objectifs", "أهداف") and the Carpentries ``objectives``,
``questions`` and ``keypoints`` blocks become the authored material of the
modules they are about."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import lxml.html

from .authored import LINE, _bloom_of
from .model import Module, Reading, Section
from .pedagogy.lexicon import STOPWORDS, TASK_VERBS

BACK_MATTER = re.compile(
    r"^\W*(?:\d+[.)]?\s*)?(?:(?:more|further|additional|other|useful|recommended|suggested)\s+)?"
    r"(?:credits?|references?|bibliography|works cited|sources|acknowledge?ments?|"
    r"reading|readings|resources?|notes|endnotes|footnotes|licen[cs]e|licensing|copyright|"
    r"see also|about the authors?|"
    r"créditos|referencias|bibliografía|agradecimientos|lecturas?(?: adicionales| recomendadas)?|"
    r"recursos(?: adicionales)?|notas|licencia|fuentes|para saber más|"
    r"crédits|références|bibliographie|remerciements|pour aller plus loin|ressources|"
    r"lectures? complémentaires?|licence|"
    r"المراجع|مراجع|المصادر|مصادر|شكر وتقدير|شكر|قراءات إضافية|للمزيد|ملاحظات|الهوامش|"
    r"الحواشي|الترخيص|الرخصة)"
    r"(?:\s+(?:on|about|for|sur|sobre|para|pour)\s+.*)?\W*$",
    re.IGNORECASE,
)
LEARNING_GOALS = re.compile(
    r"^\W*(?:learning\s+)?(?:objectives|goals|outcomes|aims)(?:\s+of\s+.*)?\W*$|"
    r"^\W*what you(?:'|’)?ll learn\W*$|^\W*what you will learn\W*$|"
    r"^\W*objetivos?\b.*$|^\W*objectifs?\b.*$|^\W*(?:ال)?أهداف.*$",
    re.IGNORECASE,
)
SHORT = 80
"""Back matter and learning goals have short headings (longer ones are not
even tried)."""
MAX_GOAL_WORDS = 30
"""A learning goal is a sentence, not a paragraph."""
_WORD = re.compile(r"[^\W\d_]{3,}")


def back_matter(sections: list[Section]) -> tuple[list[Section], list[Section]]:
    """(the teaching sections, the back matter with the sections under it)."""
    kept: list[Section] = []
    aside: list[Section] = []
    level = 0  # the level of the back-matter heading being set aside
    for section in sections:
        if level and section.level > level:
            aside.append(section)
            continue
        level = 0
        if section.level and len(section.title) <= SHORT and BACK_MATTER.match(section.title):
            level = section.level
            aside.append(section)
        else:
            kept.append(section)
    return kept, [s for s in aside if s.text.strip() or s.html.strip()]


def learning_goals(sections: list[Section]) -> tuple[list[Section], list[dict[str, Any]]]:
    """A learning-goals section written as a list becomes objectives (and
    leaves the reading); one written as prose stays (as an introduction)."""
    kept: list[Section] = []
    goals: list[dict[str, Any]] = []
    for section in sections:
        items = _goal_items(section) if is_goals(section) else []
        if items:
            line = section.location.line
            goals.extend({"kind": "objectives", "text": t, LINE: line} for t in items)
        else:
            kept.append(section)
    return kept, goals


def is_goals(section: Section) -> bool:
    title = section.title
    return bool(title and len(title) <= SHORT and LEARNING_GOALS.match(title))


def _goal_items(section: Section) -> list[str]:
    """The list items of a section that is a list of short goals (with at
    most a sentence of lead-in), else none."""
    if not section.html.strip():
        return []
    tree = lxml.html.fragment_fromstring(section.html, create_parent="div")
    items = [" ".join(li.text_content().split()) for li in tree.xpath("./ul/li | ./ol/li")]
    items = [i for i in items if i]
    listed = sum(len(i.split()) for i in items)
    if len(items) < 2 or any(len(i.split()) > MAX_GOAL_WORDS for i in items):
        return []
    return items if section.words - listed <= MAX_GOAL_WORDS else []


def distribute(modules: list[Module], readings: list[Reading],
               goals: dict[str, list[dict[str, Any]]]) -> list[Module]:
    """Each lesson item goes to the module of its reading whose words it
    shares most (objectives and questions with no match to the first,
    key points to the last); an item that names commands in code ('`sort`
    sorts its inputs') goes to the module that introduces them, where they
    first appear in code. They join the module's authored material."""
    out = list(modules)
    for reading in readings:
        items = list(goals.get(reading.rel, [])) + list(reading.lesson)
        mine = [i for i, m in enumerate(out) if m.reading == reading.rel]
        if not items or not mine:
            continue
        bags = [Counter(_words(out[i].text)) for i in mine]
        code = [_code_tokens(out[i]) for i in mine]
        chosen: dict[int, list[dict[str, Any]]] = {}
        for item in items:
            fallback = mine[-1] if item["kind"] == "summary" else mine[0]
            index = _introduced(item.get("code", ()), code, mine)
            if index is None:
                index = _best(item["text"], bags, mine, fallback)
            chosen.setdefault(index, []).append(item)
        for index, given in chosen.items():
            out[index] = _with_items(out[index], given)
    return out


_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$")


def _introduced(spans: Iterable[str], code: list[set[str]], indexes: list[int]) -> int | None:
    """The first module whose code shows every command the item names in code
    ('`sort`', '`[first] | [second]`': its first token that is no placeholder in
    brackets), or None when the item names none or no module shows them all."""
    names = set()
    for span in spans:
        tokens = [t for t in span.split() if not _PLACEHOLDER.match(t)]
        if tokens:
            names.add(tokens[0])
    if not names:
        return None
    return next((i for i, tokens in zip(indexes, code, strict=True) if names <= tokens), None)


def _code_tokens(module: Module) -> set[str]:
    """The tokens of the module's code (inline code and code blocks)."""
    tokens: set[str] = set()
    for section in module.sections:
        if "<code" not in section.html:
            continue
        root = lxml.html.fragment_fromstring(section.html, create_parent="div")
        for element in root.iter("code"):
            tokens.update(element.text_content().split())
    return tokens


def _best(text: str, bags: list[Counter[str]], indexes: list[int], fallback: int) -> int:
    words = set(_words(text))
    spread = {w: sum(1 for b in bags if w in b) for w in words}
    scores = [
        sum(math.log(1 + bag[w]) * math.log((1 + len(bags)) / spread[w]) for w in words if w in bag)
        for bag in bags
    ]
    best = max(scores, default=0.0)
    return indexes[scores.index(best)] if best > 0 else fallback


def _words(text: str) -> list[str]:
    return [w.lower()[:6] for w in _WORD.findall(text) if w.lower() not in STOPWORDS]


def _with_items(module: Module, items: list[dict[str, Any]]) -> Module:
    """``items`` as a ``coursepack`` block of the module's first section."""
    block: dict[str, Any] = {LINE: items[0][LINE]}
    objectives = [i for i in items if i["kind"] == "objectives"]
    if objectives:
        block["objectives"] = [_objective(i) for i in objectives]
    questions = [{"text": i["text"], LINE: i[LINE]} for i in items if i["kind"] == "discussion"]
    if questions:
        block["discussion"] = questions
    points = [_sentence(i["text"]) for i in items if i["kind"] == "summary"]
    if points:
        block["summary"] = " ".join(points)
    first = module.sections[0]
    sections = (dataclasses.replace(first, authored=first.authored + (block,)),
                *module.sections[1:])
    return dataclasses.replace(module, sections=sections)


def _objective(item: dict[str, Any]) -> dict[str, Any]:
    verb = item["text"].split()[0].lower().strip(",.;:")
    level = _bloom_of(verb) or ("apply" if verb in TASK_VERBS else "understand")
    return {"text": item["text"], "bloom": level, LINE: item[LINE]}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?؟" else text + "."
