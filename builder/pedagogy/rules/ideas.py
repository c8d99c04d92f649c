"""Objectives and discussion questions, built from the same 'ideas' so that
each question assesses the objective it came with.

An idea is one thing worth teaching in the module: a term it defines, a
central claim, two things it contrasts, a generalisation to examine, or (in a
synthesis module) the conclusion to test against the earlier sections.
Everything quotes or embeds the reading's own words, so the grammar stays
the author's and the framing stays "the reading claims", never an
endorsement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Bloom, Objective, Question
from ..lexicon import CAUSAL_MARKERS
from ..text import Sentence, word_count
from .analysis import Claim, ModuleAnalysis, norm
from .terms import Definition

EVALUATIVE = re.compile(
    r"\b(important|critical|crucial|valuable|valued|highly|vital|essential|excellent|best|"
    r"noteworthy|deep-rooted|dedication|commitment|belief|reflects?|reflection|"
    r"should|must|never|always|clearly|obviously|perfect|powerful|unique|"
    r"exemplifies|signifies|proactive|strongly)\b",
    re.I,
)
CAUSAL = re.compile(r"\b(" + "|".join(re.escape(m) for m in CAUSAL_MARKERS) + r")\b", re.I)
LEVEL_ORDER = ("remember", "understand", "apply", "analyze", "evaluate", "create")


@dataclass(frozen=True)
class Idea:
    objective: Objective
    sentence: Sentence | None
    question: Question | None = None


def _obj(text: str, verb: str, bloom: Bloom) -> Objective | None:
    if not 6 <= word_count(text) <= 30:
        return None
    return Objective(text=text, verb=verb, bloom=bloom)


def _short(claim: Claim, limit: int = 22) -> bool:
    return word_count(claim.clause) <= limit


def define_idea(defs: list[Definition]) -> Idea | None:
    if not defs:
        return None
    first = defs[0]
    if len(defs) > 1 and first.sentence.index != defs[1].sentence.index:
        text = f"Define {first.term} and {defs[1].term} as the reading uses them."
    else:
        text = f"Define {first.term} as the reading uses the term."
    objective = _obj(text, "define", "remember")
    return Idea(objective, first.sentence) if objective else None


def explain_idea(claim: Claim) -> Idea | None:
    if EVALUATIVE.search(claim.clause) or CAUSAL.search(claim.clause):
        text = f"Explain the reading's claim that {claim.clause}."
    else:
        text = f"Explain why it matters to the reading's argument that {claim.clause}."
    objective = _obj(text, "explain", "understand")
    return Idea(objective, claim.sentence) if objective else None


def causal_idea(claim: Claim) -> Idea | None:
    if not CAUSAL.search(claim.clause):
        return None
    objective = _obj(
        f"Examine the reasoning behind the reading's claim that {claim.clause}.",
        "examine",
        "analyze",
    )
    if objective is None:
        return None
    question = Question(
        text=f"The reading says that {claim.clause}. How does it explain this link, and "
        "what other factors could also play a part?",
        bloom="analyze",
        note=f"A strong answer would trace the mechanism the reading offers (\"{_quote(claim)}\"), "
        "separate what the reading shows from what it asserts, and name at least one other "
        "explanation.",
    )
    return Idea(objective, claim.sentence, question)


def evaluate_idea(claim: Claim) -> Idea | None:
    if not EVALUATIVE.search(claim.clause):
        return None
    objective = _obj(
        f"Assess how well the reading supports its claim that {claim.clause}.",
        "assess",
        "evaluate",
    )
    if objective is None:
        return None
    question = Question(
        text=f"The reading claims that {claim.clause}. How well does it support this claim, "
        "and what evidence would change your view?",
        bloom="evaluate",
        note="A strong answer would separate the evidence the reading gives from its "
        "evaluative wording, look for examples or figures that back the claim, and say what "
        "kind of evidence (data, counter-examples, other sources) would confirm or weaken it.",
    )
    return Idea(objective, claim.sentence, question)


def compare_idea(analysis: ModuleAnalysis, a: str, b: str, sent: Sentence) -> Idea | None:
    a, b = analysis.casing.sentence_case(a), analysis.casing.sentence_case(b)
    objective = _obj(f"Compare {a} and {b} as the reading describes them.", "compare", "analyze")
    if objective is None:
        return None
    question = Question(
        text=f"How do {a} and {b} differ as the reading describes them, and why does the "
        "difference matter?",
        bloom="analyze",
        note=f"A strong answer would draw on what the reading says about each "
        f"(\"{_clip(sent.text)}\"), name a concrete difference and explain its consequence.",
    )
    return Idea(objective, sent, question)


def group_idea(analysis: ModuleAnalysis, group: str, cases: list[str]) -> Idea | None:
    if cases:
        wording = (f"Evaluate the reading's treatment of {group} as one group against the "
                   "specific cases it names.")
    else:
        wording = (f"Evaluate the evidence the reading offers for what it says about {group} "
                   "as a whole.")
    objective = _obj(wording, "evaluate", "evaluate")
    if objective is None:
        return None
    if len(cases) == 1:
        text = (
            f"To what extent does the reading's treatment of \"{group}\" as one group hold up "
            f"against the one example it names ({cases[0]})?"
        )
    elif cases:
        named = ", ".join(cases[:4])
        text = (
            f"To what extent does the reading's treatment of \"{group}\" as one group hold up "
            f"against the different cases it names ({named})?"
        )
    else:
        text = (
            f"To what extent does the reading's treatment of \"{group}\" as one group hold up, "
            "given that this section names no particular country or case?"
        )
    note = (
        "A strong answer would ask which countries or actors each claim actually describes, "
        "notice where the reading generalises without evidence, and separate what it shows "
        "from what it asserts about the group as a whole."
    )
    question = Question(text=text, bloom="evaluate", note=note)
    return Idea(objective, None, question)


def synthesis_idea(claim: Claim) -> Idea | None:
    objective = _obj(
        f"Formulate a response to the conclusion's claim that {claim.clause}.",
        "formulate",
        "create",
    )
    if objective is None:
        return None
    question = Question(
        text=f"The conclusion claims that {claim.clause}. Which evidence from the earlier "
        "sections supports this, and where is the support thin?",
        bloom="evaluate",
        note="A strong answer would point to specific examples from the earlier sections, "
        "say which parts of the conclusion they support, and name the parts that go beyond "
        "the evidence.",
    )
    return Idea(objective, claim.sentence, question)


def contrast_pairs(analysis: ModuleAnalysis) -> list[tuple[str, str, Sentence]]:
    """Two key phrases coordinated in one sentence ('A and B') that the text also
    discusses elsewhere, so that comparing them has material."""
    pairs: list[tuple[str, str, Sentence]] = []
    top = analysis.key_phrases[:25]
    for claim in analysis.ranked_claims:
        text = claim.sentence.text
        present = [p for p in top if p in text]
        for a in present:
            for b in present:
                if a >= b or a.lower() in b.lower() or b.lower() in a.lower():
                    continue
                joined = re.search(
                    rf"\b{re.escape(a)}(?:,| and| or| versus)(?: the)? {re.escape(b)}\b|"
                    rf"\b{re.escape(b)}(?:,| and| or| versus)(?: the)? {re.escape(a)}\b",
                    text,
                )
                if not joined or a in analysis.names or b in analysis.names:
                    continue
                if min(analysis.phrases[norm(a)], analysis.phrases[norm(b)]) < 2:
                    continue
                pairs.append((a, b, claim.sentence))
    return pairs


def _clip(text: str, limit: int = 24) -> str:
    words = text.split()
    return text if len(words) <= limit else " ".join(words[:limit]).rstrip(",;:") + " …"


def _quote(claim: Claim) -> str:
    return _clip(claim.statement.rstrip("."))


def sort_by_level(objectives: list[Objective]) -> list[Objective]:
    return sorted(objectives, key=lambda o: LEVEL_ORDER.index(o.bloom))


EVENT = re.compile(
    r"\b(1[5-9]\d\d|20\d\d)\b|\bthe author \w+ed\b|\b(January|February|March|April|May|"
    r"June|July|August|September|October|November|December) \d"
)


def is_event(claim: Claim) -> bool:
    """A past event the reading reports, not a claim it argues."""
    return bool(EVENT.search(claim.clause)) and not EVALUATIVE.search(claim.clause)


def consequence_idea(claim: Claim) -> Idea | None:
    """For a reported event: what followed, and what the episode shows."""
    objective = _obj(
        f"Examine the consequences the reading traces from the fact that {claim.clause}.",
        "examine",
        "analyze",
    )
    if objective is None:
        return None
    question = Question(
        text=f"The reading reports that {claim.clause}. What followed from this, and what "
        "does the episode show about the reading's larger argument?",
        bloom="analyze",
        note="A strong answer would trace the consequences the reading describes, in order, "
        "and connect them to the lesson the reading draws from the case.",
    )
    return Idea(objective, claim.sentence, question)


def evidence_idea(claim: Claim) -> Idea | None:
    """The fallback higher-order idea: weigh the reading's support for a claim."""
    if is_event(claim):
        return consequence_idea(claim)
    objective = _obj(
        f"Distinguish the evidence from the interpretation in the reading's claim that "
        f"{claim.clause}.",
        "distinguish",
        "analyze",
    )
    if objective is None:
        return None
    question = Question(
        text=f"The reading states that {claim.clause}. What in the reading supports this, and "
        "how would you test it further?",
        bloom="analyze",
        note="A strong answer would quote the supporting details the reading gives, tell fact "
        "from interpretation, and propose a concrete source or observation that could confirm "
        "or challenge the statement.",
    )
    return Idea(objective, claim.sentence, question)


