"""Laying PDFs out (runs in worker processes): the course pack once, with the
handouts cut from its pages, or one document alone. Imported only when a PDF
is laid out, so a build with every PDF in the cache never imports WeasyPrint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from . import cut
from .fetcher import SandboxFetcher
from .pdf import AFTER_MODULES, PDF_OPTIONS, PdfOutcome, PdfUnit


@dataclass
class _Fonts:
    """One font configuration per process, shared by every document it lays out."""

    config: FontConfiguration | None = None

    def get(self) -> FontConfiguration:
        if self.config is None:
            self.config = FontConfiguration()
        return self.config


FONTS = _Fonts()


def lay_out_unit(unit: PdfUnit) -> list[PdfOutcome]:
    """Lay out ``unit.main`` once, write it and every document cut from it."""
    refused: list[tuple[str, str]] = []
    job = unit.main
    fetcher = SandboxFetcher(job.roots, on_refuse=lambda url, why: refused.append((url, why)))
    html = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
    if unit.cuts and not cut.supported():  # this WeasyPrint cannot cut: each on its own
        return [o for u in (PdfUnit(job), *(PdfUnit(c) for c in unit.cuts))
                for o in lay_out_unit(u)]
    laid = cut.lay_out(html, FONTS.get(), PDF_OPTIONS) if unit.cuts else None
    document = laid.document if laid else html.render(font_config=FONTS.get(), **PDF_OPTIONS)
    _write(document, job.target, job.html)
    outcomes = [PdfOutcome(job.task, job.target, len(document.pages), tuple(refused))]
    if laid is None:
        return outcomes
    ranges = module_ranges(laid.document, [c.anchor for c in unit.cuts])
    for handout, pages in zip(unit.cuts, ranges, strict=True):
        if pages is None:  # its module is not in the pack: lay it out on its own
            outcomes += lay_out_unit(PdfUnit(handout))
            continue
        meta = cut.metadata_of(HTML(string=_head(handout.html), base_url=handout.base_url))
        doc = cut.cut(laid, pages[0], pages[1], meta)
        _write(doc, handout.target, job.html + handout.anchor)
        outcomes.append(PdfOutcome(handout.task, handout.target, len(doc.pages), ()))
    return outcomes


def module_ranges(document: Document, anchors: list[str]) -> list[tuple[int, int] | None]:
    """(first page, stop page) of each module in the pack, by the anchor of its
    title; a module runs to the next one's start, the last one to the glossary,
    the resources or the end. None for a module whose start is missing or out of order."""
    pages = document.pages
    where: dict[str, int] = {}
    for index, page in enumerate(pages):
        for name in page.anchors:
            where.setdefault(name, index)
    starts = [where.get(a) for a in anchors]
    end = min([where[a] for a in AFTER_MODULES if a in where] + [len(pages)])
    ranges: list[tuple[int, int] | None] = []
    for i, start in enumerate(starts):
        following = [s for s in starts[i + 1:] if s is not None] + [end]
        stop = following[0]
        ranges.append((start, stop) if start is not None and start < stop else None)
    return ranges


def _head(html: str) -> str:
    """The document up to ``</head>``: enough for its metadata, quick to parse."""
    cut_at = html.find("</head>")
    return html if cut_at < 0 else html[:cut_at] + "</head><body></body></html>"


def _write(document: Document, target: Path, identity: str) -> None:
    identifier = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32].encode("ascii")
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_identifier=identifier, **PDF_OPTIONS)
