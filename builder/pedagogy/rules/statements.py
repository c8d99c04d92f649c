"""Turning a sentence into a statement that stands on its own: discourse markers,
transitions and asides are dropped, a first person becomes 'the author' (the
backend puts the author's name in when it is known), a generic 'you' becomes
'one', and sentences that still lean on others (a demonstrative, pronoun or
'the two ...' with nothing in the statement to refer to) are refused
(:func:`leans_back`); a sentence that is a detail told on the way, or a comparison
without its other side, is no idea to state or teach (:func:`aside`, for objectives and
summaries alike). Also the clause helpers built on it (the subject of a
sentence, the main clause, the halves of a compound sentence with a pronoun
resolved)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from lemminflect import getLemma

from ..lexicon import DISCOURSE_MARKERS, FIRST_SECOND_PERSON, PRONOUN_STARTS, STOPWORDS
from ..text import _third_person_verb, is_verbish, parts_of_speech, stem, tokens

MARKER = re.compile(
    r"^(?:" + "|".join(re.escape(m) for m in DISCOURSE_MARKERS) + r")\b(?!\s+of\b),?\s+", re.I
)  # 'Instead, ...' is a marker; 'Instead of creating X, ...' is part of the claim
# First person outside quotation marks: the author's (the backend writes the
# author's name in for 'the author' when it is known). Subject forms are listed
# with their verb so that the verb agrees ('I think' -> 'the author thinks').
_FIRST = (
    (re.compile(r"\bI myself\b"), "the author"),
    (re.compile(r"\bI['’]m\b|\bI am\b"), "the author is"),
    (re.compile(r"\bI['’]ve\b|\bI have\b"), "the author has"),
    (re.compile(r"\bI['’]d\b"), "the author would"),
    (re.compile(r"\bI['’]ll\b"), "the author will"),
    (re.compile(r"\bI do not\b|\bI don['’]t\b"), "the author does not"),
    (re.compile(r"\b[Mm]y\b|\bmine\b"), "the author's"),
    (re.compile(r"\bme\b"), "the author"),
)
# A generic 'you' ('you must steer a middle course'): 'one', never 'readers'.
_SECOND = (
    (re.compile(r"\byou['’]re\b|\byou are\b", re.I), "one is"),
    (re.compile(r"\byou['’]ve\b|\byou have\b", re.I), "one has"),
    (re.compile(r"\byou['’]d\b", re.I), "one would"),
    (re.compile(r"\byou['’]ll\b", re.I), "one will"),
    (re.compile(r"\byou were\b", re.I), "one was"),
    (re.compile(r"\byou do not\b|\byou don['’]t\b", re.I), "one does not"),
    (re.compile(r"\byourself\b", re.I), "oneself"),
    (re.compile(r"\byours\b", re.I), "one's own"),
    (re.compile(r"\byour\b", re.I), "one's"),
)
_ADVERB = r"(?P<adv> (?:\w+ly|now|also|often|always|never|still|just|only|even|then|already|" \
    r"sometimes|all|first|soon|rather))?"
_YOU = re.compile(r"\byou\b" + _ADVERB + r"(?P<after> [\w'’]+)?", re.I)
_I = re.compile(r"\bI\b" + _ADVERB + r"(?P<after> [\w'’]+)?")
# Words after which 'you' is an object ('lets you choose'): the verb after it stays.
_OBJECT_BEFORE = frozenset(
    """to for with at of by from about on into onto upon like toward towards against around
    through without within between among let lets help helps make makes allow allows enable
    enables give gives tell tells show shows teach teaches ask asks want wants remind reminds
    force forces get gets take takes bring brings lead leads keep keeps see sees hear hears
    cost costs send sends offer offers pay pays invite invites cause causes require requires
    encourage encourages have has had leave leaves""".split()
)


def _takes_object(word: str) -> bool:

    low = word.lower().strip("\"“”‘’()")
    if word.endswith((",", ";", ":")):
        return False
    return low in _OBJECT_BEFORE or (
        low.endswith(("ing", "ed")) and "VERB" in parts_of_speech(low)
    )
_MODALS = frozenset("can could may might must shall should will would need ought".split())
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def _outside_quotes(statement: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the statement's own words, never to a quotation
    (the first and second persons of someone quoted are theirs)."""
    out: list[str] = []
    at = 0
    for found in _QUOTED.finditer(statement):
        out.append(change(statement[at : found.start()]))
        out.append(found.group())
        at = found.end()
    out.append(change(statement[at:]))
    return "".join(out)


