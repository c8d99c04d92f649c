"""The pedagogy stage: every module's teaching material, filled in.

Public entry point: :func:`enrich`. The backend is chosen by
``course.config.pedagogy.backend`` (the registry is :data:`builder.pedagogy.BACKENDS`).
Items a module already carries with origin ``"authored"`` are kept, come
first and win over generated ones; generated items only fill the remaining
places up to the counts in ``[pedagogy]``. A module reviewed in
``plan.yaml`` keeps its material as it is: nothing is generated for it.
"""

from __future__ import annotations

import dataclasses
import importlib

from ..errors import BuildError
from ..model import Course, Material, Module, Objective, Question, QuizItem, Term, renumbered
from ..progress import NullProgress, Progress
from ..review import without_dropped
from . import BACKENDS
from .backend import Backend
from .flaws import BLANK
from .shortfall import shortfall
from .text import content_words, overlap

TASK = "pedagogy"


def get_backend(course: Course, name: str = "") -> Backend:
    """The backend ``name`` (default: the course's) made for ``course``."""
    name = name or course.config.pedagogy.backend
    registered = BACKENDS.get(name)
    if registered is None:
        listed = ", ".join(f'"{n}"' for n in BACKENDS)
        raise BuildError(f"unknown pedagogy backend \"{name}\"",
                         course.config.path or "course.toml", f"Use one of {listed}")
    module, _, cls = registered.target.partition(":")
    factory = getattr(importlib.import_module(f".{module}", __package__), cls)
    if registered.fallback:
        return factory(course, get_backend(course, registered.fallback))  # type: ignore[no-any-return]
    return factory(course)  # type: ignore[no-any-return]


def enrich(course: Course, progress: Progress = NullProgress()) -> Course:  # noqa: B008
    """The course with every module's teaching material filled in; generated
    items the instructor dropped in plan.yaml stay out."""
    todo = [m for m in course.modules if not m.reviewed]
    backend = get_backend(course) if todo else None
    progress.task(TASK, len(course.modules))
    modules: list[Module] = []
    for module in course.modules:
        if backend is not None and not module.reviewed:
            material = backend.generate(module)
            module = without_dropped(merge(module, material, course))
        notes = tuple(dict.fromkeys(module.notes + shortfall(module, course)))
        modules.append(dataclasses.replace(module, notes=notes))
        progress.advance(TASK)
    return dataclasses.replace(course, modules=tuple(modules))


def describe(course: Course) -> str:
    """Which backend wrote the material and which optional models it used,
    e.g. ``rules backend; part-of-speech model en_core_web_sm; no similarity model``."""
    from .semantic import get_embedder
    from .tagger import get_tagger

    if all(m.reviewed for m in course.modules):
        return "every module reviewed in plan.yaml: nothing generated"
    parts = [f"{course.config.pedagogy.backend} backend"]
    for name, getter in (("part-of-speech model", get_tagger), ("similarity model", get_embedder)):
        if not getter.cache_info().currsize:  # never asked for: this course had no use for it
            parts.append(f"{name} not used")
            continue
        model = getter()
        parts.append(f"{name} {getattr(model, 'name', 'MiniLM (int8)')}" if model
                     else f"no {name} (install coursepack[nlp])")
    return "; ".join(parts)


REPOINT = 0.25
"""Share of an item's content words an authored objective must name for the item
to assess it, when the generated objective it tested gave way to authored ones."""


def _repointed(items: tuple[QuizItem, ...], authored: tuple[Objective, ...]
               ) -> list[QuizItem]:
    """Generated items whose objectives all gave way to authored ones: pointed at
    the authored objective they test most, or left out (every item assesses a
    stated objective)."""
    out: list[QuizItem] = []
    for item in items:
        if item.objectives:
            out.append(item)
            continue
        number = _nearest(f"{item.stem} {item.answer} {item.feedback}", authored)
        if number is not None:
            out.append(dataclasses.replace(item, objectives=(number,)))
    return out


def _nearest(text: str, objectives: tuple[Objective, ...]) -> int | None:
    """The objective whose content words ``text`` shares most, when it shares at
    least :data:`REPOINT` of them."""
    words = content_words(text)
    scores = [overlap(words, content_words(o.text)) for o in objectives]
    return scores.index(max(scores)) if scores and max(scores) >= REPOINT else None


def _authored(items: tuple, ) -> tuple:
    return tuple(i for i in items if i.origin == "authored")


def _with_notes(own: tuple[Question, ...], material: Material) -> tuple[Question, ...]:
    """Authored questions that came without a facilitation note take the one the
    backend wrote for the same text (it says it is generated); the question stays
    authored."""
    notes = {q.text: q.note for q in material.discussion if q.note}
    return tuple(
        dataclasses.replace(q, note=notes[q.text]) if not q.note.strip() and q.text in notes
        else q for q in own
    )


