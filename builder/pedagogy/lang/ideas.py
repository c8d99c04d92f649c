"""Objectives and discussion questions in any language with frames.

Each frame fits one kind of text (PEDAGOGY.md, "Fit the question to the
text"): a procedure gets apply and what-goes-wrong tasks; prose gets the
relation between its key phrases, the reasons for its claims and causes, and
an evaluation of a claim. Frames quote the text or carry the article the
text gives a phrase, so agreement cannot go wrong.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace

from ...language import Language
from ...model import Bloom, Objective, Question
from ...strings import fmt
from .analysis import Analysis
from .phrases import Phrase
from .text import MARKS, WORD, Sent, has_any, is_example, is_meta, leans, ours

HIGHER = ("analyze", "evaluate", "create")
MAX_QUOTE = 22  # words of a quoted sentence in an objective
MAX_ASKED = 35  # words of a quoted sentence in a discussion question
BLOOM: dict[str, Bloom] = {
    "define": "remember", "relation": "understand", "explain_cause": "understand",
    "explain": "understand", "illustrate": "apply",
    "apply": "apply", "diagnose": "analyze", "compare": "analyze", "evaluate": "evaluate",
    "why_step": "understand",
}
MAX_STEP = 20  # words of a quoted step in an objective
LABEL = re.compile(r"[“\"«]\s*[^\s”\"»][^”\"»]{0,30}[”\"»]")
"""A quoted label of the interface ("“Ampliar”", "« Enregistrer »"): a concrete setting."""


@dataclass(frozen=True)
class Idea:
    """An objective, and the discussion question and note that go with it."""

    kind: str
    objective: Objective
    question: Question | None
    sentence: Sent | None

    @property
    def stated(self) -> bool:
        """Whether the objective is short enough to state (else only its question is asked)."""
        quoted = sum(len(q.split()) for q in re.findall(r"«([^»]*)»", self.objective.text))
        return 6 <= len(self.objective.text.split()) <= 30 and quoted <= MAX_QUOTE


def ideas(analysis: Analysis, defined: list[str]) -> list[Idea]:
    """Every idea the module supports, in the order they are worth choosing."""
    lang = analysis.lang
    found: list[Idea | None] = []
    steps = sum(1 for s in analysis.sents if has_any(s, lang.words("procedure")))
    concrete = _steps(analysis)
    if analysis.procedure or steps >= 2 and _action(_title(analysis), lang):
        # a procedure: apply, predict and diagnose tasks on its concrete steps, the
        # module's title behind a template only when it names none
        reasoned = [s for s in concrete if _reasoned(analysis, s)]
        if reasoned:
            # a skill, from the steps whose reason or consequence the text gives ("Para
            # evitar esto, puedes silenciar la pista …", "…, para que las dos pistas se
            # sobrepongan"): what goes wrong without the first, then apply the next;
            # a single click with no reason is no objective (round 9, 09-m01-O2/O3)
            # (the step that answers a consequence the text states first; "what is it
            # for" of a step whose purpose the next sentence gives, "Al hacer esto, …")
            reasoned.sort(key=lambda s: " … " not in s.text)
            first = reasoned[0]
            later = reasoned[1:]
            cues = lang.words("purpose") + lang.words("cause") + lang.words("result")
            purposeless = next((s for s in later if not has_any(s, cues)), None)
            other = next((s for s in later if s is not purposeless), None)
            # (what to expect after a step whose result the text does not give near it
            # has nothing for its note to draw on: no such task)
            found += [_step(analysis, "diagnose", "diagnose_step", "q_step_skip", first),
                      _step(analysis, "apply", "apply_step", "q_step_predict", other, True),
                      _step(analysis, "why_step", "why_step", "q_step_why", purposeless)]
        elif concrete:
            # "what is it for" only of a step that does not say so itself; "what if it
            # were skipped" of one that does
            # (of a step the text makes an obligation: "debemos …", "il faut …")
            rest = concrete[1:]
            why = next((s for s in rest if has_any(s, lang.words("obligation"))
                        and not has_any(s, lang.words("purpose"))), None)
            skip = next((s for s in rest if s is not why), None)
            found += [_step(analysis, "apply", "apply_step", "q_step_predict", concrete[0]),
                      _step(analysis, "diagnose", "diagnose_step", "q_step_skip", skip),
                      _step(analysis, "why_step", "why_step", "q_step_why", why)]
        else:
            found += [_apply(analysis), _diagnose(analysis)]
    elif concrete:
        # prose that asks for a step ("il faut …", "أضف …"): why the step, never
        # "how convincing" or "in your own words"
        # (a step that states its purpose asks why that purpose needs it, and what if not)
        # (a rule the text lays down for its subject, "يجب مواءمة المنهجية مع …", is a
        # principle: why the text holds it, never "the text's step")
        step = concrete[0]
        if has_any(step, lang.words("purpose")) or _principle(step, lang):
            found.append(_step(analysis, "explain_cause", "explain_cause", "q_cause", step))
        else:
            found.append(_step(analysis, "why_step", "why_step", "q_step_why", step))
    claim = _claim(analysis, "claim")
    cause = _claim(analysis, "cause")
    found.append(_evaluate(analysis, claim) if not analysis.procedure else None)
    # a term the module defines (the one it is most about), never an abbreviation:
    # spelling one out is no objective
    words = [t for t in defined if not _abbreviation(t)]
    if words:
        rank = {p.text.lower(): n for n, p in enumerate(analysis.key_phrases)}
        best = min(words, key=lambda t: rank.get(t.lower(), len(rank)))
        found.append(_idea(analysis, "define", "define", None, None, term=best))
    taken = {s.index for s in (claim, cause) if s is not None}
    explained = _explain(analysis, taken)
    if explained is not None and explained.sentence is not None:
        taken.add(explained.sentence.index)
    found += [_relation(analysis), explained,
              _cause(analysis, cause) if cause is not claim else None,
              _conclusion(analysis) if cause is None else None,
              _explain(analysis, taken, "illustrate")]
    if not any(i is not None and i.objective.bloom in HIGHER for i in found):
        found.append(_compare(analysis))
    if not any(i is not None and i.objective.bloom in HIGHER and i.stated for i in found):
        # no analysis yet: two things the module sets side by side, compared
        found.append(_contrasted(analysis, defined))
    if concrete and not analysis.procedure and not any(
            i is not None and i.objective.bloom in HIGHER and i.stated for i in found):
        # prose that asks for a step, still no analysis: what would go wrong without
        # a step the module asks for (one no other idea quotes)
        quoted = {i.sentence.index for i in found if i is not None and i.sentence is not None}
        # (never a rule the author urges in their own voice, "si queremos …": a
        # call to the reader, not what the module teaches)
        other = next((s for s in concrete if s.index not in quoted and not (
            _principle(s, lang) and ours(s, lang))), None)
        principle = other is not None and _principle(other, lang) and bool(
            lang.frames("diagnose_principle"))
        found.append(_step(analysis, "diagnose", "diagnose_principle" if principle
                           else "diagnose_step", "q_principle_skip" if principle
                           else "q_step_skip", other))
    plain = [p for p in analysis.key_phrases[:3] if p.words > 1 and not _named(p)
             and len({o.sentence for o in p.occurrences}) > 1]
    if not words and plain and not analysis.procedure:
        found.append(_idea(analysis, "define", "define", None, None, term=plain[0].text))
    # an idea whose objective would be too long to state still asks its question
    return [i for i in found if i is not None and (
        _words_ok(i.objective.text, lang) or i.question is not None)]


def _abbreviation(term: str) -> bool:
    """'SAMM', 'AppSec': two capitals in one word."""
    return " " not in term and sum(c.isupper() for c in term) >= 2


def _named(phrase: Phrase) -> bool:
    return any(w[:1].isupper() for w in phrase.text.split())


def choose(found: list[Idea], count: int) -> list[Idea]:
    """Up to ``count`` ideas on at least two Bloom levels, one of them analyze or
    above when there is one, ordered from the lowest level up."""
    chosen: list[Idea] = []
    found = [i for i in found if i.stated]
    higher = [i for i in found if i.objective.bloom in ("analyze", "evaluate", "create")]
    if higher:
        chosen.append(higher[0])
    for idea in found:
        if len(chosen) >= count:
            break
        if idea not in chosen and idea.kind not in {c.kind for c in chosen}:
            chosen.append(idea)
    levels = ("remember", "understand", "apply", "analyze", "evaluate", "create")
    return sorted(chosen, key=lambda i: levels.index(i.objective.bloom))


def _idea(analysis: Analysis, kind: str, frame: str, question: str | None,
          note: tuple[str, Sent | None] | None, sent: Sent | None = None,
          **values: str) -> Idea | None:
    lang = analysis.lang
    text = _frame(lang, frame, **values)
    if not text:
        return None
    verb = text.split()[0].lower()
    objective = Objective(text=text, verb=verb, bloom=BLOOM[kind])
    q = None
    if question:
        asked = _frame(lang, question, **values)
        said = _frame(lang, note[0], **{**values, "quote": _quote(note[1])}) if note else ""
        if asked:
            q = Question(text=asked, bloom=_question_level(kind), note=said)
    return Idea(kind, objective, q, sent)


def _question_level(kind: str) -> Bloom:
    return "evaluate" if kind in ("evaluate", "explain_cause") else "analyze"


def _frame(lang: Language, key: str, **values: str) -> str:
    frames = lang.frames(key)
    if not frames:
        return ""
    if "a" in values and "b" in values:
        values["pair"] = pair(lang, values["a"], values["b"])
    return fmt(frames[0], **values)


def pair(lang: Language, a: str, b: str) -> str:
    """"A y B", or "A e B" where Spanish says "e" ("e información")."""
    return lang.pair(a, b)


def _written(analysis: Analysis, phrase: Phrase) -> str:
    """The phrase with the article the text gives it most often ("la pista")."""
    if "ال" in analysis.lang.articles:
        return phrase.text
    best = max(phrase.occurrences, key=lambda o: (
        sum(1 for x in phrase.occurrences if x.article == o.article), -o.sentence))
    sent = analysis.sent(best.sentence).text
    article = sent[best.start: best.head].strip()
    if article and article[0].isupper():
        article = article.lower()
    definite = analysis.lang.data.get("definite", {})
    if article in definite:  # "una pista" -> "la pista"
        article = str(definite[article])
        if article in ("le", "la") and "elided" in definite and (
                phrase.text[:1].lower() in definite.get("elide_before", "")):
            article = str(definite["elided"])
    joined = article.endswith(("'", "’"))
    return f"{article}{'' if joined else ' '}{phrase.text}".strip()


def _related(analysis: Analysis, cue: str = "") -> tuple[Phrase, Phrase, Sent] | None:
    """Two of the module's key concepts that one central sentence relates: both in
    it, apart (not "A and B" in a list), the sentence self-contained and, with
    ``cue``, one of that word list (a contrast). Two phrases the text only uses
    near each other are no relation to explain."""
    keys = [p for p in analysis.key_phrases[:6] if not _named(p) and not _common(p, analysis)]
    joined = set(analysis.lang.pair("", "").split()) | {",", "،"}
    for sent in analysis.ranked[:15]:
        if is_example(sent, analysis.lang) or len(sent.words) > MAX_ASKED or (
                cue and not has_any(sent, analysis.lang.words(cue))):
            continue
        here = [(p, o) for p in keys for o in p.occurrences if o.sentence == sent.index]
        for n, (a, at) in enumerate(here):
            for b, bt in here[n + 1:]:
                if a.key == b.key or _same(a, b):
                    continue
                first, second = sorted((at, bt), key=lambda o: o.start)
                between = sent.text[first.end: second.start].split()
                if len(between) < 2 or all(w.strip() in joined for w in between):
                    continue  # "A y B", "A, B": a list, not a relation
                return (a, b, sent) if at.start < bt.start else (b, a, sent)
    return None


def _same(a: Phrase, b: Phrase) -> bool:
    """'auteur' and 'auteurs', 'chercheur' and 'chercheuse': one word in two forms."""
    x, y = a.key.split()[0], b.key.split()[0]
    stem = min(len(x), len(y), 6)
    return stem >= 4 and x[:stem] == y[:stem]


def _common(phrase: Phrase, analysis: Analysis) -> bool:
    """A one-word phrase of everyday language ('la pista', 'les auteurs'): no concept
    to relate or define on its own."""
    from .text import rarity

    return phrase.words == 1 and rarity(phrase.key.split()[0], analysis.lang.code) < 1.5


def _relation(analysis: Analysis) -> Idea | None:
    found = _related(analysis)
    if found is None:
        return None
    a, b = (_written(analysis, p) for p in found[:2])
    support = found[2]
    analysis.supported.add(support.index)
    # "what relation … and why does it matter" names no claim: teachers reject it as a
    # discussion question; the relation stays an objective
    return _idea(analysis, "relation", "relation", None, ("note_quote", support),
                 support, a=a, b=b)


def _compare(analysis: Analysis) -> Idea | None:
    """Compare two of the module's key concepts that a sentence sets against each
    other ("mientras que", "alors que")."""
    found = _related(analysis, "contrast")
    if found is None:
        return None
    a, b = (_written(analysis, p) for p in found[:2])
    support = found[2]
    analysis.supported.add(support.index)
    return _idea(analysis, "compare", "compare", "q_compare", ("note_quote", support),
                 support, a=a, b=b)


def _contrasted(analysis: Analysis, defined: list[str]) -> Idea | None:
    """Compare two things the module names side by side in one central sentence:
    two of its concepts with one head and another modifier ("le modèle conceptuel",
    "le modèle logique"), else two terms it defines ("enregistrement", "attribut")."""
    terms = {t.lower() for t in defined}
    central = {p.key for p in analysis.key_phrases[:8]}

    def main(p: Phrase) -> bool:
        return p.key in central or p.text.lower() in terms

    # a main concept, or one the module names in two sentences or more (the key
    # phrases keep one of "registre foncier" and "registre paroissial")
    found = [p for p in analysis.phrases.values() if (main(p) or len(
        {o.sentence for o in p.occurrences}) > 1) and not _named(p) and not _common(p, analysis)]
    sents = [s for s in analysis.ranked[:15]
             if not is_example(s, analysis.lang) and len(s.words) <= MAX_ASKED]

    def kindred(a: Phrase, b: Phrase) -> bool:
        x, y = a.key.split(), b.key.split()
        return len(x) == len(y) >= 2 and x[0] == y[0] and x[-1][:5] != y[-1][:5] and (
            main(a) or main(b))

    def both_defined(a: Phrase, b: Phrase) -> bool:
        # (two terms the module names in one sentence and nowhere else: what tells
        # them apart is that sentence, a one-fact answer, not an analysis: round 9
        # 10-m02-O2/D1, "ligne = enregistrement, colonne = attribut")
        once = all(len({o.sentence for o in p.occurrences}) == 1 for p in (a, b))
        return a.text.lower() in terms and b.text.lower() in terms and not _same(a, b) and not (
            set(a.key.split()) & set(b.key.split())) and not once

    for test in (kindred, both_defined):
        for sent in sents:
            here = [p for p in found if any(o.sentence == sent.index for o in p.occurrences)]
            for n, a in enumerate(here):
                b = next((b for b in here[n + 1:] if test(a, b)), None)
                if b is None:
                    continue
                first, second = sorted((a, b), key=lambda p: min(
                    o.start for o in p.occurrences if o.sentence == sent.index))
                analysis.supported.add(sent.index)
                return _idea(analysis, "compare", "compare", "q_compare",
                             ("note_quote", sent), sent,
                             a=_named_term(analysis, first), b=_named_term(analysis, second))
    return None


def _named_term(analysis: Analysis, phrase: Phrase) -> str:
    """The phrase with its article, or, when the text only writes it bare (a term in
    quotation marks: « enregistrement »), in the quotation marks of the language's
    frame that names a term."""
    written = _written(analysis, phrase)
    if written != phrase.text or "ال" in analysis.lang.articles:
        return written
    frame = next(iter(analysis.lang.frames("define")), "")
    marks = re.search(r"([«“\"]\s?)\{term\}(\s?[»”\"])", frame)
    return f"{marks.group(1)}{written}{marks.group(2)}" if marks else written


def _explain(analysis: Analysis, taken: set[int], kind: str = "explain") -> Idea | None:
    """Explain in one's own words the module's most central self-contained statement
    (not an instruction, an example or a question): one idea, quoted, so that
    nothing is paired that the text does not pair."""
    top = {p.key for p in analysis.key_phrases[:4]}
    for sent in analysis.ranked[:12]:
        if sent.index in taken or not 8 <= len(sent.words) <= MAX_ASKED or _instruction(
                sent, analysis) or sent.text.endswith(("?", "؟", ":")) or _borrowed(
                analysis, sent):
            continue
        if not any(o.sentence == sent.index for p in analysis.key_phrases
                   if p.key in top for o in p.occurrences):
            continue
        if len(sent.words) > MAX_ASKED:
            continue
        support = _support(analysis, sent)
        # "explain in your own words" asks for a paraphrase: an objective, never a
        # discussion question (teachers reject it as one)
        question = f"q_{kind}" if kind != "explain" else None
        return _idea(analysis, kind, kind, question, ("note_explain", support),
                     sent, quote=_quote(sent))
    return None


def _borrowed(analysis: Analysis, sent: Sent) -> bool:
    """A sentence of a block quotation ("> Nous, les chercheurs …"): another author's
    words, which a frame would give as what "the text affirms"."""
    head = " ".join(sent.words[:6])
    return bool(head) and any(
        line.lstrip().startswith(">") and head in " ".join(WORD.findall(line))
        for section in analysis.module.sections for line in section.markdown.splitlines())


def _instruction(sent: Sent, analysis: Analysis) -> bool:
    """A step or advice to the reader rather than a statement about the subject."""
    lang = analysis.lang
    first = MARKS.sub("", sent.words[0].lower()) if sent.words else ""
    return is_example(sent, lang) or has_any(sent, lang.words("second_person")) or (
        first in lang.words("procedure") or has_any(
            sent, tuple(w for w in lang.words("procedure") if len(w) > 3))) or has_any(
        sent, lang.words("obligation"))


def _steps(analysis: Analysis) -> list[Sent]:
    """The module's steps worth a task, most central first: instructions (a clause
    that opens on a verb of the procedure list), advice to the reader or obligations,
    standing alone. Steps short enough to quote in an objective come first, and among
    them one that names a setting (a quoted label) or says what it is for."""
    lang = analysis.lang
    verbs = set(lang.words("procedure"))

    def step(sent: Sent) -> bool:
        clauses = [WORD.findall(c) for c in re.split(r"[,;:،]", sent.text)]
        return any(c and MARKS.sub("", c[0].lower()) in verbs for c in clauses) or has_any(
            sent, lang.words("obligation"))

    found = [s for s in analysis.ranked if step(s) and not is_example(s, lang)
             and not has_any(s, lang.words("concession"))  # "قد يبدو … ولكن": no step
             and 6 <= len(s.words) <= MAX_ASKED and not s.text.endswith(("?", "؟", ":"))]
    # a step that answers the sentence before it ("De forma predeterminada, Audacity
    # volverá a grabar tu pista … Para evitar esto, puedes silenciar …"): the two as
    # one passage, the consequence it avoids being its reason
    purposes = lang.words("purpose")
    for sent in analysis.sents:
        before = analysis.sents[sent.index - 1] if sent.index else None
        start = Sent(sent.text, sent.index, sent.paragraph, sent.words[:4], ())
        if before is None or before.paragraph != sent.paragraph or not step(sent) or not (
                leans(sent, lang) and has_any(start, purposes)) or _step_like(
                before, analysis):
            continue
        joined = _joined([before, sent])
        if len(joined.words) <= MAX_ASKED + 5 and not any(f.index == before.index for f in found):
            found.append(replace(joined, text=joined.text + "."))
    # a step of setting up ("Para empezar, abre …", "descarga e instala …") comes last
    opening = lang.words("first_step")
    return sorted(found, key=lambda s: (len(s.words) > MAX_STEP, has_any(
        Sent(s.text, s.index, s.paragraph, s.words[:4], ()), opening), not (
        LABEL.search(s.text) or has_any(s, lang.words("purpose")))))


def _reasoned(analysis: Analysis, sent: Sent) -> bool:
    """Whether the text gives the step's reason or consequence: in the step ("para
    que …", "…, esto le indicará …", "Para evitar esto, …") or in the sentence right
    after it that carries it on ("Al hacer esto, mezclarás …")."""
    lang = analysis.lang
    cues = lang.words("purpose") + lang.words("cause") + lang.words("result")
    if has_any(sent, cues):
        return True
    after = sent.index + 1
    if " … " in sent.text or after >= len(analysis.sents):
        return False
    nxt = analysis.sents[after]
    return leans(nxt, lang) and has_any(nxt, cues) and not _step_like(nxt, analysis) and (
        nxt.paragraph - sent.paragraph <= 1)


def _principle(sent: Sent, lang: Language) -> bool:
    """A rule the text lays down for its subject ("يجب مواءمة المنهجية مع الأعمال",
    "les données doivent …"): an obligation with no instruction to the reader (no
    clause opening on a verb of the procedure list, no second person)."""
    verbs = set(lang.words("procedure"))
    clauses = [WORD.findall(c) for c in re.split(r"[,;:،]", sent.text)]
    return has_any(sent, lang.words("obligation")) and not any(
        c and MARKS.sub("", c[0].lower()) in verbs for c in clauses) and not has_any(
        sent, lang.words("second_person"))


def _step(analysis: Analysis, kind: str, frame: str, question: str, sent: Sent | None,
          strict: bool = False) -> Idea | None:
    """A task on one concrete step, quoted: the objective when the step is short
    enough to state, the question always. ``strict``: none when the text gives
    nothing near the step for the note to draw on."""
    if sent is None:
        return None
    # what a step is for, or what skipping it loses, is what it makes happen
    want = "result" if question in ("q_step_predict", "q_step_skip", "q_step_why") else "reason"
    support = _support(analysis, sent, want, nearby=strict)
    if strict and support is None:
        return None
    note = "note_quote" if kind == "explain_cause" or frame.endswith("principle") else (
        "note_step")
    idea = _idea(analysis, kind, frame, question, (note, support or sent), sent,
                 quote=_quote(sent))
    analysis.supported.add(sent.index)
    action = _main_clause(sent, analysis.lang)
    if idea is not None and action:
        # the objective names the action itself ("selecciona “Ampliar” en el menú
        # “Ver”"); the question keeps the whole step with its circumstances
        text = _frame(analysis.lang, frame, quote=action)
        idea = replace(idea, objective=replace(idea.objective, text=text))
    return idea


def _main_clause(sent: Sent, lang: Language) -> str:
    """The instruction of a step after a leading clause ("Una vez que estés conforme
    con la pieza, selecciona …" -> "Selecciona …"), '' when it has none."""
    verbs = set(lang.words("procedure"))
    for found in re.finditer(r"[,،]\s+", sent.text):
        rest = sent.text[found.end():]
        first = WORD.findall(rest)[:1]
        unmodal = _unmodal(rest, lang)
        if first and (MARKS.sub("", first[0].lower()) in verbs or unmodal != rest) and len(
                rest.split()) >= 3:
            rest = unmodal
            return _quote(Sent(rest[:1].upper() + rest[1:], sent.index, sent.paragraph,
                               (), ()))
    return ""


def _unmodal(clause: str, lang: Language) -> str:
    """"puedes silenciar la pista …" -> "silenciar la pista …": the action a step
    names, without the modal that offers or requires it (``[words] modal``)."""
    for modal in sorted(lang.words("modal"), key=len, reverse=True):
        found = re.match(rf"{re.escape(modal)}\s+(?P<rest>\S.+)$", clause, re.I)
        if found is not None and len(found.group("rest").split()) >= 3:
            return found.group("rest")
    return clause


def _apply(analysis: Analysis) -> Idea | None:
    title = _title(analysis)
    action = _action(title, analysis.lang)
    top = _first(analysis, lambda s: True)
    frame = "apply_action" if action else "apply_title"
    # what the procedure is about: a term it defines, else its first key concept that
    # is neither a name (a sample file) nor an everyday word
    from .items import common, defined_phrases

    concepts = [p for p in analysis.key_phrases if not _named(p) and not common(p, analysis.lang)]
    phrase = next(iter(defined_phrases(analysis) + concepts + analysis.key_phrases), None)
    values = {"title": title, "action": action}
    if phrase is not None:
        values["a"] = _written(analysis, phrase)
    question = "q_apply" if phrase is not None else None
    return _idea(analysis, "apply", frame, question, ("note_apply", top), top, **values)


def _diagnose(analysis: Analysis) -> Idea | None:
    title = _title(analysis)
    action = _action(title, analysis.lang)
    step = _first(analysis, lambda s: has_any(s, analysis.lang.words("procedure")))
    kind = "action" if action else "title"
    return _idea(analysis, "diagnose", f"diagnose_{kind}", f"q_diagnose_{kind}",
                 ("note_procedure", step), step, title=title, action=action)


def _evaluate(analysis: Analysis, sent: Sent | None) -> Idea | None:
    """"Evaluate the claim that «…»", or for a claim too long to quote in an
    objective, "Evaluate the reading's arguments on <its key phrase>"."""
    if sent is None:
        return None
    support = _support(analysis, sent)
    idea = _idea(analysis, "evaluate", "evaluate", "q_claim", ("note_quote", support),
                 sent, quote=_quote(sent))
    main = _main_claim(sent, analysis.lang) if len(sent.words) > MAX_QUOTE else ""
    if idea is not None and main:
        # too long to quote in an objective ("the arguments on X" names no claim): the
        # objective quotes the claim without its leading clause ("En reconnaissant
        # …, concevoir notre recherche en termes de données nous offre des avantages
        # importants"), the question the whole sentence
        text = _frame(analysis.lang, "evaluate", quote=main)
        idea = replace(idea, objective=replace(idea.objective, text=text))
    return idea


def _main_claim(sent: Sent, lang: Language) -> str:
    """The claim of a long sentence without the clause it opens on ("En
    reconnaissant …, X nous offre …" -> "X nous offre …"): the opening is a clause of
    the language's ``subordinate`` list, the rest short enough to quote; '' if not."""
    opening = lang.words("subordinate")
    first = sent.words[0].lower() if sent.words else ""
    if first not in opening:
        return ""
    found = re.search(r"[,،]\s+", sent.text)
    if found is None:
        return ""
    rest = _quote(Sent(sent.text[found.end():], sent.index, sent.paragraph, (), ()))
    words = len(WORD.findall(rest))
    if not 6 <= words <= MAX_QUOTE or "," in rest[:1]:
        return ""
    return rest


def _cause(analysis: Analysis, sent: Sent | None) -> Idea | None:
    if sent is None or len(sent.words) > MAX_QUOTE:
        return None
    support = _support(analysis, sent)
    return _idea(analysis, "explain_cause", "explain_cause", "q_cause",
                 ("note_quote", support), sent, quote=_quote(sent))


def _conclusion(analysis: Analysis) -> Idea | None:
    """A paragraph that argues to a conclusion ("Cependant, plus nous multiplions les
    cas …, plus l’information se multiplie. … Il devient donc de plus en plus
    difficile de lire, croiser et interpréter toutes ces informations."): the
    conclusion leans on the paragraph, so no other idea can quote it, yet it is the
    module's argument (round 9 10-m02: 'the module's argument goes unasked'). Asked
    why, quoted with the paragraph's opening sentence; the note quotes the reasons
    between them."""
    lang = analysis.lang
    cues = lang.words("cause")
    for sent in analysis.sents:
        opening = Sent(sent.text, sent.index, sent.paragraph, sent.words[:4], ())
        if not (leans(sent, lang) and has_any(opening, cues)) or sent.text.endswith(
                ("?", "؟", ":")) or not 6 <= len(sent.words) <= 25:
            continue
        same = [s for s in analysis.sents if s.paragraph == sent.paragraph]
        if same[-1].index != sent.index or len(same) < 4 or sent.index in analysis.supported:
            continue  # the close of a paragraph of reasons
        first = same[0]
        pointing = set(lang.words("pointing"))
        if any(MARKS.sub("", w.lower()) in pointing for w in first.words[:4]):
            continue  # the opening names what came before ("Ce tableau …"): a connective
            # ("Cependant, …") it may open on
        asked = _joined([first, sent])
        if len(asked.words) > MAX_ASKED + 5 or first.index in analysis.supported:
            continue
        middle = [s for s in same[1:-1] if s.index not in analysis.supported
                  and 4 <= len(s.words) <= 40][:3]
        if not middle:
            continue
        analysis.supported.update({first.index, sent.index, *(s.index for s in middle)})
        question = "q_conclusion" if lang.frames("q_conclusion") else "q_cause"
        return _idea(analysis, "explain_cause", "explain_cause", question,
                     ("note_quote", _joined(middle)), sent, quote=_quote(asked))
    return None


def _claim(analysis: Analysis, cue: str) -> Sent | None:
    """The most central sentence with a claim (or cause) cue, short enough to quote
    in an objective."""
    words = analysis.lang.words(cue)
    found = [s for s in analysis.ranked[:12] if has_any(s, words)
             and 6 <= len(s.words) <= MAX_ASKED and not s.text.endswith(("?", "؟"))
             and not _instruction(s, analysis)  # a step is done, not weighed
             and not _borrowed(analysis, s)]
    # one short enough to state as an objective first
    return next((s for s in found if len(s.words) <= MAX_QUOTE), found[0] if found else None)


def _support(analysis: Analysis, sent: Sent, want: str = "reason", nearby: bool = False
             ) -> Sent | None:
    """What an answer draws on: the reason, evidence or result the text gives for
    ``sent``, in the same part of the module (under the same heading). A claim that
    announces a list ("… nous offre des avantages importants.") is supported by the
    list's items ("D’abord, …", "De plus, …", "Enfin, …"). Otherwise the sentence
    near it that shares a word stem with it, carries it on (leans on it) or states a
    reason or a result (:data:`CARRIES` cue words of the language), a step never: a
    note that quotes the next instruction says nothing of this one. ``want``:
    "reason" (why a claim holds, a step is needed: the problem a recommendation
    answers comes before it) or "result" (what a step makes happen: after it). A
    quoted sentence that the next one carries on ("… المشي. هذه الجهود محكوم عليها
    بالفشل") is quoted with it. Failing all that, the most central sentence of the
    same part that shares a stem with ``sent`` (none with ``nearby``)."""
    listed = _enumerated(analysis, sent)
    if listed is not None:
        return listed
    lang = analysis.lang
    part = _parts(analysis)
    mine = _stems(sent, lang)
    cues = lang.words("cause") + lang.words("purpose") + lang.words("result")
    best: tuple[float, Sent] | None = None
    nxt = sent.index + 1
    carried = nxt < len(analysis.sents) and analysis.sents[nxt].paragraph == sent.paragraph and (
        leans(analysis.sents[nxt], lang))
    for near in analysis.sents:
        gap = near.index - sent.index
        if not -3 <= gap <= 6 or gap == 0 or part[near.index] != part[sent.index] or (
                near.text.rstrip(".") in sent.text):
            continue  # (a passage of two sentences quotes both already)
        if not 4 <= len(near.words) <= 60 or near.text.endswith(("?", "؟")):
            # (an example is evidence too: "what reasons or examples does it give")
            continue
        same = near.paragraph == sent.paragraph
        # a reason or result word speaks of this sentence only next to it (in its
        # paragraph, or a result a few steps on)
        cue = has_any(near, cues) and (same or want == "result" and 0 < gap <= 3)
        if _step_like(near, analysis) and not (cue and has_any(near, lang.words("result"))):
            continue  # another instruction, unless it says what it makes happen
        if is_meta(near, lang):
            continue  # "para mayor información, revisa …"
        shared = len(mine & _stems(near, lang))
        follows = gap == 1 and same and leans(near, lang)
        if near.index in analysis.supported and not follows:
            continue  # each note quotes another passage, but what carries this one on
        if not (shared or follows or cue):
            continue  # nothing ties it to the sentence
        score = min(shared, 2) + 2.0 * cue + 2.5 * follows + 0.5 * same - 0.3 * abs(gap)
        if want == "reason" and gap < 0 and same and not carried:
            score += 1.0  # the problem a recommendation answers (when nothing carries it on)
        if want == "result" and gap > 0:
            score += 0.5
        if best is None or score > best[0]:
            best = (score, near)
    if best is not None:
        found = best[1]
        analysis.supported.add(found.index)
        before = found.index - 1
        if before >= 0 and before != sent.index and leans(found, lang) and (
                analysis.sents[before].paragraph == found.paragraph) and (
                before not in analysis.supported) and len(analysis.sents[before].words) <= 30:
            # "هذه الجهود محكوم عليها بالفشل" says what the sentence before it names
            analysis.supported.add(before)
            return _joined([analysis.sents[before], found])
        after = found.index + 1
        if after < len(analysis.sents) and after != sent.index and (
                after not in analysis.supported):
            carry = analysis.sents[after]
            if carry.paragraph == found.paragraph and leans(carry, lang) and len(
                    carry.words) <= 25:
                analysis.supported.add(after)
                return _joined([found, carry])
        return _joined([found])
    if nearby:
        return None
    return _first(analysis, lambda s: s.index != sent.index and part[s.index] == part[
        sent.index] and bool(mine & _stems(s, lang))) or _first(
        analysis, lambda s: s.index != sent.index and bool(set(sent.keys) & set(s.keys)))


def _joined(sents: list[Sent]) -> Sent:
    """Sentences quoted as one passage, "A … B" (a sentence that announces what
    follows loses its colon)."""
    texts = [s.text.rstrip().rstrip(":").rstrip().rstrip(".") for s in sents]
    first = sents[0]
    return Sent(" … ".join(texts), first.index, first.paragraph,
                tuple(w for s in sents for w in s.words), tuple(k for s in sents for k in s.keys))


def _enumerated(analysis: Analysis, sent: Sent) -> Sent | None:
    """The items of the list a claim announces: the last sentence of its paragraph,
    followed by two paragraphs or more that open on a word of the language's
    ``enumeration`` list ("D’abord", "De plus", "Enfin"; "أولًا", "ثانيًا"): the
    first sentence of each."""
    lang = analysis.lang
    words = lang.words("enumeration")
    if not words:
        return None
    after = [s for s in analysis.sents if s.index > sent.index]
    if not after or after[0].paragraph == sent.paragraph:
        return None
    found: list[Sent] = []
    paragraph = sent.paragraph
    for near in after:
        if near.paragraph == paragraph:
            continue
        paragraph = near.paragraph
        opening = Sent(near.text, near.index, near.paragraph, near.words[:3], ())
        if not has_any(opening, words) or near.index in analysis.supported:
            break
        found.append(near)
    if len(found) < 2:
        return None
    analysis.supported.update(s.index for s in found)
    return _joined(found[:4])


def _parts(analysis: Analysis) -> list[int]:
    """For each sentence, the part of the module it is in: how many headings come
    before its paragraph."""
    from ..text import paragraphs

    blocks = paragraphs(html.unescape(analysis.module.text))
    heads = [n for n, b in enumerate(blocks) if b.lstrip().startswith("#")]
    return [sum(1 for h in heads if h < s.paragraph) for s in analysis.sents]


def _stems(sent: Sent, lang: Language) -> set[str]:
    """The sentence's content words cut to a stem: without accents and the Arabic
    article, the first five letters ("donnée" and "données", "المخاطر" and "مخاطر")."""
    out = set()
    for key in sent.keys:
        word = "".join(c for c in unicodedata.normalize("NFD", key)
                       if unicodedata.category(c) != "Mn")
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        if len(word) >= 4:
            out.add(word[:5])
    return out


def _step_like(sent: Sent, analysis: Analysis) -> bool:
    """An instruction: a clause that opens on a verb of the procedure list, an
    obligation or advice ("es buena idea …"), a word of the interface."""
    lang = analysis.lang
    verbs = set(lang.words("procedure"))
    clauses = [WORD.findall(c) for c in re.split(r"[,;:،]", sent.text)]
    return any(c and MARKS.sub("", c[0].lower()) in verbs for c in clauses) or has_any(
        sent, lang.words("obligation")) or has_any(
        sent, tuple(w for w in lang.words("procedure") if len(w) > 3))


def _with(analysis: Analysis, phrase: Phrase) -> Sent | None:
    where = {o.sentence for o in phrase.occurrences}
    return _first(analysis, lambda s: s.index in where)


def _first(analysis: Analysis, test) -> Sent | None:
    """The most central sentence that passes ``test`` and no other note quotes yet."""
    found = next((s for s in analysis.ranked if test(s) and s.index not in analysis.supported
                  and not is_example(s, analysis.lang)), None)
    if found is not None:
        analysis.supported.add(found.index)
    return found


def _title(analysis: Analysis) -> str:
    """The module's title without a numbering prefix ("المرحلة الثالثة: …" stays whole)."""
    return re.sub(r"^\s*\d+[.)]?\s*", "", analysis.module.title).strip()


def _action(title: str, lang: Language) -> str:
    """A title that is an infinitive phrase, in lower case ("grabar audio"), or ''."""
    first = title.split()[0].lower() if title.split() else ""
    endings = lang.words("infinitive")
    if not endings or not first.endswith(endings) or len(first) < 5 or ":" in title:
        return ""
    if first in lang.stopwords:
        return ""
    words = title.split()
    joined = set(lang.pair("", "").split())  # "Grabar audio y Exportar": "y"
    for n in range(1, len(words)):  # a title of joined sections: each action lower case
        if words[n - 1] in joined and words[n].lower().endswith(endings):
            words[n] = words[n][0].lower() + words[n][1:]
    return " ".join([words[0][0].lower() + words[0][1:], *words[1:]])


def _quote(sent: Sent | None) -> str:
    if sent is None:
        return ""
    return sent.text.rstrip().rstrip(".").rstrip()


def _words_ok(text: str, lang: Language) -> bool:
    return 4 <= len(text.split()) <= 30  # an objective has at most 30 words (flaws.py)
