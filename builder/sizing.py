"""Modules sized by reading time: the sections of a reading are cut into
modules of about ``[plan] target_minutes`` each, never under ``min_minutes``
(unless the whole reading is shorter) nor over ``max_minutes`` when a cut is
possible.

The cuts fall, by preference, at the reading's top-level headings, then at
its sub-headings, then between paragraphs where the topic shifts (TextTiling:
the word overlap of the paragraphs before and after a gap dips), never inside
a paragraph nor between a paragraph and the code or list it introduces.
Consecutive short sections are grouped; a group's title comes from its
headings, a part without a heading of its own gets one from its words.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .config import PlanConfig
from .language import language as lang_of
from .model import Reading, Section
from .pedagogy.lexicon import STOPWORDS
from .sections import Part, paragraph_parts

WORDS_PER_MINUTE = 200
"""The reading speed of :attr:`builder.model.Module.reading_minutes`."""
TOP, SUB = 0.0, 0.1
"""What a cut costs at a top-level heading and at a sub-heading; a cut
between paragraphs costs 0.5 to 1.0, less where the topic shifts more."""
_WORD = re.compile(r"[^\W\d_]{4,}")
_MORE_STOPWORDS = frozenset(
    "para como pero más sobre entre cuando donde porque también esta este estos estas "
    "pour dans avec mais plus sont leur leurs cette ces comme tout tous être avoir fait "
    "était sans sous entre aussi donc ainsi alors dont elle elles nous vous "
    "thou thee thine thyself hath doth unto shalt upon anything nothing something "
    "everything things thing whatever hast wilt canst dost shouldst wouldst thyself "
    "little great good well less more same such much many never always often rather quite "
    "without within first last long longer still even very give make take come thus "
    "said says like".split()
)


@dataclass
class Candidate:
    """A would-be module while planning: sections of one reading."""

    reading: Reading
    sections: list[Section]
    kind: str = "lesson"  # lesson | synthesis | intro
    named: str = ""
    """A title given by grouping or splitting (else the first heading's)."""

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)

    @property
    def title(self) -> str:
        if self.named:
            return self.named
        return next((s.title for s in self.sections if s.title), self.reading.title)


@dataclass
class _Unit:
    """Sections that stay together; ``cost`` is the price of a cut before it."""

    sections: list[Section]
    cost: float
    source: Candidate
    heading: bool = True
    """The unit starts at a heading of the reading (not inside a section)."""
    parts: list[Part] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)


