"""Markdown for one section: sanitized HTML, plain text and the local files it uses.

``read`` splits a reading into sections and calls :func:`render_section` for
each body and :func:`render_title` for each heading. Everything that must be
shared across the sections of a reading (footnote definitions, link
references, abbreviations) is collected once into a :class:`ReadingContext`
(``builder.read.prepare_reading``).
The output is always passed through nh3 last, so nothing in an essay can add
scripts, styles, frames, forms, event handlers or ``javascript:`` URLs.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import markdown
import nh3
from lxml.etree import _Element

from . import divs, media
from .errors import BuildError
from .model import Asset, SourceLocation

log = logging.getLogger("builder")

EXTENSIONS = [
    "md_in_html", "tables", "fenced_code", "footnotes", "attr_list", "def_list", "abbr",
    "sane_lists",
]
EXTENSION_CONFIGS = {"footnotes": {"SEPARATOR": "-", "USE_DEFINITION_ORDER": False}}

TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "time": {"datetime"},
}
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "caption",
}  # fmt: skip
NOT_TEXT_CLASSES = {"footnote", "footnote-ref", "remote-image", "omitted-image", "box-questions"}
"""Not prose to analyse: a lesson's questions box lists the how-to questions
the episode answers (shown, but no objective or quiz item is built on them)."""
INLINE_NOTE_OR_CODE = re.compile(r"(`+)|\^\[")
CITATION = re.compile(r"[ \t]*\[-?@[^\[\]]*\]")
SAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_slug(text: str, allowed: str = "a-z0-9") -> str:
    """Lower-case ASCII words joined by hyphens ('' when nothing is left)."""
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)  # "nation's" -> "nations"
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(rf"[^{allowed}]+", "-", flat.lower()).strip("-")


def safe_name(name: str) -> str:
    """A file name reduced to ``[A-Za-z0-9._-]``, keeping its extension."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem, suffix = name, ""
    flat = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    clean_stem = SAFE_CHARS.sub("-", flat).strip("-.") or "file"
    clean_suffix = SAFE_CHARS.sub("", suffix)
    return f"{clean_stem}.{clean_suffix}" if clean_suffix else clean_stem


class AssetRegistry:
    """Course-wide names for local files: the same file always gets the same
    target, and two files never share one (compared case-insensitively, so
    the outputs also unpack on case-insensitive file systems)."""

    def __init__(self) -> None:
        self._by_source: dict[Path, Asset] = {}
        self._taken: set[str] = set()

    def add(self, source: Path, rel: str) -> Asset:
        if source in self._by_source:
            return self._by_source[source]
        name = "-".join(safe_name(part) for part in rel.split("/") if part not in ("", "."))
        base, dot, suffix = name.rpartition(".")
        if not dot:
            base, suffix = name, ""
        candidate, n = name, 1
        while candidate.lower() in self._taken:
            n += 1
            candidate = f"{base}-{n}.{suffix}" if suffix else f"{base}-{n}"
        self._taken.add(candidate.lower())
        asset = Asset(source=source, target=f"assets/{candidate}")
        self._by_source[source] = asset
        return asset

    @property
    def sources(self) -> tuple[Path, ...]:
        return tuple(self._by_source)


@dataclass
class ReadingContext:
    """What every section of one reading shares while it is rendered."""

    root: Path
    """The course folder, resolved."""
    file: Path
    display: str
    """The reading as the user sees it, e.g. ``course/essay.md``."""
    lines: list[str]
    number: int
    """1-based position of the reading in the course (keeps ids unique)."""
    registry: AssetRegistry
    errors: list[BuildError] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    shared: str = ""
    """Link references and abbreviations, appended to every section."""
    media: dict[str, Path] = field(default_factory=dict)
    """Images extracted from an imported document (builder.importer), by
    the path its Markdown uses: they live outside the course folder."""


@dataclass(frozen=True)
class Rendered:
    html: str
    text: str
    assets: tuple[Asset, ...]


def new_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


_LOCAL = threading.local()


