"""Knowledge-check candidates: cloze multiple choice, fill in the blank and
true/false, each from one sentence of the reading, with distractors and
substitutions drawn from the course text and checked against it (the blanks
are found in :mod:`.cloze`, the distractors chosen in :mod:`.distractors`).
Also the checks the backend uses to put a module's set together: no two items
from one text, none that cues another or reads like it, in a fixed kind order."""

from __future__ import annotations

import re

from ...model import QuizItem
from ..flaws import check_item, cued, item_against_text, near_duplicates
from ..lexicon import STOPWORDS
from ..text import content_words, find_words, parts_of_speech, tokens
from .analysis import Claim
from .cloze import BLANK, LABEL, Blank, blanks, filler, vague
from .distractors import (
    CourseIndex,
    described_alike,
    distractors,
    head_sibling,
    modifier_kind,
    same_head,
)
from .statements import bare_comparative, unresolved_pronoun, unresolved_subject, verbless


def feedback(claim: Claim, lead: str = "") -> str:
    quote = claim.sentence.text.strip()
    return f"{lead}The reading says: “{quote}”".strip()


def multiple_choice(
    index: CourseIndex, module_id: str, blank: Blank, position: int, siblings: bool = True
) -> QuizItem | None:
    """Options of the key's kind; for a phrase, with ``siblings``, only phrases
    with its head noun (see :func:`.distractors.distractors`)."""
    options = distractors(index, module_id, blank, siblings=siblings)
    if len(options) < 3:
        return None
    if not siblings and blank.kind == "phrase" and (
        any(head_sibling(o, blank.key) for o in options)
        or distractors(index, module_id, blank, siblings=True)
    ):
        return None  # 'florid style' among 'mere sound', 'true worth' while the text
        # has other styles: options from outside the key's family stand out
        # (round-4 blind review: distractor-kind)
    heads = [o.split()[-1].lower() for o in options]
    if blank.kind == "phrase" and len(set(heads)) < len(heads) and (
        blank.key.split()[-1].lower() not in heads
    ):
        return None  # 'data visualization', 'graph visualization' and the key: it stands out
    choices = list(options)
    choices.insert(position, blank.key)
    why = f"{because(index, blank)} {feedback(blank.claim)}"
    return QuizItem(
        kind="multiple_choice",
        stem=blank.stem,
        choices=tuple(choices),
        answer=position,
        feedback=why + elsewhere(index, blank.claim, options),
    )


def term_options(index: CourseIndex, blank: Blank, terms: list[str]) -> list[str]:
    """Other terms the course defines, as options for a blanked defined term:
    written alike (an abbreviation for an abbreviation, a name for a name), of
    about its length, no word of the stem, no near-synonym of the key (a second
    key) and none the reading would also support in this sentence."""
    key = blank.key
    stem_words = content_words(blank.stem.replace(BLANK, " "))
    before = blank.stem.split(BLANK)[0]
    out: list[str] = []
    for term in dict.fromkeys(terms):
        if term.lower() == key.lower() or term.lower() in key.lower() or key.lower() in (
            term.lower()
        ):
            continue
        if term.isupper() != key.isupper() or abs(len(term.split()) - len(key.split())) > 1:
            continue
        if (term[:1].isupper() and not term.isupper()) != (key[:1].isupper() and not key.isupper()):
            continue
        if content_words(term) & stem_words or any(o.lower() == term.lower() for o in out):
            continue
        mine = set(term.lower().split()) - set(key.lower().split())
        if any(mine & set(o.lower().split()) for o in out):
            continue  # 'open reports', 'open participation': the key would stand out
        if _kind_of(key, term):
            continue  # a near-synonym: a second key
        if index.supported(blank.stem.replace(BLANK, term), term, 0.5):
            continue
        if index.slot_index().second_key(before, term, stem_words):
            continue
        out.append(term)
    return out


def fill_blank(
    blank: Blank, index: CourseIndex | None = None, strict: bool = True
) -> QuizItem | None:
    """Fill in the blank, only where one answer fits: never a name (any name of
    the right kind would do), a list member, a long phrase or a slot the text
    also fills with another of its phrases; with ``strict`` (unless a module is
    short of the fewest items), never the reading's wording (:func:`_wording`)."""
    if blank.kind in ("name", "place", "org", "person") or len(blank.key.split()) > 3:
        return None
    if blank.kind == "phrase" and re.search(
        r"\b(?:examples?|include[sd]?|including|such as)\b", blank.stem.split(BLANK)[0], re.I
    ):
        return None  # 'Notable examples include _____ in ...': many words would fit
    if in_list(blank):
        return None
    if filler(blank.key):
        return None  # 'essential pillars', 'broader ... principle': the reading's wording,
        # even for a module short of items (rejected in rounds 8 and 9: 'trivial')
    if index is not None and blank.kind == "phrase" and _open_slot(index, blank):
        return None
    rivals = after_rivals(index, blank) if index is not None and blank.kind == "phrase" else []
    if len(rivals) > 2:
        return None  # many phrases of the reading fit: no one answer
    if index is not None and blank.kind == "phrase" and _siblings_in_module(index, blank):
        return None  # 'The _____ is the reverse of the familiar' where the module also has
        # 'pompous style', 'vulgar style': they fit as well (round9 07-m03-FB1, second key);
        # telling them apart is a multiple choice's job
    from ..answers import variants

    before, _, after = blank.stem.partition(BLANK)
    accept = variants(blank.key, before, after, index.texts() if index else "")
    if index is not None and blank.kind == "phrase":
        accept += tuple(p for p in same_thing(index, blank) if p not in accept)
        shorter = [" ".join(p.split()[-2:]) for p in rivals if len(p.split()) > 2]
        accept += tuple(dict.fromkeys(p for p in [*rivals, *shorter] if p not in accept))
    if strict and index is not None and blank.kind == "phrase" and _wording(index, blank.key) and (
        blank.key.split()[-1] not in accept
    ):
        return None  # only the reading's adjective is right: a recall of its wording
    return QuizItem(
        kind="fill_blank",
        stem=blank.stem,
        choices=(),
        answer=blank.key,
        feedback=f"{because(index, blank)} {feedback(blank.claim)}",
        accept=accept,
    )


