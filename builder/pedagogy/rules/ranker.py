"""Rank finished items with what the blind reviews teach (issue 11; Heilman & Smith 2010).

Every item a teacher judged in ``benchmarks/reviews`` (``labels.py`` collects them
into ``labels.jsonl``) is described by general features computed from the item's
own text and its module's text only: its category, question form (frame family),
Bloom level, the kind and position of the module sentence it is built on, how
central that sentence and the item are to the module (cosine to the module's
mean sentence embedding; without the ``nlp`` extra it is unknown and counted at
its training average), length, share of quoted text, an unresolved
pronoun at the start, hedges, first person, digits, and whether a true/false
statement copies the text word for word. No feature names a word of one essay.

Two logistic regressions on these features, P(usable) and P(not rejected), are
kept in ``data/ranker.json`` with their feature names and weights (readable: a
positive weight makes an item more likely to be kept by a teacher), trained by
``benchmarks/ranker.py``, which measures them holding out whole essays. Fill-in
items have two of their own (:data:`OWN`), on the few features that best separate
their labels: among them the quiz features, of the key (a number, a name, defined or
repeated in the module, a topic word), of the stem (the share of its sentence it
quotes), of a true/false statement's change and of the distractors (their head noun
and shape against the key's, found in the same paragraph).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..semantic import get_embedder
from ..text import content_words, overlap, sentences
from .salience import genre_of, sentence_kind

MODEL = Path(__file__).resolve().parent.parent / "data" / "ranker.json"

CATEGORIES = ("S", "O", "D", "MC", "TF", "FB", "T")
BLOOMS = ("remember", "understand", "apply", "analyze", "evaluate", "create")
# The kinds salience.sentence_kind gives, in groups with enough labelled items each.
KIND_GROUPS = {
    "definition": "definition", "thesis": "argued", "recap": "argued", "cause": "argued",
    "comparison": "argued", "hedged": "argued", "advice": "argued", "evaluative": "argued",
    "statistic": "number", "event": "number", "example": "example", "metaphor": "metaphor",
    "instruction": "instruction", "claim": "claim",
}
KINDS = ("definition", "argued", "number", "example", "metaphor", "instruction", "claim",
         "left_out")
GENRES = ("argument", "exposition", "procedure", "narrative", "literary", "aphoristic")
# Question forms, by the words every frame of that family uses (the frames of
# rules/higher.py, rules/frames.py and the quiz makers), first match wins.
FRAMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I)) for name, pattern in (
        ("counterfactual", r"what would you expect|if this were not so|propose an observation|"
                           r"test that would|would show whether"),
        ("argue", r"\bargue for or against\b"),
        ("group", r"\bas one group\b"),
        ("critic", r"what in the reading supports|what could a critic|strongest objection"),
        ("convincing", r"how convincing|to what extent|judge whether|judge the|"
                       r"assess the evidence|^evaluate\b|distinguish the evidence"),
        ("mechanism", r"how does it explain|what other factors|^explain why|^examine why|"
                      r"reasons the reading gives|explain the reasoning"),
        ("interpret", r"^interpret\b|what does the author mean|\bmean by\b|"
                      r"the author writes:|in your own words"),
        ("compare", r"\bcompare\b|\bcontrast\b|two passages|both passages|rather than"),
        ("apply", r"^(?:use|write|apply|combine|redirect|run|create|build|design|plan)\b|"
                  r"go wrong|would fail|in your own life"),
        ("relate", r"\brelate\b|\bconnect|link between|how does the reading link"),
        ("define", r"^define\b|^paraphrase\b|^what is an? |\bdefinition\b"),
        ("describe", r"^(?:describe|summari[sz]e|name|list|identify|outline|state)\b"),
        ("explain", r"^explain\b|^examine\b|^how does\b"),
    )
)
FRAME_NAMES = tuple(name for name, _ in FRAMES) + ("other",)
PRONOUN = re.compile(r"^(?:[\"“‘(]\s*)?(?:it|this|these|that|those|they|them|thus|then|such|"
                     r"he|she|his|her|its|their|here|there)\b", re.I)
HEDGE = re.compile(r"\b(?:may|might|could|perhaps|possibly|probably|likely|seems?|appears?|"
                   r"suggests?)\b", re.I)
FIRST = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our|ours)\b")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
LEADS = re.compile(r"^(?:the (?:reading|author|text) (?:says|states|writes|suggests|explains|"
                   r"reports|claims|advises|argues)(?: that)?:?\s*)", re.I)


@dataclass(frozen=True)
class Item:
    """What the ranker sees of one finished item."""

    category: str  # S, O, D, MC, TF, FB, T
    text: str  # the objective, question, stem or summary as the student reads it
    bloom: str = ""
    key: str = ""  # MC: the key's text; TF: True/False; FB: the answer
    choices: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()  # FB: the other answers that count as right


class ModuleView:
    """One module's sentences, kinds, genre and centrality, computed once."""

    def __init__(self, text: str, language: str = "en") -> None:
        self.language = language
        found = sentences(text)
        self.sents = [s.text for s in found]
        self.paragraph = [s.paragraph for s in found]
        self.words = [content_words(s) for s in self.sents]
        counts: dict[str, int] = {}
        for ws in self.words:
            for w in ws:
                counts[w] = counts.get(w, 0) + 1
        ranked = sorted(counts, key=lambda w: (-counts[w], w))
        self.topic = {w for w in ranked[:8] if counts[w] > 1}
        # how much of the rest of the module each sentence shares (a centrality that
        # needs no model): the mean word overlap with every other sentence
        self.linked = [
            sum(overlap(ws, other) for j, other in enumerate(self.words) if j != i)
            / max(1, len(self.words) - 1) for i, ws in enumerate(self.words)]
        self.kinds = [sentence_kind(s, language) for s in self.sents]
        self.genre = genre_of(self.sents, language) if self.sents else "exposition"
        self.norm = [_norm(s) for s in self.sents]
        self._centroid = None
        self.embedder = get_embedder() if language == "en" and self.sents else None
        if self.embedder is not None:
            import numpy as np

            vectors = self.embedder.embed(self.sents)
            mean = np.mean(np.stack([vectors[s] for s in self.sents]), axis=0)
            self._centroid = mean / (np.linalg.norm(mean) or 1.0)

    def occurrences(self, phrase: str) -> int:
        """How many of the module's sentences hold ``phrase`` (words in order)."""
        norm = _norm(phrase)
        if not norm:
            return 0
        pattern = re.compile(r"\b" + re.escape(norm) + r"\b")
        return sum(bool(pattern.search(s)) for s in self.norm)

    def source(self, words: set[str]) -> int:
        """The sentence an item is built on: the one sharing most content words."""
        if not self.sents or not words:
            return -1
        scores = [overlap(words, ws) for ws in self.words]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        return best if scores[best] > 0 else -1

    def centrality(self, text: str) -> float:
        """Cosine of ``text`` to the module's mean sentence embedding; NaN without the
        model (the ranker then counts the feature at its average: no word-overlap
        stand-in, whose values are on another scale than those it was trained on)."""
        if not text or self._centroid is None or self.embedder is None:
            return math.nan if self.embedder is None else 0.0
        return float(self.embedder.embed([text])[text] @ self._centroid)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _frame(text: str) -> str:
    body = LEADS.sub("", text.strip())
    # "The reading states that X. What in the reading supports this ...": the question
    # part carries the frame, the statement before it is the sentence.
    parts = re.split(r"(?<=[.:])\s+(?=[A-Z])", body)
    for part in ([parts[-1], body] if len(parts) > 1 else [body]):
        for name, pattern in FRAMES:
            if pattern.search(part):
                return name
    return "other"


