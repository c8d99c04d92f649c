"""The ``read`` stage: a course folder -> :class:`CourseSource`.

Finds the readings (``course.toml``'s list, or every ``*.md`` in the folder
and every Word, OpenDocument, HTML and plain-text file, which
:mod:`builder.importer` converts to Markdown), splits each into YAML front
matter and Markdown, finds its headings with a line scanner that follows
python-markdown's block rules, and renders every section with
:mod:`builder.markup`. Problems the user can fix become
:class:`BuildError` with ``file:line``; all problems of a file are reported
together.
"""

from __future__ import annotations

import logging
import os
import re
from html import unescape
from pathlib import Path
from typing import Any

from . import authored, importer, markup, places, yamlsafe
from .config import CONFIG_FILE, Config, load_config
from .divs import Divs, fenced_divs
from .errors import BuildError, BuildErrors, raise_all, read_source
from .headings import Heading, Scan, fenced_lines, numbering_problems, scan_headings
from .model import CourseSource, Exercise, Reading, Section, SourceLocation

log = logging.getLogger("builder")
places.install(log)
_AUTHORED_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*\{?\.?coursepack\}?\s*$")
_FRONT_END = re.compile(r"^(---|\.\.\.)\s*$")
_OPEN_TAG = re.compile(r"^\s*<[A-Za-z][^>]*>")
_CLOSE_TAG = re.compile(r"</[A-Za-z][\w-]*>\s*$")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]]+)\]:")
_SHARED_DEF = re.compile(r"^(?: {0,3}\[[^\]^][^\]]*\]:\s*\S|\*\[[^\]]+\]\s?:)")


def read_course(course_dir: Path, display_dir: str | None = None) -> CourseSource:
    """Read the course folder ``course_dir``; ``display_dir`` is how the user
    named it (for messages and :class:`SourceLocation` paths)."""
    shown = (display_dir if display_dir is not None else str(course_dir)).rstrip("/") or "."
    if not course_dir.exists():
        raise BuildError(
            "course folder not found", shown,
            "Check the path, or create a course with 'coursepack init DIR'",
        )
    if not course_dir.is_dir():
        raise BuildError(
            "not a folder", shown,
            "Give the folder that holds the essay (*.md) and course.toml",
        )
    root = course_dir.resolve()
    config = load_config(course_dir, shown)
    registry = markup.AssetRegistry()
    readings: list[Reading] = []
    errors: list[BuildError] = []
    files = _reading_files(root, config, shown)
    total = _check_size(root, files, shown)
    for number, rel in enumerate(files, start=1):
        try:
            reading = read_reading(root, rel, shown, number, registry)
        except BuildErrors as problems:
            errors.extend(problems.errors)
            continue
        except BuildError as problem:
            errors.append(problem)
            continue
        readings.append(reading)
        if importer.imports(rel):  # its Markdown counts, not the document's bytes
            total += sum(len(s.markdown.encode("utf-8")) + 1 for s in reading.sections)
            _check_total(total, f"{shown}/{rel}")
    raise_all(errors)
    return CourseSource(
        root=root,
        config=config,
        readings=tuple(readings),
        source_date=_source_date(root, tuple(readings), registry),
        display_dir=shown,
    )


def _reading_files(root: Path, config: Config, shown: str) -> list[str]:
    if not config.plan.readings:
        found = []
        for path in sorted(root.iterdir()):
            if not _is_reading(path.name) or not path.is_file():
                continue
            if not _utf8_name(path.name):
                raise BuildError(
                    "the file name is not valid UTF-8", f"{shown}/{shown_name(path.name)}",
                    "Rename the file (names become part of the course and its packages)",
                )
            if not path.resolve().is_relative_to(root):
                log.warning(f"{shown}/{path.name} is outside the course folder; it was left out.")
                continue
            found.append(path.name)
        if not found:
            raise BuildError(
                "no essay in the course folder (a .md, .docx, .odt, .html or .txt file)", shown,
                f"Put the essay in {shown} as a Markdown file (.md) or a Word document (.docx), "
                f"or list the readings in {CONFIG_FILE} under [plan] readings",
            )
        _same_names(found, shown)
        return found
    errors: list[BuildError] = []
    toml_lines = (root / CONFIG_FILE).read_text(encoding="utf-8").splitlines()
    for rel in config.plan.readings:
        where = f"{config.path}:{_toml_line(toml_lines, rel)}"
        try:
            path = (root / rel).resolve()
            is_file = path.is_file()
        except (OSError, ValueError) as exc:
            errors.append(BuildError(
                f"reading '{rel}' cannot be opened ({exc.strerror or exc})"
                if isinstance(exc, OSError) else f"reading '{rel}' is not a file name",
                where, "Fix the name in [plan] readings",
            ))
            continue
        if not path.is_relative_to(root):
            errors.append(BuildError(
                f"reading '{rel}' is outside the course folder", where,
                "List only files inside the course folder in [plan] readings",
            ))
        elif not is_file:
            errors.append(BuildError(
                f"reading '{rel}' not found", where,
                "Fix the name in [plan] readings or add the file to the course folder",
            ))
    raise_all(errors)
    return [Path(rel).as_posix() for rel in config.plan.readings]


