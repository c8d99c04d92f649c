"""The higher-order ideas (analyze, evaluate, create): a cause to examine, a view
or a hedged suggestion to weigh, advice to test, two things the reading
contrasts, a group it generalises about, the conclusion of a synthesis module,
what follows from an event, a counterfactual, and how two claims or two key
ideas of the module bear on each other. Each carries its discussion question;
:func:`list_question` is a question alone, on a sentence that lists examples.
"""

from __future__ import annotations

import dataclasses
import re

from ...model import Objective, Question
from ..text import Sentence, find_words, nounish
from .analysis import Claim, ModuleAnalysis, norm
from .cloze import _plural
from .distractors import noun_class
from .ideas import (
    BECAUSE,
    CAUSAL,
    FORECAST,
    SPLIT_CAUSE,
    Idea,
    _clip,
    _obj,
    _quote,
    claim_kind,
    is_event,
)
from .salience import ARGUED

PAST = re.compile(r"\b(?:\w{3,}ed|came|went|got|took|made|found|held|began|became|gave|led|"
                  r"brought|saw|won|lost|told|wrote|set|put)\b")


def causal_idea(claim: Claim, asking: bool = False) -> Idea | None:
    """A cause the reading gives, examined: the whole 'X, therefore Y' or 'Y because X'
    sentence, so the link is in view."""
    clause = claim.clause
    if not STRONG_CAUSE.search(claim.sentence.text) or is_event(claim) or NARRATED.search(
            claim.sentence.text):
        return None  # 'allows', 'helps', a narrated outcome: no mechanism to weigh
    if claim_kind(claim) != "causal":
        if claim.kind != "cause" or claim.part:
            return None
        whole = claim.statement.rstrip(".")
        if len(whole.split()) > 30 or not CAUSAL.search(whole):
            return None
        first = whole.split(" ", 1)[0]
        clause = whole[:1].lower() + whole[1:] if first in LEADS else whole
    objective = _obj(_examine_cause(clause), "examine", "analyze") if clause else None
    if objective is None and not asking:
        return None
    question = Question(
        text=f"The reading says that {clause}. How does it explain this link, and "
        "what other factors could also play a part?",
        bloom="analyze",
        note=f"A strong answer would trace the mechanism the reading offers (\"{_quote(claim)}\"), "
        "separate what the reading shows from what it asserts, and name at least one other "
        "explanation.",
    )
    return Idea(objective or _asked(claim), claim.sentence, question)


STRONG_CAUSE = re.compile(r"\b(?:because|therefore|as a result|thus|hence|consequently|"
                          r"which means|leads? to|led to|gives? rise to|gave rise to|"
                          r"paves? the way|paved the way|"
                          r"results? in|contributes? to|contributed to|driving|drives|drove|"
                          r"strengthen(?:s|ed)?|depends? on)\b", re.I)
"""Markers of a cause the reading argues: 'what other factors could play a part' fits
these, not 'X allows Y' (what a tool does) or 'X helps Y'."""
NARRATED = re.compile(r"\b(?:I|we|the author) (?:had|went|was|were|got|did)\b|\bresulted in\b")
"""A narrated outcome ('I had to go to court ... but it resulted in articles'): a story,
not a causal claim to probe."""
REPORTED = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s){1,3}(?:also |always |even |never |often |actually |still )?"
    r"(?:believed|thought|felt|held|said|insisted|argued|claimed|declared|wrote|maintained|"
    r"hoped|feared|doubted|knew)\b")
"""'Phillips believed that ...': what someone is reported to think. Weighing it asks
whether he believed what he is quoted saying; only an explanation fits."""
AIM = re.compile(r"\b(?:aims? to|aimed to|seeks? to|sought to|is designed to|are designed to|"
                 r"is intended to|are intended to|is meant to|refers? to|is called|are called|"
                 r"is known as|are known as|consists? of|is made up of|is composed of)\b", re.I)
"""An aim, a definition or a structure: nothing to tell evidence from interpretation in."""


DANGLING_THIS = re.compile(r"\b(?:this|these|those|such) (?!is\b|are\b|was\b|way\b)[a-z]+\b")


RESOURCE_TIP = re.compile(
    r"\b(?:help|helps|let|lets|allow|allows|enable|enables) (?:readers|you|users|the reader|"
    r"learners|students)\b|\b(?:tools?|websites?|web pages?|software|guides?|tutorials?|"
    r"resources?|documentation|packages?|libraries)\b[^.]*\b(?:can|could|may|might)\b", re.I)
"""A resource tip ('online tools can help readers discover ...'): nothing to weigh."""


