"""Key terms with definitions taken from the text (the summary is in :mod:`.summary`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import SourceLocation, Term
from ..lexicon import GENERIC, PRONOUN_STARTS, STOPWORDS
from ..notes import Notes, notes_for
from ..text import Sentence, word_count
from .analysis import ModuleAnalysis
from .statements import standalone

_TERM = r"(?P<term>[A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,3})"
_COPULA = re.compile(
    rf"^(?:The |A |An )?{_TERM} (?:is|are) (?P<def>(?:a|an|the|one of the) .+)$"
)
_PLURAL = re.compile(
    rf"^{_TERM} are (?P<def>\w+ \w+s (?:that|which|who|with|used|of) .+)$"
)
_MEANS = re.compile(
    r"\b(?:is|are) (?P<term>[\w-]+), which means (?:that )?(?P<def>[^,;]+?)(?:,| and are|$)"
)
_REFERS = re.compile(
    rf"^(?:The |A |An )?{_TERM},? (?:means|refers to|is defined as|are defined as|denotes) "
    r"(?P<def>.+)$"
)
_CALLED = re.compile(
    r"(?<![\w-])(?P<def>(?:a|an|the) [^,;()“”\"]{3,80}?),? \(?(?:[\w ]{0,20} )?"
    r"(?:known as|called|referred to as|termed) (?:an? )?[“\"]?"
    r"(?P<term>[A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,3}?)(?=[,;.)”\"]|$)"
)
# 'a critical component to pathogenesis', 'a reflection of their dedication': an
# evaluation or a relation, not what the term is
_NOT_WHAT = re.compile(
    r"^(?:a|an|the|one of the) (?:\w+ )?(?:(?:important|critical|crucial|key|essential|major|"
    r"significant|vital|central|great|good|main|big|real|true) (?:\w+ )?(?:component|part|"
    r"factor|element|aspect|step|issue|thing|way|reason|tool|role|example|source|pillar|"
    r"process|problem|question|priority|concern)s?|reflection|testament|sign|result|matter|"
    r"case|example|part|way)\b"
    r"|^(?:a|an|the) [“\"]",  # 'a "prestige economy"': the term being defined next
    re.I,
)
# 'Using freedom of information legislation - or wobbing, as it is sometimes called'
_AS_CALLED = re.compile(
    r"^(?P<def>[A-Z][^,;()]{5,80}?) (?:-|–|—|,) ?or (?P<term>[\w-]+(?: [\w-]+){0,2}), "
    r"as (?:it|they) (?:is|are) (?:\w+ )?(?:called|known)\b"
)
_PARTICIPLE = re.compile(
    r"^(?:a|an|the) [^,]*? (?:centered|centred|based|focused|founded|grounded|rooted) "
    r"(?:around|on|upon|in) (?P<inner>(?:a|an|the) .{3,})$"
)
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had)\b")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9]{1,7}s?)\)")
_APPOSITIVE = re.compile(
    r", (?:which (?:is|are) )?(?P<def>(?:a|an) [^,;()]+?\b(?:that|who|which|considered|used|"
    r"involved|known|responsible|where|whose)\b[^,;()]+?)(?=[,;.]|$)"
)
_QUOTED = re.compile(
    r"[“\"](?P<term>[^”\"]{3,40})[”\"],? where (?P<def>[^;“\"]+?)(?=, and|, [“\"]|[;]|\.$|$)"
)
_CLAUSE_HEADS = frozenset("method way process step move practice approach strategy fact".split())
_PREPOSITION_START = re.compile(r"^(?:Regarding|In|On|For|With|As|About|By|At|From)\b")
_DEF_STARTS = ("the first", "the most", "the result", "the key", "the same", "the only")


@dataclass(frozen=True)
class Definition:
    term: str
    definition: str
    sentence: Sentence


def _definition_text(raw: str) -> str | None:
    text = re.sub(r"\s*\([^()]*\d{4}[a-z]?\)$", "", raw.strip().rstrip(".:").strip())
    if _NOT_WHAT.match(text):
        return None
    if re.search(r"\b(?:[Ww]e|[Oo]ur|us|[Yy]ou|[Yy]our|I|[Mm]y)\b(?!\.)", text):
        return None
    if word_count(text) > 30:
        cut = re.split(r"[;,] ", text)[0]
        if word_count(cut) > 30 or word_count(cut) < 4:
            return None
        text = cut
    if word_count(text) < 3:
        return None
    return text[:1].upper() + text[1:] + "."


def _file_name(term: str, text: str) -> bool:
    """'a temporary file called sorted-lengths.txt': a name in code, not a term."""
    return re.search(rf"(?<![\w-]){re.escape(term)}\.[a-z]{{1,4}}\b", text) is not None


def _good_term(term: str) -> bool:
    words = term.lower().split()
    if not words or words[0] in STOPWORDS or words[0] in PRONOUN_STARTS:
        return False
    if any(w in STOPWORDS for w in words) or all(w in GENERIC for w in words):
        return False
    return len(term) > 2


def _acronyms(sent: Sentence) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for found in _ACRONYM.finditer(sent.text):
        abbr = found.group(1)
        letters = [c.lower() for c in abbr.rstrip("s") if c.isalpha()]
        before = re.findall(r"[\w-]+", sent.text[: found.start()])
        for n in range(len(letters), 0, -1):
            if n > len(before):
                continue
            words = before[-n:]
            initials = [p[0].lower() for w in words for p in w.split("-") if p]
            if initials[: len(letters)] == letters and len(initials) <= len(letters) + 1:
                out.append((abbr, " ".join(words)))
                break
    return out


def _appositives(analysis: ModuleAnalysis, sent: Sentence) -> list[tuple[str, str]]:
    """'the S protein, which is a critical structure involved in cell entry' and
    '"open reports", where review reports are published alongside the article'."""
    out: list[tuple[str, str]] = []
    phrases = analysis.found.get(sent.index, [])
    for match in _APPOSITIVE.finditer(sent.text):
        before = sent.text[: match.start()]
        term = next((p for p in phrases if before.endswith(p)), None)
        words = match.group("def").split()
        if not term or words[1].lower() in _CLAUSE_HEADS:
            continue  # 'at the grassroots, a method that ...' describes the clause
        if _PREPOSITION_START.match(sent.text) and len(before.split()) <= 3:
            continue  # 'Regarding evaluation, a recent report ...'
        lead = before[: -len(term)].split()
        if lead and len(lead[-1]) <= 2 and lead[-1][:1].isupper():
            term = f"{lead[-1]} {term}"  # 'the S protein'
        out.append((analysis.casing.sentence_case(term), match.group("def")))
    for match in _QUOTED.finditer(sent.text):
        out.append((match.group("term"), match.group("def")))
    for pattern in (_CALLED, _AS_CALLED):
        for match in pattern.finditer(sent.text):
            if not _VERB.search(match.group("def")):
                out.append((match.group("term"), _nearest(match.group("def"))))
    return out


def _nearest(definition: str) -> str:
    """'a rich history centered around the belief in unity, often referred to as X':
    the name goes with the nearest noun phrase, the object of the participle."""
    found = _PARTICIPLE.search(definition)
    return found.group("inner") if found else definition


def definitions(
    analysis: ModuleAnalysis, english: bool = True, notes: Notes | None = None
) -> list[Definition]:
    """Terms the text itself defines, in text order, one per term. The patterns
    are English; in another language only abbreviations the text spells out
    ('Organisation des Nations unies (ONU)') count, defined in ``notes``' words."""
    notes = notes or notes_for("en")
    if not english:
        return _abbreviations(analysis, notes, {})
    found: dict[str, Definition] = {}
    for sent in analysis.sents:
        statement = standalone(sent.text) or ""
        for pattern in (_COPULA, _PLURAL, _MEANS, _REFERS):
            match = pattern.search(sent.text if pattern is _MEANS else statement)
            if not match:
                continue
            term, raw = match.group("term"), match.group("def")
            if raw.lower().startswith(_DEF_STARTS) or not _good_term(term):
                continue
            text = _definition_text(raw)
            if text:
                shown = analysis.casing.sentence_case(term)
                found.setdefault(shown.lower(), Definition(shown, text, sent))
        for term, raw in _appositives(analysis, sent):
            text = _definition_text(raw)
            if text and _good_term(term) and term.lower() not in found:
                found[term.lower()] = Definition(term, text, sent)
        _abbreviations(analysis, notes, found, [sent])
    return [d for d in found.values() if not _file_name(d.term, analysis.text)]


