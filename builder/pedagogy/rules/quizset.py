"""A module's knowledge check put together: the sentences items come from (those
that carry the module's objectives), the kinds in a fixed plan, true/false keys
balanced over the whole course, every item pointing at the objective it tests.

Precision over count: ``[pedagogy] quiz_items`` is a maximum. An item that
assesses no stated objective is left out, and so is a kind that cannot be made
soundly (a multiple-choice item without three good distractors gives way to
another kind); the notes say when a module gets fewer items than it should.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter
from collections.abc import Iterator

from ...model import Course, Module, QuizItem
from ..answers import variants
from ..flaws import STOCK, check_item
from ..lexicon import STOPWORDS
from ..text import content_words, overlap, parts_of_speech
from .analysis import Claim, ModuleAnalysis
from .cloze import BLANK, Blank, blanks, in_stem, modifier_kind, term_blank
from .distractors import CourseIndex
from .frames import surname
from .ideas import Idea
from .quiz import (
    _cues,
    _flawed,
    _order,
    _overlaps,
    _split_compounds,
    _wording,
    elsewhere,
    false_statement,
    feedback,
    fill_blank,
    multiple_choice,
    quoted_in,
    term_options,
    told_apart,
    trimmed,
    trivia,
    true_statement,
    voiced,
)
from .terms import Definition, definitions

NOT_QUIZZED = ("metaphor", "instruction")
"""Sentence kinds no knowledge check is made from: a metaphor read as a fact, an
instruction to the reader (a procedure asks for an apply task instead)."""
MIN_ITEMS = 2  # the fewest knowledge-check items a lesson module should have
MAX_TF = 2
"""True/false items a module takes at most: past two, a set of four is one kind
of question asked over and over (course-wide siblings make swaps easy to find)."""
PLAN = ("multiple_choice", "true_false", "fill_blank", "multiple_choice", "true_false",
        "multiple_choice")
CENTRAL = 2  # ``near`` for source_claims: also the module's most central sentences
TOP = 0.4  # the share of a module's ranked sentences that counts as its most central
ASSESSES = 0.5  # share of an objective's content words a source sentence must share
LOOSELY = 0.3  # ... when that leaves a module with too few items


class QuizMaker:
    """Knowledge checks for every module of one course (keeps the course's
    true/false tally, so that keys come out 40-60% True)."""

    def __init__(self, course: Course, index: CourseIndex, labels: tuple[str, str]) -> None:
        self.seed = course.config.pedagogy.seed
        self.index = index
        self.labels = labels
        self.author = surname(course.author)
        self.tally: Counter[int] = Counter()
        self.last_resort = False
        self._definitions: dict[str, list[Definition]] | None = None
        self.objectives: list[str] = []  # the module's, for true statements they quote
        self._copies: set[int] = set()  # true statements that copy their sentence

    def make(
        self, module: Module, analysis: ModuleAnalysis, ideas: list[Idea], count: int
    ) -> list[QuizItem]:
        self.objectives = [i.objective.text for i in ideas]
        rng = random.Random(f"{self.seed}:{module.id}")
        positions: list[int] = []
        for _ in range(3):
            block = [0, 1, 2, 3]
            rng.shuffle(block)
            positions.extend(block)
        items: list[QuizItem] = []
        used: set[tuple[int, int]] = set()
        for share, near, last in ((ASSESSES, False, False), (LOOSELY, False, False),
                                  (LOOSELY, True, False), (LOOSELY, CENTRAL, False),
                                  (LOOSELY, CENTRAL, True)):
            # sentences that carry an objective; only when they give too few items,
            # those that share less of it (still about what the objective names),
            # then those of the paragraph that states it (its evidence and
            # examples), then the module's most central sentences (by the
            # salience layer), each assessing the objective closest to it; the
            # last resort, for a module short of the fewest items, multiple
            # choice whose options are not all siblings of the key
            sources = source_claims(analysis, ideas, share, near)
            if last and len(items) >= MIN_ITEMS:
                break
            self.last_resort = last
            self._fill(module, analysis, sources, MIN_ITEMS if last else count, items, used,
                       positions)
            if len(items) >= count:
                break
        self.last_resort = False
        return _order(self._without_lone_copy(items))

    def _without_lone_copy(self, items: list[QuizItem]) -> list[QuizItem]:
        """The items less a true statement copied from the text when it is the
        module's only true/false item, even when it is its only item: a lone true copy was
        'trivial' or 'edit: make a one-change false version' in every blind round
        (rounds 7-10: 07-m01, 08-m01, 11-m02, 12-m01, 01-m01), while a true statement
        beside a false one of the same module was usable (03-m03, 06-m01, round10).
        As a module's only item it fared no better (round11: 07-m02 'his has no
        referent', 08-m01, 00-m01 'loaded'): the module's note then says it has none.
        Its place in the course's true/false tally goes with it."""
        flags = [i.kind == "true_false" for i in items]
        if sum(flags) != 1:
            return items
        lone = items[flags.index(True)]
        if lone.answer != 0 or id(lone) not in self._copies:
            return items
        self.tally[0] -= 1
        return [i for i in items if i is not lone]

    def _fill(
        self,
        module: Module,
        analysis: ModuleAnalysis,
        sources: list[tuple[Claim, tuple[int, ...]]],
        count: int,
        items: list[QuizItem],
        used: set[tuple[int, int]],
        positions: list[int],
    ) -> None:
        # a term the module defines, blanked in its definition, comes first: no
        # other item may take its sentence
        plan = ["term", *PLAN[:count]] + ["multiple_choice", "fill_blank", "true_false"] * 2
        if self.last_resort:  # a true statement after every other kind: it spends the
            plan.sort(key=lambda k: k == "true_false")  # course's true/false balance
        for kind in plan:
            if len(items) == count:
                break
            if kind == "true_false" and sum(i.kind == "true_false" for i in items) >= MAX_TF:
                continue
            found = None
            if kind in ("term", "fill_blank") and not any(i.kind == "fill_blank" for i in items):
                found = self._term_item(module, analysis, sources, used, items)
            if kind == "multiple_choice":
                found = self._term_choice(module, analysis, sources, used, items, positions)
            if found is None and kind != "term":
                found = self._first_item(kind, module, analysis, sources, used, items, positions)
            if found is None:
                continue
            item, claim = found
            if item.kind == "multiple_choice":
                positions.pop(0)
            if item.kind == "true_false":
                self.tally[int(item.answer)] += 1
            placed = dataclasses.replace(item, location=module.location)
            if item.kind == "true_false" and not item.answer and quoted_in(
                    item.stem, [claim.sentence.text], 0.8):
                self._copies.add(id(placed))
            items.append(placed)
            used.add((claim.sentence.index, claim.part))

    def _want_false(self, short: bool) -> list[bool]:
        """The true/false keys this item may have: keys alternate over the course,
        a false one first, so that they are 40-60% True and never all true. An
        item that cannot be made false is left out rather than made true: a true
        statement pairs with a false one the course already has (blind review:
        one lone true statement per course, 'always True' beats the quiz). Only
        a module ``short`` of the fewest items, once every other kind has failed,
        may take a true statement while the course has no more true statements
        than false ones (the issue's minimum of two items per lesson)."""
        trues, falses = self.tally[0], self.tally[1]
        if falses > trues:
            return [False]
        return [True, False] if short and trues == falses else [True]

    def _first_item(
        self,
        kind: str,
        module: Module,
        analysis: ModuleAnalysis,
        sources: list[tuple[Claim, tuple[int, ...]]],
        used: set[tuple[int, int]],
        items: list[QuizItem],
        positions: list[int],
    ) -> tuple[QuizItem, Claim] | None:
        """The first sound item of this kind from a source not used yet."""
        short = self.last_resort and not any(i.kind == "true_false" for i in items)
        tries: list[bool | None] = [False]
        if kind == "true_false":  # None: a true statement of the discrimination the
            # module draws ('X, not Y, ...'), before a true copy of any sentence
            wants = self._want_false(short)
            tries = [w for want in wants for w in ((want,) if want else (None, False))]
        for want_false in tries:
            for claim, assesses in sources:
                if _overlaps(claim, used):
                    continue
                item = self._item(kind, module, analysis, claim, positions, want_false)
                if item is None or _flawed(item, module.text) or _cues(items, item):
                    continue
                if _key_of(item) and _key_of(item) in {_key_of(i) for i in items}:
                    continue  # two blanks on one term: the second tests nothing new
                return dataclasses.replace(item, objectives=assesses), claim
        if kind == "true_false" and True in tries:
            return self._trait_swap(module, sources, used, items)
        return None

    def _trait_swap(
        self,
        module: Module,
        sources: list[tuple[Claim, tuple[int, ...]]],
        used: set[tuple[int, int]],
        items: list[QuizItem],
    ) -> tuple[QuizItem, Claim] | None:
        """A false statement from two terms the module defines side by side
        (:meth:`_definition_swap`) where the definitions stand in a list of traits
        rather than in sentences that carry an objective ('open identities: both
        authors and reviewers are aware of ...', 'open reports: review reports are
        published ...'; round9 06-m01: 'make a one-change false item, swap
        reports/identities'). A term the module teaches is no incidental detail;
        the item assesses the objective of the source sentence nearest to it."""
        if not sources:
            return None
        for definition in self._defined().get(module.id, []):
            claim = Claim(sentence=definition.sentence, statement=definition.sentence.text,
                          clause="", score=0.0, kind="definition")
            if _overlaps(claim, used):
                continue
            item = self._definition_swap(module, claim)
            if item is None or _flawed(item, module.text) or _cues(items, item):
                continue
            where = definition.sentence.index
            nearest = min(sources, key=lambda s: abs(s[0].sentence.index - where))
            return dataclasses.replace(item, objectives=nearest[1]), claim
        return None

    def _term_item(
        self,
        module: Module,
        analysis: ModuleAnalysis,
        sources: list[tuple[Claim, tuple[int, ...]]],
        used: set[tuple[int, int]],
        items: list[QuizItem],
    ) -> tuple[QuizItem, Claim] | None:
        """Fill in the blank on a term the module defines, in its defining sentence
        (when that sentence carries an objective)."""
        terms = [d for d in definitions(analysis) if not d.term.isupper()]
        for claim, assesses, blank in self._term_blanks(terms, sources, used, analysis.claims):
            before, _, after = blank.stem.partition(BLANK)
            item = fill_blank(blank)
            if item is None:
                continue
            accept = variants(blank.key, before, after, self.index.texts())
            if not self.last_resort and _wording(self.index, blank.key) and (
                blank.key.split()[-1] not in accept
            ):
                continue  # 'The active participation of ... is ...': wording, no term
            why = f"“{blank.key}” is the term this sentence defines. {feedback(claim)}"
            item = dataclasses.replace(item, objectives=assesses, accept=accept, feedback=why)
            if not _flawed(item, analysis.text) and not _cues(items, item):
                return item, claim
        return None

    def _term_blanks(
        self,
        terms: list[Definition],
        sources: list[tuple[Claim, tuple[int, ...]]],
        used: set[tuple[int, int]],
        claims: list[Claim],
    ) -> Iterator[tuple[Claim, tuple[int, ...], Blank]]:
        """Each term blanked in its defining sentence, when that sentence carries an
        objective, is not used yet, stands in the author's voice and does not give
        the term away elsewhere in the stem; with the objectives it assesses."""
        by_index = {c.sentence.index: (c, a) for c, a in sources if c.part == 0}
        for definition in terms:
            found = by_index.get(definition.sentence.index)
            if found is None and self.last_resort and sources:
                found = _defining(definition, sources, claims)
            if found is None or _overlaps(found[0], used):
                continue
            claim, assesses = found
            if voiced(claim.statement, claim, self.author) is None:
                continue
            blank = term_blank(claim, definition.term)
            if blank is None or in_stem(blank.key, blank.stem):
                continue
            yield claim, assesses, blank

    def _defined(self) -> dict[str, list[Definition]]:
        """The terms each module defines (made once per course)."""
        if self._definitions is None:
            self._definitions = {
                k: definitions(a) for k, a in sorted(self.index.analyses.items())
            }
        return self._definitions

    def _term_choice(
        self,
        module: Module,
        analysis: ModuleAnalysis,
        sources: list[tuple[Claim, tuple[int, ...]]],
        used: set[tuple[int, int]],
        items: list[QuizItem],
        positions: list[int],
    ) -> tuple[QuizItem, Claim] | None:
        """Multiple choice on a term the module defines, in its defining sentence,
        with other terms the course defines as options: the same kind of thing (a
        term the reading teaches), each wrong for this definition, and the
        feedback says where each belongs (blind review: 'want a check on the key
        terms'). Only when three such terms pass the second-key checks."""
        defined = self._defined()
        every = [d for k in sorted(defined, key=lambda k: k != module.id) for d in defined[k]]
        for claim, assesses, blank in self._term_blanks(defined.get(module.id, []), sources,
                                                        used, analysis.claims):
            options = term_options(self.index, blank, [d.term for d in every])
            if len(options) < 3:
                continue
            choices = list(options[:3])
            choices.insert(positions[0], blank.key)
            why = f"“{blank.key}” is the term this sentence defines. {feedback(claim)}"
            item = QuizItem(
                kind="multiple_choice", stem=blank.stem, choices=tuple(choices),
                answer=positions[0], feedback=why + elsewhere(self.index, claim, options[:3]),
                objectives=assesses,
            )
            if not _flawed(item, analysis.text) and not _cues(items, item):
                return item, claim
        return None

    def _definition_swap(self, module: Module, claim: Claim) -> QuizItem | None:
        """A false statement from two terms the module defines side by side, of one
        kind ('open identities' / 'open reports': one word shared, as long as each
        other): the first's definition given for the second. A student who read the
        module tells them apart (blind review: 'which trait publishes reports
        alongside the article'). Never when the two definitions say much the same."""
        if claim.part:
            return None
        defined = self._defined().get(module.id, [])
        for first in defined:
            if first.sentence.index != claim.sentence.index:
                continue
            words = first.term.lower().split()
            for other in defined:
                theirs = other.term.lower().split()
                if theirs == words or len(theirs) != len(words) or not 2 <= len(words) <= 3:
                    continue  # two single words ('PROJ', 'WKT'): no sign of one kind
                if not (words[0] == theirs[0] or words[-1] == theirs[-1]):
                    continue  # 'open identities' / 'open reports'; 'S1 subunit' / 'S2 subunit'
                mine, yours = content_words(first.definition), content_words(other.definition)
                if not mine or len(mine & yours) / len(mine) >= 0.5:
                    continue  # the same is true of the other term
                if content_words(other.term) & mine - content_words(first.term):
                    continue  # the definition names the other term itself
                text = self._after_colon(first.definition.rstrip("."))
                stem = f"In the reading, “{other.term}” means: {text}."
                why = (f"{self.labels[1]}: the reading says this of “{first.term}”; "
                       f"“{other.term}” means: {self._after_colon(other.definition.rstrip('.'))}.")
                return QuizItem(kind="true_false", stem=stem, choices=self.labels, answer=1,
                                feedback=why)
        return None

    def _after_colon(self, text: str) -> str:
        """A definition after 'means:', its first word in lower case unless a name
        ('means: both authors and ...')."""
        opening = text.split(" ", 1)[0]
        if opening[1:].islower() and not self.index.casing.is_proper(opening):
            return text[:1].lower() + text[1:]
        return text

    def _item(
        self,
        kind: str,
        module: Module,
        analysis: ModuleAnalysis,
        claim: Claim,
        positions: list[int],
        want_false: bool | None,
    ) -> QuizItem | None:
        if trivia(claim.statement):
            return None  # 'The cat command gets its name from ...': no fact of the subject
        if kind == "true_false":
            if want_false is None:
                return told_apart(self.index, module.id, claim, self.labels, self.author)
            if want_false:
                return (false_statement(self.index, module.id, claim, self.labels, self.author)
                        or self._definition_swap(module, claim))
            if quoted_in(trimmed(claim.statement), self.objectives):
                return None  # the objective already quotes it: a true copy tests nothing
            return true_statement(claim, self.labels, self.author)
        if voiced(claim.statement, claim, self.author) is None:
            return None
        for blank in blanks(analysis, claim)[:3]:
            if blank.kind in ("year", "number") and _aside(claim):
                continue  # the year of a statistic given as an example: no central fact
            if headed(module, blank.key):
                continue  # 'The _____ of Islamic nations in ... missions' under 'Participation'
            if kind == "multiple_choice":
                # options of the key's kind only, even for a module short of items:
                # options from outside the key's family ('donation limit',
                # 'documentation' among kinds of data; 'formato', 'clip' for
                # 'volumen') were rejected in every blind round (distractor-kind);
                # a module short of items takes a fill-in or true/false instead
                item = multiple_choice(self.index, module.id, blank, positions[0])
            else:
                item = fill_blank(blank, self.index, strict=not self.last_resort)
            if item and not check_item(item):
                return item
        return None


