"""Item-writing-flaw checks (Haladyna, Downing & Rodriguez 2002; PEDAGOGY.md).

Public entry point: :func:`course_flaws`, used by ``coursepack check`` on
authored and generated items alike. The per-item checks
(:func:`check_objective`, :func:`check_question`, :func:`check_item`) return
:class:`Problem` values and are what the generators use to filter their own
candidates; :func:`module_flaws` adds the checks that need the whole module
(grounding in its text, second keys, duplicates, alignment, Bloom balance).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..language import every_language
from ..model import Bloom, Course, Module, Objective, Question, QuizItem, SourceLocation
from .lexicon import BLOOM_VERBS, VAGUE_VERBS
from .options import other_kinds
from .text import (
    content_words,
    find_words,
    overlap,
    sentences,
    stem,
    tokens,
    word_count,
)

YES_NO_START = re.compile(
    r"^(is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b", re.I
)
OPEN_WORDS = re.compile(r"\b(why|how|to what extent|compare|what would|which|what)\b", re.I)
ALL_NONE = re.compile(r"\b(all|none|both|neither) of the (above|these)\b", re.I)
NEGATIVE_STEM = re.compile(r"\b(not|except|never)\b", re.I)
BLANK = re.compile(r"_{3,}")
HIGHER = ("analyze", "evaluate", "create")
VAGUE_PHRASES = re.compile(r"^(be aware of|be familiar with|gain an? \w+ of|get to know)\b", re.I)
# Words every generated objective or question may use without being 'about' the text.
STOCK = frozenset(
    stem(w)
    for w in """reading author claim claims argument argues essay text module section evidence
    support supports describe describes explain strong answer view conclusion student students
    example examples term terms use uses used them point statement says say means""".split()
)


@dataclass(frozen=True)
class Problem:
    """One flaw of one item, before it is placed in a module."""

    code: str
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Flaw:
    """An item-writing flaw as ``coursepack check`` reports it."""

    module_id: str
    item: str
    """Which item, counting from 1: "objective 2", "question 1", "quiz 3", or
    "module" for a flaw of the module's material as a whole."""
    code: str
    message: str
    hint: str
    location: SourceLocation | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        hint = self.hint.strip()
        if hint and not hint.endswith((".", "?", "!")):
            hint += "."
        return f"{where}{self.module_id} {self.item}: {self.message.rstrip('.')}. {hint}".rstrip()


def course_flaws(course: Course) -> list[Flaw]:
    """Every flaw of every module's objectives, questions and quiz items."""
    whole = "\n\n".join(m.text for m in course.modules)
    found = [
        flaw
        for module in course.modules
        for flaw in module_flaws(module, whole if module.kind == "synthesis" else "")
    ]
    return found + true_false_balance(course)


def true_false_balance(course: Course) -> list[Flaw]:
    """True/false keys 40-60% True over the course (Haladyna et al.: a student who
    always answers the same way must not pass). One item either way is allowed:
    three statements cannot be split evenly."""
    keys = [i.answer for m in course.modules for i in m.quiz if i.kind == "true_false"]
    trues = sum(1 for k in keys if k == 0)
    if len(keys) < 2 or abs(2 * trues - len(keys)) <= 1 or 0.4 <= trues / len(keys) <= 0.6:
        return []
    first = course.modules[0]
    return [Flaw(
        first.id, "true/false keys", "tf-balance",
        f"{trues} of {len(keys)} true/false statements in the course are true "
        f"({100 * trues // len(keys)}%)",
        "Make them 40-60% true: turn some into false statements by one meaningful change, "
        "or the reverse",
        first.location)]


