"""What the rules backend knows about a module: usable sentences (claims),
key phrases with scores, named things by kind, and generalisations."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..lexicon import (
    ANAPHORA,
    DISCOURSE_MARKERS,
    FIRST_SECOND_PERSON,
    GENERIC,
    GROUP_NOUNS,
    NEGATIONS,
    ORG_WORDS,
    PERSON_VERBS,
    PLACE_PREPOSITIONS,
    PRONOUN_STARTS,
    STOPWORDS,
    SWEEPING,
)
from ..tagger import get_tagger, noun_phrase
from ..text import (
    Casing,
    Sentence,
    content_words,
    is_verbish,
    phrase_candidates,
    sentences,
    stem,
    tokens,
)

_MARKER = re.compile(
    r"^(?:" + "|".join(re.escape(m) for m in DISCOURSE_MARKERS) + r")\b,?\s+", re.I
)
_PERSON = (
    (re.compile(r"\byou['’]re\b", re.I), "readers are"),
    (re.compile(r"\byou['’]ve\b", re.I), "readers have"),
    (re.compile(r"\byourself\b|\byourselves\b", re.I), "themselves"),
    (re.compile(r"\byours\b", re.I), "theirs"),
    (re.compile(r"\byour\b", re.I), "their"),
    (re.compile(r"\byou\b", re.I), "readers"),
    (re.compile(r"\bI'm\b"), "the author is"),
    (re.compile(r"\bI've\b"), "the author has"),
    (re.compile(r"\bI am\b"), "the author is"),
    (re.compile(r"\bI have\b"), "the author has"),
    (re.compile(r"\bI\b"), "the author"),
    (re.compile(r"\b[Mm]y\b"), "the author's"),
    (re.compile(r"\bme\b"), "the author"),
)
NUMBER = re.compile(r"^(?:[$€£]?\d[\d,.]*(?:%|s)?)$")
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)s?$")


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
    sents: list[Sentence] = field(init=False)
    phrases: Counter[str] = field(init=False)
    surface: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.sents = sentences(self.text)
        self._name_kinds: dict[str, str] = {}
        self.phrases = Counter()
        self.surface = {}
        self.found = {s.index: phrase_candidates(s, self.casing) for s in self.sents}
        tagger = get_tagger()
        if tagger is not None:
            tagged = tagger.tag([s.text for s in self.sents])
            self.found = {
                s.index: [p for p in self.found[s.index] if noun_phrase(p, tagged[s.index])]
                for s in self.sents
            }
        for sent in self.sents:
            for phrase in self.found[sent.index]:
                key = norm(phrase)
                self.phrases[key] += 1
                self.surface.setdefault(key, phrase)
        self.words = Counter(
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
    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        for sent in self.sents:
            statement = standalone(sent.text, resolvable=True)
            if statement is not None:
                statement = self._resolve(statement, sent.index)
            if statement is None or not _pronouns_bound(statement):
                continue
            clause = _main_clause(self.casing.sentence_case(statement).rstrip("."))
            bonus = 1.2 if sent.index == 0 else 1.0
            if {w.lower() for w in tokens(clause)} & ANAPHORA:
                bonus *= 0.4
            out.append(Claim(sent, statement, clause, self.sentence_score(sent) * bonus))
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
                out.append(Claim(claim.sentence, statement, clause, claim.score * 0.9, part))
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


_SUBJECT_END = frozenset(
    "is are was were has have had can could may might will would should must".split()
)


def _subject(text: str) -> str | None:
    """The noun phrase before the main verb of a simple sentence, or None."""
    from ..lexicon import VERBS

    statement = standalone(text, resolvable=False)
    if statement is None:
        return None
    words = statement.split()
    for i, word in enumerate(words[:12]):
        low = word.lower().strip(",")
        if "," in word or low in PRONOUN_STARTS and i == 0:
            return None
        if i >= 1 and (low in _SUBJECT_END or low in VERBS):
            subject = " ".join(words[:i])
            if subject.split()[0].lower() in ("the", "a", "an"):
                subject = subject[:1].lower() + subject[1:]
            return subject
    return None


_CUT = re.compile(
    r",? therefore\b|, (?:so|but|thus|whereas|while)\b|; |, (?:which|where|(?!including)\w+ing)\b"
)


# Where a compound sentence splits into two clauses that can each stand alone.
_CLAUSES = re.compile(r",? therefore,? |; | [-–—] (?=[a-z])")


def _stand_in(clause: str, subject: str | None) -> str | None:
    """The second clause with its leading pronoun replaced by the first clause's
    subject: 'their involvement in X is valued' -> 'the involvement of <subject>
    in X is valued'; 'it paves the way' -> '<subject> paves the way'."""
    words = clause.split()
    if len(words) < 3:
        return None
    low = words[0].lower()
    if low not in ("it", "they", "their", "its"):
        return clause[:1].upper() + clause[1:]
    if subject is None or _is_plural(subject) != (low in ("they", "their")):
        return None
    subject = re.sub(r"\b(?:these|those)\b", "the", subject)
    if low in ("it", "they"):
        text = f"{subject} {' '.join(words[1:])}"
    else:
        text = f"the {words[1]} of {subject} {' '.join(words[2:])}"
    return text[:1].upper() + text[1:]