def _abbreviations(
    analysis: ModuleAnalysis,
    notes: Notes,
    found: dict[str, Definition],
    sents: list[Sentence] | None = None,
) -> list[Definition]:
    """Abbreviations spelled out in ``sents`` (default: all), added to ``found``."""
    for sent in analysis.sents if sents is None else sents:
        for abbr, long_form in _acronyms(sent):
            if abbr.lower() not in found:
                found[abbr.lower()] = Definition(abbr, notes.abbreviation(long_form), sent)
    return list(found.values())


def terms(
    analysis: ModuleAnalysis,
    location: SourceLocation | None,
    limit: int = 6,
    english: bool = True,
    taken: set[str] | None = None,
    notes: Notes | None = None,
) -> tuple[Term, ...]:
    """Terms the text defines (a definitional sentence, an appositive, an acronym or
    'X, as it is called'), each with its definition as one line. A phrase the text
    only uses is no key term: a sentence that merely mentions it defines nothing.
    ``taken``: terms earlier modules already explain (updated). Not ``english``:
    abbreviations only (see :func:`definitions`)."""
    taken = set() if taken is None else taken
    found = [
        d for d in definitions(analysis, english, notes) if d.term.lower() not in taken
    ][: max(0, limit)]
    out = tuple(Term(d.term, d.definition, location) for d in found)
    taken.update(t.term.lower() for t in out)
    return out