def module_flaws(module: Module, context: str = "") -> list[Flaw]:
    """The flaws of one module's material. ``context``: the text objectives and
    questions may also draw on (the whole course, for a synthesis module)."""
    text = module.text
    found: list[Flaw] = []

    def add(item: str, where: SourceLocation | None, problems: list[Problem]) -> None:
        for p in problems:
            found.append(Flaw(module.id, item, p.code, p.message, p.hint,
                              where or module.location))

    for n, objective in enumerate(module.objectives, 1):
        add(f"objective {n}", objective.location,
            check_objective(objective) + _objective_grounding(objective, module, context))
    for n, question in enumerate(module.discussion, 1):
        add(f"question {n}", question.location,
            check_question(question) + _question_grounding(question, f"{text}\n{context}"))
    for n, item in enumerate(module.quiz, 1):
        add(f"quiz {n}", item.location, check_item(item) + item_against_text(item, text))
        if module.objectives and not item.objectives:
            add(f"quiz {n}", item.location, [Problem(
                "unassessed-item", "assesses no stated objective",
                "Say which objective it tests (assesses: in plan.yaml), or drop it")])
    for kind, item_name, texts in (
        ("objective", "objective", [o.text for o in module.objectives]),
        ("question", "question", [q.text for q in module.discussion]),
        ("quiz item", "quiz", [i.stem for i in module.quiz]),
    ):
        for i, j in near_duplicates(texts, both_ways=kind == "quiz item"):
            add(f"{item_name} {j + 1}", None, [Problem(
                "duplicate", f"near-duplicate of {kind} {i + 1}",
                "Rewrite it to assess something else, or drop it")])
    for j, i in cued(module.quiz):
        add(f"quiz {j + 1}", module.quiz[j].location, [Problem(
            "cued", f"its stem gives away the answer to quiz item {i + 1}",
            "Blank another part of the sentence, or drop one of the two items")])
    for n in unassessed(module.objectives, module.discussion, module.quiz):
        add(f"objective {n + 1}", module.objectives[n].location, [Problem(
            "unassessed", "no quiz item or discussion question assesses this objective",
            "Add an item that tests it (assesses: in plan.yaml) or drop the objective")])
    add("module", None, module_balance(module))
    return found


def module_balance(module: Module) -> list[Problem]:
    """Bloom balance of the objectives, true/false sets and key positions."""
    problems: list[Problem] = []
    levels = {o.bloom for o in module.objectives}
    if module.objectives and len(levels) < 2:
        problems.append(Problem(
            "bloom-levels", f"all objectives are at one Bloom level ({next(iter(levels))})",
            "Add an objective at another level"))
    if module.objectives and not levels & set(HIGHER):
        problems.append(Problem(
            "bloom-higher", "no objective at analyze, evaluate or create",
            "Add one, e.g. 'Compare ...', 'Assess ...' or 'Propose ...'"))
    tf = [i for i in module.quiz if i.kind == "true_false"]
    if len(tf) >= 2 and all(i.answer == 0 for i in tf):
        problems.append(Problem("all-true", "every true/false statement is true",
                                "Make at least one false by one meaningful change"))
    keys = [i.answer for i in module.quiz if i.kind == "multiple_choice"]
    if len(keys) >= 3 and len(set(keys)) == 1 and isinstance(keys[0], int):
        problems.append(Problem("key-position", f"every key is choice {keys[0] + 1}",
                                "Move the keys so that their positions vary"))
    return problems


# -- objectives ---------------------------------------------------------------


def check_objective(objective: Objective) -> list[Problem]:
    problems: list[Problem] = []
    text = objective.text.strip()
    first = text.split(" ", 1)[0].lower().strip(",.") if text else ""
    verb = objective.verb.lower()
    vague = VAGUE_VERBS | every_language("bloom", "vague")
    if first in vague or verb in vague or VAGUE_PHRASES.match(text):
        problems.append(Problem(
            "vague-verb", f"'{first}' is not observable",
            "Start with a measurable verb such as describe, compare or assess"))
    elif first != verb:
        problems.append(Problem(
            "verb-mismatch", f"starts with '{first}' but is tagged '{objective.verb}'",
            f"Start with '{objective.verb}' or change the tag"))
    if verb not in vague and verb not in _verbs(objective.bloom):
        level = next((b for b in BLOOM_VERBS if verb in _verbs(b)), None)
        hint = (f"'{verb}' is {_a(level)} verb: tag it {level}" if level else
                "Use one of the verbs listed for that level in PEDAGOGY.md")
        problems.append(Problem(
            "bloom-mismatch", f"'{objective.verb}' is not {_a(objective.bloom)} verb", hint))
    if not 6 <= word_count(text) <= 30:
        problems.append(Problem(
            "length", f"{word_count(text)} words", "An objective has 6-30 words"))
    return problems


def _verbs(level: Bloom) -> frozenset[str]:
    """The verbs of a Bloom level in English and in every language with data."""
    return frozenset(BLOOM_VERBS.get(level, ())) | every_language("bloom", level)


def _words(text: str) -> set[str]:
    """Content words, possessives dropped ('reading's' -> 'reading')."""
    return content_words(re.sub(r"['’]s\b", "", text))


def _matching(words: set[str], text_words: set[str]) -> int:
    """How many of ``words`` the text uses, counting 'evaporation' as 'evaporates'."""
    prefixes = {w[:6] for w in text_words if len(w) >= 6}
    return sum(1 for w in words if w in text_words or (len(w) >= 6 and w[:6] in prefixes))


