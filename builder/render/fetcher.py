"""A WeasyPrint URL fetcher that reads only from allowed folders.

Course content is untrusted: an essay may point an image at ``/etc/passwd``,
``../../secret``, a symlink that leads out of the course, or a web address.
:class:`SandboxFetcher` serves ``file:`` URLs whose real path (symlinks
resolved) lies inside one of its roots (the course folder and the theme) and
``data:`` URLs; it refuses everything else, reports the refusal (a warning on
the ``builder`` logger by default) and never opens the refused resource.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger("builder")


class RefusedURL(ValueError):
    """Raised for a URL the sandbox does not serve (WeasyPrint skips the resource)."""


def log_refusal(url: str, reason: str) -> None:
    log.warning("refused to load %s: %s", url, reason)


class SandboxFetcher(URLFetcher):
    """Serve files under ``roots`` and ``data:`` URLs; refuse the rest.

    ``on_refuse(url, reason)`` is called once per refused URL; by default it
    logs a warning. ``refused`` lists every refused URL in order.
    """

    def __init__(
        self,
        roots: Iterable[Path],
        on_refuse: Callable[[str, str], None] = log_refusal,
    ) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.on_refuse = on_refuse
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            self._refuse(url, f"{scheme or 'relative'} URLs are not allowed; use a local file")
        path = self.allowed_path(url)
        if path is None:
            self._refuse(url, "outside the course folder")
        assert path is not None
        if not path.is_file():
            self._refuse(url, "no such file")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": mime}
        )

    def allowed_path(self, url: str) -> Path | None:
        """The real path of a ``file:`` URL if it lies inside a root, else None."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        real = Path(url2pathname(parts.path)).resolve()
        for root in self.roots:
            if real == root or real.is_relative_to(root):
                return real
        return None

    def _refuse(self, url: str, reason: str) -> None:
        self.refused.append(url)
        self.on_refuse(url, reason)
        raise RefusedURL(f"{url}: {reason}")