READING_SUFFIXES = (".md", *importer.SUFFIXES)
"""The files of a course folder that are readings (when course.toml lists none)."""


def _is_reading(name: str) -> bool:
    """A reading by its ending; hidden files and the lock files that Word
    keeps beside an open document (``~$essay.docx``) are not."""
    return (Path(name).suffix.lower() in READING_SUFFIXES
            and not name.startswith((".", "~$")))


def _same_names(found: list[str], shown: str) -> None:
    """``essay.md`` beside ``essay.docx``: the same essay twice, most likely."""
    by_stem: dict[str, list[str]] = {}
    for name in found:
        by_stem.setdefault(Path(name).stem.lower(), []).append(name)
    twins = [names for names in by_stem.values() if len(names) > 1]
    if twins:
        raise BuildError(
            "two readings have the same name: " + "; ".join(" and ".join(n) for n in twins),
            shown, "Keep one of each (delete or rename the other, for example the essay.md a "
            f"Word document replaces), or list the readings in {CONFIG_FILE} under [plan] "
            "readings",
        )


MAX_COURSE_BYTES = 1_000_000
"""Markdown per course: about 150,000 words, a long book. The time to build
grows in step with the text (benchmarks/linear.md), a bit over a second of
CPU per module; much more would take hours and make thousands of modules."""


def _check_size(root: Path, files: list[str], shown: str) -> int:
    """Refuse a course whose Markdown readings are too long, before reading
    any of them; their bytes. (A document to import has limits of its own,
    :mod:`builder.importer`, and its Markdown counts once converted.)"""
    total = 0
    for rel in files:
        if importer.imports(rel):
            continue
        total += (root / rel).stat().st_size
        _check_total(total, f"{shown}/{rel}:1")
    return total


def _check_total(total: int, where: str) -> None:
    if total > MAX_COURSE_BYTES:
        raise BuildError(
            f"the readings hold more than {MAX_COURSE_BYTES // 1000:,} KB of text "
            f"(from this one on); coursepack takes up to {MAX_COURSE_BYTES // 1000:,} KB "
            "(about 150,000 words) per course", where,
            "Split the text into several courses, one per part or book",
        )


def _utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept as surrogates by os.fsdecode
        return False
    return True


def shown_name(name: str) -> str:
    """A file name as it can be printed (undecodable bytes as U+FFFD)."""
    return os.fsencode(name).decode("utf-8", "replace")


def _toml_line(lines: list[str], rel: str) -> int:
    for quoted in (f'"{rel}"', f"'{rel}'"):
        for number, line in enumerate(lines, start=1):
            if quoted in line:
                return number
    for number, line in enumerate(lines, start=1):
        if re.match(r"\s*readings\s*=", line):
            return number
    return 1


