"""builder.markup: one section's Markdown -> sanitized HTML, plain text, assets."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import lxml.html
import pytest

from builder import markup
from builder.read import read_course

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def context(root: Path, name: str = "essay.md", lines: list[str] | None = None):
    root = root.resolve()
    return markup.ReadingContext(
        root=root,
        file=root / name,
        display=f"course/{name}",
        lines=lines or [],
        number=1,
        registry=markup.AssetRegistry(),
    )


def render(root: Path, body: str, anchor: str = "intro") -> markup.Rendered:
    ctx = context(root, lines=body.split("\n"))
    rendered = markup.render_section(body, 1, anchor, ctx)
    if ctx.errors:
        raise ctx.errors[0]
    return rendered


def test_paragraphs_and_text(tmp_path: Path) -> None:
    out = render(tmp_path, "One *two*\nthree.\n\n- four\n- five\n\n<!-- hidden note -->\n")
    assert out.html.startswith("<p>One <em>two</em>\nthree.</p>")
    assert "<li>four</li>" in out.html
    assert "hidden" not in out.html
    assert out.text == "One two three.\n\nfour\n\nfive"


def test_citation_keys_stay_in_html_not_in_text(tmp_path: Path) -> None:
    out = render(tmp_path, "Spikes form a crown [@isbn:978-0781760607; @doi:10/dvvg2h]. Next.")
    assert "[@isbn:978-0781760607; @doi:10/dvvg2h]" in out.html
    assert out.text == "Spikes form a crown. Next."


def test_no_smart_quotes(tmp_path: Path) -> None:
    out = render(tmp_path, "\"Quoted\" -- dash")
    assert out.text == '"Quoted" -- dash'


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("<script>alert(1)</script>Safe", ["<script", "alert"]),
        ("<style>p{color:red}</style>Safe", ["<style", "color"]),
        ('<iframe src="http://evil.example"></iframe>Safe', ["<iframe", "evil"]),
        ('<object data="x.swf"></object>Safe', ["<object", "swf"]),
        ('<form action="/x"><input name="q"></form>Safe', ["<form", "<input"]),
        ('<p onclick="steal()">Safe</p>', ["onclick", "steal"]),
        ('<a href="javascript:steal()">Safe</a>', ["javascript", "steal"]),
        ("[Safe](javascript:steal())", ["javascript", "steal"]),
        ('<img src="x.png" onerror="steal()">Safe', ["onerror", "steal"]),
        ('<p style="position:fixed">Safe</p>', ["style", "fixed"]),
    ],
    ids=["script", "style", "iframe", "object", "form", "event", "js-link", "md-js-link",
         "onerror", "style-attr"],
)
def test_sanitized(tmp_path: Path, source: str, forbidden: list[str], caplog) -> None:
    (tmp_path / "x.png").write_bytes(PNG)
    out = render(tmp_path, source)
    assert "Safe" in out.html
    for bad in forbidden:
        assert bad not in out.html


def test_table_alignment_survives(tmp_path: Path) -> None:
    out = render(tmp_path, "Name | Amount\n--- | ---:\nObama | 72\nRomney | 50\n")
    tree = lxml.html.fragment_fromstring(out.html, create_parent="div")
    cells = tree.xpath("//td")
    assert [c.get("class") for c in cells] == [None, "align-right", None, "align-right"]
    assert cells[1].get("style") == "text-align:right"
    assert out.text.split("\n\n") == ["Name Amount", "Obama 72", "Romney 50"]


def test_extensions(tmp_path: Path) -> None:
    body = (
        "Term\n: Its definition\n\n"
        "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language\n\n"
        "Para\n{: .lead }\n\n"
        "```python\n# comment in code\n```\n"
    )
    out = render(tmp_path, body)
    assert "<dl>" in out.html and "<dd>Its definition</dd>" in out.html
    assert '<abbr title="Hyper Text Markup Language">HTML</abbr>' in out.html
    assert '<p class="lead">Para</p>' in out.html
    assert '<code class="language-python"># comment in code' in out.html


def test_footnotes_inline_and_named(tmp_path: Path) -> None:
    body = "Claim.^[See *Smith*, [p. 3](http://example.org).] More[^src].\n\n[^src]: The source.\n"
    out = render(tmp_path, body, anchor="claims")
    tree = lxml.html.fragment_fromstring(out.html, create_parent="div")
    notes = tree.xpath("//div[@class='footnote']/ol/li")
    assert [n.get("id") for n in notes] == ["fn-1-claims-1", "fn-1-claims-2"]
    assert notes[0].text_content().strip().startswith("See Smith, p. 3.")
    refs = tree.xpath("//a[@class='footnote-ref']")
    assert [r.get("href") for r in refs] == ["#fn-1-claims-1", "#fn-1-claims-2"]
    assert [r.getparent().get("id") for r in refs] == ["fnref-1-claims-1", "fnref-1-claims-2"]
    assert out.text == "Claim. More."


def test_inline_note_with_code_span_is_not_converted(tmp_path: Path) -> None:
    out = render(tmp_path, "Write `x^[y]` literally.")
    assert "<code>x^[y]</code>" in out.html
    assert "footnote" not in out.html


def test_empty_heading_in_body_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "icon.png").write_bytes(PNG)
    out = render(tmp_path, "Text.\n\n### \n\n#### ![](icon.png)\n")
    assert "<h3" not in out.html and "<h4" not in out.html
    assert '<p><img alt="" src="assets/icon.png"></p>' in out.html


def test_local_image_becomes_asset(tmp_path: Path) -> None:
    (tmp_path / "figs").mkdir()
    (tmp_path / "figs" / "Graph Ü 1.png").write_bytes(PNG)
    out = render(tmp_path, '![A graph](figs/Graph%20%C3%9C%201.png "Figure 1")\n')
    assert out.assets == (
        markup.Asset((tmp_path / "figs" / "Graph Ü 1.png").resolve(), "assets/figs-Graph-U-1.png"),
    )
    assert '<img alt="A graph" src="assets/figs-Graph-U-1.png" title="Figure 1">' in out.html
    assert out.text == ""


def test_asset_names_are_unique_and_ascii(tmp_path: Path) -> None:
    registry = markup.AssetRegistry()
    a = registry.add(tmp_path / "a" / "fig.png", "a-fig.png")
    b = registry.add(tmp_path / "a-fig.png", "a/fig.png")
    c = registry.add(tmp_path / "A-FIG.png", "A-FIG.png")
    assert registry.add(tmp_path / "a" / "fig.png", "a-fig.png") is a
    assert [a.target, b.target, c.target] == [
        "assets/a-fig.png", "assets/a-fig-2.png", "assets/A-FIG-3.png"
    ]
    assert markup.safe_name("Ärger über?.PNG") == "Arger-uber.PNG"
    assert markup.safe_name("Übersicht") == "Ubersicht"
    assert markup.safe_name("شكل.png") == "file.png"


def test_local_link_to_file_becomes_asset(tmp_path: Path) -> None:
    (tmp_path / "handout.pdf").write_bytes(b"%PDF-1.4")
    out = render(tmp_path, "[Handout](handout.pdf#page=2) and [web](https://example.org)")
    assert '<a href="assets/handout.pdf#page=2">Handout</a>' in out.html
    assert '<a href="https://example.org">web</a>' in out.html
    assert [a.target for a in out.assets] == ["assets/handout.pdf"]


def test_remote_image_label(tmp_path: Path, caplog) -> None:
    body = (
        '![figs/05-CC.png](http://example.org/05-CC.png "Figure 75. Patterns")\n\n'
        "![A chart](https://example.org/c.png)\n\n![](https://example.org/d.png)\n"
    )
    with caplog.at_level(logging.WARNING, logger="builder"):
        out = render(tmp_path, body)
    assert [m.split(": ", 1)[0] for m in caplog.messages] == [
        "course/essay.md:1", "course/essay.md:3", "course/essay.md:5"
    ]
    assert out.html == (
        '<p><a class="remote-image" href="http://example.org/05-CC.png">'
        "Figure 75. Patterns</a></p>\n"
        '<p><a class="remote-image" href="https://example.org/c.png">A chart</a></p>\n'
        '<p><a class="remote-image" href="https://example.org/d.png">'
        "https://example.org/d.png</a></p>"
    )
    assert out.text == ""


def test_missing_link_target_is_unwrapped(tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="builder"):
        out = render(tmp_path, "Intro.\n\nSee [the notes](notes.pdf).")
    assert out.html == "<p>Intro.</p>\n<p>See the notes.</p>"
    assert caplog.messages == [
        "course/essay.md:3: link target notes.pdf is not in the course folder; "
        "the link was removed."
    ]


def test_missing_image_is_a_warning_with_its_alt_text(tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="builder"):
        out = render(tmp_path, "Text\n\n![Map](maps/world.png)")
    assert caplog.messages == [
        "course/essay.md:3: image 'maps/world.png' not found; its alt text is shown instead. "
        "Put the file in the course folder or fix the path (it is relative to the Markdown file)."
    ]
    assert out.html == '<p>Text</p>\n<p><span class="omitted-image">Map</span></p>'


def test_sandbox(make_course, tmp_path: Path, caplog) -> None:
    """/etc/passwd, ../../secret, a symlink out and an http URL: warnings,
    and none of those files' bytes in the HTML."""
    secret = tmp_path / "secret"
    secret.write_text("TOP-SECRET-BYTES\n", encoding="utf-8")
    root = make_course({
        "essay.md": (
            "# Sandbox\n\n"
            "![passwd](/etc/passwd)\n\n"
            "![hidden](../../secret)\n\n"
            "![linked](link.png)\n\n"
            "![remote](http://example.org/chart.png)\n\n"
            '<img src="file:///etc/passwd" alt="">\n\n'
            "[escape](../../secret)\n"
        ),
    }, name="a/course")
    os.symlink(secret, root / "link.png")
    with caplog.at_level(logging.WARNING, logger="builder"):
        source = read_course(root, "course")
    assert caplog.messages == [
        "course/essay.md:3: /etc/passwd is outside the course folder; it was left out.",
        "course/essay.md:5: ../../secret is outside the course folder; it was left out.",
        "course/essay.md:7: link.png is outside the course folder; it was left out.",
        "course/essay.md:9: remote image http://example.org/chart.png is not included "
        "(coursepack works offline). Download it into the course folder to show it.",
        "course/essay.md:11: file:///etc/passwd is not a file in the course folder; "
        "it was left out.",
        "course/essay.md:13: ../../secret is outside the course folder; it was left out.",
    ]
    (section,) = source.readings[0].sections
    html = section.html
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace")
    for forbidden in ("TOP-SECRET", passwd.split("\n")[0], "/etc/passwd", "secret", "<img"):
        assert forbidden not in html
    assert section.assets == ()
    assert '<a class="remote-image" href="http://example.org/chart.png">remote</a>' in html
    assert '<span class="omitted-image">passwd</span>' in html
    assert section.text == "escape"


def test_title_rendering() -> None:
    html, plain, custom = markup.render_title("The *C#* language ##")
    assert (html, plain, custom) == ("The <em>C#</em> language ##", "The C# language ##", "")
    assert markup.render_title("Custom {#my-id}") == ("Custom", "Custom", "my-id")
    assert markup.render_title("<img src='x.png'>")[1] == ""
    assert markup.render_title("8. Open Peer Review")[:2] == ("8. Open Peer Review",) * 2
    assert markup.render_title("Intro^[a note]")[1] == "Intro"
    assert markup.render_title("Intro[^1]")[1] == "Intro[^1]"  # no such note: text


def test_slugs() -> None:
    assert markup.ascii_slug("An Islamic Nation’s Role") == "an-islamic-nations-role"
    assert markup.ascii_slug("Café au lait!") == "cafe-au-lait"
    assert markup.ascii_slug("المرحلة الأولى") == ""
