"""Readings in other formats: Word (.docx), OpenDocument (.odt), web pages
(.html, .htm) and plain text (.txt), converted to the Markdown model that
:mod:`builder.read` reads.

Word, OpenDocument and HTML go through pandoc, the binary that the optional
``import`` extra (``pypandoc-binary``) bundles: it keeps headings, footnotes,
lists, tables, emphasis and links, and writes the PHP Markdown Extra dialect
that python-markdown reads. Plain text needs nothing: it is paragraphs,
escaped so that no character in it means Markdown.

Hostile documents are bounded before and while pandoc reads them: the file's
size, the unpacked size and number of the parts of a Word or OpenDocument
archive (a zip bomb is refused after reading at most
:data:`MAX_UNPACKED_BYTES`), no DTD in its XML, and pandoc runs in its
``--sandbox`` (no file but its input, no network) with a heap limit and a
timeout. Images embedded in a document are extracted to a private folder in
the temporary folder (by content, the same path in every build), never into
the course folder; a web page's remote images are not fetched (the Markdown
reader warns about them).

Word has no boxes, so a box is a paragraph style named after its kind
(``Challenge``, ``Callout``, ``Solution``, ``Objectives``, ``Questions``,
``Keypoints``, ... :data:`BOX_STYLES`): those paragraphs become the fenced div
(``::: challenge``) the Markdown would have, a heading right before a box's
first paragraph is the box's title, and a solution right after a challenge
goes inside it. Every other paragraph or character style is plain text.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import os
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import divs, media, yamlsafe
from .errors import BuildError, read_source

log = logging.getLogger("builder")

SUFFIXES = {".docx": "docx", ".odt": "odt", ".html": "html", ".htm": "html", ".txt": "txt"}
"""File endings of the readings converted here, and their pandoc reader
(``txt`` is converted without pandoc)."""
KIND_NAMES = {"docx": "Word document", "odt": "OpenDocument text", "html": "web page",
              "txt": "plain text file"}


def a_kind(kind: str) -> str:
    """``a Word document``, ``an OpenDocument text``."""
    name = KIND_NAMES[kind]
    return ("an " if name[0] in "AEIOU" else "a ") + name


EXTRA = "import"
INSTALL_HINT = (
    f"Install the optional '{EXTRA}' extra (pandoc, about 150 MB): "
    f"pip install 'coursepack[{EXTRA}]' (in a clone: .venv/bin/pip install -e '.[{EXTRA}]'); "
    "or save the essay as Markdown (.md) or plain text (.txt)"
)

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""A document, images included (as large as a file a course may use)."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""A .docx or .odt unpacked: its text and every image in it."""
MAX_XML_BYTES = 40 * 1024 * 1024
"""The XML parts of a .docx or .odt: a book of 150,000 words is about 10 MB."""
MAX_PARTS = 5000
PANDOC_SECONDS = 120
PANDOC_HEAP = "1536m"
"""pandoc's heap (GHC's ``-M``): a book-length document needs a few hundred MB."""
_WRITER = "markdown_phpextra+yaml_metadata_block-header_attributes-link_attributes"
_WORD_WRITER = _WRITER + "+fenced_divs"
"""Word's box styles come back as fenced divs (:data:`_BOX_FILTER`)."""
BOX_STYLES = tuple(sorted({*divs.LESSON_KINDS, *divs.BOX_KINDS, divs.SOLUTION}))
"""Paragraph styles of a Word document that are boxes (compared without case,
spaces as hyphens)."""
_BOX_FILTER = (
    f"local BOXES = {{{', '.join(repr(k) for k in BOX_STYLES)}}}\n"
    f"local LESSON = {{{', '.join(repr(k) for k in sorted(divs.LIST_KINDS))}}}\n"
    f"local EXERCISE, SOLUTION = {divs.EXERCISE!r}, {divs.SOLUTION!r}\n"
    + r"""
local kinds, lesson = {}, {}
for _, k in ipairs(BOXES) do kinds[k] = true end
for _, k in ipairs(LESSON) do lesson[k] = true end
local function kind(style)
  return (string.lower(style):gsub("^%s+", ""):gsub("%s+$", ""):gsub("[%s_]+", "-"))
end
local inner = {CodeBlock = true, BulletList = true, OrderedList = true, Table = true,
               BlockQuote = true, DefinitionList = true}
function Span(el)
  if el.attributes["custom-style"] then return el.content end
end
function Blocks(blocks)
  -- 1. styled paragraphs: a box of their kind, or plain text
  local flat = pandoc.List()
  for _, b in ipairs(blocks) do
    local style = b.t == "Div" and b.attributes["custom-style"]
    if not style then
      flat:insert(b)
    elseif kinds[kind(style)] then
      flat:insert(pandoc.Div(b.content, pandoc.Attr("", {kind(style)})))
    else
      flat:extend(b.content)
    end
  end
  -- 2. one box from its pieces: a heading right before it is its title; lists, code
  -- and tables Word cannot style go inside when the box goes on after them (a lesson
  -- box: its list), and a solution right after a challenge goes inside the challenge
  local out = pandoc.List()
  local i = 1
  while i <= #flat do
    local b = flat[i]
    if b.t == "Div" and kinds[b.classes[1] or ""] then
      local k = b.classes[1]
      local content = pandoc.List(b.content)
      local last = out[#out]
      if last and last.t == "Header" and #out > 1 then  -- the first heading is the title
        out:remove(#out)
        content:insert(1, last)
      end
      if lesson[k] and #b.content == 1 and flat[i + 1] and inner[flat[i + 1].t] then
        content:remove(#content)
        content:insert(flat[i + 1])
        i = i + 1
      end
      local j = i + 1
      while true do
        local k2 = j
        while flat[k2] and inner[flat[k2].t] do k2 = k2 + 1 end
        local nxt = flat[k2]
        local after = flat[k2 + 1]
        if nxt and nxt.t == "Div" and nxt.classes[1] == k then
          for m = j, k2 - 1 do content:insert(flat[m]) end
          content:extend(nxt.content)
          j = k2 + 1
        elseif k2 > j and k == EXERCISE and nxt
            and ((nxt.t == "Div" and nxt.classes[1] == SOLUTION)
              or (nxt.t == "Header" and after and after.t == "Div"
                  and after.classes[1] == SOLUTION)) then
          for m = j, k2 - 1 do content:insert(flat[m]) end
          j = k2
          break
        else
          break
        end
      end
      -- a heading right after an exercise with only code, lists or tables under it
      -- (no paragraph Word could style) is the exercise's solution
      local at = j
      while flat[at] and inner[flat[at].t] do at = at + 1 end
      local h = flat[at]
      if k == EXERCISE and h and h.t == "Header" and flat[at + 1]
          and inner[flat[at + 1].t] then
        local e = at + 1
        while flat[e] and inner[flat[e].t] do e = e + 1 end
        local stop = flat[e]
        if not stop or stop.t == "Header" or (stop.t == "Div" and kinds[stop.classes[1] or ""]) then
          for m = j, at - 1 do content:insert(flat[m]) end
          local answer = pandoc.List({h})
          for m = at + 1, e - 1 do answer:insert(flat[m]) end
          content:insert(pandoc.Div(answer, pandoc.Attr("", {SOLUTION})))
          j = e
        end
      end
      i = j
      local box = pandoc.Div(content, pandoc.Attr("", {k}))
      local before = out[#out]
      if k == SOLUTION and before and before.t == "Div" and before.classes[1] == EXERCISE then
        before.content:insert(box)
      else
        out:insert(box)
      end
    else
      out:insert(b)
      i = i + 1
    end
  end
  return out
end
"""
)
BOXES_AS_STYLES = """
function Div(el)
  local k = el.classes[1]
  if k and not el.attributes["custom-style"] then
    local name = k:sub(1, 1):upper() .. k:sub(2)
    el.attributes["custom-style"] = name
    local first = el.content[1]
    if first and (first.t == "BulletList" or first.t == "OrderedList") then
      el.content:insert(1, pandoc.Para({pandoc.Str(name)}))
    end
  end
  return el
end
"""
"""A pandoc Lua filter writing Markdown's fenced divs to Word as paragraph
styles named after their kind (``::: challenge`` -> style ``Challenge``; a box
that opens with a list, such as the lesson's objectives, gets a first paragraph
naming it, since Word gives a list no paragraph style of its own): the Word
document an author would make, for the tests and benchmarks/importer.py."""
_CHUNK = 1 << 20


