"""builder.read: course folder -> CourseSource (readings, sections, errors)."""

from __future__ import annotations

import logging
import os
import random
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import lxml.html
import pytest

from builder import markup
from builder.errors import BuildError
from builder.headings import scan_headings
from builder.read import prepare_reading, read_course, readable_stem

REPO = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def sections_of(root: Path, display: str = "course"):
    return read_course(root, display).readings[0].sections


def outline(sections) -> list[tuple[int, int, str]]:
    return [(s.location.line, s.level, s.title) for s in sections]


# --- the example course and the corpus ---


def test_example_course(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="builder"):
        source = read_course(REPO / "course", "course")
    assert caplog.messages == []
    assert source.config.title == "Peacekeeping and International Cooperation"
    assert source.root == (REPO / "course").resolve()
    (reading,) = source.readings
    assert reading.rel == "peacekeeping.md"
    assert reading.location.path == "course/peacekeeping.md"
    assert reading.title.startswith("Participation in International Peacekeeping Missions")
    assert outline(reading.sections) == [
        (1, 1, reading.title),
        (3, 2, "Introduction"),
        (7, 2, "An Islamic Nation's Role and Contribution"),
        (13, 2, "The Networking and Cooperation"),
        (17, 2, "Training and Expertise"),
        (21, 2, "Conclusion"),
    ]
    anchors = [s.anchor for s in reading.sections[1:]]
    assert anchors == ["introduction", "an-islamic-nations-role-and-contribution",
                       "the-networking-and-cooperation", "training-and-expertise", "conclusion"]
    assert all(40 <= s.words <= 120 for s in reading.sections[1:])
    assert reading.sections[0].words == 0
    assert source.source_date == 1767225600


def test_reading_in_threads_gives_the_same_course() -> None:
    serial = read_course(REPO / "course", "course")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: read_course(REPO / "course", "course"), range(8)))
    assert all(result == serial for result in results)


def corpus_essays() -> list[str]:
    corpus = REPO.parent / "shared" / "corpus"
    return sorted(p.name for p in corpus.glob("[0-9][0-9]-*.md")) or ["missing"]


EXPECTED_WARNINGS = {
    "04-visualization-insights.md": (11, "remote image http://datajournalismhandbook.org/"),
    "06-open-peer-review-messy-headings.md": (10, "/Images/"),
    "01-wobbing-works-foi.md": (1, "remote image http://datajournalismhandbook.org/"),
    "08-shell-pipes-and-filters.md": (1, "image 'fig/redirects-and-pipes.svg' not found; its alt"),
    "09-editar-audio-con-audacity.md": (16, " is outside the course folder; it was left out."),
    "12-coordinate-reference-systems.md": (2, "remote image https://"),
}


@pytest.mark.parametrize("name", corpus_essays())
def test_corpus_essay_reads(name: str, corpus_dir: Path, make_course, caplog) -> None:
    root = make_course({})
    shutil.copy(corpus_dir / name, root / name)
    with caplog.at_level(logging.WARNING, logger="builder"):
        (reading,) = read_course(root, "course").readings
    count, fragment = EXPECTED_WARNINGS.get(name, (0, ""))
    assert len(caplog.messages) == count
    assert all(fragment in m and m.startswith(f"course/{name}:") for m in caplog.messages)
    assert reading.sections and all(s.title or s.level == 0 for s in reading.sections)
    text = (corpus_dir / name).read_text(encoding="utf-8").split("\n")
    for section in reading.sections:
        if section.level:  # the recorded line holds the heading
            assert section.title.split()[0] in text[section.location.line - 1]
    words = sum(s.words for s in reading.sections)
    assert words > 300
    anchors = [s.anchor for s in reading.sections]
    assert len(set(anchors)) == len(anchors)
    assert all(re.fullmatch(r"[a-z0-9-]+", a) for a in anchors)


def test_corpus_inline_footnotes(corpus_dir: Path, make_course) -> None:
    name = "03-wendell-phillips-democracy.md"
    root = make_course({})
    shutil.copy(corpus_dir / name, root / name)
    (reading,) = read_course(root, "course").readings
    html = "".join(s.html for s in reading.sections)
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    notes = tree.xpath("//div[@class='footnote']/ol/li")
    assert len(notes) == 22  # 21 inline notes and [^power]
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert "^[" not in html and "[^power]" not in html
    assert "Quoted in Stewart" in html
    assert all("Quoted in Stewart" not in s.text and "Louisiana State University" not in s.text
               for s in reading.sections)
    assert [s.title for s in reading.sections][-1] == "Notes"


