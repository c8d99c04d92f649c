"""Deterministic zip files: sorted entries, one fixed timestamp, fixed modes."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Mapping
from pathlib import Path

_ZIP_EPOCH = 315532800  # 1980-01-01, the earliest date a zip entry can hold


def zip_time(source_date: int) -> tuple[int, int, int, int, int, int]:
    """The zip timestamp for ``source_date`` (UTC, clamped to 1980..2107)."""
    seconds = min(max(source_date, _ZIP_EPOCH), 4354819199)
    t = time.gmtime(seconds)
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def write_zip(path: Path, files: Mapping[str, bytes], source_date: int) -> Path:
    """Write ``files`` ({name inside the zip: content}) to ``path``, entries
    sorted by name, every entry dated ``source_date``, deflated."""
    stamp = zip_time(source_date)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    tmp.replace(path)
    return path
