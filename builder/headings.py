"""Headings: a line scanner that follows python-markdown's block parser, so
the sections ``read`` finds are exactly the headings the page will show, each
with its line in the file."""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field

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


Block = list[tuple[int, str]]


def scan_headings(lines: list[str]) -> Scan:
    """The top-level headings python-markdown renders for ``lines``: ATX
    (``#`` with or without a space), setext, never inside fenced or indented
    code or raw HTML blocks, nor inside lists and block quotes."""
    norm = [line.expandtabs(4) if line.strip(" \t") else "" for line in lines]
    if lines and lines[0] and not lines[0].strip(" "):  # python-markdown keeps this one
        norm[0] = lines[0].expandtabs(4)
    scan = Scan()
    fenced = _fenced_lines(norm)
    separators = fenced | _raw_html_lines(norm, fenced)
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


def _fenced_lines(lines: list[str]) -> set[int]:
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


def _raw_html_lines(lines: list[str], fenced: set[int]) -> set[int]:
    """Lines of raw HTML blocks: a block-level tag, comment or declaration at
    the start of a line (fenced code already set aside), up to where it closes."""
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
            if end is not None:
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


class _BlockScanner:
    """Replays python-markdown's top-level block processors (in their
    priority order, with their own patterns) on blank-line separated blocks,
    tracking the last top-level element because an indented block after a
    list belongs to the list."""

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
        text = "\n".join(line for _, line in block)
        if self.in_footnote and text.startswith("    "):
            return  # an indented paragraph of the footnote above
        self.in_footnote = False
        if _BLOCK["indent"].test(self.root, text) or _BLOCK["defindent"].test(self.root, text):
            return
        if _BLOCK["code"].test(self.root, text):
            self._code(block)
        elif _BLOCK["table"].test(self.root, text):
            self.last("table")
        elif (m := _HASH.search(text)) is not None:
            index = _line_at(text, m.start()) + (1 if m.group(0).startswith("\n") else 0)
            self._nested(block[:index])
            number = block[index][0]
            self.scan.headings.append(
                Heading(number, number, len(m.group("level")), m.group("header").strip())
            )
            self._rest(block[index + 1 :], "h")
        elif _BLOCK["setextheader"].test(self.root, text):
            level = 1 if block[1][1].startswith("=") else 2
            self.scan.headings.append(Heading(block[0][0], block[1][0], level, block[0][1].strip()))
            self._rest(block[2:], "h")
        elif (rule := _HR.search(text)) is not None:
            index = _line_at(text, rule.start())
            self._nested(block[:index])
            self._rest(block[index + 1 :], "hr")
        else:
            self._other(block, text)

    def _other(self, block: Block, text: str) -> None:
        for name, tag in (("olist", "ol"), ("ulist", "ul")):
            if _BLOCK[name].test(self.root, text):
                self.last(tag)
                return
        m = _DEFLIST.search(text)
        if m is not None and (text[: m.start()].strip() or len(self.root)):
            self._deflist(block, _line_at(text, m.start()) + (text[m.start()] == "\n"))
        elif (m := _QUOTE.search(text)) is not None:
            self._nested(block[: _line_at(text, m.start()) + (text[m.start()] == "\n")])
            self.last("blockquote")
        elif (m := _FOOTNOTE.search(text)) is not None:
            self._before(block, _line_at(text, m.start()))
            self.in_footnote = True  # the rest of the block and indented blocks after it
        elif (m := _ABBR.search(text) or _REFERENCE.search(text)) is not None:
            end = m.end()
            if m.re is _REFERENCE:  # consecutive one-line references go in one pass
                for more in _REFERENCE.finditer(text, end):
                    if text[end : more.start()].strip("\n") or "\n" in more.group():
                        break
                    end = more.end()
            self._before(block, _line_at(text, m.start()))
            after = block[_line_at(text, max(end - 1, m.start())) + 1 :]
            if after:
                self.parse(after)
        else:
            self.last("p")

    def _deflist(self, block: Block, index: int) -> None:
        self.last("dl")
        after = block[index + 1 :]
        if not after or _NO_INDENT.match(after[0][1]):
            return  # all of it belongs to the definition
        rest = after[_indented(after) :]
        if rest:
            self.parse(rest)

    def _code(self, block: Block) -> None:
        count = _indented(block)
        self.scan.code.update(number for number, _ in block[:count])
        self._rest(block[count:], "pre")

    def _before(self, block: Block, index: int) -> None:
        if index:
            self.parse(block[:index])

    def _nested(self, before: Block) -> None:
        """Lines before a heading or rule: parsed on their own (a footnote
        in them does not take the indented blocks after the heading)."""
        if before:
            self.parse(before)
            self.in_footnote = False

    def _rest(self, rest: Block, tag: str) -> None:
        self.last(tag)
        if rest:
            self.parse(rest)


def _indented(block: Block) -> int:
    """How many lines at the start of ``block`` are indented by four spaces."""
    count = 0
    while count < len(block) and block[count][1].startswith("    "):
        count += 1
    return count


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)