def _main_clause(clause: str, limit: int = 20) -> str:
    """The clause, or its first part when it is long and splits cleanly."""
    if len(clause.split()) <= limit:
        return clause
    cut = _CUT.search(clause)
    if cut and len(clause[: cut.start()].split()) >= 6 and "not only" not in clause[: cut.start()]:
        return clause[: cut.start()].rstrip(",")
    return clause


def _has_verb(words: list[str]) -> bool:
    from ..lexicon import VERBS
    from ..text import parts_of_speech

    for word in words[1:]:
        low = word.lower()
        tags = parts_of_speech(low)
        if low in VERBS or (tags and tags <= {"VERB", "AUX"}):
            return True
        if "VERB" in tags and low.endswith(("ed", "es")) and len(low) > 4:
            return True
    return False


_DET_PREP = frozenset("with the a an your their to for on in of about".split())


def _imperative(words: list[str]) -> bool:
    """'Experiment with ...', 'Simply support the ...': an instruction, not a claim."""
    from ..text import parts_of_speech

    if words[0].lower() in ("be", "do", "don't", "never", "always", "let's", "try", "make"):
        return True
    start = 1 if words[0].lower().endswith("ly") and len(words) > 2 else 0
    first, nxt = words[start].lower(), words[start + 1].lower()
    return "VERB" in parts_of_speech(first) and not first.endswith("s") and nxt in _DET_PREP


def _head(subject: str) -> str:
    words = subject.split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1]


def _is_plural(subject: str) -> bool:
    head = _head(subject).lower()
    return head.endswith("s") and not head.endswith(("ss", "us", "is"))


def _pronouns_bound(statement: str) -> bool:
    """Every inner they/their/them has a plural word before it to refer to."""
    from ..text import _third_person_verb

    raw = tokens(statement)
    words = [w.lower() for w in raw]
    plural = [
        j > 0 and w.endswith("s") and len(w) > 3 and w not in ("this", "has", "was", "its")
        and not _third_person_verb(raw[j], raw[j - 1])
        for j, w in enumerate(words)
    ]
    for i, word in enumerate(words):
        if i and word in ("they", "their", "them", "theirs") and not any(plural[:i]):
            return False
    return True


