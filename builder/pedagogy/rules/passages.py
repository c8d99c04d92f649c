"""The passages a facilitation note cites: for a discussion question, the sentences a
strong answer draws on (the reason or evidence the text gives for the question's claim,
the case that supports it, the sentence that qualifies it), chosen by closeness in
meaning, role and place in the text (:func:`draw_on`), and the note line that quotes
them (:func:`noted`, :func:`passages_line`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from ...model import Question
from ..lexicon import FURTHER_READING
from ..semantic import get_embedder
from ..text import Sentence, content_words, find_words
from .analysis import ModuleAnalysis
from .frames import LEANS, quote
from .salience import LEFT_OUT

LITERARY = ("literary", "aphoristic")


def noted(question: Question, sentence: Sentence | None, analysis: ModuleAnalysis) -> Question:
    """The facilitation note with the passages a strong answer draws on (:func:`draw_on`):
    cases or figures that bear on the claim, passages that qualify or cut against it,
    or a related point."""
    if "Passages to draw on" in question.note:
        return question
    picks = [i for i in draw_on(question.text, sentence, analysis)
             if analysis.sents[i].text.strip()[:40] not in question.note]  # quoted already
    if not picks:
        return question
    note = question.note.rstrip() + " " + passages_line(picks, analysis)
    return dataclasses.replace(question, note=note)


def passages_line(picks: list[int], analysis: ModuleAnalysis) -> str:
    """'Passages to draw on: “…”; “…”'. No label on what each passage does: a
    word such as 'but' or a figure does not say how a passage bears on the claim
    ('not only ... but also' read as a contrast), and a wrong label makes the
    note untrue (round6: labels on parallel passages judged bad feedback)."""
    shown = [f"“{_shown(analysis.sents[index])}”" for index in picks]
    return "Passages to draw on: " + " ".join(shown)


def _shown(sent: Sentence) -> str:
    """The passage whole, or its leading clauses when it is longer than a note should
    quote (a continuation of the claim may run to :data:`LONGEST_CARRIED` words)."""
    if len(sent.words) <= LONGEST:
        return sent.text.strip()
    return quote(sent, LONGEST)


FRAME_WORDS = frozenset(
    """reading author claim claims says states suggests argues view views evidence support
    supports critic answer strong convincing examples offers offer finding doubt explain
    link factors part play passage point larger section mean means fit""".split())


REASONS = re.compile(r"\b(?:because|since|for example|for instance|such as|e\.g\.|"
                     r"therefore|thus|so that|due to|shows?|showed|found)\b|\d", re.I)
"""A sentence that gives a reason, an example or a figure (bears on a claim)."""
EVIDENCE = re.compile(r"\b(?:for example|for instance|such as|e\.g\.|in (?:one|this|that|the) "
                      r"case|case of|showed|shows|found|study|studies|trial|survey|report(?:ed)?|"
                      r"per ?cent|percent)\b|(?<![\w-])\d[\d,.]*(?![\w-])|[“\"][^”\"]{12,}[”\"]",
                      re.I)
"""A sentence with evidence: a case, a figure (a number standing alone, not the 2 of
'SARS-CoV-2'), an example, a finding or a quotation."""
CONTRAST = re.compile(r"^while\b|(?<!not )(?<!\()\byet\b(?! to\b)|\b(?:but|however|although|"
                      r"though|whereas|nevertheless|nonetheless|"
                      r"instead|on the other hand|on the contrary|despite|in spite of|"
                      r"rather than|unlike|"
                      r"lack of|not (?:strong|enough|always|necessarily))\b", re.I)
"""A sentence that qualifies or contradicts: what a strong answer weighs against a claim."""
NEAR = 0.92
"""Cosine above which a sentence restates the claim rather than bearing on it."""
BEARS = 0.45
"""Cosine below which a sentence is about something else (measured on the corpus: the
passages reviewers asked for score 0.55-0.85 against the claim, word-match-only ones
0.3-0.45)."""


REASON = re.compile(
    r"\b(?:because|since(?! \d)|so that|for this reason|that is why|this is why|otherwise|"
    r"unless|therefore|thus|hence|consequently|as a result|which means|(?:this|that) means|"
    r"leads? to|led to|in order to|doomed|fails?|failed|failing|at (?:best|worst)|"
    r"the (?:reason|point|aim|goal|purpose) (?:is|was)|if (?:[^,;.]+?),? (?:\w+ ){0,2}"
    r"(?:won[’']t|will not|cannot|can[’']t|would|wouldn[’']t|will|must))\b",
    re.I)
"""A sentence that gives the reason for a claim or its consequence: 'because', 'so that',
'otherwise ... would fail', 'if changing it takes hours, you won't experiment', a warning."""
BAR = 0.62
"""Least score (closeness in meaning plus the lifts for role and distance) of a passage a
note cites. Measured on the corpus (round7 bad-feedback notes): the passages teachers asked
for score 0.63-0.95, the neighbours and openings they rejected 0.45-0.6."""
BAR_FIGURATIVE = 0.52
"""The bar in a literary or aphoristic module, where an image and the passage that
explains it share few words (round7: the 'fine-sounding word', 'ancient medals, obscure
coins' and 'how man comes near to the deity' passages the teachers found apt score
0.52-0.64 with no role lift; at 0.58 the notes of 07 and 11 lost them)."""
ALONE = 0.05
"""The higher bar of a counter-passage cited alone (round7 02-m01: 'the note quotes only
counter-passages; add the supporting ones')."""
FLOOR = 0.32
"""Closeness in meaning below which no role or nearness makes a passage bear on the claim."""