def same_thing(index: CourseIndex, blank: Blank) -> tuple[str, ...]:
    """The author's other word for the key in its paragraph ('gaudy style' beside
    'florid style', :func:`.distractors.described_alike`): it fills the blank as
    well, so a fill-in accepts it (blind review: 'gaudy style also fits'). Only
    when the paragraph has one such phrase, not in the stem: several ('familiar',
    'pompous', 'fine' style) are kinds the text tells apart."""
    for module_id, analysis in index.analyses.items():
        if blank.claim.sentence not in analysis.sents:
            continue
        paragraph = blank.claim.sentence.paragraph
        phrases = dict.fromkeys(
            p for s in analysis.sents if s.paragraph == paragraph
            for p in analysis.found.get(s.index, ()))
        stem = blank.stem.lower()
        alike = [p for p in phrases if p.lower() != blank.key.lower()
                 and p.split()[0].lower() not in stem
                 and described_alike(index, module_id, blank, p)]
        # one other name is the author's synonym; several are a list of kinds
        return tuple(alike) if len(alike) == 1 else ()
    return ()


THIN_STEM = 6
"""Content words in a fill-in's stem up to which it is too thin to tell the key from
another thing of its kind ('The _____ is the reverse of the familiar': 2)."""


def _siblings_in_module(index: CourseIndex, blank: Blank) -> bool:
    """Does the blank's module name other things of the key's kind, the same head
    noun with another modifier ('florid style' beside 'pompous style', 'vulgar
    style'), outside a thin stem (:data:`THIN_STEM`)? Without options a student
    may write any of them."""
    stem = blank.stem.lower()
    if len(content_words(blank.stem.replace(BLANK, " "))) > THIN_STEM:
        return False  # the sentence around the blank tells them apart
    for analysis in index.analyses.values():
        if blank.claim.sentence not in analysis.sents:
            continue
        phrases = {p for found in analysis.found.values() for p in found}
        return any(head_sibling(p, blank.key) and p.lower() not in stem for p in phrases)
    return False


def _wording(index: CourseIndex, key: str) -> bool:
    """Is ``key`` the reading's wording rather than a term: a noun with a
    describing adjective that the course writes less than three times
    ('active participation', 'essential pillars')? Recalling it tests memory
    of the sentence, and other adjectives fit the blank as well (blind review:
    'trivial', 'many fits'),
    unless the head noun alone is also accepted."""
    words = key.split()
    if len(words) < 2 or modifier_kind(key) != "adj":
        return False
    low = key.lower()
    return sum(find_words(lower, low) is not None for _, lower in index.holding(low)) < 3


def in_list(blank: Blank) -> bool:
    """Is the blank one member of a list of three or more ('A, B, and _____',
    'A, _____, C', '_____, B and C')? Recalling one member tests no understanding."""
    before, _, after = blank.stem.partition(BLANK)
    tail = before[-60:]
    if re.search(r"\b(?:and|or)\s*$", tail) and "," in tail:
        return True
    if re.search(r",[^,;]{1,40},\s*$", tail):
        return True
    if re.search(r",\s*$", tail) and re.match(r"^\s*,?\s*(?:and|or)\b", after):
        return True  # 'mediation, _____, and disaster recovery'
    return bool(re.match(r"^\s*,[^,;]{1,40}(?:,\s*|\s+)(?:and|or)\b", after))


def _open_slot(index: CourseIndex, blank: Blank) -> bool:
    """Does the course put other phrases of its own where the key stands
    ('painful for _____', 'the beginning of a _____')? Then more than one
    answer fits a blank without options."""
    before = blank.stem.split(BLANK)[0]
    stem_words = content_words(blank.stem.replace(BLANK, " "))
    return index.slot_index().rival(before, index.key_phrases(40), stem_words, blank.key)


_AFTER = re.compile(r"^\s+(of|for|to|in|on|with|from|by|among|against)\s+"
                    r"((?:the|a|an|their|its)\s+)?([a-z][\w-]+)")


def after_rivals(index: CourseIndex, blank: Blank) -> list[str]:
    """The course's other key phrases that stand where the key stands, seen from
    the words after the blank ('the _____ of the masses' where the reading also
    writes 'the average common sense of the masses'): the reading's own other
    words for the slot, which a fill-in accepts (round8 and round9 03-m05-FB1:
    'common sense also fits; accept it'); with more than two, no fill-in."""
    found = _AFTER.match(blank.stem.partition(BLANK)[2])
    if found is None or found.group(3) in STOPWORDS:
        return []
    tail = " ".join(w.strip() for w in found.groups() if w)
    key = blank.key.lower()
    out: list[str] = []
    for phrase in dict.fromkeys(index.key_phrases(40)):
        low = phrase.lower()
        if low in key or key in low or len(low) < 4 or any(low in o.lower() for o in out):
            continue
        pattern = rf"(?<![\w-]){re.escape(low)}\s+{re.escape(tail)}(?![\w-])"
        if any(re.search(pattern, lower) for _, lower in index.holding(f"{low} {tail}")):
            out.append(phrase)
    return out


_POINTS_BACK = re.compile(
    r"\b(?:these|those|such|the (?:two|three|four|latter|former|same|above|following)|"
    r"the (?:task|problem|issue|point|idea|case|result|answer|question|way|thing)s? "
    r"(?:is|was|are|were)\b)",
    re.I,
)
"""Words that lean on another sentence ('the two commands', 'these missions', 'The
task is upon ...'): a statement with them is vague on its own, neither true nor false."""


_SIMILE = re.compile(
    r"(?:^|[,;(]\s*)[Ll]ike\s+(?:a |an |the )?[a-z]\w*(?:\s+[a-z]\w*)?\s*[,;)]"
    r"|\b(?:[Aa]s if|[Aa]s though|[Jj]ust as|(?:is|are|was|were) like|as \w+ as (?:a|an))\b"
    r"|\b(?:as it were|so to speak|figuratively|metaphorically)\b"
)


