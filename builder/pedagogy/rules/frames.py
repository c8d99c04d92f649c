"""Which frames fit which text, and the frames for the genres the argument
frames of :mod:`.higher` do not fit (PEDAGOGY.md, "Fit the question to the text"):

- a procedure or how-to gets apply tasks ("Use X to Y"), what-goes-wrong
  questions and "when would you use X rather than Y";
- literary, reflective and aphoristic text gets interpretation of a passage
  (quoted in the author's own words, first person kept), comparison of two
  passages, a claim judged against a passage of the student's choice and, for
  advice, applying it to one's own life;
- statistics, examples and list items never become objectives.

:func:`fits` is the one place that says whether a frame may be used on a
sentence of a given kind in a module of a given genre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lemminflect import getLemma

from ...model import Objective, Question
from ..text import Sentence
from .analysis import Claim
from .ideas import ASIDE, NAMING, Idea, _obj
from .salience import FRAMES_NEVER
from .statements import addressed as said_to_reader

# Frames each genre admits. 'explain' and 'define' are the lower-level ones.
# Left out after the blind review of 2026-12-03 (benchmarks/pedobj.md), where none was
# usable: 'judge' (a literary or aphoristic claim tested on a passage of the student's
# choice: personal tastes and rebukes are not testable claims) and 'tools' (when to use
# X rather than Y: the two tools of a lesson are used together, not instead of each
# other). 'connect' (how the reading links two key phrases) was rejected as a template
# too: it is only the last resort for a module with no second Bloom level
# (:data:`FALLBACK_FRAMES`). After the review of 2026-12-03-after, 'relate' ("how does
# A relate to B") is left out of every genre: it was rejected as generic each time.
# 'example' (show a central explanation at work on a case of one's own) is the last
# resort of an exposition or a lesson that would otherwise have no discussion question
# (round4: 04-m01 and 04-m02 had none). 'advice' (when does the advice help, when not)
# fits an exposition's advice as well as an argument's (baseline 04-m06-O3 usable; round9
# 04-m02 had its objectives at one level only).
FALLBACK_FRAMES = frozenset({"connect", "example"})
GENRE_FRAMES: dict[str, frozenset[str]] = {
    "argument": frozenset({"define", "explain", "evaluate", "hedged", "causal", "evidence",
                           "compare", "group", "counterfactual", "list",
                           "consequence", "synthesis", "advice", "connect"}),
    "exposition": frozenset({"define", "explain", "hedged", "causal", "compare", "connect",
                             "counterfactual", "synthesis", "apply", "example", "advice"}),
    "procedure": frozenset({"define", "explain", "apply", "compare", "causal",
                            "synthesis", "example", "warning"}),
    "narrative": frozenset({"define", "explain", "consequence", "causal", "evaluate", "hedged",
                            "synthesis", "interpret", "evidence"}),
    "literary": frozenset({"define", "interpret", "passages", "causal", "synthesis",
                           "compare"}),
    "aphoristic": frozenset({"define", "interpret", "passages", "life", "synthesis"}),
}
# Frames that need an argued sentence: never on a plain statement of fact.
NEEDS_KIND = {
    "counterfactual": ("cause",),
    "causal": ("cause",),
    "hedged": ("hedged",),
    "advice": ("advice",),
    "evaluate": ("evaluative", "thesis", "recap"),
    "evidence": ("evaluative", "thesis", "recap", "claim", "cause", "comparison"),
    "judge": ("evaluative", "thesis", "recap", "claim", "comparison", "metaphor", "advice"),
    "life": ("instruction", "advice"),
    "consequence": ("event", "claim"),
    "example": ("claim", "cause", "definition", "thesis", "advice"),
}
NO_OBJECTIVE = ("statistic", "example")


def fits(frame: str, genre: str, kind: str) -> bool:
    """May ``frame`` be used on a sentence of ``kind`` in a module of ``genre``?"""
    if frame not in GENRE_FRAMES.get(genre, GENRE_FRAMES["exposition"]):
        return False
    if kind == "statistic" or frame in FRAMES_NEVER.get(kind, ()):
        return False
    wanted = NEEDS_KIND.get(frame)
    return wanted is None or kind in wanted


@dataclass(frozen=True)
class Voice:
    """Who speaks in the reading: the author's name when known, else 'the reading'."""

    name: str = ""

    @property
    def who(self) -> str:
        return self.name or "the author"

    @property
    def whose(self) -> str:
        return f"{self.name}'s" if self.name else "the author's"

    @property
    def Who(self) -> str:  # noqa: N802 - sentence-initial form
        return self.who[:1].upper() + self.who[1:]


