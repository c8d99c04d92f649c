"""Knowledge-check candidates: cloze multiple choice, fill in the blank and
true/false, each from one sentence of the reading, with distractors and
substitutions drawn from the course text and checked against it."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...model import QuizItem
from ..lexicon import AGENT_NOUNS, ANTONYMS, GENERIC, NOUN_CLASSES, STOPWORDS
from ..semantic import SYNONYM, get_embedder
from ..text import (
    Casing,
    Sentence,
    content_words,
    find_words,
    is_verbish,
    nounish,
    parts_of_speech,
    stem,
    tokens,
)
from .analysis import NUMBER, YEAR, Claim, ModuleAnalysis, norm
from .relations import SlotIndex

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


@dataclass
class CourseIndex:
    """What distractors and substitutions may be drawn from: the whole course."""

    casing: Casing
    analyses: dict[str, ModuleAnalysis]
    _words: dict[int, set[str]] = field(default_factory=dict)
    _by_word: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    _slots: SlotIndex | None = None
    _lowered: list[tuple[Sentence, str]] | None = None

    def slot_index(self) -> SlotIndex:
        if self._slots is None:
            self._slots = SlotIndex(s.text for s in self.all_sentences())
        return self._slots

    def all_sentences(self) -> Iterable[Sentence]:
        for analysis in self.analyses.values():
            yield from analysis.sents

    def words_of(self, sent: Sentence) -> set[str]:
        key = id(sent)
        if key not in self._words:
            self._words[key] = content_words(sent.text)
        return self._words[key]

    def related(self, a: str, b: str) -> bool:
        """Do words of ``a`` and ``b`` stand together in one phrase of the course
        (a sign that one could pass for the other)?"""
        if not self._by_word:
            for analysis in self.analyses.values():
                for key in analysis.phrases:
                    words = frozenset(key.split())
                    for word in words:
                        self._by_word.setdefault(word, []).append(words)
        wa, wb = set(norm(a).split()), set(norm(b).split())
        return any(words & wb for word in wa for words in self._by_word.get(word, ()))

    def name_kind(self, name: str) -> str:
        """The kind of a name across the whole course: 'other' when modules disagree
        ('Wendell Phillips' read as a place in one, 'Phillips' a person in all), so
        that a person is never swapped for a place."""
        kinds = {a.name_kind(name) for a in self.analyses.values() if name in a.names}
        last = name.split()[-1]
        if " " in name:
            kinds |= {a.name_kind(last) for a in self.analyses.values() if last in a.names}
        kinds -= {"other"}
        return kinds.pop() if len(kinds) == 1 else "other"

    def supported(self, statement: str, word: str, threshold: float = 0.5) -> bool:
        """Does some sentence containing ``word`` say much what ``statement`` says?"""
        target = content_words(statement) - content_words(word)
        if not target:
            return False
        low = word.lower()
        for sent, lower in self.lowered():
            if low in lower and find_words(lower, low) is not None:
                words = self.words_of(sent)
                if len(target & words) / len(target) >= threshold:
                    return True
        return False

    def lowered(self) -> list[tuple[Sentence, str]]:
        """Every sentence of the course with its text in lower case (made once)."""
        if self._lowered is None:
            self._lowered = [(s, s.text.lower()) for s in self.all_sentences()]
        return self._lowered


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
    """Places in the statement worth blanking, best first."""
    text = claim.statement
    options: list[tuple[float, str]] = []
    top = analysis.key_phrases[:30]
    for phrase in top + [w for w in tokens(text) if YEAR.match(w)]:
        found = list(re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text))
        if len(found) != 1 or phrase.lower() in GENERIC or phrase in analysis.group_names:
            continue
        if analysis.in_quote(phrase):
            continue
        if _splits_name(text, found[0].start(), found[0].end(), analysis.casing):
            continue
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
        after = text[found[0].end() :].split()
        if after and after[0].lower().strip(",") in SUBJECT_NEXT:
            continue  # 'the maximum amount individuals may give': the blank holds a subject
        nxt = after[0].strip(",.;:") if after else ""
        if nxt[:1].islower() and nxt.isalpha() and (
            "NOUN" in parts_of_speech(nxt) and not is_verbish(nxt) and nxt not in STOPWORDS
        ):
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
        options.append((_blank_score(analysis, phrase), phrase))
    options.sort(key=lambda x: (-x[0], x[1]))
    out: list[Blank] = []
    for _, phrase in options:
        stem = re.sub(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", BLANK, text, count=1)
        out.append(Blank(claim, phrase, kind_of(analysis, phrase), stem))
    return out


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


def distractors(index: CourseIndex, module_id: str, blank: Blank, count: int = 3) -> list[str]:
    """Same-kind options from the module first, then the course; never one the text
    would also support in this sentence."""
    home = index.analyses[module_id]
    if blank.kind in ("place", "org", "person") and index.name_kind(blank.key) != blank.kind:
        return []  # the course is unsure what the name is: no swap is safe
    pool: list[str] = []
    ordered = [home] + [a for k, a in sorted(index.analyses.items()) if k != module_id]
    for analysis in ordered:
        if blank.kind in ("year", "number"):
            pool.extend(w for s in analysis.sents for w in tokens(s.text) if _same_number(w, blank))
        elif blank.kind == "phrase":
            pool.extend(
                p
                for p in analysis.key_phrases[:40]
                if p not in analysis.names
                and not _has_number(p)
                and (" " in p or (analysis.phrases[norm(p)] >= 2 and nounish(p)))
            )
        elif blank.kind != "name":
            pool.extend(
                n for n in analysis.names
                if kind_of(analysis, n) == blank.kind == index.name_kind(n)
            )
        pool = [p for p in pool if not analysis.in_quote(p)]
    key_words = set(norm(blank.key).split())
    stem_words = content_words(blank.stem.replace(BLANK, " "))
    before = tokens(blank.stem.split(BLANK)[0])[-6:]
    window = content_words(" ".join(before))
    if blank.kind in ("place", "org", "person"):
        # a name swapped for a name: any shared topic word makes it a second key
        window |= content_words(blank.stem.replace(BLANK, " "))
        window -= {w for n in index.analyses[module_id].names for w in content_words(n)}
    local = set(index.analyses[module_id].key_phrases[:40])
    stem_before = blank.stem.split(BLANK)[0]
    fitting: list[tuple[float, int, str]] = []
    for order, option in enumerate(dict.fromkeys(pool)):
        if not _alike(option, blank, key_words, index.casing):
            continue
        if content_words(option) & stem_words or (
            index.related(option, blank.key) and not _same_head(option, blank.key)
        ):
            continue
        if blank.kind in ("place", "org", "person") and _near(index, option, window):
            continue
        if blank.kind == "phrase" and (noun_class(option) == "agent") != (
            noun_class(blank.key) == "agent"
        ):
            continue  # people for people, things for things
        if index.slot_index().second_key(stem_before, option, stem_words):
            continue  # the text puts it where the key stands: a second key
        filled = blank.stem.replace(BLANK, option)
        strict = 0.2 if blank.kind in ("place", "org", "person") else 0.5
        if index.supported(filled, option, strict):
            continue
        fitting.append((-_likeness(option, blank, option in local), order, option))
    if blank.kind == "phrase":
        fitting = _by_meaning(blank.key, fitting)
    chosen: list[str] = []
    for _, _, option in sorted(fitting):
        if len(chosen) == count:
            break
        words = set(norm(option).split())
        if any((words & set(norm(c).split())) - {_head(option)} for c in chosen):
            continue
        chosen.append(_match_case(option, blank.key, index.casing))
    return chosen


def _by_meaning(
    key: str, fitting: list[tuple[float, int, str]], count: int = 3
) -> list[tuple[float, int, str]]:
    """With the similarity model: drop near-synonyms of the key (second right
    answers) and unrelated options, and rank the rest closer in meaning first
    (more plausible). 'NS2 protein' for 'NS1 protein' is close but no synonym.
    Options are weighed in the rules' order, a few at a time, until enough
    pass (each one embedded costs about a millisecond)."""
    embedder = get_embedder()
    if embedder is None or not fitting:
        return fitting
    ranked = sorted(fitting)
    kept: list[tuple[float, int, str]] = []
    for start in range(0, len(ranked), MEANING_BATCH):
        batch = ranked[start:start + MEANING_BATCH]
        options = [option for _, _, option in batch]
        near = embedder.similarity(key, options)
        heads = embedder.similarity(key.split()[-1], [o.split()[-1] for o in options])
        for score, order, option in batch:
            # 'large donations' for 'contributions': the heads mean the same
            closeness = max(near[option], heads[option.split()[-1]])
            if UNRELATED <= closeness < SYNONYM or _same_head(option, key):
                kept.append((score - MEANING_WEIGHT * closeness, order, option))
        if len(kept) > count:
            break
    return kept


MEANING_WEIGHT = 4.0
MEANING_BATCH = 4
# Below this similarity an option has nothing to do with the key: no student
# would weigh it, so it is not offered ('collective security' for 'mutual
# growth' is 0.27, 'disaster recovery' 0.14, 'story' for 'region' 0.12).
UNRELATED = 0.1


def _head(phrase: str) -> str:
    return stem(phrase.split()[-1].lower())


LABEL = re.compile(r"^(?:[A-Z][A-Z0-9-]{0,5}|[A-Z]?\d+[A-Za-z]?)$")


def _same_head(a: str, b: str) -> bool:
    """'S protein' and 'M protein': the same kind of thing, told apart by a label.
    ('global peace' and 'long-term peace' are near-synonyms, not alternatives.)"""
    wa, wb = a.split(), b.split()
    return (
        len(wa) == len(wb) == 2
        and _head(a) == _head(b)
        and wa[0] != wb[0]
        and bool(LABEL.match(wa[0]) and LABEL.match(wb[0]))
    )


def noun_class(phrase: str) -> str:
    last = phrase.split()[-1].lower()
    if last in AGENT_NOUNS:
        return "agent"
    for name, endings in NOUN_CLASSES:
        if last.endswith(endings) and len(last) > 4:
            return name
    return "thing"


def _likeness(option: str, blank: Blank, at_home: bool) -> float:
    """How much ``option`` is the same kind of thing as the key: same head noun
    ('S protein' / 'M protein'), same noun class, same module, same length; for
    numbers, nearness in value."""
    if blank.kind in ("year", "number"):
        return -abs(math.log(_value(option) / _value(blank.key)))
    score = 1.0 if at_home else 0.0
    if _same_head(option, blank.key):
        score += 3.0
    if blank.kind == "phrase" and noun_class(option) == noun_class(blank.key):
        score += 2.0
    if len(option.split()) == len(blank.key.split()):
        score += 0.5
    return score - abs(len(option) - len(blank.key)) / 40


def _value(word: str) -> float:
    digits = re.sub(r"[^\d.]", "", word.replace(",", "")).strip(".")
    try:
        return max(float(digits), 1e-3)
    except ValueError:
        return 1.0


def _near(index: CourseIndex, option: str, window: set[str]) -> bool:
    """Is ``option`` used in the course next to the words before the slot?"""
    for sent in index.all_sentences():
        if option in sent.text and index.words_of(sent) & window:
            return True
    return False


def _same_number(word: str, blank: Blank) -> bool:
    if blank.kind == "year":
        return bool(YEAR.match(word)) and word != blank.key and word.endswith("s") == (
            blank.key.endswith("s")
        )
    same_shape = word[:1] == blank.key[:1] if not blank.key[:1].isdigit() else word[:1].isdigit()
    return bool(NUMBER.match(word)) and same_shape and word != blank.key and len(word) > 1


def _alike(option: str, blank: Blank, key_words: set[str], casing: Casing) -> bool:
    if option.lower() == blank.key.lower() or option.lower() in blank.claim.statement.lower():
        return False
    words = set(norm(option).split())
    shared = words & key_words
    if shared and (shared != {_head(option)} or not _same_head(option, blank.key)):
        return False
    if {w.rstrip("'s") for w in words} & key_words - {_head(option)}:
        return False
    if blank.kind != "phrase":
        return True
    if option.lower() in GENERIC:
        return False
    differ = words - key_words
    if any(a[:5] == b[:5] for a in differ for b in key_words - words if min(len(a), len(b)) >= 5):
        return False
    if any(a.startswith(b) or b.startswith(a) for a in differ for b in key_words - words
           if min(len(a), len(b)) >= 4):
        return False
    if _plural(option) != _plural(blank.key):
        return False
    if abs(len(option.split()) - len(blank.key.split())) > 1:
        return False
    ratio = len(option) / max(1, len(blank.key))
    if not 0.5 <= ratio <= 2.0:
        return False
    return casing.is_proper(option.split()[0]) == casing.is_proper(blank.key.split()[0])


def _match_case(option: str, key: str, casing: Casing) -> str:
    if key[:1].isupper() and not casing.is_proper(key.split()[0]):
        return option[:1].upper() + option[1:]
    if key[:1].islower() and not casing.is_proper(option.split()[0]):
        return option[:1].lower() + option[1:]
    return option


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
