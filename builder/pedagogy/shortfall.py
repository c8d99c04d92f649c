"""What a module's finished material lacks, said to the instructor: the notes on too
few objectives, questions or items, on key terms the module names but does not define,
and the central passages no item touches yet. Apart from :mod:`.notes` (the texts),
because it reads the module with the rules' own tools (:mod:`.rules`, imported when
a note needs them: they load the tagger), which write their notes with :mod:`.notes`.
"""

from __future__ import annotations

import re
from html import unescape

from ..language import language as lang_of
from ..model import Course, Module
from .lexicon import FURTHER_READING
from .notes import notes_for


def shortfall(module: Module, course: Course) -> tuple[str, ...]:
    """Notes on what the module's final material (authored, generated, reviewed,
    minus what was dropped) lacks against the ``[pedagogy]`` counts. Computed on
    the finished module, so that a note never counts items that are not there.
    A module in another language that has no items at all says why elsewhere."""
    notes = notes_for(course.language)
    # whether the rules backend writes material in this language (else a module
    # without items says why in the note of builder.pedagogy.rules)
    written = course.lang.code == "en" or bool(course.lang.frames("define"))
    if not written and not (module.objectives or module.discussion or module.quiz):
        return ()
    counts = course.config.pedagogy
    out: list[str] = []
    few = few_ideas(len(module.objectives), len(module.discussion))
    if few:
        out.append(notes.say(few, objectives=len(module.objectives),
                             questions=len(module.discussion), wanted=LEAST))
    if len(module.objectives) >= LEAST and len({o.bloom for o in module.objectives}) == 1:
        out.append(notes.say("one_level", objectives=len(module.objectives)))
    if written and not module.terms:
        named = named_terms(module, course.lang.code)
        out.append(notes.say("no_terms_named", terms=", ".join(f"“{t}”" for t in named))
                   if named else notes.say("no_terms"))
    if len(module.quiz) < counts.quiz_items:
        out.append(notes.say("few_items", items=len(module.quiz), wanted=counts.quiz_items))
    if out and course.lang.code == "en":
        # English only: elsewhere the salience layer has no sentence kinds to leave out
        # meta, examples and steps by ('Dans cette leçon, nous discuterons …')
        passages = uncovered(module, course.lang.code, notes.opener)
        if passages:
            out.append(notes.say("uncovered", passages="; ".join(passages)))
    return tuple(out)


LEAST = 2
"""Fewest objectives (at two levels) a module should have; it should have one
discussion question at least (issue 12's minimum)."""


def few_ideas(objectives: int, questions: int) -> str:
    """The note that names what is missing: objectives, the discussion question or
    both ('' when neither is). One note each would give the same reason twice."""
    if objectives < LEAST and not questions:
        return "few_ideas"
    if objectives < LEAST:
        return "few_objectives"
    return "no_question" if not questions else ""


def named_terms(module: Module, language: str, count: int = 4) -> list[str]:
    """Terms the module sets in bold or (in English) names with 'called', 'known as':
    a module with such terms and no key term gets a note that names them rather than
    one saying it defines none (round7 04-m02, 08-m01: false 'no key terms')."""
    from .rules.analysis import emphasized_in  # the rules load the tagger: only when asked
    from .rules.terms import named_terms as named_in

    found: dict[str, str] = {}
    for section in module.sections:
        for term in emphasized_in(section.html):
            found.setdefault(term.lower(), term)
    if language == "en":
        for term in named_in(module.text):
            found.setdefault(term.lower(), term)
    else:
        from .lang import named_terms as named_elsewhere  # the lang package imports this one

        for term in named_elsewhere(module.text, lang_of(language)):
            found.setdefault(term.lower(), term)
    out: dict[str, str] = {}
    for term in found.values():  # 'a pipe' is 'pipe' again
        bare = re.sub(r"^(?:a|an|the)\s+", "", term, flags=re.I) if language == "en" else term
        out.setdefault(bare.lower(), bare)
    return list(out.values())[:count]


POINTER = re.compile(
    FURTHER_READING.pattern
    + r"|\b(?:this|that|these|those|such) (?:way|case|ones?)\b|\bthe same\b"
    r"|^(?:suppose|imagine|let's say|let us say)\b"
    r"|^(?:\S+\s+){0,6}?(?:like (?:these|this|that|those)|these|those)\b"
    r"|^(?:secondly|firstly|thirdly|lastly|another|moreover|furthermore|also|and|or|nor|"
    r"for|from thence|thence|whence|speaking of)\b"
    r"|^we(?:'ve|’ve| have) already (?:met|seen|used|learned|learnt|covered|discussed)\b"
    r"|\bjust as we (?:used|did|saw|have)\b"
    r"|^(?:note|notice) that\b", re.I)
"""A pointer to a resource ('… has a good discussion of these aspects', 'There are
lots of great resources that ...'), a sentence that leans on another ('can work this
way', 'Statements like these ...', 'Secondly, ...', 'Another example ...') or the set-up
of an exercise ('Suppose you want to ...'), a look back at what the lesson did before
('We have already met the head command ...', '... just as we used > lengths.txt') or a
transition ('Speaking of relations, ...') or an aside ('Note that ...'): no idea to
write an item on."""


