"""Overgenerate: every objective-and-question idea the module's central sentences
support, in frames that fit the module's genre and each sentence's kind
(:func:`.frames.fits`). Ranking and choosing happen in the backend.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...model import Objective
from ..lexicon import GENERIC
from ..text import Sentence, content_words
from .analysis import Claim, ModuleAnalysis
from .frames import (
    LEANS,
    NO_OBJECTIVE,
    Voice,
    addressed,
    apply_idea,
    example_idea,
    fits,
    interpret_idea,
    judge_idea,
    lesson_ideas,
    life_idea,
    passages_idea,
    pipeline_question,
    quotable,
    shared_theme,
    tools_idea,
    warning_question,
)
from .higher import (
    causal_idea,
    compare_idea,
    concluded_idea,
    connect_idea,
    contrast_pairs,
    evaluate_idea,
    evidence_idea,
    group_idea,
    list_question,
    relate_idea,
    synthesis_idea,
    views_idea,
)
from .ideas import (
    EXPLETIVE,
    SPLIT_CAUSE,
    Idea,
    _obj,
    claim_kind,
    define_idea,
    explain_idea,
)
from .passages import CONTRAST, EVIDENCE, REASONS, draw_on, passages_line
from .salience import LEFT_OUT
from .statements import aside, peripheral
from .terms import definitions

LEANING = frozenset("same such latter former aforementioned".split())
LITERARY = ("literary", "aphoristic")
HIGHER_LEVELS = ("analyze", "evaluate", "create")


@dataclass(frozen=True)
class Context:
    """What the candidates of one module depend on beyond its own text."""

    kind: str
    """The module's kind: 'lesson' or 'synthesis'."""
    topic: str
    """The module's title as a noun phrase ('' when it is not one)."""
    voice: Voice
    groups: tuple[str, ...] = ()
    """Generalised groups to examine in this module (already filtered)."""
    first_plural: float = 0.0
    """Share of the course's sentences in the first person plural ('we', 'our')."""
    sections: tuple[tuple[str, str], ...] = ()
    """The module's sections as (title, plain text): where a sentence stands."""


def anaphoric(claim: Claim) -> bool:
    """'do the same', 'such difficulties': the claim leans on a sentence not quoted."""
    words = [w.lower().strip(",.;:") for w in claim.clause.split()]
    for n, word in enumerate(words):
        if word not in LEANING:
            continue
        if word == "same" and n + 1 < len(words) and words[n + 1] in words[:n]:
            continue  # 'operates on a file ... to the same file': named in the clause
        return True
    return False


def usable(analysis: ModuleAnalysis, limit: int = 21, undashed: bool = True) -> list[Claim]:
    """Central claims an objective can be built on: no list, statistic or example,
    none cut off ('do not measure - and'), none peripheral (:func:`peripheral`), no
    detail told on the way and none that points back (:func:`.statements.aside`).
    A claim too long for ``limit`` is first trimmed of what it can lose without losing
    its point (:func:`trimmed`). ``undashed``: with the claims of sentences made whole by
    leaving out a dash's aside (:attr:`.analysis.ModuleAnalysis.undashed_claims`)."""
    out = []
    ranked = sorted(analysis.claims + (analysis.undashed_claims if undashed else []),
                    key=lambda c: (-c.score, c.sentence.index))
    for c in ranked:
        c = trimmed(c, limit)
        if (not c.is_list and not anaphoric(c)
                and len(c.clause.split()) <= limit + (5 if EXPLETIVE.match(c.clause) else 0)
                and c.kind not in NO_OBJECTIVE and not _cut_off(c.clause)
                and not peripheral(c.sentence.text) and not aside(c.sentence.text, c.statement)):
            out.append(c)
    return out


COMMENT = re.compile(r",?\s+and\s+it\s+(?:looks|seems|appears),?\s+(?:as\s+if|as\s+though|like|"
                     r"that)\b.*$", re.I)
