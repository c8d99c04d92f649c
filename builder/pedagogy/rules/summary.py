"""The module summary: sentences a student can read on their own.

English: the module's best claims, in text order, none that leans on a
sentence the summary does not show ('However, ...', 'This approach ...',
'no such safeguard'). Other languages: the opening sentences, consecutive,
never starting with such a sentence. A module that is mostly a list of
references, links or bare items gets a summary only from its running text,
and none (with a note saying why) when it has none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import lxml.html

from ...markup import BLOCK_TAGS, NOT_TEXT_CLASSES
from ...model import Module
from ..notes import Notes
from ..text import Sentence, paragraphs, word_count
from .analysis import Claim, ModuleAnalysis

_REFERENCE = re.compile(
    r"https?://|\bwww\.\w|\bdoi\b|\bISBN\b|\bet al\.|\bpp?\. ?\d|\bRetrieved from\b"
    r"|^[^.]{0,80}\(\d{4}[a-z]?\)\."
)
_ENDS = (".", "!", "?", "؟", "…", "。")
_CLOSERS = "\"”’»)]"
_DUMMY = re.compile(r"^It(?:['’]s| is| was)(?: (?:therefore|thus|hence|also|often|still))? "
                    r"(?:\w+ly )?\w+ (?:to|for|that)\b")
_INNER = re.compile(r"^(?P<lead>[^,]{1,30}?),? (?:however|therefore|thus|hence|though|instead|"
                    r"nevertheless|nonetheless|consequently|too|as a result|in turn|"
                    r"in other words|on the other hand|by contrast|in contrast),? ")
_DROP = re.compile(r" (?:therefore|thus|hence|also) (?=\w)")
_RESOLVED = ("it", "they", "their", "its")
_ANAPHORA = re.compile(
    r"\b(?:this|these|those|latter|former|aforementioned)\b(?! (?:chapter|essay|article|paper)\b)"
    r"|\bthe (?:previous|preceding|above)\b"
    r"|\bsuch\b(?! as\b)|\bthe same\b(?!(?: \w+){0,3} (?:as|that|who|which)\b)",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:they|their|them|theirs)\b", re.I)
_PERSON = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.I)
_EITHER = re.compile(r"\beither[;,.]")


@dataclass(frozen=True)
class Layout:
    """What the module's blocks (paragraphs, list items) are."""

    kinds: dict[str, str]
    """Cleaned paragraph text -> 'prose', 'item' (a list item that is a sentence),
    'reference' (a reference or a link) or 'bare' (a fragment)."""
    counts: Counter[str]

    def kind(self, paragraph: str) -> str:
        return self.kinds.get(paragraph, "prose")

    @property
    def entries(self) -> int:
        return self.counts["reference"] + self.counts["bare"] + self.counts["item"]

    @property
    def mostly_list(self) -> bool:
        """Mostly references, links or bare items: no running text to summarise."""
        listed = self.counts["reference"] + self.counts["bare"]
        return sum(self.counts.values()) >= 3 and listed >= 0.6 * sum(self.counts.values())

    @property
    def references(self) -> bool:
        return self.counts["reference"] * 2 >= self.counts["reference"] + self.counts["bare"]


def layout(module: Module) -> Layout:
    kinds: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for section in module.sections:
        for text, listed, linked in _blocks(section.html):
            kind = _kind(text, listed, linked)
            counts[kind] += 1
            for para in paragraphs(text):
                kinds.setdefault(para, kind)
    return Layout(kinds, counts)


def summarise(module: Module, analysis: ModuleAnalysis, notes: Notes,
              english: bool) -> tuple[str, str | None]:
    """The summary (or '') and, when there is none, the note that says why."""
    shape = layout(module)
    kinds = [shape.kind(p) for p in paragraphs(analysis.text)]
    prose = {n for n, kind in enumerate(kinds) if kind == "prose"}
    allowed = prose if shape.mostly_list else prose | {
        n for n, kind in enumerate(kinds) if kind == "item"
    }
    if english:
        text = _english(analysis, allowed, notes)
    else:  # running text first; list items only when there is none
        text = leading(analysis.sents, prose, notes) or leading(analysis.sents, allowed, notes)
    if text or not analysis.sents:
        return text, None
    if shape.mostly_list:
        key = "list_references" if shape.references else "list_items"
        return "", notes.say(key, entries=shape.entries)
    return "", notes.say("no_summary")


def _english(analysis: ModuleAnalysis, allowed: set[int], notes: Notes) -> str:
    """1-3 of the module's best claims that stand alone, in text order."""
    usable: list[tuple[Claim, str]] = []
    for claim in analysis.ranked_claims:
        if claim.sentence.paragraph in allowed:
            statement = standing(claim, notes)
            if statement is not None:
                usable.append((claim, statement))
    words = sum(len(s.words) for s in analysis.sents)
    count = 1 if words < 120 else 2 if words < 700 else 3
    chosen = sorted(usable[:count], key=lambda pair: pair[0].sentence.index)
    return " ".join(_attributed(statement, analysis) for _, statement in chosen)


