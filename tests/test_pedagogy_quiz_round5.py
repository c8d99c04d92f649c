"""Round-5 quiz patterns from the blind reviews (issue 12): opinions and hedges
attributed or left out of true/false, no item on a word's etymology, no blank
on a filler phrase or an idiom, fill-in answers that accept the reading's own
variants (and not a bare everyday head noun), no multiple-choice distractor the
paragraph uses for the key itself. Each test runs on a fixed text and asserts
the item made (or not made), not a checker's verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pedagogy.answers import variants
from builder.pedagogy.rules import RulesBackend
from builder.pedagogy.rules.cloze import blanks
from builder.pedagogy.rules.quiz import false_statement, multiple_choice, true_statement

from .test_pedagogy_items import LABELS, claim_with, course_of

STYLE = (
    "Anyone can mouth out a passage with a theatrical cadence and a loud voice. "
    "Writing or speaking with propriety and simplicity is a more difficult task than it seems. "
    "Open participation could overcome the problems of the editorial selection of reviewers. "
    "The cat command gets its name from the word concatenate, which means to join together. "
    "The wc command counts the lines, words and characters in each file it is given."
)


def test_an_opinion_is_true_only_as_the_authors_by_name(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Style", STYLE))
    backend = RulesBackend(course)
    claim = claim_with(backend, course.modules[0].id, "Writing or speaking")
    assert true_statement(claim, LABELS, "") is None  # copied, it asserts an opinion as fact
    item = true_statement(claim, LABELS, "Hazlitt")
    assert item is not None and item.answer == 0
    assert item.stem == (
        "According to Hazlitt, writing or speaking with propriety and simplicity is a more "
        "difficult task than it seems."
    )


def test_a_hedge_is_no_fact_true_or_swapped(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Style", STYLE))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Open participation could")
    assert true_statement(claim, LABELS, "") is None
    assert false_statement(backend.index, module_id, claim, LABELS) is None
    item = true_statement(claim, LABELS, "Ross-Hellauer")
    assert item is not None
    assert item.stem.startswith("According to Ross-Hellauer, open participation could overcome")


def test_no_item_on_a_words_etymology(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Style", STYLE))
    backend = RulesBackend(course)
    module = course.modules[0]
    analysis = backend.index.analyses[module.id]
    trivia = claim_with(backend, module.id, "The cat command gets its name")
    assert true_statement(trivia, LABELS) is None
    assert false_statement(backend.index, module.id, trivia, LABELS) is None
    for kind in ("fill_blank", "multiple_choice"):
        assert backend.quizzes._item(kind, module, analysis, trivia, [0], False) is None
    fact = claim_with(backend, module.id, "The wc command counts")
    item = true_statement(fact, LABELS)
    assert item is not None and item.stem.startswith("The wc command counts the lines")


FILLER = (
    "A far-sighted advocate for the vote, Phillips planted himself on the broader "
    "democratic principle that the people and public opinion should rule the nation. "
    "A man who does not observe the movements of his own mind must of necessity be "
    "unhappy in the end. "
    "Necessity is what drives the movements of the mind according to the old philosophers. "
    "The democratic principle of public opinion was the heart of the democratic creed."
)


def test_no_blank_on_a_filler_phrase_or_an_idiom(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Filler", FILLER))
    backend = RulesBackend(course)
    analysis = backend.index.analyses[course.modules[0].id]
    claim = claim_with(backend, course.modules[0].id, "A far-sighted advocate")
    keys = [b.key for b in blanks(analysis, claim)]
    assert "broader democratic principle" not in keys  # 'broader': a grade of 'broad'
    idiom = claim_with(backend, course.modules[0].id, "A man who does not observe")
    assert "necessity" not in [b.key for b in blanks(analysis, idiom)]


ESSENTIAL = (
    "The commitment to peacekeeping is in line with other essential pillars that the "
    "member nations abide by, such as democracy and equality. "
    "The essential pillars of the charter were written down by the founding members. "
    "Peacekeeping missions build trust between the member nations of the region."
)


def test_no_fill_in_on_a_praising_modifier(tmp_path: Path) -> None:
    from builder.pedagogy.rules.quiz import fill_blank

    course = course_of(tmp_path, ("Pillars", ESSENTIAL))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The commitment to peacekeeping")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "essential pillars")
    assert fill_blank(blank, backend.index) is None
    # nor a module short of its fewest items (round 10: 'essential pillars' was
    # rejected in rounds 8 and 9 when the last resort took it)
    assert fill_blank(blank, backend.index, strict=False) is None


def test_fill_in_accepts_the_readings_own_variants() -> None:
    reading = (
        "Tocqueville feared the power of the majority. Phillips shared the fear that "
        "majority rule could turn into majoritarian tyranny."
    )
    assert variants("majoritarian tyranny", "turn into ", ".", reading) == (
        "tyranny", "tyranny of the majority", "majority tyranny",
    )  # round 8: the head noun alone too (round7 03-m04-FB1, narrow-answer)
    assert variants("tyranny of the majority", "turn into ", ".",
                    "the majority ... majoritarian tyranny") == (
        "majoritarian tyranny", "majority tyranny",
    )
    # the stem already has 'a familiar' before the blank: 'vulgar' answers it
    assert "vulgar" in variants("vulgar style", "Many people mistake a familiar for a ",
                                ", and suppose.")
    # a name before a head noun that only classes it
    assert variants("EPSG system", "The ", " is a database.") == ("EPSG",)
    assert "uniq" in variants("uniq command", "The ", " filters out lines.")
    assert variants("sort command", "The ", " sorts lines.") == ()  # 'sort' is a word


def test_fill_in_never_accepts_the_readings_everyday_head_noun() -> None:
    reading = "We compare data. " * 8 + "Bar charts are perfect for comparing categorical data."
    assert variants("categorical data", "comparing ", ".", reading) == ()
    # a head noun the reading seldom uses is still accepted alone
    assert "growth" in variants("mutual growth", "they share ", ".", "They share mutual growth.")


HAZLITT = (
    "It is as easy to write a gaudy style without ideas as it is to spread a pallet of "
    "showy colours on a canvas. The florid style is the reverse of the familiar in "
    "every respect. The familiar style is employed as an unvarnished medium to convey "
    "ideas to the reader.\n\n"
    "A pompous style uses a word twice as big as the thing it wants to express. "
    "An antiquated style digs up words that nobody has used for a century or more. "
    "A vulgar style picks the first word that comes without caring whether it fits. "
    "A mannered style twists every plain phrase into a riddle for its reader."
)


def test_no_distractor_the_paragraph_uses_for_the_key(tmp_path: Path) -> None:
    course = course_of(tmp_path, ("Styles", HAZLITT))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The florid style is the reverse")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "florid style")
    item = multiple_choice(backend.index, module_id, blank, 0)
    assert item is not None, "three styles described in a paragraph of their own"
    assert item.choices[0] == "florid style"
    assert "gaudy style" not in item.choices, item.choices
    assert all(c.endswith(" style") for c in item.choices), item.choices


def test_fill_in_accepts_the_author_s_other_word_for_the_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'gaudy style' in the key's paragraph is the author's word for the florid
    style: a fill-in accepts it; the kinds described in a paragraph of their own
    are not accepted. (This stem is too thin to be a fill-in at all since round9,
    where a reviewer called 'pompous style' a second key: THIN_STEM is lifted here to
    test the accepted answers alone.)"""
    from builder.pedagogy.rules import quiz
    from builder.pedagogy.rules.quiz import fill_blank

    monkeypatch.setattr(quiz, "THIN_STEM", -1)

    course = course_of(tmp_path, ("Styles", HAZLITT))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The florid style is the reverse")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "florid style")
    item = fill_blank(blank, backend.index, strict=False)
    assert item is not None
    assert "gaudy style" in item.accept, item.accept
    assert not {"pompous style", "vulgar style", "familiar style"} & set(item.accept)