def _third_person(verb: str) -> str:
    """'think' -> 'thinks', 'do' -> 'does'; a modal, a past or an -s form unchanged."""

    low = verb.lower()
    if low in _MODALS or low in ("is", "has", "was", "had", "did", "does") or low.endswith(
        ("ed", "s", "'t", "’t")
    ) or "VERB" not in parts_of_speech(low):
        return verb
    if low in ("do", "go"):
        return verb + "es"
    if low.endswith(("sh", "ch", "x", "z", "o")):
        return verb + "es"
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _persons(text: str) -> str:
    """First person to 'the author', generic second person to 'one', with the verbs agreeing."""
    for pattern, repl in _FIRST + _SECOND:
        text = pattern.sub(repl, text)

    def first(found: re.Match[str]) -> str:
        before = text[: found.start()].split()
        if before and before[-1][:1].isupper() and before[-1].isalpha():
            return found.group()  # 'World War I', 'Book I': a numeral
        return "the author" + (found.group("adv") or "") + _agreeing(found.group("after"))

    def second(found: re.Match[str]) -> str:
        before = text[: found.start()].split()
        subject = not before or not _takes_object(before[-1])
        after = found.group("after") or ""
        word = "One" if found.group()[:1] == "Y" else "one"
        return word + (found.group("adv") or "") + (_agreeing(after) if subject else after)

    text = _I.sub(first, text)
    return _YOU.sub(second, text)


def _agreeing(after: str | None) -> str:
    if not after:
        return ""
    return " " + _third_person(after.strip())


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

    if words[0].lower() in ("be", "do", "don't", "never", "always", "let's", "try", "make"):
        return True
    start = 1 if words[0].lower().endswith("ly") and len(words) > 2 else 0
    first, nxt = words[start].lower(), words[start + 1].lower()
    kinds = parts_of_speech(first)
    if "VERB" in kinds and "NOUN" not in kinds and nxt in _SET_UP:
        return True  # 'Suppose you want to ...', 'Assume we have ...': a scenario set up
    return "VERB" in kinds and not first.endswith("s") and nxt in _DET_PREP


_SET_UP = frozenset(("you", "we", "your", "our"))


def _head(subject: str) -> str:
    words = subject.split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1]


def _is_plural(subject: str) -> bool:
    head = _head(subject).lower()
    return head.endswith("s") and not head.endswith(("ss", "us", "is"))


_PLURALS = frozenset("people men women children persons folk".split())
_BEFORE_NOUN = frozenset("the these those many some all both few several of that".split())


