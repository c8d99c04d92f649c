"""``course.toml``: a typed schema with a default and a docstring per option.

Every key is optional. Top-level keys ``title``, ``author``, ``language`` and
``license`` are part of the contract; everything else lives in tables. Unknown
keys are rejected with a did-you-mean, and every problem in the file is
reported at once.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from .errors import BuildError, control_characters, raise_all, read_inside
from .pedagogy import BACKENDS

CONFIG_FILE = "course.toml"


@dataclass(frozen=True)
class PlanConfig:
    """How readings become modules."""

    readings: tuple[str, ...] = ()
    """Readings, in order, relative to the course folder: Markdown, or
    .docx, .odt, .html, .htm, .txt documents (builder.importer). Empty: every
    such file in the folder, sorted by name."""
    min_words: int = 40
    """A section shorter than this is never a module of its own."""
    min_minutes: int = 4
    """Modules take at least this long to read (200 words a minute): shorter
    sections are grouped. 0 keeps every section a module of its own."""
    target_minutes: int = 5
    """The reading time a module aims at: a reading is cut into about
    (its minutes / this) modules, at headings where it can."""
    max_minutes: int = 20
    """Modules take at most this long to read: a longer section splits at
    its sub-headings, else between paragraphs where the topic shifts."""
    overview_max_words: int = 400
    """An introduction up to this long becomes the course overview; a longer
    one becomes a module of its own."""


@dataclass(frozen=True)
class PedagogyConfig:
    """How teaching material is generated."""

    backend: str = "rules"
    """``rules`` (offline, deterministic) or ``llm`` (OpenAI-compatible endpoint)."""
    seed: int = 1
    """Seed for shuffling answer choices: the same seed gives the same output."""
    objectives: int = 3
    """Learning objectives per module (2-4)."""
    questions: int = 3
    """Discussion questions per module (2-4)."""
    quiz_items: int = 4
    """Knowledge-check items per module (3-6)."""
    base_url: str = ""
    """``llm`` backend: the endpoint, e.g. ``http://localhost:8080/v1``."""
    model: str = ""
    """``llm`` backend: the model name the endpoint expects."""
    api_key_env: str = "OPENAI_API_KEY"
    """``llm`` backend: the environment variable that holds the API key."""


@dataclass(frozen=True)
class PdfConfig:
    """PDF handouts, course pack and instructor guide."""

    page_size: str = "A4"
    """``A4`` or ``Letter``."""
    handouts: bool = True
    """Write one student handout per module."""


@dataclass(frozen=True)
class SiteConfig:
    """The course website."""

    strings: dict[str, str] = field(default_factory=dict)
    """Overrides of interface strings (e.g. ``objectives = "Goals"``)."""


@dataclass(frozen=True)
class LmsConfig:
    """LMS packages."""

    cc_version: str = "1.1"
    """IMS Common Cartridge version: ``1.1`` (Moodle and Canvas) or ``1.3``."""
    completion_seconds: int = 60
    """SCORM: seconds on a page that count as having read it."""
    knowledge_checks: str = "practice"
    """Cartridge quizzes: ``practice`` (self-checks: Canvas makes practice
    quizzes, outside the grade book) or ``graded`` (QTI ``Examination``)."""


@dataclass(frozen=True)
class Config:
    """The whole of ``course.toml``."""

    title: str = ""
    """Course title. Default: the first reading's H1."""
    author: str = ""
    """Author or instructor, shown on the cover and in metadata."""
    language: str = "en"
    """BCP 47 language tag, e.g. ``en``, ``ar``, ``fr-CA``."""
    license: str = ""
    """Licence of the material, e.g. ``CC BY 4.0``."""
    plan: PlanConfig = field(default_factory=PlanConfig)
    pedagogy: PedagogyConfig = field(default_factory=PedagogyConfig)
    pdf: PdfConfig = field(default_factory=PdfConfig)
    site: SiteConfig = field(default_factory=SiteConfig)
    lms: LmsConfig = field(default_factory=LmsConfig)
    path: str = ""
    """Where the config came from, for messages (not a key of the file)."""


CHOICES: dict[str, tuple[str, ...]] = {
    "pedagogy.backend": tuple(BACKENDS),
    "pdf.page_size": ("A4", "Letter"),
    "lms.cc_version": ("1.1", "1.3"),
    "lms.knowledge_checks": ("practice", "graded"),
}
RANGES: dict[str, tuple[int, int]] = {
    "pedagogy.objectives": (2, 4),
    "pedagogy.questions": (2, 4),
    "pedagogy.quiz_items": (3, 6),
    "plan.min_words": (0, 100_000),
    "plan.min_minutes": (0, 600),
    "plan.target_minutes": (1, 600),
    "plan.max_minutes": (1, 600),
    "plan.overview_max_words": (0, 100_000),
    "lms.completion_seconds": (0, 3600),
}
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def load_config(course_dir: Path, display_dir: str) -> Config:
    """Read ``course.toml`` from ``course_dir`` (defaults when it is absent)."""
    path = course_dir / CONFIG_FILE
    shown = f"{display_dir.rstrip('/')}/{CONFIG_FILE}"
    if not path.is_file():
        return Config(path="")
    text = read_inside(path, course_dir, shown)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(match.group(1)) if match else 1
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
        raise BuildError(
            f"invalid TOML: {problem[0].lower()}{problem[1:]}",
            f"{shown}:{line}",
            "Fix the syntax (see https://toml.io)",
        ) from None
    errors: list[BuildError] = []
    config = _build(Config, data, "", text, shown, errors)
    raise_all(errors)
    assert isinstance(config, Config)
    return dataclasses.replace(config, path=shown)