def simile(statement: str) -> bool:
    """Does ``statement`` lean on a comparison ('Words, like clothes, get
    old-fashioned', 'as if', 'is like a')? An image is no fact: neither true nor
    false by the text's logic (blind review: 'simile tested as a fact')."""
    return bool(_SIMILE.search(statement))


_GUESS = re.compile(
    r"\b(?:could|may|might|perhaps|possibly|probably|likely|unlikely|seems?|seemed|appears? to|"
    r"kind of|sort of|(?:is|are|was|were|be|been) (?:theori[sz]ed|thought|believed|said|"
    r"expected|assumed|supposed|hypothesi[sz]ed|claimed) to)\b",
    re.I,
)
"""A hedge: the statement is the author's guess (or one reported: 'are theorized
to lead to'), not a fact of the reading."""
_FRONT_JUDGED = re.compile(
    r"^(?:More|Less|Most|Least|Better|Worse|Best)\s+(?:[a-z]+\s+){0,4}?(?:is|are|was|were)\b")
"""A fronted judgment: 'More useful in practice is the command less.'"""
_JUDGED = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|remains?|seems?)|\b[Ii]t['’]s)\s+(?:(?:not|often|always|never|also|"
    r"very|so|too|quite|far|much|the|a|an|all|any|an|no)\s+){0,2}(?:(?:more|less|most|least)\s+)?"
    r"(?:good|better|best|bad|worse|worst|important|essential|crucial|easy|easier|difficult|"
    r"hard|harder|right|wrong|great|greater|greatest|proper|improper|beautiful|ugly|vital|"
    r"valuable|worthy|superior|inferior|admirable|excellent|perfect|poor|wise|foolish|noble|"
    r"vulgar|useful|useless|necessary|desirable|dangerous|true|false)\b"
    r"|\b(?:should|ought to|must)\b",
    re.I,
)
"""A judgment: an evaluative predicate ('is a more difficult task', 'is good at
something') or a prescription ('should', 'must'): the author's opinion."""
_TRIVIA = re.compile(
    r"\b(?:gets?|got|takes?|took|derives?|derived|draws?)\s+(?:its|their|his|her)\s+name\b"
    r"|\bname\s+(?:comes?|came|derives?|is derived)\s+from\b|\betymolog"
    r"|\bfrom\s+the\s+(?:Greek|Latin|French|German|Arabic|Old English)\s+(?:word|for)\b",
    re.I,
)


def quoted_in(statement: str, texts: list[str], share: float = 0.6) -> bool:
    """Does one of ``texts`` (the module's objectives) quote the statement word for
    word: a run of its words, most of it (``share``), in a row? A true copy of
    such a sentence tests nothing the objective has not already said (blind
    review: 'verbatim true copy', the objective quoting the same sentence). A
    few shared words ('a command's output to a file') are no quotation."""
    words = [w.lower() for w in tokens(statement)]
    size = max(4, round(share * len(words)))
    if len(words) < size:
        return False
    wanted = {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}
    for text in texts:
        held = [w.lower() for w in tokens(text)]
        if any(" ".join(held[i:i + size]) in wanted for i in range(len(held) - size + 1)):
            return True
    return False


_NAMING = re.compile(
    r"\b(?:are|is) (?:\w+ )?(?:synonyms?|synonymous)\b"
    r"|\b(?:is|are) (?:also |often |sometimes |commonly )?(?:called|known as|referred to as)\b"
    r"|\b(?:stands?|stood) for\b|\bis (?:short|an abbreviation|an acronym) for\b"
    r"|\b(?:are|is) (?:\w+ )?(?:interchanged|used interchangeably)\b",
    re.I,
)


def naming(statement: str) -> bool:
    """Is the statement a remark on terminology ('CRS and SRS are synonyms and are
    commonly interchanged', 'X is also called Y', 'EPSG stands for ...')? True or
    swapped, it tests what things are called, not what the module teaches
    (round7 12-m01-TF1: 'terminology callout', reject)."""
    return bool(_NAMING.search(statement))


def trivia(statement: str) -> bool:
    """Is the statement trivia about a word rather than a fact of the subject
    ('The cat command gets its name from concatenate')? No item is made from it,
    true or swapped (blind review: 'etymology is trivia')."""
    return bool(_TRIVIA.search(statement))


def opinion(statement: str) -> bool:
    """Is the statement a hedge or a judgment of the author's rather than a
    fact? Copied as a true statement it asserts an opinion as a fact (blind
    review: 'verbatim hedged could as a fact', 'true/false on the author's
    evaluative claim')."""
    return bool(_GUESS.search(statement) or _JUDGED.search(statement)
                or _FRONT_JUDGED.match(statement))


def attributed(statement: str, author: str) -> str | None:
    """'According to Hazlitt, to write ... is a more difficult task.': an opinion
    made a fact about the author's view, by name; None without a name (never
    'the author', which reads as a copy of the sentence)."""
    if not author:
        return None
    first = statement.split(" ", 1)[0]
    if first.lower() in STOPWORDS or (
        first.isalpha() and first[1:].islower() and "PROPN" not in parts_of_speech(first.lower())
        and parts_of_speech(first.lower())
    ):
        statement = statement[:1].lower() + statement[1:]
    return f"According to {author}, {statement}"