def _pronouns_bound(statement: str) -> bool:
    """Every inner they/their/them has a plural word before it to refer to."""

    raw = tokens(statement)
    words = [w.lower() for w in raw]
    plural = [
        j > 0 and w.endswith("s") and len(w) > 3 and w not in ("this", "has", "was", "its")
        and (not _third_person_verb(raw[j], raw[j - 1]) or (  # 'rare words': a noun
            "NOUN" in parts_of_speech(w) and (
                "ADJ" in parts_of_speech(words[j - 1]) or words[j - 1] in _BEFORE_NOUN
            )
        )) or w in _PLURALS
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


# A transition set off inside the sentence ('Phillips, however, ...', ', in the end,'),
# or an ordinal aside ('in the third place'): it points at the sentence before.
_INNER_MARKER = re.compile(
    r",\s+(?:however|therefore|thus|then|too|also|in turn|in the end|in fact|indeed|moreover|"
    r"furthermore|nevertheless|nonetheless|after all|in short|in other words|in particular|"
    r"first of all|by contrast|in contrast|on the contrary|on the other hand|as a result|"
    r"consequently|accordingly|likewise|similarly|instead|at the same time|for example|"
    r"for instance|in the (?:first|second|third|fourth|fifth|next|last) place|first|second|"
    r"third|finally|lastly|again|still),\s+",
    re.I,
)
_TRAILING_MARKER = re.compile(
    r",\s+(?:however|though|too|then|instead|after all|in the end|again|as well|in turn|"
    r"therefore|thus|also)\.$|\s+as well\.$",
    re.I,
)
# Openers of sequence or summing up, beyond the discourse markers of the lexicon.
_ORDINAL_OPENER = re.compile(
    r"^(?:(?:in the (?:first|second|third|fourth|fifth|next|last|final) place|first of all|"
    r"to begin with|to start with|last of all|last but not least|above all|in conclusion|"
    r"to conclude|in summary|all in all|on top of that|secondly|thirdly|lastly)\b,?\s+"
    r"|(?:second|third|fourth|fifth|next|still|besides|even so|that said|in any case|"
    r"at any rate)\s*,\s+)",
    re.I,
)
# 'also' leans on what came before ('Phillips also argued'), unless it answers a
# 'not only' or follows 'but' ('... but also ...').
_ALSO = re.compile(r"(?<=\w)(?<!\bbut) also(?= \w)")


# An opening clause or phrase before an inner marker keeps its comma ('Even where
# researchers ..., however, the many forms ...' -> 'Even where researchers ..., the ...').
_OPENING = re.compile(
    r"^(?:even |only |just )?(?:where|when|whenever|if|although|though|while|because|as|since|"
    r"after|before|unless|until|once|whereas|in|on|at|by|for|with|without|from|during|under|"
    r"despite|given|to|through|over|within|among|throughout)\b[^,;]*$",
    re.I,
)


def _inner_marker(found: re.Match[str]) -> str:
    return ", " if _OPENING.match(found.string[: found.start()]) else " "


@functools.lru_cache(maxsize=20_000)  # a pure function of its text, asked again per module and item
def standalone(text: str, resolvable: bool = False, context: str = "") -> str | None:
    """The sentence as a statement that stands on its own, or None. With
    ``resolvable``, a leading It/They/Their is left for the caller to resolve.
    ``context``: the sentences just before it, where 'these missions' may find
    its referent ('the peacekeeping missions', :func:`restored`)."""
    statement = text.strip()
    for _ in range(3):
        statement = _ORDINAL_OPENER.sub("", MARKER.sub("", statement))
    statement = _TRAILING_EITHER.sub(".", _ASIDE.sub(" ", statement))
    statement = _TRAILING_MARKER.sub(".", _INNER_MARKER.sub(_inner_marker, statement))
    if "not only" not in statement.lower():
        statement = _outside_quotes(statement, lambda part: _ALSO.sub("", part))
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
    pronoun_first = resolvable and first in ("it", "they", "their", "its")
    if pronoun_first:
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
    statement = restored(_DESCRIBED.sub(_described, statement), context)
    if pronoun_first:  # they/their after the resolved pronoun: the caller checks them
        if leans_back(statement.split(" ", 1)[1], pronouns=False):
            return None
    elif leans_back(statement):
        return None
    own = _QUOTED.sub(" ", statement)
    if re.search(r"(?<!\bI )\bmyself\b", own) or len(re.findall(r"\byou", own, re.I)) > 3:
        return None  # 'I told myself': whose self; 'you ... your ... you': an address
    statement = _outside_quotes(statement, _persons)
    return statement[:1].upper() + statement[1:]


# -- statements that lean on an earlier sentence -------------------------------------

_DESCRIBED = re.compile(r"\b(?:these|those) (?=(\w+) (\w+s)\b)")


_POINTER = re.compile(r"(?<=\s)(?:this|these|those) ([a-z]{3,})\b")


def restored(statement: str, context: str) -> str:
    """'in these missions' -> 'in the peacekeeping missions' when the sentences
    before (``context``) name the same noun with a word of its own; a
    pointer with no such named referent stays (and :func:`leans_back` refuses it)."""
    if not context:
        return statement

    def named(found: re.Match[str]) -> str:
        noun = found.group(1)
        if noun in STOPWORDS or noun in _DEICTIC or is_verbish(noun):
            return found.group()
        for earlier in reversed(re.findall(rf"((?:[\w'’-]+ ){{1,3}}){noun}\b", context)):
            words = earlier.split()
            kept: list[str] = []
            for word in reversed(words):
                low = word.lower()
                if low in STOPWORDS or is_verbish(word) or not word.replace("-", "").isalpha() or (
                    low in _DEMONSTRATIVES
                ):
                    break
                kept.insert(0, word)
                if len(kept) == 1 and not word[:1].isupper():
                    break  # 'the peacekeeping missions': the nearest word names them
            if kept:
                return f"the {' '.join(kept)} {noun}"
        return found.group()

    return _POINTER.sub(named, statement)


def _described(found: re.Match[str]) -> str:
    """'in these international missions' -> 'in the international missions': with
    an adjective of its own the group is named well enough; a bare 'these
    missions' (which missions?) is left for :func:`leans_back` to refuse."""

    adjective, noun = found.group(1).lower(), found.group(2).lower()
    if "ADJ" in parts_of_speech(adjective) and "NOUN" in parts_of_speech(noun) and (
        not _plural_noun(adjective)
    ):
        return "the "
    return found.group()


# Words that point back, whatever follows them.
_BACK_WORDS = re.compile(
    r"\b(?:thence|thereof|therein|thereupon|whereupon|aforementioned|aforesaid|"
    r"above-mentioned|the former|the latter|in question)\b"
    # 'a similar pattern', 'such a result', 'likewise': similar to what?
    r"|\ban? similar \w+\b(?! (?:to|as)\b)"
    r"|\bsuch an? \w+(?! (?:as|that)\b)\b|\blikewise\b",
    re.I,
)
# 'the one from the other': which one, which other?
_ONE_OTHER = re.compile(r"\bthe one\b[^.;]{0,40}?\bthe other\b", re.I)
# 'The dataset contains ...', 'The next plot shows ...': a definite subject that
# names no thing of its own (which dataset? the plot after which?).
_BACK_SUBJECT = re.compile(
    r"^(?:The (?:next|following|previous|preceding|latter|former|rest|remaining|other)\b"
    r"|The same\b(?! \w+(?: \w+)? (?:as|that|who|which)\b)"
    r"|Other\b(?! than)|For (?:it|this|that|these|those|he|she|they|there|thou|so|all this)\b"
    r"|(?:Nor|Or|Hence|Whence|Thence)\b)",
)
_CONTAINERS = frozenset(
    """dataset database study paper report survey project tool software package library
    method technique experiment article example figure table chart plot map file document
    list program programme procedure case episode result results finding findings""".split()
)
_DEMONSTRATIVES = frozenset(("this", "these", "those", "that", "such"))
# Deictic phrases that need no earlier sentence: 'this very moment', 'these days'.
_DEICTIC = frozenset("moment day days morning evening night world life century".split())
_COUNTS = frozenset("two three four five six both".split())
_PREPOSITIONS = frozenset(
    """in at of on by for with from to about under after before during since like into upon
    beyond than""".split()
)
_PERSONAL = frozenset("he him his she her hers himself herself".split())
_PERSON_NOUNS = frozenset(
    """man woman men women person child king queen god father mother son daughter friend
    one everyone someone anyone nobody each whoever who boy girl husband wife brother sister
    lord lady""".split()
)
_NOT_PERSON = frozenset(
    """water power order number paper other after over under never either rather whether
    further however matter letter chapter character manner border center centre error color
    colour factor sector door floor member computer server filter header folder parameter
    register layer cluster meter metre century""".split()
)


# 'One can visualize data in lots of different ways', 'The question of tools is not an
# easy one', '... present new challenges and opportunities': true of anything, saying little
_VAGUE = re.compile(
    r"\b(?:in (?:lots of|many|various|several|countless|a number of|all sorts of) "
    r"(?:different )?ways|not (?:an?|any) (?:easy|simple|trivial) (?:one|task|question|matter)"
    r"|(?:challenges and opportunities|opportunities and challenges|pros and cons)"
    r"|good at something|(?:is|are) (?:a )?(?:complex|complicated) (?:one|matter|topic|issue))\b",
    re.I)


PLATITUDE = re.compile(
    r"\b(?:in (?:lots of|many|a lot of|countless|various|all sorts of|so many) (?:different )?"
    r"ways|(?:is|are) good (?:at|for) something|(?:has|have) (?:its|their) (?:own )?(?:uses|"
    r"place|strengths and weaknesses|pros and cons)|there is no (?:single|one) (?:right|best) "
    r"(?:way|answer|tool)|(?:provides?|offers?|gives?) (?:a |an )?(?:unique|new|different|"
    r"fresh|whole new) (?:perspective|view|angle|lens|outlook)s? (?:on|of|into)\b)", re.I)
"""A statement true of anything ('one can visualize data in lots of different ways',
'every tool is good at something', 'visualization provides a unique perspective on the
dataset': round9 04-m01-O2, vacuous): nothing to learn from it."""


CONTENTS = re.compile(
    r"\b(?:data(?:set|base)?s?|records?|files?|tables?|spreadsheets?|archives?|registers?|"
    r"ledgers?|census) (?:shows?|"
    r"contains?|includes?|lists?|tells?|records?) (?:\w+ )?(?:who|what|how (?:much|many)|"
    r"whether|which|where|when)\b", re.I)
"""What a data set holds ('the data shows who applies, how much they get and whether'):
its contents, not a learning goal."""
CONCESSION = re.compile(r"^(?:of course|admittedly|to be sure|granted|it is true that|true,|"
                        r"in (?:the|this|that) case of\b[^,]*, \w+ (?:actually|also))\b", re.I)
"""A concession or a case conceded on the way to the point: the point is elsewhere."""


LABEL = re.compile(r"^[^:.;“\"]{2,50}:\s")
"""'Non-Programming Visualization Software: like ManyEyes, ...': a label and its list."""


def peripheral(text: str) -> bool:
    """A platitude, the contents of a data set or a concession: a sentence no objective
    or discussion question should be built on, however central it ranks."""
    body = text.strip()
    return bool(PLATITUDE.search(body) or CONTENTS.search(body) or CONCESSION.match(body))


def vague(statement: str) -> bool:
    """A platitude, true of anything ('One can visualize data in many ways', 'The
    question of tools is not an easy one', 'X provides a unique perspective on Y'):
    a summary weighs it less, and no objective, question or quiz item is built on it
    (:attr:`ModuleAnalysis.left_out`)."""
    return _VAGUE.search(statement) is not None or PLATITUDE.search(statement) is not None


def verbless(text: str) -> bool:
    """'Spreadsheets like LibreOffice, Excel or Google Docs.': a list heading or a
    fragment, no verb outside its names (a capitalised word after the first is a
    name): no summary sentence, and no item is built on it."""
    words = tokens(text)
    return not any(
        (n == 0 or word[:1].islower()) and word.lower() != "like"
        and parts_of_speech(word.lower()) & {"VERB", "AUX"}
        for n, word in enumerate(words)
    )


def leans_back(statement: str, pronouns: bool = True) -> bool:
    """Does the statement lean on a sentence before it: a demonstrative ('this
    endeavor', 'those which ...'), a he/his/she/her with no one named before it,
    'the two commands', 'the one from the other', 'thence', a subject such as
    'The dataset contains ...' or an opening 'For it is ...'? A demonstrative or
    count is fine when its noun is already in the statement ('words ... these
    words') or it points at the present ('this very moment'). ``pronouns``: also an
    inner they/their/them with no plural before it (:func:`_pronouns_bound`)."""
    if _BACK_WORDS.search(statement) or _BACK_SUBJECT.match(statement):
        return True
    raw = tokens(statement)
    words = [w.lower().replace("’", "'") for w in raw]
    if _ONE_OTHER.search(statement) and not {"two", "both", "between"} & set(words):
        return True
    if len(words) > 2 and words[0] == "the" and words[1] in _CONTAINERS and (
        is_verbish(words[2]) or words[2] in _MODALS
    ):
        return True
    for i, word in enumerate(words):
        if word in _DEMONSTRATIVES and _demonstrative_leans(words, i):
            return True
        if word == "the" and i + 2 < len(words) and words[i + 1] in _COUNTS and (
            words[i + 1] != "both" and not _named_elsewhere(words, i + 2)
        ):
            return True
        if word in _PERSONAL and not any(_antecedent(raw, j) for j in range(i)) and (
            not _cataphora(statement, raw[i])
        ):
            return True
    return pronouns and not _pronouns_bound(statement)


def _cataphora(statement: str, pronoun: str) -> bool:
    """'By his senior year of college, Phillips was ...': the pronoun in an opening
    phrase, the name it stands for the subject right after the comma."""
    opening, comma, rest = statement.partition(", ")
    if not comma or not re.search(rf"\b{re.escape(pronoun)}\b", opening):
        return False
    first = rest.split(" ", 1)[0]
    return first[:1].isupper() and first.lower() not in STOPWORDS and first.isalpha()


def _said_before(words: list[str], at: int, skip: int = 0) -> bool:
    """Is the noun at ``at`` (after a demonstrative or count; the word after it
    when it is an adjective) already in the statement before the ``skip`` words
    in front of it, or a word for the present ('this moment')?"""

    head = words[at] if at < len(words) else ""
    if head in _DEICTIC:
        return True
    tags = parts_of_speech(head)
    if (tags and "NOUN" not in tags or head in ("very", "same", "whole", "entire")) and (
        at + 1 < len(words)
    ):
        head = words[at + 1]
    before = {stem(w) for w in words[: max(0, at - skip)] if w not in STOPWORDS}
    return head in _DEICTIC or (head not in STOPWORDS and stem(head) in before)


def _named_elsewhere(words: list[str], at: int) -> bool:
    """'the two subunits ... the S1 subunit ...': the counted things are named in
    the statement itself, before or after."""
    head = stem(words[at])
    return any(stem(w) == head for j, w in enumerate(words) if j != at)


def _demonstrative_leans(words: list[str], i: int) -> bool:
    word = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if word == "such":
        rest = words[i + 1 :]
        return nxt != "as" and "as" not in rest[:5] and "that" not in rest[:3] and (
            not _said_before(words, i + 1, 1)
        )
    if word == "that":  # a demonstrative only after a preposition: 'in that case'
        prev = words[i - 1] if i else ""
        if prev not in _PREPOSITIONS or not nxt or nxt in _NOT_AFTER_THAT or is_verbish(nxt):
            return False
        return not _said_before(words, i + 1, 1)
    if word == "those" and nxt in ("who", "whom", "whose"):
        return False  # 'those who hoard': anyone who does
    if word in ("this", "these") and nxt in _DEICTIC:
        return False
    if word == "those" and (not nxt or nxt in ("which", "that", "of", "in", "with", "for")):
        return not any(_plural_noun(w) for w in words[:i])  # 'words ... those which ...'
    if not nxt or is_verbish(nxt) or nxt in _MODALS or nxt in ("is", "are", "was", "were"):
        return True  # 'this is why', 'all this shows'
    return not _said_before(words, i + 1, 1)


_NOT_AFTER_THAT = frozenset(
    "the a an it they he she we i you this there which who is was are were".split()
)


def _plural_noun(word: str) -> bool:
    return word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")) and (
        word not in ("this", "has", "was", "its", "does", "always", "perhaps")
    )


