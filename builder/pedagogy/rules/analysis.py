"""What the rules backend knows about a module: usable sentences (claims),
key phrases with scores, named things by kind, and generalisations."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..lexicon import (
    ANAPHORA,
    GENERIC,
    GROUP_NOUNS,
    NEGATIONS,
    ORG_WORDS,
    PERSON_VERBS,
    PLACE_PREPOSITIONS,
    STOPWORDS,
    SWEEPING,
)
from ..tagger import get_tagger, noun_phrase
from ..text import Casing, Sentence, phrase_candidates, sentences, stem, tokens
from .salience import LEFT_OUT, Profile, Salience, analyse
from .statements import (
    _CLAUSES,
    _is_plural,
    _main_clause,
    _pronouns_bound,
    _stand_in,
    _subject,
    standalone,
)

NUMBER = re.compile(r"^(?:[$€£]?\d[\d,.]*(?:%|s)?)$")
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)s?$")
LITERARY_GENRES = ("literary", "aphoristic")
_PAIRED_DASHES = re.compile(r"\s*--(?=[a-z])[^-]{3,80}?--\s*(?=[a-z])")
"""An aside set off by two double-hyphen dashes, within a sentence that goes on."""
_CLOSING_DASH = re.compile(r"\s*--\s*(?:an?|the|not|especially|even|including|and|or)\b"
                           r"[^-]*?\.?[\"”]?$")
"""A closing elaboration after a double-hyphen dash ('--a force at odds with ...')."""


@lru_cache(maxsize=65_536)  # pure, and asked for every phrase again and again
def norm(phrase: str) -> str:
    return " ".join(stem(w.lower()) for w in phrase.split())


@dataclass(frozen=True)
class Claim:
    """A sentence the backend can quote, embed or turn into an item."""

    sentence: Sentence
    statement: str
    """Stands alone: discourse marker gone, first person made 'the author'."""
    clause: str
    """The statement ready to follow 'that' (no final period, sentence case)."""
    score: float
    part: int = 0
    """0: the whole sentence; 1, 2: its first or second clause, made to stand
    alone (see :attr:`ModuleAnalysis.clause_claims`)."""
    kind: str = "claim"
    """The sentence's kind (:data:`.salience.KINDS`): definition, cause, statistic ..."""

    @property
    def is_list(self) -> bool:
        """A list of examples ('... include A, B and C'): a fact, not an argument."""
        text = self.statement.lower()
        return text.count(",") >= 2 and bool(re.search(r"\b(include|such as|examples?)\b", text))

    @property
    def negated(self) -> bool:
        """A negation in the sentence; 'not only ... but also' adds, it does not negate."""
        words = [w.lower() for w in self.sentence.words]
        return any(
            (w in NEGATIONS or w.endswith("n't"))
            and not (w == "not" and words[i + 1 : i + 2] == ["only"])
            for i, w in enumerate(words)
        )


