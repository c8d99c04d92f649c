"""``coursepack check --out DIR``: re-open the built LMS packages and list
what an LMS would stumble on."""

from __future__ import annotations

import logging
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from .schemas import ENV, find_schemas, validate
from .xmlgen import SAFE_NAME

log = logging.getLogger("builder")

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
CC11 = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CC13 = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
ADLCP12 = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
ADLCP2004 = "{http://www.adlnet.org/xsd/adlcp_v1p3}"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
QTI_PROFILES = frozenset({"cc.multiple_choice.v0p1", "cc.multiple_response.v0p1",
                          "cc.true_false.v0p1", "cc.fib.v0p1", "cc.essay.v0p1"})
"""Item profiles both Moodle's CC 1.1 importer and Canvas turn into questions."""
MOODLE_TYPES = frozenset({"category", "multichoice", "truefalse", "shortanswer", "essay",
                          "numerical", "matching"})


def check_packages(out: Path, schemas: Path | None = None) -> list[str]:
    """Problems found in the packages in ``out/lms/``, each as
    ``lms/<file>: <what is wrong>``. Schema validity is checked when the
    schemas are found (``schemas``, else ``COURSEPACK_SCHEMAS``)."""
    lms = out / "lms"
    if not lms.is_dir():
        return []
    folder, why = find_schemas(schemas)
    if folder is None and (schemas is not None or os.environ.get(ENV)):
        log.warning("LMS packages not validated against their schemas: %s", why)
    problems: list[str] = []
    for path in sorted(lms.iterdir()):
        shown = f"lms/{path.name}"
        if path.suffix in (".zip", ".imscc"):
            found = check_archive(path, folder)
        elif path.name.endswith("-moodle.xml"):
            found = check_moodle_xml(path.read_bytes())
        elif path.name.endswith("-gift.txt"):
            found = check_gift(path.read_text("utf-8"))
        else:
            continue
        problems += [f"{shown}: {p}" for p in found]
    return problems