def _antecedent(raw: list[str], j: int) -> bool:
    """Could the word at ``j`` be someone a he/his/she/her refers to: a name, a
    person noun, or a noun in -er/-or that is no verb too ('writer', 'senator'; not
    'matter', 'number')?"""
    word = raw[j]
    low = word.lower()
    if low in _PERSON_NOUNS:
        return True
    if low in STOPWORDS:
        return False
    if word[:1].isupper() and word != "I":
        tags = parts_of_speech(low)
        return j > 0 or not tags or "PROPN" in tags
    if low in _NOT_PERSON:
        return False
    if low.endswith(("ist", "ian", "ant")) and len(low) > 4:
        return "NOUN" in parts_of_speech(low)
    if low.endswith(("er", "or")) and len(low) > 4:
        tags = parts_of_speech(low)
        return "NOUN" in tags and "VERB" not in tags
    return False


SELF_REFERENCE = re.compile(
    r"\b(this|next|previous|following) (section|chapter|post|essay|article|paper)\b|"
    r"\b(below|above)\b|\bas (discussed|mentioned|noted)\b",
    re.I,
)


# 'From thence all things flow', 'know the one from the other'
_POINTS_BACK = re.compile(
    r"\b(?:thence|thereof|therein|thereby|whence|hereof|herein|aforesaid)\b"
    r"|\bthe one\b.*\bthe other\b|, (?:however|indeed)\b|\b\w+ then (?:is|are|was|were|must)\b"
    r"|\b(?:above|below|following)[:.]?$"
    r"|\b(?:once )?again\b(?! and again)", re.I)  # 'The breakthrough again came ...': after which?
