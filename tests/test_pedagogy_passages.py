"""Facilitation-note passages (rules/passages.py), round 10: the author's own next
sentences on the claim, and never a passage about a sibling of what the claim is
about. Each test runs draw_on on a fixed text and asserts the passages cited."""

from __future__ import annotations

import pytest

from builder.pedagogy.rules.analysis import ModuleAnalysis
from builder.pedagogy.rules.passages import continuation, draw_on, passages_line
from builder.pedagogy.text import Casing


@pytest.fixture(autouse=True)
def _embeddings() -> None:
    from builder.pedagogy.semantic import get_embedder

    if get_embedder() is None:
        pytest.skip("the sentence embedding model is not installed")


def _analysis(text: str) -> ModuleAnalysis:
    return ModuleAnalysis(text, Casing(text))


def _picked(text: str, question: str, claim_start: str) -> list[str]:
    analysis = _analysis(text)
    sentence = next(s for s in analysis.sents if s.text.startswith(claim_start))
    return [analysis.sents[i].text for i in draw_on(question, sentence, analysis)]


ADVICE = (
    "Keep a notebook beside the bench at all times. Write down every reading as you take it, "
    "and never trust your memory for a number. But then you must also avoid filling pages "
    "with readings nobody will look at again. For those too are wasted who record everything "
    "and have no question to ask of what they record.\n\n"
    "A good notebook has numbered pages and a table of contents. Ink lasts longer than pencil "
    "on paper that gets wet."
)


def test_the_sentences_that_carry_the_claim_on_are_cited_first() -> None:
    analysis = _analysis(ADVICE)
    claim = next(s for s in analysis.sents if s.text.startswith("Write down"))
    carried = [analysis.sents[i].text[:20] for i in continuation(claim, analysis)]
    assert carried == ["But then you must al", "For those too are wa"]
    picked = _picked(ADVICE, 'The author advises: "Write down every reading as you take it, '
                     'and never trust your memory for a number". Where in your own work would '
                     "this be hardest to follow?", "Write down")
    # the one that supports it first, then the one that qualifies it
    assert [p[:20] for p in picked] == ["For those too are wa", "But then you must al"]


def test_a_conclusion_drawn_from_the_claim_or_a_new_paragraph_does_not_carry_it() -> None:
    text = ("Rivers carry the soil of the hills down to the plains. Thus the plains are fertile "
            "and the hills are bare.\n\nFor the farmers, floods are both a gift and a danger.")
    analysis = _analysis(text)
    assert continuation(analysis.sents[0], analysis) == []


def test_a_passage_on_a_sibling_of_the_claims_subject_is_not_cited() -> None:
    # round8/round9 06-m01-D2: a claim on 'open participation' got the 'open identities'
    # passages; the teachers wanted the ones on open participation itself
    text = (
        "Open review takes several forms. Open identities reviews fosters accountability "
        "amongst reviewers.\n\n"
        "Open identities reviews enable reviewers to gain public credit for their reviewing, "
        "which rewards the work of reviewing.\n\n"
        "Open participation could overcome the problems of editorial selection of reviewers, "
        "such as closed networks. For early career researchers who are not yet invited to "
        "review, open participation may also be a chance to practise reviewing.\n\n"
        "Open participation reviews and open identities reviews can be combined."
    )
    analysis = _analysis(text)
    assert "open participation" in [p.lower() for p in analysis.key_phrases]
    picked = _picked(text, "The reading suggests that open participation could overcome the "
                     "problems of editorial selection of reviewers. What evidence does it "
                     "offer?", "Open participation could")
    assert picked and not any(p.startswith("Open identities") for p in picked)
    assert picked[0].startswith("For early career researchers")


def test_a_long_continuation_is_quoted_up_to_a_clause_boundary() -> None:
    long = ("But to leave the city is not a thing to be afraid of, for the council will not "
            "harm you; and if the council does not exist, or if it has no concern for the "
            "people, what is it to you to live in a city without a council, or without any of "
            "the things that people call order and peace?")
    text = "You may have to leave the city any day now, so arrange your affairs. " + long
    analysis = _analysis(text)
    claim = analysis.sents[0]
    assert continuation(claim, analysis) == [1]
    line = passages_line([1], analysis)
    assert line.startswith("Passages to draw on: “But to leave the city is not a thing")
    assert len(line.split()) < len(long.split())


def test_a_continuation_qualifies_the_claim_only_by_its_opening_word() -> None:
    from builder.pedagogy.rules.passages import carried_role

    analysis = _analysis("The mayor built a new port. It changed the town.")
    # round10 03-m01-D1: 'unlike Tocqueville' compares; it does not qualify the claim
    assert carried_role("This mayor, unlike his rivals, was also a builder of ports.",
                        analysis) == ""
    assert carried_role("But then the port must also be kept open in winter.",
                        analysis) == "contrast"
    assert carried_role("For those who trade need a harbour that never freezes.",
                        analysis) == "reason"


def test_the_subject_is_read_at_the_start_or_after_a_short_lead_in() -> None:
    from builder.pedagogy.rules.passages import _subject

    text = ("Open participation lets anyone review. Open identities reviews name the reviewer. "
            "Open participation could overcome editorial bias. Open identities reviews add "
            "accountability.")
    analysis = _analysis(text)
    assert _subject("Open participation, unlike closed review, invites anyone.", analysis) == (
        "open", "participation")
    assert _subject("In combination, open identities reviews lead to better reviews.",
                    analysis) == ("open", "identities")
    assert _subject("Reviewers were invited by the editor.", analysis) is None