def read_reading(
    root: Path, rel: str, shown_dir: str, number: int, registry: markup.AssetRegistry
) -> Reading:
    """One reading of the course (Markdown, or a document converted to it),
    checked as a whole."""
    path = root / rel
    display = f"{shown_dir}/{rel}"
    extracted: dict[str, Path] = {}
    places.describe(display, ())
    if importer.imports(rel):
        imported = importer.import_reading(path, display)
        lines, extracted = imported.lines, imported.media
        places.describe(display, imported.labels)
    else:
        lines = _decode(path.read_bytes(), display)
    errors: list[BuildError] = []
    meta, body_start = _front_matter(lines, display, errors)
    if not any(line.strip() for line in lines[body_start:]):
        errors.append(BuildError(
            "the essay is empty" if body_start == 0 else "the essay has only front matter",
            f"{display}:1", "Write the essay's text in the document, or remove the file"
            if importer.imports(rel) else
            "Write the text in Markdown below any front matter, or remove the file",
        ))
        raise_all(errors)
    ctx = markup.ReadingContext(
        root=root, file=path, display=display, lines=lines, number=number, registry=registry,
        errors=errors, media=extracted,
    )
    raw = [""] * body_start + lines[body_start:]
    divs = fenced_divs(raw, fenced_lines(raw))
    blanked = divs.lines
    scan = scan_headings(blanked, divs.boxes)
    _check_nesting(blanked, scan.code, display, errors)
    raise_all(errors)
    _unwrap_sectioned(blanked, scan)
    prepared, blocks = authored_blocks(prepare_reading(blanked, scan, ctx), ctx)
    sections = _sections(prepared, scan, ctx, blocks, _exercises(divs, ctx))
    if not sections:
        errors.append(BuildError(
            "the essay has no text", f"{display}:1",
            "Write the text in Markdown (comments and front matter alone are not shown)",
        ))
    raise_all(ctx.errors)
    titled = [(s.location.line, s.level, s.title) for s in sections if s.level]
    for line, problem in numbering_problems(titled):
        log.warning(f"{display}:{line}: {problem}. Check the numbering of the headings.")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        first_h1 = next((s.title for s in sections if s.level == 1), "")
        title = first_h1 or readable_stem(path.stem)
    return Reading(
        path=path,
        rel=rel,
        title=" ".join(str(title).split()),
        meta=meta,
        sections=tuple(sections),
        location=SourceLocation(display, 1),
        lesson=_lesson(divs, ctx),
    )


def _exercises(divs: Divs, ctx: markup.ReadingContext) -> dict[int, Exercise]:
    """The challenges that have a solution, by the 0-based line of their
    fence: the title is the challenge's heading, the solution rendered for
    the instructor guide (without its own "Solution" heading)."""
    found: dict[int, Exercise] = {}
    for fence, first, body in divs.solutions:
        title = ""
        for number in range(fence + 1, len(divs.lines) + 1):
            if number not in divs.boxes:
                break
            if divs.lines[number - 1].startswith("#"):
                title = markup.render_title(divs.lines[number - 1].lstrip("#").strip(), ctx)[1]
                break
        while body and (not body[0].strip() or body[0].startswith("#")):
            body, first = body[1:], first + 1
        html = markup.render_section("\n".join(body), first, f"solution-{fence}", ctx).html
        where = SourceLocation(ctx.display, fence)
        previous = found.get(fence - 1)
        if previous is not None:  # a second solution of the same challenge
            html = previous.solution_html + "\n" + html
        found[fence - 1] = Exercise(title, html, where)
    return found


def _lesson(divs: Divs, ctx: markup.ReadingContext) -> tuple[dict[str, Any], ...]:
    """The lesson's objectives, questions and key points as plain text."""
    found = []
    for kind, _, items in divs.lesson:
        for item in items:
            html, text, _ = markup.render_title(item.text, ctx)
            if text:
                entry: dict[str, Any] = {"kind": kind, "text": text, authored.LINE: item.line}
                code = [unescape(re.sub(r"<[^>]*>", "", c))
                        for c in re.findall(r"<code>(.*?)</code>", html, re.S)]
                if code:  # '`sort` sorts its inputs': the commands it is about
                    entry["code"] = code
                found.append(entry)
    return tuple(found)


def _unwrap_sectioned(lines: list[str], scan: Scan) -> None:
    """An HTML block with Markdown inside that holds headings (``<div
    dir="rtl" markdown="1">`` around a whole essay) is cut into sections:
    its tags go, so each section is whole Markdown (the course's language
    gives the direction)."""
    for opening, closing in scan.wrappers:
        if any(opening < h.line < closing for h in scan.headings):
            lines[opening - 1] = _OPEN_TAG.sub("", lines[opening - 1], count=1)
            lines[closing - 1] = _CLOSE_TAG.sub("", lines[closing - 1], count=1)


