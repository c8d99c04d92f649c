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

import functools
import re
from collections import Counter

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


@functools.lru_cache(maxsize=4096)  # pure; asked again for the same blank by each item tried
def variants(answer: str, before: str = "", after: str = "", text: str = "") -> tuple[str, ...]:
    """The other accepted forms of ``answer``, without ``answer`` itself,
    in a stable order; empty when there are none (or the answer has a digit).

    ``before`` and ``after``: the stem around the blank. Where they fix the
    grammatical number ('a _____', '_____ are'), the other number is no answer
    ('a mere partial leagues'). ``text``: the reading; with it the head noun
    alone ('growth' for 'mutual growth') is accepted when the reading never
    puts another word before that noun (then the modifier tells nothing apart)."""
    text_ = " ".join(answer.split())
    if not text_ or any(ch.isdigit() for ch in text_):
        return ()
    free = _number_free(before, after)
    spaced = _HYPHEN.sub(_spaced, text_)
    joined = _JOINED.sub(r"\1\2", text_)
    bases = list(dict.fromkeys([text_, spaced, joined, *_spellings(text_)]))
    found: list[str] = []
    for base in bases:
        found.append(base)
        other = _other_number(base) if free else ""
        if other:
            found.append(other)
    found.extend(_negations(text_))
    found.extend(_elided(text_, before))
    found.extend(_name_alone(text_))
    if text:
        found.extend(_head_alone(text_, text, free))
        found.extend(aliases(text_, text))
        found.extend(appositions(text_, text))
        found.extend(derived(text_, text))
    seen = {text_.casefold()}
    result = []
    for form in (" ".join(f.split()) for f in found):
        if form and form.casefold() not in seen:
            seen.add(form.casefold())
            result.append(form)
    return tuple(result)


_SINGULAR_BEFORE = frozenset("a an one each every this that another either neither".split())
_PLURAL_BEFORE = frozenset(
    "these those many several two three four five six seven eight nine ten numerous various "
    "both few multiple".split()
)
_AGREEING_AFTER = frozenset("is are was were has have does do".split())
_AGREEING_BEFORE = frozenset("is are was were".split())  # 'nations are _____'



def _number_free(before: str, after: str) -> bool:
    """Does nothing around the blank fix the number of the answer?"""
    prev = before.split()[-1].lower() if before.split() else ""
    nxt = after.split()[0].lower().strip(",.;:") if after.split() else ""
    fixed = _SINGULAR_BEFORE | _PLURAL_BEFORE | _AGREEING_BEFORE
    return prev not in fixed and nxt not in _AGREEING_AFTER


_JOINED = re.compile(
    r"\b(" + "|".join(sorted(("co", "re", "pre", "non", "anti", "semi", "multi", "sub",
                               "inter", "micro", "macro", "post", "over", "under"),
                              key=len, reverse=True)) + r")[-\u2010\u2011]([a-z])"
)
"""A prefix with a hyphen is also written closed up: 'co-operation' /
'cooperation', 'non-segmented' / 'nonsegmented'."""

