"""Cloze: the places in a claim worth blanking (best first), the defined term
blanked in its defining sentence, and what kind of thing a blanked phrase is
(year, number, place, organisation, person, name or phrase)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import GENERIC, STOPWORDS, VAGUE_HEADS, VAGUE_MODIFIERS
from ..text import Casing, is_verbish, nounish, parts_of_speech, tokens
from .analysis import NUMBER, YEAR, Claim, ModuleAnalysis, norm

BLANK = "_____"
SUBJECT_NEXT = frozenset(
    "may can will would should must could might do did does have has had".split()
)
NOUN_SLOT = frozenset(
    "the a an their its his her of in for with on about from by between into".split()
)


@dataclass(frozen=True)
class Blank:
    claim: Claim
    key: str
    kind: str  # "year", "number", "place", "org", "phrase"
    stem: str


def kind_of(analysis: ModuleAnalysis, phrase: str) -> str:
    if YEAR.match(phrase):
        return "year"
    if NUMBER.match(phrase):
        return "number"
    if phrase in analysis.names:
        kind = analysis.name_kind(phrase)
        return kind if kind in ("place", "org", "person") else "name"
    return "phrase"


def _plural(phrase: str) -> bool:
    last = phrase.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def blanks(analysis: ModuleAnalysis, claim: Claim) -> list[Blank]:
    """Places in the statement worth blanking, best first (found once per claim of
    a module: the quiz asks again for every item it tries)."""
    memo = analysis.__dict__.setdefault("_blanks_memo", {})
    if claim not in memo:
        memo[claim] = tuple(_blanks(analysis, claim))
    return list(memo[claim])


def _blanks(analysis: ModuleAnalysis, claim: Claim) -> list[Blank]:
    text = claim.statement
    options: list[tuple[float, str]] = []
    top = analysis.key_phrases[:30]
    spans: dict[str, tuple[int, int]] = {}
    for phrase in top + [w for w in tokens(text) if YEAR.match(w)]:
        found = _occurrences(text, phrase)
        if len(found) != 1 or phrase.lower() in GENERIC or phrase in analysis.group_names:
            continue
        surface = _surface(text, found[0], phrase, analysis.casing)
        if vague(phrase):
            continue  # 'a good discussion', 'a common analogy': other words fit as well
        if {w.lower() for w in phrase.split()} & PRONOUNS:
            continue  # 'thou hast', 'their data': a pronoun is no term
        if analysis.in_quote(phrase):
            continue
        if re.search(r"\w['’]s?(?:\s|$)", phrase):
            continue  # "Phillips's Boston": the possessor names the key's owner, a giveaway
        if _splits_name(text, found[0].start(), found[0].end(), analysis.casing):
            continue
        if _spelled_out(phrase, text[found[0].end():]):
            continue  # '_____ (CRS)': the abbreviation after the blank gives the key
        if _has_number(phrase) and not NUMBER.match(phrase):
            continue
        rest = len(tokens(text)) - len(phrase.split())
        if rest < 7:
            continue
        if " " not in phrase and not YEAR.match(phrase) and phrase not in analysis.names and (
            analysis.phrases[norm(phrase)] < 2 or not nounish(phrase)
        ):
            continue
        if analysis.phrases[norm(phrase)] >= 5:
            continue  # the module's constant refrain: a giveaway
        if topical(analysis, phrase):
            continue  # 'international peacekeeping missions' under that title: guessed
        if phrase not in analysis.names and not YEAR.match(phrase) and ordinary(
            phrase, analysis.phrases[norm(phrase)]
        ):
            continue  # 'government', 'theory', 'data structure': anyone guesses it
        if in_stem(phrase, text[: found[0].start()] + " " + text[found[0].end():]):
            continue  # 'open peer _____ ... the review': the stem holds the key
        after = text[found[0].end() :].split()
        if after and after[0].lower().strip(",") in SUBJECT_NEXT and (
            text[: found[0].start()].strip().lower() not in ("", "the", "a", "an")
        ):
            continue  # 'the maximum amount individuals may give': the blank holds a subject
            # (of a clause inside; the sentence's own subject is a term: '_____ had the
            # force of law')
        nxt = after[0].strip(",.;:") if after else ""
        if nxt[:1].islower() and nxt.isalpha() and (
            "NOUN" in parts_of_speech(nxt) and not is_verbish(nxt) and nxt not in STOPWORDS
        ) and not _verb_follows(claim, phrase):
            continue  # 'a _____ receptor': the blank is only a modifier
        before = text[: found[0].start()].split()
        words = phrase.split()
        if len(words) > 1 and analysis.casing.is_proper(words[-1]) and not all(
            analysis.casing.is_proper(w) for w in words
        ):
            continue  # 'magnum opus Democracy' [in America]: cuts a title
        if before and before[-1].lower() == "to" and "VERB" in parts_of_speech(words[0].lower()):
            continue  # 'sought to _____': a verb phrase, not a term
        if " " not in phrase and phrase not in analysis.names and (
            not before or before[-1].lower() not in NOUN_SLOT
        ):
            continue  # a single word is blanked only where a noun must stand
        if " " not in phrase and adverbial(before, after):
            continue  # 'must of _____ be': an idiom ('of necessity'), no term
        options.append((_blank_score(analysis, phrase), surface))
        spans[surface] = (found[0].start(), found[0].end())
    options.sort(key=lambda x: (-x[0], x[1]))
    out: list[Blank] = []
    for _, key in options:
        start, end = spans[key]
        stem = text[:start] + BLANK + text[end:]
        out.append(Blank(claim, key, kind_of(analysis, key), stem))
    return out


def _occurrences(text: str, phrase: str) -> list[re.Match[str]]:
    """Where ``phrase`` stands in ``text`` as the reading writes it: as it is, with
    a capital when it opens the sentence ('Racial prejudice had the force of law'),
    or with its head noun in the plural ('majority opinions' for the module's
    'majority opinion'). A key phrase found only in one of those forms was never
    blanked: a central sentence that opens on its term gave no item (03-m03, no
    knowledge check at all)."""
    forms = [re.escape(phrase)]
    if phrase[:1].islower():
        forms.append("^" + re.escape(phrase[:1].upper() + phrase[1:]))
    last = phrase.split()[-1]
    if last.isalpha() and last.islower() and not last.endswith("s"):
        forms.append(re.escape(phrase) + "s")
        if phrase[:1].islower():
            forms.append("^" + re.escape(phrase[:1].upper() + phrase[1:]) + "s")
    pattern = rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])"
    return list(re.finditer(pattern, text))


def _surface(text: str, found: re.Match[str], phrase: str, casing: Casing) -> str:
    """The blanked words as the key: the text's own form of ``phrase``, with the
    capital of a sentence opening taken off a word that is no name ('racial
    prejudice', not 'Racial prejudice')."""
    key = found.group(0)
    first = key.split()[0]
    if found.start() == 0 and (phrase[:1].islower() or (
        first[1:].islower() and not casing.is_proper(first)
    )):
        key = key[:1].lower() + key[1:]
    return key


COMMON = 4.2
"""Zipf frequency (wordfreq) from which a lone word is everyday English: a blank
on it ('involvement', 'region', 'theory') is guessed, or filled by any of its
synonyms (blind review: 'trivial', 'many fits')."""
EVERYDAY = 4.5
"""... and from which every word of an adjective + noun phrase is everyday:
'political life', 'great power' are the reading's wording, not a term it teaches
(a noun before the head names a thing: 'head command' is a term)."""


def zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    return float(zipf_frequency(word.lower(), "en"))


def ordinary(phrase: str, count: int = 0) -> bool:
    """Is ``phrase`` an everyday word, or an adjective + noun made only of
    everyday words that the module does not keep using as a term (fewer than
    three times)?"""
    words = [w for w in re.split(r"[\s-]+", phrase) if w]
    if not words or any(any(c.isdigit() for c in w) for w in words):
        return False
    if LABEL.match(words[0]) and len(words[0]) > 1 and words[0].isupper():
        return False  # an acronym: 'CRS', 'NS1'
    content = [w for w in words if w.lower() not in STOPWORDS]
    if len(content) == 1:
        return zipf(content[0]) >= COMMON
    if not content or count >= 3 or any(zipf(w) < EVERYDAY for w in content):
        return False
    return modifier_kind(phrase) == "adj"  # 'head command' names a thing: a term


def in_stem(phrase: str, rest: str) -> bool:
    """Does the rest of the stem give the key away: one of its words (or its
    stem: 'review' / 'reviewers'), or its initials ('CRS' beside a blanked
    'coordinate reference system'; the expansion beside a blanked acronym)?"""
    words = [w for w in re.split(r"[\s-]+", phrase) if w]
    content = {norm(w) for w in words if w.lower() not in STOPWORDS and len(w) > 2}
    around = tokens(rest)
    if content & {norm(w) for w in around}:
        return True
    if any(t.lower().startswith(w.lower()) for w in words if len(w) > 3 for t in around):
        return True  # 'review' / 'reviewers
    initials = "".join(w[0] for w in words if w.lower() not in STOPWORDS).upper()
    if len(initials) >= 2 and re.search(rf"\b{initials}s?\b", rest):
        return True
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
        letters = "".join(w[0] for w in tokens(rest) if w.lower() not in STOPWORDS).upper()
        return words[0].rstrip("s") in letters
    return False


def _spelled_out(phrase: str, after: str) -> bool:
    """Does an abbreviation of ``phrase`` follow it in brackets ('coordinate
    reference system (CRS)')?"""
    found = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", after)
    if found is None:
        return False
    initials = "".join(w[0] for w in re.split(r"[\s-]+", phrase) if w).upper()
    return found.group(1).upper() == initials or initials.startswith(found.group(1).upper())


def _verb_follows(claim: Claim, phrase: str) -> bool:
    """Does the tagger read the word after ``phrase`` as a verb ('the head command
    *prints* ...'), where the word lists cannot tell a verb from a noun?"""
    from ..tagger import FINITE_VERB_TAGS, get_tagger

    tagger = get_tagger()
    if tagger is None:
        return False
    span = tagger.tag([claim.sentence.text])[0].span(phrase)
    return span is not None and span[2] in FINITE_VERB_TAGS


PRONOUNS = frozenset(
    "i me my we us our you your he him his she her it its they them their thou thee thy "
    "thine ye one".split()
)


FILLER_MODIFIERS = frozenset(
    """essential crucial vital significant fundamental considerable substantial primary
    notable broader wider greater""".split()
)
"""Modifiers that grade or praise rather than name a kind, beyond the lexicon's
vague ones ('essential pillars', 'broader democratic principle'): the blank
holds the reading's wording, and 'major', 'key' or 'central' fit as well (blind
review: 'blanks a filler phrase')."""


def vague(phrase: str) -> bool:
    """A phrase whose modifier or head names nothing in particular ('given
    projection', 'open-source answer', 'broader principle'): never a blank, an
    option or a swap. A comparative or superlative of a vague modifier
    ('broader', 'greatest') is as vague as the modifier."""
    words = phrase.lower().split()
    if words and words[-1] in VAGUE_HEADS:
        return True
    if len(words) < 2:
        return False
    first = words[0]
    grades = {first, re.sub(r"(?:er|est)$", "", first), re.sub(r"(?:r|st)$", "", first)}
    return bool(grades & VAGUE_MODIFIERS)


def filler(phrase: str) -> bool:
    """A phrase whose modifier grades or praises (:data:`FILLER_MODIFIERS`):
    no fill-in blank, unless a module has no other way to its fewest items."""
    words = phrase.lower().split()
    return len(words) > 1 and (words[0] in FILLER_MODIFIERS or vague(phrase))


_MODAL_BEFORE = frozenset(
    "must may might can could will would shall should is are was were be".split()
)
_ADVERBIAL_PREPOSITIONS = frozenset("of by in at on with for without".split())


def adverbial(before: list[str], after: list[str]) -> bool:
    """Is a one-word blank the noun of an idiom set between a modal and its verb
    ('must of _____ be unhappy', 'was by _____ found')? Such a phrase ('of
    necessity', 'by chance') is a manner of speaking, not a term: other words
    fit it and it tests nothing the reading teaches (blind review: 'blanks the
    idiom')."""
    if len(before) < 2 or not after:
        return False
    return before[-1].lower() in _ADVERBIAL_PREPOSITIONS and (
        before[-2].lower() in _MODAL_BEFORE
    ) and is_verbish(after[0].strip(",.;:"))


LABEL = re.compile(r"^(?:[A-Z][A-Z0-9-]{0,5}|[A-Z]?\d+[A-Za-z]?)$")


def _has_number(phrase: str) -> bool:
    """A number inside a phrase ('27 kilobases'); a label such as 'NS1' or 'ACE2' is
    a name, not a number."""
    return any(
        any(ch.isdigit() for ch in w)
        and not (LABEL.match(w) and any(c.isalpha() for c in w) and not YEAR.match(w))
        for w in phrase.split()
    )


def term_blank(claim: Claim, term: str) -> Blank | None:
    """The defined term blanked in its own defining sentence (if it occurs once)."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I)
    found = list(pattern.finditer(claim.statement))
    if len(found) != 1 or len(tokens(claim.statement)) - len(term.split()) < 7:
        return None
    key = claim.statement[found[0].start() : found[0].end()]
    stem = claim.statement[: found[0].start()] + BLANK + claim.statement[found[0].end() :]
    return Blank(claim, key, "phrase", stem)


def _content(phrase: str) -> set[str]:
    """The phrase's content words, lower-cased, a plural 's' dropped."""
    out = set()
    for word in tokens(phrase):
        low = word.lower()
        if low in STOPWORDS or not any(c.isalpha() for c in low):
            continue
        out.add(low[:-1] if _plural(low) else low)
    return out


def topical(analysis: ModuleAnalysis, phrase: str) -> bool:
    """Is ``phrase`` the module's topic: every content word of it is in the
    module's title, or it is the module's most frequent key phrase? A blank or
    a choice on it is guessed from the lesson's heading (blind review:
    'blanks the essay's topic', 'key echoes lesson title')."""
    words = _content(phrase)
    if not words:
        return False
    if analysis.title and words <= _content(analysis.title):
        return True
    top = max(analysis.key_phrases[:30], key=lambda p: analysis.phrases[norm(p)], default="")
    return bool(top) and norm(top) == norm(phrase) and analysis.phrases[norm(top)] >= 3


def _blank_score(analysis: ModuleAnalysis, phrase: str) -> float:
    """Specific beats frequent: a phrase the module repeats everywhere is a giveaway."""
    if YEAR.match(phrase):
        return 2.5
    count = analysis.phrases[norm(phrase)]
    score = 1.0 + 0.8 * min(len(phrase.split()), 3) + min(count, 2) * 0.5
    return score - max(0, count - 3) * 0.6


def _splits_name(text: str, start: int, end: int, casing: Casing) -> bool:
    """Would blanking text[start:end] cut a name in two (e.g. 'Islamic ____')?"""
    before = text[:start].split()
    after = text[end:].split()
    prev = before[-1] if before else ""
    nxt = after[0] if after else ""
    return bool(
        (prev and len(before) > 1 and prev[:1].isupper() and casing.is_proper(prev.strip(",")))
        or (nxt[:1].isupper() and casing.is_proper(nxt.strip(",.")))
    )


_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary", "arian",
                      "ian", "ant", "ent", "ish", "ed")