def document_headings(text: str) -> list[tuple[int, str]]:
    """The top-level h1-h6 python-markdown renders for the whole document
    (footnote markers in a title are not part of it)."""
    tree = lxml.html.fragment_fromstring(markup._convert(text), create_parent="div")
    found = []
    for el in tree:
        if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            for marker in el.xpath(".//sup[a[@class='footnote-ref']]"):
                marker.drop_tree()
            found.append((int(el.tag[1]), " ".join(el.text_content().split())))
    return found


def scanned_headings(text: str) -> list[tuple[int, str]]:
    lines = text.split("\n")
    scan = scan_headings(lines)
    ctx = markup.ReadingContext(
        root=Path("/"), file=Path("/e.md"), display="e.md", lines=lines, number=1,
        registry=markup.AssetRegistry(),
    )
    prepare_reading(lines, scan, ctx)
    return [(h.level, markup.render_title(h.raw, ctx)[1]) for h in scan.headings]


def test_scanner_agrees_with_python_markdown_on_corpus(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert scanned_headings(text) == document_headings(text), path.name


TRICKY = {
    "setext": "Title\n=====\n\npara\n\nSub\n---\ntext",
    "rule-after-paragraph": "para one\npara two\n---\n\nx",
    "fence-with-hash": "```\n# not\n```\n\n# yes",
    "tilde-fence": "~~~python\n# not\n~~~\n## yes",
    "unclosed-fence": "```\n# yes really\n",
    "fence-closed-by-same-run": "````\n# no\n```\n# still no\n````\n# yes",
    "indented-code": "para\n\n    # code\n    more\n# head",
    "indented-after-list": "* item\n\n    # in list\n\n# top",
    "hash-in-list-block": "* item\n# head\n* item2",
    "quote": "> quote\n> # inside\n\n> q\n# top",
    "no-space": "###Heading\n####Sub ###\n#######seven",
    "empty-titles": "# \n\n##\n\n### ![](x.png)\n\n## <img src='a.png'>\n\ntext",
    "html-block": "<div>\n# not\n</div>\n\n# yes\n\n<!-- comment\n# no\n-->\n# after",
    "inline-html": "<span>\n# yes</span>",
    "table": "a | b\n--|--\n# x | y\n\n# h",
    "setext-after-fence": "```\ncode\n```\nTitle\n-----\n",
    "escaped-hash": "# foo \\#\n\n\\# not",
    "trailing-hashes": "## Title ##   \n\n# C# language\n\n## Closed ##",
    "footnote-definition": "[^1]: note\n\n    # indented\n\n# top",
    "definition-list": "Term\n: def\n\n    # in dd\n\n# top",
    "rule": "para\n***\n# h",
    "ordered-list": "1. one\n2. two\n\n    # inside\n\n## out",
    "tabs": "\t# code\n\n#\tTab heading",
    "whitespace-line": "para\n   \nTitle\n===",
    "attr-list": "# Title {#custom .cls}\n\n## Sub",
    "nested-div": "<div>\n<div>\n</div>\n# still\n</div>\n# out",
    "hr-tag": "<hr>\n# after hr",
    "p-tag": "para\n<p>x</p>\n# h",
    "setext-list-line": "* item\n---\n",
    "inline-markup": "## *Emph* and `code` and [link](http://x)\ntext",
    "reference-link": "## See [the site][s]\n\n[s]: http://example.org",
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_scanner_agrees_with_python_markdown(text: str) -> None:
    assert scanned_headings(text) == document_headings(text)


LINES = [
    "", "", "", "para text", "more words", "# H1", "## H2", "###H3", "#", "### ", "Title", "===",
    "---", "-", "=", "* item", "1. one", "    indented", "    # ind hash", "> quote", "> # qh",
    "```", "~~~", "```py", "<div>", "<div>\nx\n</div>", "<!-- c -->", "<!--", "-->", "a | b",
    "--|--", "[r]: http://x", "*[A]: abbr", "Term", ": def", "***", "\t# tab", "  # two",
    "<p>x</p>", "## Closed ##", "<hr>", "## ![](x.png)", "   ", "\\# esc", "text `#` code",
    "A note[^n] here.", "[^n]: The note.", "    more of the note",
]


@pytest.mark.parametrize("seed", [1, 2])
def test_scanner_agrees_on_random_documents(seed: int) -> None:
    """Random mixes of block syntax: headings found == headings rendered."""
    pick = random.Random(seed)
    for _ in range(1500):
        text = "\n".join(pick.choice(LINES) for _ in range(pick.randint(1, 14)))
        assert scanned_headings(text) == document_headings(text), text


# --- sections ---


def test_sections_setext_fences_and_level_zero(make_course) -> None:
    root = make_course({"essay.md": (
        "Some words before any heading.\n"
        "\n"
        "Main Title\n"
        "==========\n"
        "\n"
        "```bash\n"
        "# a shell comment, not a heading\n"
        "```\n"
        "\n"
        "Part one\n"
        "--------\n"
        "Body of part one.\n"
        "###Sub without space\n"
        "Sub body.\n"
        "### \n"
        "still sub body\n"
        "#### ![](icon.png)\n"
        "## Part one\n"
        "Again.\n"
    ), "icon.png": PNG})
    sections = sections_of(root)
    assert outline(sections) == [
        (1, 0, ""), (3, 1, "Main Title"), (10, 2, "Part one"), (13, 3, "Sub without space"),
        (18, 2, "Part one"),
    ]
    assert [s.anchor for s in sections] == [
        "start", "main-title", "part-one", "sub-without-space", "part-one-2"
    ]
    assert sections[0].text == "Some words before any heading."
    assert "# a shell comment" in sections[1].html and sections[1].text.startswith("# a shell")
    assert sections[3].text == "Sub body.\n\nstill sub body"
    assert sections[3].assets[0].target == "assets/icon.png"
    assert sections[2].markdown.strip() == "Body of part one."


def test_front_matter_title_and_lines(make_course) -> None:
    root = make_course({"essay.md": (
        "---\n"
        "title: The Real Title\n"
        "tags: [a, b]\n"
        "---\n"
        "# Heading One\n"
        "\n"
        "Text.\n"
        "\n"
        "## Two\n"
        "More.\n"
    )})
    (reading,) = read_course(root, "course").readings
    assert reading.title == "The Real Title"
    assert reading.meta == {"title": "The Real Title", "tags": ["a", "b"]}
    assert outline(reading.sections) == [(5, 1, "Heading One"), (9, 2, "Two")]


def test_titles_fallbacks(make_course) -> None:
    root = make_course({"02-sars_cov-virology.md": "## Virology\n\nText.\n"})
    assert read_course(root).readings[0].title == "Sars cov virology"
    assert readable_stem("essay") == "Essay"
    root = make_course({"a.md": "Plain text only.\n"}, name="plain")
    (reading,) = read_course(root, "plain").readings
    assert reading.title == "A"
    assert outline(reading.sections) == [(1, 0, "")]


def test_arabic_headings_get_ascii_anchors(make_course) -> None:
    root = make_course({"ar.md": "# العنوان   \n\nنص.\n\n##  المرحلة الأولى\n\nنص.\n"})
    sections = sections_of(root)
    assert [(s.title, s.anchor) for s in sections] == [
        ("العنوان", "section-1"), ("المرحلة الأولى", "section-2")
    ]
    assert sections[0].title_html == "العنوان"


def test_title_html_is_sanitized(make_course) -> None:
    root = make_course({"e.md": '# The *best* <script>x()</script><b onclick="y()">plan</b>\n'})
    (section,) = sections_of(root)
    assert section.title_html == "The <em>best</em> <b>plan</b>"
    assert section.title == "The best plan"


def test_footnote_defined_in_another_section(make_course) -> None:
    root = make_course({"e.md": (
        "# One\n\nClaim[^a].\n\n# Two\n\nOther claim[^a] and^[inline].\n\n[^a]: Shared source.\n"
    )})
    one, two = sections_of(root)
    assert "Shared source." in one.html and "Shared source." in two.html
    assert 'id="fn-1-one-1"' in one.html
    assert 'id="fn-1-two-1"' in two.html and 'id="fn-1-two-2"' in two.html
    assert two.text == "Other claim and."


def test_ids_unique_across_readings(make_course) -> None:
    essay = "# Intro\n\nA claim^[a note] here.\n"
    root = make_course({"a.md": essay, "b.md": essay})
    source = read_course(root, "course")
    assert [r.rel for r in source.readings] == ["a.md", "b.md"]
    html = "".join(s.html for r in source.readings for s in r.sections)
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == 4 and len(set(ids)) == 4


def test_problems_of_all_readings_reported_together(make_course) -> None:
    root = make_course({"a.md": "---\n- a\n---\n# A\n", "b.md": b"# B\n\xfe\n"})
    with pytest.raises(BuildError) as info:
        read_course(root, "course")
    assert info.value.message == (
        "2 problems:\n"
        "  course/a.md:2: front matter is not a mapping of keys to values. Write one "
        "'key: value' per line, for example: title: My essay.\n"
        "  course/b.md:2: not valid UTF-8. Save the file with UTF-8 encoding."
    )


def test_missing_images_are_warnings_with_alt_text_in_place(make_course, caplog) -> None:
    root = make_course({"e.md": "# T\n\n![a map](a.png)\n\n## U\n\nSee <img src='b.png'>\n"})
    with caplog.at_level(logging.WARNING, logger="builder"):
        (reading,) = read_course(root, "course").readings
    assert caplog.messages == [
        "course/e.md:3: image 'a.png' not found; its alt text is shown instead. Put the file "
        "in the course folder or fix the path (it is relative to the Markdown file).",
        "course/e.md:7: image 'b.png' not found; it was left out. Put the file in the course "
        "folder or fix the path (it is relative to the Markdown file).",
    ]
    first, second = reading.sections
    assert first.html == '<p><span class="omitted-image">a map</span></p>'
    assert second.html == "<p>See </p>" and "<img" not in second.html


def test_symlinked_essay_pointing_out_is_left_out(make_course, tmp_path: Path, caplog) -> None:
    (tmp_path / "private.md").write_text("# Private diary\n", encoding="utf-8")
    root = make_course({"essay.md": "# Essay\n\nText.\n"})
    os.symlink(tmp_path / "private.md", root / "diary.md")
    with caplog.at_level(logging.WARNING, logger="builder"):
        source = read_course(root, "course")
    assert [r.rel for r in source.readings] == ["essay.md"]
    assert caplog.messages == ["course/diary.md is outside the course folder; it was left out."]


def test_reading_order_from_config(make_course) -> None:
    root = make_course({
        "course.toml": '[plan]\nreadings = ["parts/z.md", "a.md"]\n',
        "a.md": "# A\n\ntext\n",
        "b.md": "# B\n\nnot listed\n",
        "parts/z.md": "# Z\n\n![fig](fig.png)\n",
        "parts/fig.png": PNG,
    })
    source = read_course(root)
    assert [r.rel for r in source.readings] == ["parts/z.md", "a.md"]
    assert source.readings[0].location.path == f"{root}/parts/z.md"
    z = source.readings[0].sections[0]
    assert z.assets[0].source == (root / "parts" / "fig.png").resolve()
    assert z.assets[0].target == "assets/parts-fig.png"


def test_source_date_from_mtimes(make_course, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    root = make_course({"e.md": "# E\n\n![f](f.png)\n", "f.png": PNG, "course.toml": ""})
    os.utime(root / "e.md", (1_600_000_000, 1_600_000_000))
    os.utime(root / "course.toml", (1_600_000_100, 1_600_000_100))
    os.utime(root / "f.png", (1_700_000_000, 1_700_000_000))
    assert read_course(root).source_date == 1_700_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "12345")
    assert read_course(root).source_date == 12345


# --- errors ---

ERRORS = {
    "no-markdown": (
        {"notes.pdf": "x", "~$essay.docx": "x", ".hidden.md": "x"},
        "course: no essay in the course folder (a .md, .docx, .odt, .html or .txt file). Put "
        "the essay in course as a Markdown file (.md) or a Word document (.docx), or list the "
        "readings in course.toml under [plan] readings.",
    ),
    "empty": (
        {"e.md": "  \n\n\t\n"},
        "course/e.md:1: the essay is empty. Write the text in Markdown below any front "
        "matter, or remove the file.",
    ),
    "only-front-matter": (
        {"e.md": "---\ntitle: x\n---\n\n"},
        "course/e.md:1: the essay has only front matter. Write the text in Markdown below "
        "any front matter, or remove the file.",
    ),
    "only-a-comment": (
        {"e.md": "<!-- nothing here yet -->\n"},
        "course/e.md:1: the essay has no text. Write the text in Markdown (comments and "
        "front matter alone are not shown).",
    ),
    "not-utf8": (
        {"e.md": b"# T\n\nok\n\xff bad\n"},
        "course/e.md:4: not valid UTF-8. Save the file with UTF-8 encoding.",
    ),
    "bad-yaml": (
        {"e.md": "---\ntitle: x\nsub:\n  a: 1\n b: : 2\n---\n# T\n"},
        "course/e.md:5: invalid YAML front matter: expected <block end>, but found "
        "'<block mapping start>'. Fix the YAML between the --- lines (for example: "
        "title: My essay).",
    ),
    "yaml-not-mapping": (
        {"e.md": "---\n- a\n- b\n---\n# T\n"},
        "course/e.md:2: front matter is not a mapping of keys to values. Write one "
        "'key: value' per line, for example: title: My essay.",
    ),
    "listed-reading-missing": (
        {"course.toml": '[plan]\nreadings = [\n  "one.md",\n  "two.md",\n]\n', "one.md": "# 1"},
        "course/course.toml:4: reading 'two.md' not found. Fix the name in [plan] readings "
        "or add the file to the course folder.",
    ),
    "listed-reading-outside": (
        {"course.toml": '[plan]\nreadings = ["../x.md"]\n'},
        "course/course.toml:2: reading '../x.md' is outside the course folder. List only "
        "files inside the course folder in [plan] readings.",
    ),
}


@pytest.mark.parametrize("files, message", ERRORS.values(), ids=ERRORS.keys())
def test_errors(make_course, files, message: str) -> None:
    root = make_course(files)
    with pytest.raises(BuildError) as info:
        read_course(root, "course")
    assert info.value.message == message
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda tmp: tmp / "nowhere",
         "course: course folder not found. Check the path, or create a course with "
         "'coursepack init DIR'."),
        (lambda tmp: (tmp / "essay.md", (tmp / "essay.md").write_text("# E")) and tmp / "essay.md",
         "course: not a folder. Give the folder that holds the essay (*.md) and course.toml."),
    ],
    ids=["missing-folder", "not-a-folder"],
)
def test_folder_errors(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(BuildError) as info:
        read_course(make(tmp_path), "course")
    assert info.value.message == message


def test_bad_source_date_epoch(make_course, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH must be whole seconds"):
        read_course(make_course({"e.md": "# E\n"}))


# --- which headings are real (issue 13) ---


def test_five_hundred_heading_lines_in_a_row_read(make_course) -> None:
    # issue 15 item C: the scanner iterated by recursion and hit RecursionError
    heads = "\n".join(f"## Heading {n}" for n in range(1, 501))
    root = make_course({"e.md": f"# T\n\nIntro text.\n\n{heads}\n\nThe end.\n"})
    sections = sections_of(root)
    assert [s.title for s in sections[1:]] == [f"Heading {n}" for n in range(1, 501)]
    assert sections[-1].text == "The end." and sections[-1].location.line == 504


def test_example_headings_in_code_quotes_and_html_are_not_sections(make_course) -> None:
    root = make_course({"e.md": (
        "# Markdown basics\n\nWrite a heading like this:\n\n"
        "```markdown\n# First level heading\n## Second level heading\n```\n\n"
        "    # indented example\n\n"
        "> # A quoted heading\n\n"
        '<div class="demo">\n# Demo heading\n</div>\n\n'
        "## Lists\n\nText.\n"
    )})
    assert [(s.level, s.title) for s in sections_of(root)] == [
        (1, "Markdown basics"), (2, "Lists")
    ]


def test_headings_inside_a_markdown_html_block_are_sections(make_course) -> None:
    root = make_course({"e.md": (
        '<div dir="rtl" markdown="1">\n\n# العنوان\n\nمقدمة.\n\n## الأول\n\nنص *هنا*.\n\n'
        "## الثاني\n\nنص آخر.\n\n</div>\n"
    )})
    sections = sections_of(root)
    assert outline(sections) == [(3, 1, "العنوان"), (7, 2, "الأول"), (11, 2, "الثاني")]
    assert sections[1].html == "<p>نص <em>هنا</em>.</p>"
    assert all("div" not in s.html for s in sections)


def test_markdown_inside_an_html_block_without_headings_renders(make_course) -> None:
    root = make_course({"e.md": (
        "# T\n\nText.\n\n<div class=\"table-wrapper\" markdown=\"block\">\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n</div>\n"
    )})
    (section,) = sections_of(root)
    assert '<div class="table-wrapper">' in section.html and "<td>1</td>" in section.html


def test_duplicate_and_skipped_numbers_warn(make_course, caplog) -> None:
    root = make_course({"e.md": (
        "# Book\n\n## Chapter 1\n\nA.\n\n## Chapter 2\n\nB.\n\n### 1. First\n\nx\n\n"
        "### 3. Third\n\ny\n\n## Chapter 2\n\nC.\n\n### 1. Again\n\nz\n\n## Chapter 4\n\nD.\n"
    )})
    with caplog.at_level(logging.WARNING, logger="builder"):
        sections_of(root)
    assert caplog.messages == [
        "course/e.md:15: heading '3. Third' follows '1. First' (line 11): a number is "
        "skipped. Check the numbering of the headings.",
        "course/e.md:19: heading 'Chapter 2' repeats the number of 'Chapter 2' (line 7). "
        "Check the numbering of the headings.",
        "course/e.md:27: heading 'Chapter 4' follows 'Chapter 2' (line 19): a number is "
        "skipped. Check the numbering of the headings.",
    ]


# --- Pandoc / Carpentries fenced divs (issue 13) ---

LESSON = """# Pipes

::::::::::::::: objectives

- Explain what a pipe does.
- Redirect output
  to a file.

:::::::::::::::

::::::: questions

- How can I combine commands?

:::::::

Some text.

::::::::::::: callout

## Why is it waiting?

A command with no input waits.

:::::::::::::

## Filtering

::::::::::: challenge

## What does `sort -n` do?

Try it.

::::: solution

## Solution

It sorts *numerically*.

:::::

:::::::::::

::: {.aside #x}
## Real heading inside an unknown div

Plain content.
:::

```
:::: callout
## not a box, code
::::
```

:::: keypoints
- `sort` sorts its input.
::::
"""


def test_carpentries_blocks(make_course) -> None:
    sections = sections_of(make_course({"e.md": LESSON}))
    assert [(s.level, s.title) for s in sections] == [
        (1, "Pipes"), (2, "Filtering"), (2, "Real heading inside an unknown div")
    ]
    intro, filtering, unknown = sections
    assert "".join(s.html for s in sections).count(":::") == 2  # the two in the code block
    assert '<div class="box box-callout">\n<p class="box-title">Why is it waiting?</p>' in \
        intro.html
    assert "objectives" not in intro.html
    # the lesson's questions stay where the author put them, a box titled "Questions",
    # shown to students but not prose the items are built on
    assert ('<div class="box box-questions">\n<p class="box-title">Questions</p>\n<ul>\n'
            "<li>How can I combine commands?</li>") in intro.html
    assert intro.html.index("box-questions") < intro.html.index("Some text.")
    assert intro.text.startswith("Some text.")
    assert '<div class="box box-challenge">' in filtering.html and "Try it." in filtering.html
    assert "numerically" not in filtering.html and "Solution" not in filtering.html
    (exercise,) = filtering.exercises
    assert exercise.title == "What does sort -n do?"
    assert exercise.solution_html == "<p>It sorts <em>numerically</em>.</p>"
    assert exercise.location.line == 29
    assert unknown.html.startswith("<p>Plain content.</p>")
    assert "<code>:::: callout\n## not a box, code\n::::\n</code>" in unknown.html


def test_carpentries_lesson_items(make_course) -> None:
    (reading,) = read_course(make_course({"e.md": LESSON}), "course").readings
    assert [(i["kind"], i["text"], i["__line__"]) for i in reading.lesson] == [
        ("objectives", "Explain what a pipe does.", 5),
        ("objectives", "Redirect output to a file.", 6),
        ("summary", "sort sorts its input.", 58),
    ]


def test_an_unclosed_div_keeps_its_content(make_course) -> None:
    (section,) = sections_of(make_course({"e.md": "# T\n\n:::: callout\n\nText.\n"}))
    assert section.html == "<p>Text.</p>"


def test_long_fence_lines_read_in_linear_time(make_course) -> None:
    spaces = " " * 50_000
    text = (f"# T\n\n::: callout{spaces}x\n\n:::{spaces}{{\n\n{':' * 50_000}\n\n"
            "## Notes\n\nText.\n")
    started = time.perf_counter()
    sections = sections_of(make_course({"e.md": text}))
    assert time.perf_counter() - started < 20  # the first fence pattern took hours
    assert [s.level for s in sections] == [1, 2]