def surname(author: str) -> str:
    """'William Hazlitt' -> 'Hazlitt'; '' for none, several or an organisation."""
    words = author.replace("Jr.", "").replace("Sr.", "").split()
    if not 2 <= len(words) <= 4 or re.search(r"[\d@&/]|\band\b|,|\.(?:com|org|eu)", author):
        return ""
    if not all(w[:1].isupper() or w.lower() in ("de", "van", "von", "da", "of") for w in words):
        return ""
    return words[-1].strip(".")


CLAUSE_BREAK = re.compile(r"[;:]\s+|\s+[-–—]\s+|,\s+(?=(?:and|or|so|for|since|because)\s)",
                          re.I)
"""Where a quotation may stop and keep its claim: a semicolon, a colon, a dash, or a
comma before a conjunction that opens a new clause (never a comma inside a list or
before an infinitive or a participle that completes the sense)."""
TURN = re.compile(r"^(?:but|yet|however|though|although|whereas|while|still|nevertheless|"
                  r"instead|rather)\b|^(?:\S+\s+){0,5}?(?:not|no|never|cannot|\w+n't)\b", re.I)
"""A clause that turns the one before ('…my soul; but thou wilt no longer…', '…to use a
big word: it is not so easy to pitch upon the right one'): the point is in the turn, so
a quotation of a sentence up to :data:`TURNED` words never stops anywhere before it."""
WHOLE = 40
"""A sentence up to this many words is quoted whole rather than cut mid-clause."""
TURNED = 26
"""A sentence up to this many words is never cut before its turn (:data:`TURN`)."""


def quote(sentence: Sentence, limit: int = 24) -> str:
    """The passage in its own words: the whole sentence, or its leading clauses up to a
    clause boundary (:data:`CLAUSE_BREAK`) when the sentence is longer than ``limit``
    words; never cut inside a clause ("to do what thou …" loses the sense, a cut before
    "to be neutralised" reverses it). A sentence without such a boundary is quoted
    whole up to :data:`WHOLE` words, and only beyond that cut at its last comma."""
    text = sentence.text.strip().rstrip(".;:")
    words = text.split()
    if len(words) > limit:
        breaks = list(CLAUSE_BREAK.finditer(text))
        # a sentence short enough to quote whole keeps its turn; a longer one may stop
        # before it (round4 kept '"Thus it is easy to affect a pompous style …"')
        turns = [m.start() for m in breaks if TURN.match(text[m.end():])] if len(
            words) <= TURNED else []
        ends = [(m.group().strip() not in ";:-–—", m.start()) for m in breaks
                if 5 <= len(text[: m.start()].split()) <= max(limit, 28)
                and m.start() > max(turns, default=-1)]
        if ends:  # a semicolon, colon or dash first, the latest one of a kind
            end = min(ends, key=lambda e: (e[0], -e[1]))[1]
            text = text[:end].rstrip(",;: ") + " …"
        elif len(words) > WHOLE:
            cut = max((n for n, w in enumerate(words[:WHOLE]) if w.endswith(",") and n >= 8),
                      default=WHOLE - 1)
            text = " ".join(words[: cut + 1]).rstrip(",;:") + " …"
    return text.replace('"', "'").replace("“", "'").replace("”", "'")


LEANS = re.compile(r"^(?:for|and|but|so|yet|or|nor)?\s*(?:it|this|that|these|those|he|she|"
                   r"they|his|her|its|their|such)\b|^(?:for|and|but|so|yet|or|nor)\s+(?:then|"
                   r"thus|therefore|again|also|still)\b", re.I)
"""A passage that opens on a word pointing back ('For it is according to nature', 'But
then thou must also avoid ...'): quoted alone, what it is about is lost."""
REBUKE = re.compile(r"\b(?:wrong|evil|harm|violence|shame|disgrace|vice)\b", re.I)
"""An imperative to do wrong is a rebuke or irony, not advice to apply."""


BORROWED = re.compile(r"^[\"“‘'][^\"“”]+[\"”’'][.!?]?[\"”’']?$")
"""A sentence that is all quotation ('"A well of native English undefiled."'): somebody
else's words the author borrows, not what the author writes (round7 07-m02-D3)."""


UNBOUND_SUBJECT = re.compile(
    r"^(?:(?:for|and|but|so|yet|or|nor)\s+(?:in truth|in fact|indeed|then|now|also|too)\b,?\s*"
    r"(?:they|he|she|it)|(?:if|when|while|though|although|since|because|unless|as)\s+"
    r"(?:they|he|she)|(?:with|for|in|by|after|before|without)\b[^,;:]{0,80},\s+(?:they|he|"
    r"she))\b", re.I)