"""A comment tacked on to a claim ('..., and it looks, as if he succeeded'): the
author's aside on the claim, not part of it (round9 01-m01-O2)."""
APPOSITION = re.compile(
    r",\s+an?\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:that|who|which|whose|considered|called|known|"
    r"regarded|seen)\b[^,;]*$")
"""A closing noun in apposition that describes what the clause names ('..., a group
considered beyond the pale of respectability', '..., a method that challenged ...')."""
LEAD_IN = re.compile(
    r"^(?:as\s+(?:[\w-]+\s+){1,4}(?:has|have|had)\s+(?:shown|argued|noted|observed|"
    r"pointed\s+out|written|suggested)|according\s+to\s+(?:[\w-]+\s+){0,3}[\w-]+|"
    r"unlike\s+(?:[\w-]+\s+){0,6}[\w-]+),\s+(?=[A-Z\w])", re.I)
"""An opening that says who showed the claim, or whom it sets the subject against
('As historian X has shown, ...', 'Unlike some other critics of democracy, ...'):
the claim stands without it."""


def trimmed(claim: Claim, limit: int) -> Claim:
    """The claim without a comment tacked on to it, and, when it is longer than
    ``limit`` words, without a closing apposition or an opening attribution or
    contrast (what remains is what the sentence asserts); unchanged when nothing
    comes off or what remains is still too long or under six words."""
    clause = COMMENT.sub("", claim.clause)
    for pattern in (APPOSITION, LEAD_IN):
        if len(clause.split()) <= limit:
            break
        shorter = pattern.sub("", clause).strip()
        if shorter != clause and len(shorter.split()) >= 6:
            clause = shorter
    if clause == claim.clause or len(clause.split()) > limit + 5:
        return claim
    clause = clause[:1].upper() + clause[1:] if claim.clause[:1].isupper() else clause
    statement = clause[:1].upper() + clause[1:] + "."
    return dataclasses.replace(claim, clause=clause, statement=statement)


_DANGLING = frozenset("and or but the a an of to in on for with by as than - – —".split())


_UNBOUND = re.compile(r"^(?:in [^,]+, )?(?:he|she|his|her|him|it(?!(?:'s|’s| is| was) (?:\w+ )"
                      r"{0,3}(?:idea|mistake|important|essential|dangerous|wise|best|better|"
                      r"safer|easier|harder|possible|impossible|necessary)\b)|this|that)\b"
                      r"|,? either$", re.I)
"""A claim leaning on a person or thing not named; an expletive 'it' ('it's a bad idea
to ...') names what it is about in the same sentence."""


_UNBOUND_OPENER = re.compile(r"^(?:once|when|whenever|if|after|before|until|unless|as soon as)"
                             r"\b[^,]{0,60}\b(?:it|them)\b[^,]{0,40},\s+(?:it|they)\b", re.I)
"""'once you learned it, it should be really efficient': the pronoun of the opening
clause and the subject after it both point to something named before."""


def _cut_off(clause: str) -> bool:
    """Cut off ('do not measure - and') or leaning on a person or thing not named
    ('he emphasized ...', '... putative, either', 'once you learned it, it ...')."""
    words = clause.rstrip(" .").split()
    return (not words or words[-1].lower() in _DANGLING or " - and" in clause
            or bool(_UNBOUND.search(clause.rstrip(" ."))) or bool(_UNBOUND_OPENER.match(clause)))


def passages(analysis: ModuleAnalysis, count: int = 8) -> list[Sentence]:
    """Central sentences to quote (kept in the author's own words): no left-out kind,
    statistic or example, 6-40 words."""
    out = []
    for index in analysis.salience.central():
        kind = analysis.salience.kind(index)
        sent = analysis.sents[index]
        if kind in LEFT_OUT or kind in NO_OBJECTIVE or not 6 <= len(sent.words) <= 40:
            continue
        out.append(sent)
        if len(out) == count:
            break
    return out


def _framed(frame: str, idea: Idea | None) -> Idea | None:
    if idea is None:
        return None
    return idea if idea.frame else dataclasses.replace(idea, frame=frame)