def _asked(claim: Claim) -> Objective:
    """The stand-in objective of a question asked on a sentence too long to make an
    objective of (:func:`.candidates.extra_questions` uses only the question)."""
    return Objective(text=claim.statement, verb="explain", bloom="understand")


LEADS = frozenset("The A An This These Those Its Their Our Such".split())
POINTS_BACK = re.compile(r"(?:it|this|that|these|those|he|she|they|his|her|its|their)\b", re.I)
RESTATED = 16
"""Longest clause an objective may carry whole: a longer one only restates the
sentence behind a frame, which reviewers call trivial."""


HEDGE_TAIL = re.compile(r",?\s+(?:precisely|partly|largely|mainly|mostly|simply|only|in part|"
                        r"chiefly|primarily|not least)$")


def _examine_cause(clause: str) -> str:
    """The analyze-level objective on a cause: what it explains ('Examine why,
    according to the reading, Y' for 'Y because X' and 'X, therefore Y'), or the
    short claim itself; '' when only the whole long sentence would do."""
    because = BECAUSE.search(clause)
    if because and len(clause[: because.start()].split()) >= 4:
        effect = HEDGE_TAIL.sub("", clause[: because.start()].rstrip(" ,"))
        return f"Examine why, according to the reading, {effect}."
    split = SPLIT_CAUSE.search(clause)
    if split and len(clause[split.end():].split()) >= 4 and not POINTS_BACK.match(
            clause[split.end():]):
        return f"Examine why, according to the reading, {clause[split.end():].rstrip('.')}."
    leads = LEADS_TO.search(clause)
    if leads and len(leads.group("effect").split()) <= 8:
        first, _, rest = leads.group("verb").partition(" ")
        first = first + "s" if first in ("lead", "pave", "result", "contribute", "give") else first
        verb = f"{first} {rest}"
        return f"Examine what, according to the reading, {verb} {leads.group('effect')}."
    if len(clause.split()) > RESTATED:
        return ""
    return f"Examine how, according to the reading, {clause}."


LEADS_TO = re.compile(
    r"\b(?P<verb>leads? to|led to|paves? the way (?:for|to)|paved the way (?:for|to)|"
    r"results? in|resulted in|contributes? to|contributed to|gives? rise to|gave rise to)"
    r" (?P<effect>[^,;:()]+?)\.?$"
)
"""'X paves the way for Y': the effect Y, to ask what (in the reading) brings it about."""


def evaluate_idea(claim: Claim, examples: bool = True) -> Idea | None:
    """A view weighed: against the examples the module gives when it gives some,
    else against the support it offers and a sceptic's reply."""
    kind = claim_kind(claim)
    if REPORTED.match(claim.clause):
        return None
    claim = _unfronted(claim)
    if kind == "hedged":
        return _hedged(claim)
    if kind == "advice":
        return _advice(claim)
    if kind != "evaluative":
        return None
    if examples:
        text, verb = (f"Judge whether the reading's examples justify the view that "
                      f"{claim.clause}.", "judge")
        asked = (f"How convincing is the reading's view that {claim.clause}, given the "
                 "examples it offers?")
    else:
        text, verb = f"Assess how well the reading supports its view that {claim.clause}.", \
            "assess"
        asked = (f"What support does the reading give for its view that {claim.clause}, and "
                 "how would a sceptic answer it?")
    objective = _obj(text, verb, "evaluate")
    if objective is None:
        return None
    question = Question(
        text=asked,
        bloom="evaluate",
        note="A strong answer would separate the evidence the reading gives from its "
        f"evaluative wording (\"{_quote(claim)}\"), test the view against "
        + ("the cases the reading names" if examples else "a case of the student's own")
        + ", and say what kind of evidence would confirm or weaken it.",
    )
    return Idea(objective, claim.sentence, question)


FRONTED = re.compile(r"^(?P<degree>at (?:best|worst|least|most)),? (?P<subject>(?:\S+ ){1,6}?)"
                     r"(?P<verb>is|are|was|were|has|have|had|can|could|may|might|will|would) ")
"""'at best Open Science practices are seen as ...': a degree put first, which reads as
'the view that at best ...' behind a frame."""


def _unfronted(claim: Claim) -> Claim:
    """The claim with a fronted degree ('at best X are seen as Y') moved after its verb
    ('X are at best seen as Y'), so that 'the view that ...' reads as English."""
    found = FRONTED.match(claim.clause)
    if not found:
        return claim
    clause = (f"{found.group('subject')}{found.group('verb')} {found.group('degree')} "
              + claim.clause[found.end():])
    return dataclasses.replace(claim, clause=clause)