"""A passage whose subject is a pronoun after an opening phrase ('But in truth they do
exist', 'With a sovereign contempt for ..., they are the slaves'): quoted alone, who
they are is lost (round9 11-m02-O1)."""
FRAGMENT = re.compile(r"^[a-z]|[-–—⁠]\s*[\"”’']?\s*$")
"""A passage that continues the sentence before ('but of tall phantoms of words ...')
or breaks off on a dash: a fragment, not a passage to interpret."""


def quotable(sentence: Sentence) -> bool:
    """A passage that can be quoted alone: it opens on nothing pointing back, names its
    subject, is no fragment and is the author's own words, not all quotation."""
    text = sentence.text.strip()
    return not (LEANS.match(quote(sentence, 20)) or BORROWED.match(text)
                or UNBOUND_SUBJECT.match(text) or FRAGMENT.search(text))


def interpret_idea(sentence: Sentence, kind: str, voice: Voice, topic: str,
                   level: str = "understand") -> Idea | None:
    """What does the author mean by this passage, and how does it fit the larger point?
    ``level`` 'analyze': a further passage, examined for how it serves that point."""
    passage = quote(sentence, 20)
    if not quotable(sentence):
        return None
    about = f" about {topic}" if topic else ""
    objective = _obj(f'Interpret what {voice.who} means by "{passage}".', "interpret",
                     "understand") if level == "understand" else _obj(
        f'Examine how the passage "{passage}" serves {voice.whose} larger point{about}.',
        "examine", "analyze")
    if objective is None:
        return None
    about = f" about {topic}" if topic else " in this section"
    question = Question(
        text=f'{voice.Who} writes: "{quote(sentence)}". What does this mean, and how does it '
        f"fit {voice.whose} larger point{about}?",
        bloom="analyze",
        note=f"A strong answer would put the passage in plain words, say what image or "
        f"contrast it rests on{_kind_hint(kind)}, and connect it to another passage of the "
        "reading that makes a related point.",
    )
    return Idea(objective, sentence, question, frame="interpret")


def _kind_hint(kind: str) -> str:
    return {"metaphor": " (the comparison it draws, not read literally)",
            "instruction": " (what the advice asks one to do, and why)",
            "advice": " (what the advice asks one to do, and why)"}.get(kind, "")


def life_idea(sentence: Sentence, voice: Voice) -> Idea | None:
    """Advice applied to one's own life (aphoristic and reflective text)."""
    passage = quote(sentence, 20)
    if REBUKE.search(sentence.text) or LEANS.match(passage):
        return None
    objective = _obj(f'Apply {voice.whose} advice "{passage}" to a situation from your own '
                     "life.", "apply", "apply")
    if objective is None:
        return None
    question = Question(
        text=f'{voice.Who} advises: "{quote(sentence)}". Where in your own life would this be '
        "hardest to follow, and what would following it change?",
        bloom="analyze",
        note="A strong answer would restate the advice and the reason the reading gives for it, "
        "describe one concrete situation, and weigh honestly what following the advice would "
        "cost and gain there.",
    )
    return Idea(objective, sentence, question, frame="life")


def passages_idea(first: Sentence, second: Sentence, shared: str, voice: Voice) -> Idea | None:
    """Two passages on one theme: the same point, or does one qualify the other?"""
    objective = _obj(f"Compare what {voice.who} says about {shared} in two passages of the "
                     "reading.", "compare", "analyze")
    if objective is None:
        return None
    question = Question(
        text=f'Compare "{quote(first, 12)}" with "{quote(second, 12)}". How do the two passages '
        f"bear on {shared}: do they make the same point, or does one qualify the other?",
        bloom="analyze",
        note=f"A strong answer would say what each passage claims about {shared}, name what "
        "the second adds, narrows or contradicts, and explain why the author needs both.",
    )
    return Idea(objective, first, question, frame="passages")


def judge_idea(claim: Claim, voice: Voice) -> Idea | None:
    """An evaluative claim of a literary essay, tested on a passage the student chooses."""
    if len(claim.clause.split()) > 18:
        return None
    clause = _voiced(claim.clause, voice)
    objective = _obj(f"Judge {voice.whose} claim that {clause}, testing it on a passage of "
                     "your choice.", "judge", "evaluate")
    if objective is None:
        return None
    question = Question(
        text=f"{voice.Who} claims that {clause}. Test this on a passage you know well: how far "
        "does it hold, and where does it break down?",
        bloom="evaluate",
        note="A strong answer would state the claim in its own words "
        f"(\"{quote(claim.sentence)}\"), analyse a concrete passage against it, and say "
        "what the claim leaves out.",
    )
    return Idea(objective, claim.sentence, question, frame="judge")