def _objective_grounding(objective: Objective, module: Module, context: str) -> list[Problem]:
    words = _words(objective.text) - STOCK - {objective.verb.lower()}
    words -= {w for vs in BLOOM_VERBS.values() for w in vs}
    title = _words(module.title)
    if words and words <= title | {"role", "contribution", "importance", "overview"}:
        return [Problem("heading-only", "repeats the module heading with a verb in front",
                        "Name the specific claim, process or example students should handle")]
    found = _matching(words, _words(f"{module.text}\n{context}"))
    if words and found < (1 if len(words) <= 4 else 2):
        return [Problem("ungrounded", "is not about this module's text",
                        "Rewrite it around a claim or term this module discusses")]
    return []


# -- discussion questions -------------------------------------------------------


def check_question(question: Question) -> list[Problem]:
    problems: list[Problem] = []
    text = question.text.strip()
    last = text.rsplit(". ", 1)[-1]
    if YES_NO_START.match(last):
        problems.append(Problem("yes-no", "answerable with yes or no",
                                "Ask why, how or to what extent"))
    elif not OPEN_WORDS.search(text) and not _open_elsewhere(text):
        problems.append(Problem("closed", "not an open question",
                                "Ask why, how, to what extent or what would happen if"))
    if not text.endswith(("?", "؟")):
        problems.append(Problem("no-question-mark", "does not end with '?'", "Add one"))
    if not question.note.strip():
        problems.append(Problem("no-note", "no facilitation note",
                                "Say what a strong answer would consider"))
    if question.bloom not in HIGHER and question.bloom != "understand":
        problems.append(Problem("lower-order", f"tagged {question.bloom}",
                                "Ask for analysis or judgement, not recall"))
    return problems


def _open_elsewhere(text: str) -> bool:
    """An open question in another language: "¿Por qué …?", "Dans quelle mesure …"."""
    low = f" {' '.join(text.lower().replace('¿', ' ').split())} "
    return any(f" {w} " in low for w in every_language("bloom", "open"))


def _question_grounding(question: Question, text: str) -> list[Problem]:
    words = _words(question.text) - STOCK
    if words and not _matching(words, _words(text)):
        return [Problem("ungrounded", "names nothing from this module's reading",
                        "Anchor it in a specific claim or example of the reading")]
    return []


# -- knowledge-check items ---------------------------------------------------------


def check_item(item: QuizItem) -> list[Problem]:
    problems: list[Problem] = []
    if not item.feedback.strip():
        problems.append(Problem("no-feedback", "no feedback",
                                "Explain the answer and point to the sentence in the reading"))
    if not item.stem.strip():
        return problems + [Problem("no-stem", "empty stem", "Write the question")]
    if item.kind == "multiple_choice":
        problems.extend(_check_choices(item))
    elif item.kind == "true_false":
        if len(item.choices) != 2 or item.answer not in (0, 1):
            problems.append(Problem("true-false-shape", "not two choices with answer 0 or 1",
                                    "Give True and False and mark one"))
    elif item.kind == "fill_blank":
        problems.extend(_check_blank(item))
    return problems


def _check_blank(item: QuizItem) -> list[Problem]:
    problems: list[Problem] = []
    if len(BLANK.findall(item.stem)) != 1:
        problems.append(Problem("blank-count", "needs exactly one blank (_____)",
                                "Blank one key term"))
    answer = str(item.answer).strip()
    if not answer:
        problems.append(Problem("no-answer", "no expected answer", "Give the expected answer"))
    elif re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", item.stem, re.I):
        problems.append(Problem("answer-in-stem", "the stem gives the answer away",
                                "Blank the term where it occurs, or pick another"))
    if word_count(BLANK.sub("", item.stem)) < 7:
        problems.append(Problem("little-context", "too little context to answer",
                                "Keep the whole sentence around the blank"))
    return problems


