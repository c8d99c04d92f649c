"""Teaching material written by the instructor, as plain data: the items of
``plan.yaml`` and of ``coursepack`` blocks in the Markdown. Turns YAML data
into model items, reporting every problem with its ``file:line``, and turns
model items back into data for ``plan.yaml``.

An item is a mapping; objectives, questions and terms may also be plain
strings. Numbers that point at objectives (``assesses``) and at choices
(``answer`` of a multiple-choice item) count from 1, as people count.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from . import yamlsafe
from .errors import BuildError
from .language import language
from .model import (
    BLOOM_LEVELS,
    Bloom,
    Material,
    Objective,
    Origin,
    Question,
    QuizItem,
    SourceLocation,
    Term,
)
from .pedagogy.lexicon import BLOOM_VERBS, VAGUE_VERBS

LINE = "__line__"
KINDS = ("objectives", "discussion", "quiz", "terms")
QUIZ_KINDS = ("multiple_choice", "true_false", "fill_blank")
ITEM_KEYS = {
    "objectives": {"text", "bloom", "origin", "generated", "drop"},
    "discussion": {"text", "bloom", "note", "assesses", "origin", "generated", "drop"},
    "quiz": {"kind", "stem", "choices", "answer", "accept", "feedback", "assesses", "origin",
             "generated", "drop"},
    "terms": {"term", "definition", "origin", "generated", "drop"},
}  # fmt: skip


MODULE_KEYS = {"summary", *KINDS}
"""The keys of a ``coursepack`` block (plan.yaml modules have more)."""
TEXT_KEYS = {
    "objectives": ("text", "bloom"),
    "discussion": ("text", "bloom", "note"),
    "quiz": ("kind", "stem", "feedback"),
    "terms": ("term", "definition"),
}
"""The keys of each kind of item whose value is a line of text."""


class _LineLoader(yamlsafe.SafeLoader):
    """Safe YAML that remembers the 1-based line of every mapping and of
    each of its keys, and refuses a key given twice in one mapping."""


class Mapping(dict[str, Any]):
    """A YAML mapping that knows the 1-based line of each of its keys."""

    lines: dict[str, int]


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(loader.construct_object(key_node, deep=True))
        if key in lines:
            raise ConstructorError(None, None, f"'{key}' is given twice; keep one of them",
                                   key_node.start_mark)
        lines[key] = key_node.start_mark.line + 1
    data = Mapping((str(k), v) for k, v in loader.construct_mapping(node, deep=True).items())
    data[LINE] = node.start_mark.line + 1
    data.lines = lines
    return data


class Lines(list[Any]):
    """A YAML list that knows the 1-based line of each element."""

    lines: list[int]


def _sequence_with_lines(loader: _LineLoader, node: yaml.SequenceNode) -> Lines:
    items = Lines(loader.construct_sequence(node, deep=True))
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence_with_lines)


def load_yaml(text: str, where: str, first_line: int = 1) -> Any:
    """YAML with line numbers (``__line__`` in every mapping); a syntax error
    becomes BuildError at its line. ``first_line`` is the file line of the
    text's first line."""
    data = yamlsafe.load(text, where, first_line, _LineLoader)
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, dict):
        if LINE in data:
            data[LINE] += offset
        if isinstance(data, Mapping):
            data.lines = {key: line + offset for key, line in data.lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        if isinstance(data, Lines):
            data.lines = [line + offset for line in data.lines]
        for value in data:
            _shift_lines(value, offset)


@dataclass
class Parser:
    """Turns the item lists of one module into model items; collects errors."""

    file: str
    language: str = "en"
    errors: list[BuildError] = field(default_factory=list)
    objectives: int | None = None
    """How many objectives the module lists (plan.yaml), for checking
    ``assesses``; None when only the finished module knows (a block)."""

    def where(self, data: Any, fallback: int) -> SourceLocation:
        line = data.get(LINE, fallback) if isinstance(data, dict) else fallback
        return SourceLocation(self.file, int(line))

    def at_key(self, data: Any, key: str, fallback: SourceLocation) -> SourceLocation:
        """The line of ``key`` in the mapping ``data``, else ``fallback``."""
        lines = getattr(data, "lines", None)
        if isinstance(lines, dict) and key in lines:
            return SourceLocation(self.file, lines[key])
        return fallback

    def fail(self, location: SourceLocation, message: str, hint: str = "") -> None:
        self.errors.append(BuildError(message, location, hint))

    def material(self, data: dict[str, Any], line: int, trusted: bool = False,
                 keys: frozenset[str] = frozenset(), what: str = "the coursepack block",
                 objectives: int | None = None) -> Material:
        """``trusted``: items may keep ``origin: generated`` when their
        fingerprint still matches (plan.yaml); elsewhere all are authored.
        ``keys``: what ``data`` may hold besides the items and ``summary``
        (a plan.yaml module's id, title ...); ``what`` names it in messages;
        ``objectives``: how many objectives it lists, when that is all the
        module has (plan.yaml)."""
        self.objectives = objectives
        here = self.where(data, line)
        self.check_keys(data, MODULE_KEYS | keys, what, here)
        found: dict[str, list[Any]] = {kind: [] for kind in KINDS}
        for kind in KINDS:
            entries = data.get(kind) or []
            if not isinstance(entries, list):
                self.fail(self.at_key(data, kind, here), f"'{kind}' must be a list",
                          f"Write each item on its own line starting with '- ' under {kind}:")
                continue
            lines = getattr(entries, "lines", [])
            for number, entry in enumerate(entries, start=1):
                at = lines[number - 1] if number <= len(lines) else self.at_key(
                    data, kind, here).line
                self._entry(found[kind], kind, number, entry, SourceLocation(self.file, at),
                            trusted)
        summary = data.get("summary")
        summary = str(summary).strip() if self.is_text(data, "summary", here) and summary else ""
        return Material(summary=summary, objectives=tuple(found["objectives"]),
                        discussion=tuple(found["discussion"]), quiz=tuple(found["quiz"]),
                        terms=tuple(found["terms"]))

    def check_keys(self, data: dict[str, Any], known: set[str] | frozenset[str], what: str,
                 where: SourceLocation) -> bool:
        """Report the first key of ``data`` that is not ``known``, with a
        did-you-mean; True if there was one."""
        unknown = [key for key in data if key not in known and key != LINE]
        if not unknown:
            return False
        key = unknown[0]
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f"Did you mean '{close[0]}'?" if close else "Known keys: " + ", ".join(
            sorted(known))
        self.fail(self.at_key(data, key, where), f"unknown key '{key}' in {what}", hint)
        return True

    def is_text(self, entry: dict[str, Any], key: str, where: SourceLocation) -> bool:
        """Whether ``entry[key]`` is absent or a line of text (a number counts);
        reports it if not."""
        value = entry.get(key)
        if value is None or isinstance(value, str) or (
            isinstance(value, int | float) and not isinstance(value, bool)
        ):
            return True
        at = self.at_key(entry, key, where)
        if isinstance(value, bool):
            self.fail(at, f"'{key}' must be text, not {str(value).lower()}",
                      "Put the text in quotes: YAML reads a bare yes, no, on, off, true or "
                      "false as true or false")
        else:
            shape = "a list" if isinstance(value, list) else "a mapping"
            self.fail(at, f"'{key}' must be text, not {shape}",
                      f"Write the text on the same line after '{key}:', in quotes if it "
                      "starts with [ or { or holds ': '")
        return False

    def _entry(self, found: list[Any], kind: str, number: int, entry: Any,
               parent: SourceLocation, trusted: bool) -> None:
        if isinstance(entry, str) and kind != "quiz":
            entry = {"text": entry} if kind != "terms" else {"term": entry}
        if not isinstance(entry, dict):
            if kind == "quiz":
                self.fail(parent, f"quiz item {number} must be a mapping",
                          "Write its question after '- stem: ', then kind:, choices: and "
                          "answer: on lines of their own, indented under stem:")
            else:
                self.fail(parent, f"{kind} item {number} must be a mapping or a line of text")
            return
        where = self.where(entry, parent.line)
        if self.check_keys(entry, ITEM_KEYS[kind], f"{kind} item {number}", where):
            return
        if not all([self.is_text(entry, key, where) for key in TEXT_KEYS[kind]]):
            return
        drop = entry.get("drop")
        if drop not in (None, True, False):
            self.fail(self.at_key(entry, "drop", where), "'drop' must be true or false",
                      "Write 'drop: true' to leave the item out, or delete the line")
            return
        origin = _origin(entry, kind) if trusted else "authored"
        if drop is True:
            return
        before = len(self.errors)
        item = getattr(self, f"_{kind}")(entry, where, origin)
        if item is not None and len(self.errors) == before:
            found.append(item)

    def _objectives(self, entry: dict, where: SourceLocation, origin: Origin) -> Objective | None:
        text = _text(entry, "text")
        if not text:
            self.fail(where, "an objective needs its text", "Write it after 'text:'")
            return None
        verb = text.split()[0].lower().strip(",.;:")
        if entry.get("bloom") and entry["bloom"] not in BLOOM_LEVELS:
            self.fail(self.at_key(entry, "bloom", where), f"unknown Bloom level '{entry['bloom']}'",
                      "Use " + ", ".join(BLOOM_LEVELS))
            return None
        bloom = entry.get("bloom") or _bloom_of(verb)
        if bloom not in BLOOM_LEVELS:
            self.fail(where, f"cannot tell the Bloom level of '{text.split()[0]}'",
                      "Start with a verb such as explain, compare or evaluate, or add "
                      "'bloom: analyze' (remember, understand, apply, analyze, evaluate, create)")
            return None
        return Objective(text, verb, bloom, origin, where)

    def _discussion(self, entry: dict, where: SourceLocation, origin: Origin) -> Question | None:
        text = _text(entry, "text")
        if not text:
            self.fail(where, "a discussion question needs its text", "Write it after 'text:'")
            return None
        bloom = entry.get("bloom") or "analyze"
        if bloom not in BLOOM_LEVELS:
            self.fail(self.at_key(entry, "bloom", where), f"unknown Bloom level '{bloom}'",
                      "Use " + ", ".join(BLOOM_LEVELS))
            return None
        note = _text(entry, "note")
        return Question(text, bloom, note, origin, self._assesses(entry, where), where)

    def _quiz(self, entry: dict, where: SourceLocation, origin: Origin) -> QuizItem | None:
        kind = entry.get("kind", "multiple_choice" if entry.get("choices") else "")
        stem = _text(entry, "stem")
        if kind not in QUIZ_KINDS:
            self.fail(self.at_key(entry, "kind", where), f"unknown quiz kind '{kind}'",
                      "Use " + ", ".join(QUIZ_KINDS))
            return None
        if not stem:
            self.fail(where, "a quiz item needs its question", "Write it after 'stem:'")
            return None
        answer = self._answer(kind, entry, where)
        if answer is None:
            return None
        choices, key = answer
        accept = self._accept(kind, entry, where, key)
        feedback = _text(entry, "feedback")
        return QuizItem(kind, stem, choices, key, feedback, origin,
                        self._assesses(entry, where), where, accept)

    def _answer(self, kind: str, entry: dict, where: SourceLocation
                ) -> tuple[tuple[str, ...], int | str] | None:
        answer = entry.get("answer")
        if kind == "true_false":
            if not isinstance(answer, bool):
                self.fail(where, "a true/false item needs 'answer: true' or 'answer: false'")
                return None
            words = language(self.language).true_false
            return tuple(words), 0 if answer else 1
        if kind == "fill_blank":
            if isinstance(answer, bool):
                self.fail(self.at_key(entry, "answer", where),
                          f"'answer' must be the missing word, not {str(answer).lower()}",
                          "Put it in quotes: YAML reads a bare yes, no, on, off, true or false "
                          "as true or false")
                return None
            if not isinstance(answer, str | int | float) or not str(answer).strip():
                self.fail(where, "a fill-in-the-blank item needs the missing word as 'answer'")
                return None
            return (), str(answer).strip()
        choices = entry.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            self.fail(where, "a multiple-choice item needs a list of at least 2 'choices'")
            return None
        options = self._choices(choices, self.at_key(entry, "choices", where))
        if options is None:
            return None
        if isinstance(answer, int) and not isinstance(answer, bool) and 1 <= answer <= len(options):
            return options, answer - 1
        if isinstance(answer, str) and answer.strip() in options:
            return options, options.index(answer.strip())
        self.fail(where, f"the answer {answer!r} is not one of the choices",
                  "Give the right choice's text, or its number counting from 1")
        return None

    def _choices(self, choices: list[Any], where: SourceLocation) -> tuple[str, ...] | None:
        """The choices as text: each a line of text, no two alike (up to case
        and spacing); None after reporting the first that is not."""
        lines = getattr(choices, "lines", [])
        seen: dict[str, int] = {}
        options = []
        for number, choice in enumerate(choices, start=1):
            at = SourceLocation(self.file, lines[number - 1]) if number <= len(lines) else where
            if isinstance(choice, bool | list | dict):
                shape = ("true or false" if isinstance(choice, bool) else
                         "a list" if isinstance(choice, list) else "a mapping")
                self.fail(at, f"choice {number} must be text, not {shape}",
                          "Write each choice as text, in quotes if it holds ': ', starts with "
                          "[ or { or is yes, no, true or false")
                return None
            text = str(choice).strip() if choice is not None else ""
            if not text:
                self.fail(at, f"choice {number} is empty", "Write its text, or delete it")
                return None
            same = " ".join(text.casefold().split())
            if same in seen:
                self.fail(at, f"choices {seen[same]} and {number} are the same ('{text}')",
                          "Make every choice different, or delete the repeated one")
                return None
            seen[same] = number
            options.append(text)
        return tuple(options)

    def _accept(self, kind: str, entry: dict, where: SourceLocation, key: int | str
                ) -> tuple[str, ...]:
        """The other right answers of a fill-in item, as written (numbers as text)."""
        value = entry.get("accept")
        if value is None or value == []:
            return ()
        if kind != "fill_blank":
            self.fail(where, f"'accept' is only for fill_blank items, not {kind}",
                      "Delete the accept: line, or write kind: fill_blank")
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()
            for v in value
        ):
            self.fail(where, "'accept' must be a list of the other right answers",
                      "For example: accept: [long term peace, lasting peace] "
                      "(quote an answer that contains ': ' or starts with a symbol)")
            return ()
        forms: dict[str, str] = {str(key).casefold(): str(key)}
        for form in (" ".join(str(v).split()) for v in value):
            forms.setdefault(form.casefold(), form)
        return tuple(forms.values())[1:]

    def _terms(self, entry: dict, where: SourceLocation, origin: Origin) -> Term | None:
        term = _text(entry, "term")
        if not term:
            self.fail(where, "a key term needs 'term:'")
            return None
        return Term(term, _text(entry, "definition"), where, origin)

    def _assesses(self, entry: dict, where: SourceLocation) -> tuple[int, ...]:
        value = entry.get("assesses", [])
        value = [value] if isinstance(value, int) and not isinstance(value, bool) else value
        at = self.at_key(entry, "assesses", where)
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value
        ):
            self.fail(at, "'assesses' must list objective numbers counting from 1",
                      "For example: assesses: [1, 3]")
            return ()
        if self.objectives is not None:
            beyond = [v for v in value if v > self.objectives]
            if beyond:
                self.fail(at, objective_missing(beyond[0], self.objectives, "the module"),
                          ASSESSES_HINT)
                return ()
        return tuple(dict.fromkeys(v - 1 for v in value))


