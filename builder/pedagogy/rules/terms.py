"""Key terms with definitions taken from the text (the summary is in :mod:`.summary`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...language import language
from ...model import SourceLocation, Term
from ..lexicon import GENERIC, PRONOUN_STARTS, STOPWORDS
from ..notes import Notes, notes_for
from ..text import Sentence, content_words, parts_of_speech, word_count
from .analysis import ModuleAnalysis
from .statements import leans_back, standalone

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
    r"case|example|part|way|reverse|opposite|contrary|converse|counterpart|mirror)\b"
    r"|^(?:a|an|the) [“\"]",  # 'a "prestige economy"': the term being defined next
    re.I,
)
# 'Using freedom of information legislation - or wobbing, as it is sometimes called'
_AS_CALLED = re.compile(
    r"^(?P<def>[A-Z][^,;()]{5,80}?) (?:-|–|—|,) ?or (?P<term>[\w-]+(?: [\w-]+){0,2}), "
    r"as (?:it|they) (?:is|are) (?:\w+ )?(?:called|known)\b"
)
_PARTICIPLE = re.compile(
    r"^(?:a|an|the) [^,]*? (?:centered|centred|based|focused|founded|grounded|rooted|belonging) "
    r"(?:around|on|upon|in|to) (?P<inner>(?:a|an|the) .{3,})$"
)
# 'Think of the earth as an orange ... A datum is the choice of fruit': an analogy
_ANALOGY = re.compile(r"\b(?:think of|imagine|analog(?:y|ous)|similar to|as if|as though|"
                      r"(?:is|are|works?|acts?) (?:just |much |a bit |rather )?like|metaphor)\b",
                      re.I)
_LIKE = re.compile(r"(?<![\w-])(?:like|as if|as though|similar to|akin to|think of)\b", re.I)
_POINTING = re.compile(r"\b(?:this|these|those|such)\b", re.I)
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had)\b")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9]{1,7}s?)\)")
_APPOSITIVE = re.compile(
    r", (?:which (?:is|are) )?(?P<def>(?:a|an) [^,;()]+?\b(?:that|who|which|used|"
    r"involved|known|responsible|where|whose)\b[^,;()]+?)(?=[,;.]|$)"
)
_QUOTED = re.compile(
    r"[“\"](?P<term>[^”\"]{3,40})[”\"],? where (?P<def>[^;“\"]+?)"
    r"(?=,? (?:and |or )?[“\"]|, (?:and|or) (?:the )?(?:so-called|also)|[;]|\.$|$)"
)
# 'The dictum "vox populi vox dei"--the voice of the people, the voice of God--was
# kept alive': a quoted phrase with what it says set between dashes right after it
_DASHED = re.compile(
    r"[“\"](?P<term>[A-Za-z][^”\"]{2,40}?)[,.]?[”\"] ?(?:--|—|–) ?"
    r"(?P<def>[a-z][^—–\"“”()]{5,80}?) ?(?:--|—|–)"
)
# 'small chart pieces within table columns, for instance one bar per row or a small
# line chart (also known as a sparkline)': an example of a kind the sentence places
# somewhere is there too ('a small line chart within table columns')
_EXAMPLE_OF = re.compile(
    r"\b\w+ (?P<place>(?:within|inside|under|above|below|beside|next to|"
    r"(?:embedded|placed|set) in) (?:an? |the )?[a-z][\w-]*"
    r"(?: [a-z][\w-]*)?), (?:for instance|for example|such as|e\.g\.,?) "
    r"(?:[^,;()]+? (?:or|and) )?$"
)
# 'a new "grid count", that is, the number of cells a map covers': a term and, right
# after it, what it is (an article and a noun phrase, no verb)
_THAT_IS = re.compile(
    r"[”\"]?,? (?:that is|i\.e\.|in other words),? [“\"]?"
    r"(?P<def>(?:the|a|an) [^;:()“”\"]{5,100}?)[”\"]?(?=[,;.)]|$)"
)
_CLAUSE_HEADS = frozenset("method way process step move practice approach strategy fact".split())
_PREPOSITION_START = re.compile(r"^(?:Regarding|In|On|For|With|As|About|By|At|From)\b")
_DEF_STARTS = ("the first", "the most", "the result", "the key", "the same", "the only")


# 'Direct reciprocal discussion between authors and reviewers is allowed and
# encouraged': a tail that says the thing may happen (and is welcome), not what it is
_PERMISSIONS = r"(?:allowed|permitted|encouraged|welcomed?|possible|tolerated|accepted)"
_PERMITTED = re.compile(
    rf",? (?:is|are) {_PERMISSIONS}(?:,? (?:and|or) (?:even )?{_PERMISSIONS})?$", re.I)
_ACTION = re.compile(r"\w(?:tion|sion|ment|ing|ance|ence)$")
"""A noun phrase that ends on an activity ('direct reciprocal discussion')."""
# 'It tells the shell that we want to use ...': the author's wish, as what it does
_WANT = re.compile(r"\bthat (?:we|you) (?:want|wish|need|would like) to\b", re.I)
_SAYS_MORE = re.compile(r"^(?:It|They) (?P<verb>[a-z]+s?) ")


@dataclass(frozen=True)
class Definition:
    term: str
    definition: str
    sentence: Sentence


def _definition_text(raw: str) -> str | None:
    text = re.sub(r"\s*\([^()]*\d{4}[a-z]?\)$", "", raw.strip().rstrip(".:").strip())
    permitted = _PERMITTED.search(text)
    if permitted and word_count(text[: permitted.start()]) >= 3 and _ACTION.search(
            re.split(r" (?:between|of|with|among|to|from|by|in|on|for|and)\b",
                     text[: permitted.start()])[0]):
        # what is allowed, an activity ('discussion ... is allowed'), not that it is; a
        # thing allowed ('anonymous comments are allowed') keeps it: the point is there
        text = text[: permitted.start()]
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
    for match in _THAT_IS.finditer(sent.text):
        before = sent.text[: match.start()].rstrip(" ”\"")
        quoted = re.search(r"[“\"](?P<q>[^”\"]{3,40})$", before)
        term = quoted.group("q") if quoted else next(
            (p for p in phrases if before.endswith(p)), None)
        if term and not _VERB.search(match.group("def")) and not re.search(
                r"\b(?:it|its|they|their|them|he|his|she|her)\b", match.group("def")):
            out.append((term, match.group("def")))  # (a pronoun points outside it)
    for match in _QUOTED.finditer(sent.text):
        out.append((match.group("term"), _kind_of(sent.text[: match.start()],
                                                   match.group("term"), match.group("def"))))
    for match in _DASHED.finditer(sent.text):
        said = match.group("def")
        if not _VERB.search(said) and not re.match(r"(?:it|they|this|that|which|who)\b", said):
            out.append((match.group("term"), said))
    for pattern in (_CALLED, _AS_CALLED):
        for match in pattern.finditer(sent.text):
            if not _VERB.search(match.group("def")) and not _attached(match.group("def")):
                place = _EXAMPLE_OF.search(sent.text[: match.start("def")])
                said = match.group("def")
                if pattern is _CALLED and place is not None:
                    said = f"{said} {place.group('place')}"  # where the kind goes
                out.append((match.group("term"), said))
    return out


def _kind_of(before: str, term: str, clause: str) -> str:
    """'Academia is a "prestige economy", where an academic's worth is valued by
    peers' esteem': the clause is about academia, not the term; what the term is
    comes from its head noun: 'an economy in which an academic's worth is ...'. A
    term the text only lists ('such as "open reports", where ...') keeps its clause,
    which says what happens under it."""
    article = re.search(r"\b(?:is|are|was|were|be) (?P<art>an?|the) [“\"]?$", before)
    head = term.split()[-1].lower()
    if article is None or len(term.split()) < 2 or not head.isalpha() or (
        head in content_words(clause) or head.endswith("s")
    ):
        return _reduced(clause)
    lead = "an" if head[:1] in "aeiou" else "a"
    return f"{lead} {head} in which {clause}"


_PASSIVE = re.compile(r"^(?P<subject>(?:\S+ ){1,5}?)(?:is|are) (?P<done>[a-z]+(?:ed|en|wn)) ")


def _reduced(clause: str) -> str:
    """'review reports are published alongside the article', what happens under a
    term, as the noun phrase of what it is: 'review reports published alongside the
    article'. A clause of another shape is left as it is."""
    found = _PASSIVE.match(clause)
    if found is None or "VERB" not in parts_of_speech(found.group("done")) or _VERB.search(
            found.group("subject")) or word_count(found.group("subject")) < 2:
        return clause
    return f"{found.group('subject')}{clause[found.start('done'):]}"


