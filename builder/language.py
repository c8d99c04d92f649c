"""Everything coursepack knows about a language, from data files.

One loader, one fallback rule. The data lives in the theme, one TOML file
per language and kind:

    templates/strings/<tag>.toml            interface strings (see strings.py)
    templates/strings/notes/<tag>.toml      notes for the instructor (see pedagogy/notes.py)
    templates/strings/language/<tag>.toml   the language itself: its name, direction,
                                            true/false labels, section names, articles,
                                            clitics, stop words and pedagogy frames

For a course language such as ``fr-CA`` every file is read in the order
``en``, ``fr``, ``fr-ca`` and each later file overrides the keys it sets (tables
are merged key by key): English is complete, so a key a language lacks
falls back to English. Adding a language means adding these files; nothing
in the code names a language.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from . import theme_dir

FALLBACK = "en"
RTL = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})
"""Right-to-left languages, for a language that has no data file of its own."""


def primary_language(tag: str) -> str:
    """The language subtag alone, lower case: ``fr-CA`` -> ``fr``."""
    return tag.strip().split("-")[0].lower() or FALLBACK


def chain(tag: str) -> tuple[str, ...]:
    """The files read for ``tag``, in order, later ones winning: ``en``, ``fr``, ``fr-ca``."""
    full = tag.strip().lower()
    return tuple(dict.fromkeys((FALLBACK, primary_language(tag), full or FALLBACK)))


def load(folder: Path, tag: str) -> dict[str, Any]:
    """The merged TOML data of ``folder/<name>.toml`` for every name in :func:`chain`."""
    return _load(folder, chain(tag))


@lru_cache(maxsize=64)
def _load(folder: Path, names: tuple[str, ...]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for name in names:
        path = folder / f"{name}.toml"
        if path.is_file():
            with path.open("rb") as handle:
                _merge(merged, tomllib.load(handle))
    return merged


def has_data(folder: Path, tag: str) -> bool:
    """Whether ``tag`` (or its primary language) has a file of its own in ``folder``."""
    return any((folder / f"{n}.toml").is_file() for n in chain(tag) if n != FALLBACK)


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


@dataclass(frozen=True)
class Language:
    """One course language, as its data files describe it."""

    tag: str
    code: str
    name: str
    direction: Literal["ltr", "rtl"]
    true_false: tuple[str, str]
    introduction: str
    articles: tuple[str, ...]
    """Leading articles a fill-in answer may carry or leave out ("the", "la", "l'")."""
    prefixes: tuple[str, ...]
    """Letters and particles written joined to the next word (Arabic و ب ل ال)."""
    stopwords: frozenset[str]
    native: bool
    """Whether the language has data of its own (else everything is English)."""
    data: dict[str, Any] = field(compare=False, repr=False)

    def bare(self, text: str) -> str:
        """``text`` without its leading article ("la base" -> "base", "l'outil" -> "outil")."""
        low = text.lower()
        for article in sorted(self.articles, key=len, reverse=True):
            joined = article.endswith(("'", "’"))
            for form in ({article, article.replace("'", "’")} if joined else {article + " "}):
                if low.startswith(form) and len(text) > len(form):
                    return text[len(form):].lstrip()
        return text

    def pair(self, a: str, b: str) -> str:
        """"A and B" ("A y B", "A e información", "A وB"), from ``[frames] pair``."""
        starts = self.frames("pair_alternate_starts")
        avoid = self.frames("pair_alternate_not")
        low = self.bare(b).lower()
        if starts and low.startswith(starts) and not low.startswith(avoid):
            return self.frames("pair_alternate")[0].replace("{a}", a).replace("{b}", b)
        return (self.frames("pair") or ("{a} and {b}",))[0].replace("{a}", a).replace("{b}", b)

    def words(self, key: str) -> tuple[str, ...]:
        """A word list of ``[words]`` (lower case)."""
        return tuple(str(w).lower() for w in self.data.get("words", {}).get(key, ()))

    def frames(self, key: str) -> tuple[str, ...]:
        """The pedagogy frames ``[frames] key``: one string or a list of them."""
        found = self.data.get("frames", {}).get(key, ())
        return (found,) if isinstance(found, str) else tuple(str(f) for f in found)


def folder() -> Path:
    return theme_dir() / "strings" / "language"


def language(tag: str) -> Language:
    """The language of a course (``"fr-CA"``, ``"AR"``, ``"de"``)."""
    return _language(tag.strip().lower() or FALLBACK, folder())


@lru_cache(maxsize=32)
def _language(tag: str, where: Path) -> Language:
    data = load(where, tag)
    code = primary_language(tag)
    native = has_data(where, tag)
    direction = str(data.get("direction", "")) if native else ""
    if direction not in ("ltr", "rtl"):
        direction = "rtl" if code in RTL else "ltr"
    labels = data.get("true_false", ["True", "False"])
    sections = data.get("sections", {})
    words = data.get("words", {})
    return Language(
        tag=tag, code=code, name=str(data.get("name", tag)) if native else tag,
        direction="rtl" if direction == "rtl" else "ltr",
        true_false=(str(labels[0]), str(labels[1])),
        introduction=str(sections.get("introduction", "Introduction")),
        articles=tuple(str(a).lower() for a in data.get("articles", ())),
        prefixes=tuple(str(p) for p in data.get("prefixes", ())),
        stopwords=frozenset(str(w).lower() for w in words.get("stop", ())),
        native=native or code == FALLBACK, data=data,
    )


def all_tags(where: Path | None = None) -> tuple[str, ...]:
    """Every language with a data file, by name."""
    return tuple(sorted(p.stem for p in (where or folder()).glob("*.toml")))


@lru_cache(maxsize=32)
def every_language(table: str, key: str, where: Path | None = None) -> frozenset[str]:
    """``[table] key`` of every language's data file together, lower case: the
    Bloom verbs of objectives written in any of them, for checks that do not know
    an item's language."""
    root = where or folder()
    found: set[str] = set()
    for tag in all_tags(root):
        found.update(str(w).lower() for w in load(root, tag).get(table, {}).get(key, ()))
    return frozenset(found)


@lru_cache(maxsize=8)
def section_titles(kind: str, where: Path | None = None) -> re.Pattern[str]:
    """A heading that names an introduction or a conclusion (``kind``) in any
    language with data, optionally numbered: "2. Conclusiones", "الخاتمة"."""
    root = where or folder()
    names: set[str] = set()
    for tag in all_tags(root):
        found = load(root, tag).get("sections", {}).get(f"{kind}_titles", ())
        names.update(str(n).lower() for n in found)
    words = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"^\s*(\d+[.)]?\s*)?({words})\s*$", re.IGNORECASE)
