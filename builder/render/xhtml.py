"""HTML to XHTML: the same markup, serialized as well-formed XML (for EPUB).

The section HTML is already sanitized, so this only has to re-serialize it:
void elements self-closed, every element closed in order, character
references resolved and text and attributes escaped for XML.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
BOOLEAN = frozenset({"checked", "disabled", "hidden", "open", "selected", "defer", "async",
                     "novalidate", "readonly", "required", "multiple", "reversed"})
IMPLIED_END = {"p": {"p", "div", "ul", "ol", "dl", "table", "section", "figure", "blockquote",
                     "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "details", "header",
                     "footer", "nav", "aside", "article", "main", "form", "fieldset"},
               "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
               "tr": {"tr"}, "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"},
               "option": {"option"}}


class _Serializer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        self.out.append(f"<{tag}{_attributes(attrs)}{' /' if tag in VOID else ''}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        end = " />" if tag in VOID else f"></{tag}>"
        self.out.append(f"<{tag}{_attributes(attrs)}{end}")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.open:
            return
        while self.open:
            current = self.open.pop()
            self.out.append(f"</{current}>")
            if current == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        if "--" not in data:
            self.out.append(f"<!--{data}-->")

    def close(self) -> None:
        super().close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")

    def _close_implied(self, tag: str) -> None:
        while self.open and tag in IMPLIED_END.get(self.open[-1], ()):
            self.out.append(f"</{self.open.pop()}>")


def _attributes(attrs: list[tuple[str, str | None]]) -> str:
    parts = []
    for name, value in attrs:
        if value is None:
            value = name if name in BOOLEAN else ""
        parts.append(f' {name}="{escape(value, quote=True)}"')
    return "".join(parts)


def to_xhtml(html: str) -> str:
    """``html`` (a fragment or a document) as well-formed XHTML."""
    serializer = _Serializer()
    serializer.feed(html)
    serializer.close()
    return "".join(serializer.out)
