"""Key terms: only what the text defines, each as one line about the term."""

from __future__ import annotations

from pathlib import Path

from builder.model import Course, Term
from builder.pedagogy.stage import enrich

from .test_pedagogy import ESSAY, planned


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
        "spoke in Boston. "
        "Each chapter comes back to the sparkline, the microchart, wobbing, open review "
        "and the Garrisonians."
    )
    found = glossary(tmp_path, text)
    assert found["sparkline"] == "A small line chart drawn inside a table cell without axes."
    assert found["microchart"] == "A small line chart in each row."
    assert found["wobbing"] == "Using freedom of information legislation."
    assert found["open review"] == "Review reports that are published alongside the article."
    assert "Garrisonians" not in found  # how others saw them, not what they are
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
    assert found == {
        "prestige economy": "An economy in which worth is valued in evaluations of esteem held "
        "by peers."
    }


def intro_course(tmp_path: Path, intro: str, *sections: str) -> Course:
    body = "".join(f"## Part {n}\n\n{text}\n\n" for n, text in enumerate(sections, 1))
    course = planned(tmp_path / "course", f"# An essay\n\n## Introduction\n\n{intro}\n\n{body}")
    assert course.overview and len(course.modules) == len(sections)
    return enrich(course)


FILLER = (
    "Reporters in many countries file requests with public bodies every week, and the "
    "answers they get vary a great deal from one office to the next. "
)


def test_a_term_the_introduction_defines_goes_to_the_first_module_using_it(
    tmp_path: Path,
) -> None:
    course = intro_course(
        tmp_path,
        "Using freedom of information legislation - or wobbing, as it is sometimes "
        "called - is an excellent tool. Wobbing requires method and persistence.",
        FILLER * 3 + "The wobbing.eu website lists the cases.",
        FILLER * 3 + "Wobbing took three years in Germany.",
        FILLER * 3 + "Some reporters keep wobbing for a decade.",
    )
    found = {m.id[:3]: {t.term: t for t in m.terms} for m in course.modules}
    assert "wobbing" not in found["m01"]  # 'wobbing.eu' is an address, not the term
    term = found["m02"]["wobbing"]
    assert term.definition == "Using freedom of information legislation."
    assert term.location == course.overview[0].location
    assert "wobbing" not in found["m03"]


def test_an_introduction_term_no_module_uses_goes_to_the_first(tmp_path: Path) -> None:
    course = intro_course(
        tmp_path,
        "A sparkline is a small line chart drawn inside a table cell without axes. "
        "This essay shows where a sparkline helps.",
        FILLER * 3,
        FILLER * 3,
    )
    first, second = course.modules
    assert [(t.term, t.definition) for t in first.terms] == [
        ("sparkline", "A small line chart drawn inside a table cell without axes.")
    ]
    assert second.terms == ()
    assert not any(n.startswith("No key terms") for n in first.notes)


def test_a_set_up_term_the_course_never_uses_again_is_left_out(tmp_path: Path) -> None:
    course = intro_course(
        tmp_path,
        "The files are in Protein Data Bank format, a simple text format that lists "
        "each atom of a molecule. Copy them to the desktop first.",
        FILLER * 3,
        FILLER * 3,
    )
    assert all(m.terms == () for m in course.modules)


def test_an_introduction_without_definitions_adds_no_term(tmp_path: Path) -> None:
    course = intro_course(
        tmp_path,
        "Long-term peace has been the aim of international missions for many decades. "
        "Islamic Ummah appears in many speeches about these missions.",
        FILLER * 3,
    )
    assert course.modules[0].terms == ()


def test_a_name_two_noun_phrases_may_take_defines_nothing(tmp_path: Path) -> None:
    """Teachers rejected both readings: the Ummah is not the belief, and a
    sarbecovirus is the lineage, not the novel virus."""
    found = glossary(
        tmp_path,
        "With a rich history centered around the belief in unity and collective security, "
        'often referred to as "Islamic Ummah," these nations value cooperation. '
        "Sequencing revealed the virus to be a novel betacoronavirus belonging to the B "
        "lineage, also known as sarbecovirus, like an earlier one. "
        "The Islamic Ummah and the sarbecovirus come back in every chapter.",
    )
    assert found == {}