# 'In the case of the temperance law, ...', 'Born into a world of ...': a case or a
# life's detail told to illustrate, not an idea of the module
_DETAIL = re.compile(
    r"^(?:In the (?:case|example) of|Take the (?:case|example)|Born (?:in|into|on)\b)"
    # 'As a first step the author visualized ...': one step of what was done
    r"|^(?:As an?|In an?|For an?|The) (?:first|second|third|next|final|last|further) step\b"
    # 'Note that wc *.pdb also shows the total ...': a remark in passing, not the lesson's point
    r"|^(?:Note|Notice|Observe),? that\b")


def aside(text: str, statement: str) -> bool:
    """A sentence that is a detail told on the way ('Born into a world of ...', 'In the
    case of ...', 'As a first step ...') or whose statement points back ('the
    breakthrough again came ...', 'thence', a comparison without its other side: 'had
    a much deeper awareness of ...'): no idea of the module to state or to teach."""
    return bool(_DETAIL.match(text) or _POINTS_BACK.search(statement)
                or bare_comparative(statement))


_INTENSIFIED = re.compile(r"\b(?:much|far|even|still|considerably|significantly|a lot|a bit) "
                          r"((?:more|less) \w+|\w+er)\b", re.I)


def bare_comparative(statement: str) -> bool:
    """Does the statement compare with something it does not name ('Phillips had a
    much deeper awareness of ...' than whom? round8 03-m05: 'add than Tocqueville')?
    Only an intensified comparative ('much deeper', 'far more costly') with no 'than'."""
    if re.search(r"\bthan\b", statement, re.I):
        return False
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # without the lexicon: only 'more'/'less' comparatives
        getAllLemmas = None  # noqa: N806
    for found in _INTENSIFIED.finditer(statement):
        word = found.group(1).lower()
        if word.startswith(("more ", "less ")):
            return True
        lemmas = getAllLemmas(word).get("ADJ", ()) if getAllLemmas else ()
        if lemmas and word not in lemmas:
            return True
    return False