def _voiced(text: str, voice: Voice) -> str:
    return text.replace("the author", voice.who) if voice.name else text


# -- procedures: apply tasks ---------------------------------------------------------

TOOL_WORDS = frozenset(
    "command commands option options operator operators symbol character flag tool tools "
    "function functions library program programs pipe pipes key button menu software format "
    "formats string strings script scripts method methods chart charts map maps scale scales "
    "system systems standard query queries".split()
)
_USED = re.compile(r"^(?P<x>.{2,70}?) (?:is|are|can be) (?:commonly |often )?used "
                   r"(?P<to>to|for) (?P<y>.+)$")
_LETS = re.compile(r"^(?P<x>.{2,70}?) (?:lets|let|allows?|enables?|tells?|helps?) "
                   r"(?:you|us|users|readers|people|the \w+|\w+) (?:to )?(?P<y>.+)$")
_YOU = re.compile(r"^(?:[^,]{2,40}, |(?:in|for|with|on) [^,]{2,30}? )?(?:you|we|readers) can "
                  r"(?:also )?use (?P<x>.{2,60}?) "
                  r"(?P<to>to|for) (?P<y>.+)$", re.I)
_DOES = re.compile(r"^(?P<x>(?:the |a |an )?\S+(?: \S+){0,3}?) (?P<v>[a-z]{3,}s) (?P<y>.+)$")
_TAIL = re.compile(r"\s+(?:instead of|rather than|which|so that|because|while|but|and then|"
                   r"i\.e\.?|e\.g\.?)(?:\s.*)?$|\s*\(.*$|,.*$|\.\s.*$|;.*$")
_NOT_TOOL = frozenset("can could will would may might should must we you i they it this these "
                      "that those he she there here".split())


def _actions() -> re.Pattern[str]:
    import tomllib
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "salience-en.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return re.compile(rf"^(?:{data['frames']['actions']})$")


ACTIONS = _actions()


def _tool(x: str, code_words: frozenset[str]) -> bool:
    """Is ``x`` a tool (a noun phrase naming a command, option, symbol ...)?"""
    words = [w.strip(",.()'\"").lower() for w in x.split()]
    if not words or set(words) & _NOT_TOOL or "'ll" in x or "’ll" in x:
        return False
    if x[:1].isupper() and words[0] not in ("the", "a", "an") and not x.isupper():
        return False  # 'Explain why -n has', 'Using -n 1 with head': not a noun phrase
    return words[-1] in TOOL_WORDS or bool(set(words) & code_words) or any(
        re.search(r"[|>*<=$]|^-\w", w) for w in words
    )


def apply_task(sentence: Sentence, code_words: frozenset[str]) -> tuple[str, str, str] | None:
    """(tool, 'to'/'for', purpose) from 'X is used to Y', 'X lets you Y', 'you can use X
    to Y' or 'the X command filters Y'; None when the sentence states no such use."""
    text = sentence.text.strip().rstrip(".")
    if re.search(r"(?:\be\.?g|\bi\.?e|for example|such as|:)$", text):
        return None  # the sentence is cut off before its example: the task is not stated
    for pattern in (_USED, _YOU, _LETS):
        found = pattern.match(text)
        if found and _tool(found.group("x"), code_words):
            to = found.groupdict().get("to") or "to"
            return _clean_x(found.group("x")), to, _purpose(found.group("y"))
    found = _DOES.match(text)
    if found and _tool(found.group("x"), code_words) and ACTIONS.match(found.group("v")):
        verb = getLemma(found.group("v"), upos="VERB")
        lemma = verb[0] if verb else found.group("v")
        return _clean_x(found.group("x")), "to", _purpose(f"{lemma} {found.group('y')}")
    return None


def _clean_x(x: str) -> str:
    x = re.sub(r",\s*(?:in general|by default|for example|also|then|however),?", "", x)
    x = x.strip(" ,")
    first = x.split()[0] if x.split() else ""
    return x[:1].lower() + x[1:] if first[:1].isupper() and (
        first.lower() in ("the", "a", "an") or _common_plural(first)) else x


def _common_plural(word: str) -> bool:
    """A capital only because the sentence starts there: a plural of a common
    noun ('Charts', 'Tables') is no name; a singular ('Python') may be one."""
    if not word[1:].islower():
        return False
    lemmas = getLemma(word.lower(), upos="NOUN", lemmatize_oov=False)
    return bool(lemmas) and word.lower() not in lemmas