def _convert(source: str) -> str:
    """Markdown -> HTML with one converter per thread, reset between calls."""
    md = getattr(_LOCAL, "md", None)
    if md is None:
        md = _LOCAL.md = new_markdown()
    md.reset()
    return md.convert(source)


def _convert_at(source: str, where: str | None) -> str:
    """:func:`_convert`; text python-markdown cannot take apart (it recurses
    once per level of nesting) is bad input at ``where``."""
    try:
        return _convert(source)
    except RecursionError:
        raise BuildError(
            "the text is nested too deeply to read", where,
            "Flatten the nesting of lists, quotes, brackets or emphasis",
        ) from None
    except Exception as exc:  # python-markdown's own failures on odd input
        _LOCAL.md = None  # its state is unknown now: a new converter next time
        raise BuildError(
            f"python-markdown cannot read this text ({type(exc).__name__}: {exc})", where,
            "Look for an unusual construct here (an empty footnote, a stray [^note] in code)",
        ) from None


def convert_inline_notes(body: str) -> tuple[str, list[str]]:
    """Pandoc inline notes ``^[text]`` -> ``[^inline-N]`` references plus
    their definitions. Code spans are left alone."""
    out: list[str] = []
    notes: list[str] = []
    pos = 0
    while True:
        found = INLINE_NOTE_OR_CODE.search(body, pos)
        if not found:
            break
        if found.group(1):  # a code span: skip to its closing run of backticks
            close = body.find(found.group(1), found.end())
            stop = found.end() if close < 0 else close + len(found.group(1))
            out.append(body[pos:stop])
            pos = stop
            continue
        end = _closing_bracket(body, found.end())
        if end < 0:
            out.append(body[pos : found.end()])
            pos = found.end()
            continue
        notes.append(" ".join(body[found.end() : end].split()))
        out.append(f"{body[pos : found.start()]}[^inline-{len(notes)}]")
        pos = end + 1
    out.append(body[pos:])
    return "".join(out), [f"[^inline-{n}]: {text}" for n, text in enumerate(notes, 1)]


def _closing_bracket(text: str, start: int) -> int:
    """The index of the ``]`` that closes a note opened before ``start``
    (-1 when the paragraph ends first)."""
    depth = 1
    for i in range(start, len(text)):
        if text.startswith("\n\n", i):
            return -1
        char = text[i]
        if char not in "[]" or text[i - 1] == "\\":
            continue
        depth += 1 if char == "[" else -1
        if depth == 0:
            return i
    return -1


def render_title(raw: str, ctx: ReadingContext | None = None) -> tuple[str, str, str]:
    """A heading's Markdown -> (sanitized inline HTML, plain text, custom id
    from ``{#id}`` or '')."""
    notes = ctx.footnotes if ctx else {}
    if "<!--" in raw and "-->" not in raw:  # an unclosed comment is text here
        raw = raw.replace("<!--", "&lt;!--")
    raw = re.sub(r"\^\[[^\]]*\]", "", raw)  # notes in a title: the title stays clean
    raw = re.sub(r"\[\^([^\]]+)\]", lambda m: "" if m.group(1) in notes else m.group(0), raw)
    shared = f"\n\n{ctx.shared}" if ctx and ctx.shared else ""
    closing = " #" if raw.endswith("#") else ""  # keep hashes that are part of the title
    tree = _fragment(_convert_at(f"# {raw}{closing}{shared}", ctx.display if ctx else None))
    heading = tree.find("h1")
    if heading is None:
        return "", "", ""
    custom_id = heading.get("id", "")
    heading.attrib.pop("id", None)
    inner = escape(heading.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in heading
    )
    html = _clean(inner).strip()
    return html, _plain_text(html), custom_id