def features(item: Item, module: ModuleView) -> dict[str, float]:
    """The item's features by name (see :data:`FEATURES`)."""
    text = item.text.strip()
    filled = text.replace("_____", item.key) if item.category == "FB" else text
    words = content_words(filled)
    index = module.source(words)
    source = module.sents[index] if index >= 0 else ""
    kind = module.kinds[index] if index >= 0 else "claim"
    group = KIND_GROUPS.get(kind, "left_out")
    out: dict[str, float] = {f"cat_{c}": float(item.category == c) for c in CATEGORIES}
    out.update({f"bloom_{b}": float(item.bloom == b) for b in BLOOMS})
    frame = _frame(text) if item.category in ("O", "D") else "other"
    out.update({f"frame_{f}": float(frame == f) for f in FRAME_NAMES})
    out.update({f"kind_{k}": float(group == k) for k in KINDS})
    out.update({f"genre_{g}": float(module.genre == g) for g in GENRES})
    n_words = len(text.split())
    quoted = sum(len(q) for q in QUOTED.findall(text))
    count = len(module.sents)
    out.update({
        "central_source": module.centrality(source),
        "central_item": module.centrality(filled),
        "log_words": math.log1p(n_words),
        "quoted_share": quoted / max(1, len(text)),
        "pronoun_start": float(bool(PRONOUN.match(LEADS.sub("", text))) or
                               bool(PRONOUN.match(source))),
        "hedge": float(bool(HEDGE.search(text))),
        "first_person": float(bool(FIRST.search(text))),
        "author_named": float(bool(re.search(r"\bthe author\b", text, re.I))),
        "digits": float(bool(re.search(r"\d", filled))),
        "position": index / max(1, count - 1) if index >= 0 else 0.5,
        "opening": float(index == 0),
        "module_sentences": math.log1p(count),
        "verbatim": float(item.category in ("TF", "FB") and _verbatim(filled, module)),
        "tf_false": float(item.category == "TF" and item.key.lower() == "false"),
        "key_words": math.log1p(len(item.key.split())) if item.category in ("MC", "FB") else 0.0,
        "linked_source": module.linked[index] if index >= 0 else 0.0,
    })
    out.update(_quiz(item, module, index, filled))
    return out


NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
                    r"hundred|thousand|million|billion|percent|half|third|quarter)\b", re.I)
NOT_NOUN = re.compile(r"(?:ly|ing|ed|ive|ous|ful|less|able|ible)$", re.I)
NEGATION = {"not", "no", "never", "nor", "none", "neither", "cannot", "without"}
QUIZ_FEATURES = ("key_number", "key_name", "key_not_noun", "key_defined", "key_repeated",
                 "key_topic", "stem_copy", "fb_accepted", "tf_swap_number", "tf_swap_name",
                 "tf_swap_negation", "tf_swap_word", "tf_reworded", "mc_head_shared",
                 "mc_shape_differs", "mc_in_paragraph", "mc_in_module")


def _shape(phrase: str) -> tuple[bool, bool, bool, int]:
    words = phrase.split()
    last = words[-1] if words else ""
    return (phrase[:1].isupper(), bool(re.search(r"\d", phrase)),
            bool(NOT_NOUN.search(last)) and not last[:1].isupper(), len(words))


def _quiz(item: Item, module: ModuleView, index: int, filled: str) -> dict[str, float]:
    """Features of a quiz item's key, distractors and changes to its sentence; 0 for
    the other categories and where they do not apply."""
    out = dict.fromkeys(QUIZ_FEATURES, 0.0)
    cat = item.category
    source = module.sents[index] if index >= 0 else ""
    src_words = content_words(source)
    if cat in ("MC", "FB") and item.key:
        key = item.key.strip()
        key_words = content_words(key)
        shape = _shape(key)
        out["key_number"] = float(bool(NUMBER.search(key)))
        out["key_name"] = float(all(w[:1].isupper() for w in key.split() if len(w) > 3)
                                and key[:1].isupper())
        out["key_not_noun"] = float(shape[2])
        norm = _norm(key)
        out["key_defined"] = float(bool(norm) and any(
            KIND_GROUPS.get(k) == "definition" and re.search(r"\b" + re.escape(norm) + r"\b", s)
            for k, s in zip(module.kinds, module.norm, strict=True)))
        out["key_repeated"] = math.log1p(max(0, module.occurrences(key) - 1))
        out["key_topic"] = (len(key_words & module.topic) / len(key_words)) if key_words else 0.0
        stem = content_words(item.text.replace("_____", " "))
        out["stem_copy"] = len(stem & src_words) / len(src_words) if src_words else 0.0
    if cat == "FB":
        out["fb_accepted"] = math.log1p(len(item.accepted))
    if cat == "TF" and source:
        said = _plain_words(filled)
        base = _plain_words(source)
        new = [w for w in said if w.lower() not in {b.lower() for b in base}]
        gone = [w for w in base if w.lower() not in {b.lower() for b in said}]
        if item.key.lower() == "false":
            out["tf_swap_number"] = float(any(re.search(r"\d", w) for w in new + gone))
            out["tf_swap_name"] = float(any(w[:1].isupper() for w in new[1:] + gone[1:]))
            out["tf_swap_negation"] = float(any(w.lower() in NEGATION for w in new + gone))
            out["tf_swap_word"] = float(bool(new) and not any(
                out[f] for f in ("tf_swap_number", "tf_swap_name", "tf_swap_negation")))
        else:
            out["tf_reworded"] = len(new) / max(1, len(said))
    if cat == "MC" and item.key and len(item.choices) > 1:
        wrong = [c for c in item.choices if c != item.key]
        key_shape = _shape(item.key)
        head = _norm(item.key).split()[-1:] if _norm(item.key) else []
        paragraph = " ".join(n for n, p in zip(module.norm, module.paragraph, strict=True)
                             if index >= 0 and p == module.paragraph[index])
        whole = " ".join(module.norm)

        def found(choice: str, text: str) -> bool:
            norm = _norm(choice)
            return bool(norm) and bool(re.search(r"\b" + re.escape(norm) + r"\b", text))

        out["mc_head_shared"] = sum(_norm(c).split()[-1:] == head for c in wrong) / len(wrong)
        out["mc_shape_differs"] = sum(
            _shape(c)[:3] != key_shape[:3] or abs(_shape(c)[3] - key_shape[3]) > 1
            for c in wrong) / len(wrong)
        out["mc_in_paragraph"] = sum(found(c, paragraph) for c in wrong) / len(wrong)
        out["mc_in_module"] = sum(found(c, whole) for c in wrong) / len(wrong)
    return out