def _attached(definition: str) -> bool:
    """'a rich history centered around the belief in unity, often referred to as X',
    'a novel betacoronavirus belonging to the B lineage, also known as X': a noun
    phrase with another inside it (after a participle or an article). The name may
    go with either, and each reading gives a wrong definition: none is taken."""
    words = definition.split()[1:]
    return bool(_PARTICIPLE.search(definition)) or any(
        w.lower() in ("a", "an", "the") or (len(w) > 4 and w.endswith(("ing", "ed")))
        for w in words
    )


def definitions(
    analysis: ModuleAnalysis, english: bool = True, notes: Notes | None = None
) -> list[Definition]:
    """:func:`_definitions`, found once per module text (the quiz asks for them
    about twenty times per module)."""
    memo = analysis.__dict__.setdefault("_definitions_memo", {})
    held = memo.get((english, id(notes)))
    if held is None or held[0] is not notes:
        held = memo[english, id(notes)] = (notes, _definitions(analysis, english, notes))
    return list(held[1])


def _definitions(
    analysis: ModuleAnalysis, english: bool = True, notes: Notes | None = None
) -> list[Definition]:
    """Terms the text itself defines and that matter to it, in text order, one per
    term. The patterns are English; in another language only abbreviations the
    text spells out ('Organisation des Nations unies (ONU)') count, defined in
    ``notes``' words. In English an abbreviation needs the text's sentence on what
    it is or does besides its expansion: 'short for ...' alone teaches nothing."""
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
        for abbr, long_form in _acronyms(sent):
            short = notes.abbreviation(long_form).rstrip(".")
            known = found.get(abbr.lower())
            if known is not None:  # 'GDAL is a set of tools ...': add what it stands for
                if known.sentence.index != sent.index and known.definition.startswith(
                    ("A ", "An ", "The ")
                ):
                    what = known.definition
                    found[abbr.lower()] = Definition(
                        abbr, f"{short}; it is {what[:1].lower()}{what[1:]}", known.sentence)
                continue
            does = _what_it_does(analysis, abbr, long_form)
            if does:
                found[abbr.lower()] = Definition(abbr, f"{short}; {does}", sent)
    kept = [d for d in found.values() if not _file_name(d.term, analysis.text)
            and not _figurative(d, analysis) and not _circular(d) and _matters(d, analysis)]
    found_too = _emphasized(analysis, {d.term.lower() for d in kept})
    kept = [_completed(d, analysis) for d in kept + found_too]
    return sorted(kept, key=lambda d: d.sentence.index) if found_too else kept


