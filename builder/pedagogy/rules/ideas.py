"""Objectives and discussion questions, built from the same 'ideas' so that
each question assesses the objective it came with.

An idea is one thing worth teaching in the module: a term it defines, a
central claim, two things it contrasts, a generalisation to examine, or (in a
synthesis module) the conclusion to test against the earlier sections.
Everything quotes or embeds the reading's own words, so the grammar stays
the author's and the framing stays "the reading claims", never an
endorsement.

This module holds the idea itself, what kind of statement a claim is, and the
lower-level ideas (define, explain); the higher-order ones (analyze, evaluate,
create) are in :mod:`.higher`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Bloom, Objective, Question
from ..lexicon import CAUSAL_MARKERS, STOPWORDS
from ..text import Sentence, word_count
from .analysis import Claim
from .statements import _subject as subject_of
from .terms import Definition

EVALUATIVE = re.compile(
    r"\b(important|crucial|valuable|valued|vital|essential|excellent|best|"
    r"noteworthy|deep-rooted|dedication|commitment|belief|reflects?|reflection|"
    r"should|must|never|always|clearly|obviously|perfect|powerful|unique|"
    r"exemplifies|signifies|proactive|strongly)\b",
    re.I,
)
CAUSAL = re.compile(r"\b(" + "|".join(re.escape(m) for m in CAUSAL_MARKERS) + r")\b", re.I)


@dataclass(frozen=True)
class Idea:
    objective: Objective
    sentence: Sentence | None
    question: Question | None = None
    frame: str = ""
    """The frame it was written in (:data:`.frames.GENRE_FRAMES`): what reviews are
    tallied and the ranking is learned by."""


def _obj(text: str, verb: str, bloom: Bloom) -> Objective | None:
    if not 6 <= word_count(text) <= 30:
        return None
    return Objective(text=text, verb=verb, bloom=bloom)


def define_idea(defs: list[Definition]) -> Idea | None:
    if not defs:
        return None
    first = defs[0]  # one concept per objective: "Define A and B" was asked to be split
    text = f"Define {first.term} as the reading uses the term."
    objective = _obj(text, "define", "remember")
    return Idea(objective, first.sentence) if objective else None


HEDGED = re.compile(
    r"\b(likely|suggests?|(?:been|is|was|were) suggested|may|might|could|possibly|perhaps|"
    r"appears?|seems?|probably|hypothes\w+|thought to|(?:is|are|was|were|widely|commonly) "
    r"believed)\b",
    re.I,
)
ADVICE = re.compile(r"\b(should|ought to|is best|are best|it is worth|make sure|try to)\b",
                    re.I)
COPULA = re.compile(
    r"^\S+(?: \S+){0,7}? (?:is|are|was|were|has|have|had|remains?|"
    r"(?:can|could|may|might|will|would|must) be) "
)
SPLIT_CAUSE = re.compile(r",? (?:therefore|so|thus|which means(?: that)?|as a result) ", re.I)
BECAUSE = re.compile(r" because (?:of )?", re.I)
LEADING_ADVERBIAL = re.compile(
    r"^(?:as|given|under|in|at|on|for|with|by|after|before|since|during|once|there|here|"
    r"unlike|like|although|though|while|when|if|every|each|the author)\b", re.I
)


MODAL_OR_COPULA = re.compile(r"\b(?:can|could|may|might|will|would|should|must|is|are|was|"
                             r"were|gets?|got|has|have|had)\b", re.I)


def claim_kind(claim: Claim) -> str:
    """What sort of statement the claim is, which decides how to teach it:
    event, advice, hedged, evaluative, causal, state (X is/has Y) or process."""
    clause = claim.clause
    if is_event(claim):
        return "event"
    if ADVICE.search(clause):
        return "advice"
    if HEDGED.search(clause):
        return "hedged"
    if EVALUATIVE.search(clause):
        return "evaluative"
    if CAUSAL.search(clause):
        return "causal"
    if COPULA.match(clause) or LEADING_ADVERBIAL.match(clause):
        return "state"
    return "process" if subject_of(claim.statement) else "state"


NAMING = re.compile(r"\b(?:is|are|was|were) (?:also |sometimes |often )?(?:called|named|"
                    r"known as|referred to as)\b|\bgets? (?:its|their) name\b", re.I)


ASIDE = re.compile(r"\(e\.g\.?|\(i\.e\.?|\blike (?:this|that)\b|\b(?:in|of) (?:this|that) "
                   r"(?:way|case)\b|^more \w+ (?:in practice )?is\b", re.I)
"""A helper remark with its example in brackets, or a claim about 'something like
this': what it is about is in another sentence."""