MAX_NESTING = 32
"""Levels of lists, quotes or brackets; python-markdown's time grows as the
cube of the depth, and it recurses once per level."""
_MARKERS = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]+|$))+")
_LIST_OR_QUOTE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]|$)")


def _check_nesting(
    lines: list[str], code: set[int], display: str, errors: list[BuildError]
) -> None:
    """Lists, quotes and brackets nested past :data:`MAX_NESTING` are bad
    input (outside code blocks), reported at their first line."""
    for number, line in enumerate(lines, start=1):
        if number in code or not line.strip():
            continue
        markers = _MARKERS.match(line)
        depth = len(re.findall(r"[-*+>]|\d{1,9}[.)]", markers.group(0))) if markers else 0
        if _LIST_OR_QUOTE.match(line):
            wide = line.expandtabs(4)
            depth = max(depth, (len(wide) - len(wide.lstrip())) // 4)
        if depth > MAX_NESTING or _bracket_depth(line) > MAX_NESTING:
            errors.append(BuildError(
                f"lists, quotes or brackets nested more than {MAX_NESTING} levels deep",
                f"{display}:{number}", "Flatten the nesting (or put the text in a code block)",
            ))
            return


def _bracket_depth(line: str) -> int:
    depth = deepest = 0
    for char in line:
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    return deepest


def _decode(raw: bytes, display: str) -> list[str]:
    text = read_source(raw, display)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _front_matter(
    lines: list[str], display: str, errors: list[BuildError]
) -> tuple[dict[str, Any], int]:
    """YAML between a first line ``---`` and the next ``---``/``...`` line:
    (the mapping, index of the first line after it). Problems go to
    ``errors`` so the rest of the file is still checked."""
    if not lines or lines[0].rstrip() != "---":
        return {}, 0
    end = next((i for i in range(1, len(lines)) if _FRONT_END.match(lines[i])), None)
    if end is None:
        return {}, 0
    try:
        data = yamlsafe.load(
            "\n".join(lines[1:end]), display, 2, what="invalid YAML front matter",
            hint="Fix the YAML between the --- lines (for example: title: My essay)",
        )
    except BuildError as problem:
        errors.append(problem)
        return {}, end + 1
    if data is None:
        return {}, end + 1
    if not isinstance(data, dict):
        errors.append(BuildError(
            "front matter is not a mapping of keys to values", f"{display}:2",
            "Write one 'key: value' per line, for example: title: My essay",
        ))
        return {}, end + 1
    meta = {str(k): v for k, v in data.items()}
    for key in ("title", "author"):
        value = meta.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            meta[key] = str(value)
        elif value is not None and not isinstance(value, str):
            line = next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 2)
            errors.append(BuildError(
                f"front matter '{key}' must be text", f"{display}:{line}",
                f"Write it on one line, for example: {key}: My essay",
            ))
            meta.pop(key)
    return meta, end + 1


def prepare_reading(lines: list[str], scan: Scan, ctx: markup.ReadingContext) -> list[str]:
    """Collect footnote definitions and shared references of a reading into
    ``ctx``; return the lines with footnote definitions blanked (line numbers
    stay true), so each section shows only the notes it references."""
    skip = scan.code | {n for h in scan.headings for n in range(h.line, h.end + 1)}
    out = list(lines)
    shared: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 in skip:
            i += 1
            continue
        found = _FOOTNOTE_DEF.match(lines[i])
        if found:
            end = _definition_end(lines, i)
            ctx.footnotes.setdefault(found.group(1), "\n".join(lines[i:end]))
            out[i:end] = [""] * (end - i)
            i = end
            continue
        if _SHARED_DEF.match(lines[i]):
            shared.append(lines[i])
        i += 1
    ctx.shared = "\n".join(shared)
    return out


def _definition_end(lines: list[str], start: int) -> int:
    """The index after the last line of a footnote definition: its first
    paragraph, then any blank-separated paragraphs indented by four spaces."""
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if line.strip() and (_FOOTNOTE_DEF.match(line) or line.startswith("#")):
            return i
        if not line.strip():
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or not lines[j].startswith("    "):
                return i
            i = j
        i += 1
    return i


def readable_stem(stem: str) -> str:
    """``03-wendell_phillips`` -> ``Wendell phillips``."""
    words = re.sub(r"^[\d\s._-]+", "", stem).replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or stem
    return text[:1].upper() + text[1:]