def imports(name: str | Path) -> bool:
    """True for a file this module converts (by its ending, in any case)."""
    return Path(name).suffix.lower() in SUFFIXES


@dataclass
class Imported:
    """A document as Markdown: its lines, what each line is in the document
    (``paragraph 3 ("first words…")``; empty when the lines are the file's
    own, as for plain text), and the images extracted from it (by the path
    the Markdown uses)."""

    lines: list[str]
    labels: tuple[str, ...] = ()
    media: dict[str, Path] = field(default_factory=dict)


def import_reading(path: Path, display: str) -> Imported:
    """Convert the document at ``path`` (shown as ``display`` in messages)."""
    kind = SUFFIXES[path.suffix.lower()]
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise BuildError(
            f"the {KIND_NAMES[kind]} is {size / 1024 / 1024:,.0f} MB; coursepack reads documents "
            f"of up to {MAX_DOCUMENT_BYTES // 1024 // 1024} MB", display,
            "Make it smaller (compress its pictures) or split it into several readings",
        )
    if kind == "txt":
        return Imported(lines=plain_text(read_source(path.read_bytes(), display), display))
    pandoc = pandoc_binary(kind, display)
    archive = _check_archive(path, kind, display) if kind in ("docx", "odt") else None
    try:
        text = _run_pandoc(pandoc, path, kind, display)
        meta, body = _split_front_matter(text, display)
        extracted: dict[str, Path] = {}
        if archive is not None:
            body, extracted = _extract_archive_images(body, path, kind, archive, display)
        elif kind == "html":
            body, extracted = _extract_data_images(body, path, display)
    finally:
        if archive is not None:
            archive.close()
    body = _without_contents(body, display)
    had_headings = bool(_heading_levels(body.split("\n")))
    lines = _with_title(meta, body.split("\n"), kind)
    labels = paragraph_labels(lines)
    if kind in ("docx", "odt") and not had_headings:
        _warn_bold_headings(lines, labels, kind, display)
    return Imported(lines=lines, labels=labels, media=extracted)