def fit(candidates: list[Candidate], config: PlanConfig, language: str = "en") -> list[Candidate]:
    """The candidates of one reading regrouped into modules of the target
    size (one module of them all takes the reading's title)."""
    total = sum(c.words for c in candidates)
    if not candidates or total == 0:
        return candidates
    low, high = config.min_minutes * WORDS_PER_MINUTE, config.max_minutes * WORDS_PER_MINUTE
    ideal = min(max(config.target_minutes * WORDS_PER_MINUTE, low), high)
    if low == 0:  # grouping off: only split what is too long
        return [part for c in candidates for part in _split_alone(c, high, ideal, language)]
    count = max(1, round(total / ideal), math.ceil(total / high))
    if count > 1 and low:
        count = max(1, min(count, total // low))
    units = _refine([_Unit(c.sections, TOP, c) for c in candidates], total / count, high)
    count = min(count, len(units))
    groups = _partition(units, count, total / count, low, high)
    return [_candidate(group, units, candidates, language) for group in groups]


def _split_alone(candidate: Candidate, high: int, ideal: int,
                 language: str) -> list[Candidate]:
    if candidate.words <= high:
        return [candidate]
    count = max(2, round(candidate.words / ideal), math.ceil(candidate.words / high))
    units = _refine([_Unit(candidate.sections, TOP, candidate)], candidate.words / count, high)
    count = min(count, len(units))
    groups = _partition(units, count, candidate.words / count, 0, high)
    return [_candidate(group, units, [candidate], language) for group in groups]


def _refine(units: list[_Unit], size: float, high: int) -> list[_Unit]:
    """Units too big for one module break at their sub-headings, then
    between paragraphs."""
    changed = True
    while changed:
        changed = False
        out: list[_Unit] = []
        for unit in units:
            pieces = _finer(unit) if unit.words > min(high, 1.3 * size) else None
            if pieces and len(pieces) > 1:
                out.extend(pieces)
                changed = True
            else:
                out.append(unit)
        units = out
    return units


def _finer(unit: _Unit) -> list[_Unit] | None:
    sections = unit.sections
    if len(sections) > 1:
        child = min(s.level for s in sections[1:] if s.level) if any(
            s.level for s in sections[1:]) else 0
        pieces: list[_Unit] = [_Unit([sections[0]], unit.cost, unit.source, unit.heading)]
        for section in sections[1:]:
            if section.level and section.level <= child:
                pieces.append(_Unit([section], SUB, unit.source))
            else:
                pieces[-1].sections.append(section)
        return pieces
    parts = paragraph_parts(sections[0])
    if len(parts) < 2:
        return None
    gaps = _gap_costs([p.section.text for p in parts])
    return [
        _Unit([p.section], unit.cost if i == 0 else gaps[i - 1] + p.penalty, unit.source,
              unit.heading and i == 0, [p])
        for i, p in enumerate(parts)
    ]


def _gap_costs(texts: list[str], window: int = 2) -> list[float]:
    """TextTiling: for the gap after each paragraph, how little the words
    before and after it have in common, as a depth score turned into a cost
    between 0.5 (a clear shift of topic) and 1.0 (none)."""
    bags = [Counter(_words(t)) for t in texts]
    sims = []
    for gap in range(1, len(texts)):
        left = sum(bags[max(0, gap - window) : gap], Counter())
        right = sum(bags[gap : gap + window], Counter())
        sims.append(_cosine(left, right))
    depths = []
    for i, sim in enumerate(sims):
        left_peak = max(sims[: i + 1])
        right_peak = max(sims[i:])
        depths.append(left_peak - sim + right_peak - sim)
    top = max(depths, default=0.0) or 1.0
    return [1.0 - 0.5 * d / top for d in depths]


def _words(text: str) -> list[str]:
    words = (w.lower() for w in _WORD.findall(text))
    return [w[:6] for w in words if w not in STOPWORDS and w not in _MORE_STOPWORDS]


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


BALANCE = 3.0
"""How much a group's distance from the target size weighs against where the
topic shifts: a gap's cost spans 0.5 (clear shift) to 1.0, so a module 30% off
the target size (cost 0.27) outweighs a weak topic signal but not a clear one."""


def _partition(units: list[_Unit], count: int, size: float, low: int,
               high: int) -> list[list[int]]:
    """Indexes of ``units`` cut into ``count`` consecutive groups: sizes close
    to ``size`` and within [low, high] where possible, cuts where they cost
    least (dynamic programming over the cut positions)."""
    n = len(units)
    prefix = [0]
    for unit in units:
        prefix.append(prefix[-1] + unit.words)

    def group_cost(i: int, j: int) -> float:
        words = prefix[j] - prefix[i]
        cost = BALANCE * ((words - size) / size) ** 2
        if words > high:
            cost += 10.0 + (words - high) / high
        elif words < low and count > 1:
            cost += 2.0 * (low - words) / low
        return cost

    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    steady = max(size, low)  # from here on a group's cost grows with its words
    for g in range(1, count + 1):
        floor = _floors(best[g - 1], units)
        for j in range(g, n - (count - g) + 1):
            # Groups ending at j, longest last: once a group is past ``steady``
            # and costs more than the best value seen (whatever came before it),
            # every longer one does too, so the search starts after it. The same
            # cuts as trying every start (linear time in a long course).
            start, seen = g - 1, inf
            for i in range(j - 1, g - 2, -1):
                cost = group_cost(i, j)
                if best[g - 1][i] != inf:
                    seen = min(seen, best[g - 1][i] + cost + (units[i].cost if i > 0 else 0.0))
                if prefix[j] - prefix[i] >= steady and floor[i] + cost > seen + 1e-9 * (
                        1.0 + abs(seen)):
                    start = i + 1
                    break
            for i in range(start, j):
                if best[g - 1][i] == inf:
                    continue
                cut = units[i].cost if i > 0 else 0.0
                value = best[g - 1][i] + group_cost(i, j) + cut
                if value < best[g][j]:
                    best[g][j], back[g][j] = value, i
    cuts, j = [], n
    for g in range(count, 0, -1):
        i = back[g][j]
        cuts.append(list(range(i, j)))
        j = i
    return cuts[::-1]


def _floors(best: list[float], units: list[_Unit]) -> list[float]:
    """For each cut position i, the lowest ``best[i'] + cut cost at i'`` over
    i' <= i: what any group ending later adds its own cost to, at least."""
    floors, lowest = [], float("inf")
    for i, unit in enumerate(units):
        if best[i] != float("inf"):
            lowest = min(lowest, best[i] + (unit.cost if i > 0 else 0.0))
        floors.append(lowest)
    return floors


def _candidate(group: list[int], units: list[_Unit], candidates: list[Candidate],
               language: str) -> Candidate:
    chosen = [units[i] for i in group]
    sections = [s for u in chosen for s in u.sections]
    sources = list(dict.fromkeys(id(u.source) for u in chosen))
    first = chosen[0].source
    kinds = {u.source.kind for u in chosen}
    kind = first.kind if len(kinds) == 1 else "lesson"
    if len(sources) == len(candidates) > 1:
        return Candidate(first.reading, sections, kind, first.reading.title)
    if len(sources) == 1 and len(chosen) == _count_units(first, units):
        return Candidate(first.reading, sections, kind, first.named)
    return Candidate(first.reading, sections, kind, _group_title(chosen, units, language))


def _count_units(source: Candidate, units: list[_Unit]) -> int:
    return sum(u.source is source for u in units)


def _group_title(chosen: list[_Unit], units: list[_Unit], language: str) -> str:
    """Headed units: their titles ("A and B", "A, B and C", or "A and …"
    when that is long); a part without a heading: the section's title and
    the words that set the part apart from the rest of it."""
    if not chosen[0].parts and (chosen[0].heading or chosen[0].sections[0].title):
        # a section's own heading covers its sub-sections
        tops = [u for u in chosen if u.sections[0] is u.source.sections[0]]
        titles = [_title_of(u) for u in (tops or chosen) if u.sections[0].title]
        titles = [t for t in dict.fromkeys(titles) if t]
        if len(titles) == 1:
            return titles[0]
        joined = _join(titles, language)
        return joined if len(joined) <= 100 else _join([titles[0], "…"], language)
    base = _title_of(next((u for u in reversed(units[: units.index(chosen[0]) + 1])
                           if u.sections[0].title), chosen[0]))
    opening = _opening(" ".join(s.text for s in chosen[0].sections))
    return f"{base}: {opening}" if opening else f"{base} (…)"


_CLAUSE_END = re.compile(r"[,;:(\u2014\u2013]| - ")
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s")
TITLE_WORDS = 10
"""The most words of a part's opening taken into its title."""


def _opening(text: str) -> str:
    """A part's own opening words as its title: the first clause of its first
    sentence ("The proper force of words lies not in the words themselves"), at
    most ``TITLE_WORDS`` words ("…" where it is cut). Words picked for being
    frequent in the part named incidental details; the author's own opening
    never misleads."""
    sentence = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0].strip()
    clause = sentence
    for found in _CLAUSE_END.finditer(sentence):
        if len(sentence[: found.start()].split()) >= 4:
            clause = sentence[: found.start()]
            break
    words = clause.split()
    cut = len(words) > TITLE_WORDS
    words = words[:TITLE_WORDS]
    while cut and words and words[-1].lower().strip(".,;:") in STOPWORDS:
        words.pop()  # never end on "the", "of"
    title = " ".join(words).strip(" .,;:!?\u201c\u201d\"'\u00ab\u00bb\u2060\u200b")
    return f"{title}…" if cut and title else title


def _title_of(unit: _Unit) -> str:
    section = unit.sections[0]
    return section.title or unit.source.title


def _join(words: list[str], language: str) -> str:
    """"A, B and C" in the course's language."""
    if len(words) == 1:
        return words[0]
    return lang_of(language).pair(", ".join(words[:-1]), words[-1])


def regrouped(candidate: Candidate, sections: list[Section]) -> Candidate:
    return dataclasses.replace(candidate, sections=sections)
