"""Teaching material in Spanish, French and Arabic (builder.pedagogy.lang): terms
from the definitions a text writes in its own language, objectives that pair only
what one sentence relates, blanks on terms rather than everyday words, false
statements that change one contrasted thing. Small texts written for these tests
(no corpus essay), so the rules are checked on text they were not tuned on."""

from __future__ import annotations

from pathlib import Path

from builder import plan, read, review
from builder.model import Course
from builder.pedagogy.lang import Writer
from builder.pedagogy.lang.ideas import ideas
from builder.pedagogy.lang.items import Slot, false_swap, multiple_choice, slots
from builder.pedagogy.notes import notes_for


def course(tmp_path: Path, language: str, body: str) -> Course:
    root = tmp_path / "course"
    root.mkdir()
    (root / "essay.md").write_text(f"# Título\n\n## Módulo\n\n{body}\n", encoding="utf-8")
    (root / "course.toml").write_text(
        f'language = "{language}"\n\n[plan]\nmin_words = 0\nmin_minutes = 0\n', encoding="utf-8")
    return review.apply(plan.plan_course(read.read_course(root, "course")), None)


def writer(tmp_path: Path, language: str, body: str) -> tuple[Writer, str]:
    made = course(tmp_path, language, body)
    module = made.modules[-1]
    return Writer(made, notes_for(language)), module.id


def terms(tmp_path: Path, language: str, body: str) -> dict[str, str]:
    w, module = writer(tmp_path, language, body)
    return {t.term: t.definition for t in w._terms(w.analyses[module])}


FRENCH = (
    "Les archives municipales conservent des registres fiscaux très anciens. "
    "Plus précisément, comme l’écrit un historien, un registre foncier est « un document "
    "qui recense les parcelles d’une commune et leurs propriétaires successifs ». "
    "On compare ensuite les parcelles d’une année à l’autre pour suivre les ventes - nous "
    "appelons cela la mutation foncière. Chaque parcelle du plan correspond à une "
    "« fiche », ou « notice », dans l’inventaire des archivistes."
)
SPANISH = (
    "El taller usa un telar de pedal para tejer mantas gruesas de lana. "
    "La manta se teje en sarga, lo que significa que los hilos se cruzan en diagonal "
    "sobre la trama. La urdimbre se monta en un bastidor, una estructura utilizada para "
    "mantener los hilos tensos durante todo el tejido."
)
ARABIC = (
    "تعتمد المؤسسات على أنظمة إدارة المحتوى (CMS) لنشر صفحاتها بسرعة. "
    "الأرشفة الرقمية هي عملية حفظ الوثائق في صيغ قابلة للقراءة على المدى الطويل. "
    "تحتاج أنظمة إدارة المحتوى إلى نسخ احتياطية منتظمة."
)


def test_french_definitions_in_the_course_language_are_terms(tmp_path: Path) -> None:
    found = terms(tmp_path, "fr", FRENCH)
    # "…, X est « … »" after an opening clause; the definition starts at the article
    assert found["registre foncier"].startswith("Un registre foncier est « un document")
    # "nous appelons cela la X": the sentence that says what it is
    assert "mutation foncière" in found and found["mutation foncière"].startswith("On compare")
    # "« X », ou « Y »": the second name of a thing the sentence introduces
    assert "notice" in found
    # a sentence that only uses a phrase defines nothing
    assert "archives municipales" not in found


def test_spanish_definitions_in_the_course_language_are_terms(tmp_path: Path) -> None:
    found = terms(tmp_path, "es", SPANISH)
    assert found["bastidor"].startswith("La urdimbre se monta en un bastidor, una estructura")
    assert found["sarga"].startswith("La manta se teje en sarga, lo que significa")
    assert set(found) == {"bastidor", "sarga"}  # the loom and the workshop are only named


