"""The language registry: one loader, one fallback rule, and a language added
from data files alone."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import builder
from builder import language as registry
from builder.language import chain, language, primary_language
from builder.pedagogy.notes import _load as load_notes
from builder.strings import load_table


def test_one_fallback_rule_for_every_kind_of_data() -> None:
    assert chain("fr-CA") == ("en", "fr", "fr-ca")
    assert chain("AR") == ("en", "ar")
    assert chain("") == ("en",)
    assert primary_language("FR-ca") == "fr"
    theme = builder.theme_dir()
    # interface strings, notes and language data all read en, then fr, then fr-ca
    assert load_table(theme, "fr-CA")["check_answers"] == load_table(theme, "fr")["check_answers"]
    assert load_table(theme, "de")["check_answers"] == load_table(theme, "en")["check_answers"]
    assert language("FR").true_false == ("Vrai", "Faux") == language("fr-CA").true_false
    # German has section names but no frames: what it lacks comes from English
    german = language("de")
    assert german.introduction == "Einleitung" and german.native
    assert german.frames("define") == () and german.pair("A", "B") == "A und B"
    # a language without a file: English data, its own code and direction
    assert language("ur").direction == "rtl" and language("ur").code == "ur"
    assert not language("sw").native and language("sw").true_false == ("True", "False")


def test_course_language_comes_from_one_property(sample_course_fr) -> None:
    course = sample_course_fr
    assert course.lang is language(course.language)
    assert course.direction == "ltr" and language("ar").direction == "rtl"


@pytest.fixture
def sample_course_fr(tmp_path: Path):
    from tests.conftest import sample_course

    return sample_course(tmp_path, language="FR")


@pytest.mark.parametrize(("tag", "text", "bare"), [
    ("es", "la pista", "pista"), ("fr", "l’outil", "outil"), ("fr", "l'outil", "outil"),
    ("fr", "les données", "données"), ("en", "the river", "river"), ("es", "lado", "lado"),
])
def test_articles_come_off_answers(tag: str, text: str, bare: str) -> None:
    assert language(tag).bare(text) == bare


def test_pairs_follow_the_language() -> None:
    assert language("es").pair("la grabación", "la pista") == "la grabación y la pista"
    assert language("es").pair("el audio", "información") == "el audio e información"
    assert language("es").pair("el audio", "hielo") == "el audio y hielo"
    assert language("ar").pair("الطريق الممهد", "أمن التطبيقات") == "الطريق الممهد وأمن التطبيقات"
    assert language("fr").pair("la table", "la base") == "la table et la base"


ESPERANTO = '''# A toy language, added from data alone (tests/test_language.py).
name = "Esperanto"
direction = "ltr"
true_false = ["Vera", "Malvera"]
articles = ["la"]

[sections]
introduction = "Enkonduko"
introduction_titles = ["enkonduko"]
conclusion_titles = ["konkludo"]

[words]
stop = ["la", "kaj", "de", "en", "al", "el", "per", "pri", "sur", "kiam", "kiu", "kiuj", "estas",
        "ĝi", "ili", "ke", "por", "tre", "ankaŭ", "sed", "aŭ", "post", "dum", "tio", "ĉiu", "ĉiuj"]
claim = ["gravas", "necesas", "permesas"]

[agreement]
la = "n.x"

[bloom]
remember = ["difini"]
understand = ["klarigi"]
analyze = ["kompari"]
evaluate = ["taksi"]
open = ["kial", "kiel"]

[frames]
pair = "{a} kaj {b}"
define = "Difini per viaj propraj vortoj la koncepton «{term}»."
relation = "Klarigi la rilaton inter {pair} laŭ la teksto."
compare = "Kompari {pair} kaj diri, kio ilin distingas."
evaluate = "Taksi la aserton de la teksto, ke «{quote}»."
evaluate_topic = "Taksi la argumentojn de la teksto pri {a}."
q_claim = "La teksto asertas: «{quote}». Kial ĝi tion diras, kaj kiom tio vin konvinkas?"
q_relation = "Kiel la teksto ligas {pair}, kaj kial tiu ligo gravas?"
q_compare = "Kiel similas kaj kiel diferencas {pair} laŭ la teksto?"
note_quote = "Bona respondo apogas sin sur la teksto: «{quote}»"
note_relation = "Bona respondo montras, kie {pair} aperas en la teksto."
feedback = "La teksto diras: «{quote}»"
feedback_true = "Vera. La teksto diras: «{quote}»"
feedback_false = "Malvera: la teksto diras «{old}», ne «{new}». La teksto diras: «{quote}»"
'''
ESSAY = """# La akvociklo

