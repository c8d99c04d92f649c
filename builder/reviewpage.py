"""The review page of ``coursepack serve`` (``/_review/``): every module's
summary, objectives, discussion questions, quiz items and terms as
``plan.yaml`` holds them, with their origin, Bloom level, the objectives they
assess, the flaws ``coursepack check`` finds and the sentence of the reading
each came from; and the changes the page asks for, written to ``plan.yaml``
at once.

``plan.yaml`` stays the one source of truth: a kept item loses its
``generated`` fingerprint (it is the instructor's now, "authored"), a dropped
one gets ``drop: true``, an edited or added one is written as authored. Every
write names the version (hash) of ``plan.yaml`` the page was showing; a file
changed meanwhile (in an editor) is never overwritten, the write is refused
with a message instead. The file is replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from . import authored
from .authored import ITEM_KEYS, KINDS, QUIZ_KINDS, Parser
from .errors import BuildError, read_inside
from .language import language
from .model import BLOOM_LEVELS, Course, Module
from .pedagogy.flaws import BLANK, course_flaws
from .pedagogy.lang.text import WORD, is_content, norm
from .pedagogy.lang.text import sentences as lang_sentences
from .pedagogy.text import content_words, sentences
from .planfile import HEADER, PLAN_FILE, SCHEMA, TEXT_KEYS, _Dumper, _plain, source_hash, text_key

NO_PLAN = "none"
"""The version of a course folder without plan.yaml."""
FLAW_ITEMS = {"objective": "objectives", "question": "discussion", "quiz": "quiz"}
EDITABLE = {kind: sorted(keys - {"origin", "generated", "drop"})
            for kind, keys in ITEM_KEYS.items()}


class ReviewError(Exception):
    """A change the page asked for and that was not written: ``status`` is
    the HTTP status, ``message`` says why and what to do."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def plan_version(course_dir: Path) -> str:
    """A hash of plan.yaml's bytes (:data:`NO_PLAN` when there is none)."""
    path = course_dir / PLAN_FILE
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    except FileNotFoundError:
        return NO_PLAN


def read_plan_data(course_dir: Path, display_dir: str) -> dict[str, Any] | None:
    """plan.yaml as plain data (no line numbers), or None without one."""
    path = course_dir / PLAN_FILE
    if not path.is_file():
        return None
    shown = f"{display_dir.rstrip('/')}/{PLAN_FILE}"
    data = authored.load_yaml(read_inside(path, course_dir, shown), shown)
    if not isinstance(data, dict) or not isinstance(data.get("modules", []), list):
        raise BuildError("not a coursepack plan", f"{shown}:1",
                         "Delete it and run coursepack plan to write a new one")
    plain: dict[str, Any] = _plain(data)
    return plain


def plan_yaml(data: dict[str, Any]) -> str:
    """plan.yaml's text for ``data``, laid out as ``coursepack plan`` writes it."""
    import yaml

    data = {"schema": data.get("schema", SCHEMA), **data}
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96,
                     default_flow_style=False)
    return HEADER + "\n" + body


