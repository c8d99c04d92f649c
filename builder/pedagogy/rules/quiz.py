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
from ..lexicon import ANTONYMS
from ..text import tokens
from .analysis import Claim
from .cloze import BLANK, Blank, blanks
from .distractors import CourseIndex, distractors


def feedback(claim: Claim, lead: str = "") -> str:
    quote = claim.sentence.text.strip()
    return f"{lead}The reading says: “{quote}”".strip()


def multiple_choice(
    index: CourseIndex, module_id: str, blank: Blank, position: int
) -> QuizItem | None:
    options = distractors(index, module_id, blank)
    if len(options) < 3:
        return None
    choices = list(options)
    choices.insert(position, blank.key)
    return QuizItem(
        kind="multiple_choice",
        stem=blank.stem,
        choices=tuple(choices),
        answer=position,
        feedback=feedback(blank.claim),
    )


def fill_blank(blank: Blank) -> QuizItem | None:
    if blank.kind in ("name", "place", "org", "person") or len(blank.key.split()) > 3:
        return None
    if blank.kind == "phrase" and re.search(
        r"\b(?:examples?|include[sd]?|including)\b", blank.stem.split(BLANK)[0], re.I
    ):
        return None  # 'Notable examples include _____ in ...': many words would fit
    from ..answers import variants

    return QuizItem(
        kind="fill_blank",
        stem=blank.stem,
        choices=(),
        answer=blank.key,
        feedback=feedback(blank.claim),
        accept=variants(blank.key),
    )


def true_statement(claim: Claim, labels: tuple[str, str]) -> QuizItem:
    return QuizItem(
        kind="true_false",
        stem=claim.statement,
        choices=labels,
        answer=0,
        feedback=feedback(claim, f"{labels[0]}. "),
    )


def false_statement(
    index: CourseIndex, module_id: str, claim: Claim, labels: tuple[str, str]
) -> QuizItem | None:
    """The statement with one meaningful substitution the text contradicts."""
    if claim.negated:
        return None
    change = _antonym_swap(index, claim) or _blank_swap(index, module_id, claim)
    if change is None:
        return None
    changed, old, new = change
    return QuizItem(
        kind="true_false",
        stem=changed,
        choices=labels,
        answer=1,
        feedback=feedback(claim, f"{labels[1]}: the reading says “{old}”, not “{new}”. "),
    )


def _antonym_swap(index: CourseIndex, claim: Claim) -> tuple[str, str, str] | None:
    text = claim.statement
    words = tokens(text)
    lower = {w.lower() for w in words}
    quoted = " ".join(re.findall(r"[\"“]([^\"”]+)[\"”]", text)).lower().split()
    for i, word in enumerate(words):
        other = ANTONYMS.get(word.lower())
        if not other or other in lower or word[:1].isupper() or word.lower() in quoted:
            continue
        around = " ".join(words[max(0, i - 1) : i + 3]).lower()
        if re.search(r"\b(more|less|than|others)\b", around):
            continue  # 'more conserved than others' flipped is still true
        changed = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", other, text, count=1)
        if not index.supported(changed, other, 0.6):
            return changed, word, other
    return None


def _blank_swap(index: CourseIndex, module_id: str, claim: Claim) -> tuple[str, str, str] | None:
    analysis = index.analyses[module_id]
    for blank in blanks(analysis, claim):
        if blank.kind == "phrase":
            continue
        options = distractors(index, module_id, blank, count=1)
        if options:
            return blank.stem.replace(BLANK, options[0]), blank.key, options[0]
    return None


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
