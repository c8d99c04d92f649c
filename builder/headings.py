"""Headings: a line scanner that follows python-markdown's block parser, so
the sections ``read`` finds are exactly the headings the page will show, each
with its line in the file."""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from . import markup

_BLOCK = markup.new_markdown().parser.blockprocessors
_SCAN_LOCK = threading.Lock()
_FENCE = FencedBlockPreprocessor.FENCED_BLOCK_RE
_HASH: re.Pattern[str] = getattr(_BLOCK["hashheader"], "RE")  # noqa: B009
_HR: re.Pattern[str] = getattr(_BLOCK["hr"], "SEARCH_RE")  # noqa: B009
_DEFLIST: re.Pattern[str] = getattr(_BLOCK["deflist"], "RE")  # noqa: B009
_NO_INDENT: re.Pattern[str] = getattr(_BLOCK["deflist"], "NO_INDENT_RE")  # noqa: B009
_QUOTE: re.Pattern[str] = getattr(_BLOCK["quote"], "RE")  # noqa: B009
_FOOTNOTE: re.Pattern[str] = getattr(_BLOCK["footnote"], "RE")  # noqa: B009
_ABBR: re.Pattern[str] = getattr(_BLOCK["abbr"], "RE")  # noqa: B009
_REFERENCE: re.Pattern[str] = getattr(_BLOCK["reference"], "RE")  # noqa: B009
_BLOCK_TAGS = set(markup.new_markdown().block_level_elements)
_VOID_TAGS = {"hr", "br", "img", "input", "meta", "link", "area", "base", "col", "embed",
              "param", "source", "track", "wbr"}  # fmt: skip
_RAW_START = re.compile(r"^ {0,3}<(!--|[?!]|([A-Za-z][A-Za-z0-9-]*))")
_MARKDOWN_ATTR = re.compile(r"""^[^>]*\smarkdown\s*=\s*["']?(1|block)\b""")
_RAW_TOKEN = re.compile(r"<!--.*?-->|(<!--)|<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>", re.DOTALL)


@dataclass(frozen=True)
class Heading:
    line: int
    """1-based line of the heading text."""
    end: int
    """1-based last line of the heading (the underline of a setext heading)."""
    level: int
    raw: str
    """The title as Markdown."""


@dataclass
class Scan:
    headings: list[Heading] = field(default_factory=list)
    code: set[int] = field(default_factory=set)
    """1-based lines inside code blocks or raw HTML blocks."""
    wrappers: list[tuple[int, int]] = field(default_factory=list)
    """HTML blocks with Markdown inside (``<div markdown="1">``): the 1-based
    lines of their opening and closing tags."""


Block = list[tuple[int, str]]


def scan_headings(lines: list[str], opaque: frozenset[int] | set[int] = frozenset()) -> Scan:
    """The top-level headings python-markdown renders for ``lines``: ATX
    (``#`` with or without a space), setext, never inside fenced or indented
    code or raw HTML blocks, nor inside lists and block quotes, nor on the
    1-based ``opaque`` lines (boxes, whose headings are their titles)."""
    norm = [line.expandtabs(4) if line.strip(" \t") else "" for line in lines]
    if lines and lines[0] and not lines[0].strip(" "):  # python-markdown keeps this one
        norm[0] = lines[0].expandtabs(4)
    scan = Scan()
    fenced = fenced_lines(norm) | set(opaque)
    separators = fenced | _raw_html_lines(norm, fenced, scan.wrappers)
    scan.code |= separators
    parser = _BlockScanner(scan)
    block: Block = []
    with _SCAN_LOCK:  # some processors' test() keeps state on the shared instance
        for number, line in enumerate(norm, start=1):
            if number in separators or not line:
                if block:
                    parser.parse(block)
                    block = []
                if number in separators:
                    parser.separator()
                continue
            block.append((number, line))
        if block:
            parser.parse(block)
    return scan