THE_LAST = re.compile(r"^(?:the|this|that) (?:last|latter|former|first|second|same)\b", re.I)
"""'The last is employed as ...': it leans on the sentence before, which names both."""


@dataclass(frozen=True)
class Scored:
    """A candidate passage for a facilitation note, with why it scored as it did."""

    score: float
    sim: float
    role: str
    """'reason', 'evidence', 'contrast' or '' (a related point)."""
    index: int


def role_of(body: str, analysis: ModuleAnalysis) -> str:
    """How a sentence can bear on a claim, by its markers: it qualifies or contradicts it
    (but, however, although), gives a reason or a consequence (because, so that,
    'otherwise', 'if ... won't'), or gives a case (a figure, a name, an example)."""
    if INSTANCE.match(body):
        return "evidence"  # 'For example, their activities ... not only ... but also'
    if CONTRAST.search(ALSO.sub(" ", body)):
        return "contrast"
    if REASON.search(body):
        return "reason"
    named = [n for n in analysis.names
             if find_words(body, n) is not None and not body.startswith(n)]
    if EVIDENCE.search(body) or named:
        return "evidence"
    return ""


INSTANCE = re.compile(r"^(?:for (?:example|instance)|e\.g\.|to (?:give an example|illustrate)|"
                      r"notable examples?|in (?:one|this|that) case)\b", re.I)
ALSO = re.compile(r"\bnot only\b.*?\bbut\b|\bbut (?:\w+ )?also\b", re.I)
"""'not only ... but also' adds to a point: it does not qualify it."""
POINTER = FURTHER_READING
"""A sentence that points elsewhere: nothing an answer draws on."""


LIFT = {"reason": 0.12, "evidence": 0.07, "contrast": 0.06, "": 0.0}


def _near(sentence: Sentence | None, sent: Sentence) -> float:
    """The lift for where a passage stands: the teachers' passages are nearly always in
    the claim's paragraph, most often next to it; one far off is rarely what answers."""
    if sentence is None:
        return 0.0
    paragraphs = abs(sent.paragraph - sentence.paragraph)
    if paragraphs == 0:
        return 0.12 if abs(sent.index - sentence.index) == 1 else 0.08
    if paragraphs == 1:
        return 0.03
    return 0.0 if paragraphs <= 3 else -0.04


LONGEST = 40
"""Most words of a passage a note cites (a longer one is hard to quote whole)."""
LONGEST_CARRIED = 64
"""Most words of a sentence that carries the claim on (:func:`continuation`); the note
quotes its leading clauses."""
CARRIED = 0.2
"""The lift for a sentence that carries the claim on: what the teachers asked for most
after the passage that gives the reason (round8/round9: 'But then thou must also avoid
being carried about the other way. For those too are triflers ...' after the advice
asked about; 'The last is employed as an unvarnished medium ...' after 'The florid style
is the reverse of the familiar'; 'But to go away from among men ... for the gods will not
involve thee in evil' after 'thou mayest depart from life this very moment')."""
CARRIES = re.compile(r"^[\"“‘(]?(?:for|but|and|yet|nor|or)\b", re.I)
"""A sentence opening on a connective that goes on from the one before: its reason
('For ...'), a qualification ('But ...', 'Yet ...') or more of the same ('And ...'). Not
'Thus', 'So', 'Therefore': what follows from the claim is another claim, not what
supports it."""
CARRIED_KINDS = ("question",)
"""Left-out kinds a continuation may still be: an author's rhetorical question that ends
the argument ('... what is it to me to live in a universe devoid of gods?')."""


