"""Other answers a teacher would accept for a fill-in-the-blank item.

Only changes of form that keep the meaning: the other grammatical number of
the last word ("active contributors" / "active contributor") and a hyphen
written as a space ("long-term peace" / "long term peace"). Never a synonym,
never another number: an answer with a digit in it has no variants.

A singular becomes plural only when lemminflect's lexicon knows the noun as
countable alone ("mission", "contributor"); a noun that is also a mass noun
("recovery", "cooperation", "state") keeps its singular, so that no answer
key lists "disaster recoveries". A plural always also accepts its singular.

Case, spacing, a leading article, curly quotes and a final full stop are not
variants: every place that checks an answer ignores them (the site's quiz
normalizes; the LMS packages spell them out where the format cannot).
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas, getAllLemmasOOV, getInflection

_HYPHEN = re.compile(r"\b([^\W\d_]+)[-\u2010\u2011](?=[^\W\d_])")
_PREFIXES = frozenset(
    "a e co re pre non anti ex semi multi sub inter neo quasi bi tri mis mid de un post pro "
    "extra intra ultra".split()
)
"""Bound prefixes: "co-operation" never becomes "co operation" (nor "x-ray" "x ray")."""
_WORD = re.compile(r"^[^\W\d_]+$")

_LINKING = frozenset(
    "of and or nor but in on at to for with by from as into onto than between among against "
    "within without about over under versus vs via per".split()
)
"""Words after which the last word is no longer the head of the phrase:
"balance of power" does not become "balance of powers"."""

_PLURAL_SENSE = frozenset(
    "arms goods customs means manners quarters remains damages grounds savings spirits glasses "
    "letters works papers affairs odds premises proceedings headquarters humanities clothes "
    "times minutes relations".split()
)
"""Plurals whose singular means something else (arms / arm; international
relations / a relation; the minutes of a meeting). Neither becomes the other."""

_OOV_PLURAL = re.compile(r"[a-z]{3,}[^su]s$")
_OOV_SINGULAR = re.compile(r"[a-z]{3,}(?:er|or|ist|ant|ent|ian|eer)$")
"""Words outside lemminflect's lexicon change number only when their ending
says they are a countable noun ("peacekeepers", "stakeholder"), never a
gerund or a name ("wobbing", "Athens")."""


def variants(answer: str) -> tuple[str, ...]:
    """The other accepted forms of ``answer``, without ``answer`` itself,
    in a stable order; empty when there are none (or the answer has a digit)."""
    text = " ".join(answer.split())
    if not text or any(ch.isdigit() for ch in text):
        return ()
    spaced = _HYPHEN.sub(_spaced, text)
    bases = [text] if spaced == text else [text, spaced]
    found: list[str] = []
    for base in bases:
        found.append(base)
        other = _other_number(base)
        if other:
            found.append(other)
    seen = {text.casefold()}
    result = []
    for form in found:
        if form.casefold() not in seen:
            seen.add(form.casefold())
            result.append(form)
    return tuple(result)


def _spaced(match: re.Match[str]) -> str:
    word = match.group(1)
    keep = len(word) == 1 or word.lower() in _PREFIXES
    return word + (match.group(0)[-1] if keep else " ")


def _other_number(phrase: str) -> str:
    """``phrase`` with its last word in the other grammatical number, or ""."""
    words = phrase.split(" ")
    if any(w.casefold() in _LINKING for w in words[:-1]):
        return ""
    head, sep, last = words[-1].rpartition("-")
    if not _WORD.match(last):
        return ""
    swapped = _swap_number(last)
    if not swapped:
        return ""
    return " ".join([*words[:-1], head + sep + swapped])


def _swap_number(word: str) -> str:
    lower = word.lower()
    if lower in _PLURAL_SENSE or word != lower:
        return ""  # a capital: a name ('United Nations', 'Athens'), an acronym
    lemmas = getAllLemmas(lower, "NOUN").get("NOUN", ()) or _oov_lemmas(lower)
    if len(lemmas) != 1:
        return ""  # unknown, or ambiguous ('media': medium? media?)
    singular = getInflection(lemmas[0], "NN")
    plural = getInflection(lemmas[0], "NNS")
    if not singular or not plural or singular[0] == plural[0]:
        return ""  # uncountable: 'peace', 'diplomacy'
    if lower == singular[0]:
        if len(plural) > 1 or lower.endswith("ing"):
            return ""  # also a mass noun: 'recovery', 'state', 'state-building'
        other = plural[0]
    elif lower in plural:
        other = singular[0]
    else:
        return ""
    return "" if other in _PLURAL_SENSE else other


def _oov_lemmas(word: str) -> tuple[str, ...]:
    if _OOV_PLURAL.fullmatch(word) or _OOV_SINGULAR.fullmatch(word):
        return tuple(getAllLemmasOOV(word, "NOUN").get("NOUN", ()))
    return ()