def true_statement(claim: Claim, labels: tuple[str, str], author: str = "") -> QuizItem | None:
    """The statement as it stands in the reading, lightly paraphrased; never one
    that leans on another sentence (it must stand alone to be true). A hedge or
    a judgment is the author's opinion: it is attributed to the author by name
    ('According to Hazlitt, ...'), or left out when the author is not known."""
    if _POINTS_BACK.search(claim.statement) or simile(claim.statement):
        return None
    if re.match(r"(?:Perhaps|Maybe|Possibly|Probably)\b", claim.statement):
        return None  # the author's guess: neither true nor false by the text
    if trivia(claim.statement) or verbless(trimmed(claim.statement)) or naming(claim.statement):
        return None  # trivia; a fragment ('Spreadsheets like LibreOffice or Excel.'); a
        # remark on terminology
    stem = voiced(paraphrase(trimmed(claim.statement)), claim, author)
    if stem is None:
        return None
    if re.search(r"\bnot\b(?! only)|n['’]t\b", stem):
        return None  # 'X was not abstract or putative': a true negation invites a
        # guess of False; the sentence's positive half, if any, says it plainly
    if opinion(stem):
        if re.search(r"\bsomething\b|\banything\b|\beverything\b", stem, re.I):
            return None  # 'Every tool is good at something': a platitude
        stem = attributed(stem, author)
        if stem is None:
            return None
    return QuizItem(
        kind="true_false",
        stem=stem,
        choices=labels,
        answer=0,
        feedback=feedback(claim, f"{labels[0]}. "),
    )


def told_apart(
    index: CourseIndex, module_id: str, claim: Claim, labels: tuple[str, str], author: str = ""
) -> QuizItem | None:
    """A true statement that states the discrimination the module draws: 'X, not
    Y, does Z' where the module sets X and Y side by side and says Z of X only
    ('Phillips, not Tocqueville, had a much deeper awareness of ...'). Not a copy
    of the sentence (blind review: 'verbatim; paraphrase or make a false
    variant'), and a student who mixed the two up answers it wrong. The same
    checks as the false swap: the text never says Z of Y, Y is no second key."""
    if claim.negated or simile(claim.statement) or voiced(claim.statement, claim, author) is None:
        return None
    if trivia(claim.statement) or _GUESS.search(trimmed(claim.statement)) or (
        _POINTS_BACK.search(claim.statement)
    ):
        return None
    if re.search(r"\bnot\b|n['’]t\b", claim.statement):
        return None  # 'X, not Y, ... not ...': two negations to untangle
    change = _contrasted_swap(index, module_id, claim)
    if change is None:
        return None
    _, phrase, named = change
    other = named
    base = paraphrase(trimmed(claim.statement))
    if verbless(base) or opinion(base):
        return None
    place = find_words(base, phrase)
    if place is None or base.count(phrase) != 1:
        return None
    start, end = place
    rest = base[end:]
    if rest and rest[0] not in ". ":
        return None  # 'X, the ..., does': an apposition already follows the phrase
    if not start and not index.casing.is_proper(other.split()[0]):
        other = other[:1].lower() + other[1:]
    if re.search(r"\b(?:the|a|an)\s+$", base[:start], re.I):
        other = f"{base[:start].split()[-1].lower()} {other}"  # 'the X, not the Y'
    tail = "" if rest.strip() in (".", "") else ","
    stated = voiced(f"{base[:start]}{phrase}, not {other}{tail}{rest}", claim, author)
    if stated is None:
        return None
    lead = f"{labels[0]}: the reading says this of “{phrase}”, not of “{named}”. "
    return QuizItem(
        kind="true_false",
        stem=stated,
        choices=labels,
        answer=0,
        feedback=feedback(claim, lead) + _where(index, claim, named),
    )


def false_statement(
    index: CourseIndex, module_id: str, claim: Claim, labels: tuple[str, str], author: str = ""
) -> QuizItem | None:
    """The statement with one sibling from the text in place of an entity,
    number or phrase (never an antonym: 'high' for 'low' makes nonsense, not a
    plausible mistake), which the text does not support anywhere."""
    if claim.negated or simile(claim.statement) or voiced(claim.statement, claim, author) is None:
        return None
    if trivia(claim.statement) or _GUESS.search(trimmed(claim.statement)) or naming(
        claim.statement
    ):
        return None  # trivia; a hedge swapped ('Z could ...') is not false by the text
    change = (_exchange(index, module_id, claim) or _compared(index, module_id, claim)
              or _contrasted_swap(index, module_id, claim)
              or _sibling_swap(index, module_id, claim))
    if change is None:
        return None
    changed, old, new = change
    short = trimmed(changed)
    if all(part in short for part in new.split(" … ")):
        changed = short
    if bare_comparative(changed) and (
        " … " not in old and changed.endswith(".") and index.name_kind(old) == "person"
    ):  # 'Tocqueville had a much deeper awareness of X' -> '... of X than Phillips'
        changed = f"{changed[:-1]} than {old}."  # (blind review: 'lacks than Phillips')
    stem = voiced(changed, claim, author)
    if stem is None:
        return None
    lead = f"{labels[1]}: the reading says “{old}”, not “{new}”. "
    return QuizItem(
        kind="true_false",
        stem=stem,
        choices=labels,
        answer=1,
        feedback=feedback(claim, lead) + _where(index, claim, new),
    )


def _exchange(index: CourseIndex, module_id: str, claim: Claim) -> tuple[str, str, str] | None:
    """Two siblings of one sentence trade places: 'the S2 subunit guides the
    binding ..., and the S1 subunit guides the fusion' ; 'higher affinity with
    sugar receptors than protein receptors'. The relation is swapped, every word
    stays the text's own. Only when no other sentence names both."""
    analysis = index.analyses[module_id]
    text = claim.statement
    found = [
        p for p in dict.fromkeys([*analysis.key_phrases[:60], *analysis.names])
        if find_words(text, p) is not None and text.count(p) == 1
    ]
    for n, first in enumerate(found):
        for second in found[n + 1:]:
            if first in second or second in first or not _siblings(index, first, second):
                continue
            both = [s for s, low in index.lowered()
                    if first.lower() in low and second.lower() in low]
            if len(both) > 1:
                continue  # the text relates them again elsewhere: the swap may be true
            a, b = sorted((first, second), key=text.index)
            if _coordinated(text[text.index(a) + len(a):text.index(b)]):
                continue  # 'Lebanon, and Kosovo': members of one list, no relation
            if _nested(text, a, b):
                continue  # 'the S1 domain' holds 'its C-terminal domain (S1-CTD)'
            swapped = text.replace(a, "\0").replace(b, a).replace("\0", b)
            return swapped, f"{a} … {b}", f"{b} … {a}"
    return None