def _purpose(y: str) -> str:
    y = _TAIL.sub("", y.strip())
    words = y.split()
    return "" if len(words) > 14 else y  # cut mid-phrase ('for further'): no task


def apply_idea(sentence: Sentence, code_words: frozenset[str]) -> Idea | None:
    task = apply_task(sentence, code_words)
    if task is None:
        return None
    tool, to, purpose = task
    if len(purpose.split()) < 2:
        return None
    objective = _obj(f"Use {tool} {to} {purpose}.", "use", "apply")
    if objective is None:
        return None
    # no question of its own: "what would go wrong if you tried to X without Y" was
    # rejected as nonsense each time (2026-12-03-after review); the task is assessed by
    # the knowledge check or the lesson's own questions
    question = None
    return Idea(objective, sentence, question, frame="apply")


def tools_idea(first: Idea, second: Idea, code_words: frozenset[str]) -> Idea | None:
    """Two tools the module teaches: when to use which."""
    if first.sentence is None or second.sentence is None:
        return None
    a, b = apply_task(first.sentence, code_words), apply_task(second.sentence, code_words)
    if a is None or b is None or a[0].lower() == b[0].lower():
        return None
    objective = _obj(f"Distinguish when to use {a[0]} and when to use {b[0]}.", "distinguish",
                     "analyze")
    if objective is None:
        return None
    question = Question(
        text=f"When would you use {a[0]} rather than {b[0]}, and what happens if you mix them "
        "up?",
        bloom="analyze",
        note=f"A strong answer would say what each does according to the reading ({a[0]}: "
        f"{a[2]}; {b[0]}: {b[2]}), give a task that needs each, and describe the wrong result "
        "of swapping them.",
    )
    return Idea(objective, first.sentence, question, frame="tools")


IMPORTANT = re.compile(
    r"^(?:(?:thus|so|therefore|hence|for this reason),?\s+)?it(?:'s|’s| is) (?:very |really |"
    r"therefore |thus |so )?(?:important|essential|crucial|vital|critical|necessary)"
    r"(?:,? (?P<when>(?:when|while|before|after) [^,]{3,60}?),?)? to (?P<what>[^,;:]+)$", re.I)
"""A step the lesson says matters ('Thus, it's important when working with spatial data
to identify the CRS ... and retain it ...'): asked why, and what fails without it."""


SAYING = re.compile(r"(?:note|remember|understand|reali[sz]e|recogni[sz]e|mention|keep in mind|"
                    r"bear in mind|know|say|point out|emphasi[sz]e|stress|add)\b", re.I)
"""'It is important to note that ...': a remark about the text, no step to ask about."""


OBLIGED = re.compile(r"\b(?:must|ought to|needs? to|ha(?:s|ve) to|is (?:up)?on [\w ]{2,30}? to|"
                     r"is up to|(?:is|are) (?:the )?(?:duty|task|job|responsibility) of)\b", re.I)
"""A duty or call to act ('the task is upon journalists to get out data'): asking why it
holds or how it plays out misfits (round7 01-m01-D1, rejected)."""
ENABLES = re.compile(r"\b(?:allows?|lets?|enables?|helps?|makes? it possible(?: for \w+)?)"
                     r" (?:one|you|us|users?|readers?|people|\w+ers)?\s*(?:to )?\w+", re.I)
"""What a tool or method lets one do ('charts allow one to map dimensions ...')."""