def test_an_abbreviation_needs_what_it_is_or_does(tmp_path: Path) -> None:
    found = glossary(
        tmp_path,
        "Open peer review (OPR) aims to bring greater transparency to formal peer review. "
        "OPR is discussed at length below. "
        "Viruses are known to bind to angiotensin-converting enzyme 2 (ACE2) in the lung. "
        "Binding to ACE2 is strong. "
        "GDAL is a set of software tools that translate between geospatial formats. "
        "The Geospatial Data Abstraction Library (GDAL) is free.",
    )
    assert found["OPR"] == (
        "Short for Open peer review; it aims to bring greater transparency to formal peer "
        "review."
    )
    assert found["GDAL"] == (
        "Short for Geospatial Data Abstraction Library; it is a set of software tools that "
        "translate between geospatial formats."
    )
    assert "ACE2" not in found  # its expansion alone teaches nothing


def test_analogies_relations_and_one_off_names_are_no_terms(tmp_path: Path) -> None:
    found = glossary(
        tmp_path,
        "Imagine that the earth is an orange and that a map is its flattened peel. "
        "A datum is the choice of fruit to use. "
        "The florid style is the reverse of the familiar. "
        "A projection is a mathematical transformation of the globe onto a flat surface. "
        "Tools such as the Geographic Information Systems (GIS) named in passing help. "
        "A raster is a grid of cells that each hold one value of a variable. "
        "Coronaviruses are large viruses that can be identified by their crown-like shape. "
        + "Every datum, every florid style, every projection and every coronavirus shows "
        "this. " * 2,
    )
    assert "datum" not in found and "florid style" not in found
    assert "GIS" not in found
    assert found["projection"] == "A mathematical transformation of the globe onto a flat surface."
    assert found["Coronaviruses"].startswith("Large viruses")  # 'crown-like' is no analogy


def test_example_and_corpus_introduction_terms(tmp_path: Path, corpus_dir: Path) -> None:
    example = enrich(planned(tmp_path / "example", ESSAY))
    terms = [(m.id[:3], t.term, t.definition) for m in example.modules for t in m.terms]
    assert terms == []  # 'Islamic Ummah': a name that may go with two phrases
    wobbing = enrich(planned(tmp_path / "wob", corpus_dir / "01-wobbing-works-foi.md"))
    terms = [(m.id[:3], t.term, t.definition) for m in wobbing.modules for t in m.terms]
    assert terms == [("m01", "wobbing", "Using freedom of information legislation.")]


def test_a_quoted_kind_gets_its_head_noun_not_the_subjects_clause(tmp_path: Path) -> None:
    """'Academia is a "prestige economy", where an academic's worth ...': the clause
    is about academia; the term is an economy in which that holds. A term the text
    lists ('such as "open reports", where ...') keeps what the clause says, as the noun
    phrase of what it is ('review reports published ...'), and without a tail that
    says only that it may happen ('... is allowed and encouraged')."""
    text = (
        'Academia is a "prestige economy", where an academic\'s worth is measured by the '
        "esteem of their peers. The prestige economy shapes how researchers choose what to "
        'publish. Journals now try innovations such as "open reports", where review reports '
        "are published alongside the relevant article. Open reports let readers judge the "
        "quality of the review process for themselves. Some journals also allow "
        '"open debate", where direct discussion between authors and reviewers is allowed '
        "and encouraged. Open debate is rare. Others run \"open comments\", where anonymous "
        "comments are allowed. Open comments are popular."
    )
    found = glossary(tmp_path, text)
    assert found.get("prestige economy", "").startswith("An economy in which an academic"), found
    assert found.get("open reports") == (
        "Review reports published alongside the relevant article."), found
    assert found.get("open debate") == (
        "Direct discussion between authors and reviewers."), found
    # a thing allowed, not an activity: what is allowed is the point, and stays
    assert found.get("open comments") == "Anonymous comments are allowed.", found


