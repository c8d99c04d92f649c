"""The output formats (a module of its own so that ``coursepack --help``
names them without importing the pipeline)."""

from __future__ import annotations

RENDER_FORMATS = ("html", "pdf", "epub")
PACKAGE_FORMATS = ("scorm12", "scorm2004", "imscc", "qti")
FORMATS = RENDER_FORMATS + PACKAGE_FORMATS
"""Every output format, in build order; ``--format`` picks a subset."""
NEEDS_HTML = frozenset(PACKAGE_FORMATS) - {"qti"}
"""Formats that package the site pages, so they build html too."""