def _claim_frame(claim: Claim) -> str:
    """The frame evaluate_idea uses on a claim, by what the claim is."""
    return {"hedged": "hedged", "advice": "advice"}.get(claim_kind(claim), "evaluate")


def candidates(analysis: ModuleAnalysis, ctx: Context) -> tuple[list[Idea], list[Idea]]:
    """(lower, higher): lower-level ideas (remember, understand, apply) and higher
    ones (analyze, evaluate, create), best first."""
    genre = analysis.genre
    claims = usable(analysis)
    lower: list[Idea | None] = [_framed("define", define_idea(definitions(analysis)))]
    higher: list[Idea | None] = []
    # the lessons the text states after its cases come first: its own point
    lessons = lesson_ideas(analysis.sents, ctx.sections)
    lower.extend(i for i in lessons if i.objective.bloom not in HIGHER_LEVELS)
    higher.extend(i for i in lessons if i.objective.bloom in HIGHER_LEVELS)
    if genre in LITERARY:
        _literary(analysis, ctx, lower, higher)
    else:
        effects = _effects(analysis)
        if fits("apply", genre, "claim"):
            codes = code_words(analysis)
            applied = [apply_idea(s, codes) for s in passages(analysis, 12)]
            found = [a for a in applied if a is not None]
            lower[:0] = found[:3]
            if len(found) >= 2 and fits("tools", genre, "claim"):
                higher.append(tools_idea(found[0], found[1], codes))
        lower.extend(
            _framed("explain", explain_idea(c, n, effects.get(c.sentence.index),
                                            genre == "argument"))
            for n, c in enumerate(claims[:6])
            if fits("explain", genre, c.kind) and (c.kind != "event" or genre in (
                "narrative", "argument"))
        )
    if ctx.kind == "synthesis":
        higher.extend(_framed("synthesis", synthesis_idea(c)) for c in claims[:3])
    if fits("group", genre, "claim") and ctx.first_plural < 0.1:
        cases = [n for n in analysis.names if analysis.name_kind(n) == "place"]
        higher.extend(_framed("group", group_idea(analysis, g, cases)) for g in ctx.groups)
    for a, b, sent in contrast_pairs(analysis):
        if fits("compare", genre, analysis.salience.kind(sent.index)):
            higher.append(_framed("compare", compare_idea(analysis, a, b, sent)))
    if fits("compare", genre, "comparison"):
        higher.insert(0, _framed("compare", views_idea(analysis)))
    higher.extend(_argued(claims[:8], genre, _has_examples(analysis), analysis=analysis))
    if fits("causal", genre, "cause"):
        # a central 'Y because X' too long to restate still gives 'Examine why Y'
        higher.extend(_framed("causal", causal_idea(c)) for c in _long_causes(analysis, claims))
    if fits("causal", genre, "cause"):
        # advice the reading draws from the sentence before ('Thus, it's important to ...')
        higher.extend(_framed("causal", concluded_idea(analysis, analysis.sents[i]))
                      for i in analysis.salience.central(12))
    # no "Explain the part X plays in the reading's argument" (concept_idea): reviewers
    # called it generic each time; the plain explain objectives above name the claim
    if fits("connect", genre, "claim"):
        higher.append(_framed("connect", connect_idea(analysis, genre == "argument")))
    return [_addressed(i) for i in lower if i], [_addressed(i) for i in higher if i]


def _addressed(idea: Idea) -> Idea:
    """The idea with a generic 'one ... one's' said to the student (:func:`.frames.addressed`)."""
    if idea.sentence is None:
        return idea
    source = idea.sentence.text
    objective = dataclasses.replace(idea.objective,
                                    text=addressed(idea.objective.text, source))
    question = idea.question and dataclasses.replace(
        idea.question, text=addressed(idea.question.text, source))
    return dataclasses.replace(idea, objective=objective, question=question)


CLAIM_KINDS = {"causal": "cause", "evaluative": "evaluative", "hedged": "hedged",
               "advice": "advice", "event": "event"}