def example_idea(claim: Claim, voice: Voice) -> Idea | None:
    """An explanation to examine at work: 'Hazlitt explains that X. How does Hazlitt
    support this, and how would it play out on an example of your own?', or, for what a
    tool or method lets one do, a task on an example of one's own. Only on a general statement
    (present tense, a common noun first, no first person, no narration, no hedge), in a
    module that explains rather than argues."""
    clause = claim.clause.strip().rstrip(".")
    words = clause.split()
    if ASIDE.search(clause) or NAMING.search(clause):
        return None  # a helper remark or a name, not a point to work through
    needed = IMPORTANT.match(clause)
    if needed and 4 <= len(needed.group("what").split()) <= 24 and not re.search(
            r"\b(?:I|we|my|our)\b|\?", clause) and not SAYING.match(needed.group("what")):
        what = needed.group("what")
        when = f" {needed.group('when')}" if needed.group("when") else ""
        question = Question(
            text=f"Why is it important{when} to {what}, and what would go wrong in a project "
            "of your own if you did not?",
            bloom="analyze",
            note="A strong answer would give the reason the reading offers (what fails "
            "without it), then trace the failure on a concrete project, step by step.",
        )
        objective = _obj(f"Explain why it is important to {what}.", "explain", "understand")
        return Idea(objective, claim.sentence, question, frame="important") if (
            objective) else None
    if re.match(r"(?:the )?(?:last|first|former|latter|other|rest)\b(?! \w+ly\b)"
                r"(?! (?:step|stage|part|time|one)s?\b)", clause, re.I):
        return None  # 'the last is employed as ...': what it is lies in another sentence
    if not 6 <= len(words) <= 24 or LEANS.match(clause) or not clause[:1].islower():
        return None  # a name first ('Obama gets ...'): a case, not a general point
    if re.search(r"\b(?:I|we|my|our|was|were|had|did|author|\w{3,}ed (?:the|a|an|all|its|"
                 r"their|one's)\b)|\?", clause):
        return None  # narration or a question
    if claim.kind == "advice" and re.match(r"^[^,]{3,60}? should \w+", clause):
        question = Question(
            text=f"{voice.Who} advises that {clause}. Why, and what would be lost on a "
            "project of your own if the advice were ignored?",
            bloom="analyze",
            note="A strong answer would give the reason the reading offers for the advice, "
            "then trace what goes wrong without it on a concrete project, step by step.",
        )
        objective = _obj(f"Explain why {clause}.", "explain", "understand")
        return Idea(objective, claim.sentence, question, frame="example") if objective else None
    if not re.search(r"\b(?:is|are|can|allows?|lets?|helps?|makes?|shows?|needs?|"
                     r"depends?|means?)\b", clause):
        return None  # no general statement in the present tense
    if OBLIGED.search(clause):
        return None  # a call to act ('the task is upon journalists to ...'): nothing to test
    if ENABLES.search(clause):
        # what a tool or method lets one do: a task, not a reason to look for (round7 04-m01)
        question = Question(
            text=f"{voice.Who} explains that {clause}. Show this at work on an example of your "
            "own: what would you do, step by step, and what would it let you see or do?",
            bloom="analyze",  # carried out on a new case and examined: a discussion task
            note="A strong answer would pick a concrete case, carry out what the passage "
            "describes on it step by step, and say what it shows that was not visible before.",
        )
    else:
        question = Question(
            text=f"{voice.Who} explains that {clause}. How does {voice.who} support this, and "
            "how would it play out on an example of your own?",
            bloom="analyze",
            note="A strong answer would restate the point in plain words, give the reasons or "
            "cases the reading offers for it, and work it through on a concrete case the "
            "reading does not give.",
        )
    objective = _obj(f"Apply the point that {clause} to an example of one's own.", "apply",
                     "apply")
    if objective is None:
        return None
    return Idea(objective, claim.sentence, question, frame="example")


def shared_theme(first: Sentence, second: Sentence, key_phrases: list[str]) -> str:
    """A key phrase (or content word) both passages use, '' when none."""
    for phrase in key_phrases[:30]:
        low = phrase.lower()
        if " " not in low and len(low) < 6:
            continue  # 'data', 'time': too general to compare passages on
        if low in first.text.lower() and low in second.text.lower():
            return phrase
    return ""


_READING = re.compile(
    r"\b([Tt])he reading(?:'s|’s)|\b([Tt])he reading (?=(?:says|argues|suggests|explains|"
    r"reports|advises|names|states|describes|claims|draws|offers|gives|traces|connects|get|"
    r"gets|uses|means|makes|treats|takes|believes|holds)\b)|\bdoes the reading\b"
)


def voiced(text: str, voice: Voice) -> str:
    """'the reading argues' -> 'Hazlitt argues', 'the author' -> 'Hazlitt', when the
    author's name is known; the text unchanged otherwise."""
    if not voice.name:
        return text

    def name(found: re.Match[str]) -> str:
        whole = found.group(0)
        if whole.startswith("does"):
            return f"does {voice.name}"
        return voice.name + ("'s" if whole.endswith(("'s", "’s")) else " ")

    text = _READING.sub(name, text)
    return re.sub(r"\b[Tt]he author\b(?!s)", voice.name, text)


# -- procedures: the lesson's own pipelines --------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*\{?\s*\.?([\w-]*)")
_DIV = re.compile(r"^\s*:{3,}\s*(\w*)")
_SHELLS = frozenset({"", "bash", "sh", "shell", "console", "zsh", "shell-session"})
_STAGE = re.compile(r"^[a-z][\w.-]{0,20}$")