def write_atomically(course_dir: Path, text: str, expected: str, shown: str) -> str:
    """Replace plan.yaml with ``text`` if it is still at version ``expected``;
    returns the new version. The new file is written beside it and renamed
    over it, so a reader never sees half a file."""
    path = course_dir / PLAN_FILE
    handle, temp = tempfile.mkstemp(prefix=f".{PLAN_FILE}.", suffix=".tmp", dir=course_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if plan_version(course_dir) != expected:  # again, right before the rename
            raise _conflict(shown)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return plan_version(course_dir)


def module_hash(entry: dict[str, Any]) -> str:
    """A hash of one module's entry in plan.yaml: a page change goes through
    when an editor changed other modules only."""
    blob = json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _conflict(shown: str) -> ReviewError:
    return ReviewError(409, f"{shown} was changed outside this page (in an editor?) since the "
                            "page showed this module, so your change was not written and the "
                            "file was left as it is. The page now shows the file as it is; "
                            "make your change again.")


# --- what the page shows ---


def page_data(course_dir: Path, display_dir: str, course: Course | None,
              built_version: str, build_error: tuple[str, str] | None = None) -> dict[str, Any]:
    """Everything the review page shows, as JSON-ready data. ``course`` is
    the model of the last good build, made from plan.yaml at
    ``built_version``; ``build_error`` the version a later build failed on
    and its message."""
    version = plan_version(course_dir)
    data = read_plan_data(course_dir, display_dir) if version != NO_PLAN else None
    shown = f"{display_dir.rstrip('/')}/{PLAN_FILE}"
    failed = build_error is not None and build_error[0] == version
    result: dict[str, Any] = {
        "version": version, "plan": shown, "hasPlan": data is not None,
        "current": built_version == version,
        "buildError": build_error[1] if failed and build_error else "",
        "course": course.title if course else "",
        "language": course.language if course else "",
        "blooms": list(BLOOM_LEVELS), "quizKinds": list(QUIZ_KINDS), "modules": [],
    }
    models = {m.id: m for m in course.modules} if course else {}
    flaws = _flaws_of(course) if course else {}
    if data is None:
        result["modules"] = [{"id": m.id, "title": m.title} for m in models.values()]
        return result
    for entry in data.get("modules") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        module = models.get(entry["id"])
        result["modules"].append(_module(entry, module, flaws.get(entry["id"], {}),
                                         _Words(course.language if course else "en")))
    return result


_LAST_FLAWS: list[tuple[Course, dict[str, dict[str, list[str]]]]] = []


def _flaws_of(course: Course) -> dict[str, dict[str, list[str]]]:
    """:func:`_flaws` of the last course asked about, computed once (the page
    asks again every second while the preview rebuilds)."""
    if not _LAST_FLAWS or _LAST_FLAWS[0][0] is not course:
        _LAST_FLAWS[:] = [(course, _flaws(course))]
    return _LAST_FLAWS[0][1]


def _flaws(course: Course) -> dict[str, dict[str, list[str]]]:
    """Per module id: ``{"objectives:<text key>": [flaw, ...], "module": [...]}``."""
    found: dict[str, dict[str, list[str]]] = {}
    modules = {m.id: m for m in course.modules}
    for flaw in course_flaws(course):
        text = f"{flaw.message.rstrip('.')}. {flaw.hint.strip()}".strip()
        key = "module"
        name, _, number = flaw.item.partition(" ")
        module = modules.get(flaw.module_id)
        if module is not None and name in FLAW_ITEMS and number.isdigit():
            kind = FLAW_ITEMS[name]
            items = getattr(module, kind)
            if 1 <= int(number) <= len(items):
                key = _key(kind, items[int(number) - 1])
        found.setdefault(flaw.module_id, {}).setdefault(key, []).append(text)
    return found


def _key(kind: str, item: Any) -> str:
    return text_key(kind, str(getattr(item, TEXT_KEYS[kind])))


class _Words:
    """The content words of a text, as the course language counts them:
    English stems, or (other languages) their normalised words cut to five
    letters, so that inflected forms of a word meet."""

    def __init__(self, code: str) -> None:
        self.english = code.split("-")[0].lower() == "en"
        self.lang = language(code)

    def sentences(self, text: str) -> list[tuple[str, int]]:
        """``(sentence, paragraph number)`` of a module's text."""
        if self.english:
            return [(s.text, s.paragraph) for s in sentences(text)]
        return [(s.text, s.paragraph) for s in lang_sentences(text, self.lang)]

    def __call__(self, text: str) -> set[str]:
        if self.english:
            return content_words(text)
        keys = (norm(w, self.lang) for w in WORD.findall(text))
        return {k[:5] for k in keys if is_content(k, self.lang)}


def _module(entry: dict[str, Any], module: Module | None,
            flaws: dict[str, list[str]], counted: _Words) -> dict[str, Any]:
    reading = counted.sentences(module.text) if module else []
    words = [counted(text) for text, _ in reading]
    kinds: dict[str, list[dict[str, Any]]] = {}
    reviewed = total = 0
    for kind in KINDS:
        found = entry.get(kind)
        listed: list[Any] = found if isinstance(found, list) else []
        items = []
        for index, raw in enumerate(listed):
            item = _item(kind, index, raw, flaws, words, counted)
            items.append(item)
            total += 1
            reviewed += item["state"] != "unreviewed"
        kinds[kind] = items
    return {
        "id": entry["id"],
        "hash": module_hash(entry),
        "title": str(entry.get("title", "")),
        "summary": str(entry.get("summary") or ""),
        "stale": bool(entry.get("stale", False)),
        "changed": module is not None and str(entry.get("source_hash")) != source_hash(module),
        "missing": module is None,
        "reviewed": reviewed, "total": total,
        "flaws": flaws.get("module", []),
        "reading": [{"text": text, "paragraph": n} for text, n in reading],
        "kinds": kinds,
    }


def _item(kind: str, index: int, raw: Any, flaws: dict[str, list[str]],
          words: list[set[str]], counted: _Words) -> dict[str, Any]:
    data = raw if isinstance(raw, dict) else ({"term": raw} if kind == "terms" else {"text": raw})
    if "from" in data:
        origin, state = "markdown", "kept"
    elif authored._origin(data, kind) == "generated":
        origin, state = "generated", "unreviewed"
    else:
        origin, state = "authored", "kept"
    if data.get("drop") is True:
        state = "dropped"
    text = str(data.get(TEXT_KEYS[kind]) or "")
    return {
        "index": index, "kind": kind, "origin": origin, "state": state,
        "from": str(data.get("from", "")),
        "data": {k: v for k, v in data.items() if k in EDITABLE[kind]},
        "flaws": flaws.get(text_key(kind, text), []) if text and state != "dropped" else [],
        "sentence": _sentence(counted(_claim(kind, data)), words),
    }


def _claim(kind: str, data: dict[str, Any]) -> str:
    """The words of an item that its source sentence should hold."""
    if kind == "terms":
        return f"{data.get('term', '')} {data.get('definition', '')}"
    if kind != "quiz":
        return str(data.get("text", ""))
    stem, answer = str(data.get("stem", "")), data.get("answer")
    if data.get("kind") == "fill_blank" and answer is not None:
        filled = BLANK.sub(str(answer), stem, count=1)
        return filled if filled != stem else f"{stem} {answer}"
    if isinstance(answer, str) and data.get("kind", "multiple_choice") == "multiple_choice":
        return f"{stem} {answer}"
    return stem


def _sentence(wanted: set[str], words: list[set[str]]) -> int | None:
    """The sentence of the reading sharing the most content words with
    ``claim`` (at least two, and a third of the claim's), or None."""
    if not wanted or not words:
        return None
    scores = [len(wanted & w) for w in words]
    best = max(range(len(words)), key=lambda n: (scores[n], -n))
    if scores[best] < 2 or scores[best] * 3 < len(wanted):
        return None
    return best


# --- changes ---


class Reviewer:
    """Applies the page's changes to one course folder's plan.yaml, one at a time."""

    def __init__(self, course_dir: Path, display_dir: str,
                 build_lock: threading.Lock | None = None) -> None:
        self.course_dir = course_dir
        self.display_dir = display_dir
        self.shown = f"{display_dir.rstrip('/')}/{PLAN_FILE}"
        self.lock = threading.Lock()
        self.build_lock = build_lock or threading.Lock()

    def change(self, request: Any, language: str) -> str:
        """Apply one change; returns plan.yaml's new version. A refused change
        raises ReviewError and writes nothing."""
        if not isinstance(request, dict):
            raise ReviewError(400, "the request must be a JSON object")
        action = request.get("action")
        with self.lock:
            expected = plan_version(self.course_dir)
            behind = request.get("version") != expected
            if behind and (action in ("create", "update") or NO_PLAN in (
                    expected, request.get("version"))):
                raise _conflict(self.shown)
            if action in ("create", "update"):
                return self._write_plan(action, expected)
            if expected == NO_PLAN:
                raise ReviewError(409, f"there is no {self.shown} yet; make one first")
            try:
                data = read_plan_data(self.course_dir, self.display_dir)
            except BuildError as exc:
                raise ReviewError(409, f"{exc.message} Fix it in an editor, then reload "
                                       "this page.") from None
            assert data is not None
            module = self._module(data, request.get("module"))
            if behind and request.get("moduleHash") != module_hash(module):
                raise _conflict(self.shown)  # the same module changed in the editor
            # (an editor changed other modules only: the change is made on the file as it is)
            if action == "summary":
                module["summary"] = _clean_text(request.get("summary"))
            elif action == "reviewed":
                module.pop("stale", None)
            else:
                self._item_change(module, action, request, language)
            return write_atomically(self.course_dir, plan_yaml(data), expected, self.shown)

    def _write_plan(self, action: str, expected: str) -> str:
        from .commands.plan import write_plan

        if action == "create" and expected != NO_PLAN:
            raise ReviewError(409, f"{self.shown} exists already; reload the page")
        if action == "update" and expected == NO_PLAN:
            raise ReviewError(409, f"there is no {self.shown} yet; make one first")
        with self.build_lock:
            try:
                write_plan(self.course_dir, self.display_dir, update=action == "update")
            except BuildError as exc:
                raise ReviewError(409, exc.message) from None
        return plan_version(self.course_dir)

    def _module(self, data: dict[str, Any], module_id: Any) -> dict[str, Any]:
        for entry in data.get("modules") or []:
            if isinstance(entry, dict) and entry.get("id") == module_id:
                return entry
        raise ReviewError(404, f"no module '{module_id}' in {self.shown}; reload the page")

    def _item_change(self, module: dict[str, Any], action: Any, request: dict[str, Any],
                     language: str) -> None:
        kind = request.get("kind")
        if kind not in KINDS:
            raise ReviewError(400, f"unknown kind of item {kind!r}")
        items = module.get(kind)
        if not isinstance(items, list):
            items = module[kind] = []
        if action == "add":
            items.append(self._valid(kind, request.get("item"), module, language))
            return
        index = request.get("index")
        if not isinstance(index, int) or not 0 <= index < len(items):
            raise ReviewError(404, f"no {kind} item {index!r} in module '{module['id']}'; "
                                   "reload the page")
        entry = items[index]
        if not isinstance(entry, dict):
            entry = items[index] = {TEXT_KEYS[kind] if kind != "quiz" else "stem": entry}
        if "from" in entry:
            raise ReviewError(400, f"this item is written in {entry['from']}; change it there")
        if action == "keep":
            entry.pop("generated", None)
            entry.pop("drop", None)
        elif action == "drop":
            entry["drop"] = True
        elif action == "restore":
            entry.pop("drop", None)
        elif action == "edit":
            items[index] = self._valid(kind, request.get("item"), module, language)
        else:
            raise ReviewError(400, f"unknown action {action!r}")

    def _valid(self, kind: str, item: Any, module: dict[str, Any],
               language: str) -> dict[str, Any]:
        """The item as plan.yaml writes it, authored; refused when a build would refuse it."""
        if not isinstance(item, dict):
            raise ReviewError(400, "the item must be a JSON object")
        clean: dict[str, Any] = {}
        for key in EDITABLE[kind]:
            value = _clean(key, item.get(key))
            if value not in (None, "", []):
                clean[key] = value
        objectives = module.get("objectives")
        count = len(objectives) if isinstance(objectives, list) else 0
        wrong = [n for n in clean.get("assesses", []) if n > count]
        if kind in ("discussion", "quiz") and wrong:
            has = f"{count} objectives" if count != 1 else "one objective"
            raise ReviewError(400, f"objective {wrong[0]} does not exist: this module has {has}")
        if kind == "quiz" and clean.get("kind") != "multiple_choice":
            clean.pop("choices", None)
        if kind == "quiz" and clean.get("kind") == "true_false" and isinstance(
                clean.get("answer"), str):
            clean["answer"] = clean["answer"].lower() == "true"
        if kind == "quiz" and clean.get("kind") == "multiple_choice" and "answer" not in clean:
            raise ReviewError(400, "Not saved: mark which choice is the right answer.")
        parser = Parser(self.shown, language)
        parser.material({kind: [clean]}, 1)
        if parser.errors:
            first = parser.errors[0]
            hint = (" Start with a verb such as explain, compare or evaluate, or choose its "
                    "Bloom level." if "Bloom level" in first.problem else "")
            raise ReviewError(400, f"Not saved: {first.problem}.{hint}")
        ordered = {k: clean[k] for k in _ORDER[kind] if k in clean}
        return ordered


_ORDER = {
    "objectives": ["text", "bloom"],
    "discussion": ["text", "bloom", "note", "assesses"],
    "quiz": ["kind", "stem", "choices", "answer", "accept", "feedback", "assesses"],
    "terms": ["term", "definition"],
}


def _clean_text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def _clean(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key == "assesses":
        if not isinstance(value, list):
            raise ReviewError(400, "'assesses' must be a list of objective numbers")
        numbers = []
        for n in value:
            if isinstance(n, bool) or not isinstance(n, int | str) or not str(n).isdigit() \
                    or int(n) < 1:
                raise ReviewError(400, f"objective number {n!r} must be 1 or more")
            numbers.append(int(n))
        return sorted(set(numbers))
    if key in ("choices", "accept"):
        if not isinstance(value, list):
            raise ReviewError(400, f"'{key}' must be a list")
        return [t for t in (_clean_text(v) for v in value) if t]
    if key == "answer" and isinstance(value, bool):
        return value
    if isinstance(value, list | dict):
        raise ReviewError(400, f"'{key}' must be text")
    return _clean_text(value)
