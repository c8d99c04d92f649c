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
from ..text import Sentence, find_words, nounish, word_count
from .analysis import Claim, ModuleAnalysis, norm
from .analysis import _subject as subject_of
from .quiz import noun_class
from .terms import Definition

EVALUATIVE = re.compile(
    r"\b(important|crucial|valuable|valued|vital|essential|excellent|best|"
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


HEDGED = re.compile(
    r"\b(likely|suggests?|suggested|may|might|could|possibly|perhaps|appears?|seems?|"
    r"probably|hypothes\w+|thought to|believed)\b",
    re.I,
)
ADVICE = re.compile(r"\b(should|ought to|is best|are best|it is worth|make sure|try to)\b",
                    re.I)
COPULA = re.compile(
    r"^\S+(?: \S+){0,7}? (?:is|are|was|were|has|have|had|remains?|"
    r"(?:can|could|may|might|will|would|must) be) "
)
PAST = re.compile(r"\b(?:\w{3,}ed|came|went|got|took|made|found|held|began|became|gave|led|"
                  r"brought|saw|won|lost|told|wrote|set|put)\b")
SPLIT_CAUSE = re.compile(r",? (?:therefore|so|thus|which means(?: that)?|as a result) ", re.I)
BECAUSE = re.compile(r" because (?:of )?", re.I)
LEADING_ADVERBIAL = re.compile(
    r"^(?:as|given|under|in|at|on|for|with|by|after|before|since|during|once|there|here|"
    r"unlike|like|although|though|while|when|if|every|each|the author)\b", re.I
)


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


def _variant(claim: Claim, options: tuple[str, ...]) -> str:
    """A deterministic choice among wordings, so that a module's objectives and
    questions do not all read alike."""
    return options[claim.sentence.index % len(options)]


def explain_idea(claim: Claim, variant: int = 0, effect: str | None = None) -> Idea | None:
    """The lower-level objective for a claim: describe a process, explain a cause,
    paraphrase a statement, in the reading's own words. ``effect``: what the
    sentence says follows ('X, therefore Y': Y), to explain why."""
    kind, clause = claim_kind(claim), claim.clause
    if effect is not None:
        text, verb = f"Explain why {effect[:1].lower() + effect[1:].rstrip('.')}.", "explain"
    elif kind == "process":
        text, verb = f"Describe how {clause}.", "describe"
    elif kind == "causal":
        text, verb = _explain_cause(clause), "explain"
    elif kind == "event":
        text, verb = f"Summarize the reading's account of how {clause}.", "summarize"
    elif kind == "advice":
        text, verb = f"Explain why the reading advises that {clause}.", "explain"
    elif kind == "hedged":
        text, verb = f"Explain the reasoning behind the suggestion that {clause}.", "explain"
    else:
        leads = ("Explain the reading's point that", "Paraphrase the reading's statement that",
                 "Describe what the reading means when it says that")
        lead = leads[variant % len(leads)]
        text, verb = f"{lead} {clause}.", lead.split()[0].lower()
    objective = _obj(text, verb, "understand")
    return Idea(objective, claim.sentence) if objective else None


def _explain_cause(clause: str) -> str:
    because = BECAUSE.search(clause)
    if because and len(clause[: because.start()].split()) >= 4:
        return f"Explain why {clause[: because.start()]}."
    split = SPLIT_CAUSE.search(clause)
    if split and len(clause[split.end():].split()) >= 4:
        return f"Explain why {clause[split.end():]}."
    return f"Explain how {clause}."


def causal_idea(claim: Claim) -> Idea | None:
    if claim_kind(claim) != "causal":
        return None
    objective = _obj(
        f"Examine the link the reading draws when it says that {claim.clause}.",
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
    kind = claim_kind(claim)
    if kind == "hedged":
        return _hedged(claim)
    if kind == "advice":
        return _advice(claim)
    if kind != "evaluative":
        return None
    if _variant(claim, ("argue", "judge")) == "argue":
        text, verb = f"Argue for or against the reading's view that {claim.clause}.", "argue"
    else:
        text, verb = (f"Judge whether the reading's examples justify the view that "
                      f"{claim.clause}.", "judge")
    objective = _obj(text, verb, "evaluate")
    if objective is None:
        return None
    question = Question(
        text=f"How convincing is the reading's view that {claim.clause}, given the examples "
        "it offers?",
        bloom="evaluate",
        note="A strong answer would separate the evidence the reading gives from its "
        f"evaluative wording (\"{_quote(claim)}\"), test the view against the cases the "
        "reading names, and say what kind of evidence would confirm or weaken it.",
    )
    return Idea(objective, claim.sentence, question)


def _hedged(claim: Claim) -> Idea | None:
    objective = _obj(f"Assess the evidence for the suggestion that {claim.clause}.",
                     "assess", "evaluate")
    if objective is None:
        return None
    question = Question(
        text=f"The reading suggests that {claim.clause}. What evidence does it offer, and "
        "what finding would make you doubt it?",
        bloom="evaluate",
        note="A strong answer would notice the hedged wording, point to the observations "
        f"the reading gives for it (\"{_quote(claim)}\"), and name a result that would "
        "count against it.",
    )
    return Idea(objective, claim.sentence, question)


def _advice(claim: Claim) -> Idea | None:
    objective = _obj(f"Evaluate when the advice that {claim.clause} helps and when it "
                     "does not.", "evaluate", "evaluate")
    if objective is None:
        return None
    question = Question(
        text=f"The reading advises that {claim.clause}. In what situations would this advice "
        "fail or mislead, and why?",
        bloom="evaluate",
        note="A strong answer would restate the purpose the reading gives for the advice, "
        "construct a concrete case where following it goes wrong, and say what to do "
        "instead in that case.",
    )
    return Idea(objective, claim.sentence, question)


def probe_idea(claim: Claim, topic: str) -> Idea | None:
    """For a factual statement about how something is or works: propose how one would
    check it, and ask what follows for the module's topic."""
    if claim_kind(claim) != "process" or claim.is_list or PAST.search(claim.clause):
        return None  # only for how something is or works now, not for past events
    objective = _obj(
        f"Propose an observation or test that would show whether {claim.clause}.",
        "propose", "create",
    )
    if objective is None:
        return None
    about = f" for {topic}" if topic else ""
    question = Question(
        text=f"The reading explains that {claim.clause}. Why does this matter{about}, and "
        "what would change if it were otherwise?",
        bloom="analyze",
        note=f"A strong answer would connect this statement (\"{_quote(claim)}\") to the "
        "other steps or facts the module describes, and trace at least one concrete "
        "consequence of the opposite case.",
    )
    return Idea(objective, claim.sentence, question)


def list_question(claim: Claim, topic: str) -> Question | None:
    """'Which of these matters most, and why?' on a sentence that lists examples."""
    found = re.search(r"\b(?:examples? includes?|such as)\b (.+)$", claim.clause)
    if not found or found.group(1).count(",") < 1 or len(found.group(1).split()) > 18:
        return None
    return Question(
        text=f"The reading names {found.group(1)}. What does each example add to its "
        "argument, and which one supports it best?",
        bloom="evaluate",
        note="A strong answer would say what each item contributes according to the reading, "
        "choose one with a reason grounded in the text, and acknowledge what the others add.",
    )


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


def _joined(text: str, a: str, b: str) -> bool:
    """'A and B', 'A, the B', 'B or A' ... in ``text`` as whole words (plain string
    search: a regular expression per pair of phrases would overflow re's cache)."""
    for first, second in ((a, b), (b, a)):
        for sep in (", ", " and ", " or ", " versus "):
            for the in ("", "the "):
                if find_words(text, f"{first}{sep}{the}{second}") is not None:
                    return True
    return False


def _linked(analysis: ModuleAnalysis, first: tuple[str, int], second: tuple[str, int]) -> bool:
    """Does the reading tie two ideas together: both recur through the module
    (its themes), or they stand within two sentences of each other in one paragraph?"""
    if min(analysis.phrases[norm(first[0])], analysis.phrases[norm(second[0])]) >= 2:
        return True
    a, b = analysis.sents[first[1]], analysis.sents[second[1]]
    return a.paragraph == b.paragraph and abs(first[1] - second[1]) <= 2


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
                if not _joined(text, a, b) or a in analysis.names or b in analysis.names:
                    continue
                if " " not in a or " " not in b or _plural(a) != _plural(b):
                    continue  # 'democratic institutions and majority': not two of a kind
                if min(analysis.phrases[norm(a)], analysis.phrases[norm(b)]) < 2:
                    continue
                pairs.append((a, b, claim.sentence))
    return pairs


def _plural(phrase: str) -> bool:
    last = phrase.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


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
    if claim_kind(claim) != "evaluative":
        return None
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
    if claim_kind(claim) in ("event", "advice") or re.match(r"(?i)in (this|that) ", claim.clause):
        return None
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


def connect_idea(analysis: ModuleAnalysis) -> Idea | None:
    """Two of the module's key ideas from nearby sentences of one paragraph (a chain
    the reading makes in one passage): how does it get from one to the other? The
    higher-order fallback for short modules."""
    picks: list[tuple[str, int]] = []
    for phrase in analysis.key_phrases[:12]:
        if phrase in analysis.group_names or phrase in analysis.names or " " not in phrase:
            continue
        if noun_class(phrase) == "agent" or analysis.casing.is_proper(phrase.split()[0]):
            continue
        if not nounish(phrase.split()[-1]):
            continue  # 'groundwater moves': a verb, not a noun, ends the run
        where = next((c.sentence.index for c in analysis.claims if phrase in c.statement), None)
        if where is None or any(where == w or phrase in p or p in phrase for p, w in picks):
            continue
        if picks and not _linked(analysis, picks[0], (phrase, where)):
            continue  # 'entire populations' ... 'parliamentary inquiries': no chain
        picks.append((phrase, where))
        if len(picks) == 2:
            break
    if len(picks) < 2:
        return None
    (a, _), (b, _) = sorted(picks, key=lambda p: p[1])
    a, b = analysis.casing.sentence_case(a), analysis.casing.sentence_case(b)
    objective = _obj(f"Examine how the reading connects {a} with {b}.", "examine", "analyze")
    if objective is None:
        return None
    question = Question(
        text=f"How does the reading get from {a} to {b}, and which step in that chain is "
        "the least supported?",
        bloom="analyze",
        note=f"A strong answer would lay out the steps the reading takes between {a} and "
        f"{b}, quote the sentences that make each step, and point to the one that rests "
        "on assertion rather than evidence.",
    )
    return Idea(objective, None, question)