def _check_choices(item: QuizItem) -> list[Problem]:
    choices = item.choices
    if not isinstance(item.answer, int) or not 0 <= item.answer < len(choices):
        return [Problem("no-key", "the answer is not one of the choices", "Mark the key")]
    problems: list[Problem] = []
    key = choices[item.answer]
    others = [c for i, c in enumerate(choices) if i != item.answer]
    if len(choices) < 3:
        problems.append(Problem("few-choices", f"only {len(choices)} choices",
                                "Give three plausible distractors"))
    if len({c.strip().lower() for c in choices}) != len(choices):
        problems.append(Problem("duplicate-choice", "two choices are the same",
                                "Make every choice different"))
    if any(ALL_NONE.search(c) for c in choices):
        problems.append(Problem("all-none", "uses 'all/none of the above'",
                                "Replace it with a plausible distractor"))
    if NEGATIVE_STEM.search(BLANK.sub("", item.stem)) and "**" not in item.stem:
        problems.append(Problem("negative-stem", "the stem is negative",
                                "Ask for what is true; if unavoidable, put the negative in bold"))
    problems.extend(_giveaways(item.stem, key, others))
    problems.extend(Problem(*found) for found in other_kinds(item.stem, key, others))
    return problems


def _giveaways(stem: str, key: str, others: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    longest = max((len(c) for c in others), default=0)
    if len(key) > 1.8 * longest + 4:
        problems.append(Problem("longest-key", "the key is much longer than every distractor",
                                "Make the options alike in length"))
    caps = [c[:1].isupper() for c in [key, *others] if c[:1].isalpha()]
    if caps and caps[0] != any(caps[1:]) and len(set(caps[1:])) == 1:
        problems.append(Problem("capitalisation", "only the key is capitalised differently",
                                "Capitalise the options alike"))
    before = BLANK.split(stem)[0].split()
    article = before[-1].lower() if BLANK.search(stem) and before else ""
    if article in ("a", "an"):
        fits = [(c[:1].lower() in "aeiou") == (article == "an") for c in [key, *others]]
        if fits[0] and not all(fits[1:]):
            problems.append(Problem("grammar", f"only some options fit '{article} _____'",
                                    "Make every option fit the stem's grammar"))
    plural = [_plural(c) for c in [key, *others] if c.strip()]
    if len(plural) >= 3 and len(set(plural[1:])) == 1 and plural[0] != plural[1]:
        problems.append(Problem("number", "the key differs in number from every distractor",
                                "Make the options alike in number"))
    stem_words = content_words(BLANK.sub("", stem))
    key_only = content_words(key) - set().union(*(content_words(c) for c in others))
    if key_only & stem_words:
        problems.append(Problem("clang", "a word of the stem is repeated only in the key",
                                "Reword the key or the stem"))
    elif _hidden_in_stem(stem, key, others):
        problems.append(Problem("clang", "a word of the key hides in a word of the stem "
                                "('cat' in 'concatenate')", "Reword the stem"))
    return problems


def _hidden_in_stem(stem: str, key: str, others: list[str]) -> bool:
    """Is a word only the key has spelled inside a longer word of the stem (the
    command 'cat' in "its name comes from 'concatenate'"), or does it open like
    one ('majoritarian' after 'majority')?"""
    theirs = {w.lower() for c in others for w in tokens(c)}
    mine = {w.lower() for w in tokens(key) if len(w) >= 3 and w.isalpha()} - theirs
    words = {w.lower() for w in tokens(BLANK.sub(" ", stem)) if w.isalpha()}
    if any(m in w and m != w and len(w) >= len(m) + 3 for m in mine for w in words):
        return True
    # 'majority rule ... turn into _____' with 'majoritarian tyranny' the key
    return any(len(m) >= 7 and len(w) >= 7 and m[:7] == w[:7] for m in mine for w in words)


def _plural(phrase: str) -> bool:
    words = tokens(phrase)
    if not words or words[-1][:1].isdigit() or words[-1][:1].isupper():
        return False
    last = words[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "ics", "ness"))


# -- items against the module's text --------------------------------------------------


def item_against_text(item: QuizItem, text: str) -> list[Problem]:
    """Checks that need the reading: is the item answerable, has it one key?"""
    if not text.strip():
        return []
    problems: list[Problem] = []
    sents = [s.text for s in sentences(text)]
    if item.feedback.strip() and not _points_to_text(item.feedback, text):
        problems.append(Problem("feedback-unsourced", "the feedback does not point to the reading",
                                "Quote or name the sentence the answer comes from"))
    if item.kind == "multiple_choice" and isinstance(item.answer, int) and BLANK.search(item.stem):
        if 0 <= item.answer < len(item.choices):
            problems.extend(_cloze_against_text(item, sents))
    elif item.kind == "fill_blank" and str(item.answer).strip():
        answer = str(item.answer)
        if answer.lower() not in text.lower():
            problems.append(Problem("unanswerable", f"'{answer}' does not occur in the reading",
                                    "Blank a term the reading uses"))
    elif item.kind == "true_false" and not _supported(item.stem, sents, 0.6):
        problems.append(Problem("unanswerable", "the reading does not discuss this statement",
                                "Base the statement on a sentence of the reading"))
    elif item.kind == "true_false" and item.answer == 1 and _added_not(item.stem, sents):
        problems.append(Problem("false-by-not", "made false by adding 'not'",
                                "Change one entity, number or relation instead"))
    return problems