def render_section(body: str, first_line: int, anchor: str, ctx: ReadingContext) -> Rendered:
    """One section's body (Markdown starting at ``first_line`` of the file)."""
    converted, notes = convert_inline_notes(body)
    source = "\n\n".join(part for part in (converted, *notes, _used_notes(converted, ctx)) if part)
    if ctx.shared:
        source += "\n\n" + ctx.shared
    tree = _fragment(_convert_at(source, f"{ctx.display}:{first_line}"))
    images = _LocalRefs(ctx, body, first_line)
    for img in list(tree.iter("img")):
        images.image(img)
    for link in list(tree.iter("a")):
        images.link(link)
    _rename_footnotes(tree, f"{ctx.number}-{anchor}")
    _table_alignment(tree)
    _drop_empty_headings(tree)
    _box_titles(tree)
    inner = escape(tree.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in tree
    )
    html = _clean(inner).strip()
    text = CITATION.sub("", _plain_text(html))  # Pandoc citation keys are not prose
    return Rendered(html=html, text=text, assets=tuple(images.assets))


def _used_notes(body: str, ctx: ReadingContext) -> str:
    used = dict.fromkeys(re.findall(r"\[\^([^\]]+)\](?!:)", body))
    return "\n\n".join(ctx.footnotes[label] for label in used if label in ctx.footnotes)


def _fragment(html: str) -> _Element:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
        link_rel=None,
        filter_style_properties={"text-align"},
    )


class _LocalRefs:
    """Checks the images and links of one section against the course folder."""

    def __init__(self, ctx: ReadingContext, body: str, first_line: int) -> None:
        self.ctx = ctx
        self.body_lines = body.split("\n")
        self.first_line = first_line
        self.seen: dict[str, int] = {}
        self.assets: list[Asset] = []

    def image(self, img: _Element) -> None:
        src = (img.get("src") or "").strip()
        alt = " ".join((img.get("alt") or "").split())
        img.set("alt", alt)
        where = self.where(src)
        kind, path = classify(src, self.ctx)
        if src in self.ctx.media:
            kind, path = "file", self.ctx.media[src]
        if kind == "remote":
            log.warning(
                f"{where}: remote image {src} is not included (coursepack works offline). "
                "Download it into the course folder to show it."
            )
            title = " ".join((img.get("title") or "").split())
            filename_alt = re.fullmatch(r"[\w./%-]+\.[A-Za-z0-9]{2,4}", alt) is not None
            label = (title if filename_alt and title else alt) or title or src
            inside_link = any(a.tag == "a" for a in img.iterancestors())
            replacement = lxml.html.Element("span" if inside_link else "a")
            replacement.set("class", "remote-image")
            if not inside_link:
                replacement.set("href", src)
            replacement.text = label
            _replace(img, replacement)
        elif kind == "file" and path is not None:
            problem = self.checked(path, where, src, image=True)
            if problem is None:
                img.set("src", self.add(path).target)
            else:
                log.warning(f"{where}: {problem}; it was left out.")
                _replace(img, _omitted(alt))
        else:
            if kind == "missing":
                log.warning(
                    f"{where}: image '{src}' not found; "
                    + ("its alt text is shown instead" if alt else "it was left out")
                    + ". Put the file in the course folder or fix the path "
                    "(it is relative to the Markdown file)."
                )
            else:
                self.omit(src, where, kind)
            _replace(img, _omitted(alt))

    def link(self, link: _Element) -> None:
        href = (link.get("href") or "").strip()
        if not href or href.startswith("#") or link.get("class") == "remote-image":
            return
        kind, path = classify(href, self.ctx)
        if kind in ("remote", "mail"):
            return
        where = self.where(href)
        if kind == "file" and path is not None:
            fragment = href.partition("#")[2]
            self.checked(path, where, href, image=False)
            link.set("href", self.add(path).target + (f"#{fragment}" if fragment else ""))
        elif kind == "missing":
            log.warning(f"{where}: link target {href} is not in the course folder; "
                        "the link was removed.")
            _unwrap(link)
        else:
            self.omit(href, where, kind)
            _unwrap(link)

    def omit(self, ref: str, where: SourceLocation, kind: str) -> None:
        shown = ref if len(ref) <= 80 else ref[:77] + "..."
        if kind == "invalid":
            log.warning(f"{where}: {shown} is not a valid address; it was left out.")
            return
        place = "not a file in" if kind == "scheme" else "outside"
        log.warning(f"{where}: {shown} is {place} the course folder; it was left out.")

    def checked(self, path: Path, where: SourceLocation, ref: str, image: bool) -> str | None:
        """A file's size (and an image's format and pixels): a problem that
        leaves it out is returned, an absurd size is collected as an error."""
        try:
            if image:
                return media.check_image(path, where, ref)
            media.check_file(path, where, ref)
        except BuildError as problem:
            self.ctx.errors.append(problem)
        return None

    def add(self, path: Path) -> Asset:
        if path.is_relative_to(self.ctx.root):
            rel = path.relative_to(self.ctx.root).as_posix()
        else:  # extracted from an imported document: named after it
            rel = f"{Path(self.ctx.display).name}/{path.name}"
        asset = self.ctx.registry.add(path, rel)
        if asset not in self.assets:
            self.assets.append(asset)
        return asset

    def where(self, ref: str) -> SourceLocation:
        """The line of the n-th mention of ``ref`` in this section (or the
        file, for a footnote defined elsewhere)."""
        nth = self.seen.get(ref, 0)
        self.seen[ref] = nth + 1
        for needle in dict.fromkeys((ref, unquote(ref), ref.replace("&", "&amp;"))):
            hits = [n for n, line in enumerate(self.body_lines) if needle in line]
            if hits:
                line = self.first_line + hits[min(nth, len(hits) - 1)]
                return SourceLocation(self.ctx.display, line)
            hits = [n for n, line in enumerate(self.ctx.lines, 1) if needle in line]
            if hits:
                return SourceLocation(self.ctx.display, hits[0])
        return SourceLocation(self.ctx.display, self.first_line)