def _hedged(claim: Claim) -> Idea | None:
    if DANGLING_THIS.search(claim.clause) or RESOURCE_TIP.search(claim.clause):
        return None  # 'succeed in this endeavor': what is weighed is in another sentence
    if FORECAST.search(claim.clause):
        return None
    objective = _obj(f"Assess the evidence for the suggestion that {claim.clause}.",
                     "assess", "evaluate")
    if objective is None:
        return None
    question = Question(
        text=f"The reading suggests that {claim.clause}. What evidence does it offer, and "
        "what finding would make you doubt it?",
        bloom="evaluate",
        note="A strong answer would notice the hedged wording, point to the observations "
        "the reading gives for it elsewhere than in the claim itself, and name a result "
        "that would count against it.",
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


def evidence_idea(claim: Claim, asking: bool = False) -> Idea | None:
    """The fallback higher-order idea: weigh the reading's support for a claim."""
    if is_event(claim):
        return consequence_idea(claim)
    if claim_kind(claim) in ("advice", "hedged"):
        return None  # weighed by their own frames
    if not argued(claim):
        return None  # a plain description has no interpretation to tell from its evidence
    if SPLIT_CAUSE.search(claim.sentence.text):
        return None  # half of 'X, therefore Y': the causal frame asks about the link
    if REPORTED.match(claim.clause) or AIM.search(claim.clause) or RESOURCE_TIP.search(
            claim.clause):
        return None  # a reported belief, an aim, a definition or a structure: not argued
    objective = _obj(
        f"Examine the reasons the reading gives for its claim that {claim.clause}.",
        "examine",
        "analyze",
    ) if len(claim.clause.split()) <= RESTATED + 4 else None
    if objective is None and not asking:
        return None
    question = Question(
        text=f"The reading states that {claim.clause}. What in the reading supports this, and "
        "what could a critic say against it?",
        bloom="analyze",
        note="A strong answer would quote the supporting details the reading gives, tell fact "
        "from interpretation, and state the strongest objection with what the reading could "
        "answer to it.",
    )
    return Idea(objective or _asked(claim), claim.sentence, question)


STANCE = re.compile(
    r"\b(?:than|more|less|most|least|only|rather|instead|not|never|no|always|every|all|"
    r"because|therefore|thus|so|but|yet|however|although|though|while|whereas|despite|"
    r"indeed|even|too|deeper|greater|fewer|own)\b",
    re.I,
)


def argued(claim: Claim) -> bool:
    """Does the claim take a position (a judgement, a cause, a comparison, a thesis,
    a contrast or degree word, a general statement) rather than report what happened?"""
    if claim.kind in ARGUED or claim_kind(claim) in ("evaluative", "causal", "hedged"):
        return True
    # a general statement in the present ('participation creates avenues for trust') is
    # the reading's interpretation; a report of what someone did is not
    return bool(STANCE.search(claim.clause)) or not PAST.search(claim.clause)


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


def connect_idea(analysis: ModuleAnalysis, argued: bool = True) -> Idea | None:
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
    if not argued:  # exposition: how the parts work together, not 'least supported'
        return Idea(objective, None, Question(
            text=f"How does the reading link {a} and {b}, and what role does each play in what "
            "it describes?",
            bloom="analyze",
            note=f"A strong answer would say what the reading tells about {a} and about {b}, "
            "name the step or relation that joins them, and explain what would change if one "
            "were missing.",
        ))
    question = Question(
        text=f"How does the reading get from {a} to {b}, and which step in that chain is "
        "the least supported?",
        bloom="analyze",
        note=f"A strong answer would lay out the steps the reading takes between {a} and "
        f"{b}, quote the sentences that make each step, and point to the one that rests "
        "on assertion rather than evidence.",
    )
    return Idea(objective, None, question)


LIKENESS = re.compile(r"\b(?:like|unlike|than|differ(?:s|ed)? from|shared?|agreed?|disagreed?|"
                      r"same as|similar|whereas|while|both)\b", re.I)


def _people(analysis: ModuleAnalysis) -> list[str]:
    """One-word names the module uses as people, at least twice, most used first."""
    out = []
    for name in analysis.names:
        if " " in name or name in analysis.group_names:
            continue
        uses = sum(1 for s in analysis.sents if find_words(s.text, name) is not None)
        if uses >= 2 and (analysis.name_kind(name) == "person" or (
                uses >= 3 and analysis.name_kind(name) == "other"
                and re.search(rf"\b{re.escape(name)}(?:'s)? (?:\w+ ){{0,2}}(?:argued|"
                              r"wrote|believed|feared|thought|claimed|saw|said|insisted|"
                              r"warned|hoped|concluded|observed|noted)\b", analysis.text))):
            out.append((uses, name))
    return [n for _, n in sorted(out, key=lambda u: -u[0])]


def _concept(analysis: ModuleAnalysis, text: str, least: int = 2) -> str:
    """The module's most important common-noun phrase in ``text`` (used at least
    ``least`` times in the module), '' when none."""
    for phrase in analysis.key_phrases[:15]:
        if phrase in analysis.names or phrase in analysis.group_names or any(
                w[:1].isupper() for w in phrase.split()):
            continue
        if analysis.phrases[norm(phrase)] < least or not nounish(phrase.split()[-1]):
            continue
        if find_words(text, phrase) is not None:
            return phrase
    return ""


def views_idea(analysis: ModuleAnalysis, voice: str = "the reading") -> Idea | None:
    """Two people the module sets side by side ('A shared B's concern ...', 'A's ideas
    differed from those of B'): compare their views on what the sentence is about."""
    people = _people(analysis)[:3]
    for index in analysis.salience.central(12):
        sent = analysis.sents[index]
        if not LIKENESS.search(sent.text):
            continue
        pair = [p for p in people if find_words(sent.text, p) is not None][:2]
        if len(pair) < 2:
            continue
        topic = _concept(analysis, sent.text)
        if not topic:
            continue
        a, b = pair
        objective = _obj(f"Compare {a}'s and {b}'s views on {topic} as {voice} presents them.",
                         "compare", "analyze")
        if objective is None:
            return None
        question = Question(
            text=f"Where do {a} and {b} agree about {topic}, and where do they part ways? "
            "Which difference matters most to the reading's argument, and why?",
            bloom="analyze",
            note=f"A strong answer would set out what the reading attributes to each "
            f"(\"{_clip(sent.text, 20)}\"), name one point of agreement and one of "
            f"difference, and explain why the reading dwells on the difference.",
        )
        return Idea(objective, sent, question)
    return None


def concept_idea(analysis: ModuleAnalysis, argued_text: bool) -> Idea | None:
    """The concept the module keeps returning to (a common-noun phrase used three
    times or more), anchored in the most central sentence that uses it."""
    for index in analysis.salience.central(8):
        sent = analysis.sents[index]
        if analysis.salience.kind(index) in ("statistic", "example", "event"):
            continue
        topic = _concept(analysis, sent.text, 3)
        if not 2 <= len(topic.split()) <= 4:  # one word: the course's subject, too broad
            continue
        where = "argument" if argued_text else "account"
        objective = _obj(f"Explain the part {topic} plays in the reading's {where}.",
                         "explain", "understand")
        if objective is None:
            return None
        question = Question(
            text=f"Which claims of this section depend on what the reading says about "
            f"{topic}, and how well would they stand without it?",
            bloom="analyze",
            note=f"A strong answer would gather what the reading says about {topic} across "
            f"the section (starting from \"{_clip(sent.text, 20)}\"), say what it explains "
            "or makes possible, and show which later point depends on it.",
        )
        return Idea(objective, sent, question)
    return None


CONCLUDED = re.compile(
    r"^(?:thus|so|therefore|hence|for this reason|that is why|this is why),? it(?:'s|’s| is) "
    r"(?P<weight>important|essential|crucial|necessary|vital|critical|wise|best) "
    r"(?P<rest>(?:(?:when|while|before|after|in) [^,]{3,60},? )?to [^.;:?!]{8,}?)\.?$", re.I)
"""'Thus, it's important when working with spatial data to identify the CRS ...': advice
the reading draws from the sentence before it (its reason)."""


def concluded_idea(analysis: ModuleAnalysis, sent: Sentence) -> Idea | None:
    """Advice the reading concludes from the sentence before it ('... will not line up in
    any program. Thus, it's important to identify the CRS and retain it'): why, by the
    reason given, and what goes wrong without it. A question a technical lesson's reader
    can answer from the text, where 'what other factors' or 'when would it fail' misfit."""
    found = CONCLUDED.match(sent.text.strip())
    if not found or sent.index == 0:
        return None
    before = analysis.sents[sent.index - 1]
    if before.paragraph != sent.paragraph or not 6 <= len(before.words) <= 45 or (
            before.text.rstrip().endswith(("?", ":"))):
        return None  # the reason must be the sentence just before, in the same paragraph
    weight, rest = found.group("weight").lower(), found.group("rest").rstrip(" ,")
    objective = _obj(f"Examine why it is {weight} {rest}.", "examine", "analyze")
    question = Question(
        text=f"Why, according to the reading, is it {weight} {rest}? What would go wrong in "
        "a project of your own if you did not?",
        bloom="analyze",
        note=f"A strong answer would give the reason the reading states just before "
        f"(“{before.text.strip()}”), trace what goes wrong without it on a concrete case, "
        "and say how one would check for it in practice.",
    )
    return Idea(objective or Objective(text=sent.text.strip(), verb="examine",
                                       bloom="analyze"), sent, question)
