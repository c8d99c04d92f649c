"""Objectives and discussion questions in any language with frames.

Each frame fits one kind of text (PEDAGOGY.md, "Fit the question to the
text"): a procedure gets apply and what-goes-wrong tasks; prose gets the
relation between its key phrases, the reasons for its claims and causes, and
an evaluation of a claim. Frames quote the text or carry the article the
text gives a phrase, so agreement cannot go wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...language import Language
from ...model import Bloom, Objective, Question
from ...strings import fmt
from .analysis import Analysis
from .phrases import Phrase
from .text import Sent, has_any, is_example

HIGHER = ("analyze", "evaluate", "create")
MAX_QUOTE = 22  # words of a quoted sentence in an objective
MAX_ASKED = 35  # words of a quoted sentence in a discussion question
BLOOM: dict[str, Bloom] = {
    "define": "remember", "relation": "understand", "explain_cause": "understand",
    "apply": "apply", "diagnose": "analyze", "compare": "analyze", "evaluate": "evaluate",
}


@dataclass(frozen=True)
class Idea:
    """An objective, and the discussion question and note that go with it."""

    kind: str
    objective: Objective
    question: Question | None
    sentence: Sent | None


def ideas(analysis: Analysis, defined: list[str]) -> list[Idea]:
    """Every idea the module supports, in the order they are worth choosing."""
    lang = analysis.lang
    found: list[Idea | None] = []
    steps = sum(1 for s in analysis.sents if has_any(s, lang.words("procedure")))
    if analysis.procedure or steps >= 2 and _action(_title(analysis), lang):
        found += [_apply(analysis), _diagnose(analysis)]
    claim = _claim(analysis, "claim")
    cause = _claim(analysis, "cause")
    found += [_evaluate(analysis, claim) if not analysis.procedure else None,
              _cause(analysis, cause) if cause is not claim else None, _relation(analysis)]
    if not any(i is not None and i.objective.bloom in HIGHER for i in found):
        found.append(_compare(analysis))
    plain = [p for p in analysis.key_phrases[:3] if p.words > 1 and not _named(p)
             and len({o.sentence for o in p.occurrences}) > 1]
    if defined:
        found.append(_idea(analysis, "define", "define", None, None, term=defined[0]))
    elif plain and not analysis.procedure:
        found.append(_idea(analysis, "define", "define", None, None, term=plain[0].text))
    return [i for i in found if i is not None and _words_ok(i.objective.text, lang)]


def _named(phrase: Phrase) -> bool:
    return any(w[:1].isupper() for w in phrase.text.split())


def choose(found: list[Idea], count: int) -> list[Idea]:
    """Up to ``count`` ideas on at least two Bloom levels, one of them analyze or
    above when there is one, ordered from the lowest level up."""
    chosen: list[Idea] = []
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


def _two(analysis: Analysis) -> tuple[Phrase, Phrase] | None:
    keys = [p for p in analysis.key_phrases if not p.text[:1].isupper()]
    return (keys[0], keys[1]) if len(keys) >= 2 else None


def _relation(analysis: Analysis) -> Idea | None:
    found = _two(analysis)
    if found is None:
        return None
    a, b = (_written(analysis, p) for p in found)
    support = _with(analysis, found[0]) or None
    return _idea(analysis, "relation", "relation", "q_relation", ("note_relation", support),
                 support, a=a, b=b)


def _compare(analysis: Analysis) -> Idea | None:
    """Compare two of the module's key concepts other than the pair the relation
    objective names (the second and third)."""
    keys = [p for p in analysis.key_phrases if not _named(p)]
    if len(keys) < 3:
        return None
    a, b = (_written(analysis, p) for p in keys[1:3])
    support = _with(analysis, keys[1])
    return _idea(analysis, "compare", "compare", "q_compare", ("note_relation", support),
                 support, a=a, b=b)


def _apply(analysis: Analysis) -> Idea | None:
    title = _title(analysis)
    action = _action(title, analysis.lang)
    top = _first(analysis, lambda s: True)
    frame = "apply_action" if action else "apply_title"
    phrase = analysis.key_phrases[0] if analysis.key_phrases else None
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
    if len(sent.words) <= MAX_QUOTE:
        return _idea(analysis, "evaluate", "evaluate", "q_claim", ("note_quote", support),
                     sent, quote=_quote(sent))
    phrase = next((p for p in analysis.key_phrases
                   if any(o.sentence == sent.index for o in p.occurrences)), None)
    if phrase is None:
        return None
    return _idea(analysis, "evaluate", "evaluate_topic", "q_claim", ("note_quote", support),
                 sent, quote=_quote(sent), a=_written(analysis, phrase))


def _cause(analysis: Analysis, sent: Sent | None) -> Idea | None:
    if sent is None or len(sent.words) > MAX_QUOTE:
        return None
    support = _support(analysis, sent)
    return _idea(analysis, "explain_cause", "explain_cause", "q_cause",
                 ("note_quote", support), sent, quote=_quote(sent))


def _claim(analysis: Analysis, cue: str) -> Sent | None:
    """The most central sentence with a claim (or cause) cue, short enough to quote."""
    words = analysis.lang.words(cue)
    return next((s for s in analysis.ranked[:12] if has_any(s, words)
                 and len(s.words) <= MAX_ASKED and not s.text.endswith("?")
                 and not has_any(s, analysis.lang.words("second_person"))), None)


def _support(analysis: Analysis, sent: Sent) -> Sent | None:
    """Another central sentence sharing a word with ``sent``: what an answer draws on."""
    words = set(sent.keys)
    return _first(analysis, lambda s: s.index != sent.index and bool(words & set(s.keys)))


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
    return 4 <= len(text.split()) <= 40