_THAN = re.compile(r"\b(more|less|[a-z]{3,}er|better|worse)\b[^.;:]{0,80}?\bthan\s+$")


def _compared(index: CourseIndex, module_id: str, claim: Claim) -> tuple[str, str, str] | None:
    """Two names of one kind in one comparison trade places ('Phillips had a deeper
    awareness of racism than Tocqueville' -> 'Tocqueville had ... than Phillips'): the
    comparison says who is more, so the swap is false, unless another sentence
    of the text compares them the other way. Never a hedged comparison ('may
    have been more confident'): its truth is the author's guess."""
    text = claim.statement
    if _GUESS.search(text):
        return None
    analysis = index.analyses[module_id]
    people = [n for n in analysis.names if text.count(n) == 1 and find_words(text, n) is not None
              and " and " not in n]
    for first in people:
        for second in people:
            if first == second or first in second or second in first:
                continue
            if index.name_kind(first) != index.name_kind(second):
                continue  # a person and a place: no comparison of like with like
            if first.isupper() or second.isupper():
                continue  # 'CRS', 'PROJ': formats and systems, not the sentence's actors
            a, b = text.index(first), text.index(second)
            if not re.fullmatch(r"(?:The\s+)?", text[:a]):
                continue  # the first is the subject: 'X had more ... than Y'
            comparing = _THAN.search(text[a + len(first):b]) if a < b else None
            if comparing is None:
                continue
            word = f" {comparing.group(1).lower()} "
            if len(first.split()) != len(second.split()):
                continue
            for sent, low in index.lowered():
                if sent.text == claim.sentence.text:
                    continue
                if second.lower() in low and first.lower() in low and (
                    low.index(second.lower()) < low.index(first.lower()) and " than " in low
                    and word in low
                ):
                    return None  # the text compares them the other way too
            swapped = text.replace(first, "\0").replace(second, first).replace("\0", second)
            return swapped, f"{first} … {second}", f"{second} … {first}"
    return None


_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+(?:and|or|nor|as well as)\s+|\s*,\s*(?:and|or)\s+"
                       r"|\s*,\s*[^,;:.()]{1,30}?\s*,\s*(?:(?:and|or)\s+)?)$")


def _nested(text: str, a: str, b: str) -> bool:
    """Is one sibling part of the other, as the abbreviation in brackets after it
    says ('the S1 domain' ... 'its C-terminal domain (S1-CTD)')? Then trading
    places makes nonsense, not a plausible mistake (blind review)."""
    for inner, outer in ((a, b), (b, a)):
        found = re.search(rf"{re.escape(inner)}\s*\(([^()]{{1,20}})\)", text)
        if found is None:
            continue
        labels = {w for w in re.split(r"[\s-]+", found.group(1)) if w}
        if labels & set(outer.split()):
            return True
    return False


def _coordinated(between: str) -> bool:
    """Is ``between`` (the text between two siblings) only a list's glue, perhaps
    with one more member ('Lebanon, and Kosovo'; 'A, B and C')? Then swapping
    them changes nothing a reader could get wrong."""
    return bool(_LIST_GAP.match(between))


def _siblings(index: CourseIndex, a: str, b: str) -> bool:
    """Are ``a`` and ``b`` the same kind of thing, told apart by a name or a
    label ('S1 subunit', 'S2 subunit'; two places; two people)?"""
    if same_head(a, b):
        return True
    kind = index.name_kind(a)
    plain = all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in f"{a} {b}".split())
    # two people trade places ('Tocqueville shared Phillips's concern'); two places
    # do not: one may hold the other ('the liberal countries in Europe' ->
    # 'in Denmark', blind review: nonsense)
    return plain and kind == "person" and kind == index.name_kind(b) and len(
        a.split()) == len(b.split())