def standing(claim: Claim, notes: Notes) -> str | None:
    """The claim as a sentence that stands alone, or None when it leans on
    another: a dangling opener, an inner 'therefore', 'this'/'such'/'the same',
    or 'they' with nothing to refer to. 'It's therefore important to ...' loses
    its connective: without it the sentence still stands."""
    statement = claim.statement
    opener = notes.opener.match(claim.sentence.text)
    if opener and opener.group(0).lower().lstrip("\"“‘«(") not in _RESOLVED:
        return None
    if _DUMMY.match(statement):
        statement = _DROP.sub(" ", statement, count=1)
    elif statement.split(" ", 1)[0].lower() in ("it’s", "it's"):
        return None
    elif _INNER.match(statement):
        return None
    if _ANAPHORA.search(statement) or _EITHER.search(statement):
        return None
    if not _pronouns_bound(statement) or not _person_named(statement):
        return None
    return statement


def _attributed(statement: str, analysis: ModuleAnalysis) -> str:
    """A generalisation about a group is the reading's claim, not a fact: say so."""
    if any(g in statement for g in analysis.group_names):
        return f"The reading argues that {analysis.casing.sentence_case(statement)}"
    return statement


def leading(sents: list[Sentence], allowed: set[int], notes: Notes, limit: int = 2,
            max_words: int = 60) -> str:
    """The first sentences of the module's running text, consecutive (never two
    pieces from different places glued together), not starting with one that
    leans on what came before."""
    chosen: list[Sentence] = []
    for sent in sents:
        good = sent.paragraph in allowed and _whole(sent.text)
        if chosen and (not good or sent.index != chosen[-1].index + 1):
            break
        if not good or (not chosen and notes.opener.match(sent.text)):
            continue
        if chosen and word_count(" ".join(s.text for s in chosen + [sent])) > max_words:
            break
        chosen.append(sent)
        if len(chosen) == limit:
            break
    return " ".join(s.text for s in chosen)


def _whole(text: str) -> bool:
    """A complete sentence: long enough, capitalised, closed, brackets balanced."""
    if word_count(text) < 5 or text[:1].islower() or text.endswith("?"):
        return False
    if not text.rstrip(_CLOSERS).endswith(_ENDS) or text.rstrip(_CLOSERS).endswith(".."):
        return False
    pairs = (("(", ")"), ("[", "]"), ("“", "”"), ("«", "»"))
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


def _pronouns_bound(statement: str) -> bool:
    """Every they/their/them has a plural noun before it in the sentence."""
    found = _PRONOUN.search(statement)
    if found is None:
        return True
    before = re.findall(r"[A-Za-z]+", statement[: found.start()])
    return any(
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ys"))
        and w.lower() not in ("this", "has", "was", "does", "goes")
        for w in before
    )


def _person_named(statement: str) -> bool:
    """'Maybe she just wanted to ...': he/she/his/her needs a name before it."""
    found = _PERSON.search(statement)
    if found is None:
        return True
    return bool(re.search(r"(?<!^)\b[A-Z][a-z]+", statement[: found.start()].strip()))


def _kind(text: str, listed: bool, linked: float) -> str:
    if (_REFERENCE.search(text) or linked >= 0.5) and (listed or word_count(text) <= 40):
        return "reference"
    closed = [p for p in re.split(r"(?<=[.!?؟…])\s+", text) if _whole(p)]
    if word_count(text) < 5 or not closed:
        return "bare"  # 'Open metrics', 'responsible use of metrics', 'Example exercises'
    return "item" if listed else "prose"


def _blocks(html: str) -> list[tuple[str, bool, float]]:
    """(plain text, inside a list, share of it in links) for each block of the HTML,
    cut as :func:`builder.markup._plain_text` cuts the module text."""
    if not html.strip():
        return []
    out: list[tuple[str, bool, float]] = []
    buffer: list[str] = []
    linked = [0]

    def flush(listed: bool) -> None:
        text = " ".join("".join(buffer).split())
        if text:
            out.append((text, listed, min(1.0, linked[0] / len(text))))
        buffer.clear()
        linked[0] = 0

    def walk(element: lxml.html.HtmlElement, listed: bool) -> None:
        block = element.tag in BLOCK_TAGS
        inside = listed or element.tag == "li"
        if set((element.get("class") or "").split()) & NOT_TEXT_CLASSES:
            if block:
                flush(listed)
            buffer.append(element.tail or "")
            return
        if block:
            flush(listed)
        if element.tag == "a":
            linked[0] += len(" ".join(element.text_content().split()))
        buffer.append(element.text or "")
        for child in element:
            walk(child, inside)
        if block:
            flush(inside)
        buffer.append(element.tail or "")

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    buffer.append(root.text or "")
    for child in root:
        walk(child, False)
    flush(False)
    return out