_KINDS = r"standard|format|specification|notation|language|protocol|convention|syntax"


def _kind_named(definition: Definition, analysis: ModuleAnalysis) -> Definition | None:
    """A definition that says only what the thing looks like ('WKT is a nested list
    of geodetic parameters': a list, a string, a tree) after a sentence of its
    paragraph that names what kind of thing it is ('The OGC WKT standard is used by
    ...'): 'A standard (OGC WKT) written as a nested list of geodetic parameters'
    (round 9 12-m01-T5: 'says only what WKT looks like'). None otherwise."""
    words = definition.definition.split()
    shapes = set(language("en").words("shape_heads"))
    if len(words) < 3 or words[0].lower() not in ("a", "an") or not shapes & {
            w.lower().strip(",.;") for w in words[1:3]}:
        return None
    index = definition.sentence.index
    before = next((s for s in analysis.sents if s.index == index - 1), None)
    if before is None or before.paragraph != definition.sentence.paragraph:
        return None
    named = re.match(rf"^The (?P<pre>(?:[A-Z][\w-]* ){{0,2}}){re.escape(definition.term)} "
                     rf"(?P<kind>{_KINDS})\b", before.text.strip())
    if named is None:
        return None
    name = f"{named.group('pre')}{definition.term}"
    lead = "An" if named.group("kind")[:1] in "aeiou" else "A"
    said = definition.definition.rstrip(". ")
    return Definition(definition.term, f"{lead} {named.group('kind')} ({name}) written as "
                      f"{said[:1].lower()}{said[1:]}.", definition.sentence)


