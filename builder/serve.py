"""``coursepack serve``: build the site into a temporary folder, serve it on
localhost and rebuild when a source changes. A failed rebuild prints its
error and keeps serving the last good build."""

from __future__ import annotations

import errno
import functools
import logging
import shutil
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from . import theme_dir
from .errors import BuildError
from .pipeline import build

log = logging.getLogger("builder")


def snapshot(*folders: Path) -> dict[str, float]:
    """Modification times of every file under ``folders``."""
    stamps: dict[str, float] = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
                if path.is_file() and not hidden:
                    stamps[str(path)] = path.stat().st_mtime
    return stamps


class Preview:
    """A live preview of one course."""

    def __init__(self, course_dir: Path, display_dir: str, formats: frozenset[str]) -> None:
        self.course_dir = course_dir
        self.display_dir = display_dir
        self.formats = formats
        self.workdir = Path(tempfile.mkdtemp(prefix="coursepack-serve-"))
        self.out = self.workdir / "build"
        self.stamps: dict[str, float] = {}

    def rebuild_if_changed(self) -> bool:
        """Rebuild when a source changed; True if a new build is in place."""
        stamps = snapshot(self.course_dir, theme_dir())
        if stamps == self.stamps:
            return False
        self.stamps = stamps
        started = time.perf_counter()
        try:
            build(self.course_dir, self.out, self.formats, jobs=None,
                  display_dir=self.display_dir)
        except BuildError as exc:
            click.echo(f"Error: {exc.message}", err=True)
            return False
        click.echo(f"Rebuilt in {time.perf_counter() - started:.1f} s", err=True)
        return True

    def server(self, host: str, port: int) -> ThreadingHTTPServer:
        """A server bound to ``host:port``; a port taken or a bad host is bad input."""
        handler = functools.partial(_QuietHandler, directory=str(self.out / "site"))
        try:
            return ThreadingHTTPServer((host, port), handler)
        except (OSError, UnicodeError, ValueError, OverflowError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            hint = (f"Stop the program using port {port}, or choose another with --port"
                    if getattr(exc, "errno", None) == errno.EADDRINUSE else
                    "Give --host an address of this machine, e.g. 127.0.0.1 or 0.0.0.0")
            raise BuildError(f"cannot listen on {host}:{port} ({reason})", None, hint) from None

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        log.debug("serve: " + format, *args)


def serve(course_dir: Path, display_dir: str, host: str, port: int, interval: float = 1.0) -> None:
    """Serve until interrupted (Ctrl-C)."""
    preview = Preview(course_dir, display_dir, frozenset({"html"}))
    try:
        httpd = preview.server(host, port)  # first: a port taken fails at once
        if not preview.rebuild_if_changed():
            httpd.server_close()
            raise BuildError(f"the first build of {display_dir} failed", None,
                             "Fix the error above and run coursepack serve again")
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        click.echo(f"Serving {display_dir} on http://{host}:{httpd.server_port}/ "
                   "(rebuilds on save; Ctrl-C to stop)")
        try:
            while True:
                time.sleep(interval)
                preview.rebuild_if_changed()
        except KeyboardInterrupt:
            click.echo("Stopped.")
        finally:
            httpd.shutdown()
    finally:
        preview.close()
