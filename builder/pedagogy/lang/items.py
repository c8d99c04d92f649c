"""Knowledge-check items in any language with data: multiple choice and
fill in the blank on a key phrase of a central sentence, true/false with the
phrase swapped for a sibling of the same kind.

The article stays in the stem and every option was seen in the text with that
same article (gender and number), so the sentence still agrees whichever
option is read into it. In Arabic a joined particle stays before the blank
("ب_____") and the answer is the word with its article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...language import Language
from ...model import QuizItem
from ...strings import fmt
from .analysis import Analysis
from .phrases import Occurrence, Phrase
from .text import WORD, Sent, has_any, norm, opens_on, ours, rarity

BLANK = "_____"


@dataclass(frozen=True)
class Slot:
    """One occurrence of a key phrase in a sentence, ready to blank or swap."""

    sent: Sent
    phrase: Phrase
    at: Occurrence

    @property
    def written(self) -> str:
        """The phrase as this sentence writes it, with its article in Arabic."""
        text = self.sent.text[self.at.head: self.at.end]
        if self.at.article.endswith("ل") and text.startswith("ل") and not text.startswith("ال"):
            return "ا" + text  # ل + التطبيقات is written للتطبيقات
        return text

    def with_(self, text: str, lang: Language) -> str:
        """The sentence with the phrase (not its article) replaced by ``text``."""
        s = self.sent.text
        before = s[: self.at.head]
        if text != BLANK and "ال" in lang.articles and before.endswith("ل") and (
            text.startswith("ال") and self.at.article.endswith("ل")
        ):
            text = text[1:]  # ل + الطريق is written للطريق
        return before + text + s[self.at.end:]


def slots(analysis: Analysis, sent: Sent, limit: int = 8) -> list[Slot]:
    """The key phrases of ``sent`` that occur once in it, best first; never the
    second half of a repeated pair ("فرق _____" when "فرق التطوير" is the phrase)."""
    out: list[Slot] = []
    arabic = "ال" in analysis.lang.articles
    # the terms the module defines first (key phrases or not): what a question is
    # best about; then its key phrases
    phrases = defined_phrases(analysis) + [
        p for p in analysis.key_phrases[:limit] if p.text.lower() not in analysis.defined]
    step = _instruction(sent, analysis.lang)
    for phrase in phrases:
        here = [o for o in phrase.occurrences if o.sentence == sent.index]
        defined = phrase.text.lower() in analysis.defined
        if step and not defined:
            continue  # "selecciona “Ampliar” con la _____": a word around the step, not
            # the concept it teaches; a step is asked about only for a term it defines
        if not defined and not analysis.lenient and len(
                {o.sentence for o in phrase.occurrences}) < 2:
            continue  # a phrase the module uses once is filler around the claim
        if not defined and not analysis.lenient and phrase.words == 1 and (
                phrase not in analysis.key_phrases[:4]):
            continue  # "a lo largo de las _____ destacadas": a lone noun that is not
            # one of the module's main concepts is a word around the claim
        if len(here) != 1 or not (here[0].article or arabic or defined):
            continue
        if arabic and _inner(analysis, sent, here[0], phrase):
            continue
        if phrase.text.lower() not in analysis.defined and not analysis.lenient and common(
                phrase, analysis.lang):
            continue  # "la pista", "l’auteur": a word of everyday language tests nothing
        if analysis.lenient and phrase.text.lower() not in analysis.defined and any(
                p.key != phrase.key and here[0].article in p.articles and _agrees(p, phrase)
                for p in defined_phrases(analysis)):
            continue  # "en extraire les _____ pertinentes" (informations): the term the
            # module defines ("les données") fits the everyday word's place too (where
            # an article shows gender and number; an Arabic phrase carries no number)
        if analysis.lenient and phrase.words == 1 and phrase is _most_used(analysis):
            continue  # "las secciones destacadas de la _____" (pista): the word the module
            # repeats most, a guess that needs no reading
        if re.match(r"\s*[(\[]\s*[A-Z][A-Za-z]{1,9}\s*[)\]]", sent.text[here[0].end:]):
            continue  # "… وضمان _____ (SAMM)": the last word of a name the text
            # abbreviates, not a concept of its own
        if _echoed(sent, here[0], phrase, analysis.lang):
            continue  # "le chercheur ou la _____": the sentence gives the answer away
        if f" {phrase.key} " in f" {analysis.headings.replace('|', ' ')} ".replace("  ", " "):
            continue  # a heading of the page names it: a blank on it gives itself away
        if phrase.key in analysis.lang.words("procedure"):
            continue  # "el _____ “Silencio”": the button, not the step, would be tested
        if _pointed(sent, here[0], analysis.lang) or (
                phrase.text.lower() not in analysis.defined and _proper(phrase)):
            continue  # "هذه _____" refers back; "la grabación de Bach" is the sample's name
        out.append(Slot(sent, phrase, here[0]))
    return out


def _most_used(analysis: Analysis) -> Phrase | None:
    """The one-word phrase the module writes in the most sentences."""
    single = [p for p in analysis.phrases.values() if p.words == 1]
    return max(single, key=lambda p: (len({o.sentence for o in p.occurrences}), p.key),
               default=None)


def _contrast(a: Phrase, b: Phrase) -> bool:
    """'eje horizontal' and 'eje vertical': one head, another modifier."""
    x, y = a.key.split(), b.key.split()
    return len(x) == len(y) >= 2 and x[0] == y[0] and stem(x[-1]) != stem(y[-1])


def defined_phrases(analysis: Analysis) -> list[Phrase]:
    """The phrases of the module that are terms it defines."""
    return [p for p in analysis.phrases.values() if p.text.lower() in analysis.defined]


def false_swap(analysis: Analysis, sent: Sent, lang: Language) -> QuizItem | None:
    """A false statement that changes one thing the text contrasts: a phrase of the
    sentence swapped for another phrase of the module with the same head and another
    modifier ("el eje vertical" -> "el eje horizontal", "le modèle logique" -> "le
    modèle conceptuel"), seen with the same article. Any other swap tends to make a
    sentence that is false at a glance or no sentence at all."""
    if has_any(sent, lang.words("second_person")) or _instruction(sent, lang) or ours(
            sent, lang):
        return None
    arabic = "ال" in lang.articles
    for phrase in analysis.phrases.values():
        # (any phrase, central or not: "informations structurées" -> "informations
        # destinées" was noise, but the swap needs a sibling the text says something
        # of in the same frame, :func:`_parallel`)
        here = [o for o in phrase.occurrences if o.sentence == sent.index]
        words = phrase.key.split()
        if len(here) != 1 or len(words) < 2 or not (here[0].article or arabic):
            continue
        slot = Slot(sent, phrase, here[0])
        if compound(slot):
            continue
        for other in analysis.phrases.values():
            others = other.key.split()
            if len(others) != len(words) or others[0] != words[0] or other.key == phrase.key:
                continue
            if other.text.lower() in sent.text.lower() or stem(others[-1]) == stem(words[-1]):
                continue
            # (seen with the same article, or one that agrees the same: "un fundido de
            # salida" takes the place of "el fundido de entrada")
            fits = other.agreement == phrase.agreement if arabic else (
                slot.at.article in other.articles or _agrees(other, phrase))
            if not fits or not _parallel(analysis, phrase, other):
                continue
            return QuizItem(kind="true_false", stem=slot.with_(other.text, lang),
                            choices=lang.true_false, answer=1,
                            feedback=_feedback(lang, "feedback_false", sent,
                                               old=slot.written, new=other.text))
    return None


def _parallel(analysis: Analysis, a: Phrase, b: Phrase) -> bool:
    """Whether the module says something of each of two phrases in the same frame:
    a content word that follows both ("El eje horizontal representa el tiempo", "El
    eje vertical representa la amplitud"). Only then does swapping one for the other
    make a statement the text shows false; two phrases it never sets side by side
    may overlap ("أمن التطبيقات" is a part of "أمن المعلومات": round 9 05-m01-TF2, a
    near-synonym swap)."""
    def after(phrase: Phrase) -> set[str]:
        out = set()
        for o in phrase.occurrences:
            nxt = WORD.findall(analysis.sent(o.sentence).text[o.end:])[:1]
            if nxt and norm(nxt[0], analysis.lang) not in analysis.lang.stopwords:
                out.add(norm(nxt[0], analysis.lang))
        return out

    return bool(after(a) & after(b))


def stem(word: str) -> str:
    """The first letters a word shares with its other forms ("pista", "pistas";
    "chercheur", "chercheuse")."""
    return word.lower()[:6] if len(word) > 6 else word.lower().rstrip("sx")


def common(phrase: Phrase, lang: Language) -> bool:
    """A one-word phrase that is an everyday word of the language in any of its forms
    (Zipf frequency above 4.5: "onda", "tableau", "auteurs")."""
    if phrase.words != 1:
        return False
    word = phrase.key
    forms = {word, word.rstrip("s"), word[:-2] if word.endswith("es") else word}
    return min(rarity(f, lang.code) for f in forms if len(f) > 2) < 1.5


def _echoed(sent: Sent, at: Occurrence, phrase: Phrase, lang: Language) -> bool:
    """Whether another word of the sentence is a form of the phrase's head (with its
    joined particles read off: "للبدائل" echoes "البدائل")."""
    head = stem(phrase.key.split()[0])
    if len(head) < 4:
        return False
    rest = sent.text[: at.start] + " " + sent.text[at.end:]
    return any(stem(w).startswith(head) or head.startswith(stem(w)) and len(stem(w)) >= 5
               for w in (norm(x, lang) for x in WORD.findall(rest)))


def _pointed(sent: Sent, at: Occurrence, lang: Language) -> bool:
    """Whether a demonstrative stands right before the phrase ("cette _____", "هذه _____"):
    it names something an earlier sentence introduced."""
    before = WORD.findall(sent.text[: at.start])
    return bool(before) and norm(before[-1], lang) in lang.words("pointing")


def _proper(phrase: Phrase) -> bool:
    """A phrase with a capitalised word after its first: a name ("grabación de Bach")."""
    return any(w[:1].isupper() for w in phrase.text.split()[1:])


def _inner(analysis: Analysis, sent: Sent, at: Occurrence, phrase: Phrase) -> bool:
    before = WORD.findall(sent.text[: at.start])
    if not before:
        return False
    pair = analysis.phrases.get(f"{norm(before[-1], analysis.lang)} {phrase.key}")
    return pair is not None and len(pair.occurrences) >= 2


def siblings(slot: Slot, pool: list[Phrase], lang: Language, count: int,
             text_of: str = "") -> list[Phrase]:
    """Phrases of the same kind that can take the slot's place: seen with the same
    article (or, in Arabic, as long and of the same gender), absent from the
    sentence, sharing no word with the key, and never one the course writes next
    to the words around the slot (it would fit there too: a second right answer)."""
    key_words = set(slot.phrase.key.split()) - {"de", "d'"}
    stems = {stem(w) for w in key_words}
    text = slot.sent.text.lower()
    out: list[Phrase] = []
    # the same kind of thing first: a phrase with the key's head and another modifier
    # ("eje horizontal" for "eje vertical"), then phrases as long as the key
    pool = sorted(pool, key=lambda p: (not _contrast(p, slot.phrase), p.words != slot.phrase.words))
    for other in pool:
        if other.key == slot.phrase.key or (set(other.key.split()) & key_words or (
                {stem(w) for w in other.key.split()} & stems)) and not _contrast(
                other, slot.phrase):
            continue  # "pista" for "pistas": the same word, a second key
        if other.text.lower() in text or len(other.text) < 3:
            continue
        if _proper(other) and not _proper(slot.phrase):
            continue  # "la grabación de Bach": the sample itself, not a kind of thing
        if "ال" in lang.articles:
            # every phrase is definite (its article, or a definite second word)
            fits = other.words == slot.phrase.words and other.agreement == slot.phrase.agreement
        else:
            fits = slot.at.article in other.articles and _agrees(other, slot.phrase)
        span = 3 if _contrast(other, slot.phrase) else 1
        if fits and text_of and (_fits_too(slot, other, text_of, span) or _coordinated(
                slot.written, other.text, text_of, lang)):
            continue
        if fits and other.text.lower() not in {o.text.lower() for o in out}:
            out.append(other)
        if len(out) == count:
            break
    return out


def _fits_too(slot: Slot, other: Phrase, text_of: str, span: int = 1) -> bool:
    """Whether the course writes ``other`` with the word before or the ``span`` words
    after the slot (for "eje horizontal" in place of "eje vertical", the three words
    after: the same verb alone says nothing of the rest of the claim)."""
    before = WORD.findall(slot.sent.text[: slot.at.start])
    after = WORD.findall(slot.sent.text[slot.at.end:])
    name = other.text.lower()
    pairs = []
    if after:
        pairs.append(" ".join([name, *(w.lower() for w in after[:span])]))
    if before and before[-1].lower() not in ("el", "la", "los", "las", "le", "les", "un", "une"):
        pairs.append(f"{before[-1].lower()} {name}")
    return any(p in text_of for p in pairs)


def _coordinated(a: str, b: str, text_of: str, lang: Language) -> bool:
    """Whether the course joins the two phrases with "and" or "or" ("la complexité et à
    la subjectivité"): what it names together, a stem about one also fits the other."""
    x, y = re.escape(a.lower()), re.escape(b.lower())
    joins = []
    for word in lang.words("coordinators"):
        joined = len(word) == 1 and not word.isascii()  # Arabic "و" is written on the word
        joins.append(re.escape(word) if joined else re.escape(word) + " ")
    if not joins:
        return False
    conj = "(?:" + "|".join(joins) + ")"
    gap = r"(?:\S+ ){0,2}?"
    return any(re.search(rf"(?<!\S){p} {gap}{conj}{gap}{q}(?!\S)", text_of)
               for p, q in ((x, y), (y, x)))


def _agrees(a: Phrase, b: Phrase) -> bool:
    """Same number and the same known gender: the words around still agree."""
    if "." not in a.agreement or "." not in b.agreement:
        return False  # (Arabic phrases carry a gender only: compared as they are)
    ga, na = a.agreement.split(".")
    gb, nb = b.agreement.split(".")
    return na == nb and ga == gb and ga != "?"


def multiple_choice(slot: Slot, pool: list[Phrase], lang: Language,
                    position: int, text_of: str = "") -> QuizItem | None:
    options = siblings(slot, pool, lang, 3, text_of)
    if len(options) < 3:
        return None
    if sum(1 for o in options if _contrast(o, slot.phrase)) < 2:
        # only options of the key's kind: phrases with its head and another modifier
        # ("eje horizontal", "eje temporal" for "eje vertical"). Other phrases of the
        # module with the same article are things of another kind ("formato", "clip",
        # "comienzo" for "volumen": round 9, 09-m02-MC1), ruled out at a glance; with
        # one of the key's kind, a choice of two (the sentence makes a true/false
        # item that swaps the contrasted modifier instead)
        return None
    choices = [o.text for o in options]
    choices.insert(position % 4, slot.written)
    return QuizItem(kind="multiple_choice", stem=slot.with_(BLANK, lang),
                    choices=tuple(choices), answer=position % 4,
                    feedback=_feedback(lang, "feedback", slot.sent))


def fill_blank(slot: Slot, lang: Language, text_of: str = "", raw: str = ""
               ) -> QuizItem | None:
    """A blank on the slot's phrase. Accepted besides the answer: the phrase with
    its article; in Arabic without it; the phrase in the other number where the
    course writes that form ("relation" for "relations", "diagrama de ondas"), never
    an invented one; and another name the text gives the same thing ("« cas », ou
    « enregistrement »") when the stem does not show it. ``text_of``: the course's
    sentences as lower-case words; ``raw``: as written."""
    if slot.phrase.words > 3 or slot.written[:1].isupper() and slot.at.head > 0:
        return None  # a name or a long phrase: too many ways to write it
    if compound(slot):
        return None  # "el _____ de entrada": the blank is half a name, its answer unclear
    answer = slot.written
    accept: list[str] = []
    if slot.at.article and "ال" not in lang.articles:
        written = slot.sent.text[slot.at.start: slot.at.end]
        accept.append(written)  # "la pista": the article is no mistake
    if "ال" in lang.articles and answer.startswith("ال"):
        accept.append(" ".join(w[2:] if w.startswith("ال") else w for w in answer.split()))
    stem_text = slot.with_(BLANK, lang)
    accept.extend(_other_number(answer, text_of, lang))
    accept.extend(a for a in _other_names(answer, raw, lang)
                  if a.lower() not in stem_text.lower())
    return QuizItem(kind="fill_blank", stem=slot.with_(BLANK, lang), choices=(),
                    answer=answer, feedback=_feedback(lang, "feedback", slot.sent),
                    accept=tuple(dict.fromkeys(a for a in accept if a != answer)))


def true_false(slot: Slot, pool: list[Phrase], lang: Language, false: bool,
               text_of: str = "") -> QuizItem | None:
    labels = lang.true_false
    if has_any(slot.sent, lang.words("second_person")) or _instruction(slot.sent, lang):
        return None  # "puedes silenciar…", "Haz clic…": advice, not a statement to judge
    if ours(slot.sent, lang):
        return None  # "نحن نشجع …": the author's voice, not a statement to judge
    if not false:
        return QuizItem(kind="true_false", stem=slot.sent.text, choices=labels, answer=0,
                        feedback=_feedback(lang, "feedback_true", slot.sent))
    if compound(slot):
        return None  # "el fundido de entrada": a swapped head leaves "X de entrada"
    swap = [p for p in siblings(slot, pool, lang, 4, text_of) if not common(p, lang)]
    if not swap:
        return None
    new = swap[0].text
    old = slot.written
    return QuizItem(kind="true_false", stem=slot.with_(new, lang), choices=labels, answer=1,
                    feedback=_feedback(lang, "feedback_false", slot.sent, old=old, new=new))


def true_statement(sent: Sent, lang: Language) -> QuizItem | None:
    """The sentence as a true statement, when it is a statement (not a step or advice)."""
    if has_any(sent, lang.words("second_person")) or _instruction(sent, lang) or ours(
            sent, lang):
        return None
    return QuizItem(kind="true_false", stem=sent.text, choices=lang.true_false, answer=0,
                    feedback=_feedback(lang, "feedback_true", sent))


def compound(slot: Slot) -> bool:
    """Whether the phrase heads a longer name the text writes ("fundido de entrada")."""
    after = slot.sent.text[slot.at.end:].split()[:1]
    return bool(after) and after[0].lower() in ("de", "del", "d'", "d’", "des", "du")


def _instruction(sent: Sent, lang: Language) -> bool:
    """A step to follow ("Para empezar, abre …"): judged, it is neither true nor false."""
    first = sent.words[0].lower() if sent.words else ""
    return opens_on(sent, lang.words("procedure")) or bool(lang.words("imperative")) and (
        first.endswith(tuple(lang.words("imperative")))) or has_any(
        sent, tuple(w for w in lang.words("procedure") if len(w) > 3))


def _feedback(lang: Language, key: str, sent: Sent, **values: str) -> str:
    return fmt(lang.frames(key)[0], quote=sent.text.rstrip(), **values)


_GLOSS = re.compile(r"\s*\([^()]{1,40}\)")
"""A short gloss in brackets right after a word ("fundido de entrada (fade in)"):
it belongs to the word and moves with it."""


def pairs_of(sents: list[Sent], lang: Language, titles: tuple[str, ...] = ()
             ) -> set[frozenset[str]]:
    """Pairs of word stems the course writes in the same frame (the same small word
    before each: "chaque ligne" and "chaque colonne", "les colonnes" and "les lignes")
    in more than one sentence, or in one sentence and a title that names both ("Des
    sources aux données"): things it sets side by side. Two words that only happen
    to meet twice ("les historiens … des familles") are not a pair."""
    arabic = "ال" in lang.articles
    seen: dict[frozenset[str], int] = {}
    for title in titles:
        words = {stem(k) for k in (norm(w, lang) for w in WORD.findall(title))
                 if k.isalpha() and len(k) > 2 and k not in lang.stopwords}
        for pair in {frozenset((a, b)) for a in words for b in words if a != b}:
            seen[pair] = seen.get(pair, 0) + 1
    for sent in sents:
        found = WORD.findall(sent.text)
        keys = [norm(w, lang) for w in found]
        framed: dict[str, set[str]] = {}
        for n in range(1, len(keys)):
            key = keys[n]
            if not key.isalpha() or len(key) < 3 or key in lang.stopwords:
                continue
            frame = keys[n - 1] if keys[n - 1] in lang.stopwords else None
            if arabic and frame is None:
                frame = _joined(found[n]) or None
            if frame:
                framed.setdefault(frame, set()).add(stem(key))
        pairs = {frozenset((a, b)) for words in framed.values() for a in words for b in words
                 if a != b}
        for pair in pairs:
            seen[pair] = seen.get(pair, 0) + 1
    return {k for k, n in seen.items() if n >= 2}


def mutual_swap(sent: Sent, lang: Language, together: set[frozenset[str]]) -> QuizItem | None:
    """A false statement that swaps two siblings the sentence sets side by side in
    the same frame: the same small word before each ("chaque ligne … représente un
    « cas » …, et chaque colonne représente une « caractéristique »", "un fundido de
    entrada (fade in) al comienzo … y un fundido de salida (fade out) al final"),
    content between them (not a list, "les colonnes et les lignes", where a swap
    changes nothing), and the course writing the two together in another sentence
    too (two axes, two phases, two parts of a table: things of one kind). The
    statement changes one relation, which goes with which, and stays a sentence;
    a gloss in brackets moves with its word. Where the text puts both in one
    sentence, a one-word swap would name one of them twice, a contradiction."""
    if has_any(sent, lang.words("second_person")) or _instruction(sent, lang) or ours(
            sent, lang) or sent.text.rstrip().endswith(("?", "؟")):
        return None
    arabic = "ال" in lang.articles
    found = list(WORD.finditer(sent.text))
    keys = [norm(m.group(), lang) for m in found]
    stems = [stem(k) for k in keys]
    best: tuple[int, int] | None = None
    for i, a in enumerate(keys):
        if not _swappable(a, found[i].group(), i, lang, sent.text[: found[i].start()]) or (
                stems.count(stems[i]) != 1):
            continue
        for j in range(i + 2, len(keys)):
            b = keys[j]
            if not _swappable(b, found[j].group(), j, lang, sent.text[: found[j].start()]) or (
                    stems.count(stems[j]) != 1):
                continue
            if stems[i] == stems[j] or frozenset((stems[i], stems[j])) not in together:
                continue
            if arabic:
                if _joined(found[i].group()) is None or _joined(found[j].group()) is None:
                    continue  # a noun and a verb ("الطريق", "يتم"): two definite nouns only
                # the same word or the same joined particle before each ("في الخادم",
                # "في المتصفح"; "بالخادم", "بالمتصفح")
                apart = keys[i - 1] == keys[j - 1] and keys[i - 1] in lang.stopwords
                if not apart and not (
                        _joined(found[i].group()) == _joined(found[j].group()) != ""):
                    continue
                between = keys[i + 1: j - 1] if apart else keys[i + 1: j]
            elif keys[i - 1] != keys[j - 1] or keys[i - 1] not in lang.stopwords:
                continue  # not the same frame: "de X" and "la Y"
            elif keys[i - 1] in lang.words("prepositions") and (
                    i < 2 or keys[i - 2] != keys[j - 2]):
                continue  # "el proceso de exportación" and "tipo de archivo": two
                # things of two kinds; "fundido de entrada", "fundido de salida": one
            else:
                between = keys[i + 1: j - 1]
            if not arabic and (a[-1] in "sx") != (b[-1] in "sx"):
                continue  # one plural, one singular: the words around would not agree
            if sum(1 for k in between if k not in lang.stopwords) < 2:
                continue  # "les colonnes et les lignes", "le plan parcellaire et le
                # registre": a list of two, each with its own words; nothing to swap
            best = best or (i, j)
    if best is None:
        return None
    i, j = best
    spans = []
    for n in (i, j):
        start, end = found[n].span()
        # (in Arabic a joined particle stays where it is: "وبالخادم" -> "وبالمتصفح")
        start += len(_joined(found[n].group()) or "") if arabic else 0
        gloss = _GLOSS.match(sent.text, end)
        spans.append((start, gloss.end() if gloss else end))
    (s1, e1), (s2, e2) = spans
    if e1 > s2:
        return None
    text = sent.text
    stem_text = text[:s1] + text[s2:e2] + text[e1:s2] + text[s1:e1] + text[e2:]
    frame = lang.frames("feedback_swapped")
    if not frame:
        return None
    feedback = fmt(frame[0], a=text[s1:found[i].end()], b=text[s2:found[j].end()],
                   quote=text.rstrip())
    return QuizItem(kind="true_false", stem=stem_text, choices=lang.true_false, answer=1,
                    feedback=feedback)


def _joined(written: str) -> str | None:
    """The particles joined before an Arabic word's article ("وب" in "وبالخادم", ""
    in "الخادم"); None when the word has no article of its own (a verb, "للخادم")."""
    at = written.find("ال")
    if at < 0 or at > 2 or any(c not in "وفبك" for c in written[:at]):
        return None
    return written[:at]


def _swappable(key: str, written: str, at: int, lang: Language, before: str = "") -> bool:
    """A content word with a word before it, written in lower case (not a name), and
    not in quotation marks: a quoted word is a name the text gives ("caractéristiques
    (ou les « attributs », dans les colonnes)"); swapped, the names would no longer
    gloss their words, while the things ("colonnes", "lignes") can trade places."""
    quoted = before.count("«") > before.count("»") or before.count("“") > before.count("”")
    return at > 0 and key.isalpha() and len(key) > 2 and key not in lang.stopwords and (
        written[:1] == written[:1].lower()) and not quoted


def _other_number(answer: str, text_of: str, lang: Language) -> list[str]:
    """The answer with one word in the other number, where the course writes that
    form: "relation" for "relations", "diagrama de ondas" for "diagrama de onda"."""
    if not text_of or "ال" in lang.articles:
        return []
    words = answer.split()
    out = []
    for n, word in enumerate(words):
        if len(word) < 4 or word.lower() in lang.stopwords:
            continue
        forms = [word[:-1]] if word.endswith("s") else []
        forms += [word[:-2]] if word.endswith("es") else []
        forms += [] if word.endswith(("s", "x")) else [word + "s", word + "es"]
        for form in forms:
            phrase = " ".join([*words[:n], form, *words[n + 1:]])
            if f" {phrase.lower()} " in f" {text_of} ":
                out.append(phrase)
                break
    return out


def _other_names(answer: str, raw: str, lang: Language) -> list[str]:
    """The names the text gives as alternatives to the answer in quotation marks
    ("un « cas », ou « enregistrement »": "cas" for "enregistrement")."""
    alternatives = lang.words("alternatives")
    if not raw or not alternatives:
        return []
    alt = "|".join(re.escape(w) for w in alternatives)
    a = re.escape(answer)
    q = r"[«\"“]\s*"
    e = r"\s*[»\"”]"
    name = r"(?P<name>[^«»\"“”,;.()]{2,40}?)"
    out = []
    for pattern in (rf"{q}{a}{e}\s*,?\s*(?:{alt})\s+{q}{name}{e}",
                    rf"{q}{name}{e}\s*,?\s*(?:{alt})\s+{q}{a}{e}"):
        for found in re.finditer(pattern, raw, re.I):
            other = found.group("name").strip()
            if other.lower() != answer.lower() and other not in out:
                out.append(other)
    return out
