"""What the PDF stage hands its workers and gets back: shared by
:mod:`builder.render.pdf` (plans the documents, never imports WeasyPrint) and
:mod:`builder.render.layout` (lays them out in the workers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1"}
AFTER_MODULES = ("glossary", "resources")
"""Anchors of the pack's chapters after the modules (when it has them)."""


@dataclass(frozen=True)
class PdfJob:
    """One document to lay out: everything a worker process needs."""

    task: str
    html: str
    base_url: str
    target: Path
    roots: tuple[Path, ...]
    anchor: str = ""
    """For a handout: the id where its module starts in the course pack."""


@dataclass(frozen=True)
class PdfUnit:
    """What one worker does: lay out ``main`` and cut ``cuts`` from its pages."""

    main: PdfJob
    cuts: tuple[PdfJob, ...] = ()


@dataclass(frozen=True)
class PdfOutcome:
    task: str
    target: Path
    pages: int
    refused: tuple[tuple[str, str], ...]