def classify(ref: str, ctx: ReadingContext) -> tuple[str, Path | None]:
    """``remote`` (http/https), ``mail``, ``file`` (exists inside the course
    folder; with its resolved path), ``missing`` (would be inside but does not
    exist), ``outside`` (absolute or escaping), ``scheme`` (file:, data:,
    javascript: and other schemes), ``invalid`` (not a URL at all)."""
    try:
        parts = urlsplit(ref)
    except ValueError:  # e.g. http://[::1 (an unclosed IPv6 host)
        return "invalid", None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") or ref.startswith("//"):
        return "remote", None
    if scheme == "mailto":
        return "mail", None
    if scheme and not (len(scheme) == 1 and ref[1:2] == ":"):
        return "scheme", None
    path = unquote(parts.path)
    if not path or path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return "outside", None
    try:
        resolved = (ctx.file.parent / path).resolve()
        if not resolved.is_relative_to(ctx.root):
            return "outside", None
        found = resolved.is_file()
    except (OSError, ValueError, RuntimeError):  # a name too long, a NUL, a symlink loop
        return "invalid", None
    return ("file", resolved) if found else ("missing", None)


def _omitted(alt: str) -> _Element | None:
    """What stands for an image that was left out: its alt text, or nothing."""
    if not alt:
        return None
    omitted = lxml.html.Element("span")
    omitted.set("class", "omitted-image")
    omitted.text = alt
    return omitted


def _replace(old: _Element, new: _Element | None) -> None:
    parent = old.getparent()
    if parent is None:
        return
    if new is None:
        _remove_keep_tail(old)
        if parent.tag == "p" and len(parent) == 0 and not (parent.text or "").strip():
            _remove_keep_tail(parent)
        return
    new.tail = old.tail
    parent.replace(old, new)


