"""What kind of thing a multiple-choice option is, as far as its form shows, and
the options of another kind than the key (``coursepack check``'s
'distractor-kind': Haladyna et al.'s "options alike in content and grammar").
Each problem is (code, message, hint)."""

from __future__ import annotations

import re

from .text import parts_of_speech, tokens

BLANK = re.compile(r"_{3,}")

YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)s?$")
NUMBER = re.compile(r"^[$€£]?\d[\d,.]*(?:%|s|k|m|bn)?$", re.I)


def option_kind(option: str, at_start: bool = False) -> str:
    """What an option is, as far as its form shows: a year, a number, a name
    (every word capitalized) or a phrase."""
    text = option.strip()
    if YEAR.match(text):
        return "year"
    if NUMBER.match(text.split()[0] if text else "") and len(text.split()) <= 2:
        return "number"
    words = [w for w in re.split(r"[\s-]+", text) if w[:1].isalpha()]
    lead = words[1:] if at_start else words
    if words and lead and all(w[:1].isupper() for w in words):
        return "name"
    return "phrase"


def other_kinds(stem: str, key: str, others: list[str]) -> list[tuple[str, str, str]]:
    """Distractors of another kind than the key: a year among names, a name
    among common nouns, a number among phrases, a word that is no noun where
    the key is one ('August' or 'Lenin' among countries is also caught by the
    reading's own kinds, when the generator picks them)."""
    at_start = not BLANK.split(stem)[0].strip()
    kind = option_kind(key, at_start)
    problems: list[tuple[str, str, str]] = []
    for other in others:
        their = option_kind(other, at_start)
        if their != kind:
            problems.append((
                "distractor-kind", f"'{other}' is a {their}, the key a {kind}",
                "Replace it with a distractor of the same kind as the key"))
        elif kind == "phrase" and _noun_head(key) and not _noun_head(other):
            problems.append((
                "distractor-kind", f"'{other}' does not end in a noun as the key does",
                "Replace it with a noun phrase like the key"))
    return problems


def _noun_head(phrase: str) -> bool:
    """Can the last word of ``phrase`` be a noun (or is it unknown to the lexicon)?"""
    words = tokens(phrase)
    if not words:
        return False
    tags = parts_of_speech(words[-1].lower())
    return not tags or bool(tags & {"NOUN", "PROPN"})
