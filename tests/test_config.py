"""course.toml: typed schema, defaults, every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import Config, load_config
from builder.errors import BuildError


def load(make_course, text: str | bytes) -> Config:
    root: Path = make_course({"course.toml": text})
    return load_config(root, "course")


def test_absent_file_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path, "course")
    assert config == Config()
    assert config.language == "en" and config.pdf.page_size == "A4"


def test_full_file(make_course) -> None:
    config = load(
        make_course,
        'title = "T"\nauthor = "A"\nlanguage = "ar"\nlicense = "CC BY 4.0"\n'
        '[plan]\nreadings = ["b.md", "a.md"]\nmin_words = 10\n'
        '[pdf]\npage_size = "Letter"\nhandouts = false\n'
        '[site.strings]\nobjectives = "Goals"\n',
    )
    assert (config.title, config.author, config.language, config.license) == (
        "T", "A", "ar", "CC BY 4.0")
    assert config.plan.readings == ("b.md", "a.md") and config.plan.min_words == 10
    assert config.pdf.page_size == "Letter" and config.pdf.handouts is False
    assert config.site.strings == {"objectives": "Goals"}
    assert config.path == "course/course.toml"


@pytest.mark.parametrize(
    "text, message",
    [
        ('titel = "x"\n',
         "course/course.toml:1: unknown key 'titel'. Did you mean 'title'?"),
        ('title = "x"\n[pdf]\npage-size = "A4"\n',
         "course/course.toml:3: unknown key 'pdf.page-size'. Did you mean 'page_size'?"),
        ('[pdf]\npage_size = "A5"\n',
         "course/course.toml:2: 'pdf.page_size' must be one of \"A4\", \"Letter\", not \"A5\"."),
        ('[pedagogy]\nobjectives = 9\n',
         "course/course.toml:2: 'pedagogy.objectives' must be between 2 and 4, not 9."),
        ('[pdf]\nhandouts = "yes"\n',
         "course/course.toml:2: 'pdf.handouts' must be true or false, not 'yes'."),
        ('language = "english language"\n',
         "course/course.toml:1: 'language' must be a BCP 47 tag such as \"en\" or \"ar\", "
         "not \"english language\"."),
        ('pdf = 3\n',
         "course/course.toml:1: 'pdf' must be a table. Write [pdf]."),
        ('title = "x\n',
         "course/course.toml:1: invalid TOML: illegal character '\\n'. Fix the syntax "
         "(see https://toml.io)."),
        (b'title = "caf\xe9"\n',
         "course/course.toml:1: not valid UTF-8. Save the file with UTF-8 encoding."),
    ],
    ids=["typo", "table-typo", "choice", "range", "bool", "language", "table", "syntax", "utf8"],
)
def test_bad_config(make_course, text: str | bytes, message: str) -> None:
    with pytest.raises(BuildError) as info:
        load(make_course, text)
    assert info.value.message == message
    assert info.value.exit_code == 2


def test_all_problems_listed_at_once(make_course) -> None:
    with pytest.raises(BuildError) as info:
        load(make_course, 'titel = "x"\nauthr = "y"\n[pdf]\npage_size = "A3"\n')
    lines = info.value.message.splitlines()
    assert lines[0] == "3 problems:"
    assert [line.split(":")[1] for line in lines[1:]] == ["1", "2", "4"]


@pytest.mark.parametrize("tag, canonical", [("FR", "fr"), ("fr-ca", "fr-CA"), ("EN-us", "en-US"),
                                            ("zh-hant-tw", "zh-Hant-TW"), ("ar", "ar")])
def test_language_tag_in_its_usual_case(make_course, tag: str, canonical: str) -> None:
    course = make_course({"course.toml": f'language = "{tag}"\n'})
    assert load_config(course, "course").language == canonical


def test_backend_choices_come_from_the_registry(make_course) -> None:
    """course.toml accepts exactly the registered backends, and lists them."""
    from builder.pedagogy import BACKENDS

    assert set(BACKENDS) == {"rules", "llm"}
    with pytest.raises(BuildError) as info:
        load(make_course, '[pedagogy]\nbackend = "gpt"\n')
    assert 'must be one of "rules", "llm", not "gpt"' in info.value.message


def test_the_llm_backend_is_given_its_fallback(tmp_path: Path) -> None:
    import dataclasses

    from builder.config import PedagogyConfig
    from builder.pedagogy.llm import LlmBackend
    from builder.pedagogy.rules import RulesBackend
    from builder.pedagogy.stage import get_backend

    from .conftest import sample_course

    course = sample_course(tmp_path)
    llm = PedagogyConfig(backend="llm", base_url="http://127.0.0.1:9/v1", model="m")
    course = dataclasses.replace(course, config=dataclasses.replace(course.config, pedagogy=llm))
    backend = get_backend(course)
    assert isinstance(backend, LlmBackend) and isinstance(backend.fallback, RulesBackend)
