"""The ``package`` stage: LMS packages from the course model and the rendered
site. SCORM 1.2, SCORM 2004 4th edition, IMS Common Cartridge (pages,
discussion topics, QTI knowledge checks) and question banks (QTI zip, Moodle
XML, GIFT), written deterministically into ``out/lms/``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from ..model import Course
from ..progress import Progress
from .banks import gift, moodle_xml, qti_bank_files
from .cc import cc_files
from .checks import check_packages
from .pages import Kind
from .scorm import scorm_files
from .site import Site, load_site
from .zipout import write_zip

log = logging.getLogger("builder")
FORMATS = ("scorm12", "scorm2004", "imscc", "qti")
__all__ = ["FORMATS", "check_packages", "package", "output_names"]


def output_names(slug: str, fmt: str) -> tuple[str, ...]:
    """The file names (inside ``lms/``) that ``fmt`` writes."""
    return {
        "scorm12": (f"{slug}-scorm12.zip",),
        "scorm2004": (f"{slug}-scorm2004.zip",),
        "imscc": (f"{slug}.imscc",),
        "qti": (f"{slug}-qti.zip", f"{slug}-moodle.xml", f"{slug}-gift.txt"),
    }[fmt]


def package(course: Course, out: Path, formats: frozenset[str], progress: Progress
            ) -> tuple[Path, ...]:
    """Write the packages named in ``formats`` (a subset of :data:`FORMATS`)
    into ``out/lms/`` and return their paths. Packages built from pages read
    them from ``out/site/``, which render has written."""
    unknown = sorted(formats - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown package formats: {', '.join(unknown)}")
    wanted = [f for f in FORMATS if f in formats]
    if not wanted:
        return ()
    lms = out / "lms"
    lms.mkdir(parents=True, exist_ok=True)
    sites = _Sites(course, out / "site")
    progress.task("package", len(wanted))
    written: list[Path] = []
    for fmt in wanted:
        written += _WRITERS[fmt](course, sites, lms)
        progress.advance("package")
    return tuple(written)


class _Sites:
    """The package pages of each kind, rendered once when first needed."""

    def __init__(self, course: Course, root: Path) -> None:
        self.course = course
        self.root = root
        self.loaded: dict[Kind, Site] = {}

    def get(self, kind: Kind) -> Site:
        if kind not in self.loaded:
            self.loaded[kind] = load_site(self.course, self.root, kind)
        return self.loaded[kind]


def _scorm12(course: Course, sites: _Sites, lms: Path) -> list[Path]:
    files = scorm_files(course, sites.get("scorm"), "scorm12")
    return [write_zip(lms / output_names(course.slug, "scorm12")[0], files, course.source_date)]


def _scorm2004(course: Course, sites: _Sites, lms: Path) -> list[Path]:
    files = scorm_files(course, sites.get("scorm"), "scorm2004")
    return [write_zip(lms / output_names(course.slug, "scorm2004")[0], files, course.source_date)]


def _imscc(course: Course, sites: _Sites, lms: Path) -> list[Path]:
    path = lms / output_names(course.slug, "imscc")[0]
    return [write_zip(path, cc_files(course, sites.get("cc")), course.source_date)]


def _banks(course: Course, sites: _Sites, lms: Path) -> list[Path]:
    zip_name, moodle_name, gift_name = output_names(course.slug, "qti")
    if not any(m.quiz for m in course.modules):
        log.warning("no module has knowledge-check items: the question banks %s, %s and %s "
                    "are empty", zip_name, moodle_name, gift_name)
    paths = [write_zip(lms / zip_name, qti_bank_files(course), course.source_date)]
    for name, content in ((moodle_name, moodle_xml(course)), (gift_name, gift(course))):
        (lms / name).write_bytes(content)
        paths.append(lms / name)
    return paths


_WRITERS: dict[str, Callable[[Course, _Sites, Path], list[Path]]] = {
    "scorm12": _scorm12,
    "scorm2004": _scorm2004,
    "imscc": _imscc,
    "qti": _banks,
}