def _completed(definition: Definition, analysis: ModuleAnalysis) -> Definition:
    """A definition that names only the form of the thing ('The vertical bar, |,
    between two commands': a symbol, a character, a sign) completed by the next
    sentence of its paragraph when that one says what the thing does ('It tells the
    shell to use the output of the command on the left as the input ...'; round 9
    08-m02-T1: 'defines only the symbol'). The author's 'that we want to' becomes
    'to'; a next sentence in anyone's voice, or about something else, adds nothing."""
    kind = _kind_named(definition, analysis)
    if kind is not None:
        return kind
    words = definition.definition.lower().split()
    forms = set(language("en").words("form_heads"))
    if not words or words[0] not in ("a", "an", "the") or not forms & {
            w.strip(",.;") for w in words[1:4]}:
        return definition
    index = definition.sentence.index
    after = next((s for s in analysis.sents if s.index == index + 1), None)
    if after is None or after.paragraph != definition.sentence.paragraph:
        return definition
    text = _WANT.sub("to", " ".join(after.text.split())).rstrip()
    said = _SAYS_MORE.match(text)
    if said is None or not text.endswith(".") or _definition_text(text) is None or (
            word_count(text) > 30 or _LIKE.search(text) or "VERB" not in parts_of_speech(
                said.group("verb"))):
        return definition
    return Definition(definition.term, f"{definition.definition.rstrip('. ')}; "
                      f"{text[:1].lower()}{text[1:]}", definition.sentence)


_GLOSSARY_ITEM = r"^{term}\s*(?::|—|–| - )\s*(?P<def>(?:An?|The|[A-Z]\w+) .+)$"
_CALLED_TERM = (r"^(?P<def>(?:The|A|An) .+?),? (?:is|are) "
                r"(?:called|known as|termed|referred to as) (?:an? |the )?[“\"']?{term}[”\"']?\.?$")
_COPULA_TERM = r"(?:^|; )(?:An? |The |an? |the )?{term} (?:is|are) (?P<def>(?:an?|the) .+)$"
# 'a program like `wc` or `sort` that ...': examples, not an analogy
_COUNTED = re.compile(r"\bthe (two|three|four)\b(?= \w+s\b)", re.I)
"""'the two commands' in a definition: the ones of the example before it."""
_EXAMPLES = re.compile(r",? (?:like|such as) [^,;]+?,? (?=(?:that|which|who) )")


def _emphasized(analysis: ModuleAnalysis, known: set[str]) -> list[Definition]:
    """Terms the author sets in bold where the text defines them: a glossary line
    ('**Datum:** A model of the shape of the earth'), 'X is called a **pipe**',
    '... a **filter** is a program that ...'. The emphasis says the module teaches
    the term, so it needs no other sign that it matters."""
    out: list[Definition] = []
    for term in analysis.emphasized:
        if term.lower() in known or not _good_term(term):
            continue
        word = re.escape(term)
        for sent in analysis.sents:
            text = sent.text.strip()
            raw = None
            for pattern in (_GLOSSARY_ITEM, _CALLED_TERM, _COPULA_TERM):
                match = re.search(pattern.format(term=word), text, re.I)
                if match:
                    raw = _EXAMPLES.sub(" ", match.group("def"))
                    break
            if raw is not None and leans_back(raw, pronouns=False):
                # 'The vertical bar between the two commands is called a pipe': 'the two'
                # points back to an example; 'between two commands' says what it is
                raw = _COUNTED.sub(lambda m: m.group(1), raw)
            if raw is None or leans_back(raw, pronouns=False):
                continue
            definition = _definition_text(raw)
            if definition is None:
                continue
            found = Definition(analysis.casing.sentence_case(term), definition, sent)
            if not _circular(found):
                out.append(found)
                known.add(term.lower())
                break
    return sorted(out, key=lambda d: d.sentence.index)