SHELL_TEXT = (
    "Pipes let one program pass its output to the uniq command in a single line of text. "
    "The sort command orders the lines of a file so that matching lines come together. "
    "The uniq command filters out adjacent matching lines and keeps the first of each run. "
    "We often run the head command on a long file before anything else in the lesson."
)


def test_fill_in_feedback_says_what_the_key_is(tmp_path: Path) -> None:
    """Feedback quotes where the reading says what the blanked phrase is or does,
    not only the sentence the blank was made from."""
    from builder.pedagogy.rules.quiz import fill_blank

    course = course_of(tmp_path, ("Shell", SHELL_TEXT))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Pipes let one program")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "uniq command")
    item = fill_blank(blank, backend.index, strict=False)
    assert item is not None
    assert item.feedback.startswith(
        "“uniq command” is right: the reading says what it is: “The uniq command filters out "
        "adjacent matching lines and keeps the first of each run.”"
    ), item.feedback


SPIKE_TEXT = (
    "Viral receptors show higher affinity with protein receptors than sugar receptors, "
    "which suggests that relaxed conservation might reduce the risk of a harmful mutation. "
    "Even within the S1 domain, some regions are more conserved than others, with the "
    "receptors in the N-terminal domain evolving more rapidly than those in its C-terminal "
    "domain (S1-CTD). "
    "The spike protein binds to the surface of the host cells in the lungs and the kidneys."
)