_SUBORDINATE = re.compile(
    r"^(?:even |only |just )?(?:when|whenever|where|if|although|though|while|because|as|since|"
    r"once|unless|until|whereas|after|before)\s+(?!\w+ing\b)", re.I)
_SUBJECT_PRONOUN = re.compile(r"^(?:(?P<opening>[^;:]{1,160}?),\s+)?(?P<pronoun>they|he|she)\s+"
                              r"(?P<verb>[a-z']+)", re.I)


_THIRD = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself|they|them|their|theirs|"
                    r"themselves)\b", re.I)


def unresolved_pronoun(statement: str) -> bool:
    """Does a he/his/she/her/they/their stand in the statement with no one before it
    that it could refer to ('The matter is completely his own, though the manner is
    assumed': whose? round11 07-m02-TF1, rejected as nonsense: 'always true')? A
    they/their may refer to a plural noun; a he/his/she/her to a name or a person
    noun (:func:`_antecedent`). Out of its paragraph such a statement is neither true
    nor false. The subject itself is :func:`unresolved_subject`'s."""
    found = _THIRD.search(statement)
    if found is None:
        return False
    raw = tokens(statement[:found.start()])
    if found.group(0).lower().startswith(("they", "them", "their")):
        return not any(_plural_noun(w.lower()) or _antecedent(raw, j) for j, w in enumerate(raw))
    return not any(_antecedent(raw, j) for j in range(len(raw)))