_CONTRAST = re.compile(
    r"(?:\b(?:while|whereas|but|unlike|instead of|rather than|not|than|versus|vs\.?|"
    r"compared (?:to|with))|,\s+and|;)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_SHARED_HEAD = re.compile(r"^(\S+) and (\S+) (\S+)$")


def _side_by_side(between: str, before: str) -> bool:
    """Does the module set two phrases beside each other as alternatives: members
    of one list ('X and Y', 'X, Y and Z'), or a contrast ('X ...,
    while Y ...', 'unlike X, Y', 'X rather than Y')?"""
    if _coordinated(between):  # not 'X or Y', which may name one thing twice
        return not re.search(r"\bor\b", between)
    if re.search(r"\bunlike\s+(?:the\s+)?$", before, re.I) and re.fullmatch(
        r"\s*,\s*(?:the\s+)?", between
    ):
        return True
    return len(between.split()) <= 12 and bool(_CONTRAST.search(between))


def _same_kind(index: CourseIndex, a: str, b: str) -> bool:
    """Two phrases a module sets side by side that are one kind of thing: one head
    noun told apart by a modifier ('protein receptors' / 'sugar receptors'), or
    two names of one kind ('Lebanon' / 'Kosovo'), each as long as the other."""
    if len(a.split()) != len(b.split()) or a.lower() == b.lower():
        return False
    if same_head(a, b) or (len(a.split()) > 1 and a.split()[-1].lower() == b.split()[-1].lower()
                           and a.split()[0].lower() != b.split()[0].lower()):
        return True
    kind = index.name_kind(a)
    return kind in ("person", "place", "org") and kind == index.name_kind(b) and (
        a[:1].isupper() and b[:1].isupper()
    )


def _contrasts(index: CourseIndex, module_id: str) -> dict[str, list[str]]:
    """For each phrase (key phrase or name) of the module, the phrases of the
    same kind its sentences set beside it (:func:`_side_by_side`), in order."""
    if module_id in index.contrasts:
        return index.contrasts[module_id]
    analysis = index.analyses[module_id]
    phrases = [p for p in dict.fromkeys([*analysis.key_phrases[:80], *analysis.names])
               if len(p) > 1]
    found: dict[str, list[str]] = {}
    for sent in analysis.sents:
        text = sent.text
        held: list[tuple[int, str]] = []
        for p in phrases:
            place = find_words(text, p)
            if place is not None:
                held.append((place[0], p))
        held.sort()
        for n, (start, a) in enumerate(held):
            for start_b, b in held[n + 1:]:
                end = start + len(a)
                if start_b < end or a in b or b in a or not _same_kind(index, a, b):
                    continue
                if _side_by_side(text[end:start_b], text[:start]):
                    found.setdefault(a, []).append(b)
                    found.setdefault(b, []).append(a)
                break  # only the next of its kind: 'X ... with Y than Z' pairs Y and Z
    for phrase in phrases:  # 'the S1 and S2 subunits': 'S1 subunit' / 'S2 subunit'
        shared = _SHARED_HEAD.match(phrase)
        if shared is None:
            continue
        first, second, head = shared.groups()
        lowered = {p.lower(): p for p in phrases}
        heads = dict.fromkeys((head, head[:-1] if head.endswith("s") else head))
        pair = [next((lowered[k] for h in heads if (k := f"{label} {h}".lower()) in lowered), "")
                for label in (first, second)]
        if all(pair) and first.lower() != second.lower():
            found.setdefault(pair[0], []).append(pair[1])
            found.setdefault(pair[1], []).append(pair[0])
    index.contrasts[module_id] = found
    return found


def _course_contrasts(index: CourseIndex, module_id: str) -> dict[str, list[str]]:
    """The module's own pairs (:func:`_contrasts`), then those another module of
    the course sets side by side: two actors the essay compares in one lesson
    are siblings in the next one too (brief, round 10: 'a sibling of the same
    kind from the same module or course'). The module's own come first."""
    merged: dict[str, list[str]] = {p: list(o) for p, o in _contrasts(index, module_id).items()}
    for other in sorted(index.analyses):
        if other == module_id:
            continue
        for phrase, siblings in _contrasts(index, other).items():
            if index.name_kind(phrase) in ("person", "place", "org"):
                # two people another lesson compares are no siblings here: what one did
                # in this lesson the other may have done too, or had nothing to do with
                # (round10 03: 'Tocqueville' swapped in for 'Phillips' three times, a
                # second key, a wrong fact and nonsense)
                continue
            merged.setdefault(phrase, []).extend(siblings)
    return merged


def _contrasted_swap(
    index: CourseIndex, module_id: str, claim: Claim
) -> tuple[str, str, str] | None:
    """The claim's phrase replaced by one of the same kind that the module sets
    beside it ('X and Y', 'X, while Y', 'unlike X, Y'): a student who read the
    module tells the two apart (blind review: 'two commands the module
    contrasts'). Never when the text says the same of the sibling (the swap
    would be true too) or the sibling already stands in the statement."""
    text = claim.statement
    low_text = text.lower()
    contrasts = _course_contrasts(index, module_id)
    stem_words = content_words(text)
    for phrase in sorted(contrasts, key=lambda p: (-len(p), p)):
        place = find_words(text, phrase)
        if place is None or text.count(phrase) != 1:
            continue
        if _inside_name(index, module_id, text, place):
            continue  # 'Wendell Phillips' -> 'Wendell Tocqueville'; "Phillips's America"
        before = text[:place[0]]
        for other in dict.fromkeys(contrasts[phrase]):
            if other.lower() in low_text:
                continue  # 'X and Y ...': both in it, swapping changes nothing
            option = other[:1].upper() + other[1:] if not place[0] else other
            swapped = before + option + text[place[1]:]
            if index.supported(swapped, other, 0.5):
                continue  # the text says the same of the sibling
            if index.slot_index().second_key(before, other, stem_words - content_words(phrase)):
                continue
            return swapped, phrase, option
    return None


def _inside_name(index: CourseIndex, module_id: str, text: str, place: tuple[int, int]) -> bool:
    """Is the phrase at ``place`` part of a longer name the module uses ('Phillips'
    in 'Wendell Phillips' or "Phillips's America"), or of a run of capitalised
    words? Swapping it alone makes a name that does not exist."""
    start, end = place
    for name in index.analyses[module_id].names:
        if len(name) <= end - start:
            continue
        for found in re.finditer(re.escape(name), text):
            if found.start() <= start and end <= found.end():
                return True
    before, after = text[:start].split(), text[end:].split()
    prev = before[-1] if before else ""
    nxt = after[0] if after and text[end:end + 1] == " " else ""
    return bool(len(before) > 1 and prev[:1].isupper() and prev.isalpha()) or bool(
        nxt[:1].isupper() and nxt.isalpha() and len(nxt) > 1)


SWAP_ORDER = {"year": 0, "number": 0, "person": 1, "place": 1, "org": 1, "phrase": 2}


def _sibling_swap(
    index: CourseIndex, module_id: str, claim: Claim
) -> tuple[str, str, str] | None:
    """Another year, number or name of the same kind from the text; for a phrase,
    only a sibling that shares its head noun ('vulgar style' for 'florid style',
    'S2 subunit' for 'S1 subunit'): a phrase of another kind makes a statement
    that is absurd, or true of the world though the text does not say it."""
    analysis = index.analyses[module_id]
    found = [b for b in blanks(analysis, claim) if b.kind in SWAP_ORDER]
    for blank in sorted(found, key=lambda b: SWAP_ORDER[b.kind]):
        if blank.kind == "phrase":
            option = _same_head_sibling(index, module_id, blank)
        else:
            options = [
                o for o in distractors(index, module_id, blank, count=3)
                if len(o.split()) == len(blank.key.split())  # 'North' is no 'Cynthia Murphy'
            ]
            option = options[0] if options else None
        if option:
            return blank.stem.replace(BLANK, option), blank.key, option
    return None


def _same_head_sibling(index: CourseIndex, module_id: str, blank: Blank) -> str | None:
    words = blank.key.split()
    if not 2 <= len(words) <= 3:
        return None
    head = words[-1].lower()
    statement = blank.claim.statement.lower()
    stem_words = content_words(blank.stem.replace(BLANK, " "))
    before = blank.stem.split(BLANK)[0]
    for analysis, phrases in index.same_shape(module_id, 60, len(words), head):
        for phrase in phrases:
            other = phrase.split()
            if len(other) != len(words) or other[-1].lower() != head:
                continue
            if {w.lower() for w in other[:-1]} & {w.lower() for w in words[:-1]}:
                continue
            if not modifier_kind(phrase) == modifier_kind(blank.key) == "noun":
                continue  # 'sound rule' is no sibling of 'majority rule'
            if analysis.in_quote(phrase):
                continue  # someone's own words ('the "sound rule" that ...'): may be the key's
            if vague(phrase) or index.casing.is_proper(other[0]) != (
                index.casing.is_proper(words[0])
            ):
                continue
            if phrase.lower() in statement or content_words(" ".join(other[:-1])) & stem_words:
                continue
            if _kind_of(blank.key, phrase):
                continue  # 'graph visualization' is a 'data visualization': no mistake
            filled = blank.stem.replace(BLANK, phrase)
            if index.supported(filled, phrase, 0.5):
                continue
            if index.slot_index().second_key(before, phrase, stem_words):
                continue
            return phrase if blank.key[:1].islower() or not phrase[:1].islower() else (
                phrase[:1].upper() + phrase[1:])
    return None


FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|I'm|I've|I'd|I'll)\b")
OTHER_PERSON = re.compile(
    r"\b(?:we|us|our|ours|ourselves|we're|we'll|we've|you|your|yours|yourself|"
    r"thou|thee|thy|thine|thyself|ye)\b", re.I
)