def _build(
    cls: type, data: dict[str, Any], prefix: str, text: str, shown: str, errors: list[BuildError]
) -> Any:
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls) if f.name != "path"}
    values: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        where = f"{shown}:{_line_of(text, prefix.rstrip('.'), key)}"
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f"Did you mean '{close[0]}'?" if close else _known_keys(known)
            errors.append(BuildError(f"unknown key '{dotted}'", where, hint))
            continue
        hint_type = hints[key]
        if dataclasses.is_dataclass(hint_type):
            if not isinstance(value, dict):
                errors.append(BuildError(f"'{dotted}' must be a table", where, f"Write [{dotted}]"))
                continue
            assert isinstance(hint_type, type)
            values[key] = _build(hint_type, value, f"{dotted}.", text, shown, errors)
            continue
        checked = _check_value(dotted, value, hint_type)
        if not (isinstance(checked, str) and checked.startswith("\0")):
            checked = _check_controls(dotted, checked)
        if isinstance(checked, str) and checked.startswith("\0"):
            errors.append(BuildError(checked[1:], where))
            continue
        values[key] = checked
    return cls(**values)


def _check_value(dotted: str, value: Any, hint_type: Any) -> Any:
    """The value converted to the option's type, or an error message
    prefixed with NUL."""
    origin = get_origin(hint_type)
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"\0'{dotted}' must be a list of strings, e.g. [\"essay.md\"]"
        return tuple(value)
    if origin is dict:
        key_type, value_type = get_args(hint_type)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return f"\0'{dotted}' must be a table of strings"
        return dict(value)
    if hint_type is bool:
        if not isinstance(value, bool):
            return f"\0'{dotted}' must be true or false, not {value!r}"
        return value
    if hint_type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"\0'{dotted}' must be a whole number, not {value!r}"
        low, high = RANGES.get(dotted, (-(2**63), 2**63))
        if not low <= value <= high:
            return f"\0'{dotted}' must be between {low} and {high}, not {value}"
        return value
    if hint_type is str:
        if not isinstance(value, str):
            return f"\0'{dotted}' must be a string, not {value!r}"
        choices = CHOICES.get(dotted)
        if choices and value not in choices:
            listed = ", ".join(f'"{c}"' for c in choices)
            return f"\0'{dotted}' must be one of {listed}, not \"{value}\""
        if dotted == "language":
            if not LANGUAGE_TAG.match(value):
                return (f"\0'language' must be a BCP 47 tag such as \"en\" or \"ar\", "
                        f"not \"{value}\"")
            return canonical_language(value)
        return value
    raise TypeError(f"unsupported option type {hint_type!r} for {dotted}")  # pragma: no cover


def _check_controls(dotted: str, value: Any) -> Any:
    """Strings holding control characters (written as escapes such as
    ``\\u0001``) cannot reach a page, a package or a file name."""
    texts = value.values() if isinstance(value, dict) else value
    if isinstance(texts, str):
        texts = (texts,)
    if not isinstance(texts, tuple | list | type({}.values())):
        return value
    found = control_characters("".join(t for t in texts if isinstance(t, str)))
    if found:
        return f"\0'{dotted}' holds control character(s) {found}; remove them"
    return value


def canonical_language(tag: str) -> str:
    """A BCP 47 tag in its usual case: ``FR`` -> ``fr``, ``fr-ca`` -> ``fr-CA``,
    ``zh-hant-tw`` -> ``zh-Hant-TW`` (tags are case-insensitive; the data
    files and templates look them up in this form)."""
    first, *rest = tag.split("-")
    parts = [first.lower()]
    for part in rest:
        if len(part) == 2 and part.isalpha():
            parts.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            parts.append(part.title())
        else:
            parts.append(part.lower())
    return "-".join(parts)


def primary_language(tag: str) -> str:
    """The language subtag alone, lower case: ``fr-CA`` -> ``fr`` (see builder.language)."""
    from .language import primary_language as primary

    return primary(tag)


def _known_keys(known: set[str]) -> str:
    return "Known keys: " + ", ".join(sorted(known))


def _line_of(text: str, table: str, key: str) -> int:
    """The line where ``key`` is set inside ``[table]`` ('' = top level)."""
    current = ""
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
    assign = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        found = header.match(line)
        if found:
            current = found.group(1).strip()
            if table == "" and current == key:
                return number
            continue
        if current == table and assign.match(line):
            return number
    return 1