def authored_blocks(
    lines: list[str], ctx: markup.ReadingContext
) -> tuple[list[str], dict[int, dict[str, Any]]]:
    """Fenced ``coursepack`` blocks (YAML: the author's own objectives,
    questions, quiz items, terms): parsed, keyed by their 0-based line, and
    blanked out of the text so the reading does not show them."""
    out = list(lines)
    blocks: dict[int, dict[str, Any]] = {}
    i = 0
    while i < len(lines):
        opening = _AUTHORED_FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence = opening.group(1)
        end = next(
            (j for j in range(i + 1, len(lines))
             if lines[j].strip().startswith(fence[0] * len(fence))
             and not lines[j].strip().strip(fence[0])),
            len(lines),
        )
        text = "\n".join(lines[i + 1 : end])
        try:
            data = authored.load_yaml(text, ctx.display, first_line=i + 2)
        except BuildError as exc:
            ctx.errors.append(exc)
            data = {}
        if data is not None and not isinstance(data, dict):
            ctx.errors.append(BuildError(
                "a coursepack block must be a mapping", f"{ctx.display}:{i + 1}",
                "Start lines with objectives:, discussion:, quiz: or terms:",
            ))
        elif data:
            data.setdefault(authored.LINE, i + 1)
            blocks[i] = data
        out[i : end + 1] = [""] * (min(end, len(lines) - 1) + 1 - i)
        i = end + 1
    return out, blocks


def _sections(
    lines: list[str], scan: Scan, ctx: markup.ReadingContext,
    blocks: dict[int, dict[str, Any]] | None = None,
    exercises: dict[int, Exercise] | None = None,
) -> list[Section]:
    """One section per heading with a title, plus the text before the first
    one; a heading without words (``### ``, an icon) stays in the body."""
    blocks = blocks or {}
    exercises = exercises or {}
    heads: list[tuple[Heading | None, str, str, str]] = [(None, "", "", "")]
    for found in scan.headings:
        html, plain, custom_id = markup.render_title(found.raw, ctx)
        if plain:
            heads.append((found, html, plain, custom_id))
    stops = [h.line - 1 for h, *_ in heads[1:] if h is not None] + [len(lines)]
    anchors: set[str] = set()
    sections = []
    for index, (head, stop) in enumerate(zip(heads, stops, strict=True)):
        heading, html, plain, custom_id = head
        start = heading.end if heading else 0  # index of the first body line
        slug = markup.ascii_slug(custom_id or plain) or (f"section-{index}" if heading else "start")
        anchor = _unique(slug, anchors)
        body = "\n".join(lines[start:stop]).rstrip()
        rendered = markup.render_section(body, start + 1, anchor, ctx)
        if heading is None and not (rendered.html or rendered.text):
            anchors.discard(anchor)
            continue
        sections.append(Section(
            title=plain,
            level=heading.level if heading else 0,
            anchor=anchor,
            location=SourceLocation(ctx.display, heading.line if heading else start + 1),
            markdown="\n".join(ctx.lines[start:stop]).strip("\n"),
            markdown_line=start + 1 + _leading_blank(ctx.lines[start:stop]),
            html=rendered.html,
            text=rendered.text,
            title_html=html,
            assets=rendered.assets,
            authored=tuple(blocks[i] for i in sorted(blocks) if start <= i < stop),
            exercises=tuple(exercises[i] for i in sorted(exercises) if start <= i < stop),
        ))
    return sections


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


def _source_date(root: Path, readings: tuple[Reading, ...], registry: markup.AssetRegistry) -> int:
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed:
        if not fixed.isdigit():
            raise BuildError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{fixed}'",
                hint="Set it to a number such as 1767225600, or unset it",
            )
        return int(fixed)
    used = (s for s in registry.sources if s.is_relative_to(root))  # not images extracted
    files = [root / CONFIG_FILE, root / "plan.yaml", *(r.path for r in readings), *used]
    return max(int(f.stat().st_mtime) for f in files if f.is_file())


def _leading_blank(lines: list[str]) -> int:
    """How many of ``lines`` are blank before the first with text."""
    return next((n for n, line in enumerate(lines) if line.strip()), len(lines))
