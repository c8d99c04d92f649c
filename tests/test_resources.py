"""Back matter on the resources page: site, EPUB and the course home of LMS packages."""

from __future__ import annotations

import zipfile
from pathlib import Path

from builder.pipeline import build, parse_formats

BODY = " ".join(["A river carries sand to the sea and drops it where the water slows."] * 20)
ESSAY = f"""# Rivers

## How rivers work

{BODY}

## References

- Leopold, L. *A View of the River*. Harvard, 1994.

### Image credits

The delta photograph is by the author.
"""


def test_back_matter_is_on_the_resources_page_not_a_module(make_course, tmp_path: Path) -> None:
    root = make_course({"essay.md": ESSAY})
    out = tmp_path / "out"
    result = build(root, out, parse_formats("html,epub,imscc"), 1)
    assert [m.title for m in result.course.modules] == ["How rivers work"]
    assert [s.title for s in result.course.resources] == ["References", "Image credits"]
    page = (out / "site" / "resources.html").read_text(encoding="utf-8")
    assert "<em>A View of the River</em>" in page and "The delta photograph" in page
    module = next((out / "site" / "modules").glob("*.html")).read_text(encoding="utf-8")
    assert 'href="../resources.html"' in module and "A View of the River" not in module
    epub = next((out / "epub").glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        assert "A View of the River" in book.read("EPUB/resources.xhtml").decode()
        assert "resources.xhtml" in book.read("EPUB/nav.xhtml").decode()
    cartridge = next((out / "lms").glob("*.imscc"))
    with zipfile.ZipFile(cartridge) as package:
        assert "A View of the River" in package.read("index.html").decode()