@dataclass
class ModuleAnalysis:
    """Everything the generators need about one module's text."""

    text: str
    casing: Casing
    english: bool = True
    """Only English text goes through the (English) part-of-speech tagger."""
    title: str = ""
    """The module's title: sentences close to it are more central."""
    profile: Profile | None = None
    """The whole course, to weigh each sentence against (:mod:`.salience`)."""
    emphasized: tuple[str, ...] = ()
    """Phrases the author set in bold (:func:`emphasized_in`): where the text defines
    one, it is a key term (:mod:`.terms`)."""
    left_out: frozenset[int] = frozenset()
    """Sentences no item is built on (set before the first use of :attr:`claims`):
    the author's expectations listed before the reading tests them, platitudes
    (:func:`.statements.vague`) and fragments (:func:`.statements.verbless`)."""
    sents: list[Sentence] = field(init=False)

    def __post_init__(self) -> None:
        self.sents = sentences(self.text)
        self._name_kinds: dict[str, str] = {}

    # What follows is worked out when first asked for: the whole course's analysis
    # is made for its group names alone, which need the sentences and nothing else.

    @cached_property
    def _tagged(self) -> tuple[dict[int, list[str]], list[str]]:
        found = {s.index: phrase_candidates(s, self.casing) for s in self.sents}
        tagger = get_tagger() if self.english else None
        first_tags: list[str] = []
        if tagger is not None:
            tagged = tagger.tag([s.text for s in self.sents])
            first_tags = [t.tokens[0][2] if t.tokens else "" for t in tagged]
            found = {
                s.index: [p for p in found[s.index] if noun_phrase(p, tagged[s.index])]
                for s in self.sents
            }
        return found, first_tags

    @cached_property
    def found(self) -> dict[int, list[str]]:
        """By sentence: the noun phrases in it (those the tagger agrees are ones)."""
        return self._tagged[0]

    @cached_property
    def first_tags(self) -> list[str]:
        """By sentence: the tagger's tag of its first word (empty without the tagger)."""
        return self._tagged[1]

    @cached_property
    def _counted(self) -> tuple[Counter[str], dict[str, str]]:
        phrases: Counter[str] = Counter()
        surface: dict[str, str] = {}
        for sent in self.sents:
            for phrase in self.found[sent.index]:
                key = norm(phrase)
                phrases[key] += 1
                surface.setdefault(key, phrase)
        return phrases, surface

    @cached_property
    def phrases(self) -> Counter[str]:
        """How often each phrase occurs, by its normal form (:func:`norm`)."""
        return self._counted[0]

    @cached_property
    def surface(self) -> dict[str, str]:
        """The first surface form of each normal form."""
        return self._counted[1]

    @cached_property
    def words(self) -> Counter[str]:
        return Counter(
            stem(w.lower()) for s in self.sents for w in s.words if w.lower() not in STOPWORDS
        )

    def phrase_score(self, phrase: str) -> float:
        key = norm(phrase)
        parts = key.split()
        weight = sum(self.words[p] for p in parts) / max(1, len(parts))
        generic = sum(1 for w in phrase.lower().split() if w in GENERIC)
        length = 1.0 + 0.4 * (min(len(parts), 3) - 1)
        return (self.phrases[key] + 0.5 * weight) * length / (1 + generic)

    @cached_property
    def key_phrases(self) -> list[str]:
        """Surface forms, best first (ties broken alphabetically for determinism)."""
        keys = sorted(self.phrases, key=lambda k: (-self.phrase_score(k), k))
        chosen: list[str] = []
        seen: list[set[str]] = []
        for key in keys:
            words = set(key.split())
            if any(words <= other for other in seen):
                continue
            chosen.append(self.surface[key])
            seen.append(words)
        return chosen

    def sentence_score(self, sent: Sentence) -> float:
        found = self.found[sent.index]
        score = sum(self.phrase_score(p) for p in found)
        return score / (1 + len(sent.words) ** 0.5)

    @cached_property
    def salience(self) -> Salience:
        """Each sentence's kind and how central it is; the module's genre."""
        return analyse(self.sents, language="en" if self.english else "", title=self.title,
                       profile=self.profile, first_tags=self.first_tags)

    @property
    def genre(self) -> str:
        """The module's genre; a module of a literary or aphoristic course whose own
        cues say nothing ('exposition' is what no cue gives) stays in its course's
        genre: a section of an essay split in three need not say 'I' to be read as
        the essay it belongs to (round9 07-m03 lost its interpretation frames)."""
        own = self.salience.genre
        course = self.profile.genre if self.profile is not None else ""
        if own == "exposition" and course in LITERARY_GENRES:
            return course
        return own

    @cached_property
    def claims(self) -> list[Claim]:
        """Sentences that carry an idea (never meta, navigation, captions ...), each
        scored by how central it is (:mod:`.salience`)."""
        out: list[Claim] = []
        for sent in self.sents:
            claim = self._claim_of(sent, sent.text)
            if claim is not None:
                out.append(claim)
        return out

    def _claim_of(self, sent: Sentence, text: str) -> Claim | None:
        """The claim ``text`` (the sentence, or a shorter form of it) makes, or None."""
        ranking = self.salience
        kind = ranking.kind(sent.index)
        if kind in LEFT_OUT or sent.index in self.left_out:
            return None
        context = " ".join(s.text for s in self.sents[max(0, sent.index - 2) : sent.index])
        statement = standalone(text, resolvable=True, context=context)
        if statement is not None:
            statement = self._resolve(statement, sent.index)
        if statement is None or not _pronouns_bound(statement):
            return None
        clause = _main_clause(self.casing.sentence_case(statement).rstrip("."))
        bonus = 0.4 if {w.lower() for w in tokens(clause)} & ANAPHORA else 1.0
        score = ranking.score(sent.index) + 0.01 * self.sentence_score(sent)
        return Claim(sent, statement, clause, score * bonus, kind=kind)

    @cached_property
    def undashed_claims(self) -> list[Claim]:
        """Claims of sentences that make none as written because a double-hyphen dash
        sets off an aside ('abolitionists--and of Phillips in particular--not to mention')
        or adds a closing elaboration ('racial prejudice--a force at odds with ...'): the
        sentence without the aside or the elaboration, when that still stands alone. For
        objectives and discussion only (:func:`.candidates.usable`), ranked as the
        sentence is; the quiz keeps to :attr:`claims`."""
        made = {c.sentence.index for c in self.claims}
        out: list[Claim] = []
        for sent in self.sents:
            if sent.index in made or "--" not in sent.text:
                continue
            text = _PAIRED_DASHES.sub(", ", sent.text)
            text = _CLOSING_DASH.sub(".", text)
            if "--" in text or len(text.split()) < 7:
                continue
            claim = self._claim_of(sent, text)
            if claim is not None:
                out.append(claim)
        return out

    @cached_property
    def clause_claims(self) -> list[Claim]:
        """The two halves of compound sentences ('X is known for Y, therefore Z'),
        each standing alone: shorter items, and a second item from a sentence
        without one giving the other away (Heilman & Smith's simplified statements)."""
        out: list[Claim] = []
        for claim in self.claims:
            split = _CLAUSES.search(claim.statement)
            if split is None:
                continue
            first = claim.statement[: split.start()].rstrip(",") + "."
            second = _stand_in(claim.statement[split.end():], _subject(first))
            for part, text in ((1, first), (2, second)):
                statement = standalone(text) if text else None
                if statement is None or not _pronouns_bound(statement):
                    continue
                clause = _main_clause(self.casing.sentence_case(statement).rstrip("."))
                out.append(Claim(claim.sentence, statement, clause, claim.score * 0.9, part,
                                 claim.kind))
        return out

    def _resolve(self, statement: str, index: int) -> str | None:
        """Replace a leading It/They/Their with the previous sentence's subject
        (or a group the previous sentences name); None when that is not clear."""
        first = statement.split(" ", 1)[0]
        low = first.lower()
        if low not in ("it", "they", "their", "its"):
            return statement
        rest = statement[len(first) :]
        if low == "it" and re.match(r" (?:is|was|has|had|may|might|can|could|would|will)\b", rest):
            return None
        subject = _subject(self.sents[index - 1].text) if index > 0 else None
        if subject:  # 'the participation ... in these missions': 'these' points too far back
            subject = re.sub(r"\b(?:these|those)\b", "the", subject)
        plural = low in ("they", "their")
        if subject and _is_plural(subject) == plural:
            rest = re.sub(r"\b(?:these|those)\b", "the", rest)  # 'in these missions'
            if low in ("it", "they"):
                return subject[:1].upper() + subject[1:] + rest
            if len(subject.split()) <= 3:
                own = subject + ("'" if subject.endswith("s") else "'s")
                return own[:1].upper() + own[1:] + rest
        if plural:
            before = " ".join(s.text for s in self.sents[max(0, index - 2) : index])
            for group in self.group_names:
                if group in before:
                    rest = re.sub(r"\b(?:these|those)\b", "the", rest)
                    return (group + "'" if low == "their" else group) + rest
        return None

    group_names: tuple[str, ...] = ()

    @cached_property
    def ranked_claims(self) -> list[Claim]:
        return sorted(self.claims, key=lambda c: (-c.score, c.sentence.index))

    @cached_property
    def names(self) -> list[str]:
        """Capitalized names (places, organisations, people) in text order."""
        seen: dict[str, None] = {}
        for sent in self.sents:
            for phrase in self.found[sent.index]:
                words = phrase.split()
                if not all(self.casing.is_proper(w) or w in ("of", "and") for w in words):
                    continue
                if len(words) == 1 and phrase.endswith(("es", "ians", "ists", "ans")):
                    continue  # a group of people ('Chartists'), not a name
                seen.setdefault(phrase, None)
        return list(seen)

    @cached_property
    def quoted(self) -> tuple[str, ...]:
        """Lower-cased quotations: someone else's words, never distractors or blanks."""
        return tuple(s.lower() for s in re.findall(r"[\"“]([^\"”]{1,400})[\"”]", self.text))

    def in_quote(self, phrase: str) -> bool:
        low = phrase.lower()
        return any(low in span for span in self.quoted)

    def name_kind(self, name: str) -> str:
        """'place', 'org', 'person' or 'other', from how the text uses the name."""
        if name not in self._name_kinds:
            self._name_kinds[name] = self._name_kind(name)
        return self._name_kinds[name]

    def _name_kind(self, name: str) -> str:
        words = name.lower().split()
        if any(w in ORG_WORDS for w in words):
            return "org"
        after = re.compile(rf"\b{re.escape(name)}(?:'s)? (\w+)")
        for sent in self.sents:
            for found in after.finditer(sent.text):
                if found.group(1).lower() in PERSON_VERBS - {"was"}:
                    return "person"
        for sent in self.sents:
            at = sent.text.find(name)
            if at > 0:
                before = sent.text[:at].split()
                if before and before[-1].lower() in PLACE_PREPOSITIONS:
                    return "place"
                listed = re.search(r"\b(?:in|from|across) ([A-Z][^.;:]*)$", sent.text[:at])
                if listed and re.fullmatch(r"[A-Z][\w ]*(?:, [A-Z][\w ]*)*,?(?: and)? ?",
                                           listed.group(1)):
                    return "place"
        return "other"

    @cached_property
    def groups(self) -> list[str]:
        """Generalised groups such as 'Islamic nations': a capitalized adjective and a
        plural noun for peoples or states, used as a subject of sweeping claims."""
        found: Counter[str] = Counter()
        for sent in self.sents:
            words = sent.words
            for i in range(len(words) - 1):
                adj, noun = words[i], words[i + 1]
                if noun.lower() in GROUP_NOUNS and adj[:1].isupper() and adj.lower() not in (
                    STOPWORDS
                ):
                    found[f"{adj} {noun.lower()}"] += 1
                    if i > 0 and words[i - 1].lower() in SWEEPING:
                        found[f"{adj} {noun.lower()}"] += 1
        return [g for g, n in found.most_common() if n >= 2]


_STRONG = re.compile(r"<(strong|b)>(.*?)</\1>", re.S)
_TERM_LIKE = re.compile(r"^[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,3}$")


def emphasized_in(html: str) -> tuple[str, ...]:
    """The short phrases of words set in bold in a section's HTML ('<strong>pipe
    </strong>', '<strong>Datum:</strong>'), once each, in order: not figures, code
    or whole bold sentences."""
    out: dict[str, str] = {}
    for _, inner in _STRONG.findall(html):
        text = re.sub(r"<[^>]+>", "", inner).strip().rstrip(":").strip()
        if _TERM_LIKE.match(text):
            out.setdefault(text.lower(), text)
    return tuple(out.values())