def unresolved_subject(statement: str) -> bool:
    """Is the subject of the statement's main clause a they/he/she that nothing in
    the statement names: at its start ('They were able to map ...'), or after an
    opening phrase with no one in it ('By augmenting the data with further data,
    analysis and research, they were able to map ...': the 'data' and 'analysis'
    are no 'they')? Out of its paragraph a quiz statement about 'they' is neither
    true nor false (blind review: 'verbatim true, they has no referent'). An
    opening clause with its own subject may name them ('When the reviewers
    disagree, they ...'; 'When Phillips spoke, he ...')."""
    found = _SUBJECT_PRONOUN.match(statement.strip())
    if found is None or not is_verbish(found.group("verb").lower()) and not (
        parts_of_speech(found.group("verb").lower()) & {"VERB", "AUX"}
    ):
        return False
    opening = found.group("opening")
    if not opening:
        return True
    if not _SUBORDINATE.match(opening):
        return True  # a phrase of manner, time or place names nobody
    raw = tokens(opening)
    if found.group("pronoun").lower() == "they":
        return not any(_plural_noun(w.lower()) or w[:1].isupper() and n > 0
                       for n, w in enumerate(raw))
    return not any(_antecedent(raw, j) for j in range(len(raw)))


# -- the generic 'you', said back to the reader --------------------------------------------

