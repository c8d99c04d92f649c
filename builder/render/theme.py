"""Templates: the Jinja2 environment, the page contexts, and template errors.

Templates are looked up in the course's own ``templates/`` folder first, then
in the default theme (:func:`builder.theme_dir`). The default theme is also
reachable as ``!default/<name>``, so an override can extend the template it
replaces and change one block::

    {% extends "!default/module.html" %}
    {% block objectives %}...{% endblock %}

Every page gets a documented context (the ``TypedDict`` classes below);
``StrictUndefined`` turns a misspelled variable into a build error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import Any, TypedDict

import jinja2
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from .. import theme_dir
from ..errors import BuildError
from ..model import Course, Module
from ..strings import PLACEHOLDER, fmt
from .glossary import GlossaryEntry
from .sandbox import OverrideLoader, Sandbox, TemplateLimit, guard_filters, limits

OVERRIDES = "templates"


class SectionView(TypedDict):
    """A section ready to print: heading level shifted for the page
    (``level`` 0 means no heading), links to assets rewritten."""

    title: Markup
    level: int
    anchor: str
    html: Markup


class ModuleEntry(TypedDict):
    """A module as listed on the home page, in a TOC or a navigation link."""

    module: Module
    number: int
    href: str
    """Link from the current page (site) or fragment (course pack)."""
    handout: str
    """Link to the module's PDF handout from the current page, or ''."""


class PageContext(TypedDict):
    """What every template gets."""

    course: Course
    t: dict[str, str]
    """Interface strings (see ``templates/strings/en.toml``)."""
    lang: str
    dir: str
    root: str
    """Relative path from this page to the site root: '' or '../'."""
    page_title: str
    links: dict[str, str]
    """Site navigation from this page: ``home``, ``search`` and, when the
    course has key terms, ``glossary``. Empty in PDFs and the EPUB."""
    term_links: dict[str, str]
    """Key term -> its entry on the glossary page, for linking terms."""


class IndexContext(PageContext):
    """``index.html``: the course home."""

    overview: list[SectionView]
    modules: list[ModuleEntry]
    downloads: list[tuple[str, str]]
    """(label, href) of the PDFs and the EPUB, empty when none is built."""
    total_minutes: int
    """Reading time of the whole course."""


class GlossaryContext(PageContext):
    """``glossary.html``: every key term with links to its modules."""

    entries: list[GlossaryEntry]
    modules_prefix: str
    """Link prefix from this page to the module pages ('modules/' or '')."""


class ResourcesContext(PageContext):
    """``resources.html``: the readings' back matter (credits, references,
    notes, licence, further reading)."""

    sections: list[SectionView]


class SearchContext(PageContext):
    """``search.html``: the offline search page (the index is a script)."""

    index: str
    """Link to ``assets/search-index.js`` from this page."""


class ModuleContext(PageContext):
    """``module.html``: one module page."""

    module: Module
    number: int
    sections: list[SectionView]
    prev: ModuleEntry | None
    next: ModuleEntry | None
    handout: str


class HandoutContext(PageContext):
    """``pdf/handout.html``: the student handout of one module (``root`` is '')."""

    module: Module
    number: int
    sections: list[SectionView]
    stylesheet: str
    created: str


class ModuleDoc(TypedDict):
    """One module inside the course pack or the guide."""

    module: Module
    number: int
    sections: list[SectionView]


class CoursePackContext(PageContext):
    """``pdf/course-pack.html``: cover, contents, overview, every module."""

    overview: list[SectionView]
    modules: list[ModuleDoc]
    glossary: list[GlossaryEntry]
    resources: list[SectionView]
    """The readings' back matter, after the glossary."""
    stylesheet: str
    created: str


class GuideContext(PageContext):
    """``pdf/instructor-guide.html``: objectives, prompts with notes, answer keys."""

    modules: list[ModuleDoc]
    stylesheet: str
    created: str


def make_environment(course_root: Path, shown_root: str = "") -> jinja2.Environment:
    """The Jinja2 environment: course overrides, then the theme, then ``!default/``.
    With overrides it is a sandbox (see :mod:`builder.render.sandbox`)."""
    default = jinja2.FileSystemLoader(str(theme_dir()))
    loaders: list[jinja2.BaseLoader] = []
    overrides = override_folder(course_root, shown_root)
    if overrides is not None:
        loaders.append(OverrideLoader(overrides, f"{shown_root or course_root}/{OVERRIDES}"))
    loaders += [default, jinja2.PrefixLoader({"!default": default}, delimiter="/")]
    kind = Sandbox if overrides is not None else jinja2.Environment
    env = kind(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "xml", "xhtml", "opf"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fmt"] = fmt
    env.filters["letter"] = lambda i: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26]
    env.filters["css_string"] = css_string
    env.filters["css_counters"] = css_counters
    env.filters["running"] = running
    env.filters["lede"] = lede
    if overrides is not None:
        guard_filters(env.filters)
    return env