def check_archive(path: Path, schemas: Path | None) -> list[str]:
    """Problems of one package (a zip with ``imsmanifest.xml``)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return ["not a zip file"]
    with archive:
        names = archive.namelist()
        problems = [f"{n}: unsafe file name" for n in names if not _safe_path(n)]
        if "imsmanifest.xml" not in names:
            nested = [n for n in names if n.endswith("/imsmanifest.xml")]
            where = f" (found {nested[0]}: zip the folder's contents, not the folder)" \
                if nested else ""
            return [*problems, f"no imsmanifest.xml at the root{where}"]
        raw = archive.read("imsmanifest.xml")
        try:
            root = ET.fromstring(raw)
        except ET.ParseError as exc:
            return [*problems, f"imsmanifest.xml: not well-formed XML: {exc}"]
        kind = manifest_kind(root)
        problems += [f"imsmanifest.xml: {p}" for p in _manifest_problems(root, kind, raw)]
        problems += _file_problems(root, set(names))
        for name, doc_kind in _documents(root, kind):
            if name not in names:
                continue
            content = archive.read(name)
            if doc_kind.endswith("-qti"):
                problems += [f"{name}: {p}" for p in question_type_problems(content)]
            if schemas is not None:
                problems += [f"{name}: {p}" for p in validate(schemas, doc_kind, content)]
        if schemas is not None and kind != "unknown":
            problems += [f"imsmanifest.xml: {p}" for p in validate(schemas, kind, raw)]
    return problems


def manifest_kind(root: ET.Element) -> str:
    """``scorm12``, ``scorm2004``, ``imscp`` (plain content package),
    ``cc11``, ``cc13`` or ``unknown``, from the root namespace."""
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if ns == CP12:
        return "scorm12"
    if ns == CP2004:
        version = root.findtext(f"{{{CP2004}}}metadata/{{{CP2004}}}schemaversion") or ""
        return "scorm2004" if "2004" in version else "imscp"
    return {CC11: "cc11", CC13: "cc13"}.get(ns, "unknown")


def _manifest_problems(root: ET.Element, kind: str, raw: bytes) -> list[str]:
    problems = []
    if kind == "unknown":
        problems.append(f"unknown manifest namespace in {root.tag}")
    ids = [e.get("identifier", "") for e in root.iter() if e.get("identifier") is not None]
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            problems.append(f"identifier {ident!r} is used twice")
        seen.add(ident)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9._-]*", ident):
            problems.append(f"identifier {ident!r} is not a valid XML id")
    for e in root.iter():
        ref = e.get("identifierref")
        if ref is not None and ref not in seen:
            problems.append(f"identifierref {ref!r} points at no identifier")
    if kind == "cc11" and CC11.encode() not in raw[:500]:
        problems.append("the CC 1.1 namespace is not within the first 500 bytes "
                        "(Moodle will not recognise the cartridge)")
    if kind in ("scorm12", "scorm2004"):
        problems += _scormtype_problems(root, kind)
    return problems


def _scormtype_problems(root: ET.Element, kind: str) -> list[str]:
    right, wrong = ((f"{ADLCP12}scormtype", "scormType") if kind == "scorm12"
                    else (f"{ADLCP2004}scormType", "scormtype"))
    problems = []
    for res in root.iter():
        if not res.tag.endswith("}resource"):
            continue
        misspelt = [a for a in res.attrib if a.endswith(wrong) or a.endswith("}" + wrong)]
        if misspelt:
            problems.append(f"resource {res.get('identifier')}: {wrong} is the spelling of "
                            f"the other SCORM version")
        elif res.get(right) not in ("sco", "asset"):
            problems.append(f"resource {res.get('identifier')}: no adlcp:"
                            f"{right.split('}')[1]} of sco or asset")
    return problems


def _hrefs(root: ET.Element) -> list[str]:
    return [e.get("href", "") for e in root.iter()
            if e.tag.split("}")[-1] in ("resource", "file") and e.get("href") is not None]


def _file_problems(root: ET.Element, names: set[str]) -> list[str]:
    problems = []
    listed = set()
    for href in _hrefs(root):
        path = unquote(href.split("#")[0].split("?")[0])
        listed.add(path)
        if " " in href:
            problems.append(f"imsmanifest.xml: href {href!r} has a space")
        if path not in names:
            problems.append(f"imsmanifest.xml: href {href!r} is not in the package")
    for name in sorted(names - listed - {"imsmanifest.xml"}):
        if not name.endswith("/"):
            problems.append(f"{name}: in the package but listed by no resource")
    return problems


def _documents(root: ET.Element, kind: str) -> list[tuple[str, str]]:
    """(file, schema kind) of the discussion topics and QTI files to check."""
    docs = []
    for res in root.iter():
        rtype = res.get("type", "") if res.tag.endswith("}resource") else ""
        first = next((f.get("href", "") for f in res if f.tag.endswith("}file")), "")
        version = "cc13" if kind == "cc13" else "cc11"
        if rtype.startswith("imsdt_xmlv1p"):
            docs.append((first, f"{version}-dt"))
        elif rtype.startswith("imsqti_xmlv1p2"):
            docs.append((first, f"{version}-qti"))
    return docs


def question_type_problems(content: bytes) -> list[str]:
    """QTI items whose CC profile Moodle or Canvas would not import."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    problems = []
    for item in root.iter(f"{QTI}item"):
        profile = ""
        for field in item.iter(f"{QTI}qtimetadatafield"):
            if field.findtext(f"{QTI}fieldlabel") == "cc_profile":
                profile = field.findtext(f"{QTI}fieldentry") or ""
        if profile not in QTI_PROFILES:
            problems.append(f"item {item.get('ident')}: question type {profile or 'missing'!r} "
                            "is not one that Moodle and Canvas import")
    return problems


def check_moodle_xml(content: bytes) -> list[str]:
    """Moodle XML that Moodle's question import would reject or mis-grade."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != "quiz":
        return [f"the root element is <{root.tag}>, not <quiz>"]
    problems = []
    for n, question in enumerate(root.findall("question"), start=1):
        qtype = question.get("type", "")
        if qtype not in MOODLE_TYPES:
            problems.append(f"question {n}: type {qtype!r} is not a Moodle question type")
        elif qtype != "category":
            if not (question.findtext("questiontext/text") or "").strip():
                problems.append(f"question {n}: no question text")
            answers = question.findall("answer")
            if qtype != "essay" and not any(a.get("fraction") == "100" for a in answers):
                problems.append(f"question {n}: no answer is worth full marks")
    return problems


_GIFT_BLOCK = re.compile(r"(?<!\\)\{(.*?)(?<!\\)\}", re.S)


def check_gift(text: str) -> list[str]:
    """GIFT questions that Moodle's GIFT import would reject."""
    problems = []
    for n, block in enumerate(text.split("\n\n"), start=1):
        lines = [ln for ln in block.strip().splitlines() if not ln.startswith("//")]
        body = "\n".join(lines).strip()
        if not body or body.startswith("$CATEGORY:"):
            continue
        answers = _GIFT_BLOCK.findall(body)
        if len(answers) != 1:
            problems.append(f"block {n}: expected one answer block in braces, found {len(answers)}")
            continue
        answer = answers[0].split("####")[0].strip()
        if answer not in ("T", "F", "TRUE", "FALSE") and not re.match(r"^[=~]", answer):
            problems.append(f"block {n}: answer block {answer[:30]!r} is not a GIFT question")
    return problems


def _safe_path(name: str) -> bool:
    parts = name.rstrip("/").split("/")
    return not name.startswith("/") and all(p not in ("", ".", "..") and SAFE_NAME.match(p)
                                            for p in parts)