KIND_OF = 0.7  # similarity above which a same-head sibling may be a kind of the key


def _kind_of(key: str, other: str) -> bool:
    """Might ``other`` name a kind of ``key``, or the same thing ('specific
    projection' / 'given projection')? Labels ('S1', 'S2') tell things apart."""
    from ..semantic import get_embedder

    if LABEL.match(key.split()[0]) and LABEL.match(other.split()[0]):
        return False
    embedder = get_embedder()
    return embedder is not None and embedder.similarity(key, [other])[other] >= KIND_OF


def voiced(statement: str, claim: Claim, author: str) -> str | None:
    """The statement in a voice fit for a quiz: a first-person sentence is the
    author's, by name ('Hazlitt hates ...'), never 'the author' (which reads as
    'The author does not know whose son it is'); a sentence to the reader or about
    'we' (an instruction, a step of the lesson) is no fact to test, nor one whose
    subject is a they/he/she it never names (:func:`.statements.unresolved_subject`): None."""
    text = claim.sentence.text
    if OTHER_PERSON.search(text):
        return None
    if unresolved_subject(statement) or unresolved_pronoun(statement):
        return None  # 'By augmenting the data ..., they were able to ...': who?
    if FIRST_PERSON.search(text):
        if not author:
            return None
        statement = re.sub(r"\b[Tt]he author's\b", f"{author}'s", statement)
        statement = re.sub(r"\b[Tt]he author\b", author, statement)
    return statement


# A short opening phrase of time or place ('In 2004,', 'During the war,').
_FRONTED = re.compile(
    r"^((?:In|On|During|By|After|Before|Since|Until|Throughout|Across|At|From|Over|Within)"
    r"\s+[^,;:]{2,40}?),\s+(?=[A-Za-z])"
)
_ORDINAL = re.compile(
    r"^(?:In the (?:first|second|third|fourth|fifth|last|next) place|First(?:ly)?|"
    r"Second(?:ly)?|Third(?:ly)?|Fourth(?:ly)?|Finally|Lastly|Next),\s+(?=\w)"
)
_LEANING = re.compile(r"(?<=\w) (?:also|in turn|therefore|thus)(?= \w)"
                      r"|,\s+(?:too|also|however|therefore|then|in turn),(?= \w)")
_ASIDE = re.compile(r"\s+\((?:e\.g\.|i\.e\.|for example|for instance|see)[^()]*\)", re.I)


_TRAILER = re.compile(r",\s+(?:which|thereby|thus|[a-z]{3,}ing)\s[^;,]*[.]$")


def trimmed(statement: str) -> str:
    """The statement without a trailing comment clause (', which suggests ...',
    ', building wide plains ...'):
    one claim per true/false item, so that what is true or false in it is
    plain (blind review: 'the long muddled second clause hides it')."""
    found = _TRAILER.search(statement)
    if found is None or len(statement[: found.start()].split()) < 6:
        return statement
    last = statement[: found.start()].split()[-1].lower()
    if parts_of_speech(last) == {"ADJ"} or last in ("a", "an", "the"):
        return statement  # 'a vital, continuing role to ...': one noun phrase, no comment
    if re.search(r"\b(?:or|and)\b", found.group(0)) and "," in statement[: found.start()]:
        return statement  # '..., how much they get, and whether they get it for farming,
        # developing their region or exporting': a list's last members, not a comment
    if re.search(r"\b(?:for|by|in|of|on|about|from|without|after|before)\s+[a-z]{3,}ing$",
                 statement[: found.start()]):
        return statement  # 'for storing, representing and transforming ...': one list
    return statement[: found.start()] + "."