def override_folder(course_root: Path, shown_root: str = "") -> Path | None:
    """The course's ``templates/`` folder, if it has one inside the course folder."""
    folder = course_root / OVERRIDES
    if not folder.is_dir():
        return None
    if not folder.resolve().is_relative_to(course_root.resolve()):
        raise BuildError(
            "the templates folder links to a folder outside the course folder",
            f"{shown_root or course_root}/{OVERRIDES}",
            "Copy the templates into the course folder instead of linking to them",
        )
    return folder


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string (for ``content:`` in ``@page`` rules)."""
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\<>' else f"\\{ord(ch):x} " for ch in text
    )
    return Markup(f'"{escaped}"')


def lede(module: Module) -> str:
    """The module's summary for the top of its page, or '' when the summary
    only repeats the opening of the reading (printed right below it)."""
    summary = " ".join(module.summary.split()).rstrip(".…")
    if not summary or " ".join(module.text.split()).startswith(summary):
        return ""
    return module.summary


def running(text: object, limit: int = 42) -> str:
    """A title short enough for a running header: cut at a word, with '…'.

    (WeasyPrint's ``text-overflow: ellipsis`` in page margins garbles the
    text layer of right-to-left scripts, so headers are shortened here.)"""
    words = str(text).split()
    short = ""
    for word in words:
        if len(short) + len(word) + 1 > limit:
            return (short or word[:limit]).rstrip(" ,;:–-") + "…"
        short = f"{short} {word}" if short else word
    return short


def css_counters(template: str) -> Markup:
    """``Page {page} of {pages}`` as CSS content: strings and page counters."""
    parts = []
    for index, piece in enumerate(PLACEHOLDER.split(template)):
        if index % 2:
            parts.append({"page": "counter(page)", "pages": "counter(pages)"}.get(piece, '""'))
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')


class Where:
    """How to name template files in messages: ``course/templates/module.html``
    for the course's overrides, the full path for the default theme."""

    def __init__(self, course_root: Path, shown_root: str) -> None:
        self.course_root = course_root
        self.shown_root = shown_root.rstrip("/")

    def name(self, filename: str | None) -> str:
        if not filename:
            return "<template>"
        path = Path(filename)
        if path.is_relative_to(self.course_root) and self.shown_root:
            return f"{self.shown_root}/{path.relative_to(self.course_root).as_posix()}"
        return str(path)

    def frame(self, tb: TracebackType | None, overrides_only: bool = False) -> str | None:
        """``file:line`` of the innermost template frame of a traceback (of
        the course's own templates, with ``overrides_only``)."""
        found = None
        overrides = self.course_root / OVERRIDES
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            mine = not overrides_only or Path(filename).is_relative_to(overrides)
            if filename.endswith((".html", ".xml", ".css", ".js", ".txt", ".opf")) and mine:
                found = f"{self.name(filename)}:{jinja_line(tb)}"
            tb = tb.tb_next
        return found

    def override(self, name: str) -> str:
        """An override named ``name`` as the user sees it (line 1)."""
        return f"{self.shown_root or self.course_root}/{OVERRIDES}/{name}:1"


def jinja_line(tb: TracebackType) -> int:
    """The template line of a frame of compiled template code."""
    code = tb.tb_frame.f_globals.get("__jinja_template__")
    if code is not None:
        try:
            return int(code.get_corresponding_lineno(tb.tb_lineno))
        except (AttributeError, TypeError, ValueError):
            pass
    return tb.tb_lineno


def render_page(env: jinja2.Environment, name: str, context: Any, where: Where) -> str:
    """Render template ``name``; template problems become :class:`BuildError`."""
    try:
        if not isinstance(env, Sandbox):
            return env.get_template(name).render(context)
        with limits(where.course_root / OVERRIDES):
            return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(f"template syntax error: {exc.message}",
                         f"{where.name(exc.filename)}:{exc.lineno}",
                         "Fix the template, or delete it to use the default theme") from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template not found: {exc.name}", where.frame(sys.exc_info()[2]),
                         "Check the name in {% extends %} or {% include %}") from None
    except jinja2.UndefinedError as exc:
        raise BuildError(f"template error: {exc.message}", where.frame(sys.exc_info()[2]),
                         "Check the variable against the page context "
                         "in builder/render/theme.py") from None
    except RecursionError:
        raise BuildError(
            "template error: it includes or extends itself, or a macro calls itself without end",
            where.frame(sys.exc_info()[2], overrides_only=True) or where.override(name),
            "Extend the default template with {% extends \"!default/...\" %}",
        ) from None
    except BuildError:
        raise
    except Exception as exc:
        place = where.frame(sys.exc_info()[2], overrides_only=True)
        if place is None and not isinstance(exc, TemplateLimit | SecurityError):
            raise  # not from an override: a bug in coursepack
        raise BuildError(
            f"template error: {_describe(exc)}", place or where.override(name),
            "Fix the template override, or delete it to use the default theme",
        ) from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, TemplateLimit):
        return f"the template {exc}"
    if isinstance(exc, SecurityError):
        return f"not allowed in a template override ({str(exc).rstrip('.')})"
    return f"{type(exc).__name__}: {exc}"
