"""True/false items in Spanish, French and Arabic that swap two siblings a sentence
sets side by side (issues 12 and 14: "a one-change false statement on a central
fact", never a near-synonym swap), and true/false keys balanced per course. Small
texts written for these tests (no corpus essay)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import plan, read, review
from builder.language import language
from builder.model import Course
from builder.pedagogy.lang import Writer
from builder.pedagogy.lang.items import mutual_swap, pairs_of
from builder.pedagogy.lang.text import sentences
from builder.pedagogy.notes import notes_for


def swap(tag: str, text: str, marker: str) -> str | None:
    """The false statement made from the sentence holding ``marker``, or None."""
    lang = language(tag)
    sents = sentences(text, lang)
    together = pairs_of(sents, lang)
    sent = next(s for s in sents if marker in s.text)
    item = mutual_swap(sent, lang, together)
    if item is None:
        return None
    assert item.answer == 1 and item.choices == lang.true_false
    assert sent.text in item.feedback  # the feedback quotes what the text says
    return item.stem


FRENCH = (
    "Le cadastre réunit deux documents, le plan et le registre. "
    "Chaque parcelle du plan porte un numéro, et chaque ligne du registre donne un nom. "
    "Le plan se consulte en mairie, tandis que le registre reste aux archives départementales. "
    "Les colonnes et les lignes du registre se lisent ensemble, ligne après colonne."
)


def test_french_two_documents_the_text_sets_side_by_side_trade_places() -> None:
    assert swap("fr", FRENCH, "se consulte") == (
        "Le registre se consulte en mairie, tandis que le plan reste aux archives "
        "départementales.")
    # "les colonnes et les lignes": a list, where a swap changes nothing
    assert swap("fr", FRENCH, "se lisent") is None


def test_french_a_quoted_name_stays_with_its_word() -> None:
    text = (
        "Un tableau a des colonnes et des lignes. "
        "Il range les caractéristiques (ou les « attributs », dans les colonnes) qui "
        "décrivent des cas concrets (les « enregistrements », sur les lignes). "
        "Les attributs ne sont pas les enregistrements."
    )
    # the things trade places, the names keep glossing their words
    assert swap("fr", text, "Il range") == (
        "Il range les caractéristiques (ou les « attributs », dans les lignes) qui "
        "décrivent des cas concrets (les « enregistrements », sur les colonnes).")


SPANISH = (
    "El fundido de entrada y el fundido de salida suavizan la pista. "
    "Es buena idea incluir un fundido de entrada (fade in) al comienzo de la pista y un "
    "fundido de salida (fade out) al final de la grabación. "
    "Para completar el proceso de exportación, lo más importante es el tipo de archivo. "
    "La exportación elige un archivo."
)


def test_spanish_a_gloss_in_brackets_moves_with_its_word() -> None:
    assert swap("es", SPANISH, "Es buena idea") == (
        "Es buena idea incluir un fundido de salida (fade out) al comienzo de la pista y un "
        "fundido de entrada (fade in) al final de la grabación.")


def test_spanish_two_words_after_the_same_preposition_need_the_same_head() -> None:
    # "proceso de exportación", "tipo de archivo": things of two kinds
    assert swap("es", SPANISH, "tipo de archivo") is None


ARABIC = (
    "يتواصل الخادم مع المتصفح عبر الشبكة. "
    "تُحفظ البيانات في الخادم بينما تُعرض النتائج في المتصفح أمام المستخدم. "
    "يبدأ الطلب من المتصفح وينتهي الرد من الخادم. "
    "قد يبدو أن الطريق طويل ولكن يجب أن يتم بناؤه تدريجيا. "
    "الطريق الممهد يتم بناؤه مع الفرق."
)


def test_arabic_two_definite_nouns_trade_places_and_particles_stay() -> None:
    assert swap("ar", ARABIC, "تُحفظ") == (
        "تُحفظ البيانات في المتصفح بينما تُعرض النتائج في الخادم أمام المستخدم.")
    text = ARABIC + " تعمل الأداة بالخادم في الصباح وتنتهي بالمتصفح دائما. ويعمل الخادم مع المتصفح."
    # a joined particle ("ب") stays before the blank of its word
    assert swap("ar", text, "تعمل الأداة") == "تعمل الأداة بالمتصفح في الصباح وتنتهي بالخادم دائما."


def test_arabic_a_noun_never_trades_places_with_a_verb() -> None:
    # round 10 draft: "الطريق" and "يتم" swapped made no sentence
    assert swap("ar", ARABIC, "قد يبدو") is None


def course(tmp_path: Path, language_tag: str, body: str) -> Course:
    root = tmp_path / "course"
    root.mkdir()
    (root / "essay.md").write_text(body, encoding="utf-8")
    (root / "course.toml").write_text(
        f'language = "{language_tag}"\n\n[plan]\nmin_words = 0\nmin_minutes = 0\n',
        encoding="utf-8")
    return review.apply(plan.plan_course(read.read_course(root, "course")), None)


COURSE = """# Le cadastre

## Le plan et le registre

Le cadastre est une source essentielle de l’histoire rurale française du dix-neuvième siècle.
Le cadastre réunit deux documents complémentaires, le plan parcellaire et le registre des
propriétaires.
Le plan se consulte en mairie, tandis que le registre reste aux archives départementales.
Chaque parcelle du plan porte un numéro unique, et le registre donne le nom du propriétaire de
chaque parcelle.
Les historiens comparent le plan et le registre pour suivre les ventes de terres entre les
familles paysannes.

## Les mutations