def uncovered(module: Module, language: str, opener: re.Pattern[str] | None = None,
              count: int = 3) -> list[str]:
    """The module's most central passages (by the salience ranking of
    :mod:`.rules.salience`) that no objective, question, quiz item or key term
    touches, quoted: what a teacher would write the missing items on. A passage is
    touched by an item (a question with the passages its note cites) that shares half
    of its content words (a short objective such
    as 'Use the sort command to sort its input' shares a word or two with many
    passages, and touches none of them); a short item made from a clause of a passage
    (a true/false statement, a fill-in) covers it too. Never a statistic, an example, an
    instruction, a line of code, a question, a platitude, a pointer to a resource, a
    passage that leans on another (``opener``: the notes table's openers, 'So,',
    'However') or one in a box beside the reading: a callout, a tip, an exercise's set-up
    (round9 08-m01, 12-m01: 'picks the less callout', 'synonym callout is peripheral')."""
    from .rules.frames import LEANS, quote
    from .rules.quiz import naming, trivia
    from .rules.salience import analyse
    from .rules.statements import LABEL, peripheral  # the rules load the tagger: when asked
    from .text import content_words, sentences

    sents = sentences(module.text)
    if not sents:
        return []
    boxes = boxed(module)
    ranking = analyse(sents, language=language, title=module.title)
    items = [o.text for o in module.objectives]
    items += [f"{q.text} {q.note}" for q in module.discussion]  # the passages it cites
    items += [f"{i.stem} {' '.join(map(str, i.choices))} {i.feedback}" for i in module.quiz]
    items += [f"{t.term} {t.definition}" for t in module.terms]
    bags = [content_words(text) for text in items]
    defined = set().union(*(content_words(f"{t.term} {t.definition}") for t in module.terms))
    out: list[str] = []
    for index in ranking.central(12):
        sent = sents[index]
        text = sent.text.strip()
        if ranking.kind(index) in ("statistic", "example", "instruction") or not (
                8 <= len(sent.words) <= 40):
            continue
        if LEANS.match(text) or not text[:1].isupper() or text[-1:] not in ".!\"'”’)" or (
                opener is not None and opener.match(text)):
            continue
        if POINTER.search(text) or peripheral(text) or LABEL.match(
                text) or naming(text) or trivia(text):
            continue  # ... or a remark on what a thing is called ('X and Y are synonyms')
        if in_box(text, boxes):
            continue  # a callout, a tip or an exercise beside the reading, not its point
        if index and each_of_before(text, sents[index - 1].text):
            continue  # 'Each pillar shapes ...': the pillars are named in the one before
        words = content_words(text)
        if any(len(words & bag) >= max(2, len(words) / 2) for bag in bags) or (
                len(words & defined) >= max(3, len(words) / 2)):
            continue  # one item, or the key terms together (a list of three), touch it
        if any(len(bag) <= 12 and len(words & bag) >= max(3, 0.6 * len(bag))
               for bag in bags):
            continue  # a short item made from this sentence (a clause of it) covers it
        names = set(NAME.findall(text[1:]))
        if len(names) >= 2 and any(all(n in item for n in names) for item in items):
            continue  # the cases it lists are the ones an item names ('Bosnia, Kosovo ...')
        out.append(f"“{quote(sent, 16)}”")
        if len(out) == count:
            break
    return out


NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
"""A name in a sentence (after its first letter): capitalised words in a row."""
EACH = re.compile(r"^(?:each|both|either|neither) (\w+)\b", re.I)


def each_of_before(text: str, before: str) -> bool:
    """'Each pillar shapes ...' after a sentence naming the pillars: it leans on it."""
    from .text import content_words

    found = EACH.match(text)
    return found is not None and bool(content_words(found.group(1)) & content_words(before))


_BOX = re.compile(r'<div class="box box-[\w-]+"[^>]*>')
_TAG = re.compile(r"<(/?)(\w+)[^>]*>")


def boxed(module: Module) -> list[str]:
    """The plain text of the module's boxes (callouts, tips, exercises, a lesson's
    questions: ``builder.divs``), words joined by single spaces, lower case."""
    from .text import tokens

    out = []
    for section in module.sections:
        html = section.html
        for start in _BOX.finditer(html):
            depth, end = 1, len(html)
            for tag in _TAG.finditer(html, start.end()):
                if tag.group(2) != "div":
                    continue
                depth += -1 if tag.group(1) else 1
                if depth == 0:
                    end = tag.start()
                    break
            inner = unescape(_TAG.sub(" ", html[start.end():end]))
            out.append(" ".join(tokens(inner)).lower())
    return out


def in_box(text: str, boxes: list[str]) -> bool:
    """Is the sentence one of a box's (its first eight words found in one)?"""
    from .text import tokens

    words = " ".join(tokens(text)[:8]).lower()
    return bool(words) and any(words in box for box in boxes)