def test_terms_the_author_sets_in_bold_where_the_text_defines_them(tmp_path: Path) -> None:
    found = glossary(tmp_path, (
        "Rivers carry water from the hills down to the sea along their valleys.\n\n"
        "- **Delta:** A landform of sediment deposited where a river meets the sea.\n"
        "- **Estuary:** A partly enclosed body of water where fresh and salt water mix.\n\n"
        "The bank of a river that erodes on the outside of a bend is called a **cutbank**. "
        "We have already seen meanders; a **levee** is a ridge like the ones along the "
        "Mississippi that forms when floods drop sediment beside the channel. "
        "A curve made in this way is called a **meander**. "
        "Floods matter for **farmers** on the plain.\n"
    ))
    assert found["delta"] == "A landform of sediment deposited where a river meets the sea."
    assert found["estuary"].startswith("A partly enclosed body of water")
    assert found["cutbank"] == (
        "The bank of a river that erodes on the outside of a bend.")
    assert found["levee"] == (
        "A ridge that forms when floods drop sediment beside the channel.")
    assert "meander" not in found  # 'in this way' points back: no definition
    assert "farmers" not in found  # emphasis without a definition is no term


def test_a_term_the_module_names_without_a_quotable_definition_is_named_in_the_note(
        tmp_path: Path) -> None:
    """Round7 04-m02: 'the module does define outlier removal and dot chart; the note
    should say so'. The note names them instead of saying the module defines none."""
    from builder.pedagogy.notes import notes_for
    from builder.pedagogy.stage import enrich

    from .test_pedagogy import planned
    from .test_pedagogy_summary import FILLER

    text = FILLER + (
        "The three largest donations hide the smaller ones from view, so they are taken "
        "out of the data. This transform is commonly known as outlier removal. "
        "Another view plots every amount as a dot, a chart type that is called ‘dot chart’ "
        "in which the whole field can be seen at once. "
    ) + FILLER.replace("Glaciers store", "Ice sheets store")
    course = enrich(planned(tmp_path / "course", f"# An essay\n\n## Section\n\n{text}\n"))
    module = course.modules[0]
    assert not module.terms
    en = notes_for("en")
    assert en.say("no_terms_named", terms="“outlier removal”, “dot chart”") in module.notes, (
        module.notes)
    assert en.say("no_terms") not in module.notes


def test_named_terms_are_terms_not_files_or_pronouns() -> None:
    from builder.pedagogy.rules.terms import named_terms

    text = ("Sort the lines into a file called sorted-lengths.txt first. The unity of the "
            "faithful, often referred to as \"Islamic Ummah,\" is a core value. Whatever "
            "the program is called it runs. The rest is known as the long tail.")
    assert named_terms(text) == ["Islamic Ummah", "long tail"]


def test_a_bold_term_called_after_an_example_is_defined_without_pointing_back(
        tmp_path: Path) -> None:
    """Round7 08-m01-N2: 'the module defines pipe in bold; the note implies none'."""
    from builder.pedagogy.stage import enrich

    from .test_pedagogy import planned
    from .test_pedagogy_summary import FILLER

    text = FILLER + (
        "Type the two commands on one line to join them. The vertical bar, `|`, between "
        "the two commands is called a **pipe**. The shell connects the output of one "
        "command to the input of the next through the pipe. "
    ) + FILLER.replace("Glaciers store", "Ice sheets store")
    course = enrich(planned(tmp_path / "course", f"# An essay\n\n## Section\n\n{text}\n"))
    found = {t.term.lower(): t.definition for t in course.modules[0].terms}
    assert found.get("pipe") == "The vertical bar, |, between two commands.", found


