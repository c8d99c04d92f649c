"""Lay a document out once, then cut other documents from its pages.

The course pack holds every module's pages; a handout is the same pages with
its own page-margin boxes (page numbers counted from 1 of its own total), its
own title and bookmarks. WeasyPrint lays out margin boxes after the page
content, from a per-page counter state, so only those few lines are laid out
again: the body of a module is laid out once, for the pack and its handout.

This drives WeasyPrint below its public API (``Document.render`` keeps no
layout context); :func:`supported` says whether the installed version has the
parts used here, and the caller lays handouts out on their own when it does not.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from weasyprint import DEFAULT_OPTIONS, HTML
from weasyprint.document import Document, DocumentMetadata, Page
from weasyprint.text.fonts import FontConfiguration

try:
    from weasyprint.css.counters import CounterStyle
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.formatting_structure.build import build_formatting_structure
    from weasyprint.html import get_html_metadata
    from weasyprint.layout import layout_document
    from weasyprint.layout.background import layout_box_backgrounds
    from weasyprint.layout.page import make_margin_boxes
    from weasyprint.pdf import VARIANTS
except ImportError:  # pragma: no cover - another WeasyPrint layout
    SUPPORTED = False
else:
    SUPPORTED = hasattr(Document, "_build_layout_context")


@dataclass
class LaidOut:
    """A laid-out document and what is needed to lay out margin boxes again."""

    document: Document
    context: Any
    boxes: list[Any]


def supported() -> bool:
    return SUPPORTED


def lay_out(html: HTML, font_config: FontConfiguration, options: Mapping[str, Any]) -> LaidOut:
    """What ``html.render(**options)`` does, keeping the layout context."""
    opts = {**DEFAULT_OPTIONS, **options}
    if variant := opts["pdf_variant"]:
        _, properties = VARIANTS[variant]
        for key, value in tuple(opts.items()):
            if value is None and key in properties:
                opts[key] = properties[key]
    counter_style = CounterStyle()
    context = Document._build_layout_context(html, font_config, counter_style, {}, opts)
    root_box = build_formatting_structure(
        html.etree_element, context.style_for, context.get_image_from_uri, html.base_url,
        context.target_collector, counter_style, context.footnotes)
    boxes = list(layout_document(html, root_box, context))
    document = Document([Page(box) for box in boxes], DocumentMetadata(**get_html_metadata(html)),
                        html.url_fetcher, font_config, {}, opts["output_intent"])
    document._html = html  # what Document._render sets
    return LaidOut(document, context, boxes)


def metadata_of(html: HTML) -> DocumentMetadata:
    return DocumentMetadata(**get_html_metadata(html))


def cut(laid: LaidOut, first: int, stop: int, metadata: DocumentMetadata) -> Document:
    """Pages ``first`` to ``stop - 1`` of ``laid`` as a document of their own:
    the page counter runs from 1 to ``stop - first`` in the margin boxes."""
    context = laid.context
    total = stop - first
    pages = []
    for number, index in enumerate(range(first, stop), start=1):
        original = laid.boxes[index]
        state = copy.deepcopy(context.page_maker[index + 1][3])
        state[1]["page"] = [number]
        state[1]["pages"] = [total]
        context.current_page = index + 1  # running strings (string(chapter)) of this page
        page = copy.copy(original)
        kept = tuple(c for c in original.children if not isinstance(c, MarginBox))
        page.children = kept
        margins = tuple(make_margin_boxes(context, page, state))
        for box in margins:
            layout_box_backgrounds(page, box, context.get_image_from_uri)
        page.children = kept + margins
        pages.append(Page(page))
    doc = laid.document
    cut_doc = Document(pages, metadata, doc.url_fetcher, doc.font_config, doc.color_profiles,
                       doc.output_intent)
    cut_doc._html = getattr(doc, "_html", None)
    return cut_doc