def paraphrase(statement: str) -> str:
    """A true statement not copied word for word: a fronted phrase of time or
    place moved to the end ('In 2004, the Commission refused X.' -> 'The Commission
    refused X in 2004.') and asides in brackets left out."""
    text = _ASIDE.sub("", statement)
    # an ordinal that counts the author's points ('In the third place, the soul
    # ...') tells nothing once the sentence stands alone (blind review: 'tacked on
    # at the end it garbles the statement and tests an ordinal')
    bare = _ORDINAL.sub("", text)
    if bare != text:
        text = bare[:1].upper() + bare[1:]
    # an adverb that leans on the sentence before ('Phillips also developed ...',
    # '... was not abstract, either') dangles once the sentence stands alone
    text = _LEANING.sub("", text)
    text = re.sub(r",?\s+(?:either|too)(?=[.;]\s*$)", "", text)
    found = _FRONTED.match(text)
    if found and text.endswith(".") and "," not in text[found.end():]:
        rest = text[found.end():]
        opening = found.group(1)
        moved = opening[:1].lower() + opening[1:]
        text = f"{rest[:-1]} {moved}."
        text = text[:1].upper() + text[1:]
    return text


def because(index: CourseIndex | None, blank: Blank) -> str:
    """Why the key is right, beyond the sentence it comes from: the definition the
    reading gives of it, or another place where the reading uses it, so that the
    feedback teaches the term rather than only quoting ('“dsRNA” is right: the
    reading also writes “... the dsRNA genome is transcribed ...”')."""
    key = blank.key
    if index is None:
        return f"“{key}” is right."
    from .terms import definitions

    for analysis in index.analyses.values():
        if blank.claim.sentence.text not in analysis.text:
            continue
        for found in definitions(analysis):
            if found.term.lower() == key.lower() and found.sentence.text != (
                blank.claim.sentence.text
            ):
                meaning = found.definition.rstrip(".")
                if meaning[1:2].islower():
                    meaning = meaning[:1].lower() + meaning[1:]
                return f"“{key}” is right: the reading defines it as {meaning}."
    said = described(index, key, blank.claim.sentence.text)
    if said:
        return f"“{key}” is right: the reading says what it is: “{said}”"
    context = index.context_of(key, blank.claim.sentence.text, width=6)
    if context and not re.search(rf"{re.escape(key)}\s+(?:has|have|had)\b", context, re.I):
        # not what it has ('The uniq command has a -c option': a detail, 08-m02-MC1)
        return f"“{key}” is right: the reading also uses it in “…{context}…”."
    return f"“{key}” is right."


_SUBJECT_OPENING = re.compile(r"^(?:(?:the|a|an)\s+)?", re.I)


def described(index: CourseIndex, key: str, besides: str) -> str:
    """Another sentence of the reading with ``key`` as its subject and a verb
    right after it ('The uniq command filters out adjacent matching lines.'): what
    the reading says the blanked phrase is or does, so that the feedback says
    what it means here rather than only repeating it (blind review:
    'bad-feedback: the feedback repeats the answer'). Not what it has ('The uniq
    command has a -c option ...': a detail, round7 08-m02-MC1 'feedback first
    quotes the irrelevant -c sentence'). '' when there is none."""
    from ..text import is_verbish

    low = key.lower()
    for sent, lower in index.holding(low):
        if sent.text == besides:
            continue
        opening = _SUBJECT_OPENING.match(lower)
        start = opening.end() if opening else 0
        if not lower.startswith(low, start):
            continue
        rest = sent.text[start + len(key):].split()
        nxt = rest[0].strip(",").lower() if rest else ""
        if not nxt or nxt in ("which", "that", "who", "has", "have", "had") or not (
            is_verbish(nxt) or {"VERB", "AUX"} & parts_of_speech(nxt)
        ):
            continue
        words = sent.text.split()
        if not 6 <= len(words) <= 35 or not sent.text.rstrip().endswith("."):
            continue
        return sent.text.strip()
    return ""


def elsewhere(index: CourseIndex, claim: Claim, options: list[str]) -> str:
    """For each option the text uses elsewhere, where it belongs instead:
    ' “Kosovo” belongs elsewhere in the reading: “... missions in Kosovo ...”.'"""
    out = []
    for option in options:
        context = index.context_of(option, claim.sentence.text)
        if context:
            out.append(f" “{option}” belongs elsewhere: “…{context}…”.")
    return "".join(out)


def _where(index: CourseIndex, claim: Claim, swapped: str) -> str:
    """Where a true/false statement's swapped phrase belongs: not for a name, which
    the reading mentions everywhere, so that its first mention says nothing about
    the swap (blind review: 'feedback's magnum opus quote irrelevant')."""
    if index.name_kind(swapped) in ("person", "place", "org"):
        return ""
    return elsewhere(index, claim, [swapped])


def _split_compounds(claims: list[Claim], halves: list[Claim]) -> list[Claim]:
    """A compound sentence whose two halves both stand alone is quizzed as two
    short statements in its place (two items where it made one, neither giving
    the other away); a lone half waits at the end, for when the rest runs out."""
    by_sentence: dict[int, list[Claim]] = {}
    for half in halves:
        by_sentence.setdefault(half.sentence.index, []).append(half)
    out: list[Claim] = []
    for claim in claims:
        found = by_sentence.get(claim.sentence.index, [])
        out.extend(found if len(found) == 2 else [claim])
    return out + [h for h in halves if len(by_sentence[h.sentence.index]) == 1]


def _overlaps(claim: Claim, used: set[tuple[int, int]]) -> bool:
    """Has an item already been made from this text? A whole sentence overlaps
    both its halves; the two halves of one sentence do not overlap."""
    index = claim.sentence.index
    if claim.part == 0:
        return any(i == index for i, _ in used)
    return (index, 0) in used or (index, claim.part) in used


def _cues(items: list[QuizItem], item: QuizItem) -> bool:
    """Would ``item`` give away, or be given away by, an item already chosen, or
    read much like one?"""
    new = len(items)
    every = [*items, item]
    return any(new in pair for pair in cued(every)) or any(
        new in pair for pair in near_duplicates([i.stem for i in every], both_ways=True)
    )


def _flawed(item: QuizItem, text: str) -> bool:
    """Any item-writing flaw, including those only the module's text reveals."""
    return bool(check_item(item) or item_against_text(item, text))


def _order(items: list[QuizItem]) -> list[QuizItem]:
    rank = {"multiple_choice": 0, "true_false": 1, "fill_blank": 2}
    return sorted(items, key=lambda i: rank[i.kind])