def test_a_gloss_that_names_only_a_symbol_says_what_it_does(tmp_path: Path) -> None:
    """Round 9 08-m02-T1: 'defines only the symbol; add: sends the output of the left
    command to the input of the right'. The next sentence of the paragraph says what
    the thing does, without the author's 'that we want to'."""
    found = glossary(tmp_path, (
        "Each tool writes its result to the screen. The slash, `/`, between two folder "
        "names is called a **separator**. It tells the system that we want to look inside "
        "the folder on the left for the name on the right. A separator appears in every "
        "path.\n\n"
        "The tilde, `~`, at the start of a path is called a **home mark**.\n\n"
        "We type it often, since the home mark saves time."
    ))
    assert found["separator"] == (
        "The slash, /, between two folder names; it tells the system to look inside the "
        "folder on the left for the name on the right.")
    # the next sentence in another paragraph, in the author's voice: nothing added
    assert found["home mark"] == "The tilde, ~, at the start of a path."


def test_a_quoted_phrase_glossed_between_dashes_is_a_term(tmp_path: Path) -> None:
    """Round 9 03-m02-N2: 'vox populi vox dei' is a candidate term, which the text
    glosses between dashes right after quoting it; a dashed aside that says something
    ('--it was late--') glosses nothing."""
    found = glossary(tmp_path, (
        'Few trusted the crowd in those years. The motto "salus populi"--the welfare of '
        "the people--was quoted mainly by radicals. He answered \"enough\"--it was late--"
        "and left."
    ))
    assert found == {"salus populi": "The welfare of the people."}


def test_a_named_example_of_a_kind_keeps_where_the_kind_goes(tmp_path: Path) -> None:
    """Round 9 04-m01-T1: 'sparkline = A small line chart' (edit, 'incomplete: small
    line chart embedded in a table row'). The sentence places the kind its example
    belongs to ('small pictures inside map legends, for instance ... or a tiny bar
    chart (since then also known as a barlet)'); the gloss keeps the place."""
    found = glossary(tmp_path, (
        "Maps need legends. One designer suggested small pictures inside map legends, for "
        "instance one icon per row or a tiny bar chart (since then also known as a barlet)"
        ". Each barlet shows a share."
    ))
    assert found["barlet"] == "A tiny bar chart inside map legends."


def test_a_gloss_of_what_a_thing_looks_like_names_what_kind_it_is(tmp_path: Path) -> None:
    """Round 9 12-m01-T5: 'WKT = A nested list of geodetic parameters' (edit, 'says
    only what WKT looks like; add OGC Well-Known Text standard')."""
    found = glossary(tmp_path, (
        "Files carry their own metadata.\n\n"
        "The ISO XYZ standard is used by many mapping tools. XYZ is a flat list of "
        "colour values. The XYZ list is easy to read.\n\n"
        "A palette is a flat list of colour values used by one map. Each palette is short."
    ))
    assert found["XYZ"] == "A standard (ISO XYZ) written as a flat list of colour values."
    # no sentence naming its kind before it: as the text says it
    assert found["palette"] == "A flat list of colour values used by one map."


def test_that_is_after_a_term_gives_what_it_is(tmp_path: Path) -> None:
    """Issue 11: the note 'the module defines no term' on a module that writes
    'that is "the precise subset …"'. A term, then 'that is' and a noun phrase; never
    a 'that is' followed by a clause ('that is I despise the crowd')."""
    found = glossary(tmp_path, (
        'Every survey reports its "grid count", that is, the number of map cells the '
        "survey covers. The grid count decides the cost. Some planners are cautious by "
        "instinct, that is I despise the crowd, one wrote. Each atlas has a legend weight, "
        "i.e. the share of a page its legend takes. The legend weight varies."
    ))
    # ('the share of a page its legend takes': 'its' points outside the gloss)
    assert found == {"grid count": "The number of map cells the survey covers."}