def _what_it_does(analysis: ModuleAnalysis, abbr: str, long_form: str) -> str | None:
    """What the text says an abbreviation's thing is or does, from a sentence whose
    subject it is ('Open peer review (OPR) aims to ...', 'GDAL is a set of tools
    that ...'), as 'it aims to ...'; None when the text says nothing of the kind."""
    names = rf"(?:{re.escape(long_form)}(?: \({re.escape(abbr)}\))?|{re.escape(abbr)})"
    subject = re.compile(
        rf"^(?:(?:The|the|An?|an?) )?{names},? (?:which )?(?P<pred>[a-z]\w+ .+)$", re.I)
    for sent in analysis.sents:
        found = subject.match(standalone(sent.text) or sent.text.strip())
        if not found:
            continue
        pred = found.group("pred").rstrip(".")
        verb = pred.split()[0].lower()
        if verb not in _BE and not (verb.endswith("s") and "VERB" in parts_of_speech(verb)):
            continue  # 'the CRS associated with a dataset ...': a participle, not the verb
        if _POINTING.search(pred) or _LIKE.search(pred) or word_count(pred) < 4:
            continue
        if verb in _BE and _NOT_WHAT.match(pred.split(" ", 1)[1]):
            continue
        text = _definition_text(pred)
        if text is None:
            continue
        pronoun = "they" if verb in ("are", "were", "have") else "it"
        return f"{pronoun} {text[:1].lower()}{text[1:]}"
    return None


_BE = ("is", "are", "was", "were", "has", "have", "can", "may", "will")


def _figurative(definition: Definition, analysis: ModuleAnalysis) -> bool:
    """A definition inside an analogy ('imagine the earth is an orange ... a datum
    is the choice of fruit') or that is one ('a datum is like ...')."""
    if _LIKE.search(definition.definition):
        return True
    index = definition.sentence.index
    near = analysis.sents[max(0, index - 2): index + 1]
    return any(_ANALOGY.search(s.text) for s in near)


def _circular(definition: Definition) -> bool:
    """'florid style: a florid style ...': every word of the term in its definition."""
    term = content_words(definition.term)
    return bool(term) and term <= content_words(definition.definition)


def _matters(definition: Definition, analysis: ModuleAnalysis) -> bool:
    """The module teaches the term: it comes back in the text, is in the title, or
    is defined in one of the module's central sentences (not a tool named once in
    a list or a set-up step), or set off in quotation marks where it is defined.
    In the course overview centrality does not count."""
    stem = re.escape(re.sub(r"(?<=\w\w\w)(?:es|s)$", "", definition.term))
    use = re.compile(rf"(?<![\w.-]){stem}(?:s|es)?(?![\w-]|\.\w)", re.I)
    if len(use.findall(analysis.text)) >= 2 or use.search(analysis.title):
        return True
    quoted = rf"[“\"‘']{re.escape(definition.term)}[,.]?[”\"’']"
    if re.search(quoted, definition.sentence.text, re.I):
        return True  # '"open reports", where ...': a term the text sets off to define it
    if analysis.profile is None:
        return False  # the course overview: centrality is not measured against the course
    central = analysis.salience.central()
    return definition.sentence.index in central[: max(3, len(central) // 4)]


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


_NAMED = re.compile(
    r"\b(?:(?:commonly|also|often|sometimes|usually|generally|now|since then) )?"
    r"(?:known as|called|termed|referred to as|dubbed|named)\s+(?:an? |the )?"
    r"(?:[‘'\"“](?P<quoted>[A-Za-z][\w -]{1,40}?)[,.]?[’'\"”]"
    r"|(?P<bare>[A-Za-z][\w-]*(?: [a-z][\w-]*){0,2})(?=\s*[.;:)]\s|\s*[.;:)]?$))"
)


def named_terms(text: str) -> list[str]:
    """Terms the text names without a sentence that defines them as it stands:
    'This transform is commonly known as outlier removal.', 'a chart type that is
    called ‘dot chart’ in which ...'. What an instructor note can point to when the
    module has no key term the rules could quote (never a file name such as
    'a file called sorted-lengths.txt')."""
    out: list[str] = []
    for found in _NAMED.finditer(text):
        term = (found.group("quoted") or found.group("bare") or "").strip()
        if re.match(r"\.\w", text[found.end():]) or not _good_term(term):
            continue
        if term.split()[0].lower() in ("it", "this", "that", "them", "him", "her", "me", "us"):
            continue
        if term.lower() not in (t.lower() for t in out):
            out.append(term)
    return out[:4]