## La vaporiĝo

La suno varmigas la maron, kaj la akvo de la maro vaporiĝas en la aeron. La vaporo leviĝas
super la montoj kaj malvarmiĝas en la alteco. La nuboj formiĝas el la vaporo kiam la aero
malvarmiĝas. Gravas scii, ke la vaporo portas la akvon de la maro al la montoj. La vento
pelas la nubojn super la kamparon. La nuboj kovras la montojn dum la vintro.

## La pluvo

La pluvo falas el la nuboj sur la montojn kaj la kamparon. La riveroj kolektas la pluvon
kaj portas la akvon reen al la maro. La grundo trinkas parton de la pluvo por la plantoj.
La maro ricevas la akvon de la riveroj, kaj la ciklo rekomencas. Necesas protekti la
riverojn, ĉar la riveroj nutras la kamparon. La vento portas la odoron de la pluvo.
"""


@pytest.fixture
def toy_theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the default theme with Esperanto added as data files only."""
    theme = tmp_path / "theme"
    shutil.copytree(builder.theme_dir(), theme)
    (theme / "strings" / "language" / "eo.toml").write_text(ESPERANTO, encoding="utf-8")
    (theme / "strings" / "eo.toml").write_text(
        'objectives = "Lernceloj"\nknowledge_check = "Kontrolu vian scion"\n', encoding="utf-8")
    (theme / "strings" / "notes" / "eo.toml").write_text(
        'short_for = "Mallongigo de {long}."\nopeners = ["tio", "ĝi"]\n\n[notes]\n'
        'few_items = "Nur {items} demando(j) anstataŭ {wanted}."\n', encoding="utf-8")
    default = builder.theme_dir
    for name, module in list(sys.modules.items()):
        if name.startswith("builder") and getattr(module, "theme_dir", None) is default:
            monkeypatch.setattr(module, "theme_dir", lambda: theme)
    _clear_caches()
    yield theme
    _clear_caches()


def _clear_caches() -> None:
    for cached in (registry._language, registry._load, registry.every_language, load_notes):
        cached.cache_clear()


def test_a_language_added_from_data_files_alone(toy_theme: Path, tmp_path: Path) -> None:
    from builder.pipeline import build

    root = tmp_path / "course"
    root.mkdir()
    (root / "essay.md").write_text(ESSAY, encoding="utf-8")
    (root / "course.toml").write_text('language = "eo"\n\n[plan]\nmin_words = 0\n',
                                      encoding="utf-8")
    build(root, tmp_path / "out", formats=frozenset({"html"}))
    course = json.loads((tmp_path / "out" / "course.json").read_text(encoding="utf-8"))
    verbs = {"difini", "klarigi", "kompari", "taksi"}
    objectives = [o for m in course["modules"] for o in m["objectives"]]
    assert objectives and all(o["text"].split()[0].lower() in verbs for o in objectives)
    items = [i for m in course["modules"] for i in m["quiz"]]
    assert items, "no knowledge check in the toy language"
    assert all(i["choices"] == ["Vera", "Malvera"] for i in items if i["kind"] == "true_false")
    assert any(q["text"].startswith(("Kiel", "La teksto")) for m in course["modules"]
               for q in m["discussion"])
    page = next((tmp_path / "out" / "site" / "modules").glob("*.html")).read_text("utf-8")
    assert 'lang="eo"' in page and "Lernceloj" in page


@pytest.mark.parametrize(("tag", "opening", "verb"), [
    ("en", "You write teaching material", "explain"),
    ("es", "Escribes material didáctico", "explicar"),
    ("fr", "Vous rédigez le matériel", "expliquer"),
    ("ar", "تكتب مادة تعليمية", "شرح"),
])
def test_llm_prompt_and_notes_are_in_the_course_language(
    tmp_path: Path, tag: str, opening: str, verb: str
) -> None:
    from builder.pedagogy.llm import system_prompt
    from builder.pedagogy.notes import notes_for
    from tests.conftest import sample_course

    prompt = system_prompt(sample_course(tmp_path, language=tag))
    assert prompt.startswith(opening) and verb in prompt and "{" not in prompt.split("JSON")[0]
    note = notes_for(tag).say("llm_rejected", rejected=2, total=9)
    assert "2" in note and "9" in note and "{" not in note
