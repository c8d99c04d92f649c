"""Turning a sentence into a statement that stands on its own: discourse markers,
asides and openers that point back are dropped, first and second person become
'the author' and 'readers', and sentences that lean on others are refused. Also
the clause helpers built on it (the subject of a sentence, the main clause, the
halves of a compound sentence with a pronoun resolved)."""

from __future__ import annotations

import re

from ..lexicon import DISCOURSE_MARKERS, FIRST_SECOND_PERSON, PRONOUN_STARTS
from ..text import is_verbish, tokens

_MARKER = re.compile(
    r"^(?:" + "|".join(re.escape(m) for m in DISCOURSE_MARKERS) + r")\b(?!\s+of\b),?\s+", re.I
)  # 'Instead, ...' is a marker; 'Instead of creating X, ...' is part of the claim
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