ASSESSES_HINT = "Number the module's objectives from 1, in the order they are listed"


def objective_missing(number: int, objectives: int, module: str) -> str:
    """``'assesses' names objective 5, but the module has 2 objectives``."""
    has = f"has {objectives} objectives" if objectives != 1 else "has 1 objective"
    return f"'assesses' names objective {number}, but {module} " + (
        has if objectives else "has no objectives")


def _text(entry: dict, key: str) -> str:
    value = entry.get(key)
    return " ".join(str(value).split()) if value is not None else ""


def _bloom_of(verb: str) -> Bloom | str:
    if verb in VAGUE_VERBS:
        return ""
    for level, verbs in BLOOM_VERBS.items():
        if verb in verbs:
            return level
    return ""


def _origin(entry: dict, kind: str) -> Origin:
    """Generated only if the item is exactly as it was generated."""
    stamp = entry.get("generated")
    if stamp and stamp == fingerprint(kind, _content(kind, entry)):
        return "generated"
    return "authored"


def _content(kind: str, entry: dict) -> dict[str, Any]:
    keys = sorted(ITEM_KEYS[kind] - {"origin", "generated", "drop"})
    return {k: entry[k] for k in keys if k in entry and entry[k] not in (None, "", [])}


def fingerprint(kind: str, content: dict[str, Any]) -> str:
    """A short stable hash of an item's content."""
    blob = json.dumps([kind, content], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:10]