def counterfactual_idea(claim: Claim) -> Idea | None:
    """'What would happen if' on a claim: only a question (no objective of its own)."""
    objective = _obj(
        f"Judge what would follow if it were not the case that {claim.clause}.",
        "judge",
        "evaluate",
    )
    if objective is None:
        return None
    question = Question(
        text=f"The reading says that {claim.clause}. What would you expect to see if this "
        "were not so, and does anything in the reading rule that out?",
        bloom="evaluate",
        note="A strong answer would spell out concrete consequences of the opposite case, "
        "check them against the details the reading gives, and judge how much the claim "
        "depends on evidence the reading does not show.",
    )
    return Idea(objective, claim.sentence, question)


def relate_idea(first: Claim, second: Claim) -> Idea | None:
    """How two claims of the module bear on each other: only a question."""
    if first.sentence.index == second.sentence.index:
        return None
    a, b = sorted((first, second), key=lambda c: c.sentence.index)
    question = Question(
        text=f"How does the reading's claim that {a.clause} relate to its claim that "
        f"{b.clause}?",
        bloom="analyze",
        note="A strong answer would say whether the second claim supports, qualifies or "
        "merely restates the first, point to the details the reading gives for each, and "
        "name what would have to be true for both to hold.",
    )
    objective = Objective(
        text="Analyze how two of the reading's claims bear on each other.",
        verb="analyze",
        bloom="analyze",
    )
    return Idea(objective, a.sentence, question)
