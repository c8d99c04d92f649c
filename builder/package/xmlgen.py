"""A small, deterministic XML writer and the identifier rules of the packages.

The manifests are written by hand rather than through ElementTree so that the
namespace declarations stay on the root element in a fixed order (Moodle looks
for the Common Cartridge namespace in the first 500 bytes) and the output is
byte-identical from run to run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")
_NOT_NCNAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Node:
    """An element: ``tag`` with a prefix if any, attributes in writing order,
    text or children (not both)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str | None = None

    def add(self, *children: Node | None) -> Node:
        self.children.extend(c for c in children if c is not None)
        return self


def el(
    tag: str, attrs: dict[str, str] | None = None, *children: Node | None, text: str | None = None
) -> Node:
    """An element with attributes (written in the given order), children
    (``None`` skipped) or text."""
    return Node(tag, dict(attrs or {}), [c for c in children if c is not None], text)


def to_xml(root: Node) -> bytes:
    """The document as UTF-8 bytes with an XML declaration, two-space indent."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    _write(root, 0, lines)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _write(node: Node, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in node.attrs.items())
    if node.children:
        lines.append(f"{pad}<{node.tag}{attrs}>")
        for child in node.children:
            _write(child, depth + 1, lines)
        lines.append(f"{pad}</{node.tag}>")
    elif node.text is not None and node.text != "":
        lines.append(f"{pad}<{node.tag}{attrs}>{escape(node.text)}</{node.tag}>")
    else:
        lines.append(f"{pad}<{node.tag}{attrs}/>")


def xml_id(*parts: str) -> str:
    """A valid, deterministic XML id (NCName) from ``parts`` joined by ``-``:
    letters, digits, ``.``, ``_`` and ``-``, starting with a letter."""
    text = _NOT_NCNAME.sub("-", "-".join(p for p in parts if p)).strip("-.")
    if not text or not text[0].isalpha() or not text[0].isascii():
        text = "i" + text
    return text
