"""coursepack: essays in Markdown to a complete course pack."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"


def theme_dir() -> Path:
    """The default theme: ``builder/templates`` in an installed wheel, the
    repository's ``templates/`` in a checkout or an editable install."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    if installed.is_dir():
        return installed
    return here.parent / "templates"
