"""Teaching material in any language whose data file has pedagogy frames
(``templates/strings/language/<tag>.toml``: ``[words]``, ``[patterns]``,
``[agreement]``, ``[frames]``): Spanish, French and Arabic today.

The rules backend hands a module here when the course is not in English
(:func:`available`). The material comes from the module's central sentences
and key phrases (:mod:`.analysis`); objectives and questions from frames that
fit the kind of text (:mod:`.ideas`); knowledge checks whose options agree
with the sentence (:mod:`.items`); key terms from the definitions the text
writes in its own language ("X es …", "(abréviation de …)", "اختصار لعبارة").
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter
from collections.abc import Callable

from ...language import Language, language
from ...model import Course, Module, Objective, Question, QuizItem, Term
from ...strings import fmt
from ..backend import Material
from ..flaws import check_item, cued, item_against_text, near_duplicates
from ..notes import Notes
from ..text import paragraphs
from .analysis import Analysis, analyse
from .ideas import Idea, choose, ideas
from .items import (
    Slot,
    defined_phrases,
    false_swap,
    fill_blank,
    multiple_choice,
    mutual_swap,
    pairs_of,
    slots,
    stem,
    true_false,
    true_statement,
)
from .phrases import Occurrence, Phrase
from .text import (
    WORD,
    Sent,
    has_any,
    is_example,
    is_meta,
    is_prose,
    leans,
    norm,
    opens_on,
    ours,
    personal,
    sentences,
)

ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,8})\)")
PLAN = ("multiple_choice", "true_false", "fill_blank", "multiple_choice", "true_false",
        "multiple_choice", "fill_blank", "true_false")
SUMMARY_WORDS = 150
SUMMARY_MIN, SUMMARY_MAX = 9, 45
"""Words in a summary sentence: a shorter one rarely states an idea on its own."""


def available(tag: str) -> bool:
    """Whether the language has the data this writer needs."""
    return bool(language(tag).frames("define"))


class Writer:
    """Writes every module's material for one course."""

    def __init__(self, course: Course, notes: Notes) -> None:
        self.course = course
        self.lang: Language = language(course.language)
        self.notes = notes
        lang = self.lang
        keys = {m.id: {k for s in sentences(m.text, lang) for k in s.keys}
                for m in course.modules}
        spread = Counter(k for words in keys.values() for k in words)
        self.analyses = {m.id: analyse(m, lang, spread, len(course.modules))
                         for m in course.modules}
        self.explained: set[str] = set()
        self.text_of = " ".join(" ".join(w.lower() for w in s.words)
                                for a in self.analyses.values() for s in a.sents)
        """Every sentence of the course as lower-case words: where a phrase is used."""
        self.raw = " ".join(s.text for a in self.analyses.values() for s in a.sents)
        """Every sentence of the course as written."""
        titles = (course.title, *(m.title for m in course.modules),
                  *(s.title for m in course.modules for s in m.sections))
        self.together = pairs_of([s for a in self.analyses.values() for s in a.sents], lang,
                                 titles)
        """Word pairs the course writes together in more than one sentence."""
        self.keys: Counter[int] = Counter()
        """True (0) and false (1) keys of the course's true/false items so far."""

    def generate(self, module: Module, opening: tuple[str, str | None] = ("", None)
                 ) -> Material:
        """``opening``: the summary of the module's opening sentences (and the note
        when there is none), used when the module has too little running text for a
        summary of its central sentences."""
        analysis = self.analyses[module.id]
        counts = self.course.config.pedagogy
        glossary = self._terms(analysis)
        analysis.defined = {t.term.lower() for t in glossary}
        _quoted_terms(analysis, glossary)
        found = ideas(analysis, [t.term for t in glossary])
        chosen = choose(found, counts.objectives)
        objectives = tuple(i.objective for i in chosen)
        questions = _questions(chosen, [i for i in found if i not in chosen], counts.questions)
        if len(questions) < counts.questions and (not questions or len(chosen) < 2):
            # a module with no question, or one objective: describe a case with two
            # terms it defines
            extra = self._terms_question(analysis, chosen, glossary)
            frame = self.lang.frames("terms_apply")
            if extra and frame and len(chosen) < counts.objectives and not any(
                    _level(i.objective.bloom) >= _level("apply") for i in chosen):
                # the skill the question asks for, an objective of its own: describe a
                # case with the two terms (a module of definitions otherwise has one
                # objective at one level: round 9, 10-m02)
                pair = self._two_terms(glossary) or ("", "")
                text = fmt(frame[0], a=pair[0], b=pair[1])
                chosen.append(Idea("terms_apply", Objective(
                    text=text, verb=text.split()[0].lower(), bloom="apply"), None, None))
                extra = (dataclasses.replace(extra[0], objectives=(len(chosen) - 1,)),)
            questions = questions + extra
        rest = [i for i in found if i not in chosen]

        def assessable(item: QuizItem) -> bool:
            """Whether the item tests a chosen idea, or one that can become an objective."""
            return bool(_align((item,), chosen, self.lang)[0].objectives) or (
                len(chosen) < counts.objectives and any(
                    i.sentence is not None and i.stated and i.sentence.text in item.feedback
                    for i in rest))

        quiz = self._quiz(analysis, counts.quiz_items, assessable)
        # two siblings a sentence sets side by side, swapped, before a blank on an
        # everyday word (10-m01 'réalité')
        quiz = self._complete(analysis, quiz, counts.quiz_items, assessable, balance=False)
        if not any(_align((i,), chosen, self.lang)[0].objectives for i in quiz):
            # every module gets a knowledge check: with nothing else, one on the
            # module's everyday words rather than none
            analysis.lenient = True
            quiz = self._quiz(analysis, max(1, counts.quiz_items // 2), assessable)
        elif len(quiz) < min(2, counts.quiz_items):
            # short of two: a blank on an everyday word only where it is the crux of
            # the sentence an objective states ('les objets et les _____ entre ces
            # objets'), never at the end of a quotation no objective is about
            # (10-m01 'de la _____', réalité)
            analysis.lenient = True
            for item in self._quiz(analysis, max(1, counts.quiz_items // 2), assessable):
                said = [i.sentence.text for i in chosen if i.sentence is not None
                        and i.sentence.text in item.feedback]
                if said and len(quiz) < min(2, counts.quiz_items) and not any(
                        t in q.feedback for t in said for q in quiz) and not cued(
                        [*quiz, item]):
                    quiz = (*quiz, item)
        if not quiz:
            analysis.voiced = True
            quiz = self._quiz(analysis, 1, assessable)
        quiz = self._complete(analysis, quiz, counts.quiz_items, assessable)
        quiz = _align(quiz, chosen, self.lang)
        chosen, quiz = _adopt(chosen, rest, quiz, counts.objectives)
        chosen, questions, quiz = _covered(chosen, questions, quiz)
        # every item assesses a stated objective: one that assesses none goes
        quiz = tuple(i for i in quiz if i.objectives)
        self.keys.update(i.answer for i in quiz if i.kind == "true_false"
                         and isinstance(i.answer, int))
        objectives = tuple(i.objective for i in chosen)
        summary, missing = _summary(analysis), None
        if not summary:
            summary, missing = opening
        return Material(summary=summary, objectives=objectives, discussion=questions,
                        quiz=quiz, terms=glossary, notes=(missing,) if missing else ())

    def _terms_question(self, analysis: Analysis, chosen: list[Idea],
                        glossary: tuple[Term, ...]) -> tuple[Question, ...]:
        """A module with no other discussion question and two terms it defines (no
        abbreviation): describe a case of one's own with both, assessing the
        objective that defines the first."""
        words = self._two_terms(glossary)
        target = next((n for n, i in enumerate(chosen) if i.kind == "define"), None)
        if not words or target is None:
            return ()
        a, b = (next(t for t in glossary if t.term == w) for w in words)
        asked = fmt(self.lang.frames("q_terms")[0], a=a.term, b=b.term) if self.lang.frames(
            "q_terms") else ""
        if not asked:
            return ()
        # what the text says of each (teachers asked for both, not the first alone)
        note = fmt(self.lang.frames("note_terms")[0], a=a.term, b=b.term,
                   quote=f"{a.definition.rstrip('. ')} … {b.definition.rstrip('. ')}")
        return (Question(text=asked, bloom="analyze", note=note, objectives=(target,)),)

    @staticmethod
    def _two_terms(glossary: tuple[Term, ...]) -> tuple[str, str] | None:
        """The first two terms of the glossary that are words, not abbreviations."""
        words = [t.term for t in glossary
                 if " " in t.term or sum(c.isupper() for c in t.term) < 2]
        return (words[0], words[1]) if len(words) >= 2 else None

    def _pool(self, module_id: str) -> list[Phrase]:
        """Distractor candidates: this module's defined terms and key phrases, its
        phrases that share a head with another ("eje horizontal", "eje vertical"),
        then the other modules' key phrases."""
        analysis = self.analyses[module_id]
        # (written more than once, or the counterpart of a two-word key phrase: "sonido
        # será", a noun and a verb once, is neither)
        repeated = [p for p in analysis.phrases.values() if p.words >= 2
                    and len({o.sentence for o in p.occurrences}) > 1]
        heads = Counter(p.key.split()[0] for p in repeated)
        keys = {p.key.split()[0]: p.words for p in analysis.key_phrases if p.words >= 2}
        paired = [p for p in analysis.phrases.values() if p.words >= 2 and (
            p in repeated and heads[p.key.split()[0]] > 1
            or keys.get(p.key.split()[0]) == p.words)]
        own = defined_phrases(analysis) + analysis.key_phrases[:10] + paired
        rest = [p for k, a in self.analyses.items() if k != module_id
                for p in a.key_phrases[:6]]
        return own + rest

    def _quiz(self, analysis: Analysis, count: int,
              assessable: Callable[[QuizItem], bool]) -> tuple[QuizItem, ...]:
        module = analysis.module
        rng = random.Random(f"{self.course.config.pedagogy.seed}:{module.id}")
        positions = [p for _ in range(3) for p in rng.sample(range(4), 4)]
        pool = self._pool(module.id)
        # never a sentence in the author's voice ("nous devons", "نحن نشجع"): an item
        # would copy it; a module with nothing else gets a blank in one, never a
        # statement to judge (true/false refuses the voice itself)
        candidates = [s for s in analysis.ranked if not s.text.endswith(("?", "!", "؟"))
                      and (analysis.voiced or not ours(s, self.lang))]
        used: set[int] = set()
        asked: Counter[str] = Counter()  # how often each key phrase is the answer
        items: list[QuizItem] = []
        # a module's first statement to judge is a false one, changed in one thing
        # the text contrasts; a statement copied true only next to a false one (a lone
        # verbatim true statement tests nothing: round 9, 09-m01-TF1, 10-m01-TF1)
        falses = 0
        for kind in PLAN:
            if len(items) >= count:
                break
            # the module's main concepts first, in any sentence; then any key phrase
            tries = [(limit, sent) for limit in (4, 12) for sent in candidates]
            polarities = ((False, True) if falses else (True,)) if kind == "true_false" else (
                False,)
            attempts = [(limit, sent, polarity) for polarity in polarities
                        for limit, sent in tries]
            for limit, sent, polarity in attempts:
                if sent.index in used:
                    continue
                # a key phrase is the answer once, twice at most when the module has few
                # (an everyday word, blanked only for want of anything else: once)
                enough = 1 if limit == 4 or analysis.lenient else 2
                item = self._item(kind, analysis, sent, pool, positions, polarity, items,
                                  limit, {k for k, n in asked.items() if n >= enough})
                if item is None or not assessable(item):
                    continue
                if kind == "true_false" and polarity:
                    falses += 1
                if kind == "multiple_choice":
                    positions.pop(0)
                items.append(dataclasses.replace(item, location=module.location))
                used.add(sent.index)
                asked.update(p.key for p in analysis.key_phrases if p.text in _answer(item))
                break
        return tuple(items)

    def _complete(self, analysis: Analysis, quiz: tuple[QuizItem, ...], count: int,
                  assessable: Callable[[QuizItem], bool], balance: bool = True
                  ) -> tuple[QuizItem, ...]:
        """A module short of its two items gets a false statement that swaps two
        siblings a sentence sets side by side (:func:`.items.mutual_swap`; the
        sentence's own blank or swap, when it had one, came first). Then, while the
        course's statements to judge lean false (a student who always answers
        "false" would pass), a module with a false one gets a true one beside it."""
        items = list(quiz)
        lang = self.lang
        candidates = [s for s in analysis.ranked if not s.text.endswith(("?", "!", "؟"))
                      and not ours(s, lang)]
        used = {s.index for s in analysis.sents if any(s.text in i.feedback for i in items)}
        # a sentence that leans on the one before ("Chaque objet représente une réalité
        # complexe. Il comporte …") is quoted with it: the pronoun gets its noun
        joined = [Sent(f"{before.text} {sent.text}", sent.index, sent.paragraph,
                       before.words + sent.words, before.keys + sent.keys)
                  for before, sent in zip(analysis.sents, analysis.sents[1:], strict=False)
                  if before.paragraph == sent.paragraph and leans(sent, lang)
                  and not leans(before, lang) and is_prose(sent) and is_prose(before)
                  and not ours(sent, lang) and not ours(before, lang)
                  and before.index not in used]
        for sent in candidates + joined:
            if len(items) >= min(2, count):
                break
            if sent.index in used:
                continue
            item = mutual_swap(sent, lang, self.together)
            if item is None or check_item(item) or cued([*items, item]) or any(
                    _swapped(i) == _swapped(item) for i in items) or not assessable(item):
                continue
            items.append(dataclasses.replace(item, location=analysis.module.location))
            used.add(sent.index)
        keys = Counter(i.answer for i in items if i.kind == "true_false")
        if balance and keys[1] and self.keys[1] + keys[1] > self.keys[0] + keys[0]:
            pool = self._pool(analysis.module.id)
            # what a term the module defines is, said in its opening words ("Les
            # données sont des symboles …"), before other central sentences
            terms = tuple(analysis.defined)
            candidates.sort(key=lambda s: not any(
                t in " ".join(s.words[:5]).lower() for t in terms))
            for sent in candidates if len(items) < count else ():
                if sent.index in used:
                    continue
                item = self._item("true_false", analysis, sent, pool, [0], False, items, 12)
                if item is not None and item.answer == 0 and assessable(item):
                    items.append(dataclasses.replace(item, location=analysis.module.location))
                    break
            else:
                # no key phrase to build on: the module's most central statement
                # that stands alone, judged true
                for sent in candidates if len(items) < count else ():
                    if sent.index in used or leans(sent, lang) or is_example(sent, lang) or (
                            _for_reader(sent, lang, lang.words("procedure"))):
                        continue  # ("Observa cómo …": a pointer for the reader, not a claim)
                    item = true_statement(sent, lang)
                    if item is None or check_item(item) or cued([*items, item]) or not (
                            assessable(item)):
                        continue
                    items.append(dataclasses.replace(item, location=analysis.module.location))
                    break
        return tuple(items)

    def _item(self, kind: str, analysis: Analysis, sent: Sent, pool: list[Phrase],
              positions: list[int], want_false: bool, items: list[QuizItem],
              limit: int = 8, avoid: set[str] | None = None) -> QuizItem | None:
        """The first item on a key phrase of ``sent`` that passes the item-writing
        checks of ``coursepack check`` and gives away no other item's answer."""
        if kind == "true_false" and want_false:
            # a false statement only where the text itself contrasts two phrases
            item = false_swap(analysis, sent, self.lang)
            if item is None or check_item(item) or cued([*items, item]):
                return None
            if any(_swapped(i) == _swapped(item) for i in items if i.kind == "true_false"):
                return None  # the same two phrases swapped again tests nothing new
            return item
        for slot in slots(analysis, sent, limit):
            if avoid and slot.phrase.key in avoid:
                continue
            item = _make(kind, slot, pool, self.lang, positions[0], want_false, self.text_of,
                         self.raw)
            if item is None or check_item(item) or item_against_text(item, analysis.module.text):
                continue
            if cued([*items, item]):
                continue
            return item
        if kind == "true_false" and not want_false and any(
                t in sent.text.lower() for t in analysis.defined):
            # a sentence that states what a defined term is, judged true: it asks
            # whether the student recognises the definition
            item = true_statement(sent, self.lang)
            if item is not None and not check_item(item) and not cued([*items, item]):
                return item
        return None

    def _terms(self, analysis: Analysis) -> tuple[Term, ...]:
        """Terms the module defines in its own words, one each, none defined before."""
        found: list[Term] = []
        text = " ".join(s.text for s in analysis.sents)
        for sent in analysis.sents:
            for term, definition in _definitions(sent, self.lang, self.notes, text):
                if term.lower() in self.explained or len(found) >= 6:
                    continue
                self.explained.add(term.lower())
                definition = _completed(definition, sent, analysis.sents, self.lang)
                definition = _uncircled(definition, term, self.lang)
                found.append(Term(term, _unvoiced(definition, self.lang),
                                  analysis.module.location))
        return tuple(found)


def _uncircled(definition: str, term: str, lang: Language) -> str:
    """'… مع أدوات للمساعدة … من خلال اعتماد الطريق المُمهد': a gloss that ends on a
    means ("through", "by means of") that is the term itself, maybe after a word or two
    ("adopting", "l’adoption du"), says nothing by it: the tail goes (round 9 05-m01-T3)."""
    means = "|".join(re.escape(w) for w in lang.words("through"))
    if not means:
        return definition
    found = re.search(rf"[\s,،]+(?:{means})\s+(?:\S+\s+){{0,2}}{re.escape(term)}\s*[.!]?$",
                      definition)
    if found is None or len(WORD.findall(definition[: found.start()])) < 6:
        return definition
    return definition[: found.start()].rstrip(" ,،") + "."


def _completed(definition: str, sent: Sent, sents: list[Sent], lang: Language) -> str:
    """A gloss whose head says nothing specific ("Una forma frecuentemente utilizada
    para representar sonido": a way, a kind, a form) completed with the next sentence
    of its paragraph when that one says what a part of it shows (``[words] shows``: "El eje
    horizontal representa el tiempo …"; round 9 09-m01-T1: "gloss says nothing
    specific"), without its asides in brackets. Unchanged otherwise."""
    words = WORD.findall(definition)
    if len(words) < 2 or words[0].lower() not in lang.articles or (
            words[1].lower() not in lang.words("generic")):
        return definition
    after = next((s for s in sents if s.index == sent.index + 1), None)
    if after is None or after.paragraph != sent.paragraph or leans(after, lang) or ours(
            after, lang) or has_any(after, lang.words("second_person")):
        return definition
    text = re.sub(r"\s*\([^()]*\)", "", after.text).strip()
    first = WORD.findall(text)[:1]
    if not text.endswith(".") or not first or first[0].lower() not in lang.articles or not (
            5 <= len(WORD.findall(text)) <= 25) or not has_any(after, lang.words("shows")):
        return definition  # (a sentence on something else says nothing of the thing)
    return f"{definition.rstrip(' .')}; {text[:1].lower()}{text[1:]}"


_OTHER_NAME = re.compile(r"\((?P<name>[a-z][a-z-]+(?: [a-z][a-z-]+){0,2})\)")
_SET_OFF = re.compile(r"[«\"“]\s*[*_]*(?P<term>[^»\"”*_\n]{2,30}?)[*_]*\s*[»\"”]")


def named_terms(text: str, lang: Language, count: int = 4) -> list[str]:
    """Terms a module names without a sentence the rules can quote as a definition:
    a phrase followed by its name in another language in brackets ("un pequeño
    fundido de entrada (fade in)" -> "fundido de entrada (fade in)"), a term the text
    sets in quotation marks after an indefinite article ("Un “crossfade” como
    este"). What an instructor note names instead of saying the module defines no
    term (round 9 09-m02-N1). Latin-script languages only (a name in brackets
    after Arabic words is an abbreviation, see :func:`_glossed`)."""
    out: list[str] = []
    if not any("a" <= c <= "z" for c in "".join(lang.words("stop"))):
        return out
    stop = lang.stopwords
    joins = {w for w in stop if len(w) <= 3}
    for found in _OTHER_NAME.finditer(text):
        name = found.group("name")
        if any(w in stop for w in name.split()):
            continue  # "(en inglés)": an aside in the course language
        before = WORD.findall(text[: found.start()])[-4:]
        words: list[str] = []
        for word in reversed(before):
            low = word.lower()
            if low in joins and words and len(words) == 1:
                words.insert(0, word)  # "fundido de entrada"
                continue
            if low in stop or not word.isalpha() or len([w for w in words
                                                         if w.lower() not in joins]) >= 2:
                break
            words.insert(0, word)
        while words and words[0].lower() in joins:
            words.pop(0)
        if words and words[0][:1].islower():
            out.append(f"{' '.join(words)} ({name})")
    articles = "|".join(re.escape(a) for a in lang.articles if a[-1:].isalpha())
    for found in re.finditer(rf"(?<!\w)(?:{articles})\s+{_SET_OFF.pattern}", text, re.I):
        term = found.group("term").strip()
        if _good_term(term, lang) and len(term.split()) <= 3:
            out.append(term)
    seen: dict[str, str] = {}
    for term in out:
        seen.setdefault(term.lower(), term)
    return list(seen.values())[:count]


def _quoted_terms(analysis: Analysis, glossary: tuple[Term, ...]) -> None:
    """A defined term the text writes in quotation marks ("un « cas », ou
    « enregistrement »") is a phrase of the module too, to be blanked where it
    stands: the term the module defines is the best target of a question."""
    for term in glossary:
        key = " ".join(norm(w, analysis.lang) for w in WORD.findall(term.term))
        if not key or key in analysis.phrases:
            continue
        found = Phrase(key, term.term, "?.sg")
        pattern = re.compile(rf"[«\"“]\s*({re.escape(term.term)})\s*[»\"”]", re.I)
        for sent in analysis.sents:
            for match in pattern.finditer(sent.text):
                found.occurrences.append(Occurrence(sent.index, match.start(1), match.start(1),
                                                    match.end(1), ""))
        if found.occurrences:
            analysis.phrases[key] = found


def _swapped(item: QuizItem) -> frozenset[str]:
    """The two phrases a false statement swaps (the first two quotations of its
    feedback: "la lectura dice «eje vertical», no «eje horizontal»")."""
    if item.answer != 1:
        return frozenset()
    return frozenset(re.findall(r"«\s*([^»]+?)\s*»", item.feedback)[:2])


def _answer(item: QuizItem) -> str:
    if item.kind == "multiple_choice" and isinstance(item.answer, int):
        return item.choices[item.answer]
    return item.feedback if item.kind == "true_false" else str(item.answer)


def _make(kind: str, slot: Slot, pool: list[Phrase], lang: Language, position: int,
          want_false: bool, text_of: str, raw: str = "") -> QuizItem | None:
    if kind == "multiple_choice":
        return multiple_choice(slot, pool, lang, position, text_of)
    if kind == "fill_blank":
        return fill_blank(slot, lang, text_of, raw)
    return true_false(slot, pool, lang, want_false, text_of)


def _definitions(sent: Sent, lang: Language, notes: Notes, text: str = ""
                 ) -> list[tuple[str, str]]:
    """(term, definition) for each definition the sentence writes."""
    out: list[tuple[str, str]] = []
    patterns = lang.data.get("patterns", {})
    for source in patterns.get("short_for", ()):
        for match in re.finditer(source, sent.text):
            long_form = match.group("def").strip(" «»\"“”")
            out.append((match.group("term"), notes.abbreviation(long_form)))
    out.extend((abbr, notes.abbreviation(long)) for abbr, long in _acronyms(sent, lang, text)
               if abbr not in {t for t, _ in out})
    if out:
        return out
    for source in patterns.get("definition", ()):
        defined = re.search(source, sent.text, re.I)
        if defined is None:
            continue
        term = lang.bare(defined.group("term").strip(" «»\"“”*_")).strip(" «»\"“”*_")
        rest = defined.group("def").strip()
        if not _good_term(term, lang) or len(rest.split()) < 3:
            continue
        if _judged(rest, lang):
            # "X هو أسهل طريقة …", "X es la mejor forma …": a benefit, no gloss, and
            # the sentence defines nothing else
            return []
        # "X est …" quotes from the term on; "définir X comme …" gives what follows
        before = WORD.findall(sent.text[defined.start(): defined.start("term")])
        leads = all(w.lower() in lang.articles or w.lower() in lang.words("concept")
                    for w in before)
        definition = sent.text[defined.start():].lstrip(" ,;:،") if leads else rest
        predicate = rest.strip(" «»\"“”").rstrip(" .«»\"“”")
        low = predicate.lower().replace("’", "'")
        if leads and any(low.startswith(a if a.endswith("'") else a + " ")
                         for a in lang.articles):
            # "X est « un ensemble de … »": what X is, a noun phrase, without the
            # sentence around it (the gloss never repeats the term it defines)
            definition = predicate
        out.append((term, _sentence(definition)))
        break
    if out:
        return out
    # "يهدف الطريق الممهد إلى …", "X vise à …": what the thing is for, said of it
    frame = lang.frames("gloss_aim")
    for source in patterns.get("aim", ()) if frame else ():
        aimed = re.search(source, sent.text, re.I)
        if aimed is None:
            continue
        term = lang.bare(aimed.group("term").strip(" «»\"“”*_")).strip(" «»\"“”*_")
        if _good_term(term, lang) and len(aimed.group("def").split()) >= 4:
            out.append((term, _sentence(fmt(frame[0], aim=aimed.group("def").strip()))))
            return out
    # "nous appelons cela « la cardinalité »", "lo que significa que …": the sentence
    # names a term and says what it is around it; the definition is the sentence
    for source in patterns.get("naming", ()):
        for named in re.finditer(source, sent.text, re.I):
            term = lang.bare(named.group("term").strip(" «»\"“”*_")).strip(" «»\"“”*_")
            if _good_term(term, lang) and len(sent.words) >= len(term.split()) + 4 and (
                    term.lower() not in {t.lower() for t, _ in out}):
                clause = _standalone(sent.text, named, lang)
                said = _gloss(sent.text[named.end("term"):], lang, sent.text) or _named_after(
                    clause, lang) or _each(clause, lang)
                out.append((term, _sentence(said)))
    # two names of one thing ("« caractéristique », ou « attribut »") share a
    # definition: one term, the last name
    last = {definition: term for term, definition in out}
    return [(t, _unnamed(d, t)) for t, d in out if last[d] == t]


def _unvoiced(definition: str, lang: Language) -> str:
    """A gloss in no one's voice: the author's "we" taken out by the language's
    ``[unvoice]`` table ("nous permet de définir nos objets" -> "permet de définir les
    objets"; round 9 10-m03-T2, narrative voice)."""
    for said, plain in lang.data.get("unvoice", {}).items():
        definition = re.sub(rf"(?<!\w){re.escape(said)}(?!\w)", str(plain), definition)
    return definition


def _judged(predicate: str, lang: Language) -> bool:
    """Whether what a sentence says a thing is opens on a judgement ("أسهل طريقة",
    "la mejor forma", "le moyen le plus simple"): a benefit claim, not a definition
    (round 9 05-m01-T3)."""
    head = Sent(predicate, 0, 0, tuple(WORD.findall(predicate)[:5]), ())
    return has_any(head, lang.words("evaluative"))


def _unnamed(definition: str, term: str) -> str:
    """'Ligne du tableau qui représente un « cas », ou « enregistrement »' as the
    definition of « enregistrement »: without the term's own name, which would make
    it circular (round7 10-m02-T1/T2): 'Ligne du tableau qui représente un « cas »'."""
    named = re.compile(rf"\s*,?\s+\w{{1,3}}\s+[«\"“]\s*{re.escape(term)}\s*[»\"”]", re.I)
    found = named.search(definition)
    if found is None or len(WORD.findall(definition[: found.start()])) < 4:
        return definition
    return named.sub("", definition, count=1)


def _named_after(clause: str, lang: Language) -> str:
    """"On définit les possibilités … dans leurs relations - nous appelons cela la X":
    what is named is the object of the clause, a noun phrase ("Les possibilités …
    dans les relations"), not the sentence in the author's narrative voice; a
    possessive whose owner is in another sentence loses it (``[dangling]``). ''
    when the clause has no such shape."""
    for source in lang.data.get("patterns", {}).get("named_after", ()):
        found = re.match(source, clause.strip(), re.I)
        if found is None:
            continue
        said = found.group("def").strip(" ,;:")
        table = lang.data.get("dangling", {})
        for owner, plain in sorted(table.items(), key=lambda pair: -len(pair[0])):
            said = re.sub(rf"(?<!\w){re.escape(owner)}(?!\w)", str(plain), said)
        return said if len(WORD.findall(said)) >= 3 else ""
    return ""


def _subject_head(text: str, lang: Language) -> str:
    """The noun a sentence opens on after its article ("La grabación de Bach fue …" ->
    "grabación", "La primera toma fue …" -> "toma"): the last of the words before the
    first stop word; '' when the sentence opens on no article."""
    words = WORD.findall(text)
    if not words or words[0].lower() not in lang.articles:
        return ""
    run: list[str] = []
    for word in words[1:4]:
        if word.lower() in lang.stopwords:
            if run:
                break
            continue  # "la primera toma": a determiner-like word before the noun
        run.append(word)
    return run[-1] if run and run[-1].isalpha() and run[-1].islower() else ""


def _gloss(after: str, lang: Language, sentence: str = "") -> str:
    """What the words right after a term say it is, without the example around it:
    an apposition ("…en un bastidor, una estructura utilizada para …" -> "una
    estructura utilizada para …") or a meaning ("…en estéreo, lo que significa que
    había dos canales" -> "Significa que había dos canales"); '' when none."""
    patterns = lang.data.get("patterns", {})
    found = ""
    for source in patterns.get("apposition", ()):
        match = re.match(source, after, re.I)
        if match is not None:
            found = match.group("def")
            break
    else:
        frame = lang.frames("gloss_meaning")
        for source in patterns.get("meaning", ()) if frame else ():
            match = re.match(source, after, re.I)
            if match is not None:
                found = fmt(frame[0], meaning=match.group("def"))
                # "…en estéreo, lo que significa que había dos canales": what the thing
                # has, said of what the sentence is about ("Grabación con dos canales"),
                # not the narrative "Significa que había …" (round 9, 09-m01-T2)
                head, with_frame = _subject_head(sentence, lang), lang.frames("gloss_with")
                for has in lang.data.get("patterns", {}).get("existential", ()):
                    thing = re.match(has, match.group("def").strip(), re.I)
                    if thing is not None and head and with_frame:
                        found = fmt(with_frame[0], head=head[:1].upper() + head[1:],
                                    thing=thing.group("thing"))
                        break
                break
    for word in lang.words("contrast"):
        cut = re.search(rf",\s+{re.escape(word)}\b", found, re.I)
        if cut:
            found = found[: cut.start()]
    found = found.strip(" ,;:")
    return found if len(WORD.findall(found)) >= 4 else ""


def _each(clause: str, lang: Language) -> str:
    """"Chaque ligne du tableau représente un « cas »" as a definition of what it
    names: "Ligne du tableau qui représente un « cas »" (a kind, not a claim about
    every one); without a closing "de ces cas" that points back. The clause as it
    is when no pattern of the language fits."""
    frame = lang.frames("each_gloss")
    for source in lang.data.get("patterns", {}).get("each", ()) if frame else ():
        match = re.match(source, clause.strip(), re.I)
        if match is not None:
            return fmt(frame[0], subject=match.group("subject"), verb=match.group("verb"),
                       object=match.group("object").rstrip(" .,;")) + "."
    return clause


def _standalone(text: str, named: re.Match[str], lang: Language) -> str:
    """What the sentence says of the term it names, standing alone: its own clause
    ("…, et chaque colonne représente une « caractéristique »"), without what it
    sets against it after a contrast ("…, mientras que …"), without an opening that
    points back ("Pour ce faire, …"); "Ceci correspond à ce que l'on appelle un « X »,
    qui …" becomes "Un « X » …"."""
    at = named.start("term")
    joins = "|".join(re.escape(w) for w in lang.words("coordinators") if w.isalpha())
    cuts = [m for m in re.finditer(rf";\s+|,\s+(?:{joins})\s+(?![«\"“])", text)] if joins else []
    start = max([0] + [m.end() for m in cuts if m.end() <= at])
    end = min([len(text)] + [m.start() for m in cuts if m.start() > at])
    clause = text[start:end].rstrip(" ,;")
    if len(WORD.findall(clause)) < 5:
        clause, start = text, 0
    for word in lang.words("contrast"):
        cut = re.search(rf",\s+{re.escape(word)}\b", clause, re.I)
        if cut and cut.start() > at - start:
            clause = clause[: cut.start()]
    first = WORD.findall(clause)[:1]
    pointing = set(lang.words("pointing"))
    if first and first[0].lower() in pointing | {"ceci", "cela", "esto", "eso"}:
        # "Ceci correspond à ce que l'on appelle un « X », qui …": the relative clause
        after = clause[named.end() - start:]
        rel = "|".join(re.escape(w) for w in lang.words("relative"))
        found = re.match(rf"\s*[»\"”]?\s*[,،]\s*(?:{rel})\s+(?P<rest>.+)$", after) if rel else None
        article = re.search(r"(\w+[’']?)\s*[«\"“]?\s*$", text[:at])
        frame = lang.frames("each_gloss")
        head = next((w for w in WORD.findall(named.group("term"))
                     if w.lower() not in lang.stopwords), "")
        rest = found.group("rest").split(None, 1) if found is not None else []
        if len(rest) == 2 and frame and head:
            # "… un « graphe familial », qui montre …": a graph that shows …, what the
            # term is ("Graphe qui montre …"), not a sentence that names it again
            return fmt(frame[0], subject=head[:1].upper() + head[1:], verb=rest[0],
                       object=rest[1].rstrip(" ."))
        if found is not None:
            lead = article.group(1) if article and article.group(1).lower() in lang.articles else ""
            return f"{lead} « {named.group('term').strip()} » {found.group('rest')}".strip()
    leading = re.match(r"([^,،]{1,30})[,،]\s+", clause)
    if leading and any(leading.group(1).lower().startswith(w)
                       for w in lang.words("leaning") if " " in w or len(w) > 3):
        clause = clause[leading.end():]
    return clause


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", "؟", "»", "”")) else text + "."


def _acronyms(sent: Sent, lang: Language, text: str = "") -> list[tuple[str, str]]:
    """'Fonds monétaire international (FMI)': an abbreviation in brackets right after
    the words whose initials it spells (small words such as "de" skipped)."""
    out: list[tuple[str, str]] = []
    for found in ACRONYM.finditer(sent.text):
        letters = [c.lower() for c in found.group(1) if c.isalpha()]
        before = WORD.findall(sent.text[: found.start()])
        words: list[str] = []
        initials: list[str] = []
        for word in reversed(before[-2 * len(letters) - 2:]):
            words.insert(0, word)
            if word.lower() in lang.stopwords:
                continue
            initials.insert(0, word[0].lower())
            if initials == letters:
                out.append((found.group(1), " ".join(words)))
                break
            if len(initials) >= len(letters):
                break
    return out + [f for f in _glossed(sent, lang, text) if f[0] not in {a for a, _ in out}]


LATIN_ABBR = re.compile(r"(?<![\w\[])\[?\(?([A-Z][a-z]{0,4}[A-Z][A-Za-z]{0,6})\)?(?![\w\]])")
CLAUSE = re.compile(r"[.,;:!?()«»\"“”،؛]")


def _glossed(sent: Sent, lang: Language, text: str) -> list[tuple[str, str]]:
    """'برامج أمن التطبيقات (AppSec)': a Latin abbreviation right after words of a
    language written in another script names them. The long form is the longest run
    of those words (up to six, after the last stop word) that the module writes more
    than once: the text's own name for the thing."""
    out: list[tuple[str, str]] = []
    if not text or any("a" <= c.lower() <= "z" for c in "".join(lang.words("stop"))):
        return out  # a language written in Latin letters spells its abbreviations out
    for found in LATIN_ABBR.finditer(sent.text):
        before = CLAUSE.split(sent.text[: found.start()])[-1]
        words = WORD.findall(before)
        run: list[str] = []
        for word in reversed(words[-6:]):
            if word.lower() in lang.stopwords or word.isascii():
                break
            run.insert(0, word)
        best = next((" ".join(run[n:]) for n in range(len(run) - 1)
                     if text.count(" ".join(run[n:])) > 1), "")
        abbr = found.group(1)
        capitals = sum(c.isupper() for c in abbr)
        if not abbr.isupper() and 2 <= capitals < len(best.split()) and text.count(
                " ".join(run[-capitals:])) > 1:
            # "برامج أمن التطبيقات (AppSec)": a mixed-case abbreviation spells one
            # capital a word ("App", "Sec"); the word before them is the frame it
            # sits in ("programs of"), not part of its name
            best = " ".join(run[-capitals:])
        if best and found.group(1) not in {a for a, _ in out}:
            out.append((found.group(1), best))
    return out


def _good_term(term: str, lang: Language) -> bool:
    words = term.lower().split()
    if lang.bare(term).lower() in lang.words("generic") or words[-1] in lang.words("generic"):
        return False
    return 1 <= len(words) <= 4 and words[0] not in lang.stopwords and not has_any(
        Sent(term, 0, 0, tuple(words), ()), lang.words("leaning")
    ) and term[:1].isalpha()


def _summary(analysis: Analysis) -> str:
    """The module's central sentences of running text (not list items), one for each
    main part of the module (:func:`..rules.summary.central_sentences`), in text
    order, each without its asides (:func:`..rules.summary.trimmed`); '' when it has
    fewer than three."""
    from ..rules.summary import (  # rules imports this package
        _SIDE,
        central_sentences,
        layout,
        peripheral,
        sentence_count,
        trimmed,
    )

    kinds = [layout(analysis.module).kind(p) for p in paragraphs(analysis.module.text)]
    # never in the author's voice ("nous encourageons"): a summary speaks of the subject
    prose = [s for s in analysis.ranked if s.paragraph < len(kinds)
             and kinds[s.paragraph] == "prose" and not ours(s, analysis.lang)]
    if len(prose) < 3:
        return ""
    lang = analysis.lang
    steps = tuple(w for w in lang.words("procedure") if len(w) > 3)
    defined = tuple(t.lower() for t in analysis.defined)
    stated = sum(1 for s in prose if not _for_reader(s, lang, steps))
    # a how-to lesson (most of its sentences steps): its steps are what it teaches
    procedure = stated * 2 < len(prose)
    candidates: list[tuple[int, float, int, frozenset[str]]] = []
    sents: list[Sent] = []
    texts: list[str] = []
    for rank, sent in enumerate(prose):
        # a question, a short fragment ("Dans certains cas, l'information elle-même est
        # compliquée") or an example states no idea of the module on its own
        if "?" in sent.text or "¿" in sent.text or "؟" in sent.text or not (
                SUMMARY_MIN <= len(sent.words) <= SUMMARY_MAX) or is_example(sent, lang) or (
                _leans_inside(sent, lang)) or _LABELLED.match(sent.text):
            continue
        weight = 0.95 ** rank
        if peripheral(sent.text):  # opening filler, a screenshot, a slider, a palette
            weight *= _SIDE
        if any(t in sent.text.lower() for t in defined):
            weight *= 1.2  # what a term the module defines is: a central idea
        if _for_reader(sent, lang, steps):
            if _starts_with(sent.text, lang.words("first_step")):
                weight *= 0.5  # "Para empezar, abre …", "Descarga …": setting up, not the lesson
            elif procedure and _CONTROL.search(sent.text):
                weight *= 1.15  # 'da clic en el botón “Silencio”': a tool the lesson introduces
            elif stated >= 2 and not procedure:  # a step, while statements remain
                weight *= 0.5
        sents.append(sent)
        text = trimmed(sent.text, english=False)  # without its asides in brackets or dashes
        texts.append(text)
        candidates.append((sent.paragraph, weight, len(WORD.findall(text)), frozenset(sent.keys)))
    words = sum(len(s.words) for s in analysis.sents)
    if len(candidates) < sentence_count(words):
        # a module whose sentences mostly lean on the one before or speak as "we" (10-m02:
        # one sentence of 631 words): its statements that lean only by their opening
        # connective, without it ("Cependant, plus nous multiplions les cas ..."), and
        # the ones in the text's "we" ("nous pouvons croiser ..."), weighing less
        seen = {s.index for s in sents}
        for sent in analysis.sents:
            if sent.index in seen or sent.paragraph >= len(kinds) or (
                    kinds[sent.paragraph] != "prose"):
                continue
            found = _unleaned(sent, lang)
            if found is None or "?" in found or "¿" in text or "؟" in found or (
                    is_example(sent, lang) or is_meta(sent, lang) or personal(sent, lang)):
                continue
            text = found
            bare = Sent(text, sent.index, sent.paragraph, tuple(WORD.findall(text)), sent.keys)
            if not is_prose(bare) or not (SUMMARY_MIN <= len(bare.words) <= SUMMARY_MAX) or (
                    _leans_inside(bare, lang) or _LABELLED.match(text)):
                continue
            sents.append(sent)
            text = trimmed(text, english=False)
            texts.append(text)
            candidates.append((sent.paragraph, _FILLED, len(WORD.findall(text)),
                               frozenset(sent.keys)))
    order = sorted(range(len(sents)), key=lambda n: sents[n].index)
    chosen = central_sentences(analysis.module, [candidates[n] for n in order], words,
                               SUMMARY_WORDS)
    return " ".join(texts[order[n]] for n in chosen)


_ANSWER = re.compile(r"^(?:The|An?|Our|Your|La|Una|Nuestra|Notre|Une|Nos|Las|Les) (?:\w+ )?"
                     r"(?:answers?|respuestas?|réponses?)\b|^(?:الجواب|الإجابة)")
"""'La réponse dépendra de ...': the answer to a question the summary does not show."""
_FILLED = 0.7
"""What a sentence that speaks as "we" or leans by its connective weighs in a thin
summary: below the module's standing sentences (their weight starts at 1)."""


def _unleaned(sent: Sent, lang: Language) -> str | None:
    """The sentence as it stands, or without its opening connective when that is all
    it leans on ("Cependant, plus nous multiplions ..." -> "Plus nous multiplions
    ..."); None when it leans on the sentence before in another way ("Quand cela
    arrive, ...", "Ce tableau ...")."""
    if _ANSWER.match(sent.text):
        return None
    if not leans(sent, lang):
        return sent.text
    found = re.match(r"^([^,،]{1,40})[,،]\s+(.+)$", sent.text)
    connectives = set(lang.words("leaning")) - set(lang.words("pointing"))
    if found is None or found.group(1).strip().lower() not in connectives:
        return None
    rest = found.group(2)
    if leans(Sent(rest, sent.index, sent.paragraph, tuple(WORD.findall(rest)), ()), lang):
        return None
    return rest[:1].upper() + rest[1:]


_CONTROL = re.compile(r"[“\"«]\s?[^\s“”\"«»][^“”\"«»]{0,30}[“”\"«»]")
"""A menu, button or key named in quotation marks ('“Ampliar”', '« Fichier »')."""


_LABELLED = re.compile(r"^\w+\s?:\s")
"""'Aparte: …', 'Remarque : …', 'Nota: …': a remark the text labels as one."""


def _starts_with(text: str, phrases: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(re.match(re.escape(p) + r"\b", low) for p in phrases)


def _leans_inside(sent: Sent, lang: Language) -> bool:
    """'De manière générale, il s’agit d’un contenant …': after a short opening
    phrase, the sentence leans on the one before it all the same."""
    found = re.match(r"^([^,،]{1,40})[,،]\s+(.+)$", sent.text)
    if found is None or len(WORD.findall(found.group(1))) > 4:
        return False
    rest = found.group(2)
    return leans(Sent(rest, sent.index, sent.paragraph, tuple(WORD.findall(rest)), ()), lang)


def _for_reader(sent: Sent, lang: Language, steps: tuple[str, ...]) -> bool:
    """A step to follow or advice to the reader rather than a statement."""
    return has_any(sent, steps) or has_any(sent, lang.words("second_person")) or _step_like(
        sent, lang)


def _step_like(sent: Sent, lang: Language) -> bool:
    """A sentence that opens on a verb of the procedure list ("Observa cómo …")."""
    return opens_on(sent, lang.words("procedure") + lang.words("look"))


def _questions(chosen: list[Idea], rest: list[Idea], count: int) -> tuple[Question, ...]:
    """The questions of the chosen ideas, each assessing its objective; then those of
    the other ideas, pointed at the objective nearest in level."""
    out: list[Question] = []
    for number, idea in enumerate(chosen):
        if idea.question is not None and len(out) < count and not near_duplicates(
                [q.text for q in out] + [idea.question.text]):
            out.append(dataclasses.replace(idea.question, objectives=(number,)))
    for idea in rest:
        if idea.question is None or len(out) >= count or not chosen or near_duplicates(
                [q.text for q in out] + [idea.question.text]):
            continue
        near = min(range(len(chosen)), key=lambda n: abs(
            _level(chosen[n].objective.bloom) - _level(idea.objective.bloom)))
        out.append(dataclasses.replace(idea.question, objectives=(near,)))
    return tuple(out)


def _covered(chosen: list[Idea], questions: tuple[Question, ...], quiz: tuple[QuizItem, ...]
             ) -> tuple[list[Idea], tuple[Question, ...], tuple[QuizItem, ...]]:
    """Every objective assessed: one no question or item points at is given the item
    that shares a word of its subject (a defined term's fill-in); failing that it is
    left out, and the indexes of the others move up."""
    out_quiz = list(quiz)
    keep: list[int] = []
    for number, idea in enumerate(chosen):
        if any(number in q.objectives for q in questions) or any(
                number in i.objectives for i in out_quiz):
            keep.append(number)
            continue
        subject = set(re.findall(r"«\s*([^»]+?)\s*»", idea.objective.text))
        found = next((n for n, item in enumerate(out_quiz)
                      if any(s.lower() in f"{item.stem} {item.answer}".lower() for s in subject)
                      or subject & {str(item.answer)}), None)
        if found is not None:
            item = out_quiz[found]
            out_quiz[found] = dataclasses.replace(item, objectives=item.objectives + (number,))
            keep.append(number)
    moved = {old: new for new, old in enumerate(keep)}

    def renumber(indexes: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(moved[i] for i in indexes if i in moved)

    return ([chosen[i] for i in keep],
            tuple(dataclasses.replace(q, objectives=renumber(q.objectives)) for q in questions),
            tuple(dataclasses.replace(q, objectives=renumber(q.objectives)) for q in out_quiz))


def _adopt(chosen: list[Idea], rest: list[Idea], quiz: tuple[QuizItem, ...], limit: int
           ) -> tuple[list[Idea], tuple[QuizItem, ...]]:
    """An item that assesses no objective makes the idea of its own sentence an
    objective, while the module has fewer than ``limit`` objectives."""
    chosen = list(chosen)
    out: list[QuizItem] = []
    for item in quiz:
        idea = next((i for i in rest if i.sentence is not None and i not in chosen
                     and i.stated and i.sentence.text in item.feedback), None)
        if not item.objectives and idea is not None and len(chosen) < limit:
            chosen.append(idea)
            item = dataclasses.replace(item, objectives=(len(chosen) - 1,))
        out.append(item)
    return chosen, tuple(out)


def _content(text: str, lang: Language) -> set[str]:
    """The words of ``text`` that say something (no stop word, no word of a frame),
    as stems: "objets" in an item is "objet" in an objective."""
    frames = " ".join(str(f) for f in lang.data.get("frames", {}).values()).lower()
    ignore = set(re.findall(r"\w+", frames)) | lang.stopwords
    return {stem(w) for w in re.findall(r"\w{4,}", text.lower()) if w not in ignore}


def _level(bloom: str) -> int:
    return ("remember", "understand", "apply", "analyze", "evaluate", "create").index(bloom)


def _align(items: tuple[QuizItem, ...], chosen: list[Idea], lang: Language
           ) -> tuple[QuizItem, ...]:
    """Point each item at the objective built on the sentence it comes from, else at
    the objective that shares the most words with it."""
    out: list[QuizItem] = []
    for item in items:
        words = _content(item.feedback, lang)
        scores = [len(words & _content(i.objective.text, lang)) for i in chosen]
        key = lang.bare(_answer(item)).lower() if item.kind != "true_false" else ""
        same = [n for n, i in enumerate(chosen) if i.sentence is not None
                and i.sentence.text in item.feedback] or [
            n for n, i in enumerate(chosen) if key and key in i.objective.text.lower()] or [
            n for n, i in enumerate(chosen) if i.kind == "apply"]  # a step of the procedure
        best = same[0] if same else (scores.index(max(scores)) if scores and max(scores) >= 1
                                     else None)
        out.append(dataclasses.replace(item, objectives=(best,) if best is not None else ()))
    return tuple(out)