def lesson_pipelines(markdown: str) -> list[tuple[str, ...]]:
    """The pipelines a lesson runs (``$ a -x f | b | c`` in a shell code block), each as
    its stages ('wc -l *.pdb', 'sort -n', 'head -n 1'), in text order. Never one from a
    challenge's ``solution`` (a question built on it would give the answer away) or an
    output block, and never one whose stages do not each start with a command name."""
    out: list[tuple[str, ...]] = []
    fence = ""
    shell = False
    divs: list[str] = []
    for line in markdown.splitlines():
        if fence:
            if line.strip().startswith(fence):
                fence = ""
                continue
            command = line.strip()
            if not shell or not command.startswith("$ ") or "solution" in divs:
                continue
            stages = tuple(" ".join(s.split()) for s in command[2:].split("|"))
            if len(stages) >= 2 and all(_STAGE.match(s.split()[0]) for s in stages if s) and (
                    all(stages)) and stages not in out:
                out.append(stages)
            continue
        opened = _FENCE.match(line)
        if opened:
            fence, shell = opened.group(1), opened.group(2).lower() in _SHELLS
            continue
        div = _DIV.match(line)
        if div:
            if div.group(1):
                divs.append(div.group(1).lower())
            elif divs:
                divs.pop()
    return out


def _code(text: str) -> str:
    return f"`{text}`"


def pipeline_question(stages: tuple[str, ...]) -> Question | None:
    """Predict and diagnose on a pipeline the lesson runs: with three stages or more,
    what it prints without the stage before the last one (the filter that prepares what
    the last stage takes, 'sort -n' before 'head -n 1'); with two, what the second
    command prints reading the first one's file directly ('head -n 1 lengths.txt'
    for 'sort -n lengths.txt | head -n 1'). Answerable from the lesson: it says what
    each command does, and the student traces the lines from one stage to the next."""
    if not 2 <= len(stages) <= 6 or len(" | ".join(stages)) > 90 or any(
            ">" in s or "<" in s for s in stages):
        return None  # a pipeline that writes to a file prints nothing to predict
    whole = _code(" | ".join(stages))
    commands = [s.split()[0] for s in stages]
    if len(set(commands)) < len(commands):
        return None  # 'sort | uniq | sort': which one a reader means is unclear
    focus = ", ".join(_code(c) for c in commands[:-1]) + f" and {_code(commands[-1])}"
    if len(stages) == 2:
        files = [w for w in stages[0].split()[1:] if not w.startswith("-") and _FILE_ARG.search(w)]
        if not files:
            return None
        alone = _code(f"{stages[1]} {' '.join(files)}")
        text = (f"The lesson runs {whole}. What does {_code(stages[0])} pass to "
                f"{_code(stages[1])}? What would {alone} print instead, and why does the "
                f"lesson put {_code(commands[0])} first?")
    else:
        text = (f"Trace {whole} step by step: what does each command pass to the next? "
                f"What would the pipeline print if you left out {_code(stages[-2])}, and why?")
    note = (f"A strong answer would say what each of {focus} does according to the lesson, "
            "follow the lines of text from one command to the next (running the pipeline, or "
            "each part of it, checks the prediction), and name the step whose absence changes "
            "the result.")
    return Question(text=text, bloom="analyze", note=note)


_FILE_ARG = re.compile(r"^[\w./-]+\.\w{1,5}$")
"""A file argument ('lengths.txt'), not an option's value ('1', ',') or a pattern
('*.pdb': read directly by the second command, the files' own lines are too many to
predict)."""


LESSON = re.compile(r"^(?:the\s+)?(?:(?:key\s+)?lessons?|take-?aways?|moral)(?:\s+(?:learned|"
                    r"learnt))?\s*:\s*(?P<rest>\S.*?)[.!]?$", re.I)
"""A sentence that labels itself the text's lesson ('Lesson: Go wob-shopping.',
'Lessons: Don't take no for an answer ...'): what the author draws from a case."""


