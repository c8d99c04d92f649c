"""Items on a platitude (issue 11): fixed texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pedagogy.rules.statements import vague
from builder.pedagogy.stage import enrich

from .test_pedagogy import planned
from .test_pedagogy_summary import FILLER


def test_a_platitude_is_vague() -> None:
    assert vague("One can visualize data in many different ways.")
    assert vague("The question of tools is not any easy one.")
    assert vague("Remote work presents new challenges and opportunities.")
    assert not vague("Charts map the dimensions of data to shapes and colours.")
    assert not vague("The river bends in many places.")


@pytest.mark.parametrize("platitude", [
    "The question of measuring glacier ice is not an easy one.",
    "Melting glaciers present farmers with new challenges and opportunities.",
])
def test_no_item_is_built_on_a_platitude(tmp_path: Path, platitude: str) -> None:
    # without the rule, each became a fill-in-the-blank item ('_____ present farmers ...')
    text = f"{platitude} {FILLER}\n\n{FILLER.replace('Glaciers store', 'Ice sheets store')}"
    course = planned(tmp_path / "course", f"# An essay\n\n## Section\n\n{text}\n")
    module = enrich(course).modules[0]
    items = ([o.text for o in module.objectives] + [q.text for q in module.discussion]
             + [i.stem for i in module.quiz])
    assert any("glacier" in t.lower() for t in items)  # the module did get material
    for item in items:
        assert "easy one" not in item and "opportunities" not in item, item