def _similar(a: str, b: str) -> bool:
    return overlap(content_words(a), content_words(b)) >= 0.8


def merge(module: Module, material: Material, course: Course) -> Module:
    """Authored items first (kept as they are), generated ones fill up to the counts."""
    counts = course.config.pedagogy
    own_obj: tuple[Objective, ...] = _authored(module.objectives)
    new_obj = [(n, o) for n, o in enumerate(material.objectives)
               if not any(_similar(o.text, a.text) for a in own_obj)]
    keep_obj = new_obj[: max(0, counts.objectives - len(own_obj))]
    numbers = {old: len(own_obj) + new for new, (old, _) in enumerate(keep_obj)}
    own_q: tuple[Question, ...] = _with_notes(_authored(module.discussion), material)
    gen_q = [q for q in renumbered(material.discussion, numbers)
             if not any(_similar(q.text, a.text) for a in own_q)]
    own_items: tuple[QuizItem, ...] = _authored(module.quiz)
    gen_items = [q for q in _repointed(renumbered(material.quiz, numbers), own_obj)
                 if not any(_similar(q.stem, a.stem) for a in own_items)]
    objectives = own_obj + tuple(o for _, o in keep_obj)
    discussion = own_q + tuple(gen_q[: max(0, counts.questions - len(own_q))])
    gen_items = pointed(gen_items[: max(0, counts.quiz_items - len(own_items))], objectives,
                        own_items + discussion, course.lang.code == "en")
    objectives, discussion, own_items, gen_items = covered(
        objectives, discussion, own_items, gen_items, course.lang.code == "en")
    terms: list[Term] = list(module.terms)
    known = {t.term.lower() for t in terms}
    terms.extend(t for t in material.terms if t.term.lower() not in known)
    return dataclasses.replace(
        module,
        summary=module.summary or material.summary,
        objectives=objectives,
        discussion=discussion,
        quiz=own_items + tuple(gen_items),
        terms=tuple(terms),
        notes=tuple(dict.fromkeys(module.notes + material.notes)),
    )


COVERS = 0.6
"""How close in meaning (cosine of the sentence embeddings) a generated question or
item must be to an objective nothing assesses to be counted as assessing it too;
without the model, :data:`REPOINT` of its content words."""


def covered(objectives: tuple[Objective, ...], questions: tuple[Question, ...],
            own_items: tuple[QuizItem, ...], items: list[QuizItem], english: bool
            ) -> tuple[tuple[Objective, ...], tuple[Question, ...], tuple[QuizItem, ...],
                       list[QuizItem]]:
    """Every objective assessed where the module's material can do it: an objective
    that no question or item assesses is given to the generated discussion question
    (else quiz item) closest to it in meaning, when close enough (the lesson's own
    'Redirect a command's output to a file' and the question on what goes wrong when
    one redirects into the file being read); a generated objective that none comes
    near is left out, when the module keeps two objectives at two levels without
    it (an objective nothing assesses is a promise the material does not keep). An
    authored objective stays: `coursepack check` names it."""
    if not objectives:
        return objectives, questions, own_items, items
    out_q, out_i = list(questions), list(items)
    everything: list[Question | QuizItem] = [*out_q, *own_items, *out_i]
    bare = [n for n in range(len(objectives)) if not any(n in x.objectives for x in everything)]
    pool: list[Question | QuizItem] = [q for q in out_q if q.origin != "authored"]
    pool += [i for i in out_i if i.origin != "authored"]
    if bare and pool:
        score = _closeness(english)
        least = COVERS if english and _embedder() is not None else REPOINT
        texts = [x.text if isinstance(x, Question) else _asked(x) for x in pool]
        pairs = sorted(((score(t, [objectives[n].text])[0], -n, -k) for n in bare
                        for k, t in enumerate(texts)), reverse=True)
        given: set[int] = set()
        for s, neg_n, neg_k in pairs:
            n, k = -neg_n, -neg_k
            now: list[Question | QuizItem] = [*out_q, *out_i]
            if s < least or k in given or any(n in x.objectives for x in now):
                continue
            given.add(k)  # one objective more per question or item, at most
            target = pool[k]
            if isinstance(target, Question):
                q = out_q.index(target)
                out_q[q] = dataclasses.replace(target, objectives=(*target.objectives, n))
            else:
                q = out_i.index(target)
                out_i[q] = dataclasses.replace(target, objectives=(*target.objectives, n))
    return _without_unassessed(objectives, tuple(out_q), own_items, out_i)