def fenced_lines(lines: list[str]) -> set[int]:
    """1-based lines of fenced code blocks (python-markdown's fences)."""
    text = "\n".join(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    found: set[int] = set()
    pos = 0
    while (m := _FENCE.search(text, pos)) is not None:
        first = bisect_right(starts, m.start())
        last = bisect_right(starts, max(m.end() - 1, m.start()))
        found.update(range(first, last + 1))
        pos = m.end()
    return found


def _raw_html_lines(
    lines: list[str], fenced: set[int], wrappers: list[tuple[int, int]]
) -> set[int]:
    """Lines of raw HTML blocks: a block-level tag, comment or declaration at
    the start of a line (fenced code already set aside), up to where it closes.
    A block with ``markdown="1"`` (or ``"block"``) is Markdown inside
    (python-markdown's md_in_html): only its opening and closing lines are
    raw, and they go to ``wrappers`` as 1-based (open, close) pairs."""
    visible = ["" if number in fenced else line for number, line in enumerate(lines, start=1)]
    text = "\n".join(visible)
    starts = [0]
    for line in visible[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    found: set[int] = set()
    index = 0
    while index < len(visible):
        start = _RAW_START.match(visible[index])
        tag = (start.group(2) or "").lower() if start else ""
        if start and (not tag or tag in _BLOCK_TAGS):
            end = _raw_end(text, starts, starts[index] + start.start(1) - 1, tag)
            if end is not None and end > index and _MARKDOWN_ATTR.search(visible[index]):
                found.update((index + 1, end + 1))  # Markdown inside: scan it
                wrappers.append((index + 1, end + 1))
            elif end is not None:
                found.update(range(index + 1, end + 2))
                index = end + 1
                continue
        index += 1
    return found


def _raw_end(text: str, starts: list[int], pos: int, tag: str) -> int | None:
    """The line index where a raw block that opens at ``text[pos]`` ends: the
    last line when a tag never closes, None when a comment never closes."""
    if not tag:
        pairs = (("<!--", "-->"), ("<?", "?>"), ("<!", ">"))
        opener, closer = next((o, c) for o, c in pairs if text.startswith(o, pos))
        found = text.find(closer, pos + len(opener))
        return None if found < 0 else bisect_right(starts, found) - 1
    stack: list[str] = []
    for m in _RAW_TOKEN.finditer(text, pos):
        if m.group(1):  # a comment that never closes takes the rest
            break
        name = (m.group(3) or "").lower()
        if not name or name in _VOID_TAGS or m.group(4):
            if not stack:  # a void or self-closing tag is a block of its own
                return bisect_right(starts, m.start()) - 1
            continue
        if not m.group(2):
            stack.append(name)
            continue
        if name in stack:
            while stack.pop() != name:
                pass
        if not stack:
            return bisect_right(starts, m.end() - 1) - 1
    return len(starts) - 1


Task = tuple[str, Any]
"""A step of the scanner: ("block", lines), ("heading", Heading),
("last", tag) or ("footnote", on/off)."""


class _BlockScanner:
    """Replays python-markdown's top-level block processors (in their
    priority order, with their own patterns) on blank-line separated blocks,
    tracking the last top-level element because an indented block after a
    list belongs to the list. A work list instead of recursion: a block of
    thousands of heading lines is a loop, never a deep stack."""

    def __init__(self, scan: Scan) -> None:
        self.scan = scan
        self.root = etree.Element("div")
        self.in_footnote = False

    def last(self, tag: str) -> None:
        self.root.clear()
        etree.SubElement(self.root, tag)

    def separator(self) -> None:
        """A fenced code or raw HTML block (a placeholder paragraph)."""
        self.in_footnote = False
        self.last("p")

    def parse(self, block: Block) -> None:
        todo: list[Task] = [("block", block)]
        while todo:
            kind, value = todo.pop()
            if kind == "block":
                todo.extend(reversed(self._step(value)))
            elif kind == "heading":
                self.scan.headings.append(value)
            elif kind == "last":
                self.last(value)
            else:
                self.in_footnote = value

    def _step(self, block: Block) -> list[Task]:
        """What one block holds, in order: sub-blocks still to scan,
        headings found, and the state after them."""
        first = block[0][1]
        if first.startswith("#") and "|" not in first and not self.in_footnote:
            leading = _leading_headings(block)  # the common case, without joining the block
            if leading:
                return [*(("heading", h) for h in leading), *_rest(block[len(leading) :], "h")]
        text = "\n".join(line for _, line in block)
        if self.in_footnote and text.startswith("    "):
            return []  # an indented paragraph of the footnote above
        self.in_footnote = False
        if _BLOCK["indent"].test(self.root, text) or _BLOCK["defindent"].test(self.root, text):
            return []
        if _BLOCK["code"].test(self.root, text):
            count = _indented(block)
            self.scan.code.update(number for number, _ in block[:count])
            return _rest(block[count:], "pre")
        if "|" in first and _BLOCK["table"].test(self.root, text):
            self.last("table")
            return []
        if (m := _HASH.search(text)) is not None:
            index = _line_at(text, m.start()) + (1 if m.group(0).startswith("\n") else 0)
            number = block[index][0]
            found = Heading(number, number, len(m.group("level")), m.group("header").strip())
            return [*_nested(block[:index]), ("heading", found), *_rest(block[index + 1 :], "h")]
        if _BLOCK["setextheader"].test(self.root, text):
            level = 1 if block[1][1].startswith("=") else 2
            found = Heading(block[0][0], block[1][0], level, block[0][1].strip())
            return [("heading", found), *_rest(block[2:], "h")]
        if (rule := _HR.search(text)) is not None:
            index = _line_at(text, rule.start())
            return [*_nested(block[:index]), *_rest(block[index + 1 :], "hr")]
        return self._other(block, text)

    def _other(self, block: Block, text: str) -> list[Task]:
        for name, tag in (("olist", "ol"), ("ulist", "ul")):
            if _BLOCK[name].test(self.root, text):
                self.last(tag)
                return []
        m = _DEFLIST.search(text)
        if m is not None and (text[: m.start()].strip() or len(self.root)):
            return self._deflist(block, _line_at(text, m.start()) + (text[m.start()] == "\n"))
        if (m := _QUOTE.search(text)) is not None:
            before = block[: _line_at(text, m.start()) + (text[m.start()] == "\n")]
            return [*_nested(before), ("last", "blockquote")]
        if (m := _FOOTNOTE.search(text)) is not None:
            # the rest of the block and indented blocks after it are the note's
            return [*_before(block, _line_at(text, m.start())), ("footnote", True)]
        if (m := _ABBR.search(text) or _REFERENCE.search(text)) is not None:
            end = m.end()
            if m.re is _REFERENCE:  # consecutive one-line references go in one pass
                for more in _REFERENCE.finditer(text, end):
                    if text[end : more.start()].strip("\n") or "\n" in more.group():
                        break
                    end = more.end()
            after = block[_line_at(text, max(end - 1, m.start())) + 1 :]
            return [*_before(block, _line_at(text, m.start())), *_blocks(after)]
        self.last("p")
        return []

    def _deflist(self, block: Block, index: int) -> list[Task]:
        self.last("dl")
        after = block[index + 1 :]
        if not after or _NO_INDENT.match(after[0][1]):
            return []  # all of it belongs to the definition
        return _blocks(after[_indented(after) :])


def _leading_headings(block: Block) -> list[Heading]:
    """The ATX headings on the first lines of ``block``, one after another."""
    found = []
    for number, line in block:
        heading = _HASH.match(line) if line.startswith("#") else None
        if heading is None:
            break
        found.append(Heading(number, number, len(heading.group("level")),
                             heading.group("header").strip()))
    return found


def _blocks(block: Block) -> list[Task]:
    return [("block", block)] if block else []


def _before(block: Block, index: int) -> list[Task]:
    return _blocks(block[:index]) if index else []


def _nested(before: Block) -> list[Task]:
    """Lines before a heading or rule: scanned on their own (a footnote in
    them does not take the indented blocks after the heading)."""
    return [("block", before), ("footnote", False)] if before else []


def _rest(rest: Block, tag: str) -> list[Task]:
    return [("last", tag), *_blocks(rest)]


def _indented(block: Block) -> int:
    """How many lines at the start of ``block`` are indented by four spaces."""
    count = 0
    while count < len(block) and block[count][1].startswith("    "):
        count += 1
    return count


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


_NUMBERED = re.compile(
    r"^(?P<label>(?:[^\W\d_]+\s+){1,3}?)(?P<num>\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,7})\b"
    r"|^(?P<bare>\d{1,3}(?:\.\d{1,3})*)(?:[.):]|\s*$)"
    r"|^(?P<roman>[IVXLC]{1,7})(?:[.):]|\s*$)"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def numbering_problems(titles: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """Duplicate, skipped or backward numbers among sibling headings
    ("Chapter 3" after "Chapter 3", "4." after "2."): (line, message) for
    each, from (line, level, plain title) in reading order. A number 1
    starts a new run; headings without a number do not break one."""
    problems: list[tuple[int, str]] = []
    last: dict[tuple[int, str], tuple[int, int, str]] = {}
    for line, level, title in titles:
        for key in [k for k in last if k[0] > level]:
            del last[key]  # a new parent starts its children's numbering afresh
        found = _number(title)
        if found is None:
            continue
        label, number = found
        key = (level, label)
        if key in last and number != 1:
            before, before_line, before_title = last[key]
            if number == before:
                problems.append((line, f"heading '{title}' repeats the number of "
                                       f"'{before_title}' (line {before_line})"))
            elif number > before + 1:
                problems.append((line, f"heading '{title}' follows '{before_title}' "
                                       f"(line {before_line}): a number is skipped"))
            elif number < before:
                problems.append((line, f"heading '{title}' comes after '{before_title}' "
                                       f"(line {before_line}): the numbers go backwards"))
        last[key] = (number, line, title)
    return problems


def _number(title: str) -> tuple[str, int] | None:
    """("chapter", 3) for "Chapter 3: ...", ("2.", 1) for "2.1 ...", ("", 4)
    for "4. ...", ("", 2) for "II. ..."; None for an unnumbered title."""
    m = _NUMBERED.match(title.strip())
    if m is None:
        return None
    label = " ".join((m.group("label") or "").lower().split())
    text = m.group("num") or m.group("bare") or m.group("roman")
    if "." in text:
        prefix, _, last = text.rpartition(".")
        return f"{label} {prefix}.".strip(), int(last)
    if text.isdigit():
        return label, int(text)
    return label, _roman(text)


def _roman(text: str) -> int:
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))