# --- pandoc ----------------------------------------------------------------------------------


def pandoc_binary(kind: str, display: str) -> Path:
    """The pandoc that ``pypandoc-binary`` bundles (never one on PATH: its
    version and options are unknown); missing is bad input naming the extra."""
    try:
        import pypandoc  # type: ignore[import-untyped]
    except ImportError:
        pypandoc = None
    binary = None
    if pypandoc is not None:
        folder = Path(pypandoc.__file__).parent / "files"
        binary = next((folder / n for n in ("pandoc", "pandoc.exe") if (folder / n).is_file()),
                      None)
    if binary is None:
        raise BuildError(
            f"reading {a_kind(kind)} needs pandoc, from coursepack's optional "
            f"'{EXTRA}' extra, which is not installed", display, INSTALL_HINT,
        )
    return binary


def _limits() -> None:  # pragma: no cover - runs in the child
    import resource

    seconds = max(1, int(PANDOC_SECONDS) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # pandoc writes to its stdout alone
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _run_pandoc(pandoc: Path, path: Path, kind: str, display: str) -> str:
    reader = {"html": "html-raw_html", "docx": "docx+styles"}.get(kind, kind)
    writer = _WORD_WRITER if kind == "docx" else _WRITER
    command = [str(pandoc), "+RTS", f"-M{PANDOC_HEAP}", "-RTS", "--sandbox", "--from", reader,
               "--to", writer, "--wrap=none", "--standalone"]
    with tempfile.TemporaryDirectory(prefix="coursepack-pandoc-") as home:
        if kind == "docx":
            (Path(home) / "boxes.lua").write_text(_BOX_FILTER, encoding="utf-8")
            command.append("--lua-filter=boxes.lua")
        command += ["--", str(path)]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=PANDOC_SECONDS, cwd=home,
                env={"HOME": home, "LANG": "C.UTF-8", "PATH": os.defpath},
                preexec_fn=_limits if os.name == "posix" else None, check=False,
            )
        except subprocess.TimeoutExpired:
            raise BuildError(
                f"pandoc took more than {PANDOC_SECONDS} seconds to read the {KIND_NAMES[kind]}",
                display, "Split it into several readings, or save it again from its editor",
            ) from None
        except (OSError, subprocess.SubprocessError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise BuildError(f"pandoc cannot run ({reason})", display, INSTALL_HINT) from None
    errors = done.stderr.decode("utf-8", "replace")
    for line in errors.splitlines():
        if line.strip():
            log.debug("pandoc: %s: %s", display, line.strip())
    if done.returncode != 0:
        raise BuildError(_pandoc_problem(done.returncode, errors, kind), display,
                         _REPAIR.get(kind, ""))
    return read_source(done.stdout, display)


_REPAIR = {
    "docx": "Open it in Word or LibreOffice and save it again as a Word document (.docx)",
    "odt": "Open it in LibreOffice and save it again as OpenDocument text (.odt)",
    "html": "Save the page again from a browser or an editor as HTML",
}


def _pandoc_problem(code: int, errors: str, kind: str) -> str:
    what = KIND_NAMES[kind]
    if code == 251 or "heap" in errors.lower():
        return f"the {what} needs more memory to read than coursepack allows ({PANDOC_HEAP}B)"
    if code < 0:
        return f"pandoc stopped while reading the {what} (signal {-code})"
    lines = [line.strip() for line in errors.splitlines()
             if line.strip() and not line.startswith("[WARNING]")]
    reason = "; ".join(lines[:2])[:200] or f"pandoc exited with code {code}"
    return f"cannot read the {what}: it is damaged or not {a_kind(kind)} ({reason})"


# --- .docx and .odt archives -----------------------------------------------------------------


_MAIN_PART = {"docx": "word/document.xml", "odt": "content.xml"}
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def _check_archive(path: Path, kind: str, display: str) -> zipfile.ZipFile:
    """Open a .docx/.odt and check every part before pandoc sees it: a real
    archive of the right kind, not encrypted, its parts unpacking (really,
    not as their headers claim) to at most :data:`MAX_UNPACKED_BYTES`, and
    no DTD (entity expansion) in its XML."""
    what = KIND_NAMES[kind]

    def bad(problem: str, hint: str = _REPAIR[kind]) -> BuildError:
        return BuildError(problem, display, hint)

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise bad(f"not {a_kind(kind)}: a .{kind} file is a zip archive, and this file is not "
                  "one") from None
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if _MAIN_PART[kind] not in names:
        archive.close()
        raise bad(f"not {a_kind(kind)}: it has no {_MAIN_PART[kind]}")
    if len(infos) > MAX_PARTS:
        archive.close()
        raise bad(f"the {what} has {len(infos):,} parts; coursepack reads up to {MAX_PARTS:,}")
    unpacked = xml = 0
    try:
        for info in infos:
            if info.flag_bits & 0x1:
                raise bad(f"the {what} is protected by a password",
                          "Save a copy without the password and use that")
            is_xml = info.filename.endswith((".xml", ".rels"))
            with archive.open(info) as part:
                first = True
                while chunk := part.read(_CHUNK):
                    if first and is_xml and _DTD.search(chunk[:4096]):
                        raise bad(f"the {what} holds a DTD (<!DOCTYPE or <!ENTITY) in "
                                  f"{info.filename}, which no word processor writes")
                    first = False
                    unpacked += len(chunk)
                    xml += len(chunk) if is_xml else 0
                    if unpacked > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES:
                        limit, of = ((MAX_XML_BYTES, " of text") if xml > MAX_XML_BYTES
                                     else (MAX_UNPACKED_BYTES, ""))
                        raise bad(
                            f"the {what} unpacks to more than {limit // 1024 // 1024} MB{of} "
                            "(a zip bomb, or far longer than a course)",
                            "Split it into several readings, or save it again from its editor",
                        )
    except BuildError:
        archive.close()
        raise
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError,
            RuntimeError) as exc:
        archive.close()
        raise bad(f"cannot read the {what}: it is damaged ({type(exc).__name__}: {exc})"
                  ) from None
    except Exception as exc:  # zlib.error and the like from a corrupt part
        archive.close()
        raise bad(f"cannot read the {what}: it is damaged ({type(exc).__name__})") from None
    return archive