def continuation(sentence: Sentence | None, analysis: ModuleAnalysis,
                 most: int = 2) -> list[int]:
    """The sentences that carry the claim on: up to ``most`` right after it in its
    paragraph, each opening on a word that points back or on a connective ('But then
    thou must also ...', 'For those too are ...', 'The last is employed as ...'): the
    author's own reason, qualification or gloss of the sentence the question quotes.
    Quoted after the claim the question quotes, they need no sentence before them."""
    if sentence is None:
        return []
    out: list[int] = []
    for index in range(sentence.index + 1, min(len(analysis.sents), sentence.index + 1 + most)):
        sent = analysis.sents[index]
        body = sent.text.strip()
        kind = analysis.salience.kind(index)
        if sent.paragraph != sentence.paragraph or not (
                LEANS.match(body) or THE_LAST.match(body) or CARRIES.match(body)):
            break
        if (kind in LEFT_OUT and kind not in CARRIED_KINDS) or kind == "statistic" or not (
                6 <= len(sent.words) <= LONGEST_CARRIED) or POINTER.search(body):
            break
        if body[:1].islower() or body[-1:] not in ".!?\"'”’)":
            break
        out.append(index)
    return out


def carried_role(body: str, analysis: ModuleAnalysis) -> str:
    """The role of a sentence that carries the claim on, by its opening: 'But', 'Yet' or
    'Nor' qualify it, 'For' gives its reason; any other marker inside it ('unlike
    Tocqueville', 'but also') compares or adds and does not qualify the claim before it."""
    opening = re.match(r"^[\"“‘(]?(\w+)", body)
    word = opening.group(1).lower() if opening else ""
    if word in ("but", "yet", "nor"):
        return "contrast"
    if word == "for":
        return "reason"
    role = role_of(body, analysis)
    return "" if role == "contrast" else role


_PAIR = r"(?:the |a |an )?([A-Za-z][\w-]+) \(?([A-Za-z][\w-]+)"
_SUBJECTS = (re.compile(r"^[\"“‘(]?" + _PAIR, re.I),
             re.compile(r"^[\"“‘(]?[^,]{0,30},\s+" + _PAIR, re.I))
"""The first two words of a sentence, or those after a short lead-in ('In combination, ')."""


def _subject(text: str, analysis: ModuleAnalysis) -> tuple[str, str] | None:
    """What a sentence is about when it opens on one of the module's key phrases of two
    or more words ('Open participation could ...', 'In combination, open identities and
    ...'): those two words, else None."""
    phrases = [p.lower() for p in analysis.key_phrases]
    for pattern in _SUBJECTS:
        found = pattern.match(text.strip())
        if found is None:
            continue
        pair = (found.group(1).lower(), found.group(2).lower())
        phrase = " ".join(pair)
        if any(p == phrase or p.startswith(phrase + " ") for p in phrases):
            return pair
    return None


def _sibling(subject: tuple[str, str], body: str, analysis: ModuleAnalysis) -> bool:
    """The passage is about a sibling of what the claim is about: it opens on another
    key phrase that shares one of its two words ('Open identities and open reports
    enable reviewers ...' for a claim on 'Open participation'; 'sugar receptors' for
    'protein receptors') and never names the claim's own."""
    other = _subject(body, analysis)
    if other is None or other == subject or " ".join(subject) in body.lower():
        return False
    return (other[0] == subject[0]) != (other[1] == subject[1])


def _pool(text: str, sentence: Sentence | None, analysis: ModuleAnalysis,
          share: float = 0.8) -> list[int]:
    """Sentences a note may cite: never the claim or a near-copy of it (``share`` of its
    content words; the embeddings also leave out what restates it), a meta sentence, a
    fragment, a statistic or one that leans on a sentence not quoted."""
    from .statements import LABEL, peripheral

    claim = content_words(sentence.text) if sentence is not None else set()
    carried = continuation(sentence, analysis)
    subject = _subject(sentence.text, analysis) if sentence is not None else None
    pool = []
    for index, sent in enumerate(analysis.sents):
        if sentence is not None and index == sentence.index:
            continue
        body = sent.text.strip()
        if index in carried:  # the author's own next words on the claim: checked there
            pool.append(index)
            continue
        kind = analysis.salience.kind(index)
        if kind in LEFT_OUT or kind == "statistic" or not 6 <= len(sent.words) <= 40:
            continue
        if LEANS.match(body) or THE_LAST.match(body):
            continue  # leans on what came before (unless that is the claim the question quotes)
        if subject is not None and _sibling(subject, body, analysis):
            continue  # about a sibling of what the claim is about ('open identities')
        if body[:1].islower() or body[-1:] not in ".!?\"'”’)":
            continue  # cut off
        if body[:40] in text:
            continue  # already quoted in the question
        if peripheral(body) or LABEL.match(body) or POINTER.search(body):
            continue  # a platitude, a data set's contents, a label with its list
        words = content_words(body)
        if claim and len(words & claim) >= share * max(1, min(len(words), len(claim))):
            continue  # the claim's own sentence again, or a near-copy of it
        pool.append(index)
    return pool