def _fits(frame: str, genre: str, claim: Claim) -> bool:
    """The frame fits the sentence's kind, or what its main clause states (a
    'therefore' sentence whose first half is a judgement can be weighed as one)."""
    second = CLAIM_KINDS.get(claim_kind(claim), claim.kind)
    kinds = {claim.kind, second} - {"statistic"} if claim.kind != "statistic" else set()
    return any(fits(frame, genre, k) for k in kinds)


def _argued(claims: list[Claim], genre: str, examples: bool,
            asking: bool = False, analysis: ModuleAnalysis | None = None
            ) -> Iterable[Idea | None]:
    """``asking``: for questions only, so a sentence too long to make an objective of
    may still be asked about. With ``analysis``, a view is weighed 'given the examples
    it offers' only when the passage around it gives some, and the reasons for a claim
    are examined only when the passage gives reasons (:func:`_backed`)."""
    for claim in claims:
        if _fits("causal", genre, claim):
            yield _framed("causal", causal_idea(claim, asking))
        frame = _claim_frame(claim)
        near = _backed(analysis, claim) if analysis is not None else (examples, True)
        if _fits(frame, genre, claim):
            yield _framed(frame, evaluate_idea(claim, examples and near[0]))
        if claim.kind == "event" and _fits("consequence", genre, claim):
            yield _framed("consequence", evidence_idea(claim))
        elif _fits("evidence", genre, claim):
            idea = evidence_idea(claim, asking)
            if idea is not None and not near[1] and idea.objective.text.startswith(
                    "Examine the reasons"):
                idea = _weighed(idea, claim, analysis)
            yield _framed("evidence", idea)


def _backed(analysis: ModuleAnalysis, claim: Claim) -> tuple[bool, bool]:
    """(examples, reasons): does the passage around the claim (its paragraph, the ones
    either side and the sentences closest to it in meaning) give a case, a figure or an
    example, and does it give a reason (because, since, therefore, a finding)?"""
    index = claim.sentence.index
    around = {s.index for s in analysis.sents
              if abs(s.paragraph - claim.sentence.paragraph) <= 1}
    around.update(analysis.salience.related(index, 6))
    texts = [analysis.sents[i].text for i in sorted(around)]
    kinds = [analysis.salience.kind(i) for i in sorted(around) if i != index]
    examples = "example" in kinds or any(EVIDENCE.search(t) for t in texts)
    reasons = any(REASONS.search(t) or EVIDENCE.search(t) for t in texts)
    return examples, reasons


def _weighed(idea: Idea, claim: Claim, analysis: ModuleAnalysis | None) -> Idea | None:
    """A claim the passage gives no reasons for: weighed against what the module says on
    the other side (a sentence with a contrast close to it in meaning), else nothing to
    examine."""
    if analysis is None:
        return idea
    near = analysis.salience.related(claim.sentence.index, 6)
    if not any(CONTRAST.search(analysis.sents[i].text) for i in near):
        return None
    objective = _obj(f"Assess the reading's claim that {claim.clause} against what it says "
                     "on the other side.", "assess", "evaluate")
    return dataclasses.replace(idea, objective=objective) if objective else None


def _literary(analysis: ModuleAnalysis, ctx: Context, lower: list[Idea | None],
              higher: list[Idea | None]) -> None:
    """Interpretation, one's own life, two passages compared, a claim judged."""
    genre = analysis.genre
    quoted = [s for s in passages(analysis, 12) if quotable(s)][:8]
    for sent in quoted[:6]:
        kind = analysis.salience.kind(sent.index)
        if fits("life", genre, kind):
            lower.append(life_idea(sent, ctx.voice))
        if fits("interpret", genre, kind):
            lower.append(interpret_idea(sent, kind, ctx.voice, ctx.topic))
            higher.append(interpret_idea(sent, kind, ctx.voice, ctx.topic, "analyze"))
    for n, first in enumerate(quoted[:5]):
        for second in quoted[n + 1:6]:
            if abs(first.index - second.index) < 2:
                continue
            a, b = sorted((first, second), key=lambda s: s.index)
            theme = shared_theme(a, b, analysis.key_phrases)
            if theme:
                higher.append(passages_idea(a, b, theme, ctx.voice))
    for claim in usable(analysis, 18)[:6]:
        if fits("judge", genre, claim.kind):
            higher.append(judge_idea(claim, ctx.voice))