_IMAGE_REF = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)|(<img\b[^>]*?\bsrc=\")([^\"]+)")


def _replace_images(body: str, change: Callable[[str], str | None]) -> str:
    """``body`` with each image path (Markdown or an ``<img>``) passed to
    ``change`` (None keeps it)."""

    def swap(found: re.Match[str]) -> str:
        lead, ref = (found.group(1), found.group(2)) if found.group(1) else \
            (found.group(3), found.group(4))
        new = change(ref)
        return lead + (new if new is not None else ref)

    return _IMAGE_REF.sub(swap, body)


def _extract_archive_images(
    body: str, path: Path, kind: str, archive: zipfile.ZipFile, display: str
) -> tuple[str, dict[str, Path]]:
    """Copy the images the Markdown shows out of the archive into the
    build's media folder; a part that is missing or too large is left to the
    Markdown reader's warnings."""
    found: dict[str, Path] = {}
    names = set(archive.namelist())

    def extract(ref: str) -> str | None:
        if ref in found or "://" in ref or ref.startswith("data:"):
            return None
        clean = str(PurePosixPath(ref))
        member = next((m for m in (f"word/{clean}", clean) if m in names), None)
        if member is None:
            return None
        info = archive.getinfo(member)
        if info.file_size > media.MAX_BYTES:
            return None
        data = archive.read(member)
        found[ref] = _store(data, PurePosixPath(member).name)
        return None

    try:
        _replace_images(body, extract)
    finally:
        archive.close()
    return body, found


