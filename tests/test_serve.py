"""coursepack serve: serves the site and rebuilds when a source changes."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from builder.serve import Preview

ESSAY = """# Tides

## What Moves the Sea

The moon pulls on the oceans, and the water on the side facing the moon rises a little. The
earth turns beneath this bulge, so most coasts see two high tides and two low tides each day.

## Living With Tides

Fishers plan their days around the tide tables, because boats leave harbours at high water.
"""


def test_preview_serves_and_rebuilds(make_course) -> None:
    course: Path = make_course({"essay.md": ESSAY})
    preview = Preview(course, "course", frozenset({"html"}))
    try:
        assert preview.rebuild_if_changed() is True
        assert preview.rebuild_if_changed() is False  # nothing changed
        httpd = preview.server("127.0.0.1", 0)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_port}/index.html"
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.status == 200 and b"Tides" in response.read()
        essay = course / "essay.md"
        essay.write_text(ESSAY.replace("# Tides", "# Ocean Tides"))
        import os

        os.utime(essay, (1, 2))  # a different mtime even within one clock tick
        assert preview.rebuild_if_changed() is True
        with urllib.request.urlopen(url, timeout=5) as response:
            assert b"Ocean Tides" in response.read()
        essay.write_text("---\ntitle: [broken\n---\n")
        os.utime(essay, (3, 4))
        assert preview.rebuild_if_changed() is False  # error printed, last build kept
        with urllib.request.urlopen(url, timeout=5) as response:
            assert b"Ocean Tides" in response.read()
        httpd.shutdown()
    finally:
        preview.close()