def extra_questions(analysis: ModuleAnalysis, topic: str, voice: Voice | None = None,
                    pipelines: Sequence[tuple[str, ...]] = ()) -> list[Idea | None]:
    """Questions beyond the objectives' own, in frames that fit: a pipeline the lesson
    runs traced and diagnosed (:func:`pipeline_idea`), two claims related, causes, views
    and suggestions weighed, a counterfactual on a cause, examples."""
    genre = analysis.genre
    short = usable(analysis, 30, undashed=False)
    voice = voice or Voice()
    extra: list[Idea | None] = []
    if pipelines and fits("apply", genre, "claim"):
        extra.append(pipeline_idea(pipelines, analysis))
    if fits("warning", genre, "claim"):  # a how-to's warning: what goes wrong, worked out
        extra.extend(warning_question(analysis.sents[i]) for i in analysis.salience.central(20))
    pair = [c for c in short if len(c.clause.split()) <= 18][:2]
    if len(pair) == 2 and fits("relate", genre, "claim") and _related(pair):
        extra.append(_framed("relate", relate_idea(pair[0], pair[1])))
    examples = _has_examples(analysis)
    extra.extend(_argued(short[:8], genre, examples, asking=True, analysis=analysis))
    # the last resort of a module that explains (FALLBACK_FRAMES): its most central
    # general statement shown at work on an example of the student's own
    for claim in short[:4]:
        if fits("example", genre, claim.kind):
            extra.append(example_idea(claim, voice))
    if fits("list", genre, "claim"):
        for claim in analysis.ranked_claims[:10]:
            question = list_question(claim, topic)
            if question is not None:
                extra.insert(0, Idea(_placeholder(claim), claim.sentence, question, "list"))
    return [_addressed(i) if i is not None else None for i in extra]


def pipeline_idea(pipelines: Sequence[tuple[str, ...]],
                  analysis: ModuleAnalysis) -> Idea | None:
    """The lesson's longest pipeline (the first of that length), traced and diagnosed
    (:func:`.frames.pipeline_question`), with a note that quotes the passages saying
    what its commands do: the sentences that name the command the question is about,
    most central first."""
    found = [(len(p), -n, p) for n, p in enumerate(pipelines) if pipeline_question(p)]
    if not found:
        return None
    stages = max(found)[2]
    question = pipeline_question(stages)
    if question is None:
        return None
    commands = [s.split()[0] for s in stages]
    about = commands[-2] if len(stages) >= 3 else commands[0]

    def names(command: str, index: int) -> bool:
        return re.search(rf"(?<![\w$-]){re.escape(command)}(?![\w-])",
                         analysis.sents[index].text) is not None

    stage = next(s for s in stages if s.split()[0] == about)
    options = {w for w in stage.split()[1:] if w.startswith("-")}

    def other_option(index: int) -> bool:
        """'the sort -r command sorts in reverse order' for a pipeline's 'sort -n'."""
        used = re.findall(rf"(?<![\w-]){re.escape(about)}\s+(-\w+)", analysis.sents[index].text)
        return bool(used) and not set(used) & options

    central = analysis.salience.central()
    pool = [i for i in central if names(about, i) and not other_option(i)
            and 6 <= len(analysis.sents[i].words) <= 40
            and not LEANS.match(analysis.sents[i].text)
            and analysis.salience.kind(i) not in NO_OBJECTIVE]
    # a passage naming more of the pipeline's commands says how they combine
    pool.sort(key=lambda i: (-sum(names(c, i) for c in set(commands)), central.index(i)))
    picks = pool[:2]
    if picks:
        question = dataclasses.replace(
            question, note=question.note + " " + passages_line(sorted(picks), analysis))
    listed = ", ".join(f"`{c}`" for c in commands[:-1]) + f" and `{commands[-1]}`"
    objective = Objective(text=f"Predict what a pipeline of {listed} prints and what "
                          "leaving out one of its commands changes.", verb="predict",
                          bloom="analyze")
    return Idea(objective, None, question, frame="pipeline")