_BRITISH_AMERICAN = (
    (re.compile(r"([a-z]{3,})is(e|es|ed|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"([a-z]{3,})iz(e|es|ed|ing|ation|ations)$"), r"\1is\2"),
    (re.compile(r"([a-z]{2,}[^aeiou])ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"([a-z]{2,}[^aeiou])yz(e|es|ed|ing)$"), r"\1ys\2"),
    (re.compile(r"([a-z]{2,}[bdfhilmnprv])our(s|ed|ing|ite|ites|able)?$"), r"\1or\2"),
    (re.compile(r"([a-z]{2,}[bt])re(s)?$"), r"\1er\2"),
)
_NOT_ISE = frozenset(
    "advertise advise arise chastise circumcise comprise compromise concise demise despise "
    "devise disguise enterprise excise exercise expertise franchise improvise merchandise "
    "otherwise precise premise promise revise supervise surmise surprise televise treatise "
    "wise rise noise praise raise cruise paradise appraise".split()
)
_NOT_OUR = frozenset("contour devour paramour troubadour velour".split())
_NOT_RE = frozenset("acre ogre massacre mediocre lucre genre".split())


def _spellings(phrase: str) -> list[str]:
    """The phrase in the other of British and American spelling
    ('organisation' / 'organization', 'colour' / 'color', 'centre' / 'center'),
    for the word patterns where that is regular."""
    words = phrase.split(" ")
    changed = [_respelled(w) or w for w in words]
    return [" ".join(changed)] if changed != words else []


def _respelled(word: str) -> str:
    low = word.lower()
    if word != low or len(low) < 5:
        return ""
    stem_ise = re.sub(r"(e|es|ed|ing|ation|ations)$", "e", low)
    for pattern, repl in _BRITISH_AMERICAN:
        if not pattern.search(low):
            continue
        if "is" in pattern.pattern[:20] and stem_ise in _NOT_ISE:
            continue
        if "our" in pattern.pattern and re.sub(r"(s|ed|ing|ite|ites|able)$", "", low) in _NOT_OUR:
            continue
        if "re(s)" in pattern.pattern and low.rstrip("s") in _NOT_RE:
            continue
        return pattern.sub(repl, low)
    return ""


_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary", "ant", "ent")


def _describes(word: str, tags: frozenset[str]) -> bool:
    """Is ``word`` an adjective (not also a noun that could name the thing)? A
    word outside the lexicon is one by its ending ('majoritarian')."""
    if not tags:
        return word.endswith((*_ADJECTIVE_ENDINGS, "arian"))
    if "ADJ" not in tags:
        return False
    return "NOUN" not in tags or word.endswith(_ADJECTIVE_ENDINGS)


_MODIFIER_SKIP = frozenset(
    "the a an of and or to in on for with by this that these those its their his her our "
    "my your some any no each every other more most".split()
)


COMMON_HEAD = 8
"""Uses of a head noun in the reading from which it is the reading's everyday
word: alone it answers nothing (blind review: 'accepting bare data is too loose')."""


def _head_alone(answer: str, text: str, free: bool) -> list[str]:
    """The head noun of ``answer`` alone, when the reading never gives it another
    modifier ('growth' for 'mutual growth'; not 'style' for 'florid style' when
    the reading also writes 'vulgar style')."""
    from .text import parts_of_speech

    words = answer.split()
    if len(words) < 2 or any(w.casefold() in _LINKING for w in words) or not all(
        _WORD.match(w) for w in words
    ):
        return []
    head = words[-1]
    if head != head.lower() or len(head) < 4:
        return []
    modifiers = words[:-1]
    if not all(_describes(m.lower(), parts_of_speech(m.lower())) for m in modifiers):
        return []  # 'sort command', 'career researchers': the noun before it names the thing
    if len(re.findall(rf"\b{re.escape(answer)}\b", text, re.I)) >= 2 and _family(
        modifiers, head, text
    ):
        return []  # 'open identities' beside 'open reports': the modifier names the term
    if len(re.findall(rf"\b{re.escape(head)}\b", text, re.I)) >= COMMON_HEAD:
        return []  # 'data' for 'categorical data' in a reading about data: any answer fits
    found = re.finditer(rf"([\w'-]+)\s+{re.escape(head)}\b", text, re.I)
    mine = modifiers[-1].lower()
    for match in found:
        word = match.group(1).lower()
        if word != mine and word not in _MODIFIER_SKIP and "ADJ" in parts_of_speech(word):
            return []
    forms = [head]
    other = _swap_number(head) if free else ""
    if other:
        forms.append(other)
    return forms


def _family(modifiers: list[str], head: str, text: str) -> bool:
    """Does the reading keep using the same modifier with another head ('open
    reports', 'open reports' beside 'open identities')? Then the modifier names
    one of a family of terms, and the head alone is no answer. A modifier used
    once elsewhere ('majoritarian society' beside 'majoritarian tyranny') is a
    description: 'tyranny' alone answers (blind review: 'accept despotism')."""
    lead = " ".join(modifiers)
    others = Counter(
        m.group(1).lower()
        for m in re.finditer(rf"\b{re.escape(lead)}\s+([\w'-]+)", text, re.I)
    )
    return any(n >= 2 for word, n in others.items() if word != head.lower())


_NEGATED = re.compile(r"^non-?([a-z]{3,}ed)$")


def _negations(phrase: str) -> list[str]:
    """'non-segmented' -> 'unsegmented': the other negative prefix of a past
    participle (blind review: 'accept unsegmented'); never of another word
    ('non-violent' is no 'unviolent')."""
    words = phrase.split(" ")
    out = []
    for n, word in enumerate(words):
        found = _NEGATED.match(word)
        if found:
            out.append(" ".join([*words[:n], "un" + found.group(1), *words[n + 1:]]))
    return out


_DEFINED = re.compile(r"((?:[\w'-]+\s+){0,6}?[\w'-]+)\s+\(([A-Za-z][\w+-]{0,9})\)")
_SKIPPED = frozenset("of and the for in on to a an".split())


def abbreviations(text: str) -> list[tuple[str, str]]:
    """The (full form, abbreviation) pairs the reading gives in brackets:
    'double-stranded RNA (dsRNA)', 'coordinate reference system (CRS)',
    'spike (S) protein' (-> 'spike', 'S'); the full form is the shortest run of
    words before the bracket whose initials (or whole words) spell it."""
    return list(_abbreviations(text))


@functools.lru_cache(maxsize=8)
def _abbreviations(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`abbreviations`, once per text: every blank of a course asks it of the
    whole course text (0.15 s each at 70 KB)."""
    pairs: list[tuple[str, str]] = []
    for match in _DEFINED.finditer(text):
        short = match.group(2)
        if not any(c.isupper() for c in short) or short.lower() in _SKIPPED:
            continue
        words = match.group(1).split()
        for n in range(1, len(words) + 1):
            full = words[-n:]
            if full[0].lower() in _SKIPPED:
                continue
            parts = [p for w in full for p in w.split("-") if p]
            if _spells(short, parts):
                pairs.append((" ".join(full), short))
                break
    return tuple(dict.fromkeys(pairs))


def _spells(short: str, parts: list[str]) -> bool:
    """Does ``short`` spell ``parts``: each a whole word or its first letter
    (a linking word may be left out)?"""
    if not parts:
        return not short
    if not short:
        return False
    head, rest = parts[0], parts[1:]
    if short.lower().startswith(head.lower()) and len(head) > 1 and _spells(
        short[len(head):], rest
    ):
        return True
    if short[0].lower() == head[0].lower() and _spells(short[1:], rest):
        return True
    return head.lower() in _SKIPPED and _spells(short, rest)


def aliases(answer: str, text: str) -> list[str]:
    """The answer with a full form the reading abbreviates written as its
    abbreviation, and the other way round ('dsRNA genome' / 'double-stranded RNA
    genome', 'spike protein' / 'S protein'), and the abbreviation or full form
    alone when the answer is one of them."""
    out: list[str] = []
    for full, short in abbreviations(text):
        for old, new in ((full, short), (short, full)):
            pattern = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])",
                                 0 if old == short else re.I)
            if pattern.search(answer):
                out.append(pattern.sub(new.replace("\\", "\\\\"), answer, count=1))
    return out


_OTHER_NAME = r"([a-z][a-z-]*(?: [a-z][a-z-]*){0,3})"
"""Another name the reading gives: up to four lower-case words, no digit."""


_NOT_A_NAME = frozenset("see cf compare also which that who as like".split())


def appositions(answer: str, text: str) -> list[str]:
    """The other short names the reading gives the answer in the same slot:
    'X, or Y,' (closed by a comma) and 'X (Y)' ('the tyranny of the majority, or
    majoritarian despotism,'). Only the name after the answer: where a phrase
    before it starts is not known without a parser. A bare 'X or Y', a list's
    'A, X, or Y,' and its last ', or Y.' offer alternatives, not a second name,
    and are not read as one. (Abbreviations: :func:`aliases`.)"""
    key = re.escape(answer)
    out: list[str] = []
    patterns = (
        rf"(?<![\w-]){key}, or {_OTHER_NAME}(?=,)",
        rf"(?<![\w-]){key} \({_OTHER_NAME}\)",
    )
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.I):
            if "or" in pattern and text[: match.start()].rstrip().endswith(","):
                continue  # 'A, X, or Y,': a list of alternatives
            other = re.sub(r"^(?:the|a|an) ", "", match.group(1), flags=re.I)
            words = other.lower().split()
            if words[0] in _NOT_A_NAME | _LINKING or words[-1] in _LINKING:
                continue
            if len(other) > 2:
                out.append(other)
    return out


_ELLIPSIS = re.compile(
    r"\b(?:a|an|the)\s+([a-z]+)\s+(?:for|than|to|from|and|or|with|into|over|versus)\s+"
    r"(?:a\s+|an\s+|the\s+)?$",
    re.I,
)


def _elided(answer: str, before: str) -> list[str]:
    """The modifier alone, when the stem sets another modifier with the head left
    out right before the blank ('mistake a familiar for a _____' with 'vulgar
    style'): the stem already supplies 'style', so 'vulgar' answers it
    (blind review: 'accept vulgar, the blank already follows a familiar')."""
    from .text import parts_of_speech

    words = answer.split()
    found = _ELLIPSIS.search(before)
    if len(words) != 2 or found is None or not _WORD.match(words[0]):
        return []
    other = found.group(1).lower()
    if other == words[0].lower() or "ADJ" not in parts_of_speech(other):
        return []
    return [words[0]] if "ADJ" in parts_of_speech(words[0].lower()) else []


_CLASS_HEADS = frozenset(
    """system command format library protocol package program programme tool language
    standard function option method algorithm file database project model gene protein
    enzyme operator""".split()
)
"""Head nouns that only say what kind of thing a name is ('EPSG system', 'uniq
command', 'replicase gene': round8 02-m01-FB2 'also accept replicase'): the name
alone answers the blank."""


def _name_alone(answer: str) -> list[str]:
    """'EPSG system' -> 'EPSG', 'uniq command' -> 'uniq': a name (an acronym, or a
    word no dictionary knows) before a head noun that only classes it."""
    from .text import parts_of_speech

    words = answer.split()
    if len(words) != 2 or words[1].lower() not in _CLASS_HEADS:
        return []
    name = words[0]
    acronym = len(name) >= 2 and sum(c.isupper() for c in name) >= 2 and name.isalnum()
    coined = name.islower() and name.isalpha() and not parts_of_speech(name)
    return [name] if acronym or coined else []


_DERIVING = re.compile(r"^([a-z]{4,}?)(?:arian|ian|al)$")


def derived(answer: str, text: str) -> list[str]:
    """'majoritarian tyranny' -> 'tyranny of the majority', 'majority tyranny',
    when the reading uses the noun the adjective is made from ('the majority'):
    the same idea in the reading's other words (blind review: 'accept tyranny of
    the majority, majority tyranny'). Also the other way round: 'tyranny of the
    majority' -> 'majoritarian tyranny' when the reading writes that adjective."""
    words = answer.split()
    low = text.lower()
    if len(words) == 2 and _DERIVING.match(words[0].lower()):
        adjective, head = words[0].lower(), words[1]
        root = _DERIVING.match(adjective)
        assert root is not None
        for noun in dict.fromkeys(re.findall(r"\bthe ([a-z]{5,})\b", low)):
            if noun == adjective or not noun.startswith(root.group(1)[:5]):
                continue
            if len(_common(noun, adjective)) < max(5, len(noun) - 2):
                continue
            if adjective.endswith("arian"):  # 'majority tyranny'; never 'nation interest'
                return [f"{head} of the {noun}", f"{noun} {head}"]
            return [f"{head} of the {noun}"]
        return []
    found = re.fullmatch(r"([a-z]+) of the ([a-z]{5,})", answer.lower())
    if found:
        head, noun = found.groups()
        for adjective in dict.fromkeys(re.findall(rf"\b([a-z]{{4,}}(?:arian|ian|al)) {head}\b",
                                                  low)):
            if len(_common(noun, adjective)) >= max(5, len(noun) - 2):
                return [f"{adjective} {head}"] + (
                    [f"{noun} {head}"] if adjective.endswith("arian") else [])
    return []


def _common(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


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

