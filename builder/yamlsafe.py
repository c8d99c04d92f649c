"""The one YAML loader every YAML read goes through (front matter,
``coursepack`` blocks, ``plan.yaml``).

PyYAML's ``SafeLoader`` builds no Python objects, but it still expands
aliases (a 1 KB "billion laughs" document becomes gigabytes), nests without
limit and turns ``2020-01-01`` into a date and ``!!binary`` into bytes, which
no later stage expects. This loader:

- refuses aliases (``*name``): a course file never needs them;
- caps nesting at :data:`MAX_DEPTH` levels;
- keeps dates as the text they were written as;
- refuses the tags that make bytes, sets and ordered pairs;
- refuses text holding control characters that no page or package can hold.

Every problem is a :class:`BuildError` at the file line of its mark.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import Node, ScalarNode

from .errors import NOT_XML, BuildError, control_characters

MAX_DEPTH = 40
"""Nesting levels of lists and mappings; course files use four or five."""
TIMESTAMP = "tag:yaml.org,2002:timestamp"
REFUSED_TAGS = ("binary", "set", "omap", "pairs")


class SafeLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without aliases, dates, bytes or deep nesting."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None, None,
                f"YAML aliases (*{event.anchor}) are not allowed; write the value out",
                event.start_mark,
            )
        nested = self.check_event(CollectionStartEvent)
        if nested:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark,
                )
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            if nested:
                self._depth -= 1


SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _text(loader: SafeLoader, node: Node) -> str:
    assert isinstance(node, ScalarNode)
    value = str(loader.construct_scalar(node))
    if NOT_XML.search(value):
        raise ConstructorError(
            None, None, f"control character(s) {control_characters(value)} in the text",
            node.start_mark,
        )
    return value


def _refused(loader: SafeLoader, node: Node) -> Any:
    raise ConstructorError(
        None, None, f"the YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not "
        "supported here; write plain text", node.start_mark,
    )


SafeLoader.add_constructor("tag:yaml.org,2002:str", _text)
SafeLoader.add_constructor(TIMESTAMP, _text)
for _tag in REFUSED_TAGS:
    SafeLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refused)


def load(
    text: str, where: str, first_line: int = 1, loader: type[SafeLoader] = SafeLoader,
    hint: str = "Fix the YAML (indent with spaces; quote text that contains ': ')",
    what: str = "invalid YAML",
) -> Any:
    """Parse ``text`` (whose first line is line ``first_line`` of the file
    ``where``); any problem becomes a BuildError at its line."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise BuildError(f"{what}: {problem}", f"{where}:{line}", hint) from None
    except RecursionError:
        raise BuildError(
            f"{what}: nested too deeply", f"{where}:{first_line}", hint
        ) from None