def _without_unassessed(objectives: tuple[Objective, ...], questions: tuple[Question, ...],
                        own_items: tuple[QuizItem, ...], items: list[QuizItem]
                        ) -> tuple[tuple[Objective, ...], tuple[Question, ...],
                                   tuple[QuizItem, ...], list[QuizItem]]:
    """The objectives less the generated ones nothing assesses, one by one from the
    last, as long as two objectives at two Bloom levels remain; references
    renumbered."""
    keep = list(range(len(objectives)))
    everything: list[Question | QuizItem] = [*questions, *own_items, *items]
    for n in reversed(range(len(objectives))):
        if objectives[n].origin == "authored" or any(n in x.objectives for x in everything):
            continue
        if _spare(objectives, {*range(len(objectives))} - {*keep} | {n}):
            keep = [k for k in keep if k != n]
    if len(keep) == len(objectives):
        return objectives, questions, own_items, items
    numbers = {old: new for new, old in enumerate(keep)}
    return (tuple(objectives[k] for k in keep), renumbered(questions, numbers),
            renumbered(own_items, numbers), list(renumbered(items, numbers)))


CLOSER = 0.08
"""How much closer in meaning (cosine of the sentence embeddings) an item must be to
another objective than to the one it points at to be moved there; without the
model, :data:`CLOSER_WORDS` more of the objective's content words."""
CLOSER_WORDS = 0.25


def pointed(items: list[QuizItem], objectives: tuple[Objective, ...],
            others: tuple[QuizItem | Question, ...], english: bool) -> list[QuizItem]:
    """Each generated item pointed at the objective it tests most: the one closest in
    meaning to what the item asks (its stem with the key filled in), when that one is
    clearly closer than the objective it points at (round7: 'maps to O3 instead of
    O1', 'maps to O2, not O1'). An item moves only when the objective it leaves stays
    assessed by another item or question, or was written by the author, or can go
    (:func:`_spare`: :func:`covered` then leaves it out), and never from an objective
    that names its key ('Define X ...' for a blank on X)."""
    if len(objectives) < 2 or not items:
        return items
    texts = [o.text for o in objectives]
    score = _closeness(english)
    out = list(items)
    left: set[int] = set()
    for n, item in enumerate(out):
        if len(item.objectives) != 1 or item.origin == "authored":
            continue
        (now,) = item.objectives
        if now >= len(objectives):
            continue
        key = _key(item).lower()
        if key and key in objectives[now].text.lower():
            continue  # 'Define non-segmented ...' is what a blank on 'non-segmented' tests
        scores = score(_asked(item), texts)
        best = max(range(len(texts)), key=lambda k: (scores[k], -k))
        margin = CLOSER if english and _embedder() is not None else CLOSER_WORDS
        if best == now or scores[best] < scores[now] + margin:
            continue
        rest = [x for k, x in enumerate(out) if k != n] + list(others)
        if objectives[now].origin != "authored" and not any(now in x.objectives for x in rest):
            if not _spare(objectives, left | {now}):
                continue  # its only test, and the module needs the objective it would leave
            left.add(now)  # left unassessed: :func:`covered` leaves it out
        out[n] = dataclasses.replace(item, objectives=(best,))
    return out


def _spare(objectives: tuple[Objective, ...], left: set[int]) -> bool:
    """Whether the objectives ``left`` can go: none authored, and two objectives
    at two Bloom levels remain (the issue's minimum)."""
    rest = [o for n, o in enumerate(objectives) if n not in left]
    return (all(objectives[n].origin != "authored" for n in left)
            and len(rest) >= 2 and len({o.bloom for o in rest}) >= 2)


def _key(item: QuizItem) -> str:
    """The item's key: the answer of a blank or a multiple-choice item ('' for true/false)."""
    return item.answer if isinstance(item.answer, str) else (
        item.choices[item.answer] if item.kind == "multiple_choice" else "")


def _asked(item: QuizItem) -> str:
    """What the item asks about, as a statement: the stem with its key filled in."""
    key = _key(item)
    return BLANK.sub(lambda _: key, item.stem, count=1) if key else item.stem


def _embedder():  # type: ignore[no-untyped-def]
    from .semantic import get_embedder

    return get_embedder()


def _closeness(english: bool):  # type: ignore[no-untyped-def]
    embedder = _embedder() if english else None
    if embedder is not None:
        def by_meaning(text: str, options: list[str]) -> list[float]:
            sims = embedder.similarity(text, options)
            return [sims[o] for o in options]
        return by_meaning

    def by_words(text: str, options: list[str]) -> list[float]:
        words = content_words(text)
        return [overlap(content_words(o) - {o.split()[0].lower()}, words) for o in options]
    return by_words