def _cloze_against_text(item: QuizItem, sents: list[str]) -> list[Problem]:
    """The key must be supported by a sentence (or two adjacent ones, for a pronoun the
    item resolved); no distractor may be supported by any one sentence."""
    assert isinstance(item.answer, int)
    filled = [_fill_in(item.stem, c) for c in item.choices]
    problems: list[Problem] = []
    pairs = sents + [f"{a} {b}" for a, b in zip(sents, sents[1:], strict=False)]
    if not _supported(filled[item.answer], pairs, 0.7, item.choices[item.answer]):
        problems.append(Problem("unanswerable", "the reading does not support the key",
                                "Base the stem on a sentence of the reading"))
    for i, choice in enumerate(item.choices):
        if i != item.answer and _supported(filled[i], sents, 0.7, choice):
            problems.append(Problem("second-key", f"the reading also supports '{choice}'",
                                    "Replace that distractor with one the reading rules out"))
    return problems


def _fill_in(stem: str, choice: str) -> str:
    return BLANK.sub(lambda _: choice, stem, count=1)


def _supported(statement: str, sents: list[str], share: float, must: str = "") -> bool:
    target = content_words(statement)
    if not target:
        return False
    for sent in sents:
        if must and must.lower() not in sent.lower():
            continue
        if len(target & content_words(sent)) / len(target) >= share:
            return True
    return False


def _added_not(stem: str, sents: list[str]) -> bool:
    if not re.search(r"\bnot\b|n't\b", stem):
        return False
    without = re.sub(r"\s+(?:do|does|did)\s+not\b|\s+not\b|n't\b", "", stem).strip().lower()
    return any(without.rstrip(".") in s.lower() for s in sents)


def _points_to_text(feedback: str, text: str) -> bool:
    """Does the feedback quote or paraphrase a run of the reading (4 words in order)?"""
    words = [w.lower() for w in tokens(feedback)]
    haystack = " ".join(w.lower() for w in tokens(text))
    return any(" ".join(words[i : i + 4]) in haystack for i in range(len(words) - 3)) or bool(
        re.search(r"\b(paragraph|line|section) \d+", feedback)
    )


# -- sets of items -------------------------------------------------------------------


def near_duplicates(
    texts: Sequence[str], threshold: float = 0.7, both_ways: bool = False
) -> list[tuple[int, int]]:
    """Pairs of indexes whose content words overlap at least ``threshold`` (as a
    share of the shorter text; with ``both_ways``, of the longer one: two quiz
    stems about one subject, 'The armies ... bring ...' and 'The armies ... are
    known for ...', ask different things)."""
    words = [_words(t) - STOCK for t in texts]

    def share(a: set[str], b: set[str]) -> float:
        if not both_ways:
            return overlap(a, b)
        return len(a & b) / max(len(a), len(b)) if a and b else 0.0

    return [
        (i, j)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if share(words[i], words[j]) >= threshold
    ]


def cued(items: Sequence[QuizItem]) -> list[tuple[int, int]]:
    """(j, i): the stem of item j shows the answer of item i, so that a student
    who reads the whole quiz answers i from j (Haladyna et al.: items must be
    independent of each other)."""
    found: list[tuple[int, int]] = []
    for i, item in enumerate(items):
        key = _answer_text(item).lower()
        if len(key) < 3:
            continue
        found.extend(
            (j, i) for j, other in enumerate(items)
            if j != i and find_words(other.stem.lower(), key) is not None
        )
    return found


def _answer_text(item: QuizItem) -> str:
    if item.kind == "fill_blank":
        return str(item.answer).strip()
    if item.kind == "multiple_choice" and isinstance(item.answer, int) and (
        0 <= item.answer < len(item.choices)
    ):
        return str(item.choices[item.answer]).strip()
    return ""


def _a(word: str) -> str:
    """``word`` with its indefinite article: 'an apply', 'a remember'."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def unassessed(
    objectives: Sequence[Objective], questions: Sequence[Question], items: Sequence[QuizItem]
) -> list[int]:
    """Indexes of objectives that no question or item assesses."""
    covered = {i for q in questions for i in q.objectives} | {
        i for it in items for i in it.objectives
    }
    return [i for i in range(len(objectives)) if i not in covered]