def headed(module: Module, key: str) -> bool:
    """Is the key the module's topic word: a word, or a describing adjective and a
    noun ('active participation', 'active contributors'), whose noun a heading of
    the module names ('Participation in International Peacekeeping Missions', 'Role
    and Contribution')? The heading gives it away and any word for taking part
    fits the blank (blind review, rounds 8 and 9: 'blanks the topic word',
    'contributors is the only natural word'). A noun that names which one ('EPSG
    system', 'graph visualization') is a term, not the topic."""
    words = key.split()
    if not 1 <= len(words) <= 2 or not all(w.isalpha() for w in words):
        return False
    if len(words) == 2 and (modifier_kind(key) != "adj"
                            or "ADJ" not in parts_of_speech(words[0].lower())):
        return False  # 'uniq command': a name the lexicon does not know, no adjective
    head, mine = words[-1].lower(), words[0].lower() if len(words) == 2 else ""
    for title in [module.title, *(s.title for s in module.sections)]:
        found = [w.lower() for w in re.findall(r"[A-Za-z]+", title)]
        for n, word in enumerate(found):
            if not _same_root(head, word):
                continue
            before = found[n - 1] if n else ""
            if before != mine and "ADJ" in parts_of_speech(before) and before not in STOPWORDS:
                continue  # 'a familiar style' over a blank on 'vulgar style': a sibling
            return True
    return False