def _remove_keep_tail(element: _Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _unwrap(element: _Element) -> None:
    span = lxml.html.Element("span")
    span.text = element.text
    for child in list(element):
        span.append(child)
    _replace(element, span)
    span.drop_tag()  # type: ignore[attr-defined]


def _rename_footnotes(tree: _Element, prefix: str) -> None:
    """Footnote ids ``fn-<label>`` -> ``fn-<reading>-<anchor>-<n>``, unique in
    the whole course (several sections share a page)."""
    mapping: dict[str, str] = {}
    for n, item in enumerate(tree.xpath("//div[@class='footnote']/ol/li"), start=1):
        label = item.get("id", "")[3:]
        mapping[f"fn-{label}"] = f"fn-{prefix}-{n}"
        mapping[f"fnref-{label}"] = f"fnref-{prefix}-{n}"
        for k in range(2, 100):
            if not tree.xpath(f"//*[@id='fnref{k}-{label}']"):
                break
            mapping[f"fnref{k}-{label}"] = f"fnref-{prefix}-{n}-{k}"
    if not mapping:
        return
    for element in tree.iter():
        if element.get("id") in mapping:
            element.set("id", mapping[element.get("id")])
        href = element.get("href") or ""
        if href.startswith("#") and href[1:] in mapping:
            element.set("href", "#" + mapping[href[1:]])


def _table_alignment(tree: _Element) -> None:
    for cell in tree.xpath("//th[@style] | //td[@style]"):
        found = re.search(r"text-align:\s*(left|right|center)", cell.get("style", ""))
        if found:
            classes = (cell.get("class", "") + f" align-{found.group(1)}").strip()
            cell.set("class", classes)


def _drop_empty_headings(tree: _Element) -> None:
    """A heading without words (``### `` or just an icon) is not a heading:
    keep its image as a paragraph, or drop it."""
    for heading in list(tree.iter("h1", "h2", "h3", "h4", "h5", "h6")):
        if heading.text_content().strip():
            continue
        if heading.find(".//img") is not None:
            heading.tag = "p"
        else:
            _remove_keep_tail(heading)


def _box_titles(tree: _Element) -> None:
    """A box's leading heading is its title, not a heading of the page; a
    box of a kind with a title of its own (``questions``) gets that title
    when no heading gives one."""
    for box in tree.xpath("//div[contains(concat(' ', @class, ' '), ' box ')]"):
        first = box[0] if len(box) else None
        if first is not None and first.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            first.tag = "p"
            first.attrib.pop("id", None)
            first.set("class", "box-title")
            continue
        kinds = [c[4:] for c in (box.get("class") or "").split() if c.startswith("box-")]
        title = next((divs.TITLES[k] for k in kinds if k in divs.TITLES), None)
        if title is not None:
            label = lxml.html.Element("p", {"class": "box-title"})
            label.text = title
            label.tail = box.text
            box.insert(0, label)


TYPESET_SPACE = re.compile(r"(?<![ \t\u00a0\u202f])[ \t\u00a0\u202f]++(?=[;:!?»])")
"""A run of space before ; : ! ? or », matched once from its start (linear on long
runs of spaces)."""


def mark_typeset(text: str) -> str:
    """A run of space before ; : ! ? or » that holds a no-break space (French
    typography: 'données ;') becomes NUL, which the caller turns back into one
    no-break space once other runs of space are one space."""
    return TYPESET_SPACE.sub(
        lambda found: "\x00" if re.search("[\u00a0\u202f]", found.group(0)) else found.group(0),
        text)


def plain_text(html: str) -> str:
    """The plain text of sanitized HTML (see :func:`_plain_text`)."""
    return _plain_text(html)


def _plain_text(html: str) -> str:
    """Paragraphs of plain text separated by blank lines; footnotes, note
    markers and placeholders for images are not part of it."""
    if not html.strip():
        return ""
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        joined = mark_typeset("".join(buffer))  # 'données ;' stays French
        words = " ".join(joined.split()).replace("\x00", "\u00a0")
        if words:
            paragraphs.append(words)
        buffer.clear()

    def walk(element: _Element) -> None:
        classes = set((element.get("class") or "").split())
        block = element.tag in BLOCK_TAGS
        if classes & NOT_TEXT_CLASSES:
            if block:
                flush()
            buffer.append(element.tail or "")
            return
        if block:
            flush()
        if element.tag in ("br", "td", "th"):
            buffer.append(" ")
        buffer.append(element.text or "")
        for child in element:
            walk(child)
        if block:
            flush()
        buffer.append(element.tail or "")

    root = _fragment(html)
    buffer.append(root.text or "")
    for child in root:
        walk(child)
    flush()
    return "\n\n".join(paragraphs)