EXPLETIVE = re.compile(r"^it(?:'s|’s| is) (?=(?:\w+ ){0,3}(?:idea|mistake|important|essential|"
                       r"dangerous|wise|best|better|safer|easier|harder|necessary)\b)", re.I)


FORECAST = re.compile(
    r"\b(?:may|might|could) well\b|\b(?:in the future|at a later (?:point|stage|date|time)|"
    r"one day|some day|someday|eventually|in (?:the )?years to come)\b|"
    r"\b(?:may|might|can|could) (?:seem|appear|look|sound|feel)\b", re.I)
"""A hedge that is no hypothesis the reading argues for: a forecast ('things may well
change ... at a later point') or a concession ('may seem time-consuming'). There is no
evidence in the text to weigh."""


SIGNPOST = re.compile(
    r"^(?:in|on) (?:at least |several )?(?P<n>two|three|four|five|six|seven|several|a few)"
    r"(?: \w+)? (?P<noun>ways|respects|regards|points|areas|senses),\s*(?:(?:however|moreover|"
    r"though|then|also|therefore),\s*)?(?P<rest>[^,;:]{12,})$", re.I)
"""An enumerating signpost: 'In at least three ways, however, Phillips's ideas differed
from Tocqueville's' announces the ways that follow."""


def _variant(claim: Claim, options: tuple[str, ...]) -> str:
    """A deterministic choice among wordings, so that a module's objectives and
    questions do not all read alike."""
    return options[claim.sentence.index % len(options)]


def explain_idea(claim: Claim, variant: int = 0, effect: str | None = None,
                 argued: bool = False) -> Idea | None:
    """The lower-level objective for a claim: describe a process, explain a cause,
    in the reading's own words. ``effect``: what the sentence says follows ('X,
    therefore Y': Y), to explain why. ``argued``: the module argues a case, so its
    claims are framed as the reading's (never asserted as fact)."""
    kind, clause = claim_kind(claim), claim.clause
    listed = SIGNPOST.match(claim.sentence.text.strip().rstrip("."))
    if listed:
        # 'In at least three ways, X differed from Y' is no point of its own: it points
        # to one, the ways themselves
        text = (f"Explain the {listed.group('n').lower()} {listed.group('noun').lower()} in "
                f"which {listed.group('rest')}.")
        objective = _obj(text, "explain", "understand")
        return Idea(objective, claim.sentence) if objective else None
    if NAMING.search(clause) or ASIDE.search(clause):
        return None  # 'the vertical bar is called a pipe': a name, not an idea to explain
    judged = EXPLETIVE.match(clause)
    if judged and effect is None:
        # 'it's a very bad idea to X': why, in the reading's words
        text = f"Explain why it is {clause[judged.end():].strip()}."
        objective = _obj(text, "explain", "understand")
        return Idea(objective, claim.sentence) if objective else None
    if effect is not None:
        according = "according to the reading, " if argued else ""
        effect = effect[:1].lower() + effect[1:].rstrip(".")
        text, verb = f"Explain why, {according}{effect}.".replace("why, ", "why ", 1) if not \
            argued else f"Explain why, {according}{effect}.", "explain"
    elif argued and (held := REPORTED.match(clause)) is not None and (
            held.group("who").split()[0].lower() not in STOPWORDS):
        # 'Phillips believed that X': the reading reports a view, it does not argue it
        # (round9 and round10 03-m05-O1: "reading reports, not argues, the belief")
        who = held.group("who")
        own = who + "'s"  # a person's name: 'Phillips's view', as the essays write it
        text, verb = f"Explain {own} view, as the reading reports it, that {held.group('x')}.", \
            "explain"
    elif argued and kind in ("process", "state", "evaluative") and not claim.kind == "event":
        text, verb = f"Explain how the reading argues that {_verbal(clause)}.", "explain"
    elif kind == "process" and not MODAL_OR_COPULA.search(" ".join(clause.split()[:8])):
        text, verb = f"Describe how {clause}.", "describe"
    elif kind == "causal":
        text, verb = _explain_cause(clause), "explain"
    elif kind == "event":
        text, verb = f"Summarize the reading's account of how {clause}.", "summarize"
    elif kind == "advice":
        text, verb = f"Explain why the reading advises that {clause}.", "explain"
    elif kind == "hedged":
        if FORECAST.search(clause):
            return None  # a forecast or a concession: no reasoning to explain
        text, verb = f"Explain the reasoning behind the suggestion that {clause}.", "explain"
    elif RELATIONAL.search(_verbal(clause)):
        # 'X exemplifies Y', 'X is a reflection of Y': how one thing shows another
        text, verb = f"Explain how {_verbal(clause)}.", "explain"
    elif len(clause.split()) <= 16 or variant == 0:
        # a long sentence only when it is the module's most central claim (its thesis):
        # any other restated whole is a paraphrase of one sentence, not an objective
        text, verb = f"Explain the reading's point that {clause}.", "explain"
    else:
        return None
    objective = _obj(text, verb, "understand")
    return Idea(objective, claim.sentence) if objective else None


