"""Key terms: only what the text defines, each as one line about the term."""

from __future__ import annotations

from pathlib import Path

from builder.model import Term
from builder.pedagogy import enrich

from .test_pedagogy import planned


def glossary(tmp_path: Path, text: str) -> dict[str, str]:
    course = enrich(planned(tmp_path / "course", f"# An essay\n\n## Section\n\n{text}\n"))
    terms: tuple[Term, ...] = course.modules[0].terms
    return {t.term: t.definition for t in terms}


def test_definitional_sentences_give_terms(tmp_path: Path) -> None:
    text = (
        "A sparkline is a small line chart drawn inside a table cell without axes. "
        "Edward Tufte suggested a small line chart in each row (since then also known as "
        "a microchart). "
        "Using freedom of information legislation - or wobbing, as it is sometimes called - "
        "is an excellent tool for reporters. "
        "Open review refers to review reports that are published alongside the article. "
        "Garrisonians, a group considered beyond the pale even by most abolitionists, "
        "spoke in Boston."
    )
    found = glossary(tmp_path, text)
    assert found["sparkline"] == "A small line chart drawn inside a table cell without axes."
    assert found["microchart"] == "A small line chart in each row."
    assert found["wobbing"] == "Using freedom of information legislation."
    assert found["open review"] == "Review reports that are published alongside the article."
    assert found["Garrisonians"].startswith("A group considered beyond the pale")
    for definition in found.values():
        assert definition.endswith(".") and "\n" not in definition


def test_sentences_that_only_use_a_phrase_give_no_terms(tmp_path: Path) -> None:
    text = (
        "The armies of many Islamic nations bring their knowledge of modern technology, "
        "practicality, and strategic planning into the missions, driving long-term peace. "
        "Long-term peace has been the aim of international missions for many decades. "
        "Their involvement in international missions exemplifies their vision for a "
        "harmonious world. The active participation of Islamic nations in international "
        "missions is a reflection of their dedication to global peace and stability."
    )
    assert glossary(tmp_path, text) == {}


def test_an_evaluation_is_not_a_definition(tmp_path: Path) -> None:
    text = (
        "Effective cell entry is a critical component to pathogenesis and therefore an "
        "important process to understand when examining possible therapeutics. "
        'Academia is a "prestige economy", where worth is valued in evaluations of esteem '
        "held by peers (Blackmore and Kandiko, 2011)."
    )
    found = glossary(tmp_path, text)
    assert "Effective cell entry" not in found and "Academia" not in found
    assert found == {"prestige economy": "Worth is valued in evaluations of esteem held by peers."}
