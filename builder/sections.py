"""A section cut between its paragraphs, for a module boundary inside a long
section without sub-headings. Each part starts at a paragraph and takes the
code, lists, quotes and boxes after it; each keeps the footnotes it cites."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass

import lxml.html
from lxml.etree import _Element

from . import markup
from .model import Section, SourceLocation

LEAD_IN = 1.0
"""The extra cost of a cut right after a paragraph that ends with a colon."""


@dataclass(frozen=True)
class Part:
    section: Section
    penalty: float
    """What a cut before this part costs on top of the topic shift."""


def paragraph_parts(section: Section) -> list[Part]:
    """``section`` cut before each of its top-level paragraphs."""
    tree = lxml.html.fragment_fromstring(section.html or "<p></p>", create_parent="div")
    notes = [el for el in tree if "footnote" in (el.get("class") or "").split()]
    for note in notes:
        tree.remove(note)
    runs: list[list[_Element]] = []
    for element in tree:
        if element.tag == "p" or not runs:
            runs.append([element])
        else:
            runs[-1].append(element)
    if len(runs) < 2 or (tree.text or "").strip():
        return [Part(section, 0.0)]
    items = notes[0].findall("./ol/li") if notes else []
    parts: list[Part] = []
    for index, run in enumerate(runs):
        html = "\n".join(lxml.html.tostring(e, encoding="unicode") for e in run)
        html += _notes_for(run, items)
        previous = runs[index - 1][-1].text_content().rstrip() if index else ""
        parts.append(Part(_part(section, index, html), LEAD_IN if previous.endswith(":") else 0.0))
    return parts


def _notes_for(run: list[_Element], items: list[_Element]) -> str:
    """The footnotes cited in ``run``, numbered as in the whole section."""
    cited = {a.get("href", "")[1:] for e in run for a in e.iter("a")
             if "footnote-ref" in (a.get("class") or "")}
    mine = []
    for number, item in enumerate(items, start=1):
        if item.get("id") in cited:
            kept = copy.deepcopy(item)
            kept.set("value", str(number))
            mine.append(lxml.html.tostring(kept, encoding="unicode"))
    if not mine:
        return ""
    return '\n<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(mine) + "\n</ol>\n</div>"


def _part(section: Section, index: int, html: str) -> Section:
    text = markup.CITATION.sub("", markup.plain_text(html))
    assets = tuple(a for a in section.assets if a.target in html)
    if index == 0:
        return dataclasses.replace(section, html=html, text=text, assets=assets,
                                   exercises=section.exercises)
    return dataclasses.replace(
        section, title="", title_html="", level=0, anchor=f"{section.anchor}-{index + 1}",
        location=_location(section, text), html=html, text=text, assets=assets,
        authored=(), exercises=(),
    )


def _location(section: Section, text: str) -> SourceLocation:
    """The line where the part's first words stand in the section's Markdown."""
    words = text.split()[:3]
    if words:
        for offset, line in enumerate(section.markdown.split("\n")):
            if " ".join(words) in " ".join(line.split()):
                first = section.markdown_line or (
                    section.location.line + (1 if section.level else 0))
                return SourceLocation(section.location.path, first + offset)
    return section.location