# --- model items -> plain data (for plan.yaml) ---


def objective_data(item: Objective) -> dict[str, Any]:
    return _stamped("objectives", {"text": item.text, "bloom": item.bloom}, item.origin)


def question_data(item: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"text": item.text, "bloom": item.bloom}
    if item.note:
        data["note"] = item.note
    return _stamped("discussion", _assessing(data, item.objectives), item.origin)


def quiz_data(item: QuizItem) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": item.kind, "stem": item.stem}
    if item.kind == "multiple_choice":
        data["choices"] = list(item.choices)
        data["answer"] = item.choices[int(item.answer)]
    elif item.kind == "true_false":
        data["answer"] = item.answer == 0
    else:
        data["answer"] = item.answer
        if item.accept:
            data["accept"] = list(item.accept)
    if item.feedback:
        data["feedback"] = item.feedback
    return _stamped("quiz", _assessing(data, item.objectives), item.origin)


def term_data(item: Term) -> dict[str, Any]:
    return _stamped("terms", {"term": item.term, "definition": item.definition}, item.origin)


def _assessing(data: dict[str, Any], objectives: tuple[int, ...]) -> dict[str, Any]:
    """``assesses``: the objective numbers, counting from 1."""
    if objectives:
        data["assesses"] = [i + 1 for i in objectives]
    return data


def _stamped(kind: str, data: dict[str, Any], origin: Origin) -> dict[str, Any]:
    if origin == "generated":
        data["generated"] = fingerprint(kind, _content(kind, data))
    return data