def lesson_ideas(sents: list[Sentence],
                 sections: tuple[tuple[str, str], ...] = ()) -> list[Idea]:
    """The lessons a text states after its cases ('Lessons: Be persistent ...'): each
    explained from the case it is drawn from (understand) and judged against that case
    (evaluate), with a discussion question on when the lesson holds. In the lesson's own
    words; its 'you' stays the reader's (no 'one ... one's'). The case is named by the
    heading of the section the lesson closes ('Case Study 1: Farm Subsidy' -> the case
    "Farm Subsidy"), where ``sections`` (title, text) has one: 'the case the reading closes
    with it' was an edit in rounds 10 to 12 ('name the Side Effects case')."""
    out: list[Idea] = []
    for sent in sents:
        found = LESSON.match(sent.text.strip())
        if found is None:
            continue
        lesson = found.group("rest").strip().replace('"', "'").replace("“", "'").replace(
            "”", "'")
        if not 2 <= len(lesson.split()) <= 22 or "?" in lesson:
            continue
        name = _case_name(sent.text, sections)
        case = f'the case "{name}"' if name else "the case it closes"
        lower = _obj(f'Explain how the lesson "{lesson}" follows from {case}.', "explain",
                     "understand")
        higher = _obj(f'Judge whether {case} justifies the lesson "{lesson}".', "judge",
                      "evaluate")
        closes = f'The reading closes {case}' if name else "The reading closes a case"
        question = Question(
            text=f'{closes} with the lesson "{lesson}". What in that case leads to it, and in '
            "what situation would following it not pay off?",
            bloom="evaluate",
            note="A strong answer would retell what was tried, refused and finally achieved "
            "in the case, show which step the lesson generalises, and name a situation (a "
            "country, an institution, a deadline) where it would not hold.")
        if lower is not None:
            out.append(Idea(lower, sent, None, frame="lesson"))
        if higher is not None:
            out.append(Idea(higher, sent, question, frame="lesson"))
    return out


def _case_name(sentence: str, sections: tuple[tuple[str, str], ...]) -> str:
    """The title of the section that holds ``sentence``, without a numbered label
    before a colon ('Case Study 1: Farm Subsidy' -> 'Farm Subsidy'); '' when the
    module has one section only (its title names the module, not a case) or none holds
    it."""
    if len(sections) < 2:
        return ""
    probe = " ".join(sentence.split())[:60]
    for title, text in sections:
        if probe and probe in " ".join(text.split()):
            name = title.split(":", 1)[1].strip() if ":" in title else title.strip()
            return name if 1 <= len(name.split()) <= 6 else ""
    return ""


WARNING = re.compile(r"^(?:(?:but|so|however|note that|remember that),?\s+)?it(?:'s|’s| is) "
                     r"(?:a |an )?(?:(?:very|really|usually|generally) )?(?:bad idea|mistake|"
                     r"dangerous|unsafe|risky) (?:to )?(?P<act>\w+\b.*?)[.!]?$", re.I)
"""A how-to's warning ('It's a very bad idea to try redirecting the output of a command
that operates on a file to the same file'): what goes wrong is worth working out."""


def warning_question(sentence: Sentence) -> Idea | None:
    """Diagnose what a warning of a how-to guards against: what would go wrong, why,
    and how to reach the same result safely (PEDAGOGY.md: procedure, 'diagnose what
    went wrong'). For the discussion only (its objective is the sentence explained,
    :func:`.ideas.explain_idea`); asked of the student ('you'), never 'one ... one's'."""
    text = sentence.text.strip()
    found = WARNING.match(text)
    if found is None or not 4 <= len(found.group("act").split()) <= 24:
        return None
    body = re.sub(r"^(?:but|so|however|note that|remember that),?\s+", "", text, flags=re.I)
    body = re.sub(r"^it['’]s\b", "it is", body[:1].lower() + body[1:].rstrip(".!"), flags=re.I)
    question = Question(
        text=f"The lesson warns that {body}. What would go wrong if you did it, why, and how "
        "would you get the same result safely?",
        bloom="analyze",
        note="A strong answer would trace, step by step, what happens when the warning is "
        "ignored, say which step causes the damage, and give a safe alternative the lesson "
        "offers or implies.")
    objective = Objective(text=f"Explain why {body}.", verb="explain", bloom="understand")
    return Idea(objective, sentence, question, frame="warning")


# -- the generic 'you' of a how-to, in the frame's own voice -----------------------------

_TOOL_LETS = re.compile(
    r"^Explain how (?P<tool>[^,]+?)(?:, in general,)? (?:allows?|lets?|helps?|enables?) "
    r"(?:one|you) (?:to )?(?P<rest>\w+ .+)$")


def addressed(text: str, source: str) -> str:
    """An objective or question restated with a generic 'one ... one's' said to the
    student (:func:`.statements.addressed`), and 'Explain how charts allow you to map
    ...' as the task it is: 'Explain how to use charts to map ...'."""
    said = said_to_reader(text, source)
    tool = _TOOL_LETS.match(said) if said != text else None
    return f"Explain how to use {tool.group('tool')} to {tool.group('rest')}" if tool else said