_DATA_URI = re.compile(r"data:image/([\w.+-]+);base64,([A-Za-z0-9+/=\s]+)$")
_RASTER_ENDINGS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp", "BMP": "bmp"}


def _extract_data_images(body: str, path: Path, display: str) -> tuple[str, dict[str, Path]]:
    """A web page's images written into it (``data:image/png;base64,...``):
    pictures are extracted into the build, anything else (an SVG may hold a
    script) is left out with a warning."""
    found: dict[str, Path] = {}
    count = 0

    def extract(ref: str) -> str | None:
        nonlocal count
        if not ref.startswith("data:"):
            return None
        count += 1
        name = f"image-{count}"
        decoded = _DATA_URI.match(ref)
        data = b""
        if decoded:
            try:
                data = base64.b64decode(decoded.group(2), validate=False)
            except (binascii.Error, ValueError):
                data = b""
        kind = media.image_format(data[:1024])
        if kind not in _RASTER_ENDINGS or len(data) > media.MAX_BYTES:
            log.warning(f"{display}: image {count} written into the page "
                        f"({ref[:30]}...) is not a PNG, JPEG, GIF or WebP picture; it was left "
                        "out. Save it as a file beside the page and link it.")
            return ""
        local = f"{name}.{_RASTER_ENDINGS[kind]}"
        found[local] = _store(data, local)
        return local

    return _replace_images(body, extract), found