# An opening phrase that points back at what came before ('Given these issues,',
# 'As these exclamations reveal,', 'In this case'): it is left out when the rest
# stands on its own, else the sentence is not used.
_LEANING_OPENER = re.compile(
    r"^(?:(?:in|at|by|for|under|given|as|after|with|without|despite|from|following|unlike|"
    r"like|against|beyond|before|during|on|because\s+of|due\s+to)\s+[^,.;]{0,40}?"
    r"\b(?:this|these|those|such|that)\b[^,.;]{0,40},"
    r"|(?:in|at|by|for|under)\s+(?:this|that|these|those)\s+(?:case|cases|point|time|"
    r"way|sense|context|situation|period)\b)",
    re.I,
)
# 'Statements like these, ...': a demonstrative standing for what came before.
_POINTING_BACK = re.compile(
    r"^[^,.;]{0,40}\b(?:like|as|of|than)\s+(?:these|those|this|that)\s*[,;]", re.I
)
# '... was not abstract or putative, either.': the 'either' answers a sentence before.
_TRAILING_EITHER = re.compile(r",?\s+either\.$")
# A word to the reader set off by commas: 'Phillips believed, remember, that ...'.
_ASIDE = re.compile(r",\s+(?:remember|mind you|note|you see|of course),\s+")


def standalone(text: str, resolvable: bool = False) -> str | None:
    """The sentence as a statement that stands on its own, or None. With
    ``resolvable``, a leading It/They/Their is left for the caller to resolve."""
    statement = text.strip()
    for _ in range(3):
        statement = _MARKER.sub("", statement)
    statement = _TRAILING_EITHER.sub(".", _ASIDE.sub(" ", statement))
    if _POINTING_BACK.match(statement) or "such" in statement.lower().split()[:3]:
        return None  # 'Statements like these, ...', 'Often, such a visual analysis ...'
    leaning = _LEANING_OPENER.match(statement)
    if leaning:  # 'Given these issues, potential reviewers may ...'
        statement = statement[leaning.end():].strip()
        rest = tokens(statement)
        if not leaning.group().endswith(",") or not rest or rest[0].lower() in (
            "and", "or", "but", "which", "who", "so"
        ) or is_verbish(rest[0]):
            return None  # 'In this case the data ...', 'Statements like these, and ...'
    if statement[:1].islower():
        statement = statement[:1].upper() + statement[1:]
    words = tokens(statement)
    if not 7 <= len(words) <= 40 or not statement.endswith("."):
        return None
    first = words[0].lower()
    if resolvable and first in ("it", "they", "their", "its"):
        pass
    elif first in PRONOUN_STARTS - {"you", "your", "i", "my"} or first in (
        "despite", "although", "while", "when", "if", "to"
    ):
        return None
    lower = {w.lower().replace("’", "'") for w in words}
    if lower & FIRST_SECOND_PERSON or not _has_verb(words) or _imperative(words):
        return None
    if SELF_REFERENCE.search(statement):
        return None
    if any(ch in statement for ch in "?!:…") or "--" in statement:
        return None
    if statement.count('"') % 2 or statement.count("(") != statement.count(")"):
        return None
    if statement.count("“") != statement.count("”"):
        return None
    for pattern, repl in _PERSON:
        statement = pattern.sub(repl, statement)
    statement = _AUTHOR_VERB.sub(_agree, statement)
    return statement[:1].upper() + statement[1:]


_AUTHOR_VERB = re.compile(r"\b(the author (?:\w+ly )?)(\w+)\b")


def _agree(found: re.Match[str]) -> str:
    """'the author think' -> 'the author thinks' (third person after 'I' was replaced)."""
    from ..text import parts_of_speech

    lead, verb = found.group(1), found.group(2)
    low = verb.lower()
    if low in ("is", "has", "was", "had", "can", "could", "will", "would", "may", "might",
               "must", "should", "did", "does") or low.endswith(("ed", "s")):
        return found.group(0)
    if "VERB" not in parts_of_speech(low):
        return found.group(0)
    if low == "do":
        return lead + "does"
    if low.endswith(("sh", "ch", "x", "o")):
        return lead + verb + "es"
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return lead + verb[:-1] + "ies"
    return lead + verb + "s"


SELF_REFERENCE = re.compile(
    r"\b(this|next|previous|following) (section|chapter|post|essay|article|paper)\b|"
    r"\b(below|above)\b|\bas (discussed|mentioned|noted)\b",
    re.I,
)


def shares_claim(a: str, b: str, threshold: float = 0.5) -> bool:
    """True when two sentences say much the same (content-word overlap)."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= threshold