def test_arabic_definition_and_abbreviation_after_arabic_words(tmp_path: Path) -> None:
    found = terms(tmp_path, "ar", ARABIC)
    assert found["الأرشفة الرقمية"].startswith("الأرشفة الرقمية هي عملية حفظ الوثائق")
    # the long form is the module's own repeated name for the thing, not the words
    # that happen to stand before the abbreviation
    assert "أنظمة إدارة المحتوى" in found["CMS"] and "تعتمد" not in found["CMS"]


RELATED = (
    "El barniz protege la madera de la humedad del taller durante años. "
    "La humedad del taller hincha las fibras de la madera y abre grietas. "
    "Los carpinteros prefieren el barniz de aceite para las mesas de cocina. "
    "El lijado final elimina las marcas del cepillo antes de aplicar el barniz."
)


def test_no_relation_objective_without_a_sentence_that_relates_the_pair(tmp_path: Path) -> None:
    w, module = writer(tmp_path, "es", RELATED)
    found = ideas(w.analyses[module], [])
    for idea in found:
        if idea.kind in ("relation", "compare"):
            # the sentence it rests on names both phrases of the objective
            assert idea.sentence is not None
            named = [p.text for p in w.analyses[module].key_phrases
                     if p.text in idea.objective.text]
            assert len(named) >= 2 and all(n in idea.sentence.text for n in named)
    # and there is always a frame on one central statement, quoted
    assert any(i.kind == "explain" and "«" in i.objective.text for i in found)


def test_blanks_skip_everyday_words_and_echoed_words(tmp_path: Path) -> None:
    body = (
        "El investigador o la investigadora revisa la documentación del archivo con cuidado. "
        "La investigadora compara la documentación del archivo con la prensa del periodo. "
        "El investigador anota en la documentación del archivo cada contradicción hallada."
    )
    w, module = writer(tmp_path, "es", body)
    analysis = w.analyses[module]
    first = analysis.sents[0]
    keys = [s.phrase.text for s in slots(analysis, first, 12)]
    # "el investigador o la _____" gives the answer away; "la casa"-like everyday
    # words are no target
    assert "investigadora" not in keys and "investigador" not in keys


def test_false_statement_swaps_a_contrasted_modifier(tmp_path: Path) -> None:
    body = (
        "El eje horizontal representa el tiempo del clip en segundos. "
        "El eje vertical representa la amplitud de la señal sonora grabada. "
        "La amplitud máxima se alcanza en los extremos de la escala vertical. "
        "En el eje vertical, el cero marca el silencio de la grabación."
    )
    w, module = writer(tmp_path, "es", body)
    analysis = w.analyses[module]
    item = false_swap(analysis, analysis.sents[1], w.lang)
    assert item is not None and item.answer == 1
    assert item.stem.startswith("El eje horizontal representa la amplitud")
    # nothing to contrast in a sentence whose phrases have no sibling
    assert false_swap(analysis, analysis.sents[2], w.lang) is None


def test_a_distractor_of_the_same_kind_first(tmp_path: Path) -> None:
    body = (
        "El eje horizontal representa el tiempo del clip en segundos. "
        "El eje vertical representa la amplitud de la señal sonora grabada. "
        "El micrófono capta la señal sonora y el ecualizador la convierte en una onda. "
        "El altavoz reproduce la señal sonora que el ecualizador guarda en el disco. "
        "Los valores del eje vertical van de menos uno a uno en la escala del ecualizador. "
        "En el eje vertical, el cero marca el silencio que el micrófono no capta."
    )
    w, module = writer(tmp_path, "es", body)
    analysis = w.analyses[module]
    assert "eje vertical" in [p.text for p in analysis.key_phrases]
    phrase = analysis.phrases["eje vertical"]
    slot = Slot(analysis.sents[1], phrase, phrase.occurrences[0])
    item = multiple_choice(slot, w._pool(module), w.lang, 0, w.text_of)
    assert item is not None and item.choices[0] == "eje vertical"
    # the other axis, which the course writes with another claim, is the first distractor
    assert item.choices[1] == "eje horizontal"