_GENERIC_YOU = re.compile(r"\byou(?:r|rs|rself)?\b", re.I)
_NOT_PRONOUN = r"(?i:(?<!\bno )(?<!\bany )(?<!\beach )(?<!\bthis )(?<!\bthat )(?<!\bthe )" \
    r"(?<!\bevery )(?<!\bwhich )(?<!\bsuch )(?<!\bonly ))"
_YOU_FORMS = (
    (re.compile(r"\b([Oo])ne is\b"), "ou are"),
    (re.compile(r"\b([Oo])ne has\b"), "ou have"),
    (re.compile(r"\b([Oo])ne was\b"), "ou were"),
    (re.compile(r"\b([Oo])ne does not\b"), "ou do not"),
    (re.compile(r"\b([Oo])neself\b"), "ourself"),
    (re.compile(r"\b([Oo])ne['’]s\b"), "our"),
)
_ONE_MODAL = re.compile(r"(?i:(?<!\bno )(?<!\bany )(?<!\beach )(?<!\bevery ))\b([Oo])ne(?= (?:can|"
                        r"cannot|could|should|must|may|might|will|would|need|ought)\b)")
_ONE_VERB = re.compile(_NOT_PRONOUN + r"\b([Oo])ne (?P<verb>[a-z]+s|[a-z]+ed)\b(?! of\b)")
_ONE = re.compile(_NOT_PRONOUN + r"\b([Oo])ne\b(?=\s+to\b|\s*[,.;:?!]|$)")
"""'allow one to map': the pronoun as an object; 'one' before a noun is a number."""


def _you(found: re.Match[str]) -> str:
    return "Y" if found.group(1) == "O" else "y"


def _you_and(found: re.Match[str], rest: str) -> str:
    return _you(found) + rest


def addressed(text: str, source: str) -> str:
    """A statement built on a sentence that addresses its reader ('you') and was
    restated with a generic 'one ... one's' (:data:`_SECOND`), said to the reader
    again ('Once you have visualized your data, ... the picture you created'):
    teachers called the 'one' rewrites stilted in every round (round9 04-m01 O1, D1,
    summary). Objectives, questions (:func:`.frames.addressed`) and summaries use it.
    ``source``: the sentence it was built on; a text whose sentence has no 'you' is
    unchanged ('one of the missions'), and so is a 'one' that is no pronoun ('no
    one', 'the one')."""
    if not _GENERIC_YOU.search(source) or not re.search(r"\b[Oo]ne(?:'s|’s|self)?\b", text):
        return text
    for pattern, rest in _YOU_FORMS:
        text = pattern.sub(functools.partial(_you_and, rest=rest), text)

    def verb(found: re.Match[str]) -> str:
        word = found.group("verb")
        if word.endswith("s"):
            lemma = getLemma(word, upos="VERB")
            word = lemma[0] if lemma and lemma[0] != word else word
        return f"{_you(found)}ou {word}"

    text = _ONE_MODAL.sub(lambda found: _you(found) + "ou", text)
    text = _ONE_VERB.sub(verb, text)
    return _ONE.sub(lambda found: _you(found) + "ou", text)