def _media_folder() -> Path:
    """The folder for extracted images: one per user in the temporary
    folder, the same in every build (a build cache keyed on the course model
    sees the same image paths), private to the user (refused when someone
    else owns it or it is a link: then a fresh private folder)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / f"{media.EXTRACTED}{uid if uid is not None else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if folder.is_symlink() or (uid is not None and (info.st_uid != uid
                                                        or info.st_mode & 0o077)):
            raise PermissionError
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix=media.EXTRACTED))
    return folder


def _store(data: bytes, name: str) -> Path:
    """Write an extracted image once per content (in its own folder named
    after its sha256; an existing copy is checked)."""
    digest = hashlib.sha256(data).hexdigest()
    target = _media_folder() / digest[:24] / re.sub(r"[^A-Za-z0-9._-]", "-", name)
    try:
        same = target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest
    except OSError:
        same = False
    if not same:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    return target


# --- the Markdown pandoc wrote ---------------------------------------------------------------


def _split_front_matter(text: str, display: str) -> tuple[dict[str, object], str]:
    """pandoc's YAML block (the document's title and author), and the rest."""
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    try:
        data = yamlsafe.load(text[4:end], display, 1, what="invalid document properties")
    except BuildError:
        data = None
    return (data if isinstance(data, dict) else {}), text[end + 5 :].lstrip("\n")


_ATX = re.compile(r"^(#{1,6})(\s)")
_FENCE = re.compile(r"^(~{3,}|`{3,})")


_CONTENTS_ENTRY = re.compile(r"^(?:\[[^\]]*\]\(#[^)\s]*\)\s*)+$")


def _without_contents(body: str, display: str) -> str:
    """A table of contents (Word's TOC field: paragraphs that are only links
    to headings of the document) is left out: the site, the course pack and
    the EPUB make their own, and its words are not the essay's."""
    lines = body.split("\n")
    entries = [i for i, line in enumerate(lines) if _CONTENTS_ENTRY.match(line.strip())]
    if len(entries) < 2:
        return body
    for index in entries:
        lines[index] = "<!-- contents -->"  # still a paragraph: the numbers in messages hold
    log.info("%s: its table of contents (%d entries) was left out", display, len(entries))
    return "\n".join(lines)


def _heading_levels(lines: list[str]) -> list[tuple[int, int]]:
    """(index, level) of every ATX heading outside fenced code."""
    found = []
    fence = ""
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _ATX.match(line)
        if heading:
            found.append((index, len(heading.group(1))))
    return found


def _with_title(meta: dict[str, object], lines: list[str], kind: str) -> list[str]:
    """The document's title as its first heading. A Word or OpenDocument
    title (its Title style) is above every heading: Heading 1 becomes ``##``
    as in a Markdown essay. A web page's ``<title>`` names a browser tab: it
    is the title only when the page has no ``<h1>``. The author goes into
    the front matter."""
    title = " ".join(str(meta.get("title") or "").split())
    headings = _heading_levels(lines)
    has_h1 = any(level == 1 for _, level in headings)
    out = list(lines)
    front: list[str] = []
    author = meta.get("author")
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author if isinstance(a, str | int | float))
    if isinstance(author, str) and author.strip():
        front = ["---", "author: " + _yaml_text(author), "---", ""]
    if title and (kind != "html" or not has_h1):
        if has_h1:
            for index, level in headings:
                out[index] = "#" * min(level + 1, 6) + out[index][level:]
        return front + ["# " + title, ""] + out  # pandoc wrote it as Markdown
    return front + out


def _yaml_text(value: str) -> str:
    return '"' + " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def paragraph_labels(lines: list[str]) -> tuple[str, ...]:
    """What each line is in the document: ``paragraph N ("first words…")``
    counting every heading, paragraph, list item and table as one, or
    ``footnote N``; the front matter is the document's properties."""
    labels: list[str] = []
    index = 0
    if lines and lines[0] == "---":
        end = next((i for i in range(1, len(lines)) if lines[i] == "---"), 0)
        labels.extend(["the document's properties"] * (end + 1))
        index = end + 1
    number = 0
    current = "paragraph 1"
    fence = ""
    previous_blank = True
    for line in lines[index:]:
        blank = not line.strip()
        opening = _FENCE.match(line)
        note = re.match(r"^\[\^([^\]]+)\]:", line)
        if fence:
            if opening and opening.group(1)[0] == fence[0]:
                fence = ""
        elif note:
            current = f"footnote {note.group(1)}"
        elif not blank and previous_blank and not line.startswith("    "):
            number += 1
            snippet = _snippet(line)
            current = f'paragraph {number} ("{snippet}")' if snippet else f"paragraph {number}"
            if opening:
                fence = opening.group(1)
        labels.append(current)
        previous_blank = blank
    return tuple(labels)