def modifier_kind(phrase: str) -> str:
    """What the word before the head of ``phrase`` is: 'noun' when it names which
    one ('majority rule', 'sort command', 'S1 subunit'), 'adj' when it describes
    ('florid style', 'sound rule'), else 'either'. The tagger decides when it is
    installed (on 'the <phrase>'); otherwise the lexicon, unknown words being
    names ('wc command')."""
    words = phrase.split()
    if len(words) < 2:
        return "either"
    word = words[-2]
    if LABEL.match(word):
        return "noun"
    if not word.replace("-", "").isalpha():
        return "either"  # "command's output" is no sibling of 'screen output'
    from ..tagger import get_tagger

    tagger = get_tagger()
    if tagger is not None:
        tagged = tagger.tag([f"the {phrase.lower()}"])[0]
        tags = [tag for _, _, tag in tagged.tokens]
        tag = tags[-2] if len(tags) >= 3 else ""
        if tag.startswith("JJ") and word.isalpha() and not parts_of_speech(word.lower()) and (
            not word.lower().endswith(_ADJECTIVE_ENDINGS)
        ):
            return "noun"  # a word no dictionary knows, read as an adjective: a name
            # ('uniq command', like 'wc command')
        return "noun" if tag.startswith("NN") else "adj" if tag.startswith("JJ") else "either"
    found = parts_of_speech(word.lower())
    if not found or found == {"NOUN"}:
        return "noun"
    return "adj" if "ADJ" in found and "NOUN" not in found else "either"
