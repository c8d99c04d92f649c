"""``coursepack serve``: build the site into a temporary folder, serve it on
localhost and rebuild when a source changes. A failed rebuild prints its
error and keeps serving the last good build.

``/_review/`` is the review page (:mod:`builder.reviewpage`): it writes
plan.yaml, so its writes need the session's token (in the page, sent with
every POST), a JSON body and, when the browser sends them, an Origin of this
server and a same-origin fetch; a server on the loopback address answers
review requests only for a loopback host name (no DNS rebinding)."""

from __future__ import annotations

import errno
import functools
import hmac
import ipaddress
import json
import logging
import secrets
import shutil
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from . import theme_dir
from .errors import BuildError
from .model import Course
from .pipeline import build
from .reviewpage import NO_PLAN, Reviewer, ReviewError, page_data, plan_version

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
        self.token = secrets.token_urlsafe(32)
        """The session's token: the review page carries it, every write needs it."""
        self.build_lock = threading.Lock()
        self.reviewer = Reviewer(course_dir, display_dir, self.build_lock)
        self.course: Course | None = None
        """The course model of the last good build (flaws, sentences)."""
        self.built_version = NO_PLAN
        """The plan.yaml version that build read."""
        self.build_error: tuple[str, str] | None = None
        """The plan.yaml version the last build failed on, and its message."""
        self.host = "127.0.0.1"

    def rebuild_if_changed(self) -> bool:
        """Rebuild when a source changed; True if a new build is in place."""
        with self.build_lock:
            stamps = snapshot(self.course_dir, theme_dir())
            if stamps == self.stamps:
                return False
            self.stamps = stamps
            started = time.perf_counter()
            version = plan_version(self.course_dir)
            try:
                result = build(self.course_dir, self.out, self.formats, jobs=None,
                               display_dir=self.display_dir)
            except BuildError as exc:
                click.echo(f"Error: {exc.message}", err=True)
                self.build_error = (version, exc.message)
                return False
            self.course, self.built_version = result.course, version
            self.build_error = None
            click.echo(f"Rebuilt in {time.perf_counter() - started:.1f} s", err=True)
            return True

    def server(self, host: str, port: int) -> ThreadingHTTPServer:
        """A server bound to ``host:port``; a port taken or a bad host is bad input."""
        self.host = host
        handler = functools.partial(_Handler, self, directory=str(self.out / "site"))
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


REVIEW = "/_review/"
REVIEW_FILES = {"review.js": "text/javascript", "review.css": "text/css"}
MAX_BODY = 1 << 20
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def _loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Handler(SimpleHTTPRequestHandler):
    """The built site, and the review page under /_review/."""

    def __init__(self, preview: Preview, *args: Any, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("serve: " + format, *args)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == REVIEW.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", REVIEW)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if not path.startswith(REVIEW):
            super().do_GET()
            return
        if not self._host_allowed():
            return
        name = path[len(REVIEW):]
        folder = theme_dir() / "review"
        if name in ("", "index.html"):
            page = (folder / "page.html").read_text(encoding="utf-8")
            self._send(200, "text/html; charset=utf-8",
                       page.replace("{{ token }}", self.preview.token).encode())
        elif name in REVIEW_FILES:
            self._send(200, f"{REVIEW_FILES[name]}; charset=utf-8",
                       (folder / name).read_bytes())
        elif name == "data.json":
            try:
                data = page_data(self.preview.course_dir, self.preview.display_dir,
                                 self.preview.course, self.preview.built_version,
                                 self.preview.build_error)
            except BuildError as exc:
                self._json(409, {"error": exc.message})
                return
            self._json(200, data)
        else:
            self._json(404, {"error": f"no such page: {path}"})

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path != REVIEW + "change":
            self._json(404, {"error": f"nothing to post to at {path}"})
            return
        if not self._host_allowed():
            return
        refused = self._refusal()
        if refused:
            self._json(403, {"error": refused})
            return
        try:
            length = int(self.headers.get("Content-Length") or "")
        except ValueError:
            length = -1
        if length < 0:
            self._json(411, {"error": "the request needs a Content-Length"})
            return
        if length > MAX_BODY:
            self._json(413, {"error": "the change is too large"})
            return
        try:
            request = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            self._json(400, {"error": "the request is not valid JSON"})
            return
        course = self.preview.course
        try:
            version = self.preview.reviewer.change(request, course.language if course else "en")
        except ReviewError as exc:
            self._json(exc.status, {"error": exc.message,
                                    "version": plan_version(self.preview.course_dir)})
            return
        self._json(200, {"ok": True, "version": version})

    def _host_allowed(self) -> bool:
        """A server on loopback answers only to loopback names (DNS rebinding)."""
        if not _loopback(self.preview.host):
            return True
        host = urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""
        if _loopback(host):
            return True
        self._json(403, {"error": f"the review page answers on 127.0.0.1, not on {host}"})
        return False

    def _refusal(self) -> str:
        """Why a POST is refused ("" when it is not)."""
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{self.headers.get('Host')}":
            return "refused: the request comes from another site"
        if self.headers.get("Sec-Fetch-Site") not in (None, "same-origin"):
            return "refused: the request comes from another site"
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            return "refused: send the change as application/json"
        token = self.headers.get("X-Coursepack-Token") or ""
        if not hmac.compare_digest(token.encode(), self.preview.token.encode()):
            return ("refused: this page's session has ended (coursepack serve was restarted). "
                    "Reload the page")
        return ""

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, "application/json; charset=utf-8",
                   json.dumps(data, ensure_ascii=False).encode())

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy",
                         "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


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
                   "(rebuilds on save; Ctrl-C to stop)\n"
                   f"Review the teaching material at http://{host}:{httpd.server_port}{REVIEW}")
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