def test_a_hedge_in_a_trimmed_comment_keeps_the_swap(tmp_path: Path) -> None:
    """The hedge is in the comment clause the statement leaves out ('which suggests
    ... might'): the swap of the claim itself is still a plain false statement."""
    course = course_of(tmp_path, ("Spike", SPIKE_TEXT))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Viral receptors show")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is not None and item.answer == 1
    assert item.stem == (
        "Viral receptors show higher affinity with sugar receptors than protein receptors."
    )


def test_no_exchange_of_a_part_and_its_whole(tmp_path: Path) -> None:
    """'the S1 domain' holds 'its C-terminal domain (S1-CTD)': no false statement
    trades them."""
    course = course_of(tmp_path, ("Spike", SPIKE_TEXT))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "Even within the S1 domain")
    item = false_statement(backend.index, module_id, claim, LABELS)
    assert item is None


def test_no_mixed_options_when_the_key_has_a_family(tmp_path: Path) -> None:
    """A module short of items may take options that are not siblings of the key,
    but not when the text has siblings of it: 'florid style' among 'canvas',
    'reader' and 'century' stands out."""
    course = course_of(tmp_path, ("Styles", HAZLITT))
    backend = RulesBackend(course)
    module_id = course.modules[0].id
    claim = claim_with(backend, module_id, "The florid style is the reverse")
    blank = next(b for b in blanks(backend.index.analyses[module_id], claim)
                 if b.key == "florid style")
    assert multiple_choice(backend.index, module_id, blank, 0, siblings=False) is None


def test_a_judgment_is_an_opinion_a_fact_is_not() -> None:
    from builder.pedagogy.rules.quiz import opinion

    assert opinion("The question of tools is not any easy one.")
    assert opinion("Writing with propriety is a more difficult task than it seems.")
    assert opinion("Open participation could overcome problems of editorial selection.")
    assert not opinion("The greater than symbol, >, tells the shell to redirect the output.")
    assert not opinion("The uniq command filters out adjacent matching lines in a file.")


def test_a_list_of_gerunds_is_not_trimmed_as_a_comment() -> None:
    from builder.pedagogy.rules.quiz import trimmed

    listed = "PROJ is an open-source library for storing, representing and transforming data."
    assert trimmed(listed) == listed
    comment = "The river floods the valley every spring, building wide plains of silt."
    assert trimmed(comment) == "The river floods the valley every spring."