Une mutation est « le changement de propriétaire d’une parcelle inscrit au registre ».
Les mutations se notent dans la colonne de droite, tandis que les parcelles se notent dans la
colonne de gauche du registre.
Chaque mutation renvoie à un acte notarié conservé dans les minutes du notaire du canton.
Les mutations et les parcelles forment ensemble la trame de l’histoire foncière des villages.
Les historiens lisent les mutations pour reconstituer les stratégies patrimoniales des familles.
"""


def test_a_module_short_of_two_items_gets_a_swap_and_a_true_one_beside_it(
        tmp_path: Path) -> None:
    made = course(tmp_path, "fr", COURSE)
    writer = Writer(made, notes_for("fr"))
    analysis = writer.analyses[made.modules[0].id]
    items = writer._complete(analysis, (), 4, lambda item: True)
    assert items[0].stem == ("Le registre se consulte en mairie, tandis que le plan reste "
                             "aux archives départementales.")
    assert items[0].answer == 1
    # the course had no statement to judge: a true one beside the false one
    assert [i.answer for i in items if i.kind == "true_false"] == [1, 0]
    assert items[1].stem in " ".join(COURSE.split())  # the text's own statement
    # a course whose statements already lean true gets no other true one
    writer.keys.update([0, 0])
    assert [i.answer for i in writer._complete(analysis, (), 4, lambda item: True)] == [1]
    # a module with its two items already gets nothing more
    both = writer._complete(analysis, (items[1], items[1]), 4, lambda item: True)
    assert len(both) == 2


def test_the_course_keys_stay_balanced(tmp_path: Path) -> None:
    made = course(tmp_path, "fr", COURSE)
    writer = Writer(made, notes_for("fr"))
    quizzes = [writer.generate(m).quiz for m in made.modules]
    keys = [i.answer for q in quizzes for i in q if i.kind == "true_false"]
    if len(keys) > 1:
        assert 0.4 <= keys.count(0) / len(keys) <= 0.6
    for quiz in quizzes:
        assert len(quiz) >= 2
        assert all(i.objectives for i in quiz)  # every item assesses an objective


def test_two_words_that_only_meet_are_no_pair_but_a_title_can_pair_them() -> None:
    lang = language("fr")
    text = (
        "Les historiens comparent le plan et le registre pour suivre les familles paysannes. "
        "Les historiens lisent les actes des familles du canton."
    )
    sents = sentences(text, lang)
    # "les historiens … les familles": the same article, but never set side by side
    assert mutual_swap(sents[0], lang, pairs_of(sents, lang)) is None
    # a title that names both ("Des historiens aux familles") sets them side by side
    titled = pairs_of(sents, lang, ("Des historiens aux familles",))
    item = mutual_swap(sents[0], lang, titled)
    assert item is not None and item.stem.startswith("Les familles comparent")


def test_a_fill_in_accepts_the_other_number_and_names_the_text_writes() -> None:
    from builder.pedagogy.lang.items import _other_names, _other_number

    fr, es = language("fr"), language("es")
    text_of = "les registres fiscaux se lisent avec un registre des ventes"
    # a form the course writes, never an invented one ("ventess", "fiscals")
    assert _other_number("registres", text_of, fr) == ["registre"]
    assert _other_number("ventes", text_of, fr) == []
    assert _other_number("diagrama de onda", "el diagrama de ondas se ve", es) == [
        "diagrama de ondas"]
    raw = "Chaque fiche porte une « cote », ou « référence », et un « titre »."
    assert _other_names("référence", raw, fr) == ["cote"]
    assert _other_names("cote", raw, fr) == ["référence"]
    assert _other_names("titre", raw, fr) == []  # "et": another thing, not another name


def test_a_fill_in_never_accepts_a_name_its_stem_shows(tmp_path: Path) -> None:
    from builder.pedagogy.lang import _quoted_terms
    from builder.pedagogy.lang.items import fill_blank, slots

    text = (
        "# Archives\n\n## Fiches\n\n"
        "Les archives municipales conservent des registres fiscaux très anciens. "
        "Chaque parcelle du plan correspond à une « fiche », ou « notice », dans "
        "l’inventaire des archivistes. Les notices décrivent les parcelles une à une.\n"
    )
    made = course(tmp_path, "fr", text)
    w = Writer(made, notes_for("fr"))
    analysis = w.analyses[made.modules[-1].id]
    glossary = w._terms(analysis)
    analysis.defined = {t.term.lower() for t in glossary}
    _quoted_terms(analysis, glossary)
    sent = next(s for s in analysis.sents if "« notice »" in s.text)
    found = [s for s in slots(analysis, sent, 12) if s.phrase.text == "notice"]
    assert found
    item = fill_blank(found[0], w.lang, w.text_of, w.raw)
    assert item is not None and item.answer == "notice"
    assert "notices" in item.accept  # the plural the text writes
    assert "fiche" not in item.accept  # the stem shows it: "une « fiche », ou « _____ »"


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "10-concevoir-base-donnees.md").exists(),
                    reason="the shared corpus (../shared/corpus) is not here")
def test_corpus_french_modules_reach_two_items_with_balanced_keys(tmp_path: Path) -> None:
    made = course(tmp_path, "fr", (CORPUS / "10-concevoir-base-donnees.md").read_text(
        encoding="utf-8"))
    writer = Writer(made, notes_for("fr"))
    quizzes = {m.id: writer.generate(m).quiz for m in made.modules}
    items = [i for q in quizzes.values() for i in q]
    keys = [i.answer for i in items if i.kind == "true_false"]
    assert len(keys) >= 2 and 0.4 <= keys.count(0) / len(keys) <= 0.6
    # no blank on an everyday word at the end of a quotation no objective is about
    assert not any(i.kind == "fill_blank" and i.answer == "réalité" for i in items)
    assert sum(1 for q in quizzes.values() if len(q) >= 2) >= 2
