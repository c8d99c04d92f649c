"""Local files a reading uses (images, linked handouts): checked before they
are copied into the site, every package and the EPUB.

A file over :data:`MAX_BYTES` is refused; an image must really be an image
(its first bytes, not its name) and at most :data:`MAX_PIXELS` pixels.
"""

from __future__ import annotations

import re
import tempfile
import warnings
from pathlib import Path

from .errors import BuildError

MAX_BYTES = 50 * 1024 * 1024
"""A file a course copies into each of its five or six outputs."""
MAX_PIXELS = 60_000_000
"""About 9,500 x 6,300: more than any screen or printed page shows."""
_SVG = re.compile(rb"<svg[\s>]", re.I)
_RASTER = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
)


def image_format(head: bytes) -> str | None:
    """The format of an image from its first bytes ('SVG', 'PNG', ...), or None."""
    for magic, name in _RASTER:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if b"\0" not in head and _SVG.search(head):
        return "SVG"
    return None


def check_file(path: Path, where: object, shown: str) -> None:
    """Refuse a file too large to copy into every output."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BuildError(
            f"'{shown}' is {size / 1024 / 1024:,.0f} MB; files a course uses may be at most "
            f"{MAX_BYTES // 1024 // 1024} MB", where,
            "Make it smaller (it is copied into the site, every package and the EPUB)",
        )


def check_image(path: Path, where: object, shown: str) -> str | None:
    """Check an image file; a problem that leaves it out is returned as a
    message (the caller warns), an absurd size is raised as BuildError."""
    check_file(path, where, shown)
    with path.open("rb") as handle:
        head = handle.read(1024)
    kind = image_format(head)
    if kind is None:
        return f"'{shown}' is not an image (PNG, JPEG, GIF, WebP, AVIF or SVG)"
    if kind in ("SVG", "AVIF"):
        return None
    pixels = _pixels(path)
    if pixels is not None and pixels > MAX_PIXELS:  # None: a header Pillow cannot read
        raise BuildError(
            f"image '{shown}' has {pixels / 1e6:,.0f} million pixels; the limit is "
            f"{MAX_PIXELS // 1_000_000} million", where,
            "Scale it down (2,000 pixels across is plenty for a page)",
        )
    return None


def _pixels(path: Path) -> int | None:
    """Width x height from the image's header (nothing is decoded)."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # DecompressionBombWarning: we judge the size here
        try:
            with Image.open(path) as image:
                width, height = image.size
        except Image.DecompressionBombError as exc:  # over twice Pillow's own limit
            found = re.search(r"\((\d+) pixels\)", str(exc))
            return int(found.group(1)) if found else MAX_PIXELS + 1
        except (OSError, UnidentifiedImageError, ValueError):
            return None
    return int(width) * int(height)


EXTRACTED = "coursepack-media-"
"""The prefix of the folders in the temporary folder that hold the images
builder.importer extracts from documents (one content folder per image)."""


def extracted(path: Path) -> bool:
    """Whether ``path`` is an image extracted from a document: a file in its own
    content folder of an ``EXTRACTED`` folder in the temporary folder. The PDF
    sandbox may serve that one folder, which holds nothing else; any other path
    outside the course stays refused."""
    path = path.resolve()
    folder = path.parent.parent
    return (folder.name.startswith(EXTRACTED)
            and folder.parent == Path(tempfile.gettempdir()).resolve()
            and re.fullmatch(r"[0-9a-f]{24}", path.parent.name) is not None)