# Verbs by which a statement says one thing shows or shapes another: 'Explain
# how X reflects Y' reads as a teacher's objective, 'the reading's point that'
# does not.
RELATIONAL = re.compile(
    r"^[^,;]{3,120}?\b(?:reflects?|exemplif(?:y|ies)|illustrates?|demonstrates?|"
    r"signif(?:y|ies)|underlines?|embod(?:y|ies)|shapes?)\b",
)
_REFLECTION = re.compile(r"\b(is|are) an? (reflection|illustration|expression) of\b")


REPORTED = re.compile(
    r"^(?P<who>(?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+) (?:(?:also|always|still|firmly) )?"
    r"(?:believed|thought|held|felt|feared|hoped|insisted|maintained|argued|claimed|"
    r"contended|declared|asserted|was convinced|"
    r"remained convinced) that (?P<x>.+)$")
"""'Phillips believed that ...': a named person's view the reading reports."""


def _verbal(clause: str) -> str:
    """'X is a reflection of Y' -> 'X reflects Y' (and the like)."""
    def verb(found: re.Match[str]) -> str:
        base = {"reflection": "reflect", "illustration": "illustrate",
                "expression": "express"}[found.group(2)]
        return base + ("s" if found.group(1) == "is" else "")
    return _REFLECTION.sub(verb, clause)


def _explain_cause(clause: str) -> str:
    because = BECAUSE.search(clause)
    if because and len(clause[: because.start()].split()) >= 4:
        return f"Explain why {clause[: because.start()]}."
    split = SPLIT_CAUSE.search(clause)
    if split and len(clause[split.end():].split()) >= 4:
        return f"Explain why {clause[split.end():]}."
    return f"Explain how {clause}."


def _clip(text: str, limit: int = 24) -> str:
    words = text.split()
    return text if len(words) <= limit else " ".join(words[:limit]).rstrip(",;:") + " …"


def _quote(claim: Claim) -> str:
    return _clip(claim.statement.rstrip("."))


EVENT = re.compile(
    r"\b(1[5-9]\d\d|20\d\d)\b|\bthe author \w+ed\b|\b(January|February|March|April|May|"
    r"June|July|August|September|October|November|December) \d"
)


def is_event(claim: Claim) -> bool:
    """A past event the reading reports, not a claim it argues."""
    return bool(EVENT.search(claim.clause)) and not EVALUATIVE.search(claim.clause)