AUTHORISH = {"author", "reading", "text", "says", "states", "writes", "the"}


def _plain_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w'-]+", text) if w.lower() not in AUTHORISH]


def _verbatim(text: str, module: ModuleView) -> bool:
    """The statement is (almost all of) one sentence of the text, word for word."""
    norm = _norm(text)
    if len(norm.split()) < 4:
        return False
    return any(norm in s or (s in norm and len(s) > 0.8 * len(norm)) for s in module.norm)


FEATURES: tuple[str, ...] = tuple(features(Item("O", "x"), ModuleView("")).keys())
JOINT: tuple[str, ...] = tuple(f for f in FEATURES
                               if f not in QUIZ_FEATURES and f != "linked_source")
"""The features of the model of every category together: the quiz features and the
word-overlap centrality only lowered its held-out AUC (benchmarks/ranker.md), so they
serve the quiz categories' own models only."""
OWN = ("FB",)
"""Quiz categories scored by a model of their own, on the :data:`SELECT` features that
best separate that category's labels: with every feature, trained with the other
categories, the held-out AUC of these items was under 0.5. Multiple choice and
true/false were measured the same way and stayed near chance (benchmarks/ranker.md)."""
SELECT = 3


@dataclass(frozen=True)
class Model:
    """A logistic regression: standardise each feature, weigh, add, squash."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(
            w * (value - m) / s
            for n, m, s, w in zip(self.names, self.mean, self.scale, self.weights, strict=True)
            if not math.isnan(value := values.get(n, 0.0))  # unknown: counted at the mean
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def as_dict(self) -> dict:
        return {"bias": round(self.bias, 4),
                "weights": {n: round(w, 4) for n, w in zip(self.names, self.weights, strict=True)},
                "mean": {n: round(m, 4) for n, m in zip(self.names, self.mean, strict=True)},
                "scale": {n: round(s, 4) for n, s in zip(self.names, self.scale, strict=True)}}

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        names = tuple(data["weights"])
        return cls(names, tuple(float(data["mean"][n]) for n in names),
                   tuple(float(data["scale"][n]) or 1.0 for n in names),
                   tuple(float(data["weights"][n]) for n in names), float(data["bias"]))


def fit(rows: Sequence[dict[str, float]], labels: Sequence[int], names: Sequence[str] = JOINT,
        l2: float = 10.0, rounds: int = 50) -> Model:
    """Logistic regression by Newton's method with an L2 penalty (numpy only)."""
    import numpy as np

    x = np.array([[r.get(n, 0.0) for n in names] for r in rows], dtype=float)
    y = np.array(labels, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z.T * (p * (1 - p))) @ z + penalty + np.eye(z.shape[1]) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Model(tuple(names), tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                 tuple(float(v) for v in w[1:]), float(w[0]))