def _placeholder(claim: Claim) -> Objective:
    return Objective(text=claim.statement, verb="explain", bloom="understand")


def _related(pair: list[Claim]) -> bool:
    return bool(content_words(pair[0].clause) & content_words(pair[1].clause))


def _long_causes(analysis: ModuleAnalysis, claims: list[Claim]) -> list[Claim]:
    """Central cause sentences :func:`usable` left out for length alone."""
    return [c for c in analysis.ranked_claims[:6]
            if c not in claims and c.kind == "cause" and not c.is_list and not anaphoric(c)
            and not _cut_off(c.clause) and len(c.clause.split()) <= 34
            and not peripheral(c.sentence.text)]


def _has_examples(analysis: ModuleAnalysis) -> bool:
    """Does the module give examples or name cases to weigh a view against?"""
    kinds = [r.kind for r in analysis.salience.ranked]
    return "example" in kinds or len(analysis.names) >= 2


def _effects(analysis: ModuleAnalysis) -> dict[int, str]:
    """By sentence: what an 'X, therefore Y' sentence explains (Y, made to stand
    alone), for the objective 'Explain why Y'."""
    return {
        half.sentence.index: half.statement
        for half in analysis.clause_claims
        if half.part == 2 and SPLIT_CAUSE.search(half.sentence.text)
    }


def code_words(analysis: ModuleAnalysis) -> frozenset[str]:
    """Words of the module's code lines ('sort', 'head', 'wc'): names of tools."""
    words: set[str] = set()
    for ranked in analysis.salience.ranked:
        if ranked.kind == "code":
            words.update(w.lower() for w in analysis.sents[ranked.index].words
                         if w.isalpha() and len(w) >= 2)
    return frozenset(words)



_COMMAND = re.compile(r"(?:^|\$\s+|\|\s*)([a-z][\w.-]{1,20})(?=\s|$)")
_FILE = re.compile(r"\b[\w-]+\.(?:txt|csv|pdb|tsv|json|py|r|sh|md|dat|shp|tif|gpkg)\b", re.I)


def lesson_commands(analysis: ModuleAnalysis, count: int = 4) -> tuple[list[str], list[str]]:
    """(commands, files) the module's own code lines use, most used first: what an
    answer to the lesson's own question works with."""
    commands: dict[str, int] = {}
    files: dict[str, int] = {}
    for ranked in analysis.salience.ranked:
        if ranked.kind != "code":
            continue
        line = analysis.sents[ranked.index].text
        if "$" not in line and "|" not in line:
            continue  # program output, not a command
        for part in re.split(r"\$|\|", line):
            found = _COMMAND.match(part.strip())
            if found:
                commands[found.group(1)] = commands.get(found.group(1), 0) + 1
        for name in _FILE.findall(line):
            files[name] = files.get(name, 0) + 1

    def top(counts: dict[str, int], n: int) -> list[str]:
        return [k for k, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:n]]

    return top(commands, count), top(files, 2)


def guiding_note(text: str, analysis: ModuleAnalysis, say: Callable[..., str]) -> str:
    """The facilitation note for a question the lesson asks itself (Carpentries
    ``::: questions``), which comes with none: anchored in the module's own
    commands and example files, or its key terms, and the passages that share the
    question's words. ``say``: the notes table's wording (it marks the note as
    generated)."""
    commands, files = lesson_commands(analysis)
    if commands:
        shown = ", ".join(f"`{c}`" for c in commands)
        note = say("guiding_commands", commands=shown,
                   files=", ".join(files) if files else "")
        if not files:
            note = note.replace(" ()", "")
    else:
        terms = [p for p in analysis.key_phrases[:8]
                 if len(p) > 3 and p.lower() not in GENERIC][:3]
        if not terms:
            return ""
        note = say("guiding_terms", terms=", ".join(terms))
    picks = draw_on(text, None, analysis)
    return note + (" " + passages_line(picks, analysis) if picks else "")
