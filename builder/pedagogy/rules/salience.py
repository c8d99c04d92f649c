"""Find what matters first: how central each sentence is, what kind of sentence
it is, and what kind of text the module is.

Everything the rules backend teaches is built on this layer (PEDAGOGY.md, "Fit
the question to the text"):

- **centrality**: TextRank (Mihalcea & Tarau 2004) over the module's sentences,
  with edges weighted by the similarity of their sentence embeddings
  (:mod:`..semantic`) or, without the model, by shared content words; blended
  with how close a sentence is to the whole course and to the module's title;
- **sentence kind**: ``definition``, ``thesis``, ``recap``, ``cause``,
  ``comparison``, ``hedged``, ``evaluative``, ``advice``, ``instruction``,
  ``example``, ``metaphor``, ``statistic``, ``event`` or a plain ``claim``; and
  the kinds nothing is built on (:data:`LEFT_OUT`: meta, navigation,
  transition, caption, list marker, citation, a question the text asks, a
  line of code);
- **genre**: ``argument``, ``exposition``, ``procedure``, ``narrative``,
  ``literary`` or ``aphoristic``, from cues counted per sentence, the module's
  own blended with the course's.

The cue patterns are data: ``data/salience-<lang>.toml``. A language without a
file gets plain claims, the genre "exposition" and centrality alone.

Public API (stable; the quiz generators build on it): :class:`Salience`,
:func:`analyse`, :class:`Profile`, :func:`sentence_kind`, :func:`genre_of`,
:data:`KINDS`, :data:`LEFT_OUT`, :data:`GENRES`, :data:`FRAMES_NEVER`.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..semantic import get_embedder
from ..text import Sentence, content_words

DATA = Path(__file__).resolve().parent.parent / "data"

LEFT_OUT = ("meta", "navigation", "transition", "caption", "list_marker", "citation", "question",
            "code")
KINDS = (
    "recap", "thesis", "definition", "instruction", "example", "statistic", "cause",
    "comparison", "hedged", "advice", "evaluative", "metaphor", "event", "claim",
) + LEFT_OUT
GENRES = ("argument", "exposition", "procedure", "narrative", "literary", "aphoristic")
ARGUED = ("cause", "comparison", "hedged", "advice", "evaluative", "thesis", "recap")
"""Kinds that state a position or a reason: material for analyze/evaluate."""
FRAMES_NEVER = {
    "statistic": ("objective", "discussion"),
    "event": ("argue", "evidence", "counterfactual"),
    "example": ("objective",),
    "definition": ("argue", "counterfactual", "evidence"),
    "instruction": ("argue", "evidence", "counterfactual", "probe"),
    "metaphor": ("probe", "evidence", "counterfactual"),
}
"""Frames that never fit a sentence kind (PEDAGOGY.md's table, last column)."""

# How much a kind of sentence weighs when ranking what to teach (before genre).
WEIGHTS = {
    "thesis": 1.4, "recap": 1.3, "definition": 1.3, "cause": 1.15, "comparison": 1.1,
    "evaluative": 1.1, "hedged": 1.05, "advice": 1.0, "claim": 1.0, "instruction": 1.0,
    "metaphor": 1.0, "event": 0.85, "example": 0.75, "statistic": 0.6,
}
GENRE_WEIGHTS = {
    "procedure": {"instruction": 1.25, "definition": 1.4, "hedged": 0.8, "evaluative": 0.9},
    "literary": {"metaphor": 1.2, "evaluative": 1.2, "thesis": 1.5},
    "aphoristic": {"advice": 1.2, "instruction": 1.1, "evaluative": 1.2},
    "narrative": {"event": 1.0, "evaluative": 1.2, "recap": 1.4},
}
HEDGED = re.compile(r"\b(?:likely|suggests?|(?:been|is|was|were) suggested|may|might|could|"
                    r"possibly|perhaps|appears?|seems?|probably|hypothes\w+|thought to|"
                    r"(?:is|are|was|were|widely|commonly) believed)\b", re.I)
ADVICE = re.compile(r"\b(?:should|ought to|is best|are best|it is worth|make sure|try to)\b",
                    re.I)
EVALUATIVE = re.compile(
    r"\b(?:important|crucial|valuable|valued|vital|essential|excellent|best|worst|"
    r"noteworthy|deep-rooted|dedication|commitment|belief|reflects?|reflection|"
    r"must|never|always|clearly|obviously|perfect|powerful|unique|exemplifies|"
    r"signifies|proactive|strongly|better|worse|good|bad|evil|wrong|right|true|false|"
    r"beautiful|ugly|noble|mean|vulgar|affected|natural)\b", re.I)
CAUSAL = re.compile(
    r"\b(?:because|therefore|as a result|leads? to|led to|paves? the way|causes?|caused|"
    r"results? in|resulted in|due to|thanks to|so that|which means|consequently|hence|"
    r"thus|owing to|enables?|allows?|prevents?|drives?|driving)\b", re.I)
EVENT = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b|\b(?:January|February|March|April|May|June|"
                   r"July|August|September|October|November|December) \d")


@dataclass(frozen=True)
class Cues:
    """The compiled patterns of one language."""

    left_out: tuple[tuple[str, re.Pattern[str]], ...]
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    numbers: tuple[re.Pattern[str], ...]
    genre: dict[str, re.Pattern[str]]


@lru_cache(maxsize=8)
def cues(language: str = "en") -> Cues | None:
    path = DATA / f"salience-{language}.toml"
    if not path.is_file():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def table(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((k, re.compile(v, re.I)) for k, v in data.get(name, {}).items())

    return Cues(
        left_out=table("left_out"),
        kinds=table("kinds"),
        numbers=tuple(p for _, p in table("numbers")),
        genre=dict(table("genre")),
    )


def _is_statistic(text: str, found: Cues) -> bool:
    """A sentence whose point is a number: a figure or date and few other words."""
    figures = sum(len(p.findall(text)) for p in found.numbers)
    if not figures:
        return False
    words = len(text.split())
    return figures >= 2 or words <= 25 or bool(re.search(r"\d[\d,.]*\s?(?:%|percent)", text))


GLOSSARY = re.compile(r"^[A-Z][\w /()-]{0,40}: (?:An?|The) \w+(?: \S+){2,}")
"""'Datum: A model of the shape of the earth.': a glossary entry."""
CODE_TOKEN = re.compile(r"^(?:[-+$|>*<=&;]{1,2}\S*|\S*[=/*|<>]\S*|\S+\.\w{1,4}|-\w+)$")


def codeish(text: str) -> bool:
    """A line of code or a command, not a sentence ('$ sort -n x.txt', 'rm *.txt')."""
    words = text.split()
    if not words:
        return False
    if text.lstrip().startswith(("$ ", "> ", "+", "#!")):
        return True
    odd = sum(1 for w in words if CODE_TOKEN.match(w.strip(",;:()")))
    prose = sum(1 for w in words if w.isalpha() and w.islower() and len(w) > 3)
    return odd >= 2 and odd >= prose or (len(words) <= 3 and odd >= 1 and not text.endswith("."))


@lru_cache(maxsize=32_768)  # a pure function of its arguments, asked again and again
def sentence_kind(text: str, language: str = "en", *, listed: bool = False,
                  first_tag: str = "") -> str:
    """The kind of one sentence (see :data:`KINDS`); ``listed``: it is a list item;
    ``first_tag``: the tagger's Penn tag of its first word, when known ('VB': an
    imperative)."""
    found = cues(language)
    if found is None:
        return "claim"
    stripped = text.strip()
    if stripped.endswith(("?", "?\"", "?”")):
        return "question"
    if codeish(stripped):
        return "code"
    for kind, pattern in found.left_out:
        if kind == "transition" and len(stripped.split()) > 8:
            continue
        if pattern.search(stripped):
            return kind
    if not stripped.endswith((".", "!", ";", "\"", "”", "’", "'", ")")) and len(
        stripped.split()
    ) <= (12 if not listed else 20):
        return "list_marker"  # a fragment: a heading, a list entry, a label
    if GLOSSARY.match(stripped):
        return "definition"
    for kind, pattern in found.kinds:
        if kind in ("example", "comparison", "metaphor", "instruction"):
            continue  # weaker cues: after cause, hedged ...
        if pattern.search(stripped):
            return kind
    first = dict(found.kinds)
    if first_tag == "VB" or first.get("instruction") and first["instruction"].search(stripped):
        return "instruction"
    if first.get("example") and re.match(r"(?i)(?:for (?:example|instance)|e\.g\.)", stripped):
        return "example"
    if _is_statistic(stripped, found):
        return "statistic"
    if EVENT.search(stripped) and not EVALUATIVE.search(stripped):
        return "event"
    ordered = (("cause", CAUSAL), ("comparison", first.get("comparison")), ("advice", ADVICE),
               ("hedged", HEDGED), ("evaluative", EVALUATIVE), ("metaphor", first.get("metaphor")),
               ("example", first.get("example")))
    for kind, cue in ordered:
        if cue is not None and cue.search(stripped):
            return kind
    return "claim"


def genre_of(texts: Sequence[str], language: str = "en", prior: dict[str, float] | None = None,
             ) -> str:
    """The genre of a text given as its sentences; ``prior``: the course's cue rates,
    blended in (half and half) so a short module follows its course."""
    rates = cue_rates(texts, language)
    if prior:
        weight = min(1.0, len(texts) / 20)
        rates = {k: weight * rates.get(k, 0.0) + (1 - weight) * prior.get(k, 0.0)
                 for k in set(rates) | set(prior)}
    return _genre(rates)


def cue_rates(texts: Sequence[str], language: str = "en") -> dict[str, float]:
    """The share of sentences showing each genre cue (plus instruction, number)."""
    found = cues(language)
    if found is None or not texts:
        return {}
    out = {k: sum(1 for t in texts if p.search(t)) / len(texts) for k, p in found.genre.items()}
    kinds = [sentence_kind(t, language) for t in texts]
    out["instruction"] = kinds.count("instruction") / len(texts)
    out["number"] = sum(1 for k in kinds if k in ("statistic", "event")) / len(texts)
    out["definition"] = kinds.count("definition") / len(texts)
    out["argued"] = sum(1 for k in kinds if k in ARGUED) / len(texts)
    return out


def _genre(r: dict[str, float]) -> str:
    if not r:
        return "exposition"
    get = r.get
    if get("archaic", 0) >= 0.08:
        return "aphoristic"
    if get("code", 0) >= 0.12 or get("instruction", 0) + get("second", 0) / 2 >= 0.3 or get(
        "second", 0
    ) >= 0.3:
        return "procedure"  # a how-to addresses its reader
    if get("first_singular", 0) >= 0.12 and get("past", 0) >= 0.25:
        return "narrative"
    if get("first_singular", 0) >= 0.08 and get("number", 0) < 0.05 and get("second", 0) < 0.2:
        return "literary"
    if (get("hedge", 0) + get("stance", 0) >= 0.3 or get("argued", 0) >= 0.45) and get(
        "definition", 0
    ) < 0.1:
        return "argument"
    return "exposition"


class Profile:
    """What the whole course is about: a centroid to measure sentences against."""

    def __init__(self, texts: Sequence[str], language: str = "en") -> None:
        self.language = language
        self.embedder = get_embedder() if language == "en" else None
        self.rates = cue_rates(texts, language)
        self.genre = _genre(self.rates)
        self._centroid: Any = None
        self._weights: dict[str, float] = {}
        if self.embedder is not None and texts:
            import numpy as np

            vectors = self.embedder.embed(texts)
            mean = np.mean(np.stack([vectors[t] for t in texts]), axis=0)
            self._centroid = mean / (np.linalg.norm(mean) or 1.0)
        else:
            counts: dict[str, int] = {}
            for t in texts:
                for w in content_words(t):
                    counts[w] = counts.get(w, 0) + 1
            top = max(counts.values(), default=1)
            self._weights = {w: n / top for w, n in counts.items()}

    def relevance(self, texts: Sequence[str]) -> list[float]:
        if self._centroid is not None and self.embedder is not None:
            vectors = self.embedder.embed(texts)
            return [max(0.0, float(vectors[t] @ self._centroid)) for t in texts]
        out = []
        for t in texts:
            words = content_words(t)
            out.append(sum(self._weights.get(w, 0.0) for w in words) / (1 + len(words)) ** 0.5)
        return out


@dataclass(frozen=True)
class Ranked:
    """One sentence as the ranking sees it."""

    index: int
    kind: str
    centrality: float
    """TextRank within the module, blended with course and title relevance, 0-1."""
    score: float
    """What to teach first: centrality x kind weight x position; 0 when left out."""

    @property
    def left_out(self) -> bool:
        return self.kind in LEFT_OUT


@dataclass(frozen=True)
class Salience:
    """A module's sentences ranked by what matters, with their kinds, and its genre."""

    genre: str
    ranked: tuple[Ranked, ...]
    """In text order (``ranked[i].index == i``)."""
    neighbours: tuple[tuple[int, ...], ...] = ()
    """By sentence: the other sentences closest to it in meaning, closest first."""

    def kind(self, index: int) -> str:
        return self.ranked[index].kind if 0 <= index < len(self.ranked) else "claim"

    def score(self, index: int) -> float:
        return self.ranked[index].score if 0 <= index < len(self.ranked) else 0.0

    def central(self, count: int | None = None) -> list[int]:
        """Indexes of the sentences to teach first, best first (never left-out ones)."""
        order = sorted((r for r in self.ranked if not r.left_out),
                       key=lambda r: (-r.score, r.index))
        return [r.index for r in order][:count]

    def related(self, index: int, count: int = 2) -> list[int]:
        """The sentences (never left-out ones) closest in meaning to sentence ``index``:
        what a strong answer about it would draw on."""
        near = self.neighbours[index] if 0 <= index < len(self.neighbours) else ()
        return [i for i in near if not self.ranked[i].left_out][:count]


def _similarity(texts: Sequence[str], language: str) -> list[list[float]]:
    embedder = get_embedder() if language == "en" else None
    if embedder is not None and texts:
        import numpy as np

        vectors = embedder.embed(texts)
        matrix = np.stack([vectors[t] for t in texts])
        sims = np.clip(matrix @ matrix.T, 0.0, None)
        np.fill_diagonal(sims, 0.0)
        return [[float(x) for x in row] for row in sims]
    bags = [content_words(t) for t in texts]
    out = []
    for a in bags:
        row = []
        for b in bags:
            shared = len(a & b)
            row.append(0.0 if a is b or not shared else
                       shared / (math.log(len(a) + 1) + math.log(len(b) + 1)))
        out.append(row)
    return out


def textrank(sims: list[list[float]], damping: float = 0.85, rounds: int = 40) -> list[float]:
    """PageRank over a weighted, undirected sentence graph."""
    n = len(sims)
    if n == 0:
        return []
    try:
        import numpy as np
    except ImportError:
        return _textrank(sims, damping, rounds)
    if n:
        matrix = np.array(sims, dtype=float)
        totals = matrix.sum(axis=1, keepdims=True)
        totals[totals == 0] = 1.0
        step = (matrix / totals).T
        vector = np.full(n, 1.0 / n)
        for _ in range(rounds):
            vector = (1 - damping) / n + damping * step @ vector
        return [float(v) for v in vector]
    return []


def _textrank(sims: list[list[float]], damping: float, rounds: int) -> list[float]:
    n = len(sims)
    totals = [sum(row) or 1.0 for row in sims]
    rank = [1.0 / n] * n
    for _ in range(rounds):
        rank = [
            (1 - damping) / n + damping * sum(sims[j][i] / totals[j] * rank[j] for j in range(n))
            for i in range(n)
        ]
    return rank


def _scaled(values: Sequence[float]) -> list[float]:
    if not values:
        return []
    low, high = min(values), max(values)
    return [0.5 if high - low < 1e-9 else (v - low) / (high - low) for v in values]


def analyse(sents: Sequence[Sentence], *, language: str = "en", title: str = "",
            profile: Profile | None = None, listed: frozenset[int] = frozenset(),
            first_tags: Sequence[str] = ()) -> Salience:
    """Rank a module's sentences; ``listed``: paragraph numbers that are list items;
    ``first_tags``: the tagger's tag of each sentence's first word, when known."""
    texts = [s.text for s in sents]
    tags = list(first_tags) or [""] * len(sents)
    kinds = [sentence_kind(s.text, language, listed=s.paragraph in listed, first_tag=t)
             for s, t in zip(sents, tags, strict=True)]
    keep = [n for n, k in enumerate(kinds) if k not in LEFT_OUT]
    genre = genre_of([texts[n] for n in keep] or texts, language,
                     profile.rates if profile else None)
    central = [0.0] * len(texts)
    neighbours: list[tuple[int, ...]] = [()] * len(texts)
    if keep:
        sims = _similarity([texts[n] for n in keep], language)
        for pos, n in enumerate(keep):
            neighbours[n] = tuple(keep[j] for j in _nearest(sims[pos], pos))
        ranks = _scaled(textrank(sims))
        course = _scaled(profile.relevance([texts[n] for n in keep])) if profile else ranks
        near = _title_relevance([texts[n] for n in keep], title, language)
        for pos, n in enumerate(keep):
            central[n] = 0.55 * ranks[pos] + 0.25 * course[pos] + 0.2 * near[pos]
    weights = {**WEIGHTS, **GENRE_WEIGHTS.get(genre, {})}
    firsts = {s.paragraph: s.index for s in reversed(sents)}
    ranked = []
    for s, kind in zip(sents, kinds, strict=True):
        score = 0.0
        if kind not in LEFT_OUT:
            score = (0.2 + central[s.index]) * weights.get(kind, 1.0)
            score *= 1.1 if firsts.get(s.paragraph) == s.index else 1.0
            score *= _length_factor(len(s.words))
        ranked.append(Ranked(s.index, kind, round(central[s.index], 4), round(score, 4)))
    return Salience(genre, tuple(ranked), tuple(neighbours))


def _nearest(row: list[float], own: int, count: int = 4) -> list[int]:
    order = sorted(range(len(row)), key=row.__getitem__, reverse=True)
    return [j for j in order if j != own and row[j] > 0][:count]


def _length_factor(words: int) -> float:
    if words < 6:
        return 0.5
    if words > 45:
        return 0.7
    return 1.0


def _title_relevance(texts: list[str], title: str, language: str) -> list[float]:
    if not title.strip() or not texts:
        return [0.0] * len(texts)
    embedder = get_embedder() if language == "en" else None
    if embedder is not None:
        vectors = embedder.embed([title, *texts])
        return _scaled([max(0.0, float(vectors[t] @ vectors[title])) for t in texts])
    words = content_words(title)
    return _scaled([len(words & content_words(t)) / (1 + len(words)) for t in texts])