def _scored(text: str, sentence: Sentence | None, analysis: ModuleAnalysis) -> list[Scored]:
    embedder = get_embedder() if analysis.english else None
    if embedder is None:
        return []
    pool = _pool(text, sentence, analysis)
    anchor = sentence.text if sentence is not None else _asked(text)
    sims = embedder.similarity(anchor, [analysis.sents[i].text for i in pool])
    figurative = analysis.genre in LITERARY
    out = []
    carried = continuation(sentence, analysis)
    for index in pool:
        sent = analysis.sents[index]
        sim = sims[sent.text]
        if index in carried:
            sim = max(sim, FLOOR)  # 'The last is employed as ...' shares no word with it
        if sim >= NEAR or sim < FLOOR:
            continue
        role = carried_role(sent.text, analysis) if index in carried else role_of(
            sent.text, analysis)
        if index == 0 and role != "reason":
            continue  # the opening sentence sets the scene; it answers only as the reason
        if figurative:
            role = ""  # 'but', 'thus' in every other line of an essayist: no sign of a role
        lift = LIFT[role] + _near(sentence, sent) + (CARRIED if index in carried else 0.0)
        out.append(Scored(sim + lift, sim, role, index))
    return sorted(out, key=lambda s: (-s.score, s.index))


def draw_on(text: str, sentence: Sentence | None, analysis: ModuleAnalysis,
            count: int = 2) -> list[int]:
    """Indexes of up to ``count`` sentences a strong answer to ``text`` draws on: the
    reason the text gives for the question's claim, the case that supports it, or the
    sentence that qualifies it; never the claim again. With the sentence embeddings
    (English): scored on closeness in meaning to the claim sentence (or to the question,
    when it has none), on role (:func:`role_of`) and on distance in the text
    (:func:`_near`); only passages that clear :data:`BAR`, and the sentences that carry
    the claim on (:func:`continuation`), are cited: one when only one
    does, two when two do, a supporting one first and then one that qualifies when there
    is one (never counter-passages alone when a supporting one clears the bar). Without
    them: shared content words beyond the module's top key phrases."""
    wanted = content_words(text) - FRAME_WORDS
    if not wanted:
        return []
    embedder = get_embedder() if analysis.english else None
    if embedder is None:
        claim = content_words(sentence.text) if sentence is not None else set()
        return _by_words(text, sentence, analysis, _pool(text, sentence, analysis, 0.6), wanted,
                         claim, count)
    bar = BAR_FIGURATIVE if analysis.genre in LITERARY else BAR
    carried = continuation(sentence, analysis)  # the author's own next words on it
    cleared = [s for s in _scored(text, sentence, analysis)
               if s.score >= bar or s.index in carried]
    support = [s for s in cleared if s.role != "contrast"]
    qualify = [s for s in cleared if s.role == "contrast"]
    if support:
        first = support[0]
    elif qualify and qualify[0].score >= BAR + ALONE:
        first = qualify[0]  # a counter-passage alone: only when it plainly bears on the claim
    else:
        return []
    picks = [first.index]
    rest = qualify + support[1:] if first.role != "contrast" else support
    for other in rest:
        if len(picks) >= count:
            break
        if other.index not in picks and not _same(embedder, analysis, picks, other.index):
            picks.append(other.index)
    return picks


def _asked(text: str) -> str:
    """The question without its frame: what it is about."""
    quoted = re.findall(r'"([^"]{12,})"', text)
    return quoted[0] if quoted else text


def _same(embedder: Any, analysis: ModuleAnalysis, picks: list[int], index: int) -> bool:
    """Whether sentence ``index`` says what a passage already picked says."""
    body = analysis.sents[index].text
    sims = embedder.similarity(body, [analysis.sents[i].text for i in picks])
    return max(sims.values()) >= NEAR


def _by_words(text: str, sentence: Sentence | None, analysis: ModuleAnalysis, pool: list[int],
              wanted: set[str], claim: set[str], count: int) -> list[int]:
    """Without embeddings: sentences sharing the question's words beyond the module's
    two top key phrases (shared by most of its sentences), reasons first."""
    key = {w for p in analysis.key_phrases[:2] for w in content_words(p)}
    near = analysis.salience.related(sentence.index, 8) if sentence is not None else []
    order = {index: rank for rank, index in enumerate(near)}
    scored = []
    for index in pool:
        body = analysis.sents[index].text
        words = content_words(body)
        shared = words & wanted
        beyond = shared - key
        if not beyond:
            continue
        reasons = 1 if REASONS.search(body) else 0
        scored.append((-len(beyond), -reasons, -len(shared), order.get(index, len(order)),
                       index))
    return [index for *_, index in sorted(scored)[:count]]