def _same_root(a: str, b: str) -> bool:
    """'contributors' / 'contribution', 'participation' / 'participation': one root
    (a shared start of at least five letters and three quarters of the shorter)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 5 and n >= 0.75 * min(len(a), len(b))


def source_claims(
    analysis: ModuleAnalysis, ideas: list[Idea], share: float = 0.5, near: int = 0
) -> list[tuple[Claim, tuple[int, ...]]]:
    """The sentences (and halves of compound sentences) items may come from, best
    first, each with the objectives an item on it assesses: the sentence an
    objective was made from, or one that shares most of its content; with
    ``near``, also a sentence of the paragraph that states an objective; with
    ``near`` = CENTRAL, also one of the module's most central sentences (the top
    :data:`TOP` of its ranking), assessing the objective whose content or
    paragraph is closest. A sentence that is neither is no source: its item
    would test something the module does not set out to teach."""
    anchors = [
        content_words(i.sentence.text) if i.sentence is not None
        else content_words(i.objective.text) - STOCK - {i.objective.verb.lower()}
        for i in ideas
    ]
    own = {i.sentence.index: n for n, i in enumerate(ideas) if i.sentence is not None}
    home: dict[int, int] = {}
    for n, i in enumerate(ideas):
        if i.sentence is not None:
            home.setdefault(i.sentence.paragraph, n)
    claims = _split_compounds(analysis.ranked_claims, analysis.clause_claims)
    top = max(4, round(TOP * len(analysis.ranked_claims)))
    out: list[tuple[int, Claim, tuple[int, ...]]] = []
    for rank, claim in enumerate(claims):
        if claim.kind in NOT_QUIZZED:
            continue
        if claim.sentence.index in own:
            out.append((0, claim, (own[claim.sentence.index],)))
            continue
        words = content_words(claim.sentence.text)
        scores = [(overlap(words, a), n) for n, a in enumerate(anchors)]
        best = max(scores, default=(0.0, 0))
        loose = ideas and ideas[best[1]].sentence is None  # an objective of the module's own
        if best[0] >= (share - 0.15 if loose else share):
            out.append((1 + rank, claim, (best[1],)))
        elif near and claim.sentence.paragraph in home:
            out.append((1000 + rank, claim, (home[claim.sentence.paragraph],)))
        elif near == CENTRAL and ideas and rank < top and claim.kind not in PERIPHERAL:
            out.append((2000 + rank, claim, (_closest(ideas, claim, scores),)))
    out.sort(key=lambda x: x[0])
    return [(claim, assesses) for _, claim, assesses in out]


PERIPHERAL = ("example", "statistic")
"""Sentence kinds that are no central claim of their own (when the salience
layer names them): only an objective's own sentences make items from them."""