def _snippet(line: str, words: int = 6) -> str:
    text = re.sub(r"<[^>]*>", " ", line)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:#{1,6}\s|[-*+]\s+|\d+\.\s+|>\s*|\|)", "", text)
    text = re.sub(r"[*_`|\\]", "", text).replace('"', "'")
    found = text.split()
    shown = " ".join(found[:words])
    return shown + ("…" if len(found) > words else "")


_BOLD_LINE = re.compile(r"^\*\*([^*]+)\*\*:?$")


def _warn_bold_headings(
    lines: list[str], labels: tuple[str, ...], kind: str, display: str
) -> None:
    """A document without heading styles whose short bold lines stand where
    headings would: one warning naming them and the fix."""
    bold = []
    for index, line in enumerate(lines):
        found = _BOLD_LINE.match(line.strip())
        before = index == 0 or not lines[index - 1].strip()
        after = index + 1 >= len(lines) or not lines[index + 1].strip()
        if found and before and after and len(found.group(1).split()) <= 14:
            bold.append(labels[index])
    if not bold:
        return
    program = "Word or LibreOffice" if kind == "docx" else "LibreOffice"
    shown = "; ".join(bold[:3]) + ("; ..." if len(bold) > 3 else "")
    log.warning(
        f"{display}: the document has no headings, but {len(bold)} bold line(s) look like "
        f"headings ({shown}). coursepack finds sections and modules by heading styles: in "
        f"{program}, give each heading the style Heading 1, Heading 2 or Heading 3 (not just "
        "bold) and save again."
    )


# --- plain text ------------------------------------------------------------------------------


_ESCAPE = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
_LINE_START = {":": "&#58;", "~": "&#126;", "=": "&#61;"}
_SMALL_WORD = 3
"""Words this short may stay lower case in a title ('of', 'the', 'and')."""


def _escape_inline(text: str) -> str:
    """Text that means nothing in Markdown: every sign python-markdown reads
    is escaped, ``&`` and ``<`` are entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _ESCAPE.sub(r"\\\1", text)
    if text[:1] in _LINE_START:
        text = _LINE_START[text[0]] + text[1:]
    return text


def title_case(line: str) -> bool:
    """A short line whose words start with capitals (short linking words
    aside), not ending like a sentence: a heading, probably."""
    text = line.strip()
    words = text.split()
    if not words or len(words) > 12 or len(text) > 90 or text[-1] in ".,;:!\"'”’)":
        return False
    lettered = [w.strip("\"'“‘([") for w in words if any(c.isalpha() for c in w)]
    if not lettered or not any(c.isalpha() and c.isupper() for c in lettered[0][:1]):
        return False
    return all(w[:1].isupper() or (i and len(w) <= _SMALL_WORD and w.isalpha() and w.islower())
               for i, w in enumerate(lettered))


def plain_text(text: str, display: str) -> list[str]:
    """A .txt file as Markdown, line for line (so ``file:line`` stays
    true): paragraphs are the runs of lines between blank lines; a title-case
    line standing alone between blank lines becomes a heading, with a
    warning (the first one, at the top of the file, is the title)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line.strip() for line in raw]
    out = [_escape_inline(line) if line else "" for line in lines]
    taken: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        alone = (line and (index == 0 or not lines[index - 1])
                 and (index + 1 < len(lines) and not lines[index + 1]))
        text_follows = any(lines[index + 1 :])
        if alone and text_follows and title_case(line):
            first = not any(lines[:index])
            out[index] = ("# " if first else "## ") + out[index]
            taken.append((index + 1, line))
    if taken:
        shown = ", ".join(f"line {n} '{t}'" for n, t in taken[:5])
        more = f" and {len(taken) - 5} more" if len(taken) > 5 else ""
        log.warning(
            f"{display}:{taken[0][0]}: {len(taken)} line(s) taken as headings, each standing "
            f"alone in title case: {shown}{more}. Check them: end a line with a full stop to "
            "keep it as text, or save the essay as Markdown (.md) and mark the headings with #."
        )
    return out