def select(rows: Sequence[dict[str, float]], labels: Sequence[int], count: int = SELECT,
           names: Sequence[str] = FEATURES) -> tuple[str, ...]:
    """The ``count`` features that alone best separate ``labels`` (AUC farthest from
    0.5 on these rows), for a category with few labels: a small model there holds up on
    essays it was not trained on where one with every feature does not
    (benchmarks/ranker.md)."""
    ranked = []
    positives = sum(1 for y in labels if y)
    negatives = len(labels) - positives
    for name in names:
        if name.startswith("cat_"):
            continue
        values = [r.get(name, 0.0) for r in rows]
        if any(math.isnan(v) for v in values) or len(set(values)) < 2 or not positives or \
                not negatives:
            continue
        order = sorted(range(len(values)), key=lambda i: values[i])
        rank = [0.0] * len(values)
        at = 0
        while at < len(order):  # mean ranks of ties
            end = at
            while end + 1 < len(order) and values[order[end + 1]] == values[order[at]]:
                end += 1
            for i in order[at:end + 1]:
                rank[i] = (at + end) / 2 + 1
            at = end + 1
        wins = sum(r for r, y in zip(rank, labels, strict=True) if y) - positives * (
            positives + 1) / 2
        ranked.append((-abs(wins / (positives * negatives) - 0.5), name))
    return tuple(name for _, name in sorted(ranked)[:count])


@dataclass(frozen=True)
class Ranker:
    usable: Model
    kept: Model  # P(not rejected): usable or editable
    # a category's own small models (usable, kept), for quiz items: :data:`OWN`
    own: tuple[tuple[str, Model, Model], ...] = ()

    def score(self, values: dict[str, float], category: str = "") -> float:
        """P(not rejected), the ranking score: a teacher keeps what is right, even
        when a wording needs fixing; by the category's own model where it has one."""
        for name, _, kept in self.own:
            if name == category:
                return kept.probability(values)
        return self.kept.probability(values)


@lru_cache(maxsize=1)
def load(path: Path = MODEL) -> Ranker | None:
    """The trained ranker, or None when its data file is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        own = tuple((cat, Model.from_dict(m["usable"]), Model.from_dict(m["not_reject"]))
                    for cat, m in sorted(data.get("own", {}).items()))
        return Ranker(Model.from_dict(data["usable"]), Model.from_dict(data["not_reject"]), own)
    except (OSError, KeyError, ValueError, TypeError, AttributeError):
        return None


DROP = 0.35
"""P(not rejected) under which a generated objective or discussion question is left
out, where its module keeps its minimums. Held out (benchmarks/ranker.md), the model
of all categories separates their rejects from the rest (AUC about 0.7) but not those
of the quiz categories; fill-in items have a model of their own (:data:`QUIZ_DROP`)."""


QUIZ_DROP = 0.5
"""P(not rejected), by the category's own model (:data:`OWN`: fill-in items), under
which a generated item is left out where its module keeps two quiz items and every
objective stays assessed. Held out, fill-in items under 0.5 were 13 rejects, 10 to
edit and no usable one of 148 (benchmarks/ranker.md)."""


class Scorer:
    """Scores finished items of one course's modules with the trained ranker."""

    def __init__(self, ranker: Ranker, language: str = "en") -> None:
        self.ranker = ranker
        self.language = language
        self._views: dict[str, ModuleView] = {}

    def scores(self, module_text: str, items: Sequence[Item]) -> list[float]:
        view = self._views.get(module_text)
        if view is None:
            view = self._views[module_text] = ModuleView(module_text, self.language)
        return [self.ranker.score(features(item, view), item.category) for item in items]


def choose(scores: Sequence[float], limit: int, minimum: int,
           allowed: Callable[[list[int]], bool] | None = None,
           threshold: float = DROP) -> list[int]:
    """The candidates to keep, as indexes in their order: the lowest-scoring one is
    dropped while more than ``limit`` remain or it scores under ``threshold``, as long
    as at least ``minimum`` remain and ``allowed`` accepts what remains."""
    kept = list(range(len(scores)))
    for index in sorted(kept, key=lambda i: (scores[i], -i)):
        if len(kept) <= minimum or (len(kept) <= limit and scores[index] >= threshold):
            break
        rest = [i for i in kept if i != index]
        if allowed is None or allowed(rest):
            kept = rest
    return kept