def _closest(ideas: list[Idea], claim: Claim, scores: list[tuple[float, int]]) -> int:
    """The objective a central sentence's item assesses: the one sharing most of
    its content words; on a tie (or none shared), the one whose sentence is
    nearest in the text."""
    where = claim.sentence.index

    def distance(n: int) -> int:
        sentence = ideas[n].sentence
        return abs(sentence.index - where) if sentence is not None else 10_000

    best = max(scores, key=lambda s: (round(s[0], 2), -distance(s[1])))
    return best[1]


_EXAMPLE = re.compile(r"\b(?:for (?:example|instance)|e\.g\.|such as)\b|%|\bper ?cent\b", re.I)


def _aside(claim: Claim) -> bool:
    """Is the sentence an example or a statistic ('Even by 1848, for example, the
    number of Englishmen who could vote ... twenty percent ...')? A blank on its
    year or figure tests a detail, not the claim it supports (round7 03-m02-MC1:
    'year of an English statistic')."""
    return claim.kind in PERIPHERAL or bool(_EXAMPLE.search(claim.sentence.text))


def _defining(
    definition: Definition, sources: list[tuple[Claim, tuple[int, ...]]], claims: list[Claim]
) -> tuple[Claim, tuple[int, ...]] | None:
    """For a module short of items: the sentence where the module defines a term,
    though it carries no objective (a term the module teaches is no incidental
    detail; round 7 judged key terms 78% usable as is), assessing the objective
    of the source sentence nearest to it in the text."""
    where = definition.sentence.index
    claim = next((c for c in claims if c.sentence.index == where and c.part == 0), None)
    if claim is None or claim.kind in NOT_QUIZZED:
        return None
    nearest = min(sources, key=lambda s: abs(s[0].sentence.index - where))
    return claim, nearest[1]


def _key_of(item: QuizItem) -> str:
    """The term a cloze item (fill-in or multiple choice) asks for, lower case."""
    if item.kind == "fill_blank":
        return str(item.answer).lower()
    if item.kind == "multiple_choice":
        return item.choices[int(item.answer)].lower()
    return ""
